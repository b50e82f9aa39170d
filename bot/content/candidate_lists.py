"""Word lists for recognising candidate data: Dutch first names and surnames (from `deduce`) and our own lists.

The name lists are those the Dutch de-identification library `deduce` ships; procedures/candidate_data.yaml
adds the words that point to a candidate's documents and the words that are no names in this procedure.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.content.errors import ContentError
from bot.content.yamlfile import field_list, read_yaml

_NAMES = "data/lookup/src/names"
_WHITELIST = "data/lookup/src/whitelist"


@dataclass(frozen=True)
class CandidateLists:
    """The lists the candidate-data check uses."""

    first_names: frozenset[str]  # capitalised, e.g. "Piet"
    surnames: frozenset[str]  # capitalised, e.g. "Jansen"
    interfixes: frozenset[str]  # lower case, e.g. "van der"
    ordinary_words: frozenset[str]  # lower case: common Dutch words and our not_names
    document_words: tuple[str, ...]  # lower case


def _deduce_dir() -> Path:
    """Where the deduce package's files are, found without importing it (its import sets up logging)."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise ContentError("deduce", "(pakket)", "het pakket deduce ontbreekt; installeer het met pip")
    return Path(next(iter(spec.submodule_search_locations)))


def _read(folder: str, name: str) -> frozenset[str]:
    """One of deduce's lists (items minus exceptions), one entry a line."""
    base = _deduce_dir() / folder / name
    items = set((base / "items.txt").read_text(encoding="utf-8").splitlines())
    exceptions = base / "exceptions.txt"
    if exceptions.is_file():
        items -= set(exceptions.read_text(encoding="utf-8").splitlines())
    return frozenset(i.strip() for i in items if i.strip())


@lru_cache(maxsize=1)
def _deduce_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    first = _read(_NAMES, "lst_first_name")
    surnames = _read(_NAMES, "lst_surname")
    interfixes = frozenset(i.lower() for i in _read(_NAMES, "lst_interfix"))
    common = frozenset(w.lower() for w in _read(_WHITELIST, "lst_common_word") | _read(_WHITELIST, "lst_stop_word"))
    return first, surnames, interfixes, common


def load_candidate_lists(procedures_dir: Path) -> CandidateLists:
    """Load procedures/candidate_data.yaml and the name lists; errors name the file and the key."""
    path = procedures_dir / "candidate_data.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, "(bestand)", "moet een mapping met document_words en not_names zijn")
    documents = tuple(w.lower() for w in field_list(path, data, "document_words", "(bestand)"))
    if not documents:
        raise ContentError(path, "document_words", "noem minstens één woord")
    not_names = frozenset(w.lower() for w in field_list(path, data, "not_names", "(bestand)"))
    first, surnames, interfixes, common = _deduce_lists()
    return CandidateLists(
        first_names=first,
        surnames=surnames,
        interfixes=interfixes,
        ordinary_words=common | not_names,
        document_words=documents,
    )
