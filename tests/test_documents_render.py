"""Every document rendered for a procedure under each school: facts filled in, the rest visibly open."""

from __future__ import annotations

import re

import pytest

from bot.content.documents import KINDS
from bot.documents.facts import open_field

SCHOOLS = ("zuiver", "breed", "tussen")


def render(app, kind, channel="C1"):
    state = app.store.latest_procedure(channel)
    with app.store.unit_of_work(write=False) as uow:
        answers = uow.document_answers(channel, include_closed=True)
    return app.bot.documents.render(kind, state, answers, app.settings.timezone, app.clock()).markdown


def answer_all(chat, app, kind):
    """Answer every question of a document with a recognisable text; returns {id: text}."""
    given = {}
    for q in app.bot.documents.spec(kind).questions:
        given[q.id] = f"antwoord-{kind}-{q.id} over de gemeente"
        out = "\n".join(chat.say(f"/werving document {kind} {q.id} {given[q.id]}"))
        assert "Vastgelegd" in out, out
    return given


@pytest.mark.parametrize("school", SCHOOLS)
def test_every_document_under_each_school(chat, app, school):
    chat.say("/werving start Zaanstad")
    chat.say(f"/werving school {school}")
    chat.say("/werving rol @piet or")
    chat.say(f"/werving rol @{chat.user} portefeuillehouder-po")  # 1d is the college's decision
    assert "afgevinkt" in " ".join(chat.say("/werving klaar 1d vastgesteld"))
    chat.say("/werving planning 6a 15-03-2027")
    library = app.bot.documents
    assert library.kinds == KINDS
    school_name = app.plan.school(school).name
    for kind in KINDS:
        text = render(app, kind)
        spec = library.spec(kind)
        assert text.startswith(f"# {spec.title} - gemeente Zaanstad"), kind
        assert "{{" not in text and "{%" not in text and "None" not in text, kind
        # every field is filled or visibly open: the open marker is the only bracketed text
        assert re.findall(r"\[(?! \]|x\])[^\]]*\]", text) == re.findall(r"\[nog in te vullen: [^\]]+\]", text), kind
        # every section cites the guide section it rests on
        parts = re.split(r"^## ", text, flags=re.M)[1:]
        assert parts, kind
        for part in parts:
            assert part.splitlines()[1].startswith("_Bron: handreiking, §"), (kind, part.splitlines()[0])
    assert school_name in render(app, "profiel")
    assert school_name in render(app, "bw-voorstel")
    assert "@piet" in render(app, "or-advies")
    assert "15-03-2027" in render(app, "gesprekken")
    assert re.search(r"1d[^\n]*afgerond", render(app, "bw-voorstel"))


def test_school_shapes_the_or_advice_and_interview_plan(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving school breed")
    breed = render(app, "or-advies")
    assert "ziet daarmee af van een formeel advies" in breed and "vervalt bij deze school" in breed
    assert "kiest na de tweede ronde de eindkandidaat" in render(app, "gesprekken")
    chat.say("/werving school zuiver")
    zuiver = render(app, "or-advies")
    assert "zat in geen van de commissies" in zuiver and "vervalt bij deze school" not in zuiver
    assert "adviescommissie" in render(app, "gesprekken")


def test_without_school_the_school_is_left_open(chat, app):
    chat.say("/werving start Zaanstad")
    text = render(app, "gesprekken")
    assert open_field("school (kies met `school zuiver|breed|tussen`)") in text


def test_profile_and_recruitment_answers_fill_every_field(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving school tussen")
    chat.say(f"/werving rol @{chat.user} portefeuillehouder-po")
    chat.say("/werving klaar 1d")
    profiel = answer_all(chat, app, "profiel")
    werving = answer_all(chat, app, "werving")
    text = render(app, "profiel")
    for qid, value in profiel.items():
        if qid == "voorganger":
            continue
        assert value in text, qid
    assert "nog in te vullen" not in text
    wtext = render(app, "werving")
    for qid, value in werving.items():
        assert value in wtext, qid
    gesprekken = answer_all(chat, app, "gesprekken")
    gtext = render(app, "gesprekken")
    for qid, value in gesprekken.items():
        assert value in gtext, qid
    # answers flow into other documents too
    assert profiel["opgaven"] in render(app, "gesprekken")
    assert profiel["must-haves"] in render(app, "assessment")


def test_unanswered_questions_are_visibly_open(chat, app):
    chat.say("/werving start Zaanstad")
    text = render(app, "profiel")
    for q in app.bot.documents.spec("profiel").questions:
        if not q.private:
            assert open_field(q.label) in text, q.id


def test_private_context_never_in_documents_for_candidates(chat, app):
    chat.say("/werving start Zaanstad")
    secret = "vertrok na een bestuurscrisis met het college"
    out = "\n".join(chat.say(f"/werving document profiel voorganger {secret}"))
    assert "vertrouwelijk" in out
    for kind in KINDS:
        assert secret not in render(app, kind), kind
    assert app.bot.documents.spec("profiel").for_candidates
    assert app.bot.documents.spec("bekendmaking").for_candidates


def test_skipped_bureau_choice_says_so(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving nvt 2c we doen het zelf")
    text = render(app, "werving")
    assert "geen bureau ingehuurd" in text and "bureau-markt" not in text


def test_documents_hold_no_substep_notes(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a gesproken met iedereen behalve de wethouder")
    for kind in KINDS:
        assert "behalve de wethouder" not in render(app, kind)
