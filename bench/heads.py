"""Train and cross-validate the ranker that picks what a key figure counts.

    python bench/heads.py            # leave-one-set-out table, then train and write the weights
    python bench/heads.py --cv-only  # the table alone
    python bench/heads.py --check    # exit 1 if summarizer/_head_weights.py is not what
                                     # training on the recorded reads gives
    python bench/heads.py --record heldout13 --as first   # add a set's reads (rules alone)

``summarizer.figures`` names what a key figure counts with hand-written rules. On news they
were not tuned on, the rules name the wrong word for about one key figure in eight. The
ranker scores every word of the sentence near the number, and the first words of a long
sentence however far they are (features: ``head_candidates``), and replaces the rules'
``what`` when its best word beats every word the rules chose by ``HEAD_MARGIN``. A count
whose ``what`` starts with the plural noun written with its number ("250 police
strongholds destroyed") is left to the rules (``_plain_count``).

Training data: ``bench/data/head_reads.jsonl``, one row per key figure of the annotated sets
in ``tests/data/figures/`` (all but the held-out ones, ``NEVER_RECORDED``) whose value the
extractor found:
the sentence, the evidence, the rules' ``what`` and the annotated head. Rows marked
``"rules": "first"`` hold what the rules said when the set was new to them (the extractor of
the commit that first scored it; see ``bench/data/README.md``): those are the mistakes the
ranker has to learn to fix on unseen news. Rows marked ``"now"`` hold what the rules said
once tuned on the set. ``--record`` reads a set with the current rules alone (the ranker
off) and replaces that set's rows of the given kind: ``--as first`` for a new set before
anything is tuned on it. ``heldout11``, ``heldout12``, ``heldout25``-``heldout28``,
``heldout36`` and ``heldout44``-``heldout72`` are never recorded: they measure the result.

Cross-validation leaves out one set at a time (its "first" and "now" rows both) and scores
the left-out set's "first" rows: how often the head is in the ``what`` with the rules alone,
and with the ranker on top.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.figures import (  # noqa: E402
    HEAD_MARGIN,
    _choosable,
    _head_words,
    _tokens,
    head_candidates,
)

READS = ROOT / "bench" / "data" / "head_reads.jsonl"
SETS = ROOT / "tests" / "data" / "figures"
NEVER_RECORDED = frozenset(
    {
        "heldout11",
        "heldout12",
        "heldout25",
        "heldout26",
        "heldout27",
        "heldout28",
        "heldout36",
        "heldout44",
        "heldout45",
        "heldout46",
        "heldout47",
        "heldout48",
        "heldout49",
        "heldout50",
        "heldout51",
        "heldout52",
        "heldout53",
        "heldout54",
        "heldout55",
        "heldout56",
        "heldout57",
        "heldout58",
        "heldout59",
        "heldout60",
        "heldout61",
        "heldout62",
        "heldout63",
        "heldout64",
        "heldout65",
        "heldout66",
        "heldout67",
        "heldout68",
        "heldout69",
        "heldout70",
        "heldout71",
        "heldout72",
    }
)
WEIGHTS = ROOT / "summarizer" / "_head_weights.py"
EPOCHS = 4
RATE = 0.2
SEED = 0
MIN_COUNT = 3
KEEP = 0.005  # weights smaller than this are dropped from the written table


# the features of a count's plural noun inside its evidence, first in the rules' what:
# the figures summarizer.figures._plain_count leaves to the rules
_PLAIN_COUNT = frozenset({"inwhat_I0", "firstwhat", "low", "pl_I", "k=countI"})


@dataclass(frozen=True, slots=True)
class Example:
    set: str
    rules: str  # "first" or "now"
    head: str
    what: str
    words: tuple[str, ...]
    features: tuple[tuple[str, ...], ...]
    gold: tuple[bool, ...]


def is_head(word: str, head: str) -> bool:
    """The annotated head, allowing a plural ("share" -> "shares")."""
    return word == head or (len(head) > 3 and word.startswith(head) and len(word) - len(head) <= 2)


def head_in(head: str, what: str) -> bool:
    """The scoring rule of bench/figures.py: the head is a word, or part of a word, of what."""
    words = what.lower().replace("-", " ").split()
    return bool(head) and (head in words or head in what.lower())


def load(path: Path = READS) -> list[Example]:
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        sentence, evidence = row["sentence"], row["evidence"]
        start = sentence.find(evidence)
        if start < 0:
            continue
        sentence_words = _head_words(_tokens(sentence))
        candidates = head_candidates(
            sentence_words, start, start + len(evidence), row["what"], row["kind"], row["unit"]
        )
        words = tuple(sentence_words.words[i] for i, _ in candidates)
        examples.append(
            Example(
                set=row["set"],
                rules=row["rules"],
                head=row["head"],
                what=row["what"],
                words=words,
                features=tuple(tuple(f) for _, f in candidates),
                gold=tuple(is_head(w, row["head"]) for w in words),
            )
        )
    return examples


def train(
    examples: Iterable[Example], epochs: int = EPOCHS, rate: float = RATE
) -> dict[str, float]:
    """Softmax over each figure's candidate words, AdaGrad steps, a fixed seed. Features seen
    in fewer than ``MIN_COUNT`` figures are left out: a word met once says nothing general,
    and the table stays small."""
    data = [x for x in examples if any(x.gold)]
    seen: Counter[str] = Counter()
    for x in data:
        seen.update({f for fs in x.features for f in fs})
    known = {f for f, n in seen.items() if n >= MIN_COUNT}
    data = [
        Example(
            x.set,
            x.rules,
            x.head,
            x.what,
            x.words,
            tuple(tuple(f for f in fs if f in known) for fs in x.features),
            x.gold,
        )
        for x in data
    ]
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    shuffle = random.Random(SEED).shuffle
    for _ in range(epochs):
        shuffle(data)
        for x in data:
            scores = [sum(weights.get(f, 0.0) for f in fs) for fs in x.features]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            probs = [e / total for e in exps]
            gold_mass = sum(p for p, g in zip(probs, x.gold, strict=True) if g)
            for p, g, fs in zip(probs, x.gold, x.features, strict=True):
                grad = p - (p / gold_mass if g else 0.0)
                if abs(grad) < 1e-6:
                    continue
                for f in fs:
                    squares[f] = squares.get(f, 0.0) + grad * grad
                    weights[f] = weights.get(f, 0.0) - rate * grad / math.sqrt(squares[f] + 1e-8)
    return weights


def choose(weights: dict[str, float], x: Example, margin: float = HEAD_MARGIN) -> str | None:
    """The word the ranker puts in place of the rules' choice, or None to keep the rules'.
    The same decision as summarizer.figures._learned_head."""
    if any(set(fs) >= _PLAIN_COUNT for fs in x.features):
        return None  # summarizer.figures._plain_count
    best_in = best_out = -math.inf
    chosen = None
    for word, fs in zip(x.words, x.features, strict=True):
        score = sum(weights.get(f, 0.0) for f in fs)
        if "inwhat" in fs:
            best_in = max(best_in, score)
        elif score > best_out and _choosable("cap" in fs, "acronym" in fs):
            best_out, chosen = score, word
    return chosen if best_out - best_in > margin else None


@dataclass(frozen=True, slots=True)
class Fold:
    name: str
    figures: int
    rules: int  # head in the rules' what
    ranked: int  # head in the what after the ranker
    fixed: int
    broken: int


def cross_validate(examples: Sequence[Example], margin: float = HEAD_MARGIN) -> list[Fold]:
    folds = []
    for name in dict.fromkeys(x.set for x in examples if x.rules == "first"):
        weights = train(x for x in examples if x.set != name)
        rules = ranked = fixed = broken = 0
        test = [x for x in examples if x.set == name and x.rules == "first"]
        for x in test:
            before = head_in(x.head, x.what)
            word = choose(weights, x, margin)
            after = before if word is None else is_head(word, x.head)
            rules += before
            ranked += after
            fixed += after and not before
            broken += before and not after
        folds.append(Fold(name, len(test), rules, ranked, fixed, broken))
    return folds


def _literal(text: str) -> str:
    """A string literal as ruff format writes it: double quotes unless the text has some."""
    if '"' in text and "'" not in text:
        return "'" + text + "'"
    return json.dumps(text, ensure_ascii=False)


def record(names: Sequence[str], rules: str, path: Path = READS) -> int:
    """Replace the ``rules`` rows of sets ``names`` in ``path`` with what the rules alone
    (the ranker off) say on them now: one row per key figure whose value they find."""
    sys.path.insert(0, str(ROOT / "bench"))
    import figures as bench  # bench/figures.py: the annotated sets and their matching

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if not (r["set"] in names and r["rules"] == rules)]

    def read(name: str) -> list[dict[str, object]]:
        read_rows: list[dict[str, object]] = []
        for item in bench.load_set(SETS / name):
            found = [f for f in bench.extract_figures(item.article) if f.is_key]
            gold = [g for g in item.gold if g.is_key]
            pairs, _, _ = bench._match(gold, found, bench._same_value)
            for g, f in pairs:
                if f.sentence >= 0:
                    read_rows.append(
                        {
                            "set": name,
                            "article": item.name,
                            "rules": rules,
                            "kind": f.kind,
                            "unit": f.unit,
                            "value": f.value,
                            "evidence": f.evidence,
                            "what": f.what,
                            "head": g.head,
                            "sentence": item.article.sentences[f.sentence].text,
                        }
                    )
        return read_rows

    added = 0
    for name in names:
        new_rows = bench.rules_only(read, name)  # the ranker off: what the rules alone say
        rows.extend(new_rows)
        added += len(new_rows)
    order = {name: i for i, name in enumerate(bench.SET_ROLES)}
    rows.sort(key=lambda r: (r["rules"] != "first", order.get(r["set"], len(order))))
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    return added


def render(weights: dict[str, float]) -> str:
    kept = sorted((f, round(w, 3)) for f, w in weights.items() if abs(w) >= KEEP)
    lines = [
        '"""Weights of the key-figure head ranker: written by bench/heads.py, do not edit."""',
        "",
        "WEIGHTS: dict[str, float] = {",
        *(f"    {_literal(f)}: {w!r}," for f, w in kept),
        "}",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reads", type=Path, default=READS, help="training reads (JSONL, default %(default)s)"
    )
    parser.add_argument(
        "--margin",
        type=float,
        default=HEAD_MARGIN,
        help="how far the ranker's best word must beat the rules' (default %(default)s)",
    )
    parser.add_argument("--cv-only", action="store_true", help="print the table, write nothing")
    parser.add_argument(
        "--record",
        nargs="+",
        metavar="SET",
        help="read annotated sets with the rules alone into --reads",
    )
    parser.add_argument(
        "--as",
        dest="rules",
        choices=("first", "now"),
        default="first",
        help="the rows --record writes: first (a set new to the rules) or now (tuned on)",
    )
    parser.add_argument("--train-only", action="store_true", help="write the weights, no table")
    parser.add_argument("--check", action="store_true", help="compare with the written weights")
    args = parser.parse_args(argv)
    if args.record:
        held = NEVER_RECORDED.intersection(args.record)
        if held:
            parser.error(f"{', '.join(sorted(held))}: held out, never trained on")
        added = record(args.record, args.rules, args.reads)
        print(f"recorded {added} key figures of {', '.join(args.record)} into {args.reads}")
        return 0
    examples = load(args.reads)
    if args.check:
        if WEIGHTS.read_text(encoding="utf-8") != render(train(examples)):
            print(f"{WEIGHTS} is stale: run python bench/heads.py", file=sys.stderr)
            return 1
        print(f"{WEIGHTS} matches the recorded reads")
        return 0
    if args.train_only:
        WEIGHTS.write_text(render(train(examples)), encoding="utf-8")
        print(f"wrote {WEIGHTS}")
        return 0
    folds = cross_validate(examples, args.margin)
    print(f"Head in the `what`, leave one set out (margin {args.margin}):")
    print(f"{'set':12}{'figures':>8}{'rules':>8}{'ranked':>8}{'fixed':>7}{'broken':>7}")
    for f in folds:
        print(
            f"{f.name:12}{f.figures:8}{f.rules / f.figures:8.3f}{f.ranked / f.figures:8.3f}"
            f"{f.fixed:7}{f.broken:7}"
        )
    n = sum(f.figures for f in folds)
    print(
        f"{'all':12}{n:8}{sum(f.rules for f in folds) / n:8.3f}"
        f"{sum(f.ranked for f in folds) / n:8.3f}"
        f"{sum(f.fixed for f in folds):7}{sum(f.broken for f in folds):7}"
    )
    if not args.cv_only:
        WEIGHTS.write_text(render(train(examples)), encoding="utf-8")
        print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
