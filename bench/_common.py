"""Loading the evaluation data the summary benchmarks share (BBC News Summary, editor set)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from summarizer.article import parse_article
from summarizer.model import Article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
EDITOR_DIR = ROOT / "tests" / "data" / "editor"
TOPICS = ("business", "entertainment", "politics", "sport", "tech")

_GLUED = re.compile(r"(?<=[a-z0-9%)][.!?])(?=[A-Z\"'])|(?<=[.!?][\"'])(?=[A-Z])")
_SPACE = re.compile(r"\s+")


def read_text(path: Path) -> str:
    """UTF-8, or ISO-8859-1 for the one BBC file that is not (sport/199.txt)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")


@dataclass(frozen=True, slots=True)
class Pair:
    """One article with its reference summary sentences."""

    name: str
    article: Article
    reference: tuple[str, ...]


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def split_reference(summary: str, article: Article) -> tuple[str, ...]:
    """Sentences of a BBC summary, whose sentences are glued with no space between them.

    Article sentences found verbatim in the summary are taken whole (so "U.S." does
    not split); the rest is split where a sentence end meets a capital letter.
    """
    rest = _squash(summary)
    found: list[tuple[int, str]] = []
    for sentence in sorted({_squash(s.text) for s in article.sentences}, key=len, reverse=True):
        if len(sentence) < 15:
            continue
        at = rest.find(sentence)
        if at >= 0:
            found.append((at, sentence))
            rest = rest[:at] + "\x00" * len(sentence) + rest[at + len(sentence) :]
    for piece in re.split(r"\x00+", rest):
        for part in _GLUED.split(piece):
            part = part.strip()
            if sum(c.isalpha() for c in part) >= 10:
                found.append((_squash(summary).find(part), part))
    return tuple(s for _, s in sorted(found))


def bbc_files(data_dir: Path, limit: int | None = None) -> list[tuple[str, Path, Path]]:
    """(name, article path, summary path), topics interleaved so a ``limit`` covers all five."""
    root = data_dir / "bbc_news_summary"
    per_topic = [sorted((root / "articles" / topic).glob("*.txt")) for topic in TOPICS]
    out: list[tuple[str, Path, Path]] = []
    for row in range(max(len(files) for files in per_topic)):
        for topic, files in zip(TOPICS, per_topic, strict=True):
            if row < len(files):
                path = files[row]
                name = f"{topic}/{path.name}"
                out.append((name, path, root / "summaries" / topic / path.name))
    return out[:limit] if limit else out


def parse_bbc(raw: str) -> Article:
    """First line is the title, the rest the body."""
    title, _, body = raw.strip().partition("\n")
    return parse_article(body.strip(), title=title.strip())


def load_bbc(data_dir: Path, limit: int | None = None) -> Iterator[Pair]:
    for name, article_path, summary_path in bbc_files(data_dir, limit):
        article = parse_bbc(read_text(article_path))
        reference = split_reference(read_text(summary_path), article)
        if article.sentences and reference:
            yield Pair(name, article, reference)


def load_editor(directory: Path = EDITOR_DIR) -> list[Pair]:
    """The editor set: each article with its three picked sentences."""
    pairs: list[Pair] = []
    for path in sorted(directory.glob("*.txt")):
        if path.name.endswith(".summary.txt"):
            continue
        picks = path.with_name(path.stem + ".summary.txt").read_text(encoding="utf-8")
        article = parse_article(path.read_text(encoding="utf-8"))
        reference = tuple(line.strip() for line in picks.splitlines() if line.strip())
        pairs.append(Pair(path.stem, article, reference))
    return pairs


def sentence_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()
