"""The bot over real HTTP (waitress) with signed requests, against the stand-in Slack Web API."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest
from slack_standin import SlackStandIn
from slack_wire import (
    FORM,
    JSON,
    SECRET,
    button,
    command,
    direct_message,
    event,
    form,
    get,
    home_opened,
    mention,
    post,
    send_button,
    send_command,
    send_event,
)

from bot.adapters.slack.errors import NOT_SAVED, SORRY
from bot.adapters.slack.render import ACTION_EXPLAIN, ACTION_TICK
from bot.core.planning.workdays import first_working_day_from
from bot.core.state import Status

DELIVERY = {"chat.postMessage", "chat.postEphemeral", "response_url"}


def deliveries(standin: SlackStandIn) -> list:
    return [c for c in standin.calls if c.method in DELIVERY]


def run(bot, standin: SlackStandIn, text: str, expect: int = 1, **kw) -> list:
    """Send `/werving text`, let the outbox go quiet, check there were `expect` deliveries and return them."""
    before = len(deliveries(standin))
    result = send_command(bot.port, text, standin.response_url(f"r{before}"), **kw)
    assert result.status == 200 and result.body == ""
    bot.flush()
    delivered = deliveries(standin)[before:]
    assert len(delivered) == expect, f"{text!r}: expected {expect} deliveries, got {[c.method for c in delivered]}"
    return delivered


def only(calls: list):
    assert len(calls) == 1, [c.method for c in calls]
    return calls[0]


def state(bot, channel: str = "C100"):
    return bot.application.store.procedure(channel)


# -- signatures and routing ------------------------------------------------------------------


def test_signed_command_is_acknowledged_with_an_empty_200(bot, standin):
    result = send_command(bot.port, "help", standin.response_url("x"))
    assert result.status == 200 and result.body == ""
    answer = standin.wait_for("response_url")[0].params
    assert answer["response_type"] == "ephemeral" and "opdrachten" in answer["text"]


@pytest.mark.parametrize(
    "case",
    ["wrong secret", "stale timestamp", "future timestamp", "no signature", "tampered body"],
)
def test_bad_signatures_are_refused_before_anything_happens(bot, standin, case):
    body = form(command("start Zaanstad", standin.response_url("x")))
    now = int(time.time())
    if case == "wrong secret":
        result = post(bot.port, body, FORM, secret="not-the-secret")
    elif case == "stale timestamp":
        result = post(bot.port, body, FORM, timestamp=now - 6 * 60)
    elif case == "future timestamp":
        result = post(bot.port, body, FORM, timestamp=now + 6 * 60)
    elif case == "no signature":
        result = post(bot.port, body, FORM, secret=None)
    else:
        from slack_wire import signature

        headers = {"X-Slack-Request-Timestamp": str(now), "X-Slack-Signature": signature(SECRET, str(now), body)}
        result = post(bot.port, body.replace("Zaanstad", "Haarlem"), FORM, secret=None, headers=headers)
    assert result.status == 401
    bot.flush()
    assert [c.method for c in standin.calls if c.method != "auth.test"] == []
    assert state(bot) is None


def test_unsigned_ssl_check_is_refused_and_signed_one_answered(bot):
    assert post(bot.port, "ssl_check=1&token=x", FORM, secret=None).status == 401
    assert post(bot.port, "ssl_check=1&token=x", FORM).status == 200


def test_url_verification_challenge_is_answered_when_signed(bot):
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
    assert post(bot.port, body, JSON, secret=None).status == 401
    result = post(bot.port, body, JSON)
    assert result.status == 200 and json.loads(result.body)["challenge"] == "abc123"


def test_health_check_and_other_paths(bot):
    health = get(bot.port, "/healthz")
    assert health.status == 200 and json.loads(health.body) == {"status": "ok"}
    assert get(bot.port, "/slack/events").status == 405
    assert get(bot.port, "/elders").status == 404


# -- every command ---------------------------------------------------------------------------


def test_every_subcommand_of_werving(bot, standin):
    help_answer = only(run(bot, standin, ""))
    assert help_answer.method == "response_url" and "opdrachten" in help_answer.params["text"]
    assert "klaar" in only(run(bot, standin, "help klaar")).params["text"]

    started = run(bot, standin, "start Zaanstad", expect=2)
    assert [c.method for c in started] == ["chat.postMessage", "chat.postMessage"]
    assert "Procedure gestart" in started[0].params["text"] and "Zaanstad" in started[0].params["text"]
    assert "kon niet nagaan" in started[1].params["text"]  # the stand-in does not know C100: fail closed

    status = run(bot, standin, "status", expect=2)
    assert {c.method for c in status} == {"response_url"}
    assert all(c.params["response_type"] == "ephemeral" for c in status)
    actions = [b for b in status[0].params["blocks"] if b["type"] == "actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == [ACTION_TICK, ACTION_EXPLAIN]
    assert actions[0]["elements"][0]["value"] == "1a"

    done = only(run(bot, standin, "klaar 1a gesprekken gevoerd &amp; verslag gemaakt"))
    assert done.method == "chat.postMessage" and "afgevinkt" in done.params["text"]
    assert state(bot).record("1a").note == "gesprekken gevoerd & verslag gemaakt"  # Slack's entities undone
    assert "weer opengezet" in only(run(bot, standin, "heropen 1a")).params["text"]
    assert "niet van toepassing" in only(run(bot, standin, "nvt 1b dubbel")).params["text"]

    step = only(run(bot, standin, "stap 1c"))
    assert step.method == "response_url" and any(b["type"] == "actions" for b in step.params["blocks"])

    role = only(run(bot, standin, "rol <@U2|piet> burgemeester"))
    assert role.method == "chat.postMessage" and "<@U2>" in role.params["text"]
    asked = only(run(bot, standin, "rol <@U3|kees> burgemeester"))  # a second mayor is confirmed first
    assert asked.params["response_type"] == "ephemeral" and "bevestig" in asked.params["text"]
    assert state(bot).roles == {"U1": ("proceseigenaar",), "U2": ("burgemeester",)}
    assert "annuleer" in only(run(bot, standin, "annuleer")).params["text"].lower()
    assert "<@U2>" in only(run(bot, standin, "rollen")).params["text"]
    assert "brede draagvlak" in only(run(bot, standin, "school breed")).params["text"]
    assert "15-03-2027" in only(run(bot, standin, "planning 6a 15-03-2027")).params["text"]

    question = only(run(bot, standin, "vraag wie benoemt de secretaris?"))
    assert question.method == "response_url" and "Antwoord uit de handreiking" in question.params["text"]
    export = only(run(bot, standin, "export"))
    assert export.method == "response_url" and "Zaanstad" in export.params["text"]
    unknown = only(run(bot, standin, "onzin"))
    assert unknown.params["response_type"] == "ephemeral" and "ken ik niet" in unknown.params["text"]

    asked = only(run(bot, standin, "afsluiten"))
    assert asked.params["response_type"] == "ephemeral" and "bevestig" in asked.params["text"]
    posted = run(bot, standin, "bevestig", expect=2)
    closed = next(c for c in posted if c.params["channel"] == "C100")
    retention = next(c for c in posted if c.params["channel"] != "C100")  # privately, to the process owner
    assert "Bewaartermijn" in retention.params["text"]
    assert closed.method == "chat.postMessage" and "afgesloten" in closed.params["text"]
    assert state(bot) is None


def test_command_where_the_bot_is_no_member_answers_through_the_response_url(bot, standin):
    standin.not_in_channel.add("C200")
    answers = run(bot, standin, "start Haarlem", expect=4, channel="C200")
    # each channel message: refused by chat.postMessage, then posted in the channel via the response_url
    in_channel = [c for c in answers if c.method == "response_url"]
    assert [c.params["response_type"] for c in in_channel] == ["in_channel", "in_channel"]
    assert "Procedure gestart" in in_channel[0].params["text"]


def test_start_in_a_direct_message_is_refused(bot, standin):
    answer = only(run(bot, standin, "start Haarlem", channel="DU1"))
    assert answer.params["response_type"] == "ephemeral" and "privébericht" in answer.params["text"]


# -- mentions, direct messages, App Home -----------------------------------------------------


def test_mention_is_answered_as_a_question_in_its_thread(bot, standin):
    assert send_event(bot.port, mention("<@UBOT> wie benoemt de secretaris?", thread="111.222")).status == 200
    answer = standin.wait_for("chat.postMessage")[0].params
    assert answer["channel"] == "C100" and answer["thread_ts"] == "111.222"
    assert bot.answerer.questions == ["wie benoemt de secretaris?"]


def test_bare_mention_gets_help_privately(bot, standin):
    send_event(bot.port, mention("<@UBOT>"))
    answer = standin.wait_for("chat.postEphemeral")[0].params
    assert answer["user"] == "U1" and "opdrachten" in answer["text"]


def test_direct_message_is_answered_in_the_direct_conversation(bot, standin):
    send_event(bot.port, direct_message("hallo", subtype="message_changed"))
    send_event(bot.port, direct_message("van een bot", bot_id="B9"))
    send_event(bot.port, direct_message("wie &lt;benoemt&gt;?"))
    answer = standin.wait_for("chat.postMessage")[0].params
    assert answer["channel"] == "DU1" and "wie &lt;benoemt&gt;?" in answer["text"]
    bot.flush()
    assert bot.answerer.questions == ["wie <benoemt>?"]
    assert len(standin.calls_to("chat.postMessage")) == 1


def test_app_home_lists_the_procedures_and_what_waits(bot, standin):
    run(bot, standin, "start Zaanstad", expect=2)
    run(bot, standin, "rol <@U1|jan> manager-po")
    send_event(bot.port, home_opened(tab="messages"))
    send_event(bot.port, home_opened())
    published = only(standin.wait_for("views.publish"))
    assert published.params["user_id"] == "U1"
    view = published.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    text = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "home" and "Zaanstad" in text and "<#C100>" in text
    assert "Wacht op jou" in text and "*1a*" in text


def test_app_home_shows_the_next_planned_dates(bot, standin):
    run(bot, standin, "start Zaanstad", expect=2)
    run(bot, standin, "rol <@U1|jan> manager-po")
    day = first_working_day_from(date.today() + timedelta(days=40))
    run(bot, standin, f"planning 1a {day:%d-%m-%Y}")
    send_event(bot.port, home_opened())
    view = standin.wait_for("views.publish")[0].params["view"]
    text = json.dumps(view, ensure_ascii=False)
    assert "Eerstvolgende geplande data" in text and f"{day:%d-%m-%Y} *1a*" in text


def test_app_home_for_someone_without_a_role(bot, standin):
    send_event(bot.port, home_opened(user="U7"))
    view = standin.wait_for("views.publish")[0].params["view"]
    assert "nog geen rol" in json.dumps(view, ensure_ascii=False)


def test_redelivered_event_is_answered_once(bot, standin):
    payload = mention("<@UBOT> wie benoemt?")
    assert send_event(bot.port, payload).status == 200
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert send_event(bot.port, payload, headers=retry).status == 200
    assert send_event(bot.port, payload).status == 200  # a duplicate without any retry header
    standin.wait_for("chat.postMessage")
    bot.flush()
    assert len(standin.calls_to("chat.postMessage")) == 1
    assert bot.answerer.questions == ["wie benoemt?"]


def test_event_the_manifest_does_not_subscribe_to_is_not_handled(bot, standin):
    result = send_event(bot.port, event({"type": "reaction_added", "user": "U1", "reaction": "tada"}))
    assert result.status == 404
    assert [c.method for c in deliveries(standin)] == []


# -- buttons ---------------------------------------------------------------------------------


def test_tick_button_changes_state_once_even_when_double_clicked(bot, standin):
    run(bot, standin, "start Zaanstad", expect=2)
    first = button(ACTION_TICK, "1a", standin.response_url("b1"))
    second = button(ACTION_TICK, "1a", standin.response_url("b2"))  # the double click: a new payload
    assert send_button(bot.port, first).status == 200
    assert send_button(bot.port, second).status == 200
    assert send_button(bot.port, first).status == 200  # Slack delivering the first click again
    bot.flush()
    posted = [c for c in standin.calls_to("chat.postMessage") if "afgevinkt" in c.params["text"]]
    refused = standin.calls_to("chat.postEphemeral")
    assert len(posted) == 1 and len(refused) == 1
    assert "al afgevinkt" in refused[0].params["text"] and refused[0].params["user"] == "U1"
    record = state(bot).record("1a")
    assert record.status is Status.DONE and record.by == "U1"
    done = [e for e in bot.application.store.audit_log("C100") if e["action"] == "SubstepDone"]
    assert len(done) == 1


def test_explain_button_shows_the_substep_privately_with_a_tick_button(bot, standin):
    run(bot, standin, "start Zaanstad", expect=2)
    send_button(bot.port, button(ACTION_EXPLAIN, "2a", standin.response_url("b")))
    shown = standin.wait_for("chat.postEphemeral")[0].params
    assert shown["user"] == "U1" and shown["text"].startswith("*2a*")
    actions = [b for b in shown["blocks"] if b["type"] == "actions"]
    assert actions[0]["elements"][0]["action_id"] == ACTION_TICK and actions[0]["elements"][0]["value"] == "2a"


def test_button_with_a_forged_value_does_nothing(bot, standin):
    run(bot, standin, "start Zaanstad", expect=2)
    send_button(bot.port, button(ACTION_TICK, "1a; afsluiten", standin.response_url("b")))
    bot.flush()
    assert len(deliveries(standin)) == 2 and state(bot) is not None


# -- the error handler -----------------------------------------------------------------------


def test_failure_is_reported_to_the_user_in_dutch(bot, standin):
    send_event(bot.port, direct_message("dit is kapot"))
    assert standin.wait_for("chat.postMessage")[0].params == {
        "channel": "DU1",
        "text": SORRY,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": SORRY}}],
    }
    # a command that failed says so in its ack: nothing was saved, nothing else is sent
    failed = send_command(bot.port, "vraag kapot?", standin.response_url("k"))
    assert failed.status == 200 and failed.body == NOT_SAVED
    bot.flush()
    assert standin.calls_to("response_url") == []


def test_a_role_goes_only_to_a_member_of_the_channel(bot, standin):
    standin.members["C100"] = ["U1", "U2"] + [f"U{n}" for n in range(10, 260)]  # more than one page
    run(bot, standin, "start Zaanstad", expect=2)
    refused = only(run(bot, standin, "rol <@U9|buiten> burgemeester"))
    assert refused.params["response_type"] == "ephemeral" and "geen lid van dit kanaal" in refused.params["text"]
    assert state(bot).roles == {"U1": ("proceseigenaar",)}
    late = only(run(bot, standin, "rol <@U255|laat> burgemeester"))  # on the second page
    assert late.method == "chat.postMessage" and "<@U255>" in late.params["text"]
    pages = standin.calls_to("conversations.members")
    assert len(pages) == 4 and pages[-1].params.get("cursor")
    assert [c for c in standin.calls_to("conversations.members") if c.params["channel"] != "C100"] == []


def test_roles_are_refused_when_slack_cannot_say_who_is_in_the_channel(bot, standin):
    run(bot, standin, "start Zaanstad", expect=2)
    standin.members["C100"] = "channel_not_found"
    given = run(bot, standin, "rol <@U2|piet> burgemeester", expect=2)  # given, with a private warning
    warning = next(c for c in given if c.method == "response_url")
    assert (
        warning.params["response_type"] == "ephemeral" and "kon niet nagaan of <@U2> lid is" in warning.params["text"]
    )
    assert state(bot).roles == {"U1": ("proceseigenaar",), "U2": ("burgemeester",)}
    assert "opdrachten" in only(run(bot, standin, "help")).params["text"]  # other commands do not ask
    assert len(standin.calls_to("conversations.members")) == 1


def file_shared(channel: str, user: str = "U2") -> dict:
    return event({"type": "file_shared", "file_id": "F1", "user_id": user, "file": {"id": "F1"}, "channel_id": channel})


def test_a_file_shared_in_a_procedure_channel_gets_a_private_request(bot, standin):
    before = len(deliveries(standin))
    assert send_event(bot.port, file_shared("C100")).status == 200  # no procedure yet: nothing to say
    bot.flush()
    assert len(deliveries(standin)) == before
    run(bot, standin, "start Zaanstad", expect=2)
    before = len(deliveries(standin))
    shared = file_shared("C100")
    assert send_event(bot.port, shared).status == 200
    assert send_event(bot.port, shared).status == 200  # a redelivery asks only once
    bot.flush()
    notice = only(deliveries(standin)[before:])
    assert (
        notice.method == "chat.postEphemeral" and notice.params["user"] == "U2" and notice.params["channel"] == "C100"
    )
    assert "HR-systeem" in notice.params["text"] and "niets van bewaard" in notice.params["text"]
    assert "F1" not in str(state(bot))  # nothing about the file is stored
