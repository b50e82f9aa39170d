"""The chat command `document <soort>` through the console adapter: documents, questions, answers, refusals."""

from __future__ import annotations

import pytest

from bot.content.documents import KINDS
from bot.core.messages import Incoming


def joined(lines: list[str]) -> str:
    return "\n".join(lines)


def raw(app, text):
    """The reply text as the bot hands it to an adapter (before the console unescapes it)."""
    replies = app.bot.handle(Incoming("console", "C1", "jan", text, is_command=True), app.clock())
    return "\n".join(r.text for r in replies)


def stored(app, channel="C1"):
    with app.store.unit_of_work(write=False) as uow:
        return uow.document_answers(channel)


def test_document_needs_a_procedure(chat):
    out = joined(chat.say("/werving document profiel"))
    assert "In dit kanaal loopt nog geen procedure" in out


def test_unknown_or_missing_kind_names_the_valid_kinds(chat, app):
    chat.say("/werving start Zaanstad")
    out = raw(app, "document <!channel>")
    assert "De documentsoort '&lt;!channel&gt;' bestaat niet" in out and "<!channel>" not in out
    assert all(kind in out for kind in KINDS)
    assert all(kind in joined(chat.say("/werving document")) for kind in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_each_document_in_the_chat(chat, kind):
    chat.say("/werving start Zaanstad")
    out = joined(chat.say(f"/werving document {kind}"))
    assert out.startswith("[alleen voor jou] *") and "Zaanstad" in out
    assert f"python -m bot document {kind} --channel C1 --docx {kind}.docx" in out
    assert "\n#" not in out  # headings shown as bold lines


def test_long_document_is_shortened_with_a_pointer_to_the_file(chat):
    chat.say("/werving start Zaanstad")
    out = joined(chat.say("/werving document profiel"))
    assert "(ingekort)" in out and "Nog 19 vragen open" in out


def test_questions_answer_skip_change_and_clear(chat, app):
    chat.say("/werving start Zaanstad")
    listing = joined(chat.say("/werving document profiel vragen"))
    assert "`inwoners`" in listing and "`voorganger`" in listing and "(open)" in listing
    out = joined(chat.say("/werving document profiel inwoners ongeveer 157.000, vrij jong"))
    assert "Vastgelegd voor `inwoners`" in out and "Volgende vraag, `kernen`" in out
    assert stored(app)[("profiel", "inwoners")] == "ongeveer 157.000, vrij jong"
    chat.say("/werving document profiel inwoners ongeveer 158.000")
    assert stored(app)[("profiel", "inwoners")] == "ongeveer 158.000"
    out = joined(chat.say("/werving document profiel kernen overslaan"))
    assert "overgeslagen" in out and stored(app)[("profiel", "kernen")] is None
    assert "(overgeslagen)" in joined(chat.say("/werving document profiel vragen"))
    out = joined(chat.say("/werving document profiel kernen"))
    assert "Hoe groot is de gemeente" in out and "overgeslagen" in out
    assert "gewist" in joined(chat.say("/werving document profiel kernen wissen"))
    assert ("profiel", "kernen") not in stored(app)
    assert "niets veranderd" in joined(chat.say("/werving document profiel kernen wissen"))


def test_unknown_question_names_the_valid_ids(chat):
    chat.say("/werving start Zaanstad")
    out = joined(chat.say("/werving document werving prijs te duur"))
    assert "Vraag 'prijs' bestaat niet bij werving" in out and "`bureau-prijs`" in out
    out = joined(chat.say("/werving document referenties vraag1 iets"))
    assert "heeft geen vragen" in out


@pytest.mark.parametrize(
    "answer",
    [
        "mail het naar p.jansen@example.nl",
        "bel 06-12345678 voor overleg",
        "zie het cv van de beste",
        "Jan de Vries zou goed passen",
        "mevrouw Pietersen heeft ervaring",
        "kandidaat Bakker valt af",
        "haar geboortedatum is bekend",
    ],
)
def test_candidate_and_personal_data_are_refused_and_nothing_is_stored(chat, app, answer):
    chat.say("/werving start Zaanstad")
    for kind, question in (("profiel", "stijl"), ("werving", "bureau-consultant")):
        out = joined(chat.say(f"/werving document {kind} {question} {answer}"))
        assert "Ik bewaar geen gegevens" in out and "niets opgeslagen" in out, answer
    assert stored(app) == {}


def test_functions_and_municipal_facts_are_accepted(chat, app):
    chat.say("/werving start Bergen op Zoom")
    out = joined(chat.say("/werving document profiel gesproken-met burgemeester 12-01, OR-voorzitter 14-01, griffier"))
    assert "Vastgelegd" in out
    assert "Vastgelegd" in joined(chat.say("/werving document werving bureau Van der Meer Search"))


def test_answers_are_escaped_and_limited(chat, app):
    chat.say("/werving start Zaanstad")
    out = raw(app, "document profiel cultuur open <!here> & collegiaal")
    assert "&lt;!here&gt; &amp; collegiaal" in out
    too_long = "x" * 1001
    assert "te lang" in joined(chat.say(f"/werving document profiel cultuur {too_long}"))
    assert stored(app)[("profiel", "cultuur")] == "open <!here> & collegiaal"


def test_answers_belong_to_one_procedure(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving document profiel opgaven een herindeling")
    chat.say("/werving afsluiten")
    chat.say("/werving bevestig")
    assert app.store.procedure("C1") is None  # closed (with or without a confirmation step)
    chat.say("/werving start Zaanstad")
    assert app.store.procedure("C1") is not None
    assert stored(app) == {}
    assert "Nu: open." in joined(chat.say("/werving document profiel opgaven"))


def test_help_lists_document(chat):
    assert "document <soort>" in joined(chat.say("/werving help"))
