"""Benchmark: signed `status` activities over loopback HTTP at 1, 10 and 50 concurrent clients (Teams).

Runs the real bot (`serve teams`' ASGI app on uvicorn) against the Bot Framework stand-in of tests/teams
(OpenID metadata and keys, token endpoint, Bot Connector), with a temporary SQLite file and a small fake
answerer. Every activity carries an RS256 token the server validates, and opens its own connection. The
HTTP answer comes only after the command ran and its status card was posted to the stand-in, so the
latency is the whole answer. Each level stops after `--requests` activities or `--seconds`.

    .venv/bin/python benchmarks/bench_teams.py [--requests 500] [--seconds 15] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "teams"), str(ROOT / "benchmarks")]

from load import QuietAnswerer, percentile, run_clients  # noqa: E402
from teams_standin import TeamsStandIn  # noqa: E402
from teams_wire import APP_ID, APP_PASSWORD, SigningKey, message, post  # noqa: E402

from bot.adapters.teams.app import TeamsBot  # noqa: E402
from bot.adapters.teams.server import BackgroundServer  # noqa: E402
from bot.bootstrap import build  # noqa: E402
from bot.config import Settings  # noqa: E402

LEVELS = (1, 10, 50)


def run_level(url: str, standin: TeamsStandIn, token: str, clients: int, requests: int, seconds: float) -> dict:
    def send(number: int) -> tuple[bool, float]:
        activity = message(standin.service_url, "status")
        started = time.perf_counter()
        status, _ = post(url, activity, token, timeout=30)
        return status == 200, time.perf_counter() - started

    load = run_clients(clients, requests, seconds, send)
    latencies = load.latencies
    return {
        "clients": clients,
        "activities": len(latencies),
        "failures": load.failures,
        "activities_per_second": len(latencies) / load.took,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": max(latencies) * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="activities per level (default 500)")
    parser.add_argument("--seconds", type=float, default=15.0, help="time limit per level (default 15)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    logging.getLogger("bot").setLevel(logging.WARNING)

    key = SigningKey("bench-key")
    standin = TeamsStandIn(key).start()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            db_path=Path(folder) / "bench.db",
            teams_app_id=APP_ID,
            teams_app_password=APP_PASSWORD,
            teams_test_openid_metadata_url=standin.metadata_url,
            teams_test_token_url=standin.token_url,
            teams_test_service_url=standin.origin,
        )
        application = build(settings, answerer=QuietAnswerer())
        bot = TeamsBot(application)
        server = BackgroundServer(bot.http_server("127.0.0.1", 0))
        url = f"http://127.0.0.1:{server.port}/api/messages"
        token = key.token(standin.service_url)
        try:
            status, _ = post(url, message(standin.service_url, "start Benchmarkstad"), token)
            assert status == 200, status
            rows = [run_level(url, standin, token, n, args.requests, args.seconds) for n in LEVELS]
        finally:
            server.stop()
            bot.close()
            application.close()
            standin.stop()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("clients  activities  activities/s  p50 ms  p99 ms  max ms  failures")
    for r in rows:
        print(
            f"{r['clients']:>7}  {r['activities']:>10}  {r['activities_per_second']:>12.0f}  {r['p50_ms']:>6.1f}"
            f"  {r['p99_ms']:>6.1f}  {r['max_ms']:>6.1f}  {r['failures']:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
