"""Load generation shared by the platform benchmarks (bench_slack.py, bench_teams.py).

`run_clients` keeps `clients` threads sending until `requests` were sent or `seconds` passed, and
collects each request's latency and whether it failed; `percentile` reads a figure off the latencies.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bot.core.messages import Answer


class QuietAnswerer:
    """Answers every question with a recognisable line (the Q&A itself is measured in bench_ask.py)."""

    def answer(self, question: str) -> Answer:
        return Answer(question, True, f"Antwoord-{abs(hash(question))}", ("1.2.2",))


@dataclass(frozen=True)
class LoadResult:
    """What one level of load produced: per-request latencies (s), failures, and the wall time (s)."""

    latencies: list[float]
    failures: int
    took: float


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_clients(clients: int, requests: int, seconds: float, send: Callable[[int], tuple[bool, float]]) -> LoadResult:
    """Run `clients` concurrent senders; `send(number)` sends request `number` (1, 2, ...) and returns
    whether it succeeded and how long it took."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    sent = 0

    def client() -> None:
        nonlocal failures, sent
        while time.monotonic() < deadline:
            with lock:
                if sent >= requests:
                    return
                sent += 1
                number = sent
            ok, elapsed = send(number)
            with lock:
                latencies.append(elapsed)
                failures += not ok

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for _ in range(clients):
            pool.submit(client)
    return LoadResult(latencies, failures, time.perf_counter() - started)
