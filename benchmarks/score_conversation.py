"""Score the bot on a conversation set: messages typed in a running procedure, through the console adapter.

Usage (from the project root, with the project's Python):
    python benchmarks/score_conversation.py SET [--show-failures] [--min 0.9]

SET is a folder holding conversation.yaml (the format of the fresh evaluation sets) or such a file
itself. Every message runs on its own, in a fresh database, in channel `commissie`, after the fixed
setup below typed by `jan`, with the real guide answerer. A message passes when every `must` group
has one alternative in what the bot printed (accent- and case-insensitive; a leading or trailing
space asks for a word boundary), its `state` holds afterwards, `unchanged: true` holds (no sub-step
status changed), and for kind `offtopic` every reply's outcome is "refuse". Prints per-kind and total
pass rates; exit 0 when the total reaches --min, 1 when not, 2 when the set cannot be read.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.adapters.console import ConsoleSession  # noqa: E402
from bot.bootstrap import Application, build  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.messages import QuestionAnswerer  # noqa: E402
from bot.core.progress import effective_status  # noqa: E402

CHANNEL = "commissie"
SETUP_USER = "jan"
SETUP = (
    *(
        ("jan", line)
        for line in (
            "/werving start Zaanstad",
            "/werving rol @jan manager-po",
            "/werving rol @els burgemeester",
            "/werving rol @piet or",
            "/werving rol @karin portefeuillehouder-po",
            "/werving school zuiver",
            *(f"/werving klaar {sub}" for sub in ("1a", "1b", "1c")),
        )
    ),
    ("karin", "/werving klaar 1d"),  # the college adopts the profile (only the college's roles may tick 1d)
    *(("jan", f"/werving klaar {sub}") for sub in ("2a", "2b", "2c", "3a")),
)
KINDS = ("command", "bot", "procedure", "stepplan", "guide", "offtopic")
MOMENT = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def norm(text: str) -> str:
    """Lower-case, accents folded, every run of non-alphanumerics one space (as ../shared/eval/score.py)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def contains(text: str, alt: str) -> bool:
    """alt is a substring of text; a leading or trailing space in alt asks for a word boundary there."""
    pattern = (" " if alt[:1].isspace() else "") + norm(alt) + (" " if alt[-1:].isspace() else "")
    return pattern in " " + norm(text) + " "


@dataclass
class Result:
    """One scored message."""

    item: dict[str, Any]
    output: str
    outcomes: list[str | None]
    reason: str | None


def load_set(path: Path) -> list[dict[str, Any]]:
    """The messages of a set folder's conversation.yaml (or of that file), checked for shape."""
    file = path / "conversation.yaml" if path.is_dir() else path
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    messages = data.get("messages") if isinstance(data, dict) else None
    if not isinstance(messages, list) or not messages:
        raise ValueError(f"{file}: messages: een niet-lege lijst verwacht")
    for i, item in enumerate(messages):
        if not isinstance(item, dict) or not isinstance(item.get("say"), str) or item.get("kind") not in KINDS:
            raise ValueError(f"{file}: messages[{i}]: say (tekst) en kind ({', '.join(KINDS)}) zijn verplicht")
    return messages


def statuses(app: Application) -> dict[str, str]:
    """The effective status of every sub-step of the channel's procedure."""
    state = app.store.procedure(CHANNEL)
    if state is None:
        return {}
    return {s.id: effective_status(app.plan, state, s).value for s in app.plan.substeps()}


def prepare(folder: Path) -> tuple[Path, QuestionAnswerer]:
    """A database after the fixed setup, to be copied for every message, and the real answerer to reuse."""
    template = folder / "template.db"
    app = build(Settings(db_path=template), clock=lambda: MOMENT)  # the composition root builds the real answerer
    answerer = app.bot.answerer
    try:
        for user, line in SETUP:  # each line typed by the member who may give it
            ConsoleSession(app, channel=CHANNEL, user=user).say(line)
        state = statuses(app)
        assert state.get("3a") == "done" and state.get("3b") == "open", "setup failed"
    finally:
        app.close()
    return template, answerer


def score_one(item: dict[str, Any], template: Path, folder: Path, answerer: QuestionAnswerer, n: int) -> Result:
    """Run one message in a copy of the prepared database and check it."""
    db = folder / f"m{n}.db"
    shutil.copyfile(template, db)
    app = build(Settings(db_path=db), clock=lambda: MOMENT, answerer=answerer)
    try:
        before = statuses(app)
        session = ConsoleSession(app, channel=CHANNEL, user=str(item.get("user") or SETUP_USER))
        output = "\n".join(session.say(item["say"]))
        outcomes = [r.outcome for r in session.last_replies]
        after = statuses(app)
    finally:
        app.close()
        for leftover in folder.glob(f"m{n}.db*"):
            leftover.unlink()
    return Result(item, output, outcomes, _reason(item, output, outcomes, before, after))


def _reason(
    item: dict[str, Any], output: str, outcomes: list[str | None], before: dict[str, str], after: dict[str, str]
) -> str | None:
    """None when the message passes, else why not."""
    missing = [g for g in item.get("must") or [] if not any(contains(output, str(alt)) for alt in g)]
    if missing:
        return "missing " + " / ".join("|".join(str(a) for a in g) for g in missing)
    for sub_id, wanted in (item.get("state") or {}).items():
        if after.get(str(sub_id).lower()) != wanted:
            return f"state {sub_id}: {after.get(str(sub_id).lower())} (wanted {wanted})"
    if item.get("unchanged") and before != after:
        changed = [k for k in after if before.get(k) != after[k]]
        return f"changed {', '.join(changed)}"
    if item["kind"] == "offtopic" and (not outcomes or any(o != "refuse" for o in outcomes)):
        return f"not refused (outcomes {outcomes})"
    return None


def main(argv: list[str] | None = None) -> int:
    """Score a set and print the rates."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", type=Path, help="folder with conversation.yaml, or the file itself")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--show-all", action="store_true", help="print every message with the bot's output")
    parser.add_argument("--min", type=float, default=0.9, help="total pass rate needed for exit 0")
    args = parser.parse_args(argv)
    try:
        messages = load_set(args.set)
    except (OSError, ValueError, yaml.YAMLError) as err:
        print(f"Fout: {err}", file=sys.stderr)
        return 2
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template, answerer = prepare(folder)
        for n, item in enumerate(messages):
            results.append(score_one(item, template, folder, answerer, n))
    by_kind: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_kind[result.item["kind"]].append(result)
    if args.show_failures or args.show_all:
        for result in results:
            if args.show_all and not result.reason:
                print(f"ok   [{result.item['kind']}] {result.item['say']!r} {result.outcomes}\n{result.output}\n")
            elif result.reason:
                shown = result.output.replace("\n", " ⏎ ")[:400]
                print(f"FAIL [{result.item['kind']}] {result.item['say']!r}: {result.reason}\n     -> {shown}\n")
    for kind in KINDS:
        group = by_kind.get(kind, [])
        if group:
            passed = sum(1 for r in group if r.reason is None)
            print(f"{kind:<10} {passed:>3}/{len(group):<3} {passed / len(group):6.1%}")
    total = sum(1 for r in results if r.reason is None)
    print(f"{'total':<10} {total:>3}/{len(results):<3} {total / len(results):6.1%}")
    return 0 if total / len(results) >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
