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
