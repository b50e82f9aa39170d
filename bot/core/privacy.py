"""Warnings about where a procedure runs: candidate information is confidential."""

from __future__ import annotations

from bot.core.messages import ChannelPrivacy

CONFIDENTIAL = (
    "Alles over kandidaten is vertrouwelijk. Ik bewaar geen namen of cv's van kandidaten; "
    "zet ze ook niet in dit kanaal."
)


def privacy_warning(privacy: ChannelPrivacy | None) -> str | None:
    """A Dutch warning when the channel is not known to be private and unshared, else None."""
    if privacy is None or privacy.is_safe:
        return None
    if not privacy.checked:
        return (
            "⚠️ Ik kon niet nagaan of dit kanaal privé is, dus ga ik ervan uit dat het dat niet is. "
            "Informatie over kandidaten is vertrouwelijk: voer deze procedure in een privékanaal "
            "dat niet met andere organisaties wordt gedeeld."
        )
    if privacy.shared_externally:
        return (
            "⚠️ Dit kanaal wordt gedeeld met een andere organisatie. Informatie over kandidaten is "
            "vertrouwelijk: voer deze procedure in een privékanaal van alleen jullie eigen organisatie."
        )
    return (
        "⚠️ Dit kanaal is openbaar. Informatie over kandidaten is vertrouwelijk: "
        "voer deze procedure in een privékanaal met alleen de commissieleden."
    )
