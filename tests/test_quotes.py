"""Direct quotations: the words exactly as printed, with the person who said them."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.article import parse_article
from summarizer.model import Article, Quote, Sentence, Span
from summarizer.quotes import extract_quotes
from summarizer.sentences import sentence_spans

ROOT = Path(__file__).resolve().parent.parent
QUOTE_DATA = Path(__file__).resolve().parent / "data" / "quotes"


def article(*paragraphs: str) -> Article:
    """An Article made of exactly these paragraphs."""
    sentences: list[Sentence] = []
    for p, text in enumerate(paragraphs):
        for a, b in sentence_spans(text):
            sentences.append(Sentence(len(sentences), p, a, b, text[a:b]))
    return Article(None, None, tuple(paragraphs), tuple(sentences))


def quotes_of(*paragraphs: str) -> tuple[Quote, ...]:
    return extract_quotes(article(*paragraphs))


def summary(quotes: tuple[Quote, ...]) -> list[tuple[str, str | None, str | None, bool]]:
    return [(q.text, q.speaker, q.cue, q.partial) for q in quotes]


def assert_verbatim(art: Article, quotes: tuple[Quote, ...]) -> None:
    for quote in quotes:
        pieces = [art.paragraphs[s.paragraph][s.start : s.end] for s in quote.spans]
        assert pieces, quote
        assert " ".join(pieces) == quote.text
        for piece in pieces:
            assert piece == piece.strip() and piece


INTRO = "Venezuelan President Nicolas Maduro spoke in Caracas on Monday."


# --------------------------------------------------------------------------- marks


def test_curly_quote_with_speaker_after_maps_surname_to_full_name() -> None:
    quotes = quotes_of(INTRO, "“We will not allow it,” Maduro said.")
    assert summary(quotes) == [("We will not allow it", "Nicolas Maduro", "said", False)]
    assert quotes[0].spans == (Span(1, 1, 21),)


def test_straight_quotes_and_inverted_said_name() -> None:
    quotes = quotes_of(
        'Rovers lost 2-1. "I have watched it ten times," said Rovers manager Sarah Keane.'
    )
    assert summary(quotes) == [("I have watched it ten times", "Sarah Keane", "said", False)]


def test_guillemets_with_english_attribution() -> None:
    quotes = quotes_of(
        "Chief executive Anneliese Krug spoke. « No. We keep our staff », Krug said."
    )
    assert summary(quotes) == [("No. We keep our staff", "Anneliese Krug", "said", False)]


def test_low_high_marks() -> None:
    quotes = quotes_of("Director Omar Haddad spoke. „Every litre counts“, Haddad said.")
    assert summary(quotes) == [("Every litre counts", "Omar Haddad", "said", False)]


def test_single_quotes_nested_inside_a_quotation_stay_in_the_text() -> None:
    quotes = quotes_of(
        "Valentina Rojas thanked her grandmother. “She used to say, ‘The vines remember "
        "everything,’ and I never understood,” Rojas said."
    )
    assert summary(quotes) == [
        (
            "She used to say, ‘The vines remember everything,’ and I never understood",
            "Valentina Rojas",
            "said",
            False,
        )
    ]


def test_apostrophes_are_not_quote_marks() -> None:
    quotes = quotes_of("The president’s channel showed it. “It’s ours,” said Maria Lopez.")
    assert summary(quotes) == [("It’s ours", "Maria Lopez", "said", False)]


# --------------------------------------------------------------------------- attribution


def test_speaker_before_with_colon() -> None:
    quotes = quotes_of(INTRO, "Maduro said: “WhatsApp is the enemy.”")
    assert summary(quotes) == [("WhatsApp is the enemy.", "Nicolas Maduro", "said", False)]


def test_speaker_before_with_colon_at_the_end_of_the_previous_paragraph() -> None:
    quotes = quotes_of(
        "Regional fire chief Antonio Ruiz told local radio:",
        "“The wind is our biggest enemy.”",
    )
    assert summary(quotes) == [("The wind is our biggest enemy.", "Antonio Ruiz", "told", False)]


def test_split_quote_is_one_quotation_with_one_span_per_piece() -> None:
    text = "Coach Sarah Keane was angry. “It was a penalty,” she said, “and everybody saw it.”"
    art = article(text)
    quotes = extract_quotes(art)
    assert summary(quotes) == [
        ("It was a penalty and everybody saw it.", "Sarah Keane", "said", False)
    ]
    pieces = [text[s.start : s.end] for s in quotes[0].spans]
    assert pieces == ["It was a penalty", "and everybody saw it."]


def test_quote_after_a_full_stop_is_a_new_quotation_by_the_same_speaker() -> None:
    quotes = quotes_of("“We did not play well,” Marco Bellini said. “But we won.”")
    assert summary(quotes) == [
        ("We did not play well", "Marco Bellini", "said", False),
        ("But we won.", "Marco Bellini", "said", False),
    ]


def test_quotation_over_several_paragraphs() -> None:
    paragraphs = (
        "Mission director Priya Raman waited all night.",
        "“When the first picture came through, the room went silent.",
        "“Then everybody started shouting,” Raman said.",
        "The agency will publish the images.",
    )
    art = article(*paragraphs)
    quotes = extract_quotes(art)
    assert summary(quotes) == [
        (
            "When the first picture came through, the room went silent. "
            "Then everybody started shouting",
            "Priya Raman",
            "said",
            False,
        )
    ]
    assert [s.paragraph for s in quotes[0].spans] == [1, 2]
    assert_verbatim(art, quotes)


def test_quotation_over_paragraphs_run_together() -> None:
    text = (
        'Ms Hewitt said: "We have doubled maternity pay. "We are going to extend it by 2007." '
        "She said more was planned."
    )
    quotes = quotes_of("Trade Secretary Patricia Hewitt spoke on Sunday.", text)
    assert summary(quotes) == [
        (
            "We have doubled maternity pay. We are going to extend it by 2007.",
            "Patricia Hewitt",
            "said",
            False,
        )
    ]
    assert len(quotes[0].spans) == 2


def test_unattributed_quote_after_a_sentence_with_a_speaker() -> None:
    quotes = quotes_of(
        'UKIP leader Roger Knapman said the rebate was "set in stone". "There is no reason to '
        'negotiate about it at all."'
    )
    assert summary(quotes) == [
        ("set in stone", "Roger Knapman", "said", True),
        ("There is no reason to negotiate about it at all.", "Roger Knapman", "said", False),
    ]


def test_pronoun_prefers_the_subject_over_a_name_after_a_preposition() -> None:
    quotes = quotes_of(
        "Nicholas Negroponte, chairman of MIT's Media Labs, is building a cheap laptop.",
        "He told the programme Go Digital that it would help schools. He said: "
        "“We have to get the display down to below $20.”",
    )
    assert [q.speaker for q in quotes] == ["Nicholas Negroponte"]


def test_pronoun_resolves_to_the_last_person_of_that_gender() -> None:
    quotes = quotes_of(
        "Norland's President Mikael Lind met Esteria's President Helena Varga. Lind said he was "
        "pleased.",
        "Varga struck a more cautious tone. “Trust is built with actions,” she said.",
    )
    assert summary(quotes) == [("Trust is built with actions", "Helena Varga", "said", False)]


def test_role_noun_resolves_to_the_last_person_given_that_role() -> None:
    quotes = quotes_of(
        "Finance Minister Elena Vasquez and Mayor Luc Martel met on Monday.",
        "“Nobody enjoys this budget,” the finance minister said.",
        "“We need the money,” the mayor added.",
    )
    assert summary(quotes) == [
        ("Nobody enjoys this budget", "Elena Vasquez", "said", False),
        ("We need the money", "Luc Martel", "added", False),
    ]


def test_head_of_country_resolves_to_its_president() -> None:
    quotes = quotes_of(
        INTRO, "The head of Venezuela added that “nobody will stop us” and left the stage."
    )
    assert summary(quotes) == [("nobody will stop us", "Nicolas Maduro", "added", True)]


def test_appositive_role_after_a_name() -> None:
    quotes = quotes_of(
        "Rachel Adeyemi, the defence lawyer, spoke first.",
        "“My client is innocent,” the lawyer said.",
    )
    assert summary(quotes) == [("My client is innocent", "Rachel Adeyemi", "said", False)]


def test_according_to() -> None:
    quotes = quotes_of("According to Dr Amina Yusuf, the outbreak is now “under control.”")
    assert summary(quotes) == [("under control", "Amina Yusuf", "according to", True)]


# --------------------------------------------------------------------------- partial quotations


def test_partial_quote_is_flagged_and_drops_its_final_full_stop() -> None:
    quotes = quotes_of(INTRO, "He called the messenger “the enemy of humanity.”")
    assert summary(quotes) == [("the enemy of humanity", "Nicolas Maduro", "called", True)]


def test_partial_quote_with_said_that() -> None:
    quotes = quotes_of("Karen Whitley said the offer was “fair and affordable” and left.")
    assert summary(quotes) == [("fair and affordable", "Karen Whitley", "said", True)]


# --------------------------------------------------------------------------- not quotations


def test_organisation_name_in_quote_marks_is_not_a_quotation() -> None:
    quotes = quotes_of(
        "Maduro spoke at the headquarters of the organization “Great Mission of Youth of "
        "Venezuela”, and said it mattered."
    )
    assert quotes == ()


@pytest.mark.parametrize(
    "text",
    [
        "The regional weather office kept its “red alert” in place for three districts.",
        "The so-called “ice hunter” instrument will begin next week.",
        "Police led “Operation Yellow Harvest”, the biggest raid this year.",
        "“The Last Harvest”, which follows three women, was shot in 24 days.",
        'Parents carried placards reading "Save Our Schools" outside.',
    ],
)
def test_scare_quotes_titles_and_operations_are_not_quotations(text: str) -> None:
    assert quotes_of(text) == ()


def test_unbalanced_mark_does_not_swallow_the_rest_of_the_article() -> None:
    paragraphs = (
        "Ingrid Holm was on board.",
        "“We will not sail again until we know why, he said, adding that inspectors would come.",
        "Islanders were cut off. The island's doctor, Erik Sand, was worried.",
        "“We have arranged a helicopter,” Sand said.",
    )
    quotes = quotes_of(*paragraphs)
    assert summary(quotes) == [("We have arranged a helicopter", "Erik Sand", "said", False)]


def test_unclosed_mark_followed_by_a_new_quotation_in_the_same_paragraph() -> None:
    quotes = quotes_of("He shouted “never again. Later, “We will return,” said Tom Baxter.")
    assert summary(quotes) == [("We will return", "Tom Baxter", "said", False)]


# --------------------------------------------------------------------------- the seed article


def test_seed_article_gives_exactly_its_two_quotations(seed_text: str) -> None:
    art = parse_article(seed_text)
    quotes = extract_quotes(art)
    assert len(quotes) == 2
    first, second = quotes
    assert first.text.startswith("WhatsApp handed over to Venezuelan terrorists…")
    assert first.text.endswith("what your tastes are, and so on")
    assert (first.speaker, first.cue, first.partial) == ("Nicolas Maduro", "said", False)
    assert (second.text, second.speaker, second.cue, second.partial) == (
        "the enemy of humanity",
        "Nicolas Maduro",
        "called",
        True,
    )
    assert all("Great Mission" not in q.text for q in quotes)
    assert_verbatim(art, quotes)


def test_quotes_survive_a_dict_round_trip(seed_text: str) -> None:
    quotes = extract_quotes(parse_article(seed_text))
    assert tuple(Quote.from_dict(q.to_dict()) for q in quotes) == quotes


# --------------------------------------------------------------------------- measured quality


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_quotes", ROOT / "bench" / "quotes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("subset", ["", "heldout"])
def test_annotated_sets_meet_the_targets(subset: str) -> None:
    bench = _bench()
    cases = bench.load_cases(QUOTE_DATA / subset if subset else QUOTE_DATA)
    assert len(cases) >= (10 if subset else 20)
    score = bench.evaluate(cases)
    assert score.precision >= 0.95, score
    assert score.recall >= 0.90, score
    assert score.speaker_accuracy >= 0.90, score


def test_every_piece_is_verbatim_on_the_annotated_sets() -> None:
    bench = _bench()
    for case in bench.load_cases(QUOTE_DATA) + bench.load_cases(QUOTE_DATA / "heldout"):
        assert_verbatim(case.article, extract_quotes(case.article))


def test_every_piece_is_verbatim_on_real_articles(shared_data: Path) -> None:
    root = shared_data / "bbc_news_summary" / "articles"
    paths = sorted(root.rglob("*.txt"))[::5]
    assert paths, f"no articles under {root}"
    found = 0
    for path in paths:
        raw = path.read_text(encoding="utf-8", errors="replace")
        art = parse_article(raw, fmt="text")
        quotes = extract_quotes(art)
        found += len(quotes)
        assert_verbatim(art, quotes)
    assert found > 0


# --------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "text",
    [
        "“" * 10_000,
        "”" * 10_000,
        '"' * 10_000,
        "« " * 5_000 + "»",
        "“a” " * 5_000,
        '"He said "no" "yes" "maybe' * 500,
        'See https://example.com/?q=“x”&y="z" and <b>“bold</b> & ‘more’ 😀 “🚀,” said 😀.',
        "“" + "word " * 20_000,
        '"unterminated\n\nnext paragraph " " "',
        "",
    ],
)
def test_hostile_input_never_crashes_and_stays_fast(text: str) -> None:
    paragraphs = tuple(p for p in text.split("\n\n")) or ("",)
    art = article(*paragraphs)
    start = time.perf_counter()
    quotes = extract_quotes(art)
    assert time.perf_counter() - start < 10.0  # catastrophic backtracking guard only
    assert_verbatim(art, quotes)


def test_many_paragraphs_of_unbalanced_marks() -> None:
    paragraphs = tuple(f"“Paragraph {i} opens and never closes" for i in range(2_000))
    art = article(*paragraphs)
    assert extract_quotes(art) == ()


_MARKY = st.text(
    alphabet=st.sampled_from(list("“”„«»\"'‘’ ,.:;!?\nabcHeSaidshe MrNicolasMaduro0😀<&")),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKY, min_size=1, max_size=5))
def test_arbitrary_marks_give_verbatim_pieces(paragraphs: list[str]) -> None:
    art = article(*paragraphs)
    quotes = extract_quotes(art)
    assert_verbatim(art, quotes)
    starts = [(q.spans[0].paragraph, q.spans[0].start) for q in quotes]
    assert starts == sorted(starts)
