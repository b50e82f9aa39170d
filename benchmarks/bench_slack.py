"""Benchmark: signed `/werving status` commands over loopback HTTP at 1, 10 and 50 concurrent clients.

Runs the real bot on waitress against the stand-in Slack Web API of tests/slack, with a temporary
SQLite file and a small fake answerer. Every request opens its own connection and is signed with the
v0 HMAC, as Slack does. Reports acknowledgements per second, ack latency p50/p99 (what Slack's
3-second rule measures), and commands per second fully answered (the response_url call arrived).
Each level stops after `--requests` commands or `--seconds`, whichever comes first.

    .venv/bin/python benchmarks/bench_slack.py [--requests 500] [--seconds 15] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "slack")]

from slack_standin import SlackStandIn  # noqa: E402
from slack_wire import BOT_TOKEN, SECRET, send_command  # noqa: E402

from bot.adapters.slack.app import build_app  # noqa: E402
from bot.adapters.slack.server import BackgroundServer, http_server  # noqa: E402
from bot.bootstrap import build  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.messages import Answer  # noqa: E402

LEVELS = (1, 10, 50)
CHANNEL = "C500"


class QuietAnswerer:
    """The benchmark sends no questions; the bot still needs an answerer to be built."""

    def answer(self, question: str) -> Answer:
        return Answer(question, False, "Dat staat niet in de handreiking.")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_level(port: int, standin: SlackStandIn, clients: int, requests: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    before = len(standin.calls_to("response_url"))
    deadline = time.monotonic() + seconds
    sent = 0

    def client() -> None:
        nonlocal failures, sent
        while time.monotonic() < deadline:
            with lock:
                if sent >= requests:
                    return
                sent += 1
            result = send_command(port, "status", standin.response_url("bench"), channel=CHANNEL)
            with lock:
                latencies.append(result.seconds)
                failures += result.status != 200

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for _ in range(clients):
            pool.submit(client)
    acked = time.perf_counter() - started
    standin.wait_for("response_url", before + len(latencies), timeout=120)
    answered = time.perf_counter() - started
    return {
        "clients": clients,
        "commands": len(latencies),
        "failures": failures,
        "acks_per_second": len(latencies) / acked,
        "answered_per_second": len(latencies) / answered,
        "ack_p50_ms": statistics.median(latencies) * 1000,
        "ack_p99_ms": percentile(latencies, 0.99) * 1000,
        "ack_max_ms": max(latencies) * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="commands per level (default 500)")
    parser.add_argument("--seconds", type=float, default=15.0, help="time limit per level (default 15)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # queueing under load is what is measured

    standin = SlackStandIn().start()
    standin.channels[CHANNEL] = {"is_private": True, "is_shared": False, "is_ext_shared": False, "is_org_shared": False}
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            db_path=Path(folder) / "bench.db",
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SECRET,
            slack_api_url=standin.base_url,
        )
        application = build(settings, answerer=QuietAnswerer())
        server = BackgroundServer(http_server(build_app(application), application, "127.0.0.1", 0))
        try:
            send_command(server.port, "start Benchmarkstad", standin.response_url("start"), channel=CHANNEL)
            standin.wait_for("chat.postMessage")
            rows = [run_level(server.port, standin, n, args.requests, args.seconds) for n in LEVELS]
        finally:
            server.stop()
            application.close()
            standin.stop()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("clients  commands  acks/s  answered/s  ack p50 ms  ack p99 ms  ack max ms  failures")
    for r in rows:
        print(
            f"{r['clients']:>7}  {r['commands']:>8}  {r['acks_per_second']:>6.0f}  {r['answered_per_second']:>10.0f}"
            f"  {r['ack_p50_ms']:>10.1f}  {r['ack_p99_ms']:>10.1f}  {r['ack_max_ms']:>10.1f}  {r['failures']:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
