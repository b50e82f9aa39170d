"""The lease logic both outboxes share (storage/leases.py), on a real database file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import leases, messages
from bot.storage.db import Database
from bot.storage.store import SqliteStore

NOW = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=90)


@pytest.fixture
def database(tmp_path):
    store = SqliteStore(Database(tmp_path / "bot.db"))  # applies every migration
    yield store.database
    store.close()


def test_only_the_owner_renews_and_ends_a_lease(database) -> None:
    message_id = messages.enqueue(database, "teams:c1", {"kind": "post"}, NOW, platform="teams")
    assert messages.claim(database, message_id, "a", NOW, LEASE) is not None
    assert messages.claim(database, message_id, "b", NOW, LEASE) is None  # a live lease
    assert not leases.renew(database, "message_outbox", message_id, "b", NOW, LEASE)
    assert not messages.finish(database, message_id, "b", messages.SENT, NOW)
    assert leases.renew(database, "message_outbox", message_id, "a", NOW, LEASE)
    later = NOW + LEASE + timedelta(seconds=1)
    assert messages.claim(database, message_id, "b", later, LEASE) is not None  # expired: anyone may take it
    assert not messages.finish(database, message_id, "a", messages.SENT, later)  # "a" lost it
    assert messages.finish(database, message_id, "b", messages.SENT, later)
    assert messages.all_messages(database)[0].attempts == 2


def test_a_retry_keeps_the_progress_the_transport_recorded(database) -> None:
    message_id = messages.enqueue(database, "teams:c1", {"kind": "private"}, NOW, platform="teams")
    messages.claim(database, message_id, "a", NOW, LEASE)
    progress = {"kind": "private", "done": {"conversation": "a:1", "sent": 1}}
    assert messages.retry_at(database, message_id, "a", NOW, "Bot Connector 503", progress)
    (stored,) = messages.all_messages(database)
    assert stored.status == messages.PENDING and stored.payload == progress


def test_rows_of_gone_owners_are_released_in_either_table(database) -> None:
    message_id = messages.enqueue(database, "teams:c1", {}, NOW, platform="teams")
    messages.claim(database, message_id, "host:1:dead", NOW, LEASE)
    assert leases.owners(database, "message_outbox") == ["host:1:dead"]
    assert leases.release_owners(database, "message_outbox", ["host:1:dead"]) == 1
    assert messages.all_messages(database)[0].status == messages.PENDING
    assert leases.release_owners(database, "reminder_outbox", ["host:1:dead"]) == 0


def test_only_known_tables_and_plain_columns(database) -> None:
    with pytest.raises(ValueError):
        leases.owners(database, "procedures")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        leases.end(database, "message_outbox", 1, "a", {"status = 'sent'; --": 1})


def test_each_platform_delivers_only_its_own_rows(database) -> None:
    messages.enqueue(database, "C1", {}, NOW)
    messages.enqueue(database, "teams:c1", {}, NOW, platform="teams")
    assert [m.lane for m in messages.heads(database)] == ["C1"]
    assert [m.lane for m in messages.heads(database, "teams")] == ["teams:c1"]
