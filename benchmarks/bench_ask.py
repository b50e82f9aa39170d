"""Benchmark of the guide Q&A: per-question latency, a plain-BM25 baseline, and the start-up of `ask`.

    .venv/bin/python benchmarks/bench_ask.py [--guide PATH] [--runs 5]

1. Latency: every question of a batch (at least 1,000: the development set, our own set, the items'
   example questions, and variants of them) is answered one at a time by the real Answerer; p50 and p99
   of each question's best of three rounds.
2. Baseline: plain BM25 keyword search in pure Python over the guide's raw text, split into paragraphs,
   on the same batch, timed interleaved with ours (only when the guide text is available, by default
   ../shared/seed/).
3. Cold start: wall time of `python -m bot ask QUESTION` in a fresh process, once with an empty cache
   (the index is built) and then with the cached index.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.qa.answerer import Answerer  # noqa: E402
from bot.qa.index import open_index  # noqa: E402
from bot.qa.knowledge import load_knowledge  # noqa: E402

DEFAULT_GUIDE = ROOT.parent / "shared" / "seed" / "000_68850f730c868cdd.txt"
DEV_SET = ROOT.parent / "shared" / "eval" / "dev-questions.yaml"
OWN_SET = ROOT / "tests" / "qa_questions.yaml"
# Members' own words: long messages with context, paraphrases, typing errors, English.
OWN_WORDS_SET = ROOT.parent / "shared" / "eval" / "dev-questions-own-words.yaml"
VARIANTS = ("{q}", "{lower}", "Volgens de handreiking: {q}", "{bare}, graag kort")


def question_batch(minimum: int = 1000) -> list[str]:
    """At least `minimum` questions: the question sets, the items' example questions and variants."""
    base: list[str] = []
    for path in (DEV_SET, OWN_SET, OWN_WORDS_SET):
        if path.exists():
            spec = yaml.safe_load(path.read_text(encoding="utf-8"))
            base += [i["q"] for i in spec["in_scope"]] + list(spec["out_of_scope"])
    base += [q for item in load_knowledge(ROOT / "knowledge").items if item.kind == "item" for q in item.questions]
    batch: list[str] = []
    for pattern in VARIANTS:
        batch += [pattern.format(q=q, lower=q.lower(), bare=q.rstrip("?")) for q in base]
        if len(batch) >= minimum:
            break
    return batch


class PlainBM25:
    """Textbook BM25 (k1=1.2, b=0.75) over paragraphs of the raw guide: lower-cased words, nothing else."""

    def __init__(self, text: str, k1: float = 1.2, b: float = 0.75) -> None:
        docs = [self.tokens(p) for p in re.split(r"\n\s*\n", text) if p.strip()]
        average = sum(map(len, docs)) / len(docs)
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                self.postings[term].append((i, tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / average))))
        n = len(docs)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}
        self.size = n

    @staticmethod
    def tokens(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    def best(self, question: str) -> int | None:
        scores: dict[int, float] = defaultdict(float)
        for term in set(self.tokens(question)):
            weight = self.idf.get(term)
            if weight is not None:
                for doc, part in self.postings[term]:
                    scores[doc] += weight * part
        return max(scores, key=scores.__getitem__) if scores else None


def latencies(fns: list[Callable[[str], object]], batch: list[str], rounds: int = 3) -> list[list[float]]:
    """Microseconds per question for each function: interleaved question by question, so background load
    hits all of them alike, and the best of `rounds` runs per question, after one warm-up pass."""
    for fn in fns:
        for q in batch:
            fn(q)
    best = [[math.inf] * len(batch) for _ in fns]
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for i, q in enumerate(batch):
            for times, fn in zip(best, fns, strict=True):
                start = clock()
                fn(q)
                times[i] = min(times[i], (clock() - start) / 1000)
    return best


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def cold_starts(runs: int) -> tuple[float, list[float]]:
    """Seconds for `python -m bot ask` with an empty cache, then for `runs` starts with the cache."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BOT_DB": str(Path(tmp) / "data" / "bot.db")}
        command = [sys.executable, "-m", "bot", "ask", "Wie benoemt de gemeentesecretaris?"]

        def once() -> float:
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
            return time.perf_counter() - start

        first = once()
        return first, [once() for _ in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guide", type=Path, default=DEFAULT_GUIDE, help="raw guide text for the baseline")
    parser.add_argument("--runs", type=int, default=5, help="cold starts with a warm cache")
    args = parser.parse_args()

    batch = question_batch()
    answerer = Answerer(open_index(ROOT / "knowledge", None))
    names, fns = ["guide Q&A (FTS5 BM25 + checks)"], [answerer.answer]
    if args.guide.exists():
        baseline = PlainBM25(args.guide.read_text(encoding="utf-8"))
        names.append(f"plain BM25, raw guide ({baseline.size} paragraphs)")
        fns.append(baseline.best)
    else:
        print(f"(baseline skipped: {args.guide} not found)")
    rows = list(zip(names, latencies(fns, batch), strict=True))

    print(f"{len(batch)} questions, {len(set(batch))} distinct\n")
    print(f"{'per question':44s} {'p50 ms':>8s} {'p99 ms':>8s} {'mean ms':>8s}")
    for name, values in rows:
        p50, p99, mean = pct(values, 50) / 1000, pct(values, 99) / 1000, statistics.mean(values) / 1000
        print(f"{name:44s} {p50:8.3f} {p99:8.3f} {mean:8.3f}")

    first, warm = cold_starts(args.runs)
    print(f"\n{'python -m bot ask (wall time)':44s} {'s':>8s}")
    print(f"{'first start, index built':44s} {first:8.3f}")
    print(f"{f'cached index, median of {len(warm)}':44s} {statistics.median(warm):8.3f}")
    print(f"{'cached index, slowest':44s} {max(warm):8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
