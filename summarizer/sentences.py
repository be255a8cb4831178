"""Sentence boundaries that work straight after ``pip install`` (no NLTK data).

Provisional rule set; see ``bench/golden_rules.py`` for the score it must reach.
"""

from __future__ import annotations

import re

from summarizer.language import language_name

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st gen col lt sgt rep sen gov pres inc ltd co corp vs etc jan feb "
    "mar apr jun jul aug sep sept oct nov dec no fig u.s u.k e.g i.e a.m p.m".split()
)
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, stripped of spaces."""
    language_name(language)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        word = text[start : match.start()].rsplit(None, 1)
        last = word[-1].lower().rstrip(".") if word else ""
        if match.group().startswith(".") and last in _ABBREVIATIONS:
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    result: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            result.append((a, b))
    return result


def split_sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of ``text``, verbatim, in order."""
    return [text[a:b] for a, b in sentence_spans(text, language)]
