"""Confirmations, statutory guards and permissions, through the console adapter and the core."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from safe_support import grant, run

from bot.adapters.console import ConsoleSession
from bot.bootstrap import build
from bot.config import Settings
from bot.content.errors import ContentError
from bot.core.messages import Audience, Incoming


def joined(lines: list[str]) -> str:
    return "\n".join(lines)


@pytest.fixture
def started(chat):
    chat.say("/werving start Zaanstad")
    return chat


def status_of(app, substep: str) -> str:
    return app.store.procedure("C1").record(substep).status.value


# --- A. confirmations -------------------------------------------------------------------------------------


def test_afsluiten_asks_first_changes_nothing_and_bevestig_closes_with_reason(started, app):
    asked = joined(started.say("/werving afsluiten benoeming rond"))
    assert asked.startswith("[alleen voor jou]") and "[1] Bevestigen" in asked and "37 substappen" in asked
    assert app.store.procedure("C1") is not None
    out = joined(started.say("/werving bevestig"))
    assert "afgesloten" in out and "benoeming rond" in out
    closed = app.store.latest_procedure("C1")
    assert closed.closed_by == "jan" and closed.close_reason == "benoeming rond"


def test_the_console_numbers_the_button(started, app):
    started.say("/werving afsluiten klaar")
    assert "afgesloten" in joined(started.say("1"))
    assert app.store.procedure("C1") is None


def test_bevestig_only_for_the_same_person_in_the_same_channel(started, app):
    started.say("/werving afsluiten klaar")
    other_person = run(app, "bevestig", user="piet")
    assert other_person[0].audience is Audience.REQUESTER and "geen opdracht" in other_person[0].text
    other_channel = run(app, "bevestig", channel="C2")
    assert "geen opdracht" in other_channel[0].text
    assert app.store.procedure("C1") is not None


def test_bevestig_expires_after_ten_minutes(started, app, clock):
    started.say("/werving afsluiten klaar")
    clock.advance(minutes=11)
    assert "te laat" in joined(started.say("/werving bevestig"))
    assert app.store.procedure("C1") is not None
    assert "geen opdracht" in joined(started.say("/werving bevestig"))


def test_annuleer_drops_the_pending_command(started, app):
    started.say("/werving afsluiten klaar")
    assert "Geannuleerd" in joined(started.say("/werving annuleer"))
    assert "geen opdracht" in joined(started.say("/werving bevestig"))
    assert app.store.procedure("C1") is not None


def test_a_pending_confirmation_survives_a_restart(settings, clock):
    from fakes import FakeAnswerer

    first = build(settings, clock=clock, answerer=FakeAnswerer())
    ConsoleSession(first, "C1", "jan").say("/werving start Ede")
    ConsoleSession(first, "C1", "jan").say("/werving afsluiten klaar")
    first.close()
    second = build(settings, clock=clock, answerer=FakeAnswerer())
    try:
        assert "afgesloten" in joined(ConsoleSession(second, "C1", "jan").say("/werving bevestig"))
        assert second.store.procedure("C1") is None
    finally:
        second.close()


# --- B. statutory steps -----------------------------------------------------------------------------------


def test_10b_can_never_be_nvt(started, app):
    grant(app, "C1", "jan", "college")
    out = joined(started.say("/werving nvt 10b het college was het al eens"))
    assert "nooit" in out and "Gemeentewet art. 102" in out and status_of(app, "10b") == "open"
    assert "geen opdracht" in joined(started.say("/werving bevestig"))


def test_10b_never_nvt_is_the_answer_for_anyone(started, app):
    replies = run(app, "nvt 10b geen benoeming nodig", user="kees")
    assert "nooit" in replies[0].text and replies[0].audience is Audience.REQUESTER


def test_every_nvt_needs_a_reason(started, app):
    out = joined(started.say("/werving nvt 2c"))
    assert "Geef een reden" in out and status_of(app, "2c") == "open"


@pytest.mark.parametrize("school", ["zuiver", "tussen"])
def test_7d_nvt_under_zuiver_or_tussen_names_the_law_and_asks(started, app, school):
    started.say(f"/werving school {school}")
    asked = joined(started.say("/werving nvt 7d de OR zag ervan af"))
    assert "Wor art. 30 lid 1" in asked and "Bevestigen" in asked and status_of(app, "7d") == "open"
    assert "niet van toepassing" in joined(started.say("/werving bevestig"))
    assert status_of(app, "7d") == "skipped"


def test_ticking_10b_with_7d_and_9c_open_warns_and_asks(started, app):
    grant(app, "C1", "jan", "college")
    asked = joined(started.say("/werving klaar 10b"))
    assert "7d" in asked and "9c" in asked and status_of(app, "10b") == "open"
    assert "1a staat nog open" not in asked  # one question, the statutory one
    assert "afgevinkt" in joined(started.say("/werving bevestig"))
    assert status_of(app, "10b") == "done"


def test_7d_does_not_hold_up_10b_under_breed(started, app):
    grant(app, "C1", "jan", "college")
    started.say("/werving school breed")
    asked = joined(started.say("/werving klaar 10b"))
    assert "*9c*" in asked and "*7d*" not in asked


def test_ticking_far_out_of_order_asks_once(started, app):
    assert "afgevinkt" in joined(started.say("/werving klaar 2a"))  # one step ahead is fine
    asked = joined(started.say("/werving klaar 5a"))
    assert "1a staat nog open" in asked and "toch 5a afvinken?" in asked and status_of(app, "5a") == "open"
    assert "afgevinkt" in joined(started.say("1"))
    assert status_of(app, "5a") == "done"


# --- C. permissions ---------------------------------------------------------------------------------------


def test_someone_without_a_role_can_change_nothing_and_is_told_privately_who_can(started, app):
    before = app.store.procedure("C1")
    for command in ("klaar 1a", "nvt 1b reden", "rol @kees burgemeester", "school breed", "planning 6a 15-03-2027"):
        replies = run(app, command, user="kees")
        assert [r.audience for r in replies] == [Audience.REQUESTER], command
        assert "Dit mag je niet" in replies[0].text and "<@jan>" in replies[0].text, command
    replies = run(app, "afsluiten weg ermee", user="kees")
    assert "Proceseigenaar (<@jan>)" in replies[0].text
    assert "Dit mag je niet" in run(app, "export", user="kees")[0].text
    assert app.store.procedure("C1") == before


def test_only_the_colleges_roles_tick_1d_and_10b(started, app):
    refused = joined(started.say("/werving klaar 1d"))
    assert "College van B&W" in refused and "Burgemeester" in refused and status_of(app, "1d") == "open"
    grant(app, "C1", "wim", "college")
    assert "afgevinkt" in run(app, "klaar 1d", user="wim")[0].text


def test_7d_for_the_or(started, app):
    grant(app, "C1", "ria", "or")
    grant(app, "C1", "sam", "selectiecommissie")
    assert "Ondernemingsraad (<@ria>)" in run(app, "klaar 7d", user="sam")[0].text
    replies = run(app, "klaar 7d", user="ria")
    assert replies[0].actions  # far out of order: asks first
    assert "afgevinkt" in run(app, "bevestig", user="ria")[0].text


def test_special_mentions_never_get_a_role(started, app):
    for who in ("@channel", "@here", "@everyone", "<!channel>", "<!here>"):
        out = joined(started.say(f"/werving rol {who} manager-po"))
        assert "niet naar het hele kanaal" in out, who
    assert app.store.procedure("C1").roles == {"jan": ("proceseigenaar",)}


def test_process_owner_hands_on_and_loses_the_rights(started, app):
    assert "@mia heeft nu de rol Proceseigenaar" in joined(started.say("/werving rol @mia proceseigenaar"))
    assert app.store.procedure("C1").holders("proceseigenaar") == ("mia",)
    assert "Dit mag je niet" in joined(started.say("/werving rol @kees manager-po"))
    assert "Er is altijd" in run(app, "rol @mia geen proceseigenaar", user="mia")[0].text


def test_giving_away_the_mayor_role_needs_the_owners_confirmation(started, app):
    started.say("/werving rol @piet burgemeester")
    started.say("/werving bevestig")
    asked = joined(started.say("/werving rol @kees burgemeester"))
    assert "@piet" in asked and "Bevestigen" in asked
    assert app.store.procedure("C1").holders("burgemeester") == ("piet",)
    assert "Dit mag je niet" in run(app, "rol @piet burgemeester", user="piet")[0].text


def test_permissions_file_errors_name_file_and_key(tmp_path: Path):
    import shutil

    from bot.paths import content_root

    root = content_root()
    shutil.copytree(root / "procedures", tmp_path / "procedures")
    shutil.copytree(root / "knowledge", tmp_path / "knowledge")
    path = tmp_path / "procedures" / "permissions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("7d: [or,", "7d: [ondernemer,"), encoding="utf-8")
    settings = Settings(db_path=tmp_path / "bot.db", content_dir=tmp_path)
    with pytest.raises(ContentError) as err:
        build(settings)
    assert "permissions.yaml" in str(err.value) and "substeps" in str(err.value) and "ondernemer" in str(err.value)


def test_slack_shows_a_bevestigen_button_and_a_click_confirms_as_the_clicker(app):
    from bot.adapters.slack import render as slack_render
    from bot.adapters.slack import translate

    run(app, "start Ede", user="U1", channel="C5", platform="slack")
    asked = run(app, "afsluiten klaar", user="U1", channel="C5", platform="slack")
    block = slack_render.message(asked[0])["blocks"][-1]
    button = block["elements"][0]
    assert (button["text"]["text"], button["value"], button.get("style")) == ("Bevestigen", "bevestig", "primary")
    body = {"type": "block_actions", "channel": {"id": "C5"}, "user": {"id": "U1"}}
    click = translate.from_action(body, {"action_id": button["action_id"], "value": button["value"]})
    assert "afgesloten" in app.bot.handle(click, app.clock())[0].text
    assert app.store.procedure("C5") is None


# --- roles go only to members of the channel --------------------------------------------------------------


def test_a_role_is_refused_for_someone_outside_the_channel(started, app):
    members = frozenset({"jan", "piet"})
    incoming = Incoming("console", "C1", "jan", "rol @kees burgemeester", True, members=members)
    refused = app.bot.handle(incoming, app.clock())
    assert refused[0].audience is Audience.REQUESTER and "geen lid van dit kanaal" in refused[0].text
    assert app.store.procedure("C1").holders("burgemeester") == ()
    given = app.bot.handle(replace(incoming, text="rol @piet burgemeester"), app.clock())
    assert "heeft nu de rol" in given[0].text
    # When the platform cannot say who is a member (an outage), the role is given with a private warning.
    failed = app.bot.handle(replace(incoming, text="rol @piet griffier", members_failed=True), app.clock())
    assert "heeft nu de rol" in failed[0].text and failed[1].audience.value == "requester"
    assert "kon niet nagaan of <@piet> lid is" in failed[1].text
    assert app.store.procedure("C1").holders("griffier") == ("piet",)


def test_the_console_cannot_tell_members_and_allows_any_role(started, app):
    assert "heeft nu de rol" in joined(started.say("/werving rol @kees burgemeester"))
