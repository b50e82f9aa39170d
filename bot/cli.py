"""The command line, `python -m bot …`, exactly as in DESIGN.md; Dutch messages for users."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.config import Settings, SettingsError
from bot.content.errors import ContentError
from bot.storage.errors import StorageError

# argparse writes its own words in English; these are the ones a user of this command line can meet.
_DUTCH_HELP = (
    ("usage: ", "gebruik: "),
    ("positional arguments:", "argumenten:"),
    ("options:", "opties:"),
    ("show this help message and exit", "toon deze hulp en stop"),
)
_DUTCH_ERRORS = (
    (re.compile(r"invalid choice: (.+) \(choose from (.+)\)"), r"onbekende keuze \1 (kies uit \2)"),
    (re.compile(r"expected one argument"), "hier hoort één waarde achter"),
    (re.compile(r"expected at least one argument"), "hier hoort minstens één waarde achter"),
    (re.compile(r"unrecognized arguments: (.+)"), r"onbekende argumenten: \1"),
    (re.compile(r"the following arguments are required: (.+)"), r"dit ontbreekt nog: \1"),
    (re.compile(r"one of the arguments (.+) is required"), r"geef een van deze: \1"),
    (re.compile(r"invalid (\w+) value: (.+)"), r"ongeldige waarde \2"),
    (re.compile(r"not allowed with argument (.+)"), r"gaat niet samen met \1"),
    (re.compile(r"ambiguous option: (.+) could match (.+)"), r"optie \1 is niet eenduidig: \2"),
)


def dutch(text: str) -> str:
    """argparse's English words in a help or usage text, in Dutch."""
    for english, ours in _DUTCH_HELP:
        text = text.replace(english, ours)
    return text


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with Dutch help, usage and error output."""

    def format_usage(self) -> str:
        """The usage line, in Dutch."""
        return dutch(super().format_usage())

    def format_help(self) -> str:
        """The help text, in Dutch."""
        return dutch(super().format_help())

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print a Dutch usage error and exit 2."""
        for pattern, replacement in _DUTCH_ERRORS:
            message = pattern.sub(replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = DutchArgumentParser(
        prog="python -m bot", description="Assistent voor de werving en selectie van een gemeentesecretaris."
    )
    sub = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=DutchArgumentParser)

    ask = sub.add_parser("ask", help="beantwoord een vraag uit de handreiking")
    ask.add_argument("question", nargs="?", help="de vraag")
    ask.add_argument("--json", action="store_true", help="antwoord als JSON")
    ask.add_argument("--batch", metavar="BESTAND", help="één vraag per regel; één JSON-regel per vraag")

    steps = sub.add_parser("steps", help="het stappenplan")
    steps.add_argument("--json", action="store_true", help="als JSON")

    chat = sub.add_parser("chat", help="chat met de bot in de terminal")
    chat.add_argument("--channel", default="console", help="het kanaal (standaard: console)")
    chat.add_argument("--user", default="gebruiker", help="wie je bent (standaard: gebruiker)")

    export = sub.add_parser("export", help="het dossier van een procedure")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--channel", help="het kanaal van de procedure (de lopende, of de laatste afgesloten)")
    which.add_argument("--procedure", type=int, metavar="ID", help="een procedure op id (zie `dossiers`)")
    export.add_argument("--json", action="store_true", help="als JSON")

    dossiers = sub.add_parser("dossiers", help="alle procedures met id, kanaal en stand")
    dossiers.add_argument("--json", action="store_true", help="als JSON")

    audit = sub.add_parser("audit", help="controleer het logboek")
    audit.add_argument("--verify", action="store_true", required=True, help="controleer de hashketen")

    reminders = sub.add_parser("reminders", help="welke herinneringen op een moment klaarstaan")
    reminders.add_argument("--channel", required=True, help="het kanaal van de procedure")
    reminders.add_argument("--at", metavar="ISO-DATUMTIJD", help="het moment (standaard: nu)")
    reminders.add_argument("--json", action="store_true", help="als JSON")

    planning = sub.add_parser("planning", help="de planning van een procedure als iCalendar-bestand")
    planning.add_argument("--channel", required=True, help="het kanaal van de procedure")
    planning.add_argument("--ics", metavar="BESTAND", help="schrijf naar dit .ics-bestand (standaard: uitvoer)")

    document = sub.add_parser("document", help="maak een document voor een procedure (Markdown of Word)")
    document.add_argument(
        "soort", help="profiel, werving, gesprekken, referenties, or-advies, assessment, bw-voorstel of bekendmaking"
    )
    document.add_argument("--channel", required=True, help="het kanaal van de procedure")
    document.add_argument("--docx", metavar="BESTAND", help="schrijf een Word-bestand")
    document.add_argument("--markdown", metavar="BESTAND", help="schrijf een Markdown-bestand")

    serve = sub.add_parser("serve", help="start de bot voor Slack of Microsoft Teams")
    serve.add_argument("platform", choices=["slack", "teams"], help="het platform")
    serve.add_argument("--port", type=int, default=None, help="de poort (standaard 3000 voor Slack, 3978 voor Teams)")
    package = sub.add_parser("teams-package", help="maak het Teams-app-pakket (zip) om te uploaden")
    package.add_argument("--output", default="werving-teams.zip", help="het zip-bestand (standaard werving-teams.zip)")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help(out)
        return 2
    try:
        settings = Settings.from_env()
        return _dispatch(args, settings, out)
    except (SettingsError, StorageError) as err:
        print(f"Fout: {err}", file=sys.stderr)
        return 1
    except ContentError as err:
        print(f"Fout in de inhoud: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing left to tell anyone.
        sys.stderr.close()
        return 0


def _dispatch(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if args.command == "ask":
        from bot.content.conversation import load_vocabulary
        from bot.content.documents import KINDS
        from bot.content.plan import load_plan, load_sections
        from bot.core.commands import COMMANDS
        from bot.core.conversation import Conversation
        from bot.qa.cli import run_ask

        # Not through bootstrap: `ask` starts cold for every question, so it loads only what it needs.
        plan = load_plan(settings.procedures_dir, load_sections(settings.knowledge_dir))
        vocabulary = load_vocabulary(
            settings.procedures_dir / "conversation.yaml", COMMANDS, [s.id for s in plan.substeps()], KINDS
        )
        usage = Conversation(plan, vocabulary).usage_answer
        return run_ask(args.question, as_json=args.json, batch=args.batch, settings=settings, out=out, usage=usage)
    if args.command == "steps":
        return _steps(settings, args.json, out)
    if args.command == "chat":
        from bot.adapters import console
        from bot.bootstrap import build_for_serving

        app = build_for_serving(settings)
        print(database_notice(settings), file=sys.stderr)
        try:
            return console.run(app, console.utf8_lines(sys.stdin), out, channel=args.channel, user=args.user)
        finally:
            app.close()
    if args.command == "export":
        from bot.archive_cli import run_export

        return run_export(settings, args.channel, args.procedure, args.json, out)
    if args.command == "dossiers":
        from bot.archive_cli import run_dossiers

        return run_dossiers(settings, args.json, out)
    if args.command == "audit":
        from bot.archive_cli import run_audit_verify

        return run_audit_verify(settings, out)
    if args.command == "reminders":
        from bot.reminders_cli import run_reminders

        return run_reminders(settings, channel=args.channel, at=args.at, as_json=args.json, out=out)
    if args.command == "planning":
        from bot.planning_cli import run_planning

        return run_planning(settings, channel=args.channel, ics=args.ics, out=out)

    if args.command == "document":
        from bot.documents_cli import run_document

        return run_document(settings, args.soort, args.channel, docx=args.docx, markdown=args.markdown, out=out)
    if args.command == "teams-package":
        return _teams_package(settings, Path(args.output), out)
    if args.command == "serve" and args.platform == "teams":
        from bot.adapters.teams.server import serve as serve_teams
        from bot.bootstrap import build_for_serving

        return serve_teams(settings, port=args.port, build=build_for_serving, notice=database_notice(settings))
    if args.command == "serve":
        from bot.adapters.slack.server import serve
        from bot.bootstrap import build_for_serving

        return serve(settings, port=args.port, build=build_for_serving, notice=database_notice(settings))
    raise AssertionError(args.command)


def database_notice(settings: Settings) -> str:
    """The line `chat` and `serve` print at start (on standard error): which database file they use."""
    return f"Ik gebruik de database {settings.db_path.resolve()} (een ander bestand kies je met BOT_DB)."


def _teams_package(settings: Settings, output: Path, out: TextIO) -> int:
    from bot.adapters.teams.package import PackageError, build_package

    try:
        written = build_package(settings, output)
    except PackageError as err:
        print(f"Fout: {err}", file=sys.stderr)
        return 1
    out.write(
        f"Teams-app-pakket geschreven naar {written}. Upload het in Teams (Apps → Apps beheren → Een app uploaden).\n"
    )
    return 0


def _steps(settings: Settings, as_json: bool, out: TextIO) -> int:
    from bot.bootstrap import load_content
    from bot.core.render import FLAG_LABEL

    plan = load_content(settings)
    if as_json:
        rows = []
        for sub in plan.substeps():
            step = plan.step(sub.step)
            assert step is not None
            rows.append(
                {
                    "id": sub.id,
                    "title": sub.title,
                    "step": sub.step,
                    "step_title": step.title,
                    "phase": sub.phase,
                    "phase_title": plan.phases[sub.phase - 1].title,
                    "flags": sorted(sub.flags),
                    "acts": list(sub.acts),
                    "involve": list(sub.involve),
                    "section": sub.section,
                }
            )
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    for phase in plan.phases:
        out.write(f"Fase {phase.id} {phase.title}: {phase.question}\n")
        for step in phase.steps:
            out.write(f"  Stap {step.id} {step.title}\n")
            for sub in step.substeps:
                flags = ", ".join(FLAG_LABEL[f] for f in sorted(sub.flags))
                out.write(f"    {sub.id:<4}{sub.title}" + (f" ({flags})" if flags else "") + "\n")
    return 0
