"""The outbox: exactly once across restarts and processes, waiting for a role holder, retries with back-off."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

from fakes import FakeClock
from reminder_support import FlakySender, RecordingSender, commands

from bot.core.messages import Audience
from bot.reminders.delivery import Deliverer, backoff
from bot.reminders.scheduler import ReminderScheduler
from bot.storage import outbox

ROOT = Path(__file__).resolve().parents[2]


def rows(app, channel=None):
    with app.store.database.transaction(write=False) as db:
        return outbox.rows(db, channel)


def statuses(app):
    return Counter(r.status for r in rows(app))


def test_a_private_reminder_waits_for_a_holder_and_never_goes_to_the_channel(make_app):
    clock = FakeClock()
    app = make_app(clock=clock)
    sender = RecordingSender()
    scheduler = ReminderScheduler(app, sender)
    commands(app, "start Zaanstad", "klaar 1a", "klaar 1b", "klaar 1c", "klaar 1d", "klaar 2a")
    scheduler.run_once(clock())
    assert all(s.reply.audience is Audience.CHANNEL for s in sender.sent)
    assert not any("Persoonlijke herinnering" in s.reply.text for s in sender.take())
    waiting = [r for r in rows(app) if r.status == outbox.WAITING]
    assert {r.rule for r in waiting} == {"burgemeester-intern-vooraf", "burgemeester-regie"}
    clock.advance(hours=1)
    commands(app, "rol @piet burgemeester")
    scheduler.run_once(clock())
    delivered = sender.take()
    assert [s.reply.user for s in delivered] == ["piet", "piet", "piet"]
    assert all(s.reply.audience is Audience.DIRECT for s in delivered)
    # A second mayor gets a welcome of her own, not the old advice again.
    commands(app, "rol @anna burgemeester")
    scheduler.run_once(clock())
    assert [(s.reply.user, "Welkom" in s.reply.text) for s in sender.take()] == [("anna", True)]


def test_a_waiting_reminder_lapses_when_its_substep_was_done_meanwhile(make_app):
    clock = FakeClock()
    app = make_app(clock=clock)
    sender = RecordingSender()
    scheduler = ReminderScheduler(app, sender)
    commands(app, "start Zaanstad", "klaar 1a", "klaar 1b", "klaar 1c", "klaar 1d", "klaar 2a", "klaar 2b")
    commands(app, "rol @piet burgemeester")
    scheduler.run_once(clock())
    private = [s for s in sender.sent if s.private]
    assert len(private) == 2  # the welcome, and the (still true) note that the profile was set; 2b is done
    assert not any("Bij 2b" in s.reply.text for s in private)
    assert [r.status for r in rows(app) if r.rule == "burgemeester-regie"] == [outbox.CANCELLED]


def test_a_role_taken_away_before_delivery_is_not_messaged(make_app):
    clock = FakeClock()
    app = make_app(clock=clock)
    sender = RecordingSender()
    commands(app, "start Zaanstad", "rol @piet burgemeester", "rol @piet geen burgemeester")
    ReminderScheduler(app, sender).run_once(clock())
    assert not any(s.private for s in sender.sent)


def test_closing_a_procedure_drops_what_was_not_delivered(make_app):
    clock = FakeClock()
    app = make_app(clock=clock)
    commands(app, "start Zaanstad", "rol @piet burgemeester", "afsluiten")
    sender = RecordingSender()
    assert ReminderScheduler(app, sender).run_once(clock()) == 0
    assert statuses(app) == {outbox.CANCELLED: 2}


def test_exactly_once_across_restarts(make_app):
    clock = FakeClock()
    first = make_app(clock=clock)
    commands(first, "start Zaanstad", "rol @piet burgemeester", "klaar 1a")
    first.close()  # stops before delivering anything
    sender = RecordingSender()
    second = make_app(clock=clock)
    assert ReminderScheduler(second, sender).run_once(clock()) == 3
    third = make_app(clock=clock)
    assert ReminderScheduler(third, sender).run_once(clock()) == 0
    # Doing the same things again queues nothing new.
    commands(third, "heropen 1a", "klaar 1a", "rol @piet geen burgemeester", "rol @piet burgemeester")
    assert ReminderScheduler(third, sender).run_once(clock()) == 0
    assert len(sender.sent) == 3


def test_failed_delivery_is_retried_with_backoff_and_logged_without_the_text(make_app, caplog):
    clock = FakeClock()
    app = make_app(clock=clock)
    sender = FlakySender(failures=2)
    scheduler = ReminderScheduler(app, sender)
    commands(app, "start Zaanstad")
    start = clock()
    with caplog.at_level(logging.INFO, logger="bot.reminders"):
        assert scheduler.run_once(start) == 0 and sender.calls == 1
        assert scheduler.run_once(start + timedelta(seconds=59)) == 0 and sender.calls == 1  # waiting 1 minute
        assert scheduler.run_once(start + timedelta(seconds=60)) == 0 and sender.calls == 2  # then 2 minutes
        assert scheduler.run_once(start + timedelta(seconds=179)) == 0 and sender.calls == 2
        assert scheduler.run_once(start + timedelta(seconds=180)) == 1 and sender.calls == 3
        assert scheduler.run_once(start + timedelta(hours=5)) == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2 and all("start-regie" in w and "ConnectionError" in w for w in warnings)
    assert "regie over deze procedure" not in caplog.text  # never the message body
    assert backoff(1) == timedelta(minutes=1) and backoff(3) == timedelta(minutes=4)
    assert backoff(30) == timedelta(hours=2)


def test_delivery_gives_up_after_max_attempts(make_app, caplog):
    clock = FakeClock()
    app = make_app(clock=clock)
    commands(app, "start Zaanstad")
    sender = FlakySender(failures=100)
    deliverer = Deliverer(app.store.database, app.plan, sender, max_attempts=3, base_delay=timedelta(seconds=1))
    with caplog.at_level(logging.ERROR, logger="bot.reminders"):
        for second in range(0, 60, 1):
            deliverer.deliver_due(clock() + timedelta(seconds=second))
    assert sender.calls == 3
    assert statuses(app) == {outbox.FAILED: 1}
    assert any("giving up" in r.getMessage() and "start-regie" in r.getMessage() for r in caplog.records)


def test_an_expired_lease_is_taken_over(make_app):
    clock = FakeClock()
    app = make_app(clock=clock)
    commands(app, "start Zaanstad")
    crashed = outbox.claim(app.store.database, "crashed-process", clock(), timedelta(minutes=2), 10)
    assert len(crashed) == 1
    sender = RecordingSender()
    deliverer = Deliverer(app.store.database, app.plan, sender)
    assert deliverer.deliver_due(clock() + timedelta(minutes=1)) == 0  # still leased
    assert deliverer.deliver_due(clock() + timedelta(minutes=2)) == 1
    assert not outbox.finish(app.store.database, crashed[0].id, "crashed-process", outbox.SENT, clock())


def queue_many(app, channels: int) -> int:
    for n in range(channels):
        channel = f"C{n}"
        commands(app, "start Zaanstad", "rol @piet burgemeester", "rol @ria or", "klaar 1a", channel=channel)
    return sum(1 for r in rows(app) if r.status == outbox.PENDING)


class SlowSender(RecordingSender):
    def send(self, channel, reply):
        threading.Event().wait(0.002)  # give the other process a chance to interleave
        super().send(channel, reply)


def test_two_serving_threads_on_one_database_deliver_each_reminder_once(make_app):
    clock = FakeClock()
    total = queue_many(make_app(clock=clock), channels=6)
    assert total == 24
    sender = SlowSender()
    apps = [make_app(clock=clock), make_app(clock=clock)]  # two Database objects: separate connections
    deliverers = [Deliverer(a.store.database, a.plan, sender, batch=3) for a in apps]
    barrier = threading.Barrier(2)
    counts = []

    def serve(deliverer):
        barrier.wait()
        counts.append(sum(deliverer.deliver_due(clock()) for _ in range(3)))

    threads = [threading.Thread(target=serve, args=(d,)) for d in deliverers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(counts) == total and all(c > 0 for c in counts)  # both took part, nobody twice
    keys = Counter((s.channel, s.reply.user, s.reply.text) for s in sender.sent)
    assert len(keys) == total and max(keys.values()) == 1


SERVE_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from pathlib import Path
    from bot.bootstrap import build
    from bot.config import Settings
    from bot.core.messages import Answer
    from bot.reminders.delivery import Deliverer

    class Answerer:
        def answer(self, question):
            return Answer(question, False, "")

    class FileSender:
        def send(self, channel, reply):
            with open(sys.argv[2], "a", encoding="utf-8") as out:
                out.write(f"{channel}|{reply.user}|{hash(reply.text)}\\n")

    now = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)
    app = build(Settings(db_path=Path(sys.argv[1])), clock=lambda: now, answerer=Answerer())
    deliverer = Deliverer(app.store.database, app.plan, FileSender(), batch=2)
    print(sum(deliverer.deliver_due(now) for _ in range(3)))
    """
)


def test_two_processes_on_one_database_deliver_each_reminder_once(make_app, settings, tmp_path):
    clock = FakeClock()
    total = queue_many(make_app(clock=clock), channels=8)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SERVE_SCRIPT, str(settings.db_path), str(log)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for log in logs
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert sum(int(out.strip()) for out, _ in outputs) == total
    lines = [line for log in logs if log.exists() for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == total == len(set(lines))
