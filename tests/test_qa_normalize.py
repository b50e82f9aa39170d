"""Dutch text analysis: markup, folding, stems, synonyms, compounds and English words."""

from __future__ import annotations

import pytest
from qa_support import FIXTURE_KNOWLEDGE

from bot.qa.knowledge import load_knowledge
from bot.qa.lexicon import build_lexicon
from bot.qa.normalize import Analyzer, Lexicon, english_bases, fold, split_compound, strip_markup, words


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    lexicon, _ = build_lexicon(load_knowledge(FIXTURE_KNOWLEDGE))
    return Analyzer(lexicon)


def tokens(analyzer: Analyzer, text: str) -> list[str]:
    return [t.token for t in analyzer.terms(analyzer.walk(words(text)))]


def test_fold_and_words() -> None:
    assert fold("Beïnvloeden, één, Café") == "beinvloeden, een, cafe"
    assert words("Wat doet de OR-voorzitter bij stap 5?") == [
        "wat",
        "doet",
        "de",
        "or",
        "voorzitter",
        "bij",
        "stap",
        "5",
    ]
    assert words("CV’s en B&W") == ["cv", "en", "b&w"]  # single letters dropped, & kept inside a word


def test_markup_and_mentions_are_removed() -> None:
    assert strip_markup("<!channel> hoi <@U123> zie <https://x.nl|site> &lt;b&gt;").split() == ["hoi", "zie"]
    assert words("<!channel> <@U123|jan> <#C1|werving>") == []
    assert words("B&amp;W") == ["b&w"]


def test_synonyms_and_inflections_meet(analyzer: Analyzer) -> None:
    assert tokens(analyzer, "OR") == tokens(analyzer, "ondernemingsraad") == tokens(analyzer, "ondernemingsraden")
    assert tokens(analyzer, "B&W") == tokens(analyzer, "het college van B&W") == tokens(analyzer, "college")
    assert tokens(analyzer, "headhunting") == tokens(analyzer, "actieve werving") == tokens(analyzer, "search")
    assert tokens(analyzer, "kandidaten") == tokens(analyzer, "sollicitant")
    assert tokens(analyzer, "Referenties") == tokens(analyzer, "referent")
    assert tokens(analyzer, "benoemt") == tokens(analyzer, "benoemen")
    assert tokens(analyzer, "tien stappen")[1:] == tokens(analyzer, "10 stappen")[1:]


def test_stop_words_are_not_terms(analyzer: Analyzer) -> None:
    assert tokens(analyzer, "Wat is het dan eigenlijk?") == []
    assert tokens(analyzer, "de vorige secretaris")  # "vorige" stems to "voor", still a content word


def test_abbreviations_do_not_match_stems_of_longer_words(analyzer: Analyzer) -> None:
    assert tokens(analyzer, "orde") != tokens(analyzer, "OR")


def test_unknown_compound_gets_parts(analyzer: Analyzer) -> None:
    (term,) = analyzer.terms(analyzer.walk(words("advertentiekandidaat")))
    assert term.parts == tuple(tokens(analyzer, "advertentie kandidaat"))
    assert split_compound("selectiecommissie", frozenset({"selectie", "commissie"})) == ("selectie", "commissie")
    assert split_compound("raadsvergadering", frozenset({"raad"})) == ("raads", "vergadering")  # known modifier
    assert split_compound("privacygevoelig", frozenset({"privacy"})) == ("privacy", "gevoelig")
    assert split_compound("appeltaart", frozenset({"raad"})) == ()


def test_neutral_words_are_marked(analyzer: Analyzer) -> None:
    terms = analyzer.terms(analyzer.walk(words("Waarom volstaat search niet?")))
    assert [(t.neutral) for t in terms] == [True, False]


def test_english_is_translated(analyzer: Analyzer) -> None:
    dutch = analyzer.translate(words("Who appoints the municipal secretary?"))
    assert tokens(analyzer, " ".join(dutch)) == tokens(analyzer, "benoemt gemeentesecretaris")


def test_lexicon_round_trips_through_json(analyzer: Analyzer) -> None:
    again = Lexicon.from_json(analyzer.lexicon.to_json())
    assert again == analyzer.lexicon


def test_english_base_forms_for_words_the_list_lacks() -> None:
    assert english_bases("meets")[0] == "meet"
    assert "start" in english_bases("starting") and "make" in english_bases("making")
    assert "plan" in english_bases("planned") and english_bases("parties")[0] == "party"
    assert english_bases("is") == () and english_bases("process")[:1] != ("proces",)
