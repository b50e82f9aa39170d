"""The FTS5 index: equal to FTS5's own ranking, cached by content hash, rebuilt on change, in memory if need be."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from qa_support import FIXTURE_KNOWLEDGE, copy_fixture

from bot.qa import index as index_module
from bot.qa.index import content_hash, open_index


def test_stored_scores_equal_fts5_bm25() -> None:
    index = open_index(FIXTURE_KNOWLEDGE, None)
    queries = [["search"], ["benoem", "colleg"], ["referenties", "kandidaat", "bron"], list(index.lexicon.idf)[:40]]
    for tokens in queries:
        fast = index.search(tokens, 5)
        live = index.search_live(tokens, 5)
        assert [e.id for e, _ in fast] == [e.id for e, _ in live]
        assert [s for _, s in fast] == pytest.approx([s for _, s in live], abs=0.01)
    assert index.search(["bestaatniet"]) == [] and index.search_live([]) == []


def test_cache_is_written_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "data" / "qa-index.sqlite"
    first = open_index(FIXTURE_KNOWLEDGE, cache)
    assert first.cached and cache.is_file()

    def no_rebuild(*args: object) -> None:
        raise AssertionError("rebuilt although nothing changed")

    monkeypatch.setattr(index_module, "_build_into", no_rebuild)
    again = open_index(FIXTURE_KNOWLEDGE, cache)
    assert again.cached and set(again.by_id) == set(first.by_id)


def test_changed_knowledge_rebuilds_the_cache(tmp_path: Path) -> None:
    knowledge = copy_fixture(tmp_path) / "knowledge"
    cache = tmp_path / "cache" / "qa-index.sqlite"
    before = content_hash(knowledge)
    assert "wie-benoemt" in open_index(knowledge, cache).by_id
    items = knowledge / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("id: wie-benoemt", "id: benoeming"), encoding="utf-8")
    assert content_hash(knowledge) != before
    index = open_index(knowledge, cache)
    assert "benoeming" in index.by_id and "wie-benoemt" not in index.by_id


def test_unwritable_cache_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    index = open_index(FIXTURE_KNOWLEDGE, blocker / "qa-index.sqlite")
    assert not index.cached
    assert "search-wat-is-het" in [entry.id for entry, _ in index.search(["search"], 3)]
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]  # no stray temporary files


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_folder_falls_back_to_memory(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert not open_index(FIXTURE_KNOWLEDGE, folder / "qa-index.sqlite").cached
    finally:
        folder.chmod(0o700)


def test_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "qa-index.sqlite"
    cache.write_bytes(b"this is not a database" * 100)
    index = open_index(FIXTURE_KNOWLEDGE, cache)
    assert index.cached and index.search(["search"])


def test_english_example_questions_are_indexed_in_dutch() -> None:
    from dataclasses import replace

    from bot.qa.knowledge import load_knowledge
    from bot.qa.lexicon import build_lexicon

    knowledge = load_knowledge(Path(__file__).resolve().parent.parent / "knowledge")
    first = replace(knowledge.items[0], questions=("Which committee hires the municipal secretary?",))
    lexicon, fields = build_lexicon(replace(knowledge, items=(first, *knowledge.items[1:])))
    tokens = fields[0].questions.split()
    assert "which" not in tokens and "committee" not in tokens and "hires" not in tokens
    assert any(t.startswith("commissie") for t in tokens) and "which" not in lexicon.vocab
