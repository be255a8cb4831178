"""Turn raw text, Markdown or HTML into an :class:`Article`.

A scraped page starts with a dateline, a headline (often twice), bylines and
share buttons. Ranking that as text makes the "summary" the dateline and the
headline, so this module takes the page apart first: metadata out, title
aside, body paragraphs and their sentences kept verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from summarizer.boilerplate import INLINE_DATELINE, TIMESTAMP_WORDS, is_boilerplate_paragraph
from summarizer.language import MONTHS, language_name
from summarizer.model import Article, Sentence
from summarizer.sentences import sentence_spans

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[str, ...] = ("text", "markdown", "html")

_MONTHS = MONTHS
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d)", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!\s*,?\s*\d)", re.IGNORECASE),
)
# Words that may stand in a dateline line besides the date itself.
_DATELINE_WORDS = re.compile(
    rf"\b(?:today|{'|'.join(TIMESTAMP_WORDS)}|on|at|year|am|pm|a\.m|p\.m|gmt|utc|bst|"
    r"cet|est|edt|pst|pdt|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|"
    r"wed|thu|thur|thurs|fri|sat|sun)\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"T?\b\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINE = re.compile(r"\n\s*\n")
_HTML_HINT = re.compile(r"<(?:!doctype|html|head|body|p|div|article|br|span|h[1-6])\b", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_HINT = re.compile(r"^\s{0,3}#{1,6}\s+\S|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*", re.M)
_TITLE_MAX_WORDS = 25
_TITLE_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class _Page:
    """What a format-specific reader hands to the text pipeline."""

    paragraphs: list[str]
    title: str | None = None
    published: date | None = None


def normalize_text(raw: str) -> str:
    """NFC, Unix newlines, no control or zero-width characters, single spaces."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def detect_format(raw: str) -> Format:
    """Guess the input format: HTML by its tags, Markdown by headings, links or bold."""
    head = raw[:20_000]
    if _HTML_HINT.search(head):
        return "html"
    if _MD_HINT.search(head):
        return "markdown"
    return "text"


def parse_date(text: str, reference_date: date | None = None) -> date | None:
    """The first date written in ``text``.

    A date without a year ("March 3") takes the latest year that does not put it
    after ``reference_date``; with no reference date it cannot be placed and is
    ignored.
    """
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            found = _date_from_match(match, reference_date)
            if found is not None:
                return found
    return None


def _date_from_match(match: re.Match[str], reference_date: date | None) -> date | None:
    groups = match.groupdict()
    month = int(groups["mon"]) if groups.get("mon") else _MONTHS[groups["month"].lower()]
    day = int(groups["day"])
    if groups.get("year"):
        years = [int(groups["year"])]
    elif reference_date is not None:
        years = [reference_date.year, reference_date.year - 1]
    else:
        return None
    for year in years:
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if groups.get("year") or reference_date is None or candidate <= reference_date:
            return candidate
    return None


def _is_dateline(paragraph: str, reference_date: date | None) -> date | None:
    """The date of a standalone dateline paragraph, or None if it is not one."""
    if len(paragraph) > 100:
        return None
    found = parse_date(paragraph, reference_date)
    if found is None:
        return None
    rest = paragraph
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = _DATELINE_WORDS.sub(" ", rest)
    rest = re.sub(r"[\W\d_]+", " ", rest).strip()
    return found if len(rest.split()) <= 1 else None


def _key(text: str) -> str:
    """Comparison key: case, punctuation and spacing do not matter."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _looks_like_title(paragraph: str, rest: list[str]) -> bool:
    if not rest or "\n" in paragraph:
        return False
    words = paragraph.split()
    if len(words) > _TITLE_MAX_WORDS or len(paragraph) > _TITLE_MAX_CHARS:
        return False
    if paragraph.endswith((":", ",", ";")) or INLINE_DATELINE.match(paragraph):
        return False
    if len(sentence_spans(paragraph)) > 1:
        return False
    repeated = any(_key(p) == _key(paragraph) for p in rest[:3])
    ends_as_sentence = paragraph.endswith((".", "!", "?", "…", '"', "”", "’"))
    # A line that ends like a sentence is a title only when the page repeats it (scraped pages
    # print the headline twice); otherwise it is the lead and must stay in the body.
    return repeated or not ends_as_sentence


def _paragraphs_from_text(text: str) -> list[str]:
    """Blank lines separate paragraphs; without any, every line is one."""
    if _BLANK_LINE.search(text):
        blocks = _BLANK_LINE.split(text)
        return [" ".join(line for line in block.split("\n") if line) for block in blocks]
    return text.split("\n")


def _read_text(text: str) -> _Page:
    return _Page([p for p in _paragraphs_from_text(text) if p])


_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")


def _read_markdown(text: str) -> _Page:
    """Markdown to plain paragraphs: the first heading is the title, markup goes."""
    title: str | None = None
    lines: list[str] = []
    in_code = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or _MD_RULE.match(line):
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            content = _md_inline(heading.group(2))
            if title is None and len(heading.group(1)) <= 2:
                title = content
            else:
                lines.extend(["", content, ""])
            continue
        line = re.sub(r"^\s*>\s?", "", line)
        if _MD_LIST.match(line):
            lines.extend(["", _md_inline(_MD_LIST.sub("", line)), ""])
            continue
        lines.append(_md_inline(line))
    page = _read_text("\n".join(lines))
    return _Page(page.paragraphs, title=title)


def _md_inline(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_CODE.sub(r"\1", line)
    line = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", line)
    return line.strip()


def _read_html(raw: str) -> _Page:
    """Main text and metadata through trafilatura; lxml's parser when that finds nothing."""
    import trafilatura  # imported here: HTML is the rare input and the import is slow

    document = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text:
        return _read_html_fallback(raw)
    title = getattr(document, "title", None) or None
    raw_date = getattr(document, "date", None)
    published = None
    if isinstance(raw_date, str):
        try:
            published = date.fromisoformat(raw_date[:10])
        except ValueError:
            published = None
    lines = [line for line in normalize_text(text).split("\n") if line]
    return _Page(lines, title=normalize_text(title) if title else None, published=published)


_HTML_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "section",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "header",
    "main",
)
_HTML_DROP = ("script", "style", "noscript", "nav", "footer", "aside", "form", "template")


# control characters, raw or as character references ("&#1;"), that an XML tree cannot hold:
# lxml decodes "&#1" while parsing, then refuses the text when the tree is edited
_XML_UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
    r"|&#0*(?:[0-8]|1[124-9]|2\d|3[01])(?![0-9]);?"
    r"|&#[xX]0*(?:[0-8]|[bBcCeEfF]|1[0-9a-fA-F])(?![0-9a-fA-F]);?"
)


def _read_html_fallback(raw: str) -> _Page:
    """Broken or tiny pages that trafilatura gives up on: lxml's tolerant parser, block by block."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(_XML_UNSAFE.sub("", raw))
    except (lxml.etree.ParserError, ValueError):
        return _Page([])
    for element in list(root.iter(*_HTML_DROP)):
        element.drop_tree()
    title_element = root.find(".//title")
    heading = root.find(".//h1")
    title = None
    for candidate in (heading, title_element):
        if candidate is not None and candidate.text_content().strip():
            title = normalize_text(candidate.text_content()).strip()
            break
    if title_element is not None:
        title_element.drop_tree()
    for element in root.iter(*_HTML_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    text = normalize_text(root.text_content())
    return _Page([line for line in text.split("\n") if line], title=title)


def parse_article(
    raw: str,
    *,
    fmt: str | None = None,
    language: str = "en",
    title: str | None = None,
    reference_date: date | None = None,
) -> Article:
    """Parse a scraped page or a plain article into an :class:`Article`.

    ``fmt`` is ``"text"``, ``"markdown"`` or ``"html"`` (guessed when None).
    ``title`` overrides the detected headline. ``reference_date`` places
    datelines that give no year ("LISBON, March 3 (Reuters) -"). Any string is
    accepted: text with no sentence gives an article with no paragraphs.
    """
    language_name(language)
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    chosen = fmt or detect_format(raw)
    if chosen == "html":
        page = _read_html(raw)
    elif chosen == "markdown":
        page = _read_markdown(normalize_text(raw))
    else:
        page = _read_text(normalize_text(raw))

    paragraphs = list(page.paragraphs)
    published = page.published
    found_title = normalize_text(title).strip() if title else page.title

    # Metadata lines at the top: datelines, bylines, share buttons.
    while paragraphs:
        first = paragraphs[0]
        dateline = _is_dateline(first, reference_date)
        if dateline is not None:
            published = published or dateline
        elif not is_boilerplate_paragraph(first):
            break
        paragraphs.pop(0)

    if found_title is None and paragraphs and _looks_like_title(paragraphs[0], paragraphs[1:]):
        found_title = paragraphs.pop(0)
        # A date line may sit between the headline and the body, too.
        while paragraphs and (date_found := _is_dateline(paragraphs[0], reference_date)):
            published = published or date_found
            paragraphs.pop(0)

    body: list[str] = []
    title_key = _key(found_title) if found_title else None
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        key = _key(paragraph)
        if title_key is not None and key == title_key:
            continue
        if body and key == _key(body[-1]):
            continue
        if len(paragraph) < 120 and is_boilerplate_paragraph(paragraph):
            continue
        body.append(paragraph)

    if body:
        inline = INLINE_DATELINE.match(body[0])
        # A bare place is a dateline only before a long dash ("DUBAI — ..."); "UK - ..." may
        # be text.
        dash = inline.group("dash") if inline else ""
        if inline and (inline.group("date") or inline.group("agency") or dash in ("—", "–")):
            if inline.group("date") and published is None:
                published = parse_date(inline.group("date"), reference_date)
            body[0] = body[0][inline.end() :]

    sentences: list[Sentence] = []
    for number, paragraph in enumerate(body):
        for start, end in sentence_spans(paragraph, language):
            sentences.append(Sentence(len(sentences), number, start, end, paragraph[start:end]))
    return Article(
        title=found_title or None,
        published=published,
        paragraphs=tuple(body),
        sentences=tuple(sentences),
        language=language,
    )
