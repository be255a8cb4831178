"""Ranking speed of newsbrief's methods against sumy's LexRank, side by side in one run.

    .venv/bin/python bench/speed.py [DATA_DIR] [--words 1000 7280 30000] [--memory-words 50000]

Long articles are built deterministically by concatenating BBC News Summary
articles (business/001, entertainment/001, ... interleaved) up to each word count.
Times are the best of ``--repeat`` runs (sumy: one run); "cold" clears the stem
cache first, "warm" is a process that has stemmed these words before. Parsing is
timed apart from ranking; "end-to-end" is parse + rank (warm). The memory row
ranks a ``--memory-words`` article under tracemalloc and reports the peak.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DEFAULT_DATA, bbc_files, read_text
from summarizer.article import parse_article
from summarizer.model import Article
from summarizer.ranking import rank
from summarizer.tokenize import clear_stem_cache


def long_text(data_dir: Path, words: int) -> str:
    """BBC article bodies (titles dropped), concatenated until ``words`` words."""
    parts: list[str] = []
    count = 0
    for _name, path, _summary in bbc_files(data_dir):
        body = read_text(path).strip().partition("\n")[2].strip()
        for paragraph in body.split("\n\n"):
            tokens = paragraph.split()
            if count + len(tokens) > words:
                if count < words:
                    parts.append(_trimmed(paragraph, words - count))
                return "\n\n".join(parts)
            parts.append(paragraph.strip())
            count += len(tokens)
    return "\n\n".join(parts)


def _trimmed(paragraph: str, words: int) -> str:
    """The first sentences of ``paragraph`` that fit in ``words`` words (at least one)."""
    kept: list[str] = []
    for sentence in paragraph.replace(". ", ".\n").splitlines():
        if kept and len(" ".join([*kept, sentence]).split()) > words:
            break
        kept.append(sentence)
    return " ".join(kept)


def best_of(
    repeat: int, work: Callable[[], object], before: Callable[[], None] | None = None
) -> float:
    """Fastest of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        if before:
            before()
        gc.collect()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def measure(text: str, repeat: int, with_sumy: bool) -> dict[str, float]:
    row: dict[str, float] = {}
    article_box: list[Article] = []

    def parse() -> None:
        article_box[:] = [parse_article(text)]

    row["parse"] = best_of(repeat, parse)
    article = article_box[0]
    row["words"] = float(len(text.split()))
    row["sentences"] = float(len(article.sentences))
    row["cold"] = best_of(repeat, lambda: rank(article, "newsbrief"), clear_stem_cache)
    row["newsbrief"] = best_of(repeat, lambda: rank(article, "newsbrief"))
    row["fast-textrank"] = best_of(repeat, lambda: rank(article, "fast-textrank"))
    row["fast-lexrank"] = best_of(repeat, lambda: rank(article, "fast-lexrank"))
    row["lead"] = best_of(repeat, lambda: rank(article, "lead"))
    row["end-to-end"] = row["parse"] + row["newsbrief"]
    if with_sumy:
        row["sumy-lexrank"] = best_of(1, lambda: rank(article, "lexrank"))
        row["sumy-textrank"] = best_of(1, lambda: rank(article, "textrank"))
    return row


def memory_peak(text: str) -> tuple[float, float, float]:
    """(words, tracemalloc peak MB of parse + rank, process max RSS MB)."""
    clear_stem_cache()
    gc.collect()
    tracemalloc.start()
    article = parse_article(text)
    rank(article, "newsbrief")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return float(len(text.split())), peak / 2**20, rss


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--words", nargs="+", type=int, default=[1000, 7280, 30000])
    parser.add_argument("--memory-words", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--sumy-max-words", type=int, default=30000, help="skip sumy above this size"
    )
    args = parser.parse_args(argv)
    if not (args.data_dir / "bbc_news_summary").is_dir():
        parser.error(f"{args.data_dir}/bbc_news_summary not found; pass DATA_DIR")

    # Import and warm every code path once so the first row does not pay for it.
    warm = parse_article(long_text(args.data_dir, 300))
    for method in ("newsbrief", "fast-textrank", "fast-lexrank", "lexrank", "textrank"):
        rank(warm, method)

    cols = (
        "words",
        "sentences",
        "parse",
        "newsbrief",
        "cold",
        "end-to-end",
        "fast-textrank",
        "fast-lexrank",
        "sumy-lexrank",
        "sumy-textrank",
    )
    print("Times in ms. newsbrief = default method (warm stem cache); cold = empty stem cache.\n")
    print("| " + " | ".join(cols) + " | sumy LexRank / newsbrief | sumy LexRank / cold |")
    print("|" + "---|" * (len(cols) + 2))
    for words in args.words:
        row = measure(long_text(args.data_dir, words), args.repeat, words <= args.sumy_max_words)
        cells = [
            f"{row[c]:,.0f}"
            if c in ("words", "sentences")
            else (f"{row[c]:,.1f}" if c in row else "skipped")
            for c in cols
        ]
        if "sumy-lexrank" in row:
            cells.append(f"{row['sumy-lexrank'] / row['newsbrief']:,.0f}x")
            cells.append(f"{row['sumy-lexrank'] / row['cold']:,.0f}x")
        else:
            cells += ["-", "-"]
        print("| " + " | ".join(cells) + " |", flush=True)

    words, peak, rss = memory_peak(long_text(args.data_dir, args.memory_words))
    print(
        f"\nMemory: parse + rank of a {words:,.0f}-word article: tracemalloc peak {peak:,.1f} MB; "
        f"process max RSS {rss:,.0f} MB (includes the interpreter, numpy, scipy, nltk, sumy)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
