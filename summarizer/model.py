"""Frozen value types shared by every part of the summarizer.

Everything the package returns is one of these: plain, immutable, hashable and
serialisable to JSON-compatible dicts (``to_dict``/``from_dict``) so that the bot
can store an analysis once and never recompute it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

FigureKind = Literal["count", "money", "percent", "measure", "date", "duration"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article, verbatim, with where it stands.

    ``start``/``end`` are character offsets inside ``Article.paragraphs[paragraph]``,
    so ``article.paragraphs[s.paragraph][s.start:s.end] == s.text`` always holds.
    """

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: the body without dateline, repeated headline or boilerplate."""

    title: str | None
    published: date | None
    paragraphs: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    language: str = "en"

    @property
    def body(self) -> str:
        """Paragraphs joined by blank lines: the text that is summarised."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "paragraphs": list(self.paragraphs),
            "sentences": [[s.paragraph, s.start, s.end] for s in self.sentences],
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        paragraphs = tuple(str(p) for p in data["paragraphs"])
        sentences = tuple(
            Sentence(i, int(p), int(a), int(b), paragraphs[int(p)][int(a) : int(b)])
            for i, (p, a, b) in enumerate(data["sentences"])
        )
        published = data.get("published")
        return cls(
            title=data.get("title"),
            published=date.fromisoformat(published) if published else None,
            paragraphs=paragraphs,
            sentences=sentences,
            language=str(data.get("language", "en")),
        )


@dataclass(frozen=True, slots=True)
class Span:
    """A run of characters inside one paragraph: ``paragraphs[paragraph][start:end]``."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who said it.

    ``text`` is the quoted words without the quote marks. A quote split by its
    attribution (“A,” she said, “B.”) or running over several paragraphs has one
    span per piece; ``text`` is the pieces joined by a single space, and each
    piece is verbatim in the article.
    """

    text: str
    speaker: str | None
    cue: str | None
    partial: bool
    spans: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "cue": self.cue,
            "partial": self.partial,
            "spans": [[s.paragraph, s.start, s.end] for s in self.spans],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            text=str(data["text"]),
            speaker=data.get("speaker"),
            cue=data.get("cue"),
            partial=bool(data.get("partial", False)),
            spans=tuple(Span(int(p), int(a), int(b)) for p, a, b in data.get("spans", [])),
        )


@dataclass(frozen=True, slots=True)
class Figure:
    """A number that matters, normalised, with what it counts.

    ``value`` is the normalised number (“2 thousand” -> 2000); ``upper`` is the
    top of a range (“between 10 and 20”). ``qualifier`` is ``None`` when the
    number is stated exactly. ``what`` names the counted thing and what
    happened to it (“police strongholds destroyed”). ``evidence`` is the verbatim
    span the figure was read from, inside sentence ``sentence``. ``score`` orders
    key figures (higher first); dates and durations are not key figures.
    """

    value: float
    qualifier: str | None
    unit: str | None
    what: str
    kind: FigureKind
    evidence: str
    sentence: int
    upper: float | None = None
    score: float = 0.0

    @property
    def is_key(self) -> bool:
        return self.kind not in ("date", "duration")

    def describe(self) -> str:
        """A short phrase for people: "more than 2,000 people detained", "$1.5 billion debt"."""
        if self.kind in ("date", "duration"):
            return self.evidence
        amount = _format_amount(self.value, self.unit)
        if self.upper is not None:
            joiner = "and" if self.qualifier == "between" else "to"
            amount = f"{amount} {joiner} {_format_amount(self.upper, self.unit)}"
        unit = self.unit or ""
        what = self.what.strip()
        suffix = ""
        if unit and unit not in _UNIT_SYMBOLS and not what.lower().startswith(unit.lower()):
            suffix = f" {unit}"
        words = [w for w in (self.qualifier, amount + suffix, what) if w]
        return " ".join(words)

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        upper: float | int | None = self.upper
        if upper is not None and float(upper).is_integer():
            upper = int(upper)
        return {
            "value": value,
            "upper": upper,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "what": self.what,
            "kind": self.kind,
            "evidence": self.evidence,
            "sentence": self.sentence,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        upper = data.get("upper")
        return cls(
            value=float(data["value"]),
            qualifier=data.get("qualifier"),
            unit=data.get("unit"),
            what=str(data.get("what", "")),
            kind=data["kind"],
            evidence=str(data.get("evidence", "")),
            sentence=int(data.get("sentence", 0)),
            upper=float(upper) if upper is not None else None,
            score=float(data.get("score", 0.0)),
        )


_UNIT_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "percent": "%"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _format_amount(value: float, unit: str | None) -> str:
    """2000 -> "2,000"; 1500000 -> "1.5 million"; with "$"/"€"/"%" where the unit has one."""
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    for scale, name in _SCALES:
        if abs(value) >= scale:
            number = f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {name}"
            break
    symbol = _UNIT_SYMBOLS.get(unit or "")
    if symbol == "%":
        return f"{number}%"
    if symbol:
        return f"{symbol}{number}"
    return number


@dataclass(frozen=True, slots=True)
class Ranking:
    """Every sentence of an article scored once, so a summary of any length is a lookup.

    ``order`` lists the indices of the sentences that may appear in a summary,
    best first; sentences left out of it (duplicates, boilerplate) never do.
    """

    method: str
    scores: tuple[float, ...]
    order: tuple[int, ...]

    def top(self, n: int) -> tuple[int, ...]:
        """The best ``n`` sentence indices, in article order."""
        return tuple(sorted(self.order[: max(n, 0)]))

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "scores": list(self.scores), "order": list(self.order)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ranking:
        return cls(
            method=str(data["method"]),
            scores=tuple(float(x) for x in data["scores"]),
            order=tuple(int(x) for x in data["order"]),
        )


ANALYSIS_VERSION = 1


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the bot shows about one article, computed once at ingest."""

    article: Article
    ranking: Ranking
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    version: int = field(default=ANALYSIS_VERSION)

    def summary(self, n: int) -> tuple[Sentence, ...]:
        """The ``n`` best sentences, verbatim and in article order."""
        return tuple(self.article.sentences[i] for i in self.ranking.top(n))

    @property
    def key_figures(self) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures if f.is_key)

    @property
    def dates(self) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures if not f.is_key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "article": self.article.to_dict(),
            "ranking": self.ranking.to_dict(),
            "quotes": [q.to_dict() for q in self.quotes],
            "figures": [f.to_dict() for f in self.figures],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            article=Article.from_dict(data["article"]),
            ranking=Ranking.from_dict(data["ranking"]),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            figures=tuple(Figure.from_dict(f) for f in data.get("figures", [])),
            version=int(data.get("version", 0)),
        )
