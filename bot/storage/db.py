"""Connections and transactions: a connection per thread, WAL, busy timeout, BEGIN IMMEDIATE for writes.

Transactions nest: inside an open one, `transaction()` is a SAVEPOINT, so an adapter can put a
delivery claim, the core's command and the replies it queues into one commit.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from bot.storage.errors import StorageError

BUSY_TIMEOUT_MS = 10_000


IN_MEMORY = ":memory:"


def prepare_path(path: Path) -> Path:
    """Create the database's folder when missing; report clearly when that is impossible.

    An in-memory database is refused: every thread would get its own, empty one.
    """
    text = str(path)
    if text == IN_MEMORY or text.startswith("file::memory:") or "mode=memory" in text or not text.strip():
        raise StorageError(
            f"BOT_DB '{text}' is geen bestand: een database in het geheugen is per verbinding leeg en na een "
            "herstart weg. Geef een pad naar een bestand, bijvoorbeeld data/bot.db."
        )
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"Kan de map voor de database ({folder}) niet aanmaken: {exc.strerror or exc}.") from exc
    if not folder.is_dir():
        raise StorageError(f"De map voor de database ({folder}) is geen map.")
    if path.exists() and path.is_dir():
        raise StorageError(f"BOT_DB wijst naar een map ({path}), niet naar een databasebestand.")
    return path


class Database:
    """Hands out one sqlite-utils Database per thread, all on the same file, with safe pragmas.

    sqlite3 connections are single-threaded by default and Bolt runs listeners on a thread pool, so
    each thread gets its own connection; SQLite's own locking serialises the writers.
    """

    def __init__(self, path: Path) -> None:
        self.path = prepare_path(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()

    def db(self) -> sqlite_utils.Database:
        """This thread's sqlite-utils Database."""
        current = getattr(self._local, "db", None)
        if current is None:
            current = sqlite_utils.Database(self._connect())
            self._local.db = current
        return current

    def _connect(self) -> sqlite3.Connection:
        try:
            # check_same_thread=False only so close() can run from any thread; each connection stays with its thread.
            conn = sqlite3.connect(
                str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"Kan de database {self.path} niet openen: {exc}.") from exc
        with self._lock:
            self._all.append(conn)
        return conn

    @contextmanager
    def transaction(self, write: bool = True, wait: float | None = None) -> Iterator[sqlite_utils.Database]:
        """One transaction: BEGIN IMMEDIATE when writing (takes the write lock at once), else BEGIN.

        Inside a transaction already open on this thread it is a SAVEPOINT of that one. A COMMIT that
        fails (disk full, read-only file) is rolled back, so the connection never stays in a transaction.
        `wait` bounds the wait for the write lock in seconds (default: the busy timeout).
        """
        db = self.db()
        conn = db.conn
        if conn.in_transaction:
            yield from self._savepoint(db)
            return
        if not write:
            yield from self._run(db, "BEGIN")
            return
        # Writers of this process queue on a lock of their own, in order, instead of in SQLite's busy
        # handler, which sleeps ever longer between tries and makes the slowest waits seconds long.
        timeout = BUSY_TIMEOUT_MS / 1000 if wait is None else wait
        if not self._write_lock.acquire(timeout=timeout):
            raise StorageError(f"De database {self.path} is al {timeout:g} s bezet door een andere schrijver.")
        try:
            yield from self._run(db, "BEGIN IMMEDIATE")
        finally:
            self._write_lock.release()

    def _run(self, db: sqlite_utils.Database, begin: str) -> Iterator[sqlite_utils.Database]:
        conn = db.conn
        conn.execute(begin)
        try:
            yield db
        except BaseException:
            self._rollback(conn)
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            self._rollback(conn)
            raise

    def _savepoint(self, db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
        depth = getattr(self._local, "depth", 0) + 1
        self._local.depth = depth
        name = f"nested_{depth}"
        db.conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            db.conn.execute(f"ROLLBACK TO {name}")
            db.conn.execute(f"RELEASE {name}")
            raise
        else:
            db.conn.execute(f"RELEASE {name}")
        finally:
            self._local.depth = depth - 1

    def close(self) -> None:
        """Close every connection this object opened."""
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def _rollback(self, conn: sqlite3.Connection) -> None:
        """Roll back; a connection that cannot even do that is closed, and the thread gets a new one."""
        if not conn.in_transaction:
            return
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            self._local.db = None
            with self._lock:
                if conn in self._all:
                    self._all.remove(conn)
            conn.close()
