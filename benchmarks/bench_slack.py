"""Benchmark: signed `/werving` commands over loopback HTTP: steady load, and bursts in one channel.

Part 1 (`load`): `/werving status` at 1, 10 and 50 concurrent clients.

Runs the real bot on waitress against the stand-in Slack Web API of tests/slack, with a temporary
SQLite file and a small fake answerer. Every request opens its own connection and is signed with the
v0 HMAC, as Slack does. Reports acknowledgements per second, ack latency p50/p99 (what Slack's
3-second rule measures), and commands per second fully answered (the response_url call arrived).
Each level stops after `--requests` commands or `--seconds`, whichever comes first.

Part 2 (`burst`, issue 8): 30 and 100 concurrent commands in one channel (ticks, then role assignments:
each a change of its own), with the real per-channel pace (1 message a second, bursts of 2). Reports how
many changes were in the database when the last ack arrived and how long until all were; how long until
a question asked right after the burst is answered, as a mention in the same channel (a channel message,
queued behind the burst's) and as `/werving vraag` (answered through its response_url); and how long a
question in a third channel takes. Each burst runs twice: alone, and while a second channel's Web API
calls all get 429 (Retry-After 5) and that channel keeps sending commands.

    .venv/bin/python benchmarks/bench_slack.py [--requests 500] [--seconds 15] [--only load|burst] [--json]
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
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "slack"), str(ROOT / "benchmarks")]  # this bot, the stand-ins

from load import QuietAnswerer, percentile, run_clients  # noqa: E402
from slack_standin import Failure, SlackStandIn  # noqa: E402
from slack_wire import BOT_TOKEN, SECRET, mention, send_command, send_event  # noqa: E402

from bot.adapters.slack.app import build_app, close_app, runtime_of  # noqa: E402
from bot.adapters.slack.server import BackgroundServer, http_server  # noqa: E402
from bot.bootstrap import build  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.state import Status  # noqa: E402

LEVELS = (1, 10, 50)
CHANNEL = "C500"


def run_level(port: int, standin: SlackStandIn, clients: int, requests: int, seconds: float) -> dict[str, float]:
    before = len(standin.calls_to("response_url"))

    def send(number: int) -> tuple[bool, float]:
        # every command has a response_url of its own, as in Slack
        result = send_command(port, "status", standin.response_url(f"bench{clients}-{number}"), channel=CHANNEL)
        return result.status == 200, result.seconds

    started = time.perf_counter()
    load = run_clients(clients, requests, seconds, send)
    latencies = load.latencies
    standin.wait_for("response_url", before + len(latencies), timeout=120)
    answered = time.perf_counter() - started
    return {
        "clients": clients,
        "commands": len(latencies),
        "failures": load.failures,
        "acks_per_second": len(latencies) / load.took,
        "answered_per_second": len(latencies) / answered,
        "ack_p50_ms": statistics.median(latencies) * 1000,
        "ack_p99_ms": percentile(latencies, 0.99) * 1000,
        "ack_max_ms": max(latencies) * 1000,
    }


BURST_CHANNEL, LIMITED_CHANNEL, OTHER_CHANNEL = "CBURST", "C429", "COTHER"


def changes(application, ticks: list[str], members: list[str]) -> int:
    """How many of the burst's changes are in the database now."""
    state = application.store.procedure(BURST_CHANNEL)
    done = sum(state.record(i).status is Status.DONE for i in ticks)
    return done + sum("selectiecommissie" in state.roles.get(u, ()) for u in members)


def wait_answer(standin: SlackStandIn, question: str, method: str, started: float, timeout: float = 300) -> float:
    marker = f"Antwoord-{abs(hash(question))}"
    standin.wait_for(method, where=lambda c: marker in str(c.params), timeout=timeout)
    found = [c for c in standin.calls_to(method) if marker in str(c.params)]
    return found[0].at - started


def run_burst(size: int, limited: bool) -> dict[str, float]:
    """One burst of `size` commands in one channel, on a fresh bot; see the module docstring."""
    standin = SlackStandIn().start()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            db_path=Path(folder) / "bench.db",
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SECRET,
            slack_api_url=standin.base_url,
        )
        application = build(settings, answerer=QuietAnswerer())
        app = build_app(application)
        server = BackgroundServer(http_server(app, application, "127.0.0.1", 0))
        port = server.port
        try:
            for channel in (BURST_CHANNEL, LIMITED_CHANNEL, OTHER_CHANNEL):
                send_command(port, "start Benchmarkstad", standin.response_url("start"), channel=channel)
            runtime_of(app).outbox.flush(30)
            time.sleep(2.0)  # the start messages' own pace has passed: every channel starts fresh
            stop_limited = threading.Event()
            limited_thread = None
            if limited:
                refusal = Failure(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "5"})
                standin.channel_failures[LIMITED_CHANNEL] = refusal

                def keep_busy() -> None:
                    n = 0
                    while not stop_limited.is_set():
                        n += 1
                        send_command(port, f"vraag drukte {n}", standin.response_url("l"), channel=LIMITED_CHANNEL)
                        send_event(port, mention(f"<@UBOT> drukte {n}", channel=LIMITED_CHANNEL))
                        stop_limited.wait(0.2)

                limited_thread = threading.Thread(target=keep_busy, daemon=True)
                limited_thread.start()
                time.sleep(1.0)  # the limited channel is refused a few times before the burst
            ticks = [s.id for s in application.plan.substeps()][: min(size, 30)]
            members = [f"U{9000 + n}" for n in range(size - len(ticks))]
            texts = [f"klaar {i}" for i in ticks] + [f"rol <@{u}> selectiecommissie" for u in members]
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=size) as pool:
                results = list(
                    pool.map(lambda t: send_command(port, t, standin.response_url("b"), channel=BURST_CHANNEL), texts)
                )
            last_ack = time.monotonic()
            at_last_ack = changes(application, ticks, members)
            while changes(application, ticks, members) < size:
                time.sleep(0.005)
            all_in_db = time.monotonic() - last_ack
            q_mention, q_command, q_other = (f"vraag na de burst {size} {limited} {k}" for k in range(3))
            asked = time.monotonic()
            send_event(port, mention(f"<@UBOT> {q_mention}", channel=BURST_CHANNEL))
            send_command(port, f"vraag {q_command}", standin.response_url("q"), channel=BURST_CHANNEL)
            send_event(port, mention(f"<@UBOT> {q_other}", channel=OTHER_CHANNEL))
            other = wait_answer(standin, q_other, "chat.postMessage", asked)
            command = wait_answer(standin, q_command, "response_url", asked)
            same = wait_answer(standin, q_mention, "chat.postMessage", asked)
            stop_limited.set()
            if limited_thread is not None:
                limited_thread.join()
            latencies = [r.seconds for r in results]
            return {
                "burst": size,
                "429_elsewhere": limited,
                "acks_ok": sum(r.status == 200 for r in results),
                "ack_max_ms": max(latencies) * 1000,
                "burst_seconds": time.perf_counter() - started,
                "changes_at_last_ack": at_last_ack,
                "all_in_db_after_last_ack_ms": all_in_db * 1000,
                "question_same_channel_s": same,
                "question_vraag_command_s": command,
                "question_other_channel_s": other,
                "burst_channel_posts": len(
                    [c for c in standin.calls_to("chat.postMessage") if c.params.get("channel") == BURST_CHANNEL]
                ),
            }
        finally:
            server.stop()
            close_app(app)
            application.close()
            standin.stop()


def print_bursts(rows: list[dict[str, float]]) -> None:
    print(
        "burst  429 elders  acks  ack max ms  in DB bij laatste ack  alles in DB na  vraag zelfde kanaal  "
        "vraag via /werving  vraag ander kanaal  berichten in kanaal"
    )
    for r in rows:
        print(
            f"{r['burst']:>5}  {'ja' if r['429_elsewhere'] else 'nee':>10}  {r['acks_ok']:>4}  {r['ack_max_ms']:>10.0f}"
            f"  {r['changes_at_last_ack']:>15}/{r['burst']:<5}  {r['all_in_db_after_last_ack_ms']:>11.1f} ms"
            f"  {r['question_same_channel_s']:>17.2f} s  {r['question_vraag_command_s']:>16.2f} s"
            f"  {r['question_other_channel_s']:>16.2f} s  {r['burst_channel_posts']:>19}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="commands per level (default 500)")
    parser.add_argument("--seconds", type=float, default=15.0, help="time limit per level (default 15)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--only", choices=["load", "burst"], help="run one part only")
    args = parser.parse_args(argv)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # queueing under load is what is measured
    logging.getLogger("bot").setLevel(logging.ERROR)  # the 429s of the burst part are expected
    bursts = []
    if args.only != "load":
        bursts = [run_burst(size, limited) for size in (30, 100) for limited in (False, True)]
        if args.only == "burst":
            if args.json:
                print(json.dumps(bursts, indent=2))
            else:
                print_bursts(bursts)
            return 0

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
        app = build_app(application)
        server = BackgroundServer(http_server(app, application, "127.0.0.1", 0))
        try:
            send_command(server.port, "start Benchmarkstad", standin.response_url("start"), channel=CHANNEL)
            standin.wait_for("chat.postMessage")
            rows = [run_level(server.port, standin, n, args.requests, args.seconds) for n in LEVELS]
        finally:
            server.stop()
            close_app(app)
            application.close()
            standin.stop()
    if args.json:
        print(json.dumps({"load": rows, "burst": bursts}, indent=2))
        return 0
    print("clients  commands  acks/s  answered/s  ack p50 ms  ack p99 ms  ack max ms  failures")
    for r in rows:
        print(
            f"{r['clients']:>7}  {r['commands']:>8}  {r['acks_per_second']:>6.0f}  {r['answered_per_second']:>10.0f}"
            f"  {r['ack_p50_ms']:>10.1f}  {r['ack_p99_ms']:>10.1f}  {r['ack_max_ms']:>10.1f}  {r['failures']:>8}"
        )
    if bursts:
        print()
        print_bursts(bursts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
