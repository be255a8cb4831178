"""Sentence boundaries from rules alone: no model, no data download, linear time.

A boundary is a run of terminal punctuation (``. ! ? …``, spaced ``. . .``) followed by
whitespace, possibly after closing quotes or brackets, and accepted by the rules below:

* **Quotations and brackets are atomic.** No sentence ends inside a balanced “…”, "…",
  «…», ‘…’ or (…) pair: ``“We won… all of it,” she said.`` is one sentence. A pair only
  counts within one paragraph and a bounded distance, so a stray opening mark cannot
  swallow the rest of the text.
* **Abbreviations** come from per-language tables: titles (``Mr.``, ``Dr.``) never end a
  sentence; other abbreviations (``Co.``, ``U.S.``, ``a.m.``, ``Jan.``) end one only before a
  typical sentence starter (``It``, ``The``, ``How``...); number prefixes (``No.``, ``p.``)
  never end one before a number; single capitals are initials (``J. K. Rowling``).
* A lower-case word, a number after a non-word (``N°. 12``) or a comma never starts a
  sentence; decimals, URLs and e-mail addresses have no whitespace after their dots.
* Ellipses: ``...``/``…`` end a sentence before a capital; a spaced `` . . . `` is an
  omission inside one; ``word. . . . Next`` is a period followed by an ellipsis.
* Numbered and lettered lists (``1.``, ``2.)``, ``a.``, ``b.``) and bullets (``•``) start a
  sentence when the markers run in sequence.
* Blank lines (and U+2029) always end a sentence; a single line break is ordinary
  whitespace (hard-wrapped text), except before a bullet or list marker.

Other languages plug in through :data:`RULES` (a :class:`SentenceRules` per ISO code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.language import language_name

__all__ = ["GENERIC_RULES", "RULES", "SentenceRules", "sentence_spans", "split_sentences"]

_TERMINALS = ".!?‽…"
_STRONG = "!?‽"
# Closing and opening marks of the quotation styles of English, Spanish and Russian.
_CLOSERS = "\"'”’“»›)]"
_OPENERS = "\"'“‘„«‹([¿¡"

# A run of terminal punctuation (possibly ". . ." with single spaces), then closing marks,
# then whitespace or the end. It only starts at the beginning of a run, and the possessive
# quantifiers keep the scan linear on long runs of dots or quote marks. "[...]" and "(...)"
# are omission marks, not ends.
_CANDIDATE = re.compile(
    rf"(?<![{_TERMINALS}\[(])(?<![{_TERMINALS}] )"
    rf"(?P<run>[{_TERMINALS}](?:[ ]?[{_TERMINALS}])*+)"
    rf"[{re.escape(_CLOSERS)}]*+(?=\s|\Z)"
)
# What follows a candidate: whitespace, opening marks, then the next word (bounded).
_NEXT = re.compile(
    rf"\s*+(?P<open>[{re.escape(_OPENERS)}]*+)"
    rf"(?P<word>[^\s{re.escape(_TERMINALS + _CLOSERS)},;:]{{0,32}})"
)
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*+\n|\u2029")
_BULLETS = "•⁃‣◦▪●"
# Bullets after whitespace, and "- item" / "1. item" at the start of a line.
_FORCED_START = re.compile(
    rf"(?<=\s)[{_BULLETS}]|(?<=\n)[^\S\n]*+(?=[-*+][^\S\n]|\d{{1,3}}[.)][^\S\n])"
)
# "1." "2.)" "3)" "a." with an optional bullet in front, standing alone as a word.
_LIST_MARKER = re.compile(
    rf"(?<!\S)(?P<bullet>[{_BULLETS}]\s*+)?"
    r"(?:(?P<number>\d{1,3})|(?P<letter>[a-z]))(?P<punct>\.\)|\.|\))(?=\s)"
)
_NUMBER = re.compile(r"\d[\d,.]*")
_ACRONYM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
_LEADING_MARKS = "\"'“‘„«‹([{¿¡"
_TRAILING_MARKS = "\"'”’“»›)]}"
_DOUBLE_MAX = 1000
_SINGLE_MAX = 400
_BRACKET_MAX = 400
_WORD_WINDOW = 48
_OPEN_CONTEXT = "([{“‘«‹—–-/"
_NESTING = "(["


@dataclass(frozen=True, slots=True)
class SentenceRules:
    """The language-specific part of sentence splitting; the algorithm is shared.

    Abbreviation tables hold lower-case words without their final period.
    ``quote_pairs`` maps an opening mark to its closing mark and how far (in characters)
    a quotation may extend; ``symmetric_quotes`` are marks used both ways (``"``, ``'``);
    ``apostrophes`` are closing marks that inside a word are apostrophes (``’``);
    ``capital_words`` are one-letter capitals that are words, not initials (English ``I``).
    """

    titles: frozenset[str]
    abbreviations: frozenset[str]
    number_prefixes: frozenset[str]
    sentence_starters: frozenset[str]
    quote_pairs: tuple[tuple[str, str, int], ...]
    symmetric_quotes: tuple[tuple[str, int], ...] = (('"', _DOUBLE_MAX), ("'", _SINGLE_MAX))
    apostrophes: frozenset[str] = frozenset("’")
    capital_words: frozenset[str] = frozenset()
    # Derived lookup tables, compiled once per language.
    marks: re.Pattern[str] = field(init=False, repr=False, compare=False)
    opening: dict[str, int] = field(init=False, repr=False, compare=False)
    closing: dict[str, str] = field(init=False, repr=False, compare=False)
    symmetric: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        opening = {o: limit for o, _, limit in self.quote_pairs}
        closing = {c: o for o, c, _ in self.quote_pairs}
        chars = set(opening) | set(closing) | {q for q, _ in self.symmetric_quotes}
        pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
        object.__setattr__(self, "marks", pattern)
        object.__setattr__(self, "opening", opening)
        object.__setattr__(self, "closing", closing)
        object.__setattr__(self, "symmetric", dict(self.symmetric_quotes))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ENGLISH = SentenceRules(
    titles=_words(
        "mr mrs ms messrs mme mlle dr prof rev hon gen sen rep gov lt col capt cpl sgt maj "
        "adm cmdr brig pres supt insp det st vs"
    ),
    abbreviations=_words(
        "inc ltd co corp bros llc plc cie etc al jr sr esq approx est dept govt univ assn "
        "assoc ave blvd rd hwy mt ft fr jan feb mar apr jun jul aug sep sept oct nov dec "
        "mon tue tues thu thur thurs fri km kg lb lbs oz hr hrs yr yrs min mins "
        "cf viz ca ibid intl natl"
    ),
    number_prefixes=_words("no nos nr art arts fig figs vol vols p pp ch chap sec sect para op ed"),
    sentence_starters=_words(
        "A An The This That These Those It Its He She We They I You His Her Our Their My Your "
        "There Here But And Or So Yet However Meanwhile Then Now Still Also Thus Instead "
        "What When Where Who Whom Why How Which While If In On At For As After Before Since "
        "Although Though Because Many Most Some Several Both All Each Every No Not One "
        "Such More Millions Being Did Does Do Is Are Was Were Has Have Had Can Could Will "
        "Would Should Must Please Today Yesterday Last Next"
    ),
    quote_pairs=(
        ("“", "”", _DOUBLE_MAX),
        ("«", "»", _DOUBLE_MAX),
        ("‹", "›", _SINGLE_MAX),
        ("‘", "’", _SINGLE_MAX),
        ("(", ")", _BRACKET_MAX),
        ("[", "]", _BRACKET_MAX),
    ),
    capital_words=frozenset("I"),
)

#: Sentence rules per ISO 639-1 code. A language that ``summarizer.language`` supports but
#: that has no entry here is split with :data:`GENERIC_RULES` (no abbreviation tables).
RULES: dict[str, SentenceRules] = {"en": _ENGLISH}

GENERIC_RULES = SentenceRules(
    titles=frozenset(),
    abbreviations=frozenset(),
    number_prefixes=frozenset(),
    sentence_starters=frozenset(),
    quote_pairs=_ENGLISH.quote_pairs,
)


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    ``text[start:end]`` is each sentence verbatim without surrounding whitespace; spans do
    not overlap and every non-whitespace character lies in exactly one of them.
    """
    language_name(language)
    rules = RULES.get(language, GENERIC_RULES)
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        _paragraph_spans(text, start, brk.start(), rules, spans)
        start = brk.end()
    _paragraph_spans(text, start, len(text), rules, spans)
    return spans


def split_sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of ``text``, verbatim, in order."""
    return [text[a:b] for a, b in sentence_spans(text, language)]


def _paragraph_spans(
    text: str, lo: int, hi: int, rules: SentenceRules, out: list[tuple[int, int]]
) -> None:
    """Append the sentences of ``text[lo:hi]`` (one paragraph) to ``out``."""
    if lo >= hi:
        return
    regions = _quoted_regions(text, lo, hi, rules)
    marker_ends, cuts = _list_markers(text, lo, hi)
    cuts.extend(m.start() for m in _FORCED_START.finditer(text, lo, hi))
    region = 0
    last_cut = lo
    for match in _CANDIDATE.finditer(text, lo, hi):
        end = match.end()
        if end in marker_ends:
            continue
        while region < len(regions) and regions[region][1] < end:
            region += 1
        if region < len(regions) and regions[region][0] < end:
            continue  # inside a quotation or brackets
        start = match.start()
        if start - last_cut < 16 and (start == last_cut or text[last_cut:start].isspace()):
            continue  # a leading ellipsis or stray mark does not make a sentence of its own
        cut = _decide(text, match, lo, hi, rules)
        if cut >= 0:
            cuts.append(cut)
            last_cut = cut
    previous = lo
    for cut in sorted(set(cuts)):
        _emit(text, previous, cut, out)
        previous = cut
    _emit(text, previous, hi, out)


def _emit(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    """Append ``text[a:b]`` stripped of whitespace, unless nothing is left."""
    if a >= b:
        return
    chunk = text[a:b]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if left < right:
        out.append((a + left, a + right))


def _decide(text: str, match: re.Match[str], lo: int, hi: int, rules: SentenceRules) -> int:
    """Where the candidate ``match`` ends a sentence, or -1 where it does not."""
    start, end = match.span()
    run = match.group("run")
    following = _NEXT.match(text, end, hi)
    assert following is not None  # the pattern matches the empty string
    word = following.group("word")
    after = following.end("open")
    if after >= hi:  # only opening-looking marks follow: keep a stray one with its sentence
        return -1 if following.group("open") else end
    first = word[0] if word else text[after]
    if first.islower() or first in ",;:":
        return -1
    if any(c in _STRONG for c in run):
        return end
    if len(run) > 1:  # an ellipsis, perhaps spaced, perhaps after a period
        spaced_before = start > lo and text[start - 1].isspace()
        if run == ". . ." and spaced_before:
            return -1  # " . . . " marks an omission inside the sentence
        if run.startswith(". ") and start > lo and not spaced_before:
            return start + 1  # "word. . . . Next": the period ends it, the ellipsis opens
        return -1 if first.isdigit() else end
    if match.end("run") < end or (start > lo and text[start - 1] in _TRAILING_MARKS):
        return end  # "(MS). A", "“…” . The": a closing mark is next to the period
    before, previous = _word_before(text, start, lo)
    lower = before.lower()
    if lower in rules.titles and not before.isupper():  # "Ms." but not "MS."
        return -1
    if first.isdigit():
        if lower in rules.number_prefixes or lower in rules.abbreviations:
            return -1
        plain_word = len(before) > 1 and before.isalpha()
        return end if plain_word or _NUMBER.fullmatch(before) else -1
    if len(before) == 1 and before.isalpha():
        if before.isupper():
            # An initial ("J. K. Rowling"), unless it is the pronoun after a lower-case word
            # ("you and I. Did") or a clear sentence starter follows ("World War I. But").
            if before in rules.capital_words and previous[:1].islower():
                return end
            return end if len(word) > 1 and word in rules.sentence_starters else -1
        return end if word in rules.sentence_starters else -1
    if lower in rules.abbreviations or _ACRONYM.fullmatch(before):
        return end if word in rules.sentence_starters else -1
    return end


def _word_before(text: str, position: int, lo: int) -> tuple[str, str]:
    """The word ending at ``position`` and the word before it, without quotes or brackets.

    Only a bounded window is read: a longer word is no abbreviation anyway.
    """
    if position <= lo or text[position - 1].isspace():
        return "", ""
    window = text[max(lo, position - _WORD_WINDOW) : position]
    parts = window.rsplit(None, 2)
    word = parts[-1].lstrip(_LEADING_MARKS).rstrip(_TRAILING_MARKS)
    previous = parts[-2].lstrip(_LEADING_MARKS) if len(parts) > 1 else ""
    return word, previous


def _quoted_regions(text: str, lo: int, hi: int, rules: SentenceRules) -> list[tuple[int, int]]:
    """Disjoint ``(open, close)`` regions where no sentence ends: ``open < end <= close``.

    Marks pair up within the paragraph and a per-mark distance. A quotation mark opened
    again before it closes drops the earlier, unbalanced one; brackets nest.
    """
    pairs: list[tuple[int, int]] = []
    pending: dict[str, list[int]] = {}
    opening, closing, symmetric = rules.opening, rules.closing, rules.symmetric
    for mark in rules.marks.finditer(text, lo, hi):
        i = mark.start()
        c = text[i]
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if c in symmetric:
            limit = symmetric[c]
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe or an inch mark
            if (before.isspace() or before in _OPEN_CONTEXT) and not after.isspace():
                pending[c] = [i]
            elif not before.isspace() and not after.isalnum():
                stack = pending.get(c)
                if stack:
                    o = stack.pop()
                    if i - o <= limit:
                        pairs.append((o, i))
            continue
        if c in opening:
            if before.isalnum():
                continue
            if c in _NESTING:
                pending.setdefault(c, []).append(i)
            else:
                pending[c] = [i]
            continue
        o_mark = closing[c]
        if c in rules.apostrophes and after.isalnum():
            continue  # don’t
        stack = pending.get(o_mark)
        if stack:
            o = stack.pop()
            if i - o <= opening[o_mark]:
                pairs.append((o, i))
    if not pairs:
        return pairs
    pairs.sort()
    merged = [pairs[0]]
    for a, b in pairs[1:]:
        last_a, last_b = merged[-1]
        if a < last_b:
            if b > last_b:
                merged[-1] = (last_a, b)
        else:
            merged.append((a, b))
    return merged


def _list_markers(text: str, lo: int, hi: int) -> tuple[set[int], list[int]]:
    """List markers that run in sequence: their ends (not sentence ends) and their starts.

    "1. a 2. b" counts when the run starts the paragraph or follows ``:``/``.``/a line
    break; a marker after a bullet always counts.
    """
    ends: set[int] = set()
    starts: list[int] = []
    runs: dict[tuple[bool, str], list[tuple[int, int, int]]] = {}
    for m in _LIST_MARKER.finditer(text, lo, hi):
        if m.group("bullet"):
            ends.add(m.end())
            starts.append(m.start())
            continue
        number = m.group("number")
        value = int(number) if number else ord(m.group("letter"))
        runs.setdefault((number is not None, m.group("punct")), []).append(
            (value, m.start(), m.end())
        )
    for markers in runs.values():
        i = 0
        while i < len(markers):
            j = i
            while j + 1 < len(markers) and markers[j + 1][0] == markers[j][0] + 1:
                j += 1
            if j > i and _opens_list(text, markers[i][1], lo):
                for _, a, b in markers[i : j + 1]:
                    ends.add(b)
                    starts.append(a)
            i = j + 1
    return ends, starts


def _opens_list(text: str, position: int, lo: int) -> bool:
    """Whether a list may start here: at the paragraph start, after a line break or ``:``."""
    window = text[max(lo, position - 64) : position]
    stripped = window.rstrip()
    if not stripped:
        return position - len(window) == lo or "\n" in window
    return "\n" in window[len(stripped) :] or stripped[-1] in ":.!?;"
