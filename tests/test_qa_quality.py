"""Answer quality on the real knowledge: our question set, the development set, and the items' own questions.

The thresholds in bot/qa/answerer.py were calibrated on these sets; the development set is also scored
by ../shared/eval/score.py through the command line, and the same scorer runs on unseen questions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from qa_support import REPO_ROOT, passes

from bot.qa import compose
from bot.qa.answerer import Answerer
from bot.qa.index import open_index
from bot.qa.knowledge import load_knowledge

KNOWLEDGE = REPO_ROOT / "knowledge"
OWN_SET = Path(__file__).parent / "qa_questions.yaml"
DEV_SET = REPO_ROOT.parent / "shared" / "eval" / "dev-questions.yaml"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(open_index(KNOWLEDGE, None))


def rates(answerer: Answerer, path: Path) -> tuple[float, float, list[str]]:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    failures = []
    for item in spec["in_scope"]:
        answer = answerer.answer(item["q"])
        if not passes(item["must"], answer.text, answer.matched):
            failures.append(f"in: {item['q']} -> {answer.item_id}")
    in_failed = len(failures)
    failures += [f"out: {q}" for q in spec["out_of_scope"] if answerer.answer(q).matched]
    in_rate = 1 - in_failed / len(spec["in_scope"])
    out_rate = 1 - (len(failures) - in_failed) / len(spec["out_of_scope"])
    return in_rate, out_rate, failures


def test_own_question_set(answerer: Answerer) -> None:
    in_rate, out_rate, failures = rates(answerer, OWN_SET)
    assert in_rate >= 0.9 and out_rate == 1.0, failures


@pytest.mark.skipif(not DEV_SET.exists(), reason="the development set lives outside the repository")
def test_development_set(answerer: Answerer) -> None:
    in_rate, out_rate, failures = rates(answerer, DEV_SET)
    assert in_rate >= 0.9 and out_rate == 1.0, failures


def test_example_questions_find_their_items(answerer: Answerer) -> None:
    items = [item for item in load_knowledge(KNOWLEDGE).items if item.kind == "item"]
    asked = [(item.id, q) for item in items for q in item.questions]
    answers = [(item_id, answerer.answer(q)) for item_id, q in asked]
    matched = sum(a.matched for _, a in answers) / len(asked)
    own = sum(a.item_id == item_id for item_id, a in answers) / len(asked)
    assert matched >= 0.95 and own >= 0.85, (matched, own)


def test_every_answer_fits_with_its_source_line(answerer: Answerer) -> None:
    for entry in answerer.index.entries.values():
        text = compose.matched(entry.answer, entry.sections, entry.steps, ())
        assert len(text) <= compose.MAX_REPLY_CHARS, entry.id
        assert entry.answer in text, f"{entry.id} would be cut short"


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("When is a development assessment a better fit than a selection assessment?", "ontwikkelassessment"),
        ("Should we hire a recruitment agency?", "bureau"),
        ("wie benoemt eigenlijk de gemeentesecretris?", "college"),  # a typing error
        ("Wat doet de adviescomissie precies?", "adviescommissie"),
        ("Wanneer besteed je de werving en selectie uit aan een bureau?", "capaciteit"),  # a split verb
        ("Wat zijn de verschillen tussen zuiver en breed?", "geen adviescommissie"),  # a comparison
        ("What happens in the final step of the step plan?", "benoeming"),
    ],
)
def test_english_typos_and_split_verbs_are_answered(answerer: Answerer, question: str, fact: str) -> None:
    answer = answerer.answer(question)
    assert answer.matched and fact in answer.text.lower(), answer.item_id


@pytest.mark.parametrize(
    "question",
    [
        "Wat verdient een gemeentesecretaris?",
        "Welke salarisschaal hoort bij een gemeentesecretaris?",
        "Hoe lang duurt een raadsperiode?",
        "Hoe word ik lid van de ondernemingsraad?",
        "Hoe schrijf ik een goede vacaturetekst voor een beleidsmedewerker?",
        "What does an alderman earn?",
        "What's the capital of France?",
        "Wie wordt interim-secretaris tot de nieuwe begint?",
        "Hoe werkt de Wet arhi bij een fusie?",
        "Wie screent een kandidaat-wethouder op integriteit?",
    ],
)
def test_off_topic_questions_in_guide_words_are_refused(answerer: Answerer, question: str) -> None:
    assert not answerer.answer(question).matched


def test_chat_abbreviations_are_no_unknown_words(answerer: Answerer) -> None:
    answer = answerer.answer("wat hoort er in de kenschets vd gemeente?")
    assert answer.matched and answer.item_id == "profiel-kenschets-gemeente"
