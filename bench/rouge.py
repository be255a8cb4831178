"""ROUGE of every ranking method, side by side, on BBC News Summary and the editor set.

    .venv/bin/python bench/rouge.py [DATA_DIR] [--limit N] [--methods lead-3 lead-k newsbrief ...]

BBC: k = number of reference sentences (Lead-3 takes 3). Editor set: k = 3, plus
sentence-level precision/recall against the editor's picks. Scores are
rouge-score F1 with stemming (R-1, R-2, R-Lsum), in percent; ``ms`` is the mean
ranking time per article. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rouge_score import rouge_scorer

from bench._common import DEFAULT_DATA, EDITOR_DIR, Pair, load_bbc, load_editor, sentence_key
from summarizer.article import parse_article
from summarizer.ranking import METHODS, rank

BASELINES = ("lead-3", "lead-k")
ALL = BASELINES + tuple(m for m in METHODS if m != "lead")
METRICS = ("rouge1", "rouge2", "rougeLsum")


@dataclass
class Tally:
    """Running sums for one method."""

    rouge: dict[str, float] = field(default_factory=lambda: dict.fromkeys(METRICS, 0.0))
    hits: int = 0
    picked: int = 0
    wanted: int = 0
    seconds: float = 0.0
    count: int = 0

    def row(self, name: str, with_pr: bool) -> str:
        n = max(self.count, 1)
        cells = [name] + [f"{100 * self.rouge[m] / n:.1f}" for m in METRICS]
        if with_pr:
            cells += [f"{100 * self.hits / max(self.picked, 1):.1f}"]
            cells += [f"{100 * self.hits / max(self.wanted, 1):.1f}"]
        cells.append(f"{1000 * self.seconds / n:.2f}")
        return "| " + " | ".join(cells) + " |"


def _selected(pair: Pair, method: str, k: int) -> tuple[list[str], float]:
    name = "lead" if method in BASELINES else method
    if method == "lead-3":
        k = 3
    start = time.perf_counter()
    ranking = rank(pair.article, name)
    elapsed = time.perf_counter() - start
    return [pair.article.sentences[i].text for i in ranking.top(k)], elapsed


def evaluate(
    pairs: Iterable[Pair],
    methods: Sequence[str],
    fixed_k: int | None = None,
    progress: bool = False,
) -> tuple[dict[str, Tally], int]:
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    tallies = {m: Tally() for m in methods}
    seen = 0
    for pair in pairs:
        seen += 1
        k = fixed_k or len(pair.reference)
        target = "\n".join(pair.reference)
        wanted = {sentence_key(s) for s in pair.reference}
        for method in methods:
            if fixed_k and method == "lead-k":
                continue
            texts, elapsed = _selected(pair, method, k)
            tally = tallies[method]
            result = scorer.score(target, "\n".join(texts))
            for metric in METRICS:
                tally.rouge[metric] += result[metric].fmeasure
            # A pick matches the sentence holding it (a dateline left by the parser may precede).
            tally.hits += sum(any(w in sentence_key(t) for w in wanted) for t in texts)
            tally.picked += len(texts)
            tally.wanted += len(wanted)
            tally.seconds += elapsed
            tally.count += 1
        if progress and seen % 100 == 0:
            print(f"  ... {seen} articles", file=sys.stderr)
    return tallies, seen


def table(tallies: dict[str, Tally], with_pr: bool) -> str:
    head = ["method", "R-1", "R-2", "R-Lsum"]
    if with_pr:
        head += ["P", "R"]
    head.append("ms/article")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += [t.row(m, with_pr) for m, t in tallies.items() if t.count]
    return "\n".join(lines)


def _warm_up() -> None:
    """Import NLTK, sumy and numpy paths once so the first article does not pay for them."""
    article = parse_article("A first sentence about trade. A second one about trade and tax.")
    for method in METHODS:
        rank(article, method)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="BBC articles (default: all)")
    parser.add_argument("--methods", nargs="+", default=list(ALL), choices=ALL, metavar="METHOD")
    parser.add_argument("--editor-dir", type=Path, default=EDITOR_DIR)
    parser.add_argument("--skip-bbc", action="store_true", help="editor set only")
    args = parser.parse_args(argv)
    _warm_up()

    if not args.skip_bbc:
        if not (args.data_dir / "bbc_news_summary").is_dir():
            parser.error(f"{args.data_dir}/bbc_news_summary not found; pass DATA_DIR")
        tallies, seen = evaluate(load_bbc(args.data_dir, args.limit), args.methods, progress=True)
        print(f"## BBC News Summary: {seen} articles, k = reference sentence count\n")
        print(table(tallies, with_pr=False))
        print()
    editor = load_editor(args.editor_dir)
    tallies, seen = evaluate(editor, args.methods, fixed_k=3)
    print(f"## Editor set: {seen} articles, k = 3 (P/R: sentence-level vs the editor's picks)\n")
    print(table(tallies, with_pr=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
