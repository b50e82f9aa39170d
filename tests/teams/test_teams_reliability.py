"""A burst of 20 simultaneous activities, and redelivery after a restart."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_fixtures import start_bot, teams_settings  # noqa: E402
from teams_wire import TEAM_CHANNEL, message  # noqa: E402


def test_a_burst_of_twenty_is_answered_completely(running) -> None:
    url = running.standin.service_url
    activities = [
        message(url, f"start Gemeente{n}", conversation=f"19:kanaal-{n}@thread.tacv2;messageid=1") for n in range(10)
    ] + [message(url, f"vraag wie benoemt {n}?") for n in range(10)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(running.send, activities))
    assert [status for status, _ in results] == [200] * 20
    assert len(running.standin.sent()) >= 20  # every activity was answered (start also queues a reminder)
    for n in range(10):
        assert running.application.store.procedure(f"19:kanaal-{n}@thread.tacv2").municipality == f"Gemeente{n}"


def test_redelivery_after_a_restart_is_handled_once(tmp_path: Path, standin, key) -> None:
    settings = teams_settings(tmp_path / "bot.db", standin)
    activity = message(standin.service_url, "start Zaanstad")
    tick = message(standin.service_url, "klaar 1a")
    first = start_bot(settings, standin, key)
    try:
        assert first.send(activity)[0] == 200
        assert first.send(tick)[0] == 200
    finally:
        first.stop()
    answers = [c for c in standin.sent() if c.path.endswith(f"/{tick['id']}")]
    log_lines = None
    second = start_bot(settings, standin, key)
    try:
        log_lines = len(second.application.store.audit_log(TEAM_CHANNEL))
        assert second.send(tick)[0] == 200
        assert second.send(activity)[0] == 200
        assert [c for c in standin.sent() if c.path.endswith(f"/{tick['id']}")] == answers
        assert len(second.application.store.audit_log(TEAM_CHANNEL)) == log_lines
        assert second.send(message(standin.service_url, "status"))[0] == 200  # a new activity is handled
    finally:
        second.stop()
