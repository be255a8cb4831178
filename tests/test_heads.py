"""The head ranker: what a key figure counts when the rules name the wrong word."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

import summarizer.figures as figures_module
from summarizer.article import parse_article
from summarizer.figures import (
    _HEAD_WEIGHTS,
    _Found,
    _head_scores,
    _head_words,
    _plain_count,
    _tokens,
    extract_figures,
    head_candidates,
)
from summarizer.model import Article, Figure

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "tests" / "data" / "figures"


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def bench_heads() -> ModuleType:
    return _load("bench_heads", ROOT / "bench" / "heads.py")


def bench_figures() -> ModuleType:
    return _load("bench_figures", ROOT / "bench" / "figures.py")


def key_figures(text: str) -> list[Figure]:
    parsed = parse_article(text, fmt="text")
    found = extract_figures(dataclasses.replace(parsed, published=date(2024, 9, 20)))
    return [f for f in found if f.is_key]


@pytest.fixture
def rules_only() -> Iterator[None]:
    """The rules alone, as bench/heads.py records them."""
    figures_module._LEARNED_HEADS = False
    try:
        yield
    finally:
        figures_module._LEARNED_HEADS = True


def whats(text: str) -> dict[float, str]:
    return {f.value: f.what for f in key_figures(text)}


CLAIMS = (
    "Claims from the hailstorms and floods that hit Switzerland in June and July are expected "
    "to reach about 1.4 billion Swiss francs, the insurers' association said on Tuesday."
)
REMAND = "The remand population, people held in custody awaiting trial, stood at 17,800."
SALES = "Sales in mainland China fell 18 per cent, and in the US rose just 3 per cent."
PAY = (
    "Average pay for a machinist is about $75,000 a year and will rise to about $119,000 by "
    "the end of the contract."
)
IMPORTS = (
    "Net crude imports fell to 1.2 million bpd last week as pipeline maintenance slowed "
    "shipments from Canada."
)
COMPENSATION = (
    "The government promised compensation of 5,000 lari to the family of each person killed."
)
SORGHUM = "The price of sorghum in El Fasher has risen to 12,000 Sudanese pounds a sack."
GIVING = (
    "The share of adults who said they had given money to a charity in the past year fell to "
    "50 per cent from 58 per cent in 2019, and in Wales to 47 per cent from 55 per cent."
)
COPPER = (
    "Stocks of copper in warehouses monitored by the exchange that are not already earmarked "
    "for delivery have fallen to about 90,000 tonnes, down from 240,000 tonnes in May."
)


@pytest.mark.parametrize(
    ("text", "value", "rules_say", "ranker_says"),
    [
        # the subject far from its number, past a relative clause
        (CLAIMS, 1.4e9, "floods reach", "Claims"),
        # an appositive between the subject and its verb
        (REMAND, 17800, "custody awaiting trial", "remand population"),
        # a second clause that keeps the first one's subject
        (SALES, 3, "US rose", "Sales rose"),
        (PAY, 119000, "Average rise", "Average pay"),
        # a unit or currency the rules took for the counted thing: the ranker weighs the
        # words written with the number too
        (IMPORTS, 1.2e6, "bpd", "Net crude imports"),
        (COMPENSATION, 5000, "lari", "compensation"),
        (SORGHUM, 12000, "Sudanese pounds", "price"),
        # a long sentence's subject, more than 20 words before the number
        (GIVING, 47, "Wales", "share"),
        (COPPER, 240000, "delivery fallen", "Stocks fallen"),
    ],
)
def test_the_ranker_names_what_the_rules_missed(
    text: str, value: float, rules_say: str, ranker_says: str
) -> None:
    """Pinned to the shipped weights: after retraining (bench/heads.py), a sentence near the
    margin may change sides, and the examples here should be ones the ranker clearly wins."""
    assert whats(text)[value] == ranker_says
    figures_module._LEARNED_HEADS = False
    try:
        assert whats(text)[value] == rules_say
    finally:
        figures_module._LEARNED_HEADS = True


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Police detained more than 2,000 people.", "people detained"),
        ("More than 40 million people were under heat warnings.", "people"),
        ("Shares in Stenvik fell 4.5% on Monday.", "Shares"),
    ],
)
def test_the_rules_stand_where_they_are_sure(text: str, what: str) -> None:
    (found,) = key_figures(text)
    assert what in found.what


def test_plain_counts_are_left_to_the_rules_as_in_cross_validation() -> None:
    """figures._plain_count (what the extractor leaves to the rules) and bench/heads.py's
    feature test (what cross-validation leaves to them) pick the same figures."""
    plain_features = bench_heads()._PLAIN_COUNT
    left = weighed = 0
    for text, found in _key_figures_in(("dev", "heldout9", "heldout13")):
        tokens = _tokens(text)
        candidates = head_candidates(
            _head_words(tokens), found.start, found.end, found.what, found.kind, found.unit
        )
        by_features = any(plain_features <= set(fs) for _, fs in candidates)
        assert _plain_count(tokens, found) == by_features, (text, found.what)
        left += by_features
        weighed += not by_features
    assert left > 100 and weighed > 100


def _key_figures_in(names: tuple[str, ...]) -> Iterator[tuple[str, _Found]]:
    """Each key figure the extractor finds in the annotated sets ``names``, with its
    sentence, as the ranker's own input."""
    bench = bench_figures()
    for name in names:
        for item in bench.load_set(SETS / name):
            for f in extract_figures(item.article):
                if not f.is_key or f.sentence < 0:
                    continue
                text = item.article.sentences[f.sentence].text
                start = text.find(f.evidence)
                end = start + len(f.evidence)
                yield (
                    text,
                    _Found(
                        f.value,
                        f.upper,
                        f.qualifier,
                        f.unit,
                        f.kind,
                        start,
                        end,
                        f.sentence,
                        f.what,
                    ),
                )


def _rules_and_ranked(article: Article) -> Iterator[tuple[Figure, Figure]]:
    ranked = [f for f in extract_figures(article) if f.is_key and f.sentence >= 0]
    figures_module._LEARNED_HEADS = False
    try:
        rules = [f for f in extract_figures(article) if f.is_key and f.sentence >= 0]
    finally:
        figures_module._LEARNED_HEADS = True
    assert [(f.value, f.evidence) for f in rules] == [(f.value, f.evidence) for f in ranked]
    yield from zip(rules, ranked, strict=True)


def test_an_override_is_words_of_its_sentence_and_never_a_name() -> None:
    """On every annotated article: the ranker changes only ``what``, builds it from the
    sentence's own words and the rules' action, and never makes a name (a capitalised word
    inside the sentence) the counted thing."""
    bench = bench_figures()
    changed = 0
    for name in bench.SET_ROLES:
        for item in bench.load_set(SETS / name):
            for rules, ranked in _rules_and_ranked(item.article):
                if rules.what == ranked.what:
                    continue
                changed += 1
                sentence = item.article.sentences[ranked.sentence].text
                words = ranked.what.split()
                # (an action the rules wrote, "injured" for "injuring", may stay)
                assert all(w in sentence or w in rules.what for w in words), ranked.what
                # the chosen word: the phrase's last, before an action kept from the rules
                head = words[-2] if len(words) > 1 and words[-1] in rules.what else words[-1]
                first_word = sentence.startswith(head)
                assert first_word or not head[0].isupper() or head[:2].isupper(), ranked.what
    assert changed >= 50  # the ranker does act


def test_a_name_after_a_lower_case_particle_is_a_name_to_the_ranker() -> None:
    """ "al-Maliki" is a name (never chosen as what a figure counts); "low-income" is not."""
    words = _head_words(_tokens("The cabinet of al-Maliki cut low-income grants to 40,000."))
    capital = {t.text: c for t, c in zip(words.tokens, words.capital, strict=True)}
    assert capital["al-Maliki"] and not capital["low-income"] and not capital["grants"]


def test_scores_from_tables_are_the_sums_of_the_named_features() -> None:
    compared = far = 0
    for text, f in _key_figures_in(("dev", "heldout9")):
        words = _head_words(_tokens(text))
        fast = _head_scores(words, f)
        named = [
            (i, features)
            for i, features in head_candidates(words, f.start, f.end, f.what, f.kind, f.unit)
            # a name the rules did not choose is never weighed
            if "inwhat" in features or "cap" not in features or "acronym" in features
        ]
        assert [i for i, _, _ in fast] == [i for i, _ in named]
        for (_, score, in_what), (_, features) in zip(fast, named, strict=True):
            assert score == pytest.approx(sum(_HEAD_WEIGHTS.get(x, 0.0) for x in features))
            assert in_what == ("inwhat" in features)
            compared += 1
            far += "far_subject" in features  # a long sentence's opening words
    assert compared > 5000 and far > 20


def test_the_recorded_reads_are_annotated_figures_and_hold_out_the_test_sets() -> None:
    heads = bench_heads()
    rows = [json.loads(line) for line in heads.READS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 5000
    assert not {r["set"] for r in rows} & heads.NEVER_RECORDED
    roles = bench_figures().SET_ROLES
    assert {name for name, role in roles.items() if role == "held out"} == heads.NEVER_RECORDED
    first = {r["set"] for r in rows if r["rules"] == "first"}
    assert len(first) >= 8
    for row in rows:
        assert row["rules"] in ("first", "now")
        assert row["head"] and row["kind"] not in ("date", "duration")
        assert row["evidence"] in row["sentence"]
        assert (SETS / row["set"] / f"{row['article']}.txt").is_file()


def test_recording_refuses_a_held_out_set(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        bench_heads().main(["--record", "heldout12"])
    assert stop.value.code == 2
    assert "held out" in capsys.readouterr().err


def test_training_learns_which_word_a_figure_counts(tmp_path: Path) -> None:
    """Twenty sentences where the rules name the place and the head is the subject before
    the verb; trained on them, the ranker picks the subject in a sentence it has not seen."""
    nouns = ["exports", "sales", "profits", "imports", "revenues"]
    places = ["Norway", "Chile", "Kenya", "Peru"]
    rows = []
    for noun in nouns:
        for place in places:
            sentence = f"Annual {noun} from {place} rose 4% to 900 million dollars last year."
            rows.append(
                {
                    "set": f"set_{noun}",
                    "article": "a",
                    "rules": "first",
                    "kind": "percent",
                    "unit": "percent",
                    "value": 4,
                    "evidence": "4%",
                    "what": f"{place} rose",
                    "head": noun,
                    "sentence": sentence,
                }
            )
    reads = tmp_path / "reads.jsonl"
    reads.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    heads = bench_heads()
    examples = heads.load(reads)
    weights = heads.train(examples)
    test = [x for x in examples if x.set == "set_exports"]
    trained = heads.train(x for x in examples if x.set != "set_exports")
    assert all(heads.choose(trained, x, 0.0) == "exports" for x in test)
    assert all(heads.choose(weights, x, 0.0) == x.head for x in examples)
    # the leave-one-set-out table says the same
    folds = heads.cross_validate(examples, 0.0)
    assert all(f.rules == 0 and f.ranked == f.figures for f in folds)
