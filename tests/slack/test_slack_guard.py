"""The channel guard (private, public, shared, failed check) and private advice that never hits a channel."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_wire import BOT_TOKEN, send_command

from bot.adapters.pacing import Pacer
from bot.adapters.slack.clients import web_client
from bot.adapters.slack.privacy import check_channel, privacy_from_info
from bot.adapters.slack.sender import DM_FAILED, Origin, SlackSender
from bot.config import Settings
from bot.core.messages import Audience, ChannelPrivacy, Reply

PRIVATE = {"is_private": True, "is_shared": False, "is_ext_shared": False, "is_org_shared": False}
PUBLIC = {**PRIVATE, "is_private": False}
SLACK_CONNECT = {**PRIVATE, "is_shared": True, "is_ext_shared": True}
PENDING_CONNECT = {**PRIVATE, "is_pending_ext_shared": True}
ORG_SHARED = {**PRIVATE, "is_shared": True, "is_org_shared": True}


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        (PRIVATE, ChannelPrivacy(True, private=True, shared_externally=False)),
        (PUBLIC, ChannelPrivacy(True, private=False, shared_externally=False)),
        (SLACK_CONNECT, ChannelPrivacy(True, private=True, shared_externally=True)),
        (PENDING_CONNECT, ChannelPrivacy(True, private=True, shared_externally=True)),
        (ORG_SHARED, ChannelPrivacy(True, private=True, shared_externally=False)),
        ({**PRIVATE, "is_shared": True}, ChannelPrivacy(True, private=True, shared_externally=True)),
        ({k: v for k, v in PRIVATE.items() if k != "is_ext_shared"}, ChannelPrivacy(False)),
        ({**PRIVATE, "is_private": "true"}, ChannelPrivacy(False)),
        (None, ChannelPrivacy(False)),
    ],
)
def test_privacy_from_channel_info_fails_closed(info, expected):
    assert privacy_from_info(info) == expected


@pytest.mark.parametrize(
    ("info", "warning"),
    [
        (PRIVATE, None),
        (ORG_SHARED, None),
        (PUBLIC, "Dit kanaal is openbaar"),
        (SLACK_CONNECT, "gedeeld met een andere organisatie"),
        ("channel_not_found", "kon niet nagaan"),  # the check failed
        ({"is_private": True}, "kon niet nagaan"),  # fields missing
    ],
)
def test_start_warns_unless_the_channel_is_private_and_unshared(bot, standin, info, warning):
    standin.channels["C300"] = info
    send_command(bot.port, "start Zaanstad", standin.response_url("s"), channel="C300")
    posted = standin.wait_for("chat.postMessage", 1 if warning is None else 2)
    assert "Procedure gestart" in posted[0].params["text"]
    if warning is None:
        send_command(bot.port, "status", standin.response_url("t"), channel="C300")
        status = standin.wait_for("response_url", where=lambda c: c.params["_name"] == "t")
        assert len(standin.calls_to("chat.postMessage")) == 1 and len(status) == 1
    else:
        assert warning in posted[1].params["text"]
        send_command(bot.port, "status", standin.response_url("t"), channel="C300")
        status = standin.wait_for("response_url", 2, where=lambda c: c.params["_name"] == "t")
        assert any(warning in c.params["text"] for c in status)
        assert all(c.params["response_type"] == "ephemeral" for c in status)
    assert [c.params["channel"] for c in standin.calls_to("conversations.info")] == ["C300", "C300"]


def test_only_start_and_status_ask_about_the_channel(bot, standin):
    standin.channels["C300"] = PRIVATE
    send_command(bot.port, "help", standin.response_url("h"), channel="C300")
    standin.wait_for("response_url")
    assert standin.calls_to("conversations.info") == []


def test_a_network_failure_counts_as_unchecked():
    unreachable = WebClient(token=BOT_TOKEN, base_url="http://127.0.0.1:9/api/", retry_handlers=[])
    assert check_channel(unreachable, "C1") == ChannelPrivacy(False)


@pytest.fixture
def sender(standin) -> SlackSender:
    settings = Settings(slack_bot_token=BOT_TOKEN, slack_api_url=standin.base_url)
    return SlackSender(web_client(settings, BOT_TOKEN), pacer=Pacer(interval=0))


ADVICE = "Privé-advies voor de burgemeester: bespreek dit eerst met de portefeuillehouder."


def test_direct_reminder_goes_to_a_direct_conversation_only(sender, standin):
    sender.send("C100", Reply(ADVICE, Audience.DIRECT, user="U9"))
    assert standin.calls_to("conversations.open")[0].params["users"] == "U9"
    assert [(c.params["channel"], c.params["text"]) for c in standin.calls_to("chat.postMessage")] == [("DU9", ADVICE)]


def test_direct_reminder_that_cannot_be_delivered_raises_and_posts_nothing(sender, standin):
    standin.fail_next("conversations.open", 200, {"ok": False, "error": "user_not_found"})
    with pytest.raises(SlackApiError):
        sender.send("C100", Reply(ADVICE, Audience.DIRECT, user="U9"))
    assert standin.calls_to("chat.postMessage") == []


def test_channel_and_private_reminders(sender, standin):
    sender.send("C100", Reply("Herinnering voor iedereen", thread="5.5"))
    sender.send("C100", Reply("Alleen voor jou", Audience.REQUESTER, user="U2"))
    posted = standin.calls_to("chat.postMessage")[0].params
    assert (posted["channel"], posted["thread_ts"]) == ("C100", "5.5")
    ephemeral = standin.calls_to("chat.postEphemeral")[0].params
    assert (ephemeral["channel"], ephemeral["user"]) == ("C100", "U2")
    standin.not_in_channel.add("C100")
    with pytest.raises(SlackApiError):
        sender.send("C100", Reply("Herinnering"))


def test_failed_direct_advice_tells_the_requester_privately_not_the_channel(sender, standin):
    standin.fail_next("conversations.open", 200, {"ok": False, "error": "cannot_dm_bot"})
    origin = Origin("C100", "U1", standin.response_url("r"), via_command=True)
    sender.deliver([Reply(ADVICE, Audience.DIRECT, user="U1")], origin)
    notice = standin.calls_to("response_url")[0].params
    assert notice["response_type"] == "ephemeral" and notice["text"] == DM_FAILED
    assert standin.calls_to("chat.postMessage") == []
    assert all(ADVICE not in str(c.params) for c in standin.calls)
