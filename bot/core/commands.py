"""The chat commands, each declared once: name, aliases, usage, Dutch help line, handler and how it runs.

The dispatcher (bot/core/bot.py), `help`, the mistyped-command suggestions, the conversation vocabulary's
check and the app manifests (teams/manifest.json, slack/manifest.yaml; tests hold them to this table) all
read `DECLARED`. Nothing else lists the commands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.content.plan import Plan
from bot.core.context import CommandError, Context
from bot.core.handlers.documents import handle_document
from bot.core.handlers.info import handle_export, handle_vraag
from bot.core.handlers.people import handle_rol, handle_rollen, handle_school
from bot.core.handlers.procedure import (
    handle_afsluiten,
    handle_heropen,
    handle_klaar,
    handle_nvt,
    handle_stap,
    handle_start,
    handle_status,
)
from bot.core.messages import Reply
from bot.core.planning.handler import handle_planning
from bot.core.render import STORAGE_NOTICE
from bot.core.text import escape, shorten

Handler = Callable[[Context, str], list[Reply]]


class Run(Enum):
    """How the bot carries a command out."""

    TRANSACTION = "transaction"  # in one unit of work (a writing one when `writes`), the procedure loaded
    STATELESS = "stateless"  # without storage (help)
    QUESTION = "question"  # the channel's procedure read outside a transaction; a direct message has none
    CONFIRM = "confirm"  # carries out the person's command that waits for confirmation (bevestig)
    CANCEL = "cancel"  # drops the person's command that waits for confirmation (annuleer)


@dataclass(frozen=True)
class Command:
    """One chat command: everything the bot, its help and the manifests know about it."""

    name: str
    usage: str
    summary: str  # the Dutch help line
    handler: Handler | None  # None for the commands the bot carries out itself (Run.CONFIRM, Run.CANCEL)
    writes: bool  # changes state (never run from a message that ends in a question mark)
    needs_procedure: bool = False  # refused with NO_PROCEDURE when the channel has none
    aliases: tuple[str, ...] = ()
    run: Run = Run.TRANSACTION
    manifest: str = ""  # the short Dutch description in the Teams app manifest; "" when not listed there
    hint: str = ""  # its part of the Slack slash command's usage hint; "" when not listed there
    warns_channel: bool = False  # its answer carries the channel warning: adapters check the channel first
    needs_members: bool = False  # adapters ask the platform who is in the channel (roles go to members only)


def handle_help(ctx: Context, args: str) -> list[Reply]:
    """The command overview, or help for one command."""
    typed = args.split()[0].lower().lstrip("/") if args.split() else ""
    if not typed:
        return [ctx.requester_reply(help_text(ctx.plan))]
    name = ALIASES.get(typed, typed)
    if name not in COMMANDS:
        near = nearest_command(typed)
        guess = f" Bedoel je `{near}`? Typ dan `help {near}`." if near else ""
        raise CommandError(
            f"De opdracht '{escape(shorten(typed, 30))}' ken ik niet.{guess} Opdrachten: "
            + ", ".join(f"`{c}`" for c in COMMANDS)
            + ". Typ `help` voor de uitleg bij alle opdrachten."
        )
    return [ctx.requester_reply(command_help(name))]


DECLARED: tuple[Command, ...] = (
    Command(
        "help",
        "help [opdracht]",
        "Laat deze hulp zien, of uitleg bij één opdracht.",
        handle_help,
        writes=False,
        aliases=("hulp", "?"),
        run=Run.STATELESS,
        manifest="Alle opdrachten, of uitleg bij één opdracht.",
        hint="help",
    ),
    Command(
        "start",
        "start [gemeente]",
        "Start een procedure in dit kanaal (één procedure per kanaal).",
        handle_start,
        writes=True,
        manifest="Start een procedure in dit kanaal, bijvoorbeeld: start Zaanstad.",
        hint="start [gemeente]",
        warns_channel=True,
    ),
    Command(
        "status",
        "status",
        "Voortgang per fase, wat de volgende stap is en wat vervalt.",
        handle_status,
        writes=False,
        needs_procedure=True,
        manifest="Voortgang per fase en wat de volgende stap is.",
        hint="status",
        warns_channel=True,
    ),
    Command(
        "klaar",
        "klaar <id> [toelichting]",
        "Vink een substap af, bijvoorbeeld `klaar 1a`.",
        handle_klaar,
        writes=True,
        needs_procedure=True,
        aliases=("gereed", "afvinken"),
        manifest="Vink een substap af, bijvoorbeeld: klaar 1a.",
        hint="klaar <id>",
    ),
    Command(
        "heropen",
        "heropen <id>",
        "Zet een afgevinkte of overgeslagen substap weer open; `heropen procedure` opent een afgesloten procedure "
        "weer (proceseigenaar, binnen de termijn).",
        handle_heropen,
        writes=True,
    ),
    Command(
        "nvt",
        "nvt <id> [reden]",
        "Markeer een substap als niet van toepassing (overgeslagen).",
        handle_nvt,
        writes=True,
        needs_procedure=True,
    ),
    Command(
        "stap",
        "stap <id>",
        "Wat een substap inhoudt, wie aan zet is en waar je op let (of `stap 5` voor een hele stap).",
        handle_stap,
        writes=False,
        manifest="Wat een substap inhoudt en wie aan zet is, bijvoorbeeld: stap 1a.",
        hint="stap <id>",
    ),
    Command(
        "rol",
        "rol <@gebruiker> <rol>",
        "Geef iemand een rol, bijvoorbeeld `rol @piet burgemeester`; `rol @piet geen burgemeester` trekt hem in.",
        handle_rol,
        writes=True,
        needs_procedure=True,
        manifest="Geef iemand een rol: rol @naam burgemeester.",
        hint="rol @naam <rol>",
        needs_members=True,
    ),
    Command(
        "rollen",
        "rollen",
        "Wie welke rol heeft, en welke rollen er zijn.",
        handle_rollen,
        writes=False,
        needs_procedure=True,
        aliases=("rollenlijst",),
        manifest="Wie welke rol heeft, en welke rollen er zijn.",
    ),
    Command(
        "school",
        "school <zuiver|breed|tussen>",
        "Kies hoe de commissies worden ingericht; bepaalt welke substappen vervallen.",
        handle_school,
        writes=True,
        needs_procedure=True,
    ),
    Command(
        "planning",
        "planning [<id>] <datum> | planning voorstel <startdatum> | planning ics",
        "Plan de volgende substap (`planning 15 maart`) of een bepaalde (`planning 6a 15-03-2027 10:00`); "
        "`planning voorstel <startdatum>` stelt een planning voor alle open substappen voor; `planning ics` "
        "geeft de planning als agendabestand; zonder datum toont hij de planning op datum, met de verwachte "
        "benoeming.",
        handle_planning,
        writes=True,
        needs_procedure=True,
        manifest="Plan de volgende substap op een datum, of toon de planning.",
    ),
    Command(
        "vraag",
        "vraag <tekst>",
        "Stel een vraag over de handreiking.",
        handle_vraag,
        writes=False,
        run=Run.QUESTION,
        manifest="Stel een vraag over de handreiking.",
        hint="vraag <tekst>",
    ),
    Command(
        "export",
        "export",
        "Het dossier van deze procedure (na afsluiten: van de laatste): stappen, rollen en logboek.",
        handle_export,
        writes=False,
        manifest="Het dossier van deze procedure.",
    ),
    Command(
        "afsluiten",
        "afsluiten <reden>",
        "Sluit de procedure af (na bevestiging); het dossier blijft bewaard en het kanaal kan een nieuwe starten.",
        handle_afsluiten,
        writes=True,
        needs_procedure=True,
    ),
    Command(
        "document",
        "document <soort> [docx | vragen | <vraag-id> <antwoord>]",
        "Maak een document (profiel, werving, gesprekken, referenties, or-advies, assessment, bw-voorstel, "
        "bekendmaking); `document profiel docx` geeft het als Word-bestand, `document profiel vragen` toont "
        "de vragen, `document profiel opgaven <antwoord>` legt een antwoord vast.",
        handle_document,
        writes=True,
        needs_procedure=True,
    ),
    Command(
        "bevestig",
        "bevestig",
        "Bevestig de opdracht waar ik je net om vroeg (binnen 10 minuten, in dit kanaal).",
        None,
        writes=True,
        aliases=("bevestigen",),
        run=Run.CONFIRM,
        needs_members=True,
    ),
    Command(
        "annuleer",
        "annuleer",
        "Laat de opdracht die op je bevestiging wacht vervallen.",
        None,
        writes=True,
        aliases=("annuleren",),
        run=Run.CANCEL,
    ),
)

COMMANDS: dict[str, Command] = {command.name: command for command in DECLARED}
ALIASES: dict[str, str] = {alias: command.name for command in DECLARED for alias in command.aliases}
CHANNEL_CHECKED = frozenset(command.name for command in DECLARED if command.warns_channel)
MEMBERS_NEEDED = frozenset(command.name for command in DECLARED if command.needs_members)


def help_text(plan: Plan) -> str:
    """The overview of all commands."""
    lines = ["*Werving gemeentesecretaris: opdrachten* (in Slack na `/werving`; in een bericht aan mij mag het zonder)"]
    lines += [f"• `{command.usage}`: {command.summary}" for command in DECLARED]
    lines.append("Een vraag kun je ook gewoon aan mij stellen door me te noemen of me een bericht te sturen.")
    lines.append(STORAGE_NOTICE)
    lines.append(f"Substappen lopen van {plan.substeps()[0].id} tot {plan.substeps()[-1].id}; `stap 1` toont stap 1.")
    return "\n".join(lines)


def command_help(name: str) -> str:
    """Help for one command."""
    command = COMMANDS[name]
    return f"`{command.usage}`: {command.summary}"


def unknown_command_text(name: str) -> str:
    """The reply to a command word the bot does not know (and cannot read as a mistyped one)."""
    choices = ", ".join(f"`{c}`" for c in COMMANDS)
    return f"De opdracht '{escape(shorten(name, 30))}' ken ik niet. Kies uit: {choices}. Typ `help` voor uitleg."


def manifest_commands() -> list[tuple[str, str]]:
    """The (title, description) pairs of the Teams app manifest's command list, in order."""
    return [(command.name, command.manifest) for command in DECLARED if command.manifest]


def slack_usage_hint() -> str:
    """The usage hint of the Slack slash command (slack/manifest.yaml)."""
    return " | ".join(command.hint for command in DECLARED if command.hint)


def nearest_command(word: str, *, short: bool = False) -> str | None:
    """The command a mistyped word most likely means ("klaaar" -> "klaar"), or None when none is near.

    Words of three letters ("stp") only count with `short`, when arguments follow that fit the command.
    """
    word = word.lower().strip(",.:;!")
    if len(word) < (3 if short else 4) or not word.isalpha():
        return None
    limit = 1 if len(word) <= 6 else 2
    choices = {**{name: name for name in COMMANDS}, **{alias: target for alias, target in ALIASES.items()}}
    found = process.extractOne(word, list(choices), scorer=OSA.distance, score_cutoff=limit)
    if found is None:
        return None
    return choices[found[0]]


def split_command(text: str) -> tuple[str, str]:
    """Split 'klaar 1a  mooi gedaan' into ('klaar', '1a  mooi gedaan'); the name is lower-cased, an alias resolved."""
    parts = text.strip().split(None, 1)
    if not parts:
        return "", ""
    name = parts[0].lower().lstrip("/")
    name = ALIASES.get(name, name)
    return name, parts[1].strip() if len(parts) > 1 else ""
