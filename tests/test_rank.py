"""Sentence ranking and summaries: every method's guarantees, exact small cases, quality floor."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from summarizer.article import parse_article
from summarizer.errors import UnknownMethodError
from summarizer.model import Article, Ranking, Sentence
from summarizer.ranking import (
    DEFAULT_METHOD,
    METHODS,
    eligible,
    is_boilerplate,
    lexrank_scores,
    rank,
    reduction_scores,
    summarize,
    textrank_scores,
)
from summarizer.sentences import sentence_spans
from summarizer.sumy_adapter import (
    SUMY_METHODS,
    SumyTokenizer,
    build_document,
    sumy_scores,
    sumy_terms,
)
from summarizer.tokenize import (
    content_term_ids,
    content_terms,
    fast_word_tokens,
    stem,
    stop_words,
    word_tokens,
)

EDITOR = Path(__file__).resolve().parent / "data" / "editor"

TITLE = "Council approves budget with library cuts"
ARTICLE = f"""{TITLE}

By Helen Marsh, Local Democracy Reporter

The city council approved a budget on Wednesday that raises council tax and cuts library hours.

The budget was passed by 31 votes to 22 after a long meeting at the town hall.

Photo: Protesters gathered outside the town hall before the budget vote.

Council leader Priya Anand said the council had no good options after a shortfall in the budget.

The city council approved a budget on Wednesday that raises council tax and cuts library hours.

Seven branch libraries will close on Mondays, saving the council money on library staff.

A petition against the library cuts has gathered more than 9,000 signatures.

The weather was sunny.

Read more: How your council tax is spent
"""


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _article(text: str) -> Article:
    """An Article straight from blank-line paragraphs, first line the title.

    Built without the parser, so bylines, captions and repeats reach the ranking.
    """
    title, *paragraphs = [p.strip() for p in text.strip().split("\n\n")]
    sentences = []
    for number, paragraph in enumerate(paragraphs):
        for start, end in sentence_spans(paragraph):
            sentences.append(Sentence(len(sentences), number, start, end, paragraph[start:end]))
    return Article(title, None, tuple(paragraphs), tuple(sentences))


@pytest.fixture(scope="module")
def article() -> Article:
    return _article(ARTICLE)


def _editor_set() -> list[tuple[Article, set[str]]]:
    pairs = []
    for path in sorted(EDITOR.glob("*.txt")):
        if path.name.endswith(".summary.txt"):
            continue
        picks = path.with_name(path.stem + ".summary.txt").read_text(encoding="utf-8")
        article = parse_article(path.read_text(encoding="utf-8"))
        pairs.append((article, {_key(line) for line in picks.splitlines() if line.strip()}))
    return pairs


# --- guarantees of every method ---------------------------------------------------------------


def _check_summary(article: Article, method: str, n: int) -> None:
    summary = summarize(article, n, method)
    flags = eligible(article)
    assert len(summary) == min(n, sum(flags))
    indices = [s.index for s in summary]
    assert indices == sorted(indices), "summary must be in article order"
    assert len({_key(s.text) for s in summary}) == len(summary), "no duplicate sentence"
    for sentence in summary:
        assert article.sentences[sentence.index] == sentence
        paragraph = article.paragraphs[sentence.paragraph]
        assert paragraph[sentence.start : sentence.end] == sentence.text
        assert flags[sentence.index]
        if article.title:
            assert _key(sentence.text) != _key(article.title)


@pytest.mark.parametrize("method", METHODS)
def test_every_method_gives_verbatim_ordered_unique_summaries(
    article: Article, method: str
) -> None:
    for n in (1, 3, 5, 50):
        _check_summary(article, method, n)


@pytest.mark.parametrize("method", METHODS)
def test_every_method_never_picks_title_byline_caption_or_repeat(
    article: Article, method: str
) -> None:
    texts = [article.sentences[i].text for i in rank(article, method).order]
    assert len(texts) == 6
    assert not any(t.startswith(("By Helen", "Photo:", "Read more")) for t in texts)
    assert (
        texts.count(
            "The city council approved a budget on Wednesday that raises council tax and cuts "
            "library hours."
        )
        == 1
    )


@pytest.mark.parametrize("method", METHODS)
def test_every_method_orders_by_its_scores(article: Article, method: str) -> None:
    ranking = rank(article, method)
    assert ranking.method == method
    assert len(ranking.scores) == len(article.sentences)
    assert all(np.isfinite(ranking.scores))
    expected = sorted(ranking.order, key=lambda i: (-ranking.scores[i], i))
    assert list(ranking.order) == expected
    assert Ranking.from_dict(ranking.to_dict()) == ranking


@pytest.mark.parametrize("method", METHODS)
def test_every_method_handles_an_empty_and_a_one_sentence_article(method: str) -> None:
    empty = Article(title=None, published=None, paragraphs=(), sentences=())
    assert rank(empty, method).order == ()
    assert summarize(empty, 3, method) == ()
    one = parse_article("Only one sentence stands in this article about ranking.")
    assert [s.text for s in summarize(one, 3, method)] == [one.sentences[0].text]


def test_unknown_method_is_a_clear_error(article: Article) -> None:
    with pytest.raises(UnknownMethodError, match="choose one of: newsbrief"):
        rank(article, "bogus")
    with pytest.raises(UnknownMethodError):
        summarize(article, 3, "LexRank")


def test_default_method_is_newsbrief() -> None:
    assert DEFAULT_METHOD == "newsbrief"
    assert {"lead", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl"} <= set(METHODS)
    assert set(SUMY_METHODS) <= set(METHODS)


# --- exact small cases --------------------------------------------------------------------------


def test_lead_takes_the_first_eligible_sentences(article: Article) -> None:
    summary = summarize(article, 2, "lead")
    assert [s.text for s in summary] == [
        "The city council approved a budget on Wednesday that raises council tax and cuts "
        "library hours.",
        "The budget was passed by 31 votes to 22 after a long meeting at the town hall.",
    ]


def test_zero_or_negative_length_gives_nothing(article: Article) -> None:
    assert summarize(article, 0) == ()
    assert summarize(article, -2) == ()


def test_newsbrief_leaves_out_the_off_topic_and_the_trivial(article: Article) -> None:
    summary = [s.text for s in summarize(article, 3)]
    assert "The weather was sunny." not in summary
    assert summary[0].startswith("The city council approved a budget")


def test_newsbrief_prefers_the_story_over_an_anecdotal_opening() -> None:
    text = (
        "The river rose quietly in the night.\n\n"
        "Floods closed the main bridge in Northbridge on Monday, and the council evacuated "
        "two hundred homes near the river.\n\n"
        "The council said the floods were the worst since 1968 and the bridge would stay "
        "closed for a week.\n\n"
        "Engineers will inspect the bridge after the floods, the council said.\n\n"
        "Residents of the evacuated homes are staying in two schools near the river.\n\n"
        "A local bakery gave away free bread."
    )
    article = parse_article(text)
    top = [article.sentences[i].text for i in rank(article).order[:2]]
    assert all(t.startswith(("Floods closed", "The council said")) for t in top)


def test_eligibility_rules() -> None:
    for text in (
        "Photo: Passengers wait at the desk.",
        "Caption: Rescue workers search the rubble.",
        "A firefighter watches the flames on Thursday. (NB Photo/Marco Ruiz)",
        "By Sam Whitfield at Kingsmead Park",
        "SANTA RITA, Calif.",
        "LONDON (Reuters) -",
        "Read more: How your council tax is spent",
        "Sign up for our daily technology newsletter.",
        "Published 21 March 2024",
        "Updated: 18:40",
        "Related: Your rights when a flight is cancelled",
        "© 2024 Newsbrief Media",
        "Advertisement",
        "***",
    ):
        assert is_boilerplate(text), text
    for text in (
        "By Monday the fire was out.",
        "The EU (European Union) said it was ready to help.",
        "No injuries were reported.",
        "Photography exhibitions drew 2,000 visitors.",
        "Published reports say the plant will close.",
        "Updated figures show unemployment fell to 4%.",
        "Related talks failed on Monday.",
        "Copyright law will change next year.",
    ):
        assert not is_boilerplate(text), text


# --- sumy adapter and vectorised ports ---------------------------------------------------------


def test_sumy_tokenizer_needs_no_nltk_data() -> None:
    tokenizer = SumyTokenizer("en")
    assert tokenizer.language == "english"
    assert tokenizer.to_sentences("Mr. Smith left. He won $5 on Monday!") == (
        "Mr. Smith left.",
        "He won $5 on Monday!",
    )
    assert tokenizer.to_words("He won $5, didn't he? Well-known.") == (
        "He",
        "won",
        "did",
        "n't",
        "he",
        "Well-known",
    )


def test_sumy_document_holds_our_sentences_verbatim(article: Article) -> None:
    document = build_document(article)
    assert [str(s) for s in document.sentences] == [s.text for s in article.sentences]
    assert len(document.paragraphs) == len({s.paragraph for s in article.sentences})


@pytest.mark.parametrize("method", SUMY_METHODS)
def test_sumy_scores_cover_every_sentence(article: Article, method: str) -> None:
    scores = sumy_scores(article, method)
    assert len(scores) == len(article.sentences)
    assert len(set(scores)) > 1, "a method that rates everything alike ranks nothing"


@pytest.mark.parametrize("name", ["03_rates", "07_wildfire", "13_hospital_cyber"])
def test_vectorised_ports_match_sumy(name: str) -> None:
    article = parse_article((EDITOR / f"{name}.txt").read_text(encoding="utf-8"))
    ports = (
        ("textrank", textrank_scores),
        ("lexrank", lexrank_scores),
        ("reduction", reduction_scores),
    )
    for method, port in ports:
        reference = np.asarray(sumy_scores(article, method))
        ported = port(sumy_terms(article, method))
        assert np.allclose(reference, ported, rtol=1e-9, atol=1e-12), method
        # Same order, ties (equal to 9 places) broken by position as sumy does.
        assert list(np.argsort(-reference.round(9), kind="stable")) == list(
            np.argsort(-ported.round(9), kind="stable")
        )


# --- tokens -------------------------------------------------------------------------------------


def test_tokens_stems_and_stop_words() -> None:
    assert "the" in stop_words("en") and "council" not in stop_words("en")
    assert stem("Companies") == stem("company") == "compani"
    assert content_terms("The companies were running") == ["compani", "run"]
    assert content_term_ids("companies") == content_term_ids("Company")
    assert fast_word_tokens("It's the players' five-storey O'Neill 42") == [
        "It",
        "the",
        "players",
        "five-storey",
        "O'Neill",
    ]
    assert word_tokens("It's 42 degrees.") == ("It", "degrees")


# --- quality floor and real articles -----------------------------------------------------------


def _is_pick(text: str, picks: set[str]) -> bool:
    """A pick matches the sentence holding it (a dateline the parser left may precede it)."""
    key = _key(text)
    return any(pick in key for pick in picks)


def _precision(method: str, pairs: list[tuple[Article, set[str]]]) -> float:
    hits = picked = 0
    for article, picks in pairs:
        summary = summarize(article, 3, method)
        hits += sum(_is_pick(s.text, picks) for s in summary)
        picked += len(summary)
    return hits / picked


def test_default_method_beats_lead_on_the_editor_set() -> None:
    pairs = _editor_set()
    assert len(pairs) >= 20
    for _article, picks in pairs:
        assert len(picks) == 3
    default = _precision(DEFAULT_METHOD, pairs)
    assert default >= _precision("lead", pairs)
    assert default >= 0.55
    assert default > _precision("fast-textrank", pairs)


def test_editor_picks_are_sentences_of_their_articles() -> None:
    for article, picks in _editor_set():
        for pick in picks:
            assert sum(_is_pick(s.text, {pick}) for s in article.sentences) == 1, pick


def test_invariants_on_bbc_articles(shared_data: Path) -> None:
    root = shared_data / "bbc_news_summary" / "articles"
    topics = ("business", "sport", "tech")
    paths = [root / topic / f"{i:03d}.txt" for topic in topics for i in (1, 2)]
    for path in paths:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        title, _, body = raw.strip().partition("\n")
        article = parse_article(body.strip(), title=title.strip())
        assert len(article.sentences) >= 5
        for method in ("newsbrief", "lead", "fast-textrank", "fast-lexrank", "textrank"):
            _check_summary(article, method, 3)
            _check_summary(article, method, 8)
