"""Quote extraction against the annotated sets: precision, recall, speaker accuracy, speed.

Usage::

    .venv/bin/python bench/quotes.py [DATA_DIR] [--show]

``DATA_DIR`` defaults to ``tests/data/quotes`` (the tuning set); ``heldout/`` under
it is scored separately and is never used for tuning. The format is described in
``tests/data/quotes/README.md``.

Matching: a predicted quotation matches a gold one when their texts are equal after
normalising whitespace, quote marks and punctuation at the ends, or when one holds
most of the other (word overlap >= 0.8 of the longer). Each gold quotation matches
at most one prediction. Speaker accuracy is over matched pairs, comparing canonical
names (``-`` in gold means nobody can be named, and matches ``None``).

Speed: milliseconds per 1,000 words of article text (fastest of several passes), next to
a baseline in the same run (``sentence_spans`` over the same paragraphs), because the
machine is shared and absolute timings are noisy.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.model import Article, Quote, Sentence  # noqa: E402
from summarizer.quotes import extract_quotes  # noqa: E402
from summarizer.sentences import sentence_spans  # noqa: E402

DEFAULT_DATA = ROOT / "tests" / "data" / "quotes"
OVERLAP = 0.8


@dataclass(frozen=True, slots=True)
class GoldQuote:
    text: str
    speaker: str | None
    partial: bool


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    article: Article
    gold: tuple[GoldQuote, ...]

    @property
    def words(self) -> int:
        return len(self.article.body.split())


def build_article(title: str | None, paragraphs: list[str]) -> Article:
    """An Article straight from paragraphs (no dateline or headline heuristics)."""
    sentences: list[Sentence] = []
    for p, text in enumerate(paragraphs):
        for a, b in sentence_spans(text):
            sentences.append(Sentence(len(sentences), p, a, b, text[a:b]))
    return Article(title, None, tuple(paragraphs), tuple(sentences))


def read_case(path: Path) -> Case:
    """One annotated article: headline, blank line, body, ``===``, gold lines."""
    raw = path.read_text(encoding="utf-8")
    body, sep, gold_text = raw.partition("\n===\n")
    if not sep:
        raise ValueError(f"{path}: no '===' line; put one after the article body")
    blocks = [" ".join(b.split("\n")).strip() for b in re.split(r"\n\s*\n", body.strip())]
    title, paragraphs = blocks[0], [b for b in blocks[1:] if b]
    gold: list[GoldQuote] = []
    for line in gold_text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|", 2)]
        if len(parts) != 3 or parts[1] not in ("full", "partial"):
            raise ValueError(f"{path}: bad gold line {line!r}; use 'speaker | full|partial | text'")
        speaker = None if parts[0] == "-" else parts[0]
        gold.append(GoldQuote(parts[2], speaker, parts[1] == "partial"))
    return Case(path.stem, build_article(title, paragraphs), tuple(gold))


def load_cases(directory: Path) -> list[Case]:
    return [read_case(path) for path in sorted(directory.glob("*.txt"))]


_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def normalise(text: str) -> str:
    text = " ".join(text.replace("’", "'").replace("‘", "'").split()).lower()
    return _EDGE.sub("", text)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def matches(predicted: str, gold: str) -> bool:
    a, b = normalise(predicted), normalise(gold)
    if a == b:
        return True
    wa, wb = _words(predicted), _words(gold)
    if not wa or not wb:
        return False
    common = 0
    pool = list(wb)
    for w in wa:
        if w in pool:
            pool.remove(w)
            common += 1
    return common / max(len(wa), len(wb)) >= OVERLAP


@dataclass(slots=True)
class Score:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_right: int = 0
    partial_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 1.0

    @property
    def partial_accuracy(self) -> float:
        return self.partial_right / self.matched if self.matched else 1.0


def score_case(case: Case, predicted: tuple[Quote, ...], score: Score) -> list[str]:
    """Add one article to ``score``; return human-readable misses."""
    notes: list[str] = []
    used: set[int] = set()
    score.predicted += len(predicted)
    score.gold += len(case.gold)
    for quote in predicted:
        hit = next(
            (i for i, g in enumerate(case.gold) if i not in used and matches(quote.text, g.text)),
            None,
        )
        if hit is None:
            notes.append(f"  extra   [{quote.speaker}] {quote.text[:90]!r}")
            continue
        used.add(hit)
        gold = case.gold[hit]
        score.matched += 1
        if quote.speaker == gold.speaker:
            score.speaker_right += 1
        else:
            notes.append(f"  speaker {quote.speaker!r} != {gold.speaker!r}: {gold.text[:60]!r}")
        if quote.partial == gold.partial:
            score.partial_right += 1
        else:
            notes.append(f"  partial {quote.partial} != {gold.partial}: {gold.text[:60]!r}")
    for i, g in enumerate(case.gold):
        if i not in used:
            notes.append(f"  missed  [{g.speaker}] {g.text[:90]!r}")
    return notes


def evaluate(cases: list[Case], *, show: bool = False) -> Score:
    score = Score()
    for case in cases:
        notes = score_case(case, extract_quotes(case.article), score)
        if show and notes:
            print(case.name)
            print("\n".join(notes))
    return score


def timing(cases: list[Case], rounds: int = 7) -> tuple[float, float]:
    """(ms per 1,000 words for extraction, ms per 1,000 words for the baseline).

    Each is the fastest of ``rounds`` interleaved passes over every article: on a
    shared machine the minimum is the figure least disturbed by other work.
    """
    words = sum(case.words for case in cases)
    best = base = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for case in cases:
            extract_quotes(case.article)
        best = min(best, time.perf_counter() - start)
        start = time.perf_counter()
        for case in cases:
            for paragraph in case.article.paragraphs:
                sentence_spans(paragraph)
        base = min(base, time.perf_counter() - start)
    return best * 1e6 / words, base * 1e6 / words


def report(name: str, cases: list[Case], show: bool) -> Score:
    score = evaluate(cases, show=show)
    print(
        f"{name:<9} articles={len(cases):>3} gold={score.gold:>3} predicted={score.predicted:>3} "
        f"precision={score.precision:.3f} recall={score.recall:.3f} "
        f"speaker_accuracy={score.speaker_accuracy:.3f} partial_flag={score.partial_accuracy:.3f}"
    )
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--show", action="store_true", help="print every miss on the tuning set (never held-out)"
    )
    args = parser.parse_args(argv)
    tuning = load_cases(args.data)
    heldout = load_cases(args.data / "heldout")
    report("tuning", tuning, args.show)
    if heldout:
        report("held-out", heldout, show=False)
    everything = tuning + heldout
    ms, base = timing(everything)
    words = sum(c.words for c in everything) / max(len(everything), 1)
    print(
        f"speed     {ms:.3f} ms per 1,000 words (baseline sentence_spans {base:.3f} ms, "
        f"ratio {ms / base if base else float('inf'):.1f}x; mean article {words:.0f} words)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
