"""The chat commands: names, usage and Dutch help text, and splitting a command line into parts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommandSpec:
    """One chat command and its help."""

    name: str
    usage: str
    summary: str
    needs_procedure: bool
    writes: bool


COMMANDS: dict[str, CommandSpec] = {
    spec.name: spec
    for spec in (
        CommandSpec("help", "help [opdracht]", "Laat deze hulp zien, of uitleg bij één opdracht.", False, False),
        CommandSpec(
            "start",
            "start [gemeente]",
            "Start een procedure in dit kanaal (één procedure per kanaal).",
            False,
            True,
        ),
        CommandSpec("status", "status", "Voortgang per fase, wat de volgende stap is en wat vervalt.", True, False),
        CommandSpec("klaar", "klaar <id> [toelichting]", "Vink een substap af, bijvoorbeeld `klaar 1a`.", True, True),
        CommandSpec(
            "heropen",
            "heropen <id>",
            "Zet een afgevinkte of overgeslagen substap weer open; `heropen procedure` opent een afgesloten procedure "
            "weer (proceseigenaar, binnen de termijn).",
            False,
            True,
        ),
        CommandSpec(
            "nvt",
            "nvt <id> [reden]",
            "Markeer een substap als niet van toepassing (overgeslagen).",
            True,
            True,
        ),
        CommandSpec(
            "stap",
            "stap <id>",
            "Wat een substap inhoudt, wie aan zet is en waar je op let (of `stap 5` voor een hele stap).",
            False,
            False,
        ),
        CommandSpec(
            "rol",
            "rol <@gebruiker> <rol>",
            "Geef iemand een rol, bijvoorbeeld `rol @piet burgemeester`; `rol @piet geen burgemeester` trekt hem in.",
            True,
            True,
        ),
        CommandSpec("rollen", "rollen", "Wie welke rol heeft, en welke rollen er zijn.", True, False),
        CommandSpec(
            "school",
            "school <zuiver|breed|tussen>",
            "Kies hoe de commissies worden ingericht; bepaalt welke substappen vervallen.",
            True,
            True,
        ),
        CommandSpec(
            "planning",
            "planning [<id>] <datum> | planning voorstel <startdatum> | planning ics",
            "Plan de volgende substap (`planning 15 maart`) of een bepaalde (`planning 6a 15-03-2027 10:00`); "
            "`planning voorstel <startdatum>` stelt een planning voor alle open substappen voor; `planning ics` "
            "geeft de planning als agendabestand; zonder datum toont hij de planning op datum, met de verwachte "
            "benoeming.",
            True,
            True,
        ),
        CommandSpec("vraag", "vraag <tekst>", "Stel een vraag over de handreiking.", False, False),
        CommandSpec(
            "export",
            "export",
            "Het dossier van deze procedure (na afsluiten: van de laatste): stappen, rollen en logboek.",
            False,
            False,
        ),
        CommandSpec(
            "afsluiten",
            "afsluiten <reden>",
            "Sluit de procedure af (na bevestiging); het dossier blijft bewaard en het kanaal kan een nieuwe starten.",
            True,
            True,
        ),
        CommandSpec(
            "document",
            "document <soort> [docx | vragen | <vraag-id> <antwoord>]",
            "Maak een document (profiel, werving, gesprekken, referenties, or-advies, assessment, bw-voorstel, "
            "bekendmaking); `document profiel docx` geeft het als Word-bestand, `document profiel vragen` toont "
            "de vragen, `document profiel opgaven <antwoord>` legt een antwoord vast.",
            True,
            True,
        ),
        CommandSpec(
            "bevestig",
            "bevestig",
            "Bevestig de opdracht waar ik je net om vroeg (binnen 10 minuten, in dit kanaal).",
            False,
            True,
        ),
        CommandSpec("annuleer", "annuleer", "Laat de opdracht die op je bevestiging wacht vervallen.", False, True),
    )
}

ALIASES = {
    "hulp": "help",
    "?": "help",
    "gereed": "klaar",
    "afvinken": "klaar",
    "rollenlijst": "rollen",
    "bevestigen": "bevestig",
    "annuleren": "annuleer",
}


def split_command(text: str) -> tuple[str, str]:
    """Split 'klaar 1a  mooi gedaan' into ('klaar', '1a  mooi gedaan'); the name is lower-cased."""
    parts = text.strip().split(None, 1)
    if not parts:
        return "", ""
    name = parts[0].lower().lstrip("/")
    name = ALIASES.get(name, name)
    return name, parts[1].strip() if len(parts) > 1 else ""


def first_word(args: str) -> tuple[str, str]:
    """Split off the first word of the arguments."""
    parts = args.split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1].strip() if len(parts) > 1 else ""
