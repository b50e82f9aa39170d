"""The guide's search index: an SQLite FTS5 table with BM25 ranking, cached in a file between runs.

FTS5's bm25() of an OR query is a sum over its tokens, each term depending only on that token and the
row (idf, weighted term frequency, row length). So when the index is built, FTS5 scores every token on
its own and the scores are stored; a question is then ranked by adding up the stored scores of its
tokens, which gives FTS5's own ranking without running bm25() over every matching row for each
question (that costs about 2 microseconds per row). `search_live` runs the query through FTS5 itself;
the tests check that both agree.

The cache is keyed by a hash of the knowledge files (and of the code that analyses them), so it is
rebuilt exactly when something changed. Building needs PyYAML, Snowball and sqlite-utils; loading a
fresh cache needs only sqlite3 and json, which keeps `python -m bot ask` quick to start.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.qa.dictionary import Vocabulary
from bot.qa.knowledge import content_files
from bot.qa.normalize import Lexicon

INDEX_FORMAT = "qa-index/3"
CACHE_NAME = "qa-index.sqlite"
# BM25 weight per column: a word in the title or an example question says more than one in the answer.
COLUMN_WEIGHTS = (4.0, 3.0, 2.5, 1.0)
# FTS5 gives a token found in more than half of the rows an idf of 1e-6, so its scores are about a
# millionth; storing them would only slow every question that uses such a word (gemeente, kandidaat).
MIN_STORED_SCORE = 1e-3
_WEIGHTS = ", ".join(str(w) for w in COLUMN_WEIGHTS)
_RANKED = f"SELECT rowid, bm25(docs_fts, {_WEIGHTS}) AS rank FROM docs_fts WHERE docs_fts MATCH ? ORDER BY rank LIMIT ?"
_CODE_FILES = ("normalize.py", "lexicon.py", "knowledge.py", "index.py", "scope.py", "wordlists.py", "dictionary.py")


@dataclass(frozen=True)
class Entry:
    """One searchable item as stored in the index."""

    num: int
    id: str
    title: str
    answer: str
    sections: tuple[str, ...]
    steps: tuple[str, ...]
    see: tuple[str, ...]
    kind: str
    tokens: frozenset[str]
    pairs: frozenset[str] = frozenset()  # adjacent word pairs of its title and example questions
    heads: tuple[frozenset[str], ...] = ()  # the tokens of its title and of each example question
    near: frozenset[str] = frozenset()  # adjacent word pairs of its answer and keywords (not in pairs)
    counted: frozenset[str] = frozenset()  # tokens of the words it gives a number of (bot.qa.lexicon)
    # token -> the positions in heads of the heads it occurs in, derived from heads for quick lookups
    head_index: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        found: dict[str, list[int]] = {}
        for i, head in enumerate(self.heads):
            for token in head:
                found.setdefault(token, []).append(i)
        object.__setattr__(self, "head_index", {token: tuple(at) for token, at in found.items()})


class SearchIndex:
    """BM25 search over the items; safe to share between threads."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        entries: list[Entry],
        lexicon: Lexicon,
        scores: dict[str, list[tuple[int, float]]],
        cached: bool,
    ) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._scores = scores
        self.entries = {e.num: e for e in entries}
        self.by_id = {e.id: e for e in entries}
        self.lexicon = lexicon
        self.cached = cached  # True when read from (or written to) the cache file
        self.vocabulary = Vocabulary(conn, self._lock)  # general Dutch and English words (bot.qa.dictionary)

    def search(
        self, tokens: Iterable[str], limit: int = 5, weights: dict[str, float] | None = None
    ) -> list[tuple[Entry, float]]:
        """Items matching any of the tokens, best first, with their BM25 score (higher is better).

        `weights` scales a token's share of the score (context words of a long message count less)."""
        totals: dict[int, float] = {}
        total = totals.get
        stored = self._scores.get
        if weights:
            factor = weights.get
            for token in dict.fromkeys(tokens):
                weight = factor(token, 1.0)
                for num, score in stored(token, ()):
                    totals[num] = total(num, 0.0) + score * weight
        else:
            for token in dict.fromkeys(tokens):
                for num, score in stored(token, ()):
                    totals[num] = total(num, 0.0) + score
        best = sorted(totals, key=totals.__getitem__, reverse=True)[:limit]
        return [(self.entries[num], totals[num]) for num in best]

    def search_live(self, tokens: Iterable[str], limit: int = 8) -> list[tuple[Entry, float]]:
        """The same search run by FTS5 itself: the reference `search` equals (up to MIN_STORED_SCORE)."""
        query = " OR ".join(f'"{t}"' for t in dict.fromkeys(tokens) if t)
        if not query:
            return []
        with self._lock:
            rows = self._conn.execute(_RANKED, (query, limit)).fetchall()
        return [(self.entries[num], -rank) for num, rank in rows]

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._conn.close()


def content_hash(knowledge_dir: Path) -> str:
    """A hash over the knowledge files and the analysis code: it changes whenever the index would."""
    digest = hashlib.sha256(INDEX_FORMAT.encode())
    here = Path(__file__).parent
    for name in _CODE_FILES:
        digest.update((here / name).read_bytes())
    for path in content_files(knowledge_dir):
        digest.update(path.name.encode() + b"\0")
        with contextlib.suppress(OSError):  # an unreadable file fails loudly when the index is built
            digest.update(path.read_bytes())
    return digest.hexdigest()


def open_index(knowledge_dir: Path, cache_path: Path | None) -> SearchIndex:
    """The index for `knowledge_dir`: from the cache when fresh, else rebuilt (in memory if not writable)."""
    digest = content_hash(knowledge_dir)
    if cache_path is not None:
        index = _open_cached(cache_path, digest)
        if index is not None:
            return index
        if _write_cache(cache_path, knowledge_dir, digest):
            index = _open_cached(cache_path, digest)
            if index is not None:
                return index
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _build_into(conn, knowledge_dir, digest)
    return _load(conn, cached=False)


def _open_cached(path: Path, digest: str) -> SearchIndex | None:
    if not path.is_file():
        return None
    conn = None
    try:
        # immutable: the file is only ever replaced whole (os.replace), never changed in place, so SQLite
        # may skip its per-query locking; an open connection keeps reading the version it opened.
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        row = conn.execute("SELECT value FROM meta WHERE key = 'hash'").fetchone()
        if row is None or row[0] != digest:
            conn.close()
            return None
        return _load(conn, cached=True)
    except (sqlite3.Error, ValueError, KeyError):  # unreadable or foreign file: rebuild it
        if conn is not None:
            conn.close()
        return None


def _write_cache(path: Path, knowledge_dir: Path, digest: str) -> bool:
    """Build the index into a temporary file and move it into place; False when that is not possible."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(tmp)
        try:
            _build_into(conn, knowledge_dir, digest)
        finally:
            conn.close()
        os.replace(tmp, path)  # atomic: a reader never sees a half-written index
        return True
    except (OSError, sqlite3.Error):
        return False
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _build_into(conn: sqlite3.Connection, knowledge_dir: Path, digest: str) -> None:
    import sqlite_utils

    from bot.qa.dictionary import build_tables
    from bot.qa.knowledge import load_knowledge
    from bot.qa.lexicon import build_lexicon

    knowledge = load_knowledge(knowledge_dir)
    lexicon, fields = build_lexicon(knowledge)
    db = sqlite_utils.Database(conn)
    db.table("entries").insert_all(
        (
            {
                "num": n,
                "id": item.id,
                "title": item.title,
                "answer": item.answer,
                "sections": json.dumps(item.sections, ensure_ascii=False),
                "steps": json.dumps(item.steps),
                "see": json.dumps(item.see),
                "kind": item.kind,
                "pairs": fields[n - 1].pairs,
                "heads": fields[n - 1].heads,
                "near": fields[n - 1].near,
                "counted": fields[n - 1].counted,
            }
            for n, item in enumerate(knowledge.items, start=1)
        ),
        pk="num",
    )
    db.table("docs").insert_all(
        (
            {"num": n, "title": f.title, "questions": f.questions, "keywords": f.keywords, "body": f.body}
            for n, f in enumerate(fields, start=1)
        ),
        pk="num",
    )
    db.table("docs").enable_fts(["title", "questions", "keywords", "body"], fts_version="FTS5")
    db.table("scores").insert_all(
        (
            {"token": token, "num": num, "score": -rank}
            for token in sorted(lexicon.idf)
            for num, rank in conn.execute(_RANKED, (f'"{token}"', len(fields)))
            if -rank >= MIN_STORED_SCORE
        ),
        pk=("token", "num"),
    )
    build_tables(conn)
    db.table("meta").insert_all(
        [
            {"key": "hash", "value": digest},
            {"key": "lexicon", "value": json.dumps(lexicon.to_json(), ensure_ascii=False)},
        ],
        pk="key",
    )
    conn.commit()


def _load(conn: sqlite3.Connection, *, cached: bool) -> SearchIndex:
    (lexicon_json,) = conn.execute("SELECT value FROM meta WHERE key = 'lexicon'").fetchone()
    rows = conn.execute(
        "SELECT e.num, e.id, e.title, e.answer, e.sections, e.steps, e.see, e.kind,"
        " e.pairs, e.heads, e.near, e.counted,"
        " d.title || ' ' || d.questions || ' ' || d.keywords || ' ' || d.body"
        " FROM entries e JOIN docs d ON d.num = e.num ORDER BY e.num"
    ).fetchall()
    entries = [
        Entry(
            num=num,
            id=item_id,
            title=title,
            answer=answer,
            sections=tuple(json.loads(sections)),
            steps=tuple(json.loads(steps)),
            see=tuple(json.loads(see)),
            kind=kind,
            tokens=frozenset(tokens.split()),
            pairs=frozenset(pairs.split()),
            heads=tuple(frozenset(run.split()) for run in heads.split("|")),
            near=frozenset(near.split()),
            counted=frozenset(counted.split()),
        )
        for num, item_id, title, answer, sections, steps, see, kind, pairs, heads, near, counted, tokens in rows
    ]
    scores: dict[str, list[tuple[int, float]]] = {}
    for token, num, score in conn.execute("SELECT token, num, score FROM scores"):
        scores.setdefault(token, []).append((num, score))
    return SearchIndex(conn, entries, Lexicon.from_json(json.loads(lexicon_json)), scores, cached)
