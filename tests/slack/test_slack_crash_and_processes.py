"""Issue 8, findings 2 and 5: nothing acknowledged is lost to `kill -9`; two processes send each message once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fakes import FakeAnswerer
from slack_support import start_bot
from slack_wire import BOT_TOKEN, SECRET, get, send_command

from bot.adapters.dispatch import OutboxDispatcher
from bot.bootstrap import build
from bot.config import Settings
from bot.core.messages import Incoming, Reply
from bot.core.state import Status
from bot.reminders.delivery import Deliverer
from bot.storage import messages, outbox
from bot.storage.db import Database
from bot.storage.store import SqliteStore

ROOT = Path(__file__).resolve().parents[2]


def utc_now() -> datetime:
    return datetime.now(UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, standin, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BOT_"))}
    env.update(
        {
            "BOT_DB": str(db),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": standin.base_url,
        }
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "slack", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if get(port, "/healthz").status == 200:
                return proc
        except OSError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.05)


def test_kill_9_right_after_a_burst_loses_no_acknowledged_tick(tmp_path, standin):
    db, port = tmp_path / "bot.db", free_port()
    proc = start_server(db, standin, port)
    try:
        assert send_command(port, "start Zaanstad", standin.response_url("s")).status == 200
        store = SqliteStore(Database(db))
        # `nvt` with a reason needs no confirmation (a burst of `klaar` far ahead of the plan would ask first)
        ids = [f"{n}{c}" for n in (1, 2, 3, 4, 5, 6, 7) for c in "abcd" if f"{n}{c}" not in {"1d", "7d"}][:30]
        with ThreadPoolExecutor(max_workers=30) as pool:
            results = list(pool.map(lambda i: send_command(port, f"nvt {i} burst", standin.response_url(i)), ids))
        proc.send_signal(signal.SIGKILL)  # the moment the last ack arrived
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    acknowledged = [i for i, r in zip(ids, results, strict=True) if r.status == 200]
    state = store.procedure("C100")
    valid = [i for i in acknowledged if state is not None and i in {s.id for s in _plan_ids()}]
    assert valid and all(state.record(i).status is Status.SKIPPED for i in valid)
    store.close()

    # Every reply is either out already or waiting in the outbox; after a restart the waiting ones go out
    # (one the killed process was sending is released at start, as its process is gone).
    database = Database(db)
    queued = {m.payload["body"]["text"]: m.status for m in messages.all_messages(database)}
    database.close()
    delivered = {c.params["text"] for c in standin.calls_to("chat.postMessage")}
    for i in valid:
        assert any(f"*{i}*" in t for t in delivered | set(queued)), i
    # the first few are enough: the channel is paced at about one message a second
    pending = [t for t, status in queued.items() if status == messages.PENDING and t not in delivered][:3]
    assert pending
    again = start_server(db, standin, port)
    try:
        deadline = time.monotonic() + 20
        while not all(any(t in c.params["text"] for c in standin.calls_to("chat.postMessage")) for t in pending):
            if time.monotonic() > deadline:
                check = Database(db)
                left = [(m.lane, m.status, m.attempts) for m in messages.all_messages(check) if m.status != "sent"]
                check.close()
                raise AssertionError(f"queued replies were not delivered after the restart: {left}")
            time.sleep(0.1)
    finally:
        again.send_signal(signal.SIGTERM)
        again.communicate(timeout=30)


def _plan_ids():
    from bot.bootstrap import load_content

    return load_content(Settings()).substeps()


class SlowRecorder:
    """A Sender whose every send takes `seconds`; records what it sent."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.sent: list[tuple[str, str | None, str]] = []
        self.lock = threading.Lock()

    def send(self, channel: str, reply: Reply) -> None:
        time.sleep(self.seconds)
        with self.lock:
            self.sent.append((channel, reply.user, reply.text))


def test_two_processes_never_send_a_reminder_twice_when_a_batch_outlasts_its_lease(tmp_path):
    settings = Settings(db_path=tmp_path / "bot.db")
    first = build(settings, answerer=FakeAnswerer())
    for channel in ("C1", "C2", "C3"):
        for text in ("start Zaanstad", "rol @piet burgemeester"):
            first.bot.handle(Incoming("console", channel, "jan", text, is_command=True), utc_now())
    with first.store.database.transaction(write=False) as db:
        total = sum(1 for r in outbox.rows(db) if r.status == outbox.PENDING)
    assert total >= 6
    second = build(settings, answerer=FakeAnswerer())
    sender = SlowRecorder(0.15)
    lease = timedelta(seconds=0.4)  # shorter than the batch, longer than one send
    deliverers = [Deliverer(a.store.database, a.plan, sender, lease=lease, clock=utc_now) for a in (first, second)]
    stop = time.monotonic() + 0.15 * total + 2

    def serve(deliverer: Deliverer) -> None:
        while time.monotonic() < stop:
            deliverer.deliver_due(utc_now())
            time.sleep(0.02)

    threads = [threading.Thread(target=serve, args=(d,)) for d in deliverers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    counts = Counter(sender.sent)
    assert len(counts) == total and max(counts.values()) == 1
    first.close()
    second.close()


def test_two_processes_send_each_queued_message_once(tmp_path):
    database = Database(tmp_path / "bot.db")
    SqliteStore(database)
    for n in range(12):
        messages.enqueue(database, f"C{n % 4}", {"n": n}, utc_now())
    sent: list[int] = []
    lock = threading.Lock()

    def transport(payload: dict) -> None:
        time.sleep(0.1)
        with lock:
            sent.append(payload["n"])

    dispatchers = [
        OutboxDispatcher(Database(tmp_path / "bot.db"), transport, utc_now, lease=timedelta(seconds=0.3), poll=0.02)
        for _ in range(2)
    ]
    for d in dispatchers:
        d.start()
    try:
        deadline = time.monotonic() + 15
        while len(sent) < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # a duplicate would arrive within a lease or two
    finally:
        for d in dispatchers:
            d.stop()
    assert sorted(sent) == list(range(12))
    per_lane = [[n for n in sent if n % 4 == lane] for lane in range(4)]
    assert all(lane == sorted(lane) for lane in per_lane)  # each lane kept its order
    assert messages.counts(database) == {messages.SENT: 12}
    database.close()


def test_a_lease_of_a_process_that_is_gone_is_released_at_start(tmp_path):
    database = Database(tmp_path / "bot.db")
    SqliteStore(database)
    messages.enqueue(database, "C1", {"n": 1}, utc_now())
    dead = f"{socket.gethostname()}:999999999:dead"
    assert messages.claim(database, 1, dead, utc_now(), timedelta(hours=1)) is not None
    sent: list[dict] = []
    dispatcher = OutboxDispatcher(database, sent.append, utc_now, poll=0.02).start()
    try:
        assert dispatcher.flush(5) and sent == [{"n": 1}]
    finally:
        dispatcher.stop()
    database.close()


def test_closing_waits_for_the_work_after_the_ack_and_the_sends_in_flight(tmp_path, standin):
    running = start_bot(tmp_path / "bot.db", standin, listener_executor=ThreadPoolExecutor(max_workers=2))
    standin.hang_channels["C100"] = 0.5
    assert send_command(running.port, "start Zaanstad", standin.response_url("s")).status == 200
    standin.wait_for("chat.postMessage")  # the first message is in flight, the channel check may be too
    running.stop()
    database = Database(tmp_path / "bot.db")
    found = messages.all_messages(database)
    database.close()
    assert found[0].status == messages.SENT  # finished and recorded before the database closed
    assert any("kon niet nagaan" in m.payload["body"]["text"] for m in found)  # the check after the ack ran
