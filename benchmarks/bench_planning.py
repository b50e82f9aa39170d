"""Benchmark of the planning code paths: library import times, first and steady date parsing, a proposal.

    .venv/bin/python benchmarks/bench_planning.py [--runs 200]

1. Import time of dateparser, holidays and icalendar, each in a fresh process (best of 3); all three are
   imported lazily, only on planning code paths, so `ask` and the servers' start-up do not pay for them.
2. Date parsing: the first `parse_when` in a fresh process (dateparser loads its Dutch data then), and
   p50 / p99 per form of the steady state.
3. A full proposal (`propose`) over the 37 sub-steps on working days, p50.
4. Whether `python -m bot ask` imports any of the three libraries (it must not).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMS = [
    "15 maart 2027",
    "15 mrt",
    "15-3",
    "15-03-27",
    "2027-03-15",
    "15-03-2027",
    "morgen",
    "volgende week dinsdag",
    "15 maart 10:00",
    "dinsdag",
    "over 2 weken",
]


def fresh(code: str) -> float:
    """Seconds a fresh interpreter needs to run `code` (best of 3), minus an empty interpreter."""

    def run(snippet: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", snippet], check=True, cwd=ROOT)
            best = min(best, time.perf_counter() - start)
        return best

    return run(code) - run("pass")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    for lib in ("dateparser", "holidays", "icalendar"):
        print(f"import {lib:<11} {fresh(f'import {lib}') * 1000:7.1f} ms (fresh process)")
    first = fresh(
        "from datetime import datetime, UTC; from zoneinfo import ZoneInfo;"
        "from bot.core.planning.dates import parse_when;"
        "parse_when('15 maart 2027', datetime(2026, 12, 4, tzinfo=UTC), ZoneInfo('Europe/Amsterdam'))"
    )
    print(f"first parse_when incl. imports {first * 1000:7.1f} ms (fresh process)")

    from bot.core.planning.dates import parse_when

    tz = ZoneInfo("Europe/Amsterdam")
    now = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)
    parse_when("15 maart 2027", now, tz)
    for form in FORMS:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            parse_when(form, now, tz)
            times.append(time.perf_counter() - start)
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"parse {form!r:<26} p50 {statistics.median(times) * 1000:6.2f} ms  p99 {p99 * 1000:6.2f} ms")

    from bot.bootstrap import load_content
    from bot.config import Settings
    from bot.core.planning.schedule import propose
    from bot.core.state import ProcedureState

    plan = load_content(Settings())
    assert plan.timing is not None
    state = ProcedureState("C", "X", "console", "u", now)
    times = []
    for _ in range(max(runs // 10, 5)):
        start = time.perf_counter()
        propose(plan, state, date(2026, 12, 7), plan.timing)
        times.append(time.perf_counter() - start)
    print(f"propose 37 sub-steps p50 {statistics.median(times) * 1000:6.2f} ms")

    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", "ask", "wie benoemt de secretaris"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    modules = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    loaded = [lib for lib in ("dateparser", "holidays", "icalendar") if lib in modules]
    print(f"`ask` imports: {', '.join(loaded) if loaded else 'none of dateparser, holidays, icalendar'}")


if __name__ == "__main__":
    main()
