"""Direct quotations and who said them, by rules (no model, no network).

The reader of ``/quotes`` wants the words exactly as printed and a name they can
trust, so this module prefers to miss a quotation rather than invent one:

1. Quote marks are paired inside each paragraph (curly, straight, low-high,
   guillemets; single quotes only ever nest). A mark that never closes is
   dropped unless the next paragraph opens with the same mark, which is how a
   quotation runs over several paragraphs.
2. Each quotation is attributed from the words around it: ``“…,” X said``,
   ``said X``, ``X said: “…”``, ``“A,” she said, “B.”`` (one quotation), and
   a quotation embedded in a sentence (``called it “the enemy”``) is partial.
3. Speakers are resolved with a small entity memory: a surname maps back to the
   fullest name used in the article, a role noun (“the minister”) to the last
   person given that role, a pronoun to the last person mentioned.
4. Titles, names of organisations or operations in quote marks, and short
   scare quotes without a speech verb are not quotations.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from summarizer.model import Article, Quote, Span

# --------------------------------------------------------------------------- lexicon


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SPEECH_VERBS = _words(
    """
    say says said saying tell tells told telling add adds added adding
    call calls called calling describe describes described describing
    state states stated note notes noted noting explain explains explained explaining
    insist insists insisted argue argues argued arguing claim claims claimed
    warn warns warned warning write writes wrote declare declares declared
    announce announces announced ask asks asked reply replies replied
    respond responds responded continue continues continued recall recalls recalled
    acknowledge acknowledged admit admits admitted remark remarked stress stresses
    stressed emphasise emphasised emphasize emphasized tweet tweeted post posted
    urge urges urged urging vow vows vowed promise promises promised promising
    confirm confirms confirmed deny denies denied complain complained
    suggest suggests suggested predict predicted quip quipped joke joked joking
    shout shouted exclaim exclaimed whisper whispered concede conceded conclude concluded
    observe observed comment commented dub dubbed dubbing label labelled labeled
    brand branded branding term termed accuse accuses accused accusing
    answer answered insisting adding saying telling writes reiterated reiterate
    reveal reveals revealed remarks quoted
    """
)
# Verbs that introduce an embedded (partial) quotation as a name for something.
_PARTICIPLES = _words(
    "saying adding telling calling describing noting insisting urging warning "
    "dubbing branding accusing explaining joking promising"
)
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
_TITLES = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "dr": "",
    "prof": "",
    "professor": "",
    "rev": "",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
}
_ROLES = _words(
    """
    president vice-president minister secretary secretary-general chancellor premier
    governor mayor director chief executive ceo chairman chairwoman chair chairperson
    coach manager captain judge prosecutor lawyer attorney inspector councillor councilor
    senator congressman congresswoman lawmaker deputy leader head ambassador
    commissioner economist analyst scientist professor researcher physician doctor
    epidemiologist goalkeeper striker defender midfielder founder owner official officer
    representative spokesman spokeswoman spokesperson king queen prince princess pope
    challenger businessman businesswoman candidate teammate boss principal detective
    sergeant constable commander colonel admiral marshal reviewer editor correspondent
    presenter actor actress filmmaker singer writer author activist campaigner
    superintendent sheriff envoy diplomat negotiator adviser advisor strategist
    """
)
_LEADERS = _words("president premier chancellor leader head king queen")
_GENDERED_ROLES = {
    "spokesman": "m",
    "spokeswoman": "f",
    "chairman": "m",
    "chairwoman": "f",
    "businessman": "m",
    "businesswoman": "f",
    "congressman": "m",
    "congresswoman": "f",
    "actor": "m",
    "actress": "f",
}
_PARTICLES = _words("van von de der den da di du del della la le bin al el ibn dos das do")
_STOP = _words(
    """
    the a an and but or so if in on at as by for from to of with after before when while
    since during earlier later meanwhile however also then this that these those there here
    he she it they we i you his her its their our my your asked speaking according under
    over about both all some one two three many most few several no not yesterday today
    tomorrow monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december last next
    what who why how where which once until despite instead even just only still yet
    accepting standing asked separately elsewhere overall instead nevertheless nonetheless
    indeed finally now again
    """
)
# A capitalised run holding one of these names an organisation or a place, not a person.
_NOT_PERSON = _words(
    """
    ministry council union university party bank court government agency commission
    office police army parliament committee association federation network institute
    organization organisation group company corporation inc ltd news times post street
    road river sea ocean valley city town republic kingdom states nations initiative
    operation project programme program register festival league club fc cup airlines
    air school schools museum hospital europe africa asia america
    """
)
# A name right after these words is an object ("second to Leonard Scott"), not a subject.
_OBJECT_CUES = _words("to of for with at by from on in about against over into than like beat")
_SUBJECT_CUES = _words(
    "and but while when as because that who after before then also so although though where"
)
_DETERMINERS = _words("the a an his her its their our")
_ADVERBS = _words(
    "also later then has had have would will again further simply once previously "
    "recently reportedly quickly bluntly firmly only still repeatedly earlier"
)
_ABBREVIATIONS = _words("mr mrs ms dr prof st gen sen rep gov lt col jr sr no vs")

# --------------------------------------------------------------------------- marks

_OPENERS = {"“": "”", "„": "“”", "«": "»", '"': '"'}
_MARKS = re.compile('[“”„«»"]')
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\w\-]*|[,:;]")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»“)\]]*(?=\s+[^\sa-z]|\s*$)")
_MASK = "\x01"
_MAX_GAP_WORDS = 12


@dataclass(slots=True)
class _Piece:
    paragraph: int
    open: int  # index of the opening mark
    close: int  # index of the closing mark, or len(paragraph) when it runs on


@dataclass(slots=True)
class _Unit:
    """One quotation in the making: its pieces and what is known about it."""

    pieces: list[_Piece]
    speaker: str | None = None
    cue: str | None = None
    partial: bool = False
    attributed: bool = False
    keep: bool = True
    merged: bool = False
    joined: list[_Unit] = field(default_factory=list)


def _is_open_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _is_close_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def _pair_marks(paragraphs: tuple[str, ...]) -> list[list[_Piece]]:
    """Quotation pieces, chained when a quotation goes on past a sentence or paragraph.

    Linear in the text: a search for a closing mark stops at the next opening
    mark of the same kind, and the scan resumes there, so a paragraph of ten
    thousand stray marks costs one pass. A mark that never closes is dropped,
    unless the quotation goes on: the paragraph ends and the next one opens with
    the same mark (a quotation over several paragraphs), or a sentence ends and
    the same mark opens again at once (the same, with the paragraphs run together).
    """
    chains: list[list[_Piece]] = []
    pending: list[_Piece] | None = None
    for p, text in enumerate(paragraphs):
        marks = [m.start() for m in _MARKS.finditer(text)]
        carried = pending
        pending = None
        if carried is not None:
            opener = paragraphs[carried[0].paragraph][carried[0].open]
            if not (marks and marks[0] == _lead(text) and _same_family(text[marks[0]], opener)):
                carried = None
        k = 0
        while k < len(marks):
            i = marks[k]
            mark = text[i]
            if mark in "”»" or (mark == '"' and not _is_open_straight(text, i)):
                carried = None
                k += 1
                continue
            closers = _OPENERS[mark]
            close: int | None = None
            j = k + 1
            while j < len(marks):
                at = marks[j]
                c = text[at]
                if c in closers and (c != '"' or _is_close_straight(text, at)):
                    close = at
                    break
                if _same_family(c, mark) and (c != '"' or _is_open_straight(text, at)):
                    break  # the same kind of mark opens again: this one never closed
                j += 1
            chain = carried or []
            carried = None
            if close is not None:
                chains.append([*chain, _Piece(p, i, close)])
                k = j + 1
                continue
            if j >= len(marks):
                if text[i + 1 :].strip():
                    pending = [*chain, _Piece(p, i, len(text))]
                break
            head = text[i + 1 : marks[j]]
            if head.rstrip().endswith((".", "!", "?", "…")) and head[-1:].isspace():
                carried = [*chain, _Piece(p, i, marks[j])]
            k = j
    return chains


def _same_family(a: str, b: str) -> bool:
    """Marks that open the same kind of quotation."""
    curly = "“„"
    return a == b or (a in curly and b in curly)


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


# --------------------------------------------------------------------------- text helpers


def _mask(text: str, regions: list[tuple[int, int]]) -> str:
    """``text`` with every quotation (marks included) blanked out, offsets kept."""
    if not regions:
        return text
    out: list[str] = []
    last = 0
    for a, b in regions:
        a = max(a, last)
        out.append(text[last:a])
        end = max(min(b + 1, len(text)), a)
        out.append(_MASK * (end - a))
        last = end
    out.append(text[last:])
    return "".join(out)


def _boundaries(text: str, masked: str, regions: list[tuple[int, int]]) -> list[int]:
    """Sentence ends outside quotations, plus quotations that end a sentence."""
    ends: list[int] = []
    for m in _BOUNDARY.finditer(masked):
        head = masked[: m.start()].rsplit(None, 1)
        word = head[-1].lower().strip(_MASK) if head else ""
        if m.group().startswith(".") and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        ends.append(m.end())
    for a, b in regions:
        if b >= len(text):
            ends.append(len(text))
            continue
        inner = text[a + 1 : b].rstrip()
        rest = text[b + 1 :]
        if inner.endswith((".", "…")) and (not rest.strip() or re.match(r"\s+[^\sa-z]", rest)):
            ends.append(b + 1)
    return sorted(set(ends))


class _Tok:
    """One word (or , : ;) of a paragraph with its offset; ``low``/``cap`` precomputed."""

    __slots__ = ("cap", "low", "start", "text")

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.start = start
        self.low = text.lower()
        self.cap = text[:1].isupper()


def _tokens(text: str, offset: int = 0) -> list[_Tok]:
    return [_Tok(m.group(), m.start() + offset) for m in _WORD.finditer(text)]


class _Words:
    """Tokens of a stretch of a masked paragraph, made only where a quotation needs them."""

    def __init__(self, masked: list[str]) -> None:
        self.masked = masked
        # Many quotations share one sentence: tokenise each stretch once, not once per quote.
        self._cache: dict[tuple[int, int, int], list[_Tok]] = {}
        self._index: dict[int, tuple[list[int], list[int], list[int]]] = {}

    def between(self, p: int, a: int, b: int) -> list[_Tok]:
        key = (p, a, b)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        a = max(a, 0)
        text = self.masked[p]
        while 0 < a < len(text) and (text[a - 1].isalnum() or text[a - 1] in "'’-"):
            a -= 1  # never start inside a word
        toks = [_Tok(m.group(), m.start()) for m in _WORD.finditer(text, a, max(a, b))]
        self._cache[key] = toks
        return toks

    def speech_index(self, toks: list[_Tok]) -> tuple[list[int], list[int], list[int]]:
        """Speech verbs, their start offsets and "according to" positions of a token list.

        Keyed by identity: the lists come from :meth:`between`, which keeps them alive.
        """
        key = id(toks)
        cached = self._index.get(key)
        if cached is None:
            verbs = [i for i, t in enumerate(toks) if t.low in _SPEECH_VERBS]
            according = [
                i
                for i in range(len(toks) - 1)
                if toks[i].low == "according" and toks[i + 1].low == "to"
            ]
            cached = (verbs, [toks[i].start for i in verbs], according)
            self._index[key] = cached
        return cached


def _is_possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


# --------------------------------------------------------------------------- entity memory


@dataclass(slots=True)
class _RoleEvent:
    position: tuple[int, int]
    person: str
    head: str
    modifiers: frozenset[str]


@dataclass(slots=True)
class _Memory:
    """Who is who in one article: full names, roles, genders and mentions in order."""

    full_names: list[tuple[tuple[str, ...], tuple[int, int]]] = field(default_factory=list)
    roles: list[_RoleEvent] = field(default_factory=list)
    mentions: list[tuple[tuple[int, int], str]] = field(default_factory=list)
    objects: set[tuple[int, int]] = field(default_factory=set)
    gender: dict[str, str] = field(default_factory=dict)
    votes: dict[str, list[str]] = field(default_factory=dict)

    def canonical(self, name: tuple[str, ...], position: tuple[int, int]) -> str:
        """The fullest form of ``name`` used in the article (ties: the nearest before)."""
        best: tuple[str, ...] = name
        best_pos: tuple[int, int] | None = None
        candidates = [(f, p) for f, p in self.full_names if f[-len(name) :] == name]
        if not candidates and len(name) == 1:
            # "Sir Digby" after "Sir Digby Jones": a first name stands for the full name.
            candidates = [(f, p) for f, p in self.full_names if len(f) > 1 and f[0] == name[0]]
            if len({f for f, _ in candidates}) == 1:
                return " ".join(candidates[0][0])
            return name[0]
        for full, pos in candidates:
            if len(full) < len(name):
                continue
            if len(full) > len(best) or (
                len(full) == len(best)
                and best_pos is not None
                and pos <= position
                and (best_pos > position or pos > best_pos)
            ):
                best, best_pos = full, pos
            elif best_pos is None and len(full) == len(best):
                best_pos = pos
        return " ".join(best)

    def resolve_role(
        self, head: str, modifiers: frozenset[str], position: tuple[int, int]
    ) -> str | None:
        best: tuple[int, tuple[int, int], str] | None = None
        for event in self.roles:
            if event.position > position:
                continue
            same = event.head == head or (head in _LEADERS and event.head in _LEADERS)
            if head == "minister" and event.head == "minister":
                same = True
            if not same:
                continue
            score = _overlap(modifiers, event.modifiers)
            if modifiers and event.modifiers and score == 0 and _is_specific(modifiers):
                continue
            key = (score, event.position, event.person)
            if best is None or key[:2] > best[:2]:
                best = key
        return best[2] if best else None

    def resolve_pronoun(self, gender: str, position: tuple[int, int]) -> str | None:
        """The last person of that gender mentioned, preferring one named as a subject.

        "He told the programme Go Digital ... He said" means the first speaker, not
        the programme: nearby mentions after a preposition or a noun come second.
        """
        fallback: str | None = None
        for pos, person in reversed(self.mentions):
            if pos >= position:
                continue
            known = self.gender.get(person, "")
            if known and known != gender:
                continue
            near = pos[0] >= position[0] - 1
            if pos not in self.objects or not near:
                return fallback if fallback is not None and not near else person
            if fallback is None:
                fallback = person
        return fallback


def _stem(word: str) -> str:
    return word.lower().rstrip("'’s")[:6]


def _overlap(a: frozenset[str], b: frozenset[str]) -> int:
    sa = {_stem(w) for w in a}
    sb = {_stem(w) for w in b}
    return len(sa & sb)


def _is_specific(modifiers: frozenset[str]) -> bool:
    """Whether a role's modifiers single out one holder ("the Norland leader")."""
    return any(m[:1].isupper() for m in modifiers)


def _initial_or_title(word: str) -> bool:
    return len(word) == 1 or word.lower() in _TITLES or word.lower() in _ABBREVIATIONS


def _split_name(words: list[str]) -> tuple[list[str], list[str], str]:
    """(role words, name words, gender from a title) of one capitalised run."""
    gender = ""
    cut = 0
    for idx, word in enumerate(words):
        low = word.lower().rstrip(".")
        if (
            low in _ROLES
            or low in _TITLES
            or ("-" in low and low.split("-")[-1] in _ROLES)
            or (low == "general" and idx > 0 and words[idx - 1].lower() in _ROLES)
        ):
            cut = idx + 1
            gender = _TITLES.get(low, gender) or _GENDERED_ROLES.get(low, gender)
    role, name = words[:cut], words[cut:]
    while name and name[0].lower() in _STOP:
        name = name[1:]
    if name and _is_possessive(name[-1]):
        name = [*name[:-1], name[-1][:-2]]  # "Gordon Brown's" names Gordon Brown
    return role, name, gender


def _upper_class() -> str:
    """A regex character class of every uppercase letter (``re`` has no ``\\p{Lu}``)."""
    ranges: list[str] = []
    start = prev = -2
    for code in range(0x250):
        if chr(code).isupper():
            if code != prev + 1:
                if start >= 0:
                    ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
                start = code
            prev = code
    ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
    return "".join(ranges) + "\u0386-\u03ab\u0400-\u042f"


_UPPER = _upper_class()
_CAP_WORD = re.compile(rf"(?<![\w'’\-])[{_UPPER}][\w'’\-]*")
_NAME_GAP = re.compile(r"\s+(?:(?:" + "|".join(sorted(_PARTICLES)) + r")\s+){0,2}|\.\s*")
# One pass finds what the entity memory needs: pronouns, "the" (role nouns) and capitalised words.
_SCAN = re.compile(
    rf"(?<![\w'’\-])(?:([Hh](?:e|is|im))(?![\w'’\-])|([Ss]he|[Hh]ers?)(?![\w'’\-])"
    rf"|([Tt]he)\s|[{_UPPER}][\w'’\-]*)"
)
_THE_TAIL = re.compile(r"([\w'’\-]+)(?:\s+([\w'’\-]+))?(?:\s+([\w'’\-]+))?(?:\s+of\s+([\w\-]+))?")
_OWNED_OBJECT = re.compile(r"\b(?:of|for|at|to|with|from|by|in|on)\s+[\w\-]+['’]s\s*$")
_LAST_WORD = re.compile(r"([\w'’\-]+|[,:;])\s*$")


def _cap_runs(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, list[str]]]:
    """(start, end, words) of capitalised name-like runs: "Jean-Luc Moreau", "Sophie van Dijk".

    ``words`` are the capitalised words of ``text`` as (start, end, word). A run
    stops after a possessive ("Kenya's Daniel Kiprop" gives two runs) and crosses
    a full stop only after an initial or a title ("Dr. Mori").
    """
    runs: list[tuple[int, int, list[str]]] = []
    current: list[str] = []
    start = end = 0
    for w_start, w_end, word in words:
        if current:
            gap = text[end:w_start]
            if (
                _NAME_GAP.fullmatch(gap) is not None
                and not _is_possessive(current[-1])
                and ("." not in gap or _initial_or_title(current[-1]))
            ):
                current.extend(gap.replace(".", " ").split())
                current.append(word)
                end = w_end
                continue
            runs.append((start, end, current))
        current, start, end = [word], w_start, w_end
    if current:
        runs.append((start, end, current))
    return runs


def _role_after_the(text: str, at: int) -> list[str]:
    """The role phrase after "the" at ``at``: "finance minister", "head" + "of Venezuela"."""
    m = _THE_TAIL.match(text, at)
    if m is None:
        return []
    words = [w for w in m.groups()[:3] if w]
    for k, word in enumerate(words):
        if word.lower() not in _ROLES:
            if not word[:1].isalpha():
                return []
            continue
        while k + 1 < len(words) and words[k + 1].lower() in _ROLES:
            k += 1
        role = words[: k + 1]
        if k == len(words) - 1 and m.group(4) and m.group(4)[:1].isupper():
            role = [*role[:-1], m.group(4), role[-1]]
        return role
    return []


def _role_before(text: str, start: int) -> list[str]:
    """Lowercase role words right before a name: "federation president" Jean-Luc Moreau."""
    lo = max(0, start - 60)
    window = _tokens(text[lo:start], lo)
    if not window or window[-1].low not in _ROLES:
        return []
    if text[window[-1].start + len(window[-1].text) : start].strip():
        return []
    words: list[str] = []
    for tok in reversed(window):
        if len(words) >= 3 or tok.low in _STOP or tok.low in _SPEECH_VERBS or tok.text in ",:;":
            break
        words.insert(0, tok.text)
    return words


def _appositive_role(text: str, start: int, end: int) -> list[str]:
    """Role words set off by commas next to a name: "X, the mayor," or "the mayor, X,"."""
    rest = text[end : end + 120]
    if rest.startswith(","):
        words: list[str] = []
        for tok in _tokens(rest[1:]):
            if tok.text in ",;:" or len(words) >= 7:
                break
            words.append(tok.text)
        if words and (words[0].lower() in _DETERMINERS or _is_possessive(words[0])):
            role = _role_in(words)
            if role:
                return role
    head = text[max(0, start - 120) : start].rstrip()
    if head.endswith(","):
        words = []
        for tok in reversed(_tokens(head[:-1])):
            if tok.text in ",;:" or len(words) >= 8:
                break
            words.insert(0, tok.text)
        if words:
            return _role_in(words)
    return []


def _build_memory(masked: list[str]) -> _Memory:
    memory = _Memory()
    singles: list[tuple[tuple[int, int], str]] = []
    pronoun_events: list[tuple[tuple[int, int], str]] = []
    the_at: list[tuple[int, int]] = []
    for p, text in enumerate(masked):
        capitals: list[tuple[int, int, str]] = []
        for m in _SCAN.finditer(text):
            if m.group(1):
                pronoun_events.append(((p, m.start()), "m"))
            elif m.group(2):
                pronoun_events.append(((p, m.start()), "f"))
            elif m.group(3):
                the_at.append((p, m.end()))
            else:
                capitals.append((m.start(), m.end(), m.group()))
        for start, end, run in _cap_runs(text, capitals):
            role, name, gender = _split_name(run)
            pos = (p, start)
            if not name or any(w.lower() in _NOT_PERSON for w in name):
                continue
            previous = _LAST_WORD.search(text, max(0, start - 40), start)
            before_word = previous.group(1).lower() if previous else ""
            after_stop = previous is None or before_word in _STOP
            if (
                before_word in _OBJECT_CUES
                or _OWNED_OBJECT.search(text, max(0, start - 40), start) is not None
            ) or (
                before_word.isalpha()
                and before_word.islower()
                and before_word not in _SUBJECT_CUES
                and before_word not in _ROLES
                and before_word not in _SPEECH_VERBS
            ):
                memory.objects.add(pos)
            if not role and "the" in (run[0].lower(), previous and previous.group(1).lower()):
                continue  # "the Millennium Dome", "The Liberal Democrats": not a person
            if len(name) == 1 and not role and after_stop:
                singles.append((pos, name[0]))
                continue
            lower_role = _role_before(text, start) if before_word in _ROLES else []
            appositive = _appositive_role(text, start, end)
            role_words = [*lower_role, *role] if role or lower_role else appositive
            key = tuple(name)
            if len(name) >= 2 or role_words:
                memory.full_names.append((key, pos))
                if role_words:
                    head = role_words[-1].lower()
                    if "-" in head and head.split("-")[-1] in _ROLES and head not in _ROLES:
                        head = head.split("-")[-1]
                    mods = frozenset(w for w in role_words[:-1] if w.lower() not in _DETERMINERS)
                    memory.roles.append(_RoleEvent(pos, " ".join(key), head, mods))
                    gender = gender or _GENDERED_ROLES.get(head, "")
                if gender:
                    memory.gender.setdefault(" ".join(key), gender)
            singles.append((pos, " ".join(name)))
    # Role nouns ("the governor rejected ...") mention the last holder of the role.
    for p, at in the_at:
        role_words = _role_after_the(masked[p], at)
        if role_words:
            holder = _from_role(role_words, memory, (p, at))
            if holder is not None:
                singles.append(((p, at), holder))
    # Mentions: only names known as people (full names, or their surnames).
    suffixes = {full[k:] for full, _ in memory.full_names for k in range(len(full))}
    for pos, mention in sorted(singles):
        parts = tuple(mention.split())
        if parts in suffixes:
            memory.mentions.append((pos, memory.canonical(parts, pos)))
    memory.mentions.sort()
    _vote_genders(memory, pronoun_events)
    return memory


def _role_in(words: list[str]) -> list[str]:
    """The role phrase in ``words``: "the mission's chief scientist" -> mission chief scientist."""
    head_at = -1
    for idx, word in enumerate(words):
        low = word.lower()
        if low == "of":
            break
        if low in _ROLES:
            head_at = idx
    if head_at < 0:
        return []
    mods = []
    of_part = []
    if head_at + 1 < len(words) and words[head_at + 1].lower() == "of":
        of_part = [w for w in words[head_at + 2 :] if w[:1].isupper()]
    for word in words[:head_at]:
        if word.lower() in _DETERMINERS:
            continue
        mods.append(word.rstrip("'’s") if _is_possessive(word) else word)
    return [*mods, *of_part, words[head_at]]


def _vote_genders(memory: _Memory, pronouns: list[tuple[tuple[int, int], str]]) -> None:
    """A pronoun soon after a person's mention, before anyone else's, hints their gender."""
    if not memory.mentions:
        return
    votes: dict[str, dict[str, int]] = {}
    m = 0
    for pos, gender in pronouns:
        while m + 1 < len(memory.mentions) and memory.mentions[m + 1][0] < pos:
            m += 1
        mpos, person = memory.mentions[m]
        if mpos < pos and mpos[0] >= pos[0] - 1:
            votes.setdefault(person, {}).setdefault(gender, 0)
            votes[person][gender] += 1
    for person, counts in votes.items():
        if person not in memory.gender:
            memory.gender[person] = max(counts, key=lambda g: counts[g])


# --------------------------------------------------------------------------- attribution


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: str | None
    cue: str
    found_subject: bool


def _resolve_segment(
    toks: list[_Tok], memory: _Memory, position: tuple[int, int], masked: str
) -> tuple[str | None, bool]:
    """Speaker named by a noun phrase: (canonical name or None, whether it named anyone)."""
    toks = [t for t in toks if t.text not in ",;:"]
    while toks and toks[-1].low in _ADVERBS:
        toks = toks[:-1]
    if not toks:
        return None, False
    last = toks[-1]
    if last.low in _PRONOUNS or last.low in ("they", "it", "i", "we"):
        gender = _PRONOUNS.get(last.low)
        if gender is None:
            return None, True
        return memory.resolve_pronoun(gender, (position[0], last.start)), True
    # Trailing capitalised name, possibly after role words.
    k = len(toks)
    while k > 0 and (
        (toks[k - 1].cap and toks[k - 1].text[0].isalpha())
        or (toks[k - 1].low in _PARTICLES and k < len(toks) and toks[k].cap)
    ):
        k -= 1
        if _is_possessive(toks[k].text) and k < len(toks) - 1:
            k += 1
            break
    if k < len(toks):
        words = [t.text for t in toks[k:]]
        if words[-1].lower() in _NOT_PERSON:
            # "Rail and Transport Union": an organisation may hold "and"/"of".
            while k >= 2 and toks[k - 1].low in ("and", "of", "for") and toks[k - 2].cap:
                k -= 2
                while k > 0 and toks[k - 1].cap and toks[k - 1].low not in _STOP:
                    k -= 1
            words = [t.text for t in toks[k:] if t.low not in _STOP or t.low in ("and", "of")]
            while words and words[0].lower() in _STOP:
                words = words[1:]
            return " ".join(words) or None, bool(words)
        if k > 0 and toks[k - 1].low in ("of", "for", "at", "in", "from"):
            earlier = _known_person_in(toks[: k - 1], memory, position)
            if earlier is not None:
                return earlier, True
            role = _role_in([t.text for t in toks[max(0, k - 6) :]])
            if role:
                return _from_role(role, memory, position), True
        role, name, _ = _split_name(words)
        if name and not _is_possessive(words[-1]):
            if len(name) == 1 and (name[0].lower() in _STOP or name[0].endswith("ly")):
                return None, False  # "Separately, the Bundesbank warned": an adverb
            return memory.canonical(tuple(name), position), True
        if role:
            return _from_role(role, memory, position), True
    role = _role_in([t.text for t in toks[-8:]])
    if role and role[-1].lower() == toks[-1].low:
        return _from_role(role, memory, position), True
    return None, False


def _leading_phrase(toks: list[_Tok]) -> list[_Tok]:
    """The noun phrase a clause starts with: names, determiners, role words, a pronoun."""
    out: list[_Tok] = []
    for tok in toks:
        if tok.low in _PRONOUNS and not out:
            return [tok]
        if (tok.cap and tok.text[0].isalpha()) or tok.low in _DETERMINERS or tok.low in _ROLES:
            out.append(tok)
            continue
        if tok.low in _PARTICLES or (tok.low == "of" and out):
            out.append(tok)
            continue
        break
    return out


def _known_person_in(toks: list[_Tok], memory: _Memory, position: tuple[int, int]) -> str | None:
    """The last capitalised run in ``toks`` that names a person the article introduced."""
    runs: list[list[str]] = []
    current: list[str] = []
    for tok in toks:
        if (tok.cap and tok.text[0].isalpha()) or (current and tok.low in _PARTICLES):
            current.append(tok.text)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    for run in reversed(runs):
        _, name, _ = _split_name(run)
        words = tuple(name)
        if words and any(full[-len(words) :] == words for full, _ in memory.full_names):
            return memory.canonical(words, position)
    return None


def _from_role(role: list[str], memory: _Memory, position: tuple[int, int]) -> str | None:
    head = role[-1].lower()
    if "-" in head and head.split("-")[-1] in _ROLES and head not in _ROLES:
        head = head.split("-")[-1]
    mods = frozenset(role[:-1])
    return memory.resolve_role(head, mods, position)


def _subject_before(
    toks: list[_Tok], memory: _Memory, position: tuple[int, int], masked: str
) -> tuple[str | None, bool]:
    """Speaker from the words before a speech verb, skipping appositives between commas."""
    segments: list[list[_Tok]] = [[]]
    for tok in toks:
        if tok.text == ",":
            segments.append([])
        else:
            segments[-1].append(tok)
    segments = [s for s in segments if s]
    fallback: tuple[str | None, bool] = (None, False)
    for seg in reversed(segments[-3:]):
        # "the health minister", "58", "who chairs ...", "director general of ...": a description.
        appositive = not (seg[0].cap or seg[0].low in _PRONOUNS) or seg[0].low in _DETERMINERS
        speaker, found = _resolve_segment(seg, memory, position, masked)
        if found and speaker is not None and not appositive:
            return speaker, True
        if found and not fallback[1]:
            fallback = (speaker, True)
        if not appositive and (speaker is not None or not found):
            break
    return fallback


def _speaker_after_verb(
    toks: list[_Tok], memory: _Memory, position: tuple[int, int], masked: str
) -> tuple[str | None, bool]:
    """Speaker right after an inverted verb: said Rovers manager Sarah Keane, ..."""
    phrase: list[_Tok] = []
    for tok in toks:
        if tok.text in ",;:" or (phrase and tok.low in ("who", "which", "as", "on", "in", "at")):
            break
        phrase.append(tok)
        if len(phrase) >= 7:
            break
    # Stop the phrase at the end of the name: "said Dr Hannah Weiss an ..." has a comma anyway.
    return _resolve_segment(phrase, memory, position, masked)


def _after_attribution(
    toks: list[_Tok], memory: _Memory, position: tuple[int, int], masked: str
) -> _Attribution | None:
    """``“…,” X said`` / ``“…,” said X`` in the words after a closing mark."""
    if toks and toks[0].text == ",":
        toks = toks[1:]
    for v, tok in enumerate(toks[:_MAX_GAP_WORDS]):
        if tok.low not in _SPEECH_VERBS or tok.low in _PARTICIPLES:
            if tok.text in ";:" or (tok.low in ("that", "because") and v > 0):
                return None
            continue
        if v == 0:
            speaker, found = _speaker_after_verb(toks[1:], memory, position, masked)
            return _Attribution(speaker, tok.low, found)
        speaker, found = _subject_before(toks[:v], memory, position, masked)
        if not found:
            return None
        cue = tok.low
        return _Attribution(speaker, cue, True)
    return None


def _before_attribution(
    toks: list[_Tok], memory: _Memory, position: tuple[int, int], masked: str
) -> _Attribution | None:
    """``X said: “…”`` / ``X added, “…”`` in the words before an opening mark."""
    for v in range(len(toks) - 1, max(-1, len(toks) - 1 - 2 * _MAX_GAP_WORDS), -1):
        tok = toks[v]
        if tok.low not in _SPEECH_VERBS:
            continue
        if tok.low in _PARTICIPLES and not any(t.cap for t in toks[:v] if t.low not in _STOP):
            return _Attribution(None, tok.low, False)
        speaker, found = _subject_before(toks[:v], memory, position, masked)
        if not found and v > 0 and toks[v - 1].low == "and":
            # "Mrs Parker Bowles said ... and added:" - the clause's subject.
            lead = _leading_phrase(toks[:v])
            speaker, found = _resolve_segment(lead, memory, position, masked)
        if not found and v + 1 < len(toks):
            speaker, found = _speaker_after_verb(toks[v + 1 :], memory, position, masked)
        return _Attribution(speaker, tok.low, found)
    return None


def _sentence_attribution(
    toks: list[_Tok],
    quote_at: int,
    memory: _Memory,
    position: tuple[int, int],
    masked: str,
    words: _Words,
) -> _Attribution | None:
    """For an embedded quotation: cue = nearest speech verb before it, speaker = subject."""
    verbs, starts, according = words.speech_index(toks)
    if not verbs and not according:
        return None
    before = verbs[: bisect_left(starts, quote_at)]
    cue_at = before[-1] if before else (verbs[0] if verbs else -1)
    if according and (cue_at < 0 or (according[0] < cue_at and not before)):
        speaker, found = _speaker_after_verb(toks[according[0] + 2 :], memory, position, masked)
        return _Attribution(speaker, "according to", found)
    if according and toks[according[0]].start < quote_at:
        speaker, found = _speaker_after_verb(toks[according[0] + 2 :], memory, position, masked)
        if found:
            return _Attribution(speaker, toks[cue_at].low, True)
    cue = toks[cue_at].low
    for v in verbs:
        lo = v
        while lo > 0 and toks[lo - 1].low not in ("that", "and", "but", "while"):
            lo -= 1
        while lo > 1 and toks[lo - 1].low == "and" and toks[lo].cap and toks[lo - 2].cap:
            lo -= 1  # "the Rail and Transport Union said"
            while lo > 0 and toks[lo - 1].low not in ("that", "and", "but", "while"):
                lo -= 1
        subject = toks[lo:v]
        if subject and subject[0].text == "," and len(subject) > 1:
            subject = subject[1:]
        if not subject:
            if v + 1 < len(toks) and toks[v + 1].low == "by":
                speaker, found = _speaker_after_verb(toks[v + 2 :], memory, position, masked)
                if found:
                    return _Attribution(speaker, cue, True)
            continue
        speaker, found = _subject_before(subject, memory, position, masked)
        if found:
            return _Attribution(speaker, cue, True)
        if toks[v].low in _PARTICIPLES:
            # "Holloway hit back, saying ...": the clause's own subject speaks.
            speaker, found = _resolve_segment(_leading_phrase(subject), memory, position, masked)
            if found:
                return _Attribution(speaker, cue, True)
        if v + 1 < len(toks) and toks[v + 1].low == "by":
            speaker, found = _speaker_after_verb(toks[v + 2 :], memory, position, masked)
            if found:
                return _Attribution(speaker, cue, True)
    return _Attribution(None, cue, False)


# --------------------------------------------------------------------------- classification


def _looks_like_title(words: list[str]) -> bool:
    """“Great Mission of Youth of Venezuela”, “Operation Yellow Harvest”: a name, not speech."""
    content = [w for w in words if w.lower() not in _STOP or w[:1].isupper()]
    content = [w for w in content if w[:1].isalpha()]
    if len(content) < 2:
        return False
    capital = sum(1 for w in content if w[:1].isupper())
    small = sum(1 for w in words if w.lower() in ("of", "the", "and", "for", "at", "on", "in"))
    return capital == len(content) and small <= len(words) // 2 + 1


_END_PUNCT = ".!?…"


def _clean_piece(text: str, start: int, end: int, *, last: bool, partial: bool) -> tuple[int, int]:
    """Trim spaces, the comma that hands over to the attribution, a partial's final stop."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    drop = ",;:" if not (last and partial) else ",;:."
    while end > start and text[end - 1] in drop:
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """Every direct quotation in ``article``, in article order, with its speaker.

    ``text`` is the words between the marks; the comma that hands over to the
    attribution is dropped, and so is the final full stop of a partial quotation
    (“the enemy of humanity.” -> ``the enemy of humanity``). ``speaker`` is the
    fullest form of the name used in the article, or ``None`` when nobody can be
    named (“a spokesman said”). ``cue`` is the speech verb as written, lowercased
    (“said”, “told”, “called”, “according to”); a quotation that carries on after
    an attributed one, with no verb of its own, takes that one's speaker and cue.
    """
    paragraphs = article.paragraphs
    chains = _pair_marks(paragraphs)
    if not chains:
        return ()
    regions: list[list[tuple[int, int]]] = [[] for _ in paragraphs]
    for chain in chains:
        for piece in chain:
            regions[piece.paragraph].append((piece.open, piece.close))
    for r in regions:
        r.sort()
    masked = [_mask(text, regions[p]) for p, text in enumerate(paragraphs)]
    bounds = [
        _boundaries(text, masked[p], regions[p]) if regions[p] else []
        for p, text in enumerate(paragraphs)
    ]
    words = _Words(masked)
    memory = _build_memory(masked)
    units = [_Unit(chain) for chain in chains]
    units.sort(key=lambda u: (u.pieces[0].paragraph, u.pieces[0].open))

    for n, unit in enumerate(units):
        _attribute(unit, n, units, paragraphs, masked, bounds, regions, memory, words)

    quotes: list[Quote] = []
    for unit in units:
        if not unit.keep or unit.merged:
            continue
        pieces = [*unit.pieces]
        for other in unit.joined:
            pieces.extend(other.pieces)
        spans: list[Span] = []
        texts: list[str] = []
        for idx, piece in enumerate(pieces):
            text = paragraphs[piece.paragraph]
            a, b = _clean_piece(
                text,
                piece.open + 1,
                piece.close,
                last=idx == len(pieces) - 1,
                partial=unit.partial,
            )
            if a < b:
                spans.append(Span(piece.paragraph, a, b))
                texts.append(text[a:b])
        if not spans:
            continue
        quotes.append(Quote(" ".join(texts), unit.speaker, unit.cue, unit.partial, tuple(spans)))
    return tuple(quotes)


def _sentence_bounds(bounds: list[int], at: int, length: int) -> tuple[int, int]:
    """(start, end) of the sentence holding offset ``at``; ``bounds`` is sorted."""
    k = bisect_right(bounds, at)
    lo = bounds[k - 1] if k > 0 else 0
    hi = bounds[k] if k < len(bounds) else length
    return lo, hi


def _region_before(regions: list[tuple[int, int]], at: int) -> int:
    """End (past the closing mark) of the last quotation closing before ``at``, else 0."""
    k = bisect_left(regions, (at, -1))
    return regions[k - 1][1] + 1 if k > 0 and regions[k - 1][1] < at else 0


def _region_after(regions: list[tuple[int, int]], at: int, default: int) -> int:
    """Start of the first quotation opening after ``at``."""
    k = bisect_right(regions, (at, len(regions) + 1 << 40))
    return regions[k][0] if k < len(regions) else default


def _attribute(
    unit: _Unit,
    n: int,
    units: list[_Unit],
    paragraphs: tuple[str, ...],
    masked: list[str],
    bounds: list[list[int]],
    regions: list[list[tuple[int, int]]],
    memory: _Memory,
    words: _Words,
) -> None:
    if unit.merged:
        return
    first, last = unit.pieces[0], unit.pieces[-1]
    p0, p1 = first.paragraph, last.paragraph
    text0, text1 = paragraphs[p0], paragraphs[p1]
    inner_words = [
        w
        for piece in unit.pieces
        for w in paragraphs[piece.paragraph][piece.open + 1 : piece.close].split()
    ]
    inner_last = text1[last.open + 1 : last.close].rstrip()
    ends_sentence = inner_last.endswith(tuple(_END_PUNCT))
    ends_stop = inner_last.endswith((".", "…"))
    position = (p0, first.open)

    # Context before the opening mark, inside its sentence and after any earlier quotation.
    lo, _ = _sentence_bounds(bounds[p0], first.open, len(text0))
    prev_end = _region_before(regions[p0], first.open)
    before_text = masked[p0][max(lo, prev_end) : first.open]
    before = words.between(p0, max(lo, prev_end), first.open)
    # Context after the closing mark, up to the sentence end or the next quotation.
    after: list[_Tok] = []
    if last.close < len(text1) and not ends_stop:
        _, hi = _sentence_bounds(bounds[p1], last.close + 1, len(text1))
        next_open = _region_after(regions[p1], last.close, len(text1))
        after = words.between(p1, last.close + 1, min(hi, next_open))

    stripped = before_text.strip().strip(_MASK).strip()
    first_inner = text0[first.open + 1 : first.open + 3].lstrip()
    opens_sentence = (
        not stripped
        or (stripped[-1] in ":," and _has_verb(before))
        or (stripped[-1] == "," and first_inner[:1].isupper())
    )
    if not stripped and prev_end > 0 and prev_end > lo:
        opens_sentence = True
    colon_lead = stripped.endswith(":")

    if not opens_sentence and stripped and not (colon_lead and not _has_verb(before)):
        _attribute_partial(unit, p0, first, paragraphs, masked, bounds, memory, inner_words, words)
        return

    attribution = _after_attribution(after, memory, (p1, last.close), masked[p1]) if after else None
    if attribution is not None:
        _join_split(unit, n, units, paragraphs, masked, last, after)
    if attribution is None and stripped:
        attribution = _before_attribution(before, memory, position, masked[p0])
    if attribution is None and not stripped and p0 > 0 and first.open == _lead(text0):
        prev = paragraphs[p0 - 1].rstrip()
        closes_last = bool(regions[p0 - 1]) and regions[p0 - 1][-1][1] >= len(prev) - 1
        if prev.endswith(":") and not closes_last:
            prev_bounds = bounds[p0 - 1] or _plain_bounds(prev)
            lo_prev, _ = _sentence_bounds(prev_bounds, len(prev) - 1, len(prev))
            toks = words.between(p0 - 1, lo_prev, len(prev))
            attribution = _before_attribution(toks, memory, (p0 - 1, lo_prev), masked[p0 - 1])
    if attribution is not None and (attribution.found_subject or attribution.speaker):
        unit.speaker, unit.cue, unit.attributed = attribution.speaker, attribution.cue, True
    elif attribution is not None and attribution.cue in _PARTICIPLES:
        unit.cue = attribution.cue
        prior = _previous_attributed(n, units, p0)
        unit.speaker = prior.speaker if prior else None
        unit.attributed = True
    elif attribution is not None:
        unit.speaker, unit.cue, unit.attributed = None, attribution.cue, True
    else:
        told = _previous_sentence(unit, n, units, masked, bounds, memory, words, lo)
        source: _Unit | _Attribution | None = told or _previous_attributed(n, units, p0)
        if source is not None:
            unit.speaker, unit.cue, unit.attributed = source.speaker, source.cue, True
    if _looks_like_title(inner_words) and not ends_sentence:
        unit.keep = False
        return
    if not unit.attributed:
        unit.keep = len(inner_words) >= 5 and ends_sentence


def _plain_bounds(text: str) -> list[int]:
    return [m.end() for m in _BOUNDARY.finditer(text)]


def _has_verb(toks: list[_Tok]) -> bool:
    return any(t.low in _SPEECH_VERBS for t in toks) or any(
        a.low == "according" and b.low == "to" for a, b in pairwise(toks)
    )


def _previous_sentence(
    unit: _Unit,
    n: int,
    units: list[_Unit],
    masked: list[str],
    bounds: list[list[int]],
    memory: _Memory,
    words: _Words,
    lo: int,
) -> _Unit | _Attribution | None:
    """Who speaks in the sentence just before an unattributed quotation.

    ``Knapman said the rebate was "set in stone". "There is no reason to ..."``:
    the earlier quotation (even a partial one) or the speech verb's subject.
    """
    p = unit.pieces[0].paragraph
    if lo > 0:
        a, b = _sentence_bounds(bounds[p], lo - 1, lo)
    elif p > 0 and masked[p - 1].strip():
        p -= 1
        text = masked[p]
        plain = bounds[p] or _plain_bounds(text)
        a, b = _sentence_bounds(plain, max(0, len(text.rstrip()) - 1), len(text))
    else:
        return None
    for k in range(n - 1, max(-1, n - 4), -1):
        other = units[k]
        last = other.pieces[-1]
        if last.paragraph == p and a <= last.close < b and other.keep and not other.merged:
            return other if other.speaker is not None else None
    toks = words.between(p, a, b)
    found = _sentence_attribution(toks, b, memory, (p, a), masked[p], words)
    if found is not None and found.speaker is not None and found.cue != "according to":
        return found
    return None


def _previous_attributed(n: int, units: list[_Unit], paragraph: int) -> _Unit | None:
    """The quotation just before, when it is in this paragraph or the one before."""
    for k in range(n - 1, max(-1, n - 6), -1):
        other = units[k]
        if other.merged or not other.keep:
            continue
        if other.pieces[-1].paragraph < paragraph - 1:
            return None
        if other.attributed and not other.partial:
            return other
        return None
    return None


def _join_split(
    unit: _Unit,
    n: int,
    units: list[_Unit],
    paragraphs: tuple[str, ...],
    masked: list[str],
    last: _Piece,
    after: list[_Tok],
) -> None:
    """“A,” she said, “B.”: the second piece belongs to the same quotation."""
    if n + 1 >= len(units):
        return
    nxt = units[n + 1]
    piece = nxt.pieces[0]
    if piece.paragraph != last.paragraph:
        return
    text = paragraphs[last.paragraph]
    inner = text[last.open + 1 : last.close].rstrip()
    gap = masked[last.paragraph][last.close + 1 : piece.open]
    if not inner.endswith(",") and text[last.close + 1 : last.close + 2] != ",":
        return
    if not gap.rstrip().endswith(",") or any(ch in gap for ch in ".!?;:"):
        return
    if not after or after[-1].start + len(after[-1].text) > piece.open:
        return
    following = text[piece.open + 1 : piece.close].lstrip()
    if following[:1].isupper() and not following.startswith("I "):
        return
    nxt.merged = True
    unit.joined.append(nxt)


def _attribute_partial(
    unit: _Unit,
    p: int,
    piece: _Piece,
    paragraphs: tuple[str, ...],
    masked: list[str],
    bounds: list[list[int]],
    memory: _Memory,
    inner_words: list[str],
    words: _Words,
) -> None:
    text = paragraphs[p]
    unit.partial = True
    if len(unit.pieces) > 1 or (_looks_like_title(inner_words) and len(inner_words) < 12):
        unit.keep = False
        return
    if len(inner_words) == 1 and inner_words[0][:1].isupper():
        unit.keep = False  # a single capitalised word in running text: a name
        return
    lo, hi = _sentence_bounds(bounds[p], piece.open, len(text))
    toks = words.between(p, lo, hi)
    attribution = _sentence_attribution(toks, piece.open, memory, (p, piece.open), masked[p], words)
    if attribution is None:
        unit.keep = False
        return
    unit.speaker, unit.cue, unit.attributed = attribution.speaker, attribution.cue, True
