"""The SQLite store: pragmas, migrations, append-only audit log, thread safety, concurrency and crashes."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from fakes import FakeAnswerer
from safe_support import grant, run_confirmed

from bot.bootstrap import build
from bot.config import Settings
from bot.core.messages import Incoming
from bot.core.state import Status
from bot.storage.db import Database, StorageError
from bot.storage.migrations import MIGRATION_SETS
from bot.storage.store import SqliteStore

ROOT = Path(__file__).resolve().parents[1]


def test_every_connection_sets_safe_pragmas(tmp_path):
    database = Database(tmp_path / "bot.db")
    results = []

    def read():
        db = database.db()
        results.append(
            tuple(
                db.execute(f"PRAGMA {p}").fetchone()[0]
                for p in ("journal_mode", "busy_timeout", "synchronous", "foreign_keys")
            )
        )

    threads = [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    read()
    assert len(results) == 4
    for journal, busy, sync, fks in results:
        assert journal == "wal" and busy >= 5000 and sync == 2 and fks == 1
    database.close()


def test_migrations_apply_once(tmp_path):
    path = tmp_path / "bot.db"
    SqliteStore(Database(path)).close()
    SqliteStore(Database(path)).close()
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert len(names) == len(set(names)) == sum(len(m._migrations) for m in MIGRATION_SETS)
    conn.close()


def test_audit_log_is_append_only(app):
    app.bot.handle(Incoming("console", "C1", "jan", "start Ede", True), app.clock())
    conn = sqlite3.connect(app.settings.db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log")
    conn.close()


def test_missing_database_folder_is_created(tmp_path):
    path = tmp_path / "a" / "b" / "bot.db"
    SqliteStore(Database(path)).close()
    assert path.exists()


def test_unusable_database_location_is_reported_in_dutch(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="Kan de map"):
        Database(blocker / "sub" / "bot.db")
    with pytest.raises(StorageError, match="map"):
        Database(tmp_path)


def test_state_survives_restart(settings, clock):
    app = build(settings, clock=clock, answerer=FakeAnswerer())
    app.bot.handle(Incoming("console", "C1", "jan", "start Ede", True), clock())
    app.bot.handle(Incoming("console", "C1", "jan", "klaar 1a", True), clock())
    app.close()
    again = build(settings, clock=clock, answerer=FakeAnswerer())
    assert again.store.procedure("C1").record("1a").status is Status.DONE
    again.close()


def test_concurrent_ticks_lose_nothing(app):
    app.bot.handle(Incoming("console", "C1", "jan", "start Ede", True), app.clock())
    ids = [s.id for s in app.plan.substeps()]
    for i in ids:
        grant(app, "C1", f"user-{i}", "burgemeester", "or")
    barrier = threading.Barrier(len(ids))
    errors: list[BaseException] = []

    def tick(substep: str) -> None:
        try:
            barrier.wait()
            run_confirmed(app, f"klaar {substep}", user=f"user-{substep}")
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=tick, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    state = app.store.procedure("C1")
    assert all(state.record(i).status is Status.DONE for i in ids)
    assert all(state.record(i).by == f"user-{i}" for i in ids)
    done_lines = [r for r in app.store.audit_log("C1") if r["action"] == "SubstepDone"]
    assert sorted(r["object"] for r in done_lines) == sorted(ids)


def test_concurrent_starts_create_one_procedure(app):
    barrier = threading.Barrier(10)
    replies = []

    def start(n: int) -> None:
        barrier.wait()
        replies.extend(app.bot.handle(Incoming("console", "C2", f"u{n}", f"start Gemeente{n}", True), app.clock()))

    threads = [threading.Thread(target=start, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    started = [r for r in replies if "Procedure gestart" in r.text]
    refused = [r for r in replies if "al een procedure" in r.text]
    assert len(started) == 1 and len(refused) == 9


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from bot.bootstrap import build
    from bot.config import Settings
    from bot.core.messages import Answer, Incoming

    class Quiet:
        def answer(self, q):
            return Answer(q, False, "")

    app = build(Settings(db_path=Path(sys.argv[1])), answerer=Quiet())
    ids = [s.id for s in app.plan.substeps()]
    now = lambda: datetime.now(timezone.utc)
    app.bot.handle(Incoming("console", "C1", "w", "start Ede", True), now())
    print("ready", flush=True)
    n = 0
    while True:
        sub = ids[n % len(ids)]
        app.bot.handle(Incoming("console", "C1", "w", f"klaar {sub} ronde {n}", True), now())
        app.bot.handle(Incoming("console", "C1", "w", f"rol @p{n % 5} griffier", True), now())
        if n % 3 == 0:
            app.bot.handle(Incoming("console", "C1", "w", f"heropen {sub}", True), now())
        n += 1
    """
)


def test_writer_killed_at_random_moments_leaves_a_consistent_database(tmp_path):
    db_path = tmp_path / "bot.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    rng = random.Random(7)
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, str(script), str(db_path)], cwd=ROOT, stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(db_path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM procedures WHERE closed_at IS NULL").fetchone()[0] == 1
        conn.close()
        store = SqliteStore(Database(db_path))
        state = store.procedure("C1")
        valid = {s.id for s in build(Settings(db_path=db_path), answerer=FakeAnswerer()).plan.substeps()}
        assert set(state.substeps) <= valid
        assert all(r.status in set(Status) for r in state.substeps.values())
        done = {r["object"] for r in store.audit_log("C1") if r["action"] == "SubstepDone"}
        assert {k for k, r in state.substeps.items() if r.status is Status.DONE} <= done
        store.close()


# -- issue 8, finding 8: storage edge cases ------------------------------------------------------


def test_a_failed_commit_is_rolled_back_and_the_connection_stays_usable(tmp_path):
    database = Database(tmp_path / "bot.db")
    setup = database.db()
    setup.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    setup.execute("CREATE TABLE child (pid INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(sqlite3.IntegrityError), database.transaction() as db:
        db.execute("INSERT INTO child (pid) VALUES (99)")  # checked only at COMMIT, which fails
    assert not database.db().conn.in_transaction
    with database.transaction() as db:
        db.execute("INSERT INTO parent (id) VALUES (1)")
    with database.transaction(write=False) as db:
        assert db.execute("SELECT COUNT(*) FROM child").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM parent").fetchone()[0] == 1
    database.close()


def test_nested_transactions_are_savepoints_of_the_outer_one(tmp_path):
    database = Database(tmp_path / "bot.db")
    database.db().execute("CREATE TABLE t (n INTEGER)")
    with database.transaction() as db:
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError), database.transaction() as inner:
            inner.execute("INSERT INTO t VALUES (2)")
            raise ValueError("inner fails")
        with database.transaction() as inner:
            inner.execute("INSERT INTO t VALUES (3)")
    with database.transaction(write=False) as db:
        assert [r[0] for r in db.execute("SELECT n FROM t ORDER BY n")] == [1, 3]
    with pytest.raises(RuntimeError), database.transaction() as db:
        db.execute("INSERT INTO t VALUES (4)")
        with database.transaction() as inner:
            inner.execute("INSERT INTO t VALUES (5)")
        raise RuntimeError("outer fails")
    with database.transaction(write=False) as db:
        assert [r[0] for r in db.execute("SELECT n FROM t ORDER BY n")] == [1, 3]
    database.close()


@pytest.mark.parametrize("path", [":memory:", "file::memory:?cache=shared", "file:x?mode=memory", " "])
def test_in_memory_databases_are_refused(path):
    with pytest.raises(StorageError, match="geheugen"):
        Database(Path(path))


def test_in_memory_database_through_the_command_line_exits_1_in_dutch(tmp_path):
    env = {"BOT_DB": ":memory:", "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat"], cwd=ROOT, env=env, input="stop\n", capture_output=True, text=True
    )
    assert proc.returncode == 1 and "geheugen" in proc.stderr and "Traceback" not in proc.stderr


def test_the_default_database_lives_in_the_user_data_folder_whatever_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    expected = tmp_path / "data-home" / "werving-bot" / "bot.db"
    assert Settings.from_env({}).db_path == expected
    monkeypatch.chdir(tmp_path)
    assert Settings.from_env({}).db_path == expected
    assert Settings.from_env({"BOT_DB": "~/x.db"}).db_path == Path.home() / "x.db"


def test_chat_says_which_database_it_uses(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path / "data-home"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat"], cwd=tmp_path, env=env, input="stop\n", capture_output=True, text=True
    )
    expected = tmp_path / "data-home" / "werving-bot" / "bot.db"
    assert proc.returncode == 0, proc.stderr
    assert f"Ik gebruik de database {expected}" in proc.stderr and expected.exists()
    assert "Ik gebruik de database" not in proc.stdout  # standard output stays the transcript


def test_old_delivery_claims_are_pruned_at_most_once_per_interval() -> None:
    from datetime import UTC, datetime, timedelta

    from bot.storage.deliveries import PruneSchedule

    schedule = PruneSchedule(timedelta(minutes=10))
    start = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)
    assert schedule.due(start)
    assert not schedule.due(start + timedelta(minutes=9))
    assert schedule.due(start + timedelta(minutes=10))
