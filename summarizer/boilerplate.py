"""Page furniture: bylines, captions and credits, share/subscribe lines, datelines.

Two decisions use these patterns, at two levels, so the words live here once:

- :mod:`summarizer.article` drops a whole short *paragraph* that is furniture
  (:func:`is_boilerplate_paragraph`). Everything downstream (summaries, quotes,
  figures) loses that text, so this level matches only complete lines of a known shape.
- :mod:`summarizer.ranking` keeps a *sentence* out of summaries
  (:func:`is_boilerplate_sentence`). The sentence stays in the article for quotes and
  figures, so this level may be broader: it matches on how a sentence opens.

The word tables are shared; where the two levels differ, the difference is spelled out
in the pattern that needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _either(entries: Iterable[str]) -> str:
    """Regex alternation of table entries; the patterns below only ask *whether* they match,
    so the order of the entries does not matter."""
    return "|".join(entries)


def _either_initial_case(leads: Iterable[str]) -> str:
    """Either case for the first letter only: "by" -> "[Bb]y"."""
    return _either(f"[{lead[0].upper()}{lead[0]}]{lead[1:]}" for lead in leads)


# ---------------------------------------------------------------------------------------------
# Word tables, lower case (the furniture patterns ignore case).

_PICTURE_WORDS = ("photo", "image", "picture")
_GETTY = "getty"
#: Labels that open a caption line: "Photo: Protesters outside the town hall".
CAPTION_LABELS: tuple[str, ...] = (*_PICTURE_WORDS, "video", "source", "credit", "caption")
#: More caption labels, for sentences only: "Pictured: ...", "Watch: ...", "Listen | ...".
#: The paragraph level keeps to the labels above: a dropped paragraph is lost to quotes and
#: figures as well.
SENTENCE_CAPTION_LABELS: tuple[str, ...] = (
    "photograph",
    "pictured",
    "illustration",
    "graphic",
    "watch",
    "listen",
    "file photo",
)
#: Words in a credit that closes a caption: "(NB Photo/Marco Ruiz)", "(Getty Images)".
CREDIT_WORDS: tuple[str, ...] = (*_PICTURE_WORDS, "pool", _GETTY, "afp", "reuters", "ap")

_SUBSCRIBE = "subscribe"
#: Calls to action: a line that opens with one is furniture whatever follows.
CALLS_TO_ACTION: tuple[str, ...] = (_SUBSCRIBE, "sign up", "follow us", "click here")
_READ_MORE = "read more"
_SHARE_THIS = "share this"
_SHARE_ON = "share on"
_SPONSORED = "sponsored"
_RELATED = "related"
_ADVERTISEMENT = "advertisement"
_COPYRIGHT = "copyright"
_ALL_RIGHTS_RESERVED = "all rights reserved"
#: Phrases that open a sentence of furniture: calls to action, links out, share buttons,
#: rights notices.
SENTENCE_OPENERS: tuple[str, ...] = (
    *CALLS_TO_ACTION,
    _READ_MORE,
    "see also",
    "more on this story",
    f"{_SPONSORED} content",
    _SHARE_THIS,
    _SHARE_ON,
    _ALL_RIGHTS_RESERVED,
)
#: Labels of a page's own timestamp: "Updated: 10:42", "Published on 3 March". A sentence
#: that opens with one is furniture; their words may stand in a dateline paragraph.
TIMESTAMP_LABELS: tuple[str, ...] = ("published", "updated", "posted", "last modified")
TIMESTAMP_WORDS: tuple[str, ...] = tuple(
    word for label in TIMESTAMP_LABELS for word in label.split()
)

#: Words that introduce a byline: "By Helen Marsh", "Reporting by Ana Lima".
BYLINE_LEADS: tuple[str, ...] = ("by", "words by", "reporting by")
#: A sentence byline may also be "Written by ...".
SENTENCE_BYLINE_LEADS: tuple[str, ...] = ("written by",)
#: Regexes for what may follow the names: ", Local Democracy Reporter", "| BBC News",
#: "and Ana Lima", "in Lisbon". A sentence byline may also say "at ...".
BYLINE_JOINERS: tuple[str, ...] = (",", r"\|", r"\band\b", r"\bin\b")
#: Regex of a dateline's place in capitals, with an optional region: "SANTA RITA, Calif.".
DATELINE_PLACE = r"[A-Z][A-Z'.\- ]{1,40}(?:,\s*[A-Z][A-Za-z.\- ]{1,30})?"


# ---------------------------------------------------------------------------------------------
# Paragraph level: complete lines only.

_PARAGRAPH_FURNITURE = re.compile(
    rf"^(?:{_ADVERTISEMENT}|advert|{_SPONSORED}|"
    rf"share|{_SHARE_THIS}(?: article| story)?|{_SHARE_ON} (?:facebook|twitter|x)|"
    rf"{_READ_MORE}(?::.*)?|{_RELATED}(?: articles| stories)?:?.*|"
    rf"(?:please )?{_SUBSCRIBE}\b.*|(?:{_either(CALLS_TO_ACTION)})\b.*|"
    r"skip to (?:content|main).*|"
    rf"(?:{_either(CAPTION_LABELS)})s?\s*:.*|{_GETTY} images|©.*|{_COPYRIGHT}\b.*|"
    rf"{_ALL_RIGHTS_RESERVED}\.?|loading\.*|comments?)$",
    re.IGNORECASE,
)
# Case matters here: "By" or "BY" and capitalised names, so "by the way, ..." stays.
_PARAGRAPH_BYLINE = re.compile(
    rf"^(?:{_either(lead.capitalize() for lead in BYLINE_LEADS)}|BY)\s+"
    r"[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}"
    rf"(?:\s*(?:{_either(BYLINE_JOINERS)})\s*.{{0,60}})?$"
)
#: An inline dateline opening the first paragraph: "LISBON, March 3 (Reuters) - ...",
#: "WASHINGTON (AP) — ...": a place, an optional date and agency, then a dash; the body
#: follows.
INLINE_DATELINE = re.compile(
    rf"^(?P<place>{DATELINE_PLACE})"
    r"(?:,\s*(?P<date>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Za-z]{3,9}(?:\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))?\s*(?P<dash>[-–—]+)\s+(?=\S)"
)


def is_boilerplate_paragraph(paragraph: str) -> bool:
    """A byline or a complete furniture line ("Share this article", "Photo: ...").

    Only the whole line counts: a paragraph that merely opens like furniture may be
    reporting, and a dropped paragraph is lost to summaries, quotes and figures alike.
    """
    return bool(_PARAGRAPH_BYLINE.match(paragraph) or _PARAGRAPH_FURNITURE.match(paragraph))


# ---------------------------------------------------------------------------------------------
# Sentence level: how a sentence opens is enough.

_SENTENCE_CAPTION = re.compile(
    rf"^\s*(?:{_either(CAPTION_LABELS + SENTENCE_CAPTION_LABELS)})s?\s*[:|]",
    re.IGNORECASE,
)
_CREDIT = re.compile(rf"\b(?:{_either(CREDIT_WORDS)})s?\b", re.IGNORECASE)
_SENTENCE_FURNITURE = re.compile(
    rf"^\s*(?:(?:{_either(SENTENCE_OPENERS)})\b|"
    rf"{_RELATED}(?: stories| articles| coverage)?:|{_ADVERTISEMENT}\s*$|"
    rf"(?:{_COPYRIGHT}\s*)?(?:©|\(c\))|{_COPYRIGHT}\s+\d|"
    rf"(?:{_either(TIMESTAMP_LABELS)})\s*(?::|(?:on\s+|at\s+)?\d))",
    re.IGNORECASE,
)
# The lead in either case ("by Helen Marsh."), names with either apostrophe, a final stop.
_SENTENCE_BYLINE = re.compile(
    rf"^\s*(?:{_either_initial_case(BYLINE_LEADS)}|BY|"
    rf"{_either_initial_case(SENTENCE_BYLINE_LEADS)})\s+"
    r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    rf"(?:\s*(?:{_either(BYLINE_JOINERS)}|\bat\b)\s*[^.!?]{{0,60}})?\.?\s*$"
)
# A dateline left alone as a "sentence": "SANTA RITA, Calif." or "LONDON (Reuters) -".
_SENTENCE_DATELINE = re.compile(rf"^\s*{DATELINE_PLACE}\s*(?:\([^)]{{1,30}}\))?\s*[-–—:]*\s*$")
# Nothing but digits, punctuation or symbols: "***", "12:40", "|".
_WORDLESS = re.compile(r"^[^A-Za-z\u00C0-\uFFFF]*$")


def has_credit(text: str) -> bool:
    """Whether ``text`` ends with a short bracketed photo credit: "... (Getty Images)"."""
    stripped = text.rstrip()
    if not stripped.endswith(")"):
        return False
    opening = stripped.rfind("(")
    return (
        opening >= 0 and len(stripped) - opening <= 60 and bool(_CREDIT.search(stripped, opening))
    )


def is_boilerplate_sentence(text: str) -> bool:
    """Captions, credits, bylines, datelines, share/subscribe lines and wordless scraps.

    Such a sentence stays in the article, where quotes and figures may still use it, but
    never enters a summary, so a furniture-like opening is enough.
    """
    return bool(
        _WORDLESS.match(text)
        or _SENTENCE_CAPTION.match(text)
        or has_credit(text)
        or _SENTENCE_FURNITURE.match(text)
        or _SENTENCE_BYLINE.match(text)
        or _SENTENCE_DATELINE.match(text)
    )
