"""The channel guard in Teams: guests or other tenants in the team get the public-channel warning; fail closed."""

from __future__ import annotations

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_standin import BOT_TOKEN  # noqa: E402
from teams_wire import TEAM_CHANNEL, TENANT, message  # noqa: E402

TEAM = "19:team@thread.tacv2"
PUBLIC = "Dit kanaal is openbaar"
SHARED = "gedeeld met een andere organisatie"
UNCHECKED = "kon niet nagaan"


def _warnings(running) -> str:
    return "\n".join(running.standin.texts())


def _start(running, channel_type: str | None = None) -> None:
    activity = message(running.standin.service_url, "start Zaanstad")
    if channel_type:
        activity["channelData"]["channel"]["type"] = channel_type
    assert running.send(activity)[0] == 200


def test_a_standard_channel_of_an_internal_team_gets_no_warning(running) -> None:
    _start(running)
    texts = _warnings(running)
    assert PUBLIC not in texts and SHARED not in texts and UNCHECKED not in texts
    members_call = next(c for c in running.standin.connector_calls() if c.method == "GET")
    assert members_call.path == f"/v3/conversations/{TEAM}/members"
    assert members_call.authorization == f"Bearer {BOT_TOKEN}"


def test_a_team_with_a_guest_gets_the_public_channel_warning(running) -> None:
    running.standin.members[TEAM] = [
        {"id": "29:jan", "userRole": "user", "tenantId": TENANT},
        {"id": "29:gast", "userRole": "guest", "tenantId": TENANT},
    ]
    _start(running)
    assert PUBLIC in _warnings(running)


def test_a_team_with_someone_from_another_tenant_gets_the_warning_on_status_too(running) -> None:
    running.standin.members[TEAM] = [
        {"id": "29:jan", "userRole": "user", "tenantId": TENANT},
        {"id": "29:ander", "userRole": "user", "tenantId": "andere-gemeente"},
    ]
    _start(running)
    running.standin.clear()
    running.say("status")
    assert PUBLIC in _warnings(running)


def test_a_failed_check_fails_closed(running) -> None:
    running.standin.members[TEAM] = 500
    _start(running)
    assert UNCHECKED in _warnings(running)


def test_private_and_shared_channels(running) -> None:
    running.standin.members[TEAM_CHANNEL] = [{"id": "29:gast", "userRole": "guest", "tenantId": TENANT}]
    _start(running, "private")
    assert SHARED in _warnings(running)
    running.standin.clear()
    shared = message(running.standin.service_url, "start Gedeeld", conversation="19:gedeeld@thread.tacv2")
    shared["channelData"]["channel"]["type"] = "shared"
    assert running.send(shared)[0] == 200
    assert SHARED in _warnings(running)


def test_a_personal_chat_is_not_checked(running) -> None:
    running.send(message(running.standin.service_url, "start Zaanstad", personal=True))
    assert not any(c.method == "GET" for c in running.standin.connector_calls())


def test_a_role_goes_only_to_a_member_of_the_team(running) -> None:
    _start(running)
    running.standin.members[TEAM] = [{"id": "29:jan", "userRole": "user", "tenantId": TENANT}]
    activity = message(running.standin.service_url, "rol <at>Piet</at> burgemeester", mentions=[("29:piet", "Piet")])
    assert running.send(activity)[0] == 200
    assert "geen lid van dit kanaal" in _warnings(running)
    assert running.application.store.procedure(TEAM_CHANNEL).roles == {"29:jan": ("proceseigenaar",)}
    running.standin.members[TEAM] = 500
    assert (
        running.send(
            message(running.standin.service_url, "rol <at>Piet</at> burgemeester", mentions=[("29:piet", "Piet")])
        )[0]
        == 200
    )
    # The member list could not be fetched (an outage): the role is given, with a warning to check.
    assert "kon niet nagaan of" in _warnings(running)
    assert running.application.store.procedure(TEAM_CHANNEL).holders("burgemeester") == ("29:piet",)
