"""General Dutch and English vocabulary beside the guide's own words, kept in the index cache.

The guide uses a few thousand words; committee members use many more. Whether a word the guide never
uses is a real Dutch word (printer, regenen, botsing) or a typing error (profeil, diversitijt) decides
what happens to it: a real word is left alone (and counts as a word the guide does not use), a typing
error is corrected against the guide's words and against real Dutch words. English words that are real
English but have no Dutch translation in the glossary ("topics", "each") say nothing about the topic.

The lists come from wordfreq's frequency data (Zipf scale: 3 is about once per million words) and are
written into the index cache when it is built; at question time a word is looked up with one indexed
SQLite query, so `python -m bot ask` never loads the lists (or wordfreq) at all.
"""

from __future__ import annotations

import sqlite3
import threading

from bot.qa.normalize import fold

DUTCH_SIZE = 80_000  # most frequent Dutch words kept
ENGLISH_SIZE = 30_000
MIN_STORED_ZIPF = 1.5  # rarer entries of the lists are mostly typing errors and names
_MEMO_LIMIT = 20_000


def build_tables(conn: sqlite3.Connection) -> None:
    """Write the Dutch and English word tables into the index database (only when the cache is built)."""
    from wordfreq import get_frequency_dict, zipf_frequency

    conn.execute("CREATE TABLE dutch (word TEXT PRIMARY KEY, zipf REAL, head TEXT, size INTEGER) WITHOUT ROWID")
    conn.execute("CREATE INDEX dutch_near ON dutch (head, size)")
    conn.execute("CREATE TABLE english (word TEXT PRIMARY KEY, zipf REAL) WITHOUT ROWID")
    for table, lang, size in (("dutch", "nl", DUTCH_SIZE), ("english", "en", ENGLISH_SIZE)):
        rows: dict[str, float] = {}
        for word in list(get_frequency_dict(lang))[: size * 2]:
            folded = fold(word)
            if not folded.isalpha() or len(folded) < 2 or folded in rows:
                continue
            zipf = zipf_frequency(word, lang)
            if zipf < MIN_STORED_ZIPF:
                break
            rows[folded] = zipf
            if len(rows) >= size:
                break
        if table == "dutch":
            conn.executemany("INSERT INTO dutch VALUES (?, ?, ?, ?)", ((w, z, w[:2], len(w)) for w, z in rows.items()))
        else:
            conn.executemany("INSERT INTO english VALUES (?, ?)", rows.items())


class Vocabulary:
    """Look-ups in the word tables of an open index database; safe to share between threads."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.Lock) -> None:
        self._conn = conn
        self._lock = lock
        self._memo: dict[tuple[str, str], float] = {}
        try:
            with lock:
                conn.execute("SELECT 1 FROM dutch LIMIT 1")
            self.available = True
        except sqlite3.Error:  # an index built without the lists
            self.available = False

    def zipf(self, word: str, lang: str = "nl") -> float:
        """How common a folded word is in Dutch ("nl") or English ("en"), on the Zipf scale; 0 if unknown."""
        key = (word, lang)
        found = self._memo.get(key)
        if found is not None:
            return found
        value = 0.0
        if self.available:
            table = "dutch" if lang == "nl" else "english"
            with self._lock:
                row = self._conn.execute(f"SELECT zipf FROM {table} WHERE word = ?", (word,)).fetchone()  # noqa: S608
            value = row[0] if row else 0.0
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = value
        return value

    def near(self, word: str, limit: int, min_zipf: float) -> list[tuple[str, float]]:
        """Dutch words of at least `min_zipf` within `limit` typing errors of `word`, with their Zipf value.

        Candidates share the first two letters (or have them swapped) and differ at most `limit` in length;
        rapidfuzz's optimal string alignment distance (insert, delete, substitute, swap) decides.
        """
        if not self.available:
            return []
        from rapidfuzz.distance import OSA

        heads = (word[:2], word[1::-1]) if len(word) > 1 else (word,)
        with self._lock:
            rows = self._conn.execute(
                "SELECT word, zipf FROM dutch WHERE head IN (?, ?) AND size BETWEEN ? AND ? AND zipf >= ?",
                (heads[0], heads[-1], len(word) - limit, len(word) + limit, min_zipf),
            ).fetchall()
        return [(w, z) for w, z in rows if w != word and OSA.distance(word, w, score_cutoff=limit) <= limit]
