"""Transcript tests of every chat command through the console adapter."""

from __future__ import annotations

import re
from datetime import date

from bot.adapters.console import ConsoleSession
from bot.core.messages import ChannelPrivacy, Incoming


def joined(lines: list[str]) -> str:
    return "\n".join(lines)


def test_start_creates_procedure_and_names_first_step(chat, app):
    out = joined(chat.say("/werving start Zaanstad"))
    assert "Zaanstad" in out
    assert "1a" in out and "vertrouwelijk" in out
    state = app.store.procedure("C1")
    assert state is not None and state.municipality == "Zaanstad" and state.created_by == "jan"


def test_a_procedure_started_without_a_name_gets_it_from_the_process_owner(chat, app):
    out = joined(chat.say("start"))
    assert "onbekende gemeente" in out and "`start <gemeente>`" in out
    refused = joined(ConsoleSession(app, channel="C1", user="els").say("start Zaanstad"))
    assert "Alleen de proceseigenaar (@jan)" in refused and app.store.procedure("C1").municipality != "Zaanstad"
    assert "nu voor de gemeente Zaanstad" in joined(chat.say("start Zaanstad"))
    assert app.store.procedure("C1").municipality == "Zaanstad"
    assert app.store.audit_log("C1")[-1]["action"] == "MunicipalityNamed"
    assert "loopt al een procedure (gemeente Zaanstad" in joined(chat.say("start Gouda"))  # named once


def test_status_shows_progress_per_phase_and_next(chat):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a")
    out = joined(chat.say("/werving status"))
    assert "Fase 1 Profiel: 1/7" in out
    assert "Fase 2" in out and "Fase 3" in out
    assert "Volgende: *1b*" in out


def test_klaar_with_note_records_who_when_and_note(chat, app, clock):
    chat.say("/werving start Zaanstad")
    out = joined(chat.say("/werving klaar 1a gesprekken met 9 mensen gevoerd"))
    assert "@jan" in out and "gesprekken met 9 mensen gevoerd" in out
    record = app.store.procedure("C1").record("1a")
    assert record.status.value == "done" and record.by == "jan" and record.at == clock.now
    assert record.note == "gesprekken met 9 mensen gevoerd"


def test_klaar_twice_changes_nothing(chat, app, clock):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a eerste")
    first = app.store.procedure("C1").record("1a")
    clock.advance(hours=1)
    out = joined(chat.say("/werving klaar 1a tweede"))
    assert "al afgevinkt" in out
    assert app.store.procedure("C1").record("1a") == first


def test_heropen_and_nvt(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 2a")
    assert "weer opengezet" in joined(chat.say("/werving heropen 2a"))
    assert app.store.procedure("C1").record("2a").status.value == "open"
    assert "al open" in joined(chat.say("/werving heropen 2a"))
    out = joined(chat.say("/werving nvt 2c we doen het zelf"))
    assert "niet van toepassing" in out and "we doen het zelf" in out
    assert app.store.procedure("C1").record("2c").status.value == "skipped"
    assert "al op niet van toepassing" in joined(chat.say("/werving nvt 2c"))


def test_stap_explains_substep_with_roles_and_section(chat):
    out = joined(chat.say("/werving stap 7d"))
    assert "Advies over eindkandidaat door OR" in out
    assert "Aan zet: Ondernemingsraad" in out
    assert "Bron: handreiking VGS, §" in out
    whole = joined(chat.say("/werving stap 5"))
    assert "5a" in whole and "5b" in whole


def test_school_breed_skips_advisory_steps_and_status_says_so(chat, app):
    chat.say("/werving start Zaanstad")
    out = joined(chat.say("/werving school breed"))
    assert "7a" in out and "7d" in out
    status = joined(chat.say("/werving status"))
    assert "Overgeslagen: 7a" in status and "brede draagvlak" in status
    assert "Fase 3 Selectie: 0/18" in status


def test_school_zuiver_keeps_all_steps(chat):
    chat.say("/werving start Zaanstad")
    chat.say("/werving school zuivere rol")
    assert "Overgeslagen" not in joined(chat.say("/werving status"))


def test_rol_and_rollen(chat, app):
    chat.say("/werving start Zaanstad")
    assert "@piet heeft nu de rol Burgemeester" in joined(chat.say("/werving rol @piet burgemeester"))
    assert "al" in joined(chat.say("/werving rol @piet bm"))
    assert app.store.procedure("C1").roles == {"jan": ("proceseigenaar",), "piet": ("burgemeester",)}
    listing = joined(chat.say("/werving rollen"))
    assert "Burgemeester: @piet" in listing and "Proceseigenaar: @jan" in listing
    # Giving the role to a second person, when someone holds it, is confirmed first: it opens private advice.
    asked = joined(chat.say("/werving rol @kees burgemeester"))
    assert "vertrouwelijk advies" in asked and "@piet" in asked
    assert app.store.procedure("C1").roles == {"jan": ("proceseigenaar",), "piet": ("burgemeester",)}
    assert "@kees heeft nu de rol Burgemeester" in joined(chat.say("/werving bevestig"))
    assert "ingetrokken" in joined(chat.say("/werving rol @piet geen burgemeester"))
    assert app.store.procedure("C1").roles == {"jan": ("proceseigenaar",), "kees": ("burgemeester",)}


def test_rol_accepts_slack_mentions(app):
    incoming = Incoming("slack", "C9", "U1", "start Den Haag", is_command=True)
    app.bot.handle(incoming, app.clock())
    replies = app.bot.handle(Incoming("slack", "C9", "U1", "rol <@U234|piet> manager p&o", True), app.clock())
    assert "<@U234>" in replies[0].text
    assert app.store.procedure("C9").roles == {"U1": ("proceseigenaar",), "U234": ("manager-po",)}


def test_planning_with_only_a_date_plans_the_next_substep(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a")
    out = joined(chat.say("/werving planning 2027-02-01"))
    assert "*1b*" in out and "01-02-2027" in out
    assert str(app.store.procedure("C1").planned["1b"]) == "2027-02-01"


def test_planning_set_list_and_clear(chat, app):
    chat.say("/werving start Zaanstad")
    assert "15-03-2027" in joined(chat.say("/werving planning 6a 15-03-2027"))
    assert "15-03-2027" in joined(chat.say("/werving planning"))
    assert str(app.store.procedure("C1").planned["6a"]) == "2027-03-15"
    assert "gewist" in joined(chat.say("/werving planning 6a wis"))
    assert app.store.procedure("C1").planned == {}


def test_vraag_and_plain_message_answer_with_plan_position_only_when_it_matters(chat, app):
    chat.say("/werving start Zaanstad")
    out = joined(chat.say("Wie benoemt de secretaris?"))
    assert "Gemeentewet art. 102" in out
    assert "📍" not in out  # 10b is far ahead: where the procedure stands does not matter here
    assert "art. 102" in joined(chat.say("/werving vraag wie benoemt er?"))


def test_export_lists_steps_roles_and_log(chat):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a")
    chat.say("/werving rol @piet burgemeester")
    chat.say("/werving bevestig")
    out = joined(chat.say("/werving export"))
    assert "Dossier" in out and "1a Gesprekken voeren met nauw betrokkenen: afgerond" in out
    assert "@piet: Burgemeester" in out
    assert re.search(r"Logboek\* \(\d+ regels\)", out) and "1a: afgerond" in out and "hashketen" in out


def test_afsluiten_keeps_dossier_and_allows_new_start(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a")
    assert "bevestig" in joined(chat.say("/werving afsluiten"))
    assert app.store.procedure("C1") is not None
    assert "afgesloten" in joined(chat.say("/werving bevestig"))
    assert app.store.procedure("C1") is None
    assert app.store.latest_procedure("C1").record("1a").status.value == "done"
    assert "geen procedure" in joined(chat.say("/werving status"))
    assert "gestart" in joined(chat.say("/werving start Zaanstad"))


def test_help_lists_every_command(chat):
    out = joined(chat.say("/werving help"))
    for name in (
        "start",
        "status",
        "klaar",
        "heropen",
        "nvt",
        "stap",
        "rol",
        "rollen",
        "school",
        "planning",
        "vraag",
        "export",
        "afsluiten",
    ):
        assert f"`{name}" in out
    assert "klaar <id>" in joined(chat.say("/werving help klaar"))


def test_privacy_warning_at_start_and_status_when_channel_not_private(app):
    public = ChannelPrivacy(checked=True, private=False)
    replies = app.bot.handle(Incoming("slack", "C5", "U1", "start Ede", True, channel_privacy=public), app.clock())
    assert any("openbaar" in r.text for r in replies)
    failed = ChannelPrivacy(checked=False)
    replies = app.bot.handle(Incoming("slack", "C5", "U1", "status", True, channel_privacy=failed), app.clock())
    assert any("kon niet nagaan" in r.text for r in replies)
    shared = ChannelPrivacy(checked=True, private=True, shared_externally=True)
    replies = app.bot.handle(Incoming("slack", "C5", "U1", "status", True, channel_privacy=shared), app.clock())
    assert any("andere organisatie" in r.text for r in replies)
    private = ChannelPrivacy(checked=True, private=True)
    replies = app.bot.handle(Incoming("slack", "C5", "U1", "status", True, channel_privacy=private), app.clock())
    assert not any("⚠️" in r.text for r in replies)


def test_audit_log_records_every_change(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a")
    chat.say("/werving heropen 1a")
    chat.say("/werving rol @piet burgemeester")
    chat.say("/werving bevestig")
    chat.say("/werving school breed")
    chat.say("/werving klaar 9z")  # refused: no log line
    actions = [row["action"] for row in app.store.audit_log("C1")]
    assert actions == [
        "ProcedureStarted",
        "RoleAssigned",
        "SubstepDone",
        "SubstepReopened",
        "RoleAssigned",
        "SchoolChosen",
    ]
    row = app.store.audit_log("C1")[2]
    assert row["actor"] == "jan" and row["object"] == "1a" and row["origin"] == "console"
    assert row["at"].endswith("+00:00")


def test_home_lists_procedures_and_waiting_steps(app):
    app.bot.handle(Incoming("slack", "C7", "U1", "start Ede", True), app.clock())
    app.bot.handle(Incoming("slack", "C7", "U1", "rol <@U2> burgemeester", True), app.clock())
    app.bot.handle(Incoming("slack", "C7", "U1", "bevestig", True), app.clock())
    home = app.bot.home("U2", app.clock())
    assert len(home.entries) == 1
    entry = home.entries[0]
    assert entry.municipality == "Ede" and entry.roles == ("Burgemeester",)
    assert entry.next.id == "1a" and any(w.id == "1a" for w in entry.waiting)
    assert entry.upcoming == ()
    assert app.bot.home("U3", app.clock()).entries == ()


def test_home_shows_the_next_planned_dates_and_marks_late_ones(app, clock):
    for text in ("start Ede", "rol <@U2> burgemeester", "bevestig", "planning 1b 03-02-2027", "planning 1a 20-01-2027"):
        app.bot.handle(Incoming("slack", "C7", "U1", text, True), clock())
    entry = app.bot.home("U2", clock()).entries[0]
    assert [(p.id, p.day, p.late) for p in entry.upcoming] == [
        ("1a", date(2027, 1, 20), False),
        ("1b", date(2027, 2, 3), False),
    ]
    clock.advance(days=10)
    entry = app.bot.home("U2", clock()).entries[0]
    assert [(p.id, p.late) for p in entry.upcoming] == [("1a", True), ("1b", False)]
    app.bot.handle(Incoming("slack", "C7", "U1", "klaar 1a", True), clock())
    assert [p.id for p in app.bot.home("U2", clock()).entries[0].upcoming] == ["1b"]


def test_start_refuses_what_cannot_be_a_municipality_and_drops_the_word_gemeente(chat, app):
    for line in ("start 1a", "start @piet", "start Purmerend <!channel>"):
        assert "geen naam van een gemeente" in joined(chat.say(line))
        assert app.store.procedure("C1") is None
    assert "Procedure gestart" in joined(chat.say("start gemeente Zaanstad"))
    assert app.store.procedure("C1").municipality == "Zaanstad"
