"""Sentence boundaries: exact splits of small texts, the seed article, golden rules, invariants."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import UnsupportedLanguageError
from summarizer.sentences import sentence_spans, split_sentences

GOLDEN_FLOOR = 46


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello World. My name is Jonas.", ["Hello World.", "My name is Jonas."]),
        ("Hello!! Long time no see.", ["Hello!!", "Long time no see."]),
        ("Hello!? Is that you?", ["Hello!?", "Is that you?"]),
        ("She works at Yahoo! in the accounting department.", None),
        ("", []),
        ("   \n\t ", []),
        ("no punctuation at all", None),
    ],
)
def test_terminal_punctuation(text: str, expected: list[str] | None) -> None:
    assert split_sentences(text) == (expected if expected is not None else [text])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quotation is never cut, whatever it holds.
        (
            "“We won. All of it,” she said. Then she left.",
            ["“We won. All of it,” she said.", "Then she left."],
        ),
        (
            "“They lied to us… Everyone knows it,” he said.",
            ["“They lied to us… Everyone knows it,” he said."],
        ),
        # The closing mark after the period belongs to the sentence it ends.
        (
            "He called it “the enemy of humanity.” The crowd cheered.",
            ["He called it “the enemy of humanity.”", "The crowd cheered."],
        ),
        (
            'He said "Stop. Go." Then he left.',
            ['He said "Stop. Go."', "Then he left."],
        ),
        ('She turned to him, "This is great." she said.', None),
        ("She turned to him, 'This is great.' she said.", None),
        ("He said 'Stop. Go.' Then he left.", ["He said 'Stop. Go.'", "Then he left."]),
        (
            "Il a dit «Non. Jamais.» Puis il est parti.",
            ["Il a dit «Non. Jamais.»", "Puis il est parti."],
        ),
        ("He asked “Why? Who?” and left.", None),
        # Apostrophes open nothing.
        ("Don't stop. It's fine.", ["Don't stop.", "It's fine."]),
        ("The players' union met. It agreed.", ["The players' union met.", "It agreed."]),
        ("That is JFK Jr.'s book.", None),
        ("It was the ’90s. Times changed.", ["It was the ’90s.", "Times changed."]),
        # Brackets are atomic too; "[...]" is an omission mark.
        ("He teaches (He worked as an engineer. Then he quit.) at the University.", None),
        ('"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).', None),
    ],
)
def test_quotations_and_brackets(text: str, expected: list[str] | None) -> None:
    assert split_sentences(text) == (expected if expected is not None else [text])


def test_a_stray_opening_mark_does_not_swallow_the_text() -> None:
    text = "“Unclosed quote starts here. " + "This is a sentence. " * 100
    assert len(split_sentences(text)) == 101


def test_a_second_opening_mark_drops_the_unbalanced_first_one() -> None:
    text = "“Stray. Next one. And “a quote. Two,” he said."
    assert split_sentences(text) == ["“Stray.", "Next one.", "And “a quote. Two,” he said."]


def test_a_quotation_ends_with_its_paragraph() -> None:
    text = "“Open. Still.\n\nNew paragraph. Two.”"
    assert split_sentences(text) == ["“Open.", "Still.", "New paragraph.", "Two.”"]


def test_a_quotation_is_bounded_in_length() -> None:
    inner = "This goes on. " * 100  # 1,400 characters
    text = f"“{inner.strip()}” he said."
    assert len(split_sentences(text)) == 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5 in the U.S.A. yesterday.", None),
        ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        ("I work for the U.S. Government in Virginia.", None),
        ("I can see Mt. Fuji from here.", None),
        ("St. Michael's Church is on 5th st. near the light.", None),
        ("They met Pitt & Co. It closed.", ["They met Pitt & Co.", "It closed."]),
        ("They met Pitt & Co. at noon.", None),
        ("J. K. Rowling wrote it. She is British.", ["J. K. Rowling wrote it.", "She is British."]),
        (
            "We make a good team, you and I. Did you see Albert I. Jones?",
            ["We make a good team, you and I.", "Did you see Albert I. Jones?"],
        ),
        ("Please turn to p. 55 and see No. 10 for details.", None),
        (
            "He fought in World War II. Then he came home.",
            ["He fought in World War II.", "Then he came home."],
        ),
        (
            "Smith vs. Jones was decided. It took years.",
            ["Smith vs. Jones was decided.", "It took years."],
        ),
    ],
)
def test_abbreviations(text: str, expected: list[str] | None) -> None:
    assert split_sentences(text) == (expected if expected is not None else [text])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rose 2.5% to $11.1bn. Profits fell.", ["It rose 2.5% to $11.1bn.", "Profits fell."]),
        ("She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
        (
            "You can find it at N°. 1026.253.553. That is where it is.",
            ["You can find it at N°. 1026.253.553.", "That is where it is."],
        ),
        (
            "Mail jane.doe@example.com. Visit https://example.com/a.html. Done.",
            ["Mail jane.doe@example.com.", "Visit https://example.com/a.html.", "Done."],
        ),
        ("It ended in 1999. 2000 was better.", ["It ended in 1999.", "2000 was better."]),
    ],
)
def test_numbers_and_addresses(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I never meant that... She left.", ["I never meant that...", "She left."]),
        ("I never meant that.... She left.", ["I never meant that....", "She left."]),
        ("Wait… What?", ["Wait…", "What?"]),
        ("I wasn’t really … well, I mean it.", None),
        ("He was . . . gone. Next one.", ["He was . . . gone.", "Next one."]),
        ("It was . . . I forget. Next one.", ["It was . . . I forget.", "Next one."]),
        (
            "It was a habit. . . . The practice went on.",
            ["It was a habit.", ". . . The practice went on."],
        ),
        ("He used a period . . . . Next sentence.", ["He used a period . . . .", "Next sentence."]),
        ("... And so it began.", None),
    ],
)
def test_ellipses(text: str, expected: list[str] | None) -> None:
    assert split_sentences(text) == (expected if expected is not None else [text])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
        ("1.) The first item. 2.) The second.", ["1.) The first item.", "2.) The second."]),
        ("1) The first item 2) The second item", ["1) The first item", "2) The second item"]),
        (
            "a. First one b. Second one c. Third one",
            ["a. First one", "b. Second one", "c. Third one"],
        ),
        ("• 9. The first item • 10. The second", ["• 9. The first item", "• 10. The second"]),
        ("Points:\n- first point\n- second point", ["Points:", "- first point", "- second point"]),
        # Numbers that merely follow each other in prose are no list.
        ("Chapter 2 follows chapter 1. 2 more are planned.", None),
    ],
)
def test_lists(text: str, expected: list[str] | None) -> None:
    if expected is None:
        expected = ["Chapter 2 follows chapter 1.", "2 more are planned."]
    assert split_sentences(text) == expected


def test_blank_lines_end_sentences_single_line_breaks_do_not() -> None:
    text = "Headline without a period\n\nThe body is\nwrapped here. Next one.\r\n\r\nLast"
    assert split_sentences(text) == [
        "Headline without a period",
        "The body is\nwrapped here.",
        "Next one.",
        "Last",
    ]


def test_spans_are_verbatim_offsets() -> None:
    text = "  First one.   Second “quoted. Still,” here!\n\n Third  "
    spans = sentence_spans(text)
    assert spans == [(2, 12), (15, 44), (47, 52)]
    assert [text[a:b] for a, b in spans] == split_sentences(text)


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(UnsupportedLanguageError, match="not supported"):
        split_sentences("Hola. Adiós.", "xx")


def test_seed_quotation_is_one_sentence(seed_text: str) -> None:
    sentences = split_sentences(seed_text)
    (quote,) = [s for s in sentences if s.startswith("“WhatsApp handed over")]
    assert "terrorists… Machado" in quote
    assert quote.endswith("what your tastes are, and so on,” Maduro said.")
    assert any(s.endswith("called the messenger “the enemy of humanity.”") for s in sentences)
    assert all(s.count("“") == s.count("”") for s in sentences)


def test_seed_spans_are_in_order_and_verbatim(seed_text: str) -> None:
    spans = sentence_spans(seed_text)
    assert len(spans) == 14
    _assert_partition(seed_text, spans)


def test_golden_rules_floor(shared_data: Path) -> None:
    cases = json.loads((shared_data / "golden_rules_en.json").read_text(encoding="utf-8"))
    passed = [
        [s.strip() for s in split_sentences(case["text"])] == case["sentences"]
        for case in cases["cases"]
    ]
    assert len(passed) == 48
    assert sum(passed) >= GOLDEN_FLOOR


def _assert_partition(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are ordered, disjoint, stripped, and hold every non-space character once."""
    previous_end = 0
    covered = 0
    for a, b in spans:
        assert previous_end <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        covered += sum(not c.isspace() for c in text[a:b])
        previous_end = b
    assert covered == sum(not c.isspace() for c in text)


# fmt: off
_PIECES = st.sampled_from([
    "Mr.", "U.S.", "a.m.", "I.", "J.", "1.", "2.)", "3)", "a.", "b.", "•", "⁃", "- ", "“", "”",
    '"', "'", "‘", "’", "«", "»", "(", ")", "[", "]", "[...]", "…", "...", ". . .", ".", "!",
    "?", ",", ":", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u2029", "\u00a0", "\x00", "\x1f",
    "😀", "Word", "word", "The", "It", "5", "2.5",
])
# fmt: on
_TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",))),
    st.lists(_PIECES, max_size=60).map("".join),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map(" ".join),
)


@given(_TEXTS)
@settings(max_examples=400, deadline=None)
def test_any_text_is_partitioned_into_sentences(text: str) -> None:
    spans = sentence_spans(text)
    _assert_partition(text, spans)
    assert split_sentences(text) == [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        '"' * 100_000,
        "“" * 100_000,
        "." * 100_000,
        "." * 100_000 + "x",
        ". " * 100_000 + "x",
        '."' * 100_000,
        "A. " * 100_000,
        "(" * 100_000 + ")" * 100_000,
        "a.a" * 300_000 + ". B",
        " " * 1_000_000 + "x",
    ],
    ids=lambda t: f"{t[:6]!r}x{len(t)}",
)
def test_pathological_input_finishes(text: str) -> None:
    began = time.perf_counter()
    spans = sentence_spans(text)
    assert time.perf_counter() - began < 20  # only catches super-linear blow-ups
    _assert_partition(text, spans)
