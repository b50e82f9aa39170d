"""Connections and transactions: a connection per thread, WAL, busy timeout, BEGIN IMMEDIATE for writes."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from bot.storage.errors import StorageError

BUSY_TIMEOUT_MS = 10_000


def prepare_path(path: Path) -> Path:
    """Create the database's folder when missing; report clearly when that is impossible."""
    if str(path) == ":memory:":
        return path
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
        # Writers of this process queue here instead of in SQLite's busy handler, which sleeps and polls
        # (long tails under many concurrent requests); other processes still meet SQLite's own lock.
        self._writer = threading.RLock()

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
    def transaction(self, write: bool = True) -> Iterator[sqlite_utils.Database]:
        """One transaction: BEGIN IMMEDIATE when writing (takes the write lock at once), else BEGIN."""
        if not write:
            with self._run(self.db(), "BEGIN") as db:
                yield db
            return
        with self._writer, self._run(self.db(), "BEGIN IMMEDIATE") as db:
            yield db

    @staticmethod
    @contextmanager
    def _run(db: sqlite_utils.Database, begin: str) -> Iterator[sqlite_utils.Database]:
        conn = db.conn
        conn.execute(begin)
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def close(self) -> None:
        """Close every connection this object opened."""
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
