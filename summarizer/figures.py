"""Key figures: the numbers that matter, normalised, with what they count.

``extract_figures(article)`` reads every quantity of every sentence
(:func:`summarizer.numbers.find_quantities`), drops the numbers that are not figures
(ordinals, list numbering, street numbers, numbers inside names such as "Boeing 737" or
"Euro 2028", ages, times of day, decades, proportions such as "one in five", scores,
"two-time", an amount repeated in other units in brackets), tells dates and durations
apart, and names what each figure counts with what happened to it ("police strongholds
destroyed", "people detained") from the words around it. Sentences with neither a digit nor
a number word are skipped before any of that.

Conventions of the returned :class:`~summarizer.model.Figure`:

* counts: ``unit`` is the counted noun phrase as written ("police strongholds"), or None
  when the number stands alone ("injuring more than 300");
* money: ``unit`` is an ISO code where one is known (USD, EUR, GBP, CHF...), pence and
  cents are converted ("245p" -> 2.45 GBP); percentages: ``percent`` or
  ``percentage point``; measures and durations: a symbol (``km``, ``°C``, ``day``);
* dates: ``value`` is YYYYMMDD with 00 for an unknown month or day (``20211000`` is
  October 2021), a bare year is the year with ``unit="year"``; a date written without a
  year takes the year that puts it nearest the publication date;
* the publication date (``article.published``) is the first date, ``what="publication"``,
  ``evidence`` its ISO form and ``sentence=-1`` (the dateline is not part of the body).

Ranking rule (``Figure.score``, higher first)::

    score = weight(category) + 0.5 * (1 - sentence_index / sentence_count)

    casualties (killed, dead, injured, missing...)   5
    arrests (arrested, detained, jailed...)          4
    damage (destroyed, damaged, flooded, evacuated)  3
    money                                            2.5
    percentages                                      2
    counts of people                                 1.5
    other counts and measures                        1

so a casualty figure always ranks above an arrest figure, and so on, and within a category
an earlier figure (the lead states what matters) ranks first. Key figures (every kind but
date and duration) come first, by score; then dates and durations in article order.

Every rule here is hand-written because no maintained library does this job offline and
small: quantulum3 reads values and units (and is measured against, in
``bench/figures.py``) but knows nothing of what a number counts, of names or of dates, and
loads 20 MB of unit data; date parsers (dateparser, dateutil) find dates but not the
event they belong to, and would still need the year placed from the publication date.
Number words are valued by text2num (see :mod:`summarizer.numbers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from operator import attrgetter
from typing import Final, NamedTuple

from summarizer._head_weights import WEIGHTS as _HEAD_WEIGHTS
from summarizer.language import FULL_MONTHS, MONTHS
from summarizer.model import Article, Figure, FigureKind
from summarizer.numbers import NUMBER_WORDS as _NUMBER_WORDS
from summarizer.numbers import UNIT_KINDS, Quantity, find_quantities, quantities_of


def _words(text: str) -> list[str]:
    """A word list written as one string (easier to read and to extend than a list)."""
    return text.split()


# --------------------------------------------------------------------------- lexicons

_WEIGHTS: Final = {"casualty": 5.0, "arrest": 4.0, "damage": 3.0}
_MONEY_WEIGHT: Final = 2.5
_PERCENT_WEIGHT: Final = 2.0
_PEOPLE_WEIGHT: Final = 1.5
_OTHER_WEIGHT: Final = 1.0
_POSITION_WEIGHT: Final = 0.5

_CATEGORY_WORDS: Final = {
    "casualty": (
        "killed kill kills killing dead died die dies dying death deaths injured injuring "
        "injure injures injuries wounded wounding hurt missing casualties fatalities victims "
        "bodies drowned"
    ),
    "arrest": (
        "arrested arrest arrests arresting detained detain detains detaining detention custody "
        "jailed imprisoned charged convicted sentenced detainees prisoners"
    ),
    "damage": (
        "destroyed destroying destroy damaged damaging damage burned burnt looted collapsed "
        "flooded razed demolished displaced evacuated homeless"
    ),
}
_CATEGORY: Final = {w: c for c, words in _CATEGORY_WORDS.items() for w in words.split()}

_PEOPLE: Final = frozenset(
    _words(
        "people persons residents civilians protesters demonstrators soldiers servicemen troops "
        "officers policemen police children adults women men workers employees staff students "
        "passengers tourists migrants refugees patients voters fans miners firefighters rescuers "
        "nurses doctors teachers farmers prisoners detainees suspects members families households "
        "tenants customers delegates lobbyists criminals judges prosecutors applicants commuters "
        "drivers guards crew stewards mps lawmakers individuals victims survivors inhabitants "
        "citizens"
    )
)

# Verbs of news events, in any form, to the participle used in "what" ("killing" -> "killed").
# Only the participle and the gerund are taken for verbs after a noun ("grounds", "fines",
# "charges" are nouns as often as verbs).
_EVENT_VERBS: dict[str, str] = {}
_EVENT_PAST: set[str] = set()
for _line in (
    "kill killed kills killing",
    "injure injured injures injuring",
    "wound wounded wounds wounding",
    "arrest arrested arrests arresting",
    "detain detained detains detaining",
    "destroy destroyed destroys destroying",
    "damage damaged damages damaging",
    "evacuate evacuated evacuates evacuating",
    "displace displaced displaces displacing",
    "rescue rescued rescues rescuing",
    "employ employed employs employing",
    "hire hired hires hiring",
    "cut cut cuts cutting",
    "shed shed sheds shedding",
    "lose lost loses losing",
    "sell sold sells selling",
    "buy bought buys buying",
    "seize seized seizes seizing",
    "free freed frees freeing",
    "release released releases releasing",
    "deploy deployed deploys deploying",
    "send sent sends sending",
    "infect infected infects infecting",
    "treat treated treats treating",
    "affect affected affects affecting",
    "strand stranded strands stranding",
    "trap trapped traps trapping",
    "jail jailed jails jailing",
    "sentence sentenced sentences sentencing",
    "charge charged charges charging",
    "fine fined fines fining",
    "create created creates creating",
    "add added adds adding",
    "force forced forces forcing",
    "leave left leaves leaving",
    "carry carried carries carrying",
    "cancel cancelled cancels cancelling",
    "ground grounded grounds grounding",
    "close closed closes closing",
    "shoot shot shoots shooting",
    "hold held holds holding",
    "raise raised raises raising",
    "spend spent spends spending",
    "save saved saves saving",
    "pay paid pays paying",
    "invest invested invests investing",
    "win won wins winning",
    "attract attracted attracts attracting",
    "vaccinate vaccinated vaccinates vaccinating",
    "test tested tests testing",
    "confirm confirmed confirms confirming",
    "record recorded records recording",
    "burn burned burns burning",
    "flood flooded floods flooding",
    "loot looted loots looting",
):
    _forms = _line.split()
    for _form in _forms:
        _EVENT_VERBS[_form] = _forms[1]
    _EVENT_PAST.update((_forms[1], _forms[3]))

# Verbs that link a subject to a money figure or a percentage ("revenue slipped 4.5%").
_LINKING_VERBS: Final = frozenset(
    _words(
        "rose rise rises rising fell fall falls falling dropped drop drops slipped slip slips "
        "jumped jump jumps climbed climb climbs increased increase increases decreased grew grow "
        "grows reached reach reaches stood stands was were is are be been cost costs totalled "
        "totaled total eased ease slowed slow accelerated surged surge soared plunged plummeted "
        "declined decline gained gain lost narrowed widened peaked hit hits shrank expanded raised "
        "raises paid pay pays received receive spent spend spends earned made make makes offered "
        "offer approved approve pledged pledge promised promise released asked ask requested "
        "sought estimated estimate valued expects expected forecast put set sets save saves saved "
        "invest invests would will could contribute contributes contributed borrow borrowed owe "
        "owes owed bring brings brought reported posted wiped handed launched announced allocated "
        "earmarked said says told took began begins begin held opened ended started starts remain "
        "remains remained costing totalling worth amounts amount accounts account represents "
        "represent equals equal averages averaged comprises totals"
    )
)

# Words that never belong to the name of a counted thing.
_STOP: Final = frozenset(
    _words(
        "a an the this that these those its their his her our your my of in on at by for from to "
        "with without into onto over under about around and or but nor as than then so if when "
        "while where which who whom whose what how why is are was were be been being am has have "
        "had having do does did will would shall should can could may might must not no also still "
        "only just even more most less least very much many some any all each every both either "
        "neither other others another such own same it they them he she we you i there here up "
        "down out off again further once per according including since until till during before "
        "after ago last next second third this among between against via alone each roughly nearly "
        "almost around approximately estimated respectively just within across along behind below "
        "above beyond near toward towards upon whereas however although though because yet already "
        "now today yesterday tomorrow aged"
    )
)
_AUXILIARIES: Final = frozenset(
    _words(
        "were was are is have has had been be being will would remain remained remains still also "
        "reportedly later subsequently reported all now already have"
    )
)
_STATES: Final = frozenset(_words("missing dead injured wounded hurt homeless unaccounted"))
_PARTICLES: Final = frozenset(_words("down away up out off over"))
_IRREGULAR_PAST: Final = frozenset(
    _words(
        "died fell rose left lost won took spent fled hit shot held sold bought made paid sent cut "
        "shed brought drew gave grew ran kept went came became met stood struck fought found "
        "thrown taken given shown seen known grown drawn held begun done gone set put beaten "
        "stolen hidden broken driven caught bitten frozen chosen spoken written risen fallen "
        "sworn torn worn shaken proven"
    )
)
_NOT_VERBS: Final = frozenset(
    _words(
        "need red bed shed hundred seed speed feed breed deed greed bled led fed wed sled shred "
        "indeed united limited hundred advanced"
    )
)
_CLAUSE_BREAKS: Final = frozenset(
    [
        ",",
        ";",
        ":",
        "(",
        ")",
        "—",
        "–",
        '"',
        "“",
        "”",
        "while",
        "whereas",
        "but",
        "which",
        "who",
        "whom",
        "after",
        "when",
        "because",
        "although",
        "though",
        "and",
    ]
)

_MONTHS: Final = MONTHS
_MONTH: Final = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY: Final = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR: Final = r"(?:1[89]\d\d|20\d\d)"
_DATE_RE: Final = re.compile(
    rf"(?:(?P<md_month>{_MONTH})\s+(?P<md_day>{_DAY})(?:\s*(?:-|–|and|to)\s*(?P<md_day2>{_DAY}))?"
    rf"(?:,?\s+(?P<md_year>{_YEAR}))?"
    rf"|(?P<dm_day>{_DAY})(?:\s*(?:-|–|and|to)\s*(?P<dm_day2>{_DAY}))?\s+(?P<dm_month>{_MONTH})"
    rf"(?:,?\s+(?P<dm_year>{_YEAR}))?"
    rf"|(?P<my_month>{_MONTH})\s+(?P<my_year>{_YEAR}))(?![\w])",
    re.IGNORECASE,
)
_ISO_DATE: Final = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")

_YEAR_WORDS: Final = frozenset(
    _words(
        "in since by until till from of before after during between to and through year the early "
        "due "
        "late mid fiscal around about spring summer autumn fall winter"
    )
) | frozenset(_MONTHS)
_STREET: Final = re.compile(
    r"^\s+(?:[A-Z][\w'’.-]*\s+){1,3}?(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Way|Boulevard|"
    r"Blvd|Square|Sq|Drive|Dr|Place|Pl|Gardens|Court|Ct|Park|Terrace|Crescent|Close|Row|"
    r"Highway|Hwy|Plaza|Parade|Walk|Hill|Quay|Embankment|Strasse|Straße)\b"
    r"|^\s+(?:Rua|Rue|Calle|Via|Avenida|Avenue|Corso|Piazza|Plac|Ulica)\s+[A-Z]"
)
_NOT_NAMES: Final = (
    frozenset(
        _words(
            "About Some Nearly Around Over More In On By Since Until At From Between Only "
            "Just Another All The Of And Up To Almost Roughly Approximately Fewer Less Under "
            "With An A Its Their His Her Our My Your These Those This That Each Every Both "
            "Another Latest Further Additional Other First Last Nearly"
        )
    )
    | frozenset(m.capitalize() for m in _MONTHS)
    | frozenset(
        _words(
            "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Exactly Than Estimated "
            "Killed Injured Wounded"
        )
    )
)
_CLOCK: Final = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_ZONE_AFTER: Final = re.compile(r"\s?(?:GMT|UTC|BST|CET|EST|EDT|PST|local time|hours|hrs)\b")
_AGE_WORDS: Final = frozenset({"aged", "age", "ages"})
# "since I was nine", "her grandmother, who is 91,", "She is 11.": a person's age
_AGE_COPULA: Final = re.compile(
    r"\b(?:I|[Hh]e|[Ss]he|[Ww]ho|youngest|oldest)\s+(?:was|is|am|turned|turns)\s+$"
)
_AGE_END: Final = frozenset(',.;:)"”')
_AND_AFTER: Final = re.compile(r"\s+(?:and|but|when|I)\s")  # "He was 24 and he had"
# "the upper age limit was raised to 50 in 2022", "the average age at first marriage rose to
# 38.6 for men": a bare number in a clause about age is an age
_AGE_CLAUSE: Final = re.compile(r"\b[Aa]ges?\b[^,;:()\"“”]{0,60}$")
_AFTER_AN_AGE: Final = re.compile(
    r"\s*(?:[,.;:)]|$|(?:for|in|from|to|and|or|between|by|on|at|until|since|than|with|"
    r"last|this|next)\b)"
)
# "category 1", "type 2 diabetes", "a section 114 notice", "stage 17": a label, not a count
_LABEL_WORDS: Final = frozenset(
    _words("category type tier section stage phase grade level class article chapter clause")
)
_RETIRE_AT: Final = re.compile(r"\bretir(?:e|es|ed|ing|ement)\s+at\s+$", re.IGNORECASE)
_AGE_AFTER_NAME: Final = re.compile(
    r"(?:[A-Z](?:[^\W\d_A-Z]|['’-])+"  # "Haddad", "Zieliński", "Gómez"
    # "the injured man, 41,", "Kim's former chief of staff, 49,": a person, then an age
    r"|\b(?:man|woman|boy|girl|teenager|driver|mother|father|son|daughter|wife|husband|officer|"
    r"worker|victim|suspect|pilot|player|chief of staff|spokesman|spokeswoman|resident|"
    r"student|pensioner|farmer|nurse|doctor|soldier|owner|partner|brother|sister"
    r"|\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z-]+\s+){0,2}[a-z]+(?:er|or|ist|ian|ant|ent)))"
    r",\s$"
)
_TIME_NEAR: Final = re.compile(r"^\s?[:.]\d\d\b")
_TIME_MARKS: Final = frozenset(":.")
_HAS_DIGIT: Final = re.compile(r"\d")
_ANY_DIGIT: Final = re.compile(r"[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
_WORD: Final = re.compile(r"[a-z]+")
_MAX_SHARED: Final = 5000  # find_quantities reads the first 5,000 characters of a sentence
_NUMBER_WORD_SET: Final = frozenset(_NUMBER_WORDS) | {"zero", "dozen", "gross", "half"}
_LAST_WORD: Final = re.compile(r"[A-Za-z]+|\S")
_CAPITAL_AFTER: Final = re.compile(r"\s+[A-Z][a-z]")
_YEAR_AFTER: Final = re.compile(r"\s*(?:[,.;:)]|$|and\b|to\b|-)")
_VERB_AFTER_YEAR: Final = re.compile(
    r"\s+(?:was|were|is|are|would|will|has|had|could|adds|on|in|at|after|before)\b"
)
_OCLOCK: Final = re.compile(r"\s*o['’]clock\b")
# a span of time with a word between number and unit ("three consecutive weeks"), or in
# nights; the plain ones ("three weeks") are read by summarizer.numbers
_DURATION_AFTER: Final = re.compile(
    r"\s+(?:(?:(?:more|consecutive|straight|successive|working|Earth|extra|further|full|good)"
    r"\s+)+(seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|seasons?)"
    r"|(nights?))\b"
)
_DURATION_UNITS: Final = {
    "second": "s",
    "minute": "min",
    "hour": "h",
    "day": "day",
    "night": "night",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "season": "season",
}
# nouns a year names the edition or time of ("a 2019 report", "below 2019 levels"), with
# up to two words between ("its 2025 economic growth forecast")
_YEAR_NOUN_AFTER: Final = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?:report|reports|study|survey|census|levels?|forecasts?|"
    r"budgets?|targets?|estimates?|figures|data|season|elections?|review|accounts|"
    r"guidance|peak|edition|championships?|tournament|campaign|manifesto|plans?|bills|"
    r"ridership|results|deadline)\b"
)
_PHONE_WORDS: Final = frozenset(_words("call dial dials dialled dialed dialling hotline helpline"))
_PHONE_AFTER: Final = re.compile(r"\s*(?:[,.;:)]|$|(?:or|and|for|if|from|to)\b)")
_PAR_AFTER: Final = re.compile(r"\s+(?:under|over)\s+par\b")
_EVENT_AFTER: Final = re.compile(
    r"\s+(?:individual\s+medley|medley|freestyle|backstroke|breaststroke|butterfly|hurdles|"
    r"steeplechase|relay|final|semi-finals?|heats?|race|walk|world record|title)\b"
)
_EVENT_BEFORE: Final = re.compile(
    r"(?:\b(?:men|women|boys|girls)['’]s|\bthe|\bin)\s+$", re.IGNORECASE
)
# a year compared with, at the end of its clause ("22% below 2019."), not a count
_BEFORE_A_YEAR: Final = frozenset(("below", "above", "around", "close to"))
_UNTIL_BEFORE: Final = re.compile(r"\b(?:until|till|before|by|from)\s+(?:at least|as early as)\s+$")
_RATE: Final = re.compile(r"\s+(a|an|per|each)\s+([a-z]+)")
_LIST_CLOSE: Final = re.compile(r"[.)\]](?:\s|$)")
_SPACED_TOKEN: Final = re.compile(
    r"\s*(?:[^\W\d_](?:[^\W\d_]+|['’-])*|\d+(?:[,.]\d+)*|[^\sA-Za-z\d])"
)
# the same tokens for text without accents ("café", "Bürger"), three times faster
_SPACED_ASCII_TOKEN: Final = re.compile(
    r"\s*(?:[A-Za-z][A-Za-z'’-]*|\d+(?:[,.]\d+)*|[^\sA-Za-z\d])"
)


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str


_START: Final = attrgetter("start")


@dataclass(slots=True)
class _Found:
    """A figure before ranking: its quantity reading and where it sits."""

    value: float
    upper: float | None
    qualifier: str | None
    unit: str | None
    kind: FigureKind
    start: int  # evidence span inside the sentence
    end: int
    sentence: int
    what: str = ""
    noun: str = ""  # the counted noun phrase right after the number, if any
    category: str | None = None
    rate: str = ""  # "1,450 euros a month": the unit's "per" part, part of the evidence
    times: bool = False  # "five times more likely", "11 times": a multiplier or occasions


# --------------------------------------------------------------------------- public API


def extract_figures(article: Article, *, include_published: bool = True) -> tuple[Figure, ...]:
    """Figures of ``article``: key figures by score, then dates and durations in order.

    With ``include_published`` the publication date (``article.published``) is the first
    date, with ``what="publication"``, ``evidence`` the ISO date and ``sentence=-1``,
    because the dateline it came from is not part of the body.
    """
    total = max(len(article.sentences), 1)
    found: list[_Found] = []
    for sentence in article.sentences:
        found.extend(_sentence_figures(sentence.text, sentence.index, article.published))
    found = _drop_definite_repeats(article, found)
    key: list[Figure] = []
    other: list[Figure] = []
    for item in found:
        evidence = article.sentences[item.sentence].text[item.start : item.end]
        if item.kind in ("date", "duration"):
            other.append(_figure(item, evidence, 0.0))
            continue
        score = _score(item, total)
        key.append(_figure(item, evidence, score))
    key.sort(key=lambda f: -f.score)  # stable: ties keep article order
    dates = []
    if include_published and article.published is not None:
        published = article.published
        dates.append(
            Figure(
                value=float(published.year * 10000 + published.month * 100 + published.day),
                qualifier=None,
                unit="date",
                what="publication",
                kind="date",
                evidence=published.isoformat(),
                sentence=-1,
            )
        )
    return tuple(key + dates + other)


def _drop_definite_repeats(article: Article, found: list[_Found]) -> list[_Found]:
    """ "killing two people ... The two people killed were a couple", "split into three
    companies ... the three businesses": a count named again with "the" points back at a
    figure already told, whatever noun it takes the second time."""
    seen: set[float] = set()
    named: set[tuple[float, str]] = set()
    kept: list[_Found] = []
    for item in found:
        if item.kind == "count":
            head = _head(item.noun) if item.noun else ""
            text = article.sentences[item.sentence].text
            if (
                item.value in seen
                # a small number or a bare one points back whatever its noun ("the three
                # businesses", "the 312 handed over"); a larger one needs the same noun
                and (item.value <= 12 or not head or (item.value, head) in named)
                and _THE_BEFORE.search(text, max(0, item.start - 5), item.start)
            ):
                continue
            seen.add(item.value)
            if head:
                named.add((item.value, head))
        kept.append(item)
    return kept


_THE_BEFORE: Final = re.compile(r"\b(?:the|The|those|these|Those|These)\s+$")


def date_value(year: int, month: int = 0, day: int = 0) -> float:
    """A date as a figure value: YYYYMMDD, with 00 for an unknown month or day."""
    return float(year * 10000 + month * 100 + day)


def _figure(item: _Found, evidence: str, score: float) -> Figure:
    return Figure(
        value=item.value,
        qualifier=item.qualifier,
        unit=item.unit,
        what=item.what,
        kind=item.kind,
        evidence=evidence,
        sentence=item.sentence,
        upper=item.upper,
        score=round(score, 4),
    )


def _score(item: _Found, total: int) -> float:
    if item.category is not None:
        weight = _WEIGHTS[item.category]
    elif item.kind == "money":
        weight = _MONEY_WEIGHT
    elif item.kind == "percent":
        weight = _PERCENT_WEIGHT
    elif item.kind == "count" and _head(item.noun) in _PEOPLE:
        weight = _PEOPLE_WEIGHT
    else:
        weight = _OTHER_WEIGHT
    return weight + _POSITION_WEIGHT * (1 - item.sentence / total)


# --------------------------------------------------------------------------- per sentence


def _sentence_figures(text: str, index: int, published: date | None) -> list[_Found]:
    has_digit = _ANY_DIGIT.search(text) is not None
    lowered = text.lower()
    lowered_words = set(_WORD.findall(lowered))
    if not has_digit and _NUMBER_WORD_SET.isdisjoint(lowered_words):
        return []  # no digit and no number word: nothing to read (most sentences of prose)
    dates = _dates(text, index, published, lowered_words) if has_digit else []
    figures: list[_Found] = list(dates)
    if len(text) <= _MAX_SHARED:
        # the lower-cased text and its words are read once, here, for both modules
        quantities = quantities_of(text, lowered, lowered_words, has_digit)
    else:
        quantities = find_quantities(text)
    if dates:
        taken = [(d.start, d.end) for d in dates]
        quantities = [q for q in quantities if not any(a < q.end and q.start < b for a, b in taken)]
    skipped = _ratios(text, quantities) | _conversions(text, quantities) | _scores(text, quantities)
    for quantity in quantities:
        if id(quantity) in skipped:
            continue
        item = _classify(text, quantity, index)
        if item is not None:
            figures.append(item)
    if not figures:
        return figures
    figures.sort(key=_START)
    _amounts_in_a_list(text, figures)
    _units_from_partner(text, figures)
    if len(figures) >= 4:
        figures = _drop_number_lists(text, figures)
        if not figures:
            return figures
    # the words after the last figure matter only as its noun phrase and action
    tokens = _tokens(text[: min(5000, figures[-1].end + 160)])
    covered = _covered(tokens, figures)
    previous: _Found | None = None
    for item in figures:
        if item.kind in ("date", "duration"):
            item.what = _event(tokens, covered, _index_after(tokens, item.start))
        else:
            _describe(text, tokens, covered, item, previous)
            previous = item
    _share_nouns(text, figures)
    _elided_nouns(text, figures)
    _cents(figures)
    kept = [f for f in figures if not _incidental_one(text, f)]
    words: _HeadWords | None = None
    for item in kept:
        if _LEARNED_HEADS and item.kind in _RANKED_KINDS and not _plain_count(tokens, item):
            if words is None:
                words = _head_words(tokens)
            item.what = _learned_what(words, item)
    return kept


def _units_from_partner(text: str, figures: list[_Found]) -> None:
    """ "42 years of contributions, up from 40", "rose to 12% from 9": a bare number after
    "from" is in its partner's unit."""
    for a, b in pairwise(figures):
        if (
            b.kind == "count"
            and b.unit is None
            and not b.times
            and a.unit is not None
            and a.kind in ("duration", "measure", "percent", "money")
            and _FROM_GAP.match(text[a.end : b.start])
            and _AMOUNT_END.match(text, b.end)
        ):
            b.kind, b.unit = a.kind, a.unit


_FROM_GAP: Final = re.compile(r"^[^,;]{0,40},\s*(?:up|down)\s+from\s+$")


def _drop_number_lists(text: str, figures: list[_Found]) -> list[_Found]:
    """ "The winning numbers were 4, 17, 23, 38 and 45": four or more bare numbers in a row
    are identifiers (lottery balls, bus routes), not counts."""
    run: list[_Found] = []
    dropped: set[int] = set()
    for item in figures:
        bare = item.kind == "count" and item.unit is None and item.qualifier is None
        if bare and run and _LIST_GAP.fullmatch(text[run[-1].end : item.start]):
            run.append(item)
            continue
        if len(run) >= 4:
            dropped.update(id(f) for f in run)
        run = [item] if bare else []
    if len(run) >= 4:
        dropped.update(id(f) for f in run)
    return [f for f in figures if id(f) not in dropped] if dropped else figures


_LIST_GAP: Final = re.compile(r",\s*|\s*,?\s+and\s+")


def _amounts_in_a_list(text: str, figures: list[_Found]) -> None:
    """ "spent 9.5 million lev ..., including 1.2 million on billboards": a bare number
    that lists part of an amount is money in the same currency."""
    money: _Found | None = None
    for item in figures:
        if item.kind == "money":
            money = item
        elif (
            money is not None
            and item.kind == "count"
            and item.unit is None
            and not item.times
            and _PART_OF.search(text, max(0, item.start - 16), item.start)
            and _AMOUNT_END.match(text, item.end)
        ):
            item.kind = "money"
            item.unit = money.unit


_PART_OF: Final = re.compile(r"\b(?:including|of which|of that|of it)\s+$")
_AMOUNT_END: Final = re.compile(r"\s+(?:on|for|in|to|from|towards?)\b|\s*[,.;)]|\s*$")


def _cents(figures: list[_Found]) -> None:
    """ "€1.40 per share, up from 90 cents": cents of the currency in use, else of a dollar."""
    currency = "USD"
    for item in figures:
        if item.kind != "money":
            continue
        if item.unit == "cent":
            item.unit = currency
            item.value /= 100
            item.upper = item.upper / 100 if item.upper is not None else None
        elif item.unit in ("USD", "EUR", "AUD", "CAD", "NZD", "HKD"):
            currency = item.unit


def _tokens(text: str) -> list[_Token]:
    """Words, numbers and punctuation marks with their offsets. Each piece read by findall
    is a token with the spaces before it, so offsets are sums of lengths (faster than
    match objects, or than looking each token up again)."""
    lowered = text.lower()
    tokens: list[_Token] = []
    append = tokens.append
    end = 0
    new = tuple.__new__
    pattern = _SPACED_ASCII_TOKEN if text.isascii() else _SPACED_TOKEN
    for piece in pattern.findall(text):
        token = piece.lstrip()  # str.lstrip strips what \s matches
        start = end + len(piece) - len(token)
        end += len(piece)
        append(new(_Token, (token, start, end, lowered[start:end])))
    return tokens


def _ratios(text: str, quantities: list[Quantity]) -> set[int]:
    """ "one in five students", "nine out of ten": a proportion, not two figures; "three or
    four", "nine or 10 clubs": a guess between two numbers, not a figure."""
    found: set[int] = set()
    for q in quantities:
        window = text[max(0, q.start - 12) : q.start]
        if not window[-1:].isspace():
            continue  # _RATIO_BEFORE ends with "in" or "of" and spaces
        tail = window.rstrip()[-2:]
        if (tail.lower() in ("in", "of") or not _CASE_TRAPS.isdisjoint(tail)) and (
            _RATIO_BEFORE.search(text, max(0, q.start - 12), q.start)
        ):
            found.add(id(q))  # "one in [ten] services": "one" is not read as a number
    for a, b in pairwise(quantities):
        gap = text[a.end : b.start]
        if (
            gap in (" in ", " out of ")
            and a.value < b.value
            and a.unit is None
            and (b.unit is None or gap == " out of ")  # "nine out of 10 tonnes"
            and not (gap == " in " and _YEAR_SURFACE.fullmatch(b.surface))
        ):
            found.update((id(a), id(b)))  # "191 in 2020" is a count and a year
        elif (
            gap == " or "
            and a.value < b.value
            and a.upper is None
            and b.upper is None
            and (a.unit is None or a.unit == b.unit)
        ):
            found.update((id(a), id(b)))
    return found


_YEAR_SURFACE: Final = re.compile(r"(?:1[89]|20)\d\d")
_RATIO_BEFORE: Final = re.compile(r"\bone\s+(?:in|out of)\s+$", re.IGNORECASE)
_CASE_TRAPS: Final = frozenset("\u017f\u212a\u0130\u0131")  # ſ K İ ı: ASCII letters to re.I


def _conversions(text: str, quantities: list[Quantity]) -> set[int]:
    """ "1,500 km (930 mi)": the same measure again in other units. An amount of money in
    another currency ("£75m ($141m)") stays a figure: readers compare currencies, and it
    counts what the first amount counts (see _inherit)."""
    found: set[int] = set()
    for a, b in pairwise(quantities):
        if a.unit is None or b.unit is None or a.unit == b.unit or b.kind == "money":
            continue
        gap = text[a.end : b.start]
        if gap in (" (", "(", " [") or (gap == " " and b.surface.startswith("(")):
            found.add(id(b))
    return found


_SCORE: Final = re.compile(r"\d{1,3}(?:\.5)?[-–]\d{1,3}(?:\.5)?")
_SCORE_BEFORE: Final = re.compile(r"\b\d{1,3}[-–]\d{1,3},?\s+$")
_SCORE_AFTER: Final = re.compile(r",?\s+\d{1,3}[-–]\d{1,3}\b")


def _scores(text: str, quantities: list[Quantity]) -> set[int]:
    """ "lost 2-0", "a 3–1 win", "won 7.5-6.5": a score is not two figures (a range reads
    low to high); and "6-4, 3-6, 7-5": a low-to-high pair beside a score is a score too."""
    found: set[int] = set()
    for a, b in pairwise(quantities):
        if a.unit is None and b.unit is None and _SCORE.fullmatch(text[a.start : b.end]):
            found.update((id(a), id(b)))
    for q in quantities:
        if (
            q.upper is not None
            and q.unit is None
            and _SCORE.fullmatch(q.surface)
            and (
                _SCORE_BEFORE.search(text, max(0, q.start - 10), q.start)
                or _SCORE_AFTER.match(text, q.end)
            )
        ):
            found.add(id(q))
    return found


def _incidental_one(text: str, item: _Found) -> bool:
    """ "one retailer said", "one meeting": the word "one" is an article here, unless it
    counts a casualty or an arrest ("one person was killed")."""
    if item.kind != "count" or item.value != 1 or item.category is not None:
        return False
    if _ONLY_BEFORE.search(text, max(0, item.start - 8), item.start):
        return False  # "had only one exit": a number stressed as a number
    return text[item.start : item.end].lower().startswith("one")


_ONLY_BEFORE: Final = re.compile(r"\b(?:only|just|exactly)\s+$", re.IGNORECASE)


def _covered(tokens: list[_Token], figures: list[_Found]) -> set[int]:
    """Indices of the tokens that belong to a figure's own span (its number and unit)."""
    covered: set[int] = set()
    for figure in figures:
        covered.update(range(_index_after(tokens, figure.start), _index_after(tokens, figure.end)))
    return covered


def _dates(
    text: str, index: int, published: date | None, lowered_words: set[str] | None = None
) -> list[_Found]:
    """Dates of a sentence. ``lowered_words`` (its lower-case ``[a-z]+`` runs) skips the
    search for month names when there is none."""
    found: list[_Found] = []
    if "-" in text:  # an ISO date has hyphens
        for match in _ISO_DATE.finditer(text):
            value = date_value(int(match["y"]), int(match["m"]), int(match["d"]))
            found.append(_date_found(value, None, match.start(), match.end(), index))
    if lowered_words is not None and lowered_words.isdisjoint(_MONTHS):
        return found  # every date below is around a month name
    for match in _date_matches(text):
        if any(f.start <= match.start() < f.end for f in found):
            continue
        groups = match.groupdict()
        month_text = groups["md_month"] or groups["dm_month"] or groups["my_month"]
        month = _MONTHS[month_text.lower().rstrip(".")]
        if month_text.lower().rstrip(".") == "may" and not month_text[0].isupper():
            continue  # "may 6" is a verb and a number
        day_text = groups["md_day"] or groups["dm_day"]
        day2_text = groups["md_day2"] or groups["dm_day2"]
        year_text = groups["md_year"] or groups["dm_year"] or groups["my_year"]
        day = int(re.sub(r"\D", "", day_text)) if day_text else 0
        if day > 31:
            continue
        year = int(year_text) if year_text else _place_year(month, day, published)
        value = date_value(year, month, day)
        upper = None
        if day2_text:
            day2 = int(re.sub(r"\D", "", day2_text))
            separator = text[match.start() : match.end()]
            if day2 > day and day2 <= 31:
                if re.search(r"\band\b", separator):
                    # "May 6 and 7": two days, two dates
                    found.append(_date_found(value, None, match.start(), match.end(), index))
                    found.append(
                        _date_found(
                            date_value(year, month, day2), None, match.start(), match.end(), index
                        )
                    )
                    continue
                upper = date_value(year, month, day2)
        end = match.end()
        if text[end - 1] == "." and month_text[:-1].lower() in FULL_MONTHS:
            end -= 1  # "2-4 May.": the full stop ends the sentence, not an abbreviation
        found.append(_date_found(value, upper, match.start(), end, index))
    return _date_ranges(text, found) if len(found) > 1 else found


def _date_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """ "from August 2 to August 4", "between March 2021 and May 2023": one date range."""
    found.sort(key=_START)
    merged: list[_Found] = []
    i = 0
    while i < len(found):
        low = found[i]
        if i + 1 < len(found):
            high = found[i + 1]
            gap = text[low.end : high.start].strip().lower()
            opener = _DATE_RANGE_OPENER.search(text, max(0, low.start - 9), low.start)
            if (
                low.upper is None
                and high.upper is None
                and high.value > low.value
                and (
                    gap in ("-", "–", "—")
                    or (gap == "to" and opener is not None and opener.group(1).lower() == "from")
                    or (
                        gap == "and" and opener is not None and opener.group(1).lower() == "between"
                    )
                )
            ):
                start = opener.start() if opener is not None and gap in ("to", "and") else low.start
                merged.append(_date_found(low.value, high.value, start, high.end, low.sentence))
                i += 2
                continue
        merged.append(low)
        i += 1
    return merged


_DATE_RANGE_OPENER: Final = re.compile(r"\b(from|between)\s+$", re.IGNORECASE)


_CAPITALISED: Final = re.compile(r"\b[A-Z][a-z]{2,8}\b")


def _date_matches(text: str) -> list[re.Match[str]]:
    """Dates around month names: month names are looked up, not searched for with a regex
    alternation at every position of the sentence."""
    matches: list[re.Match[str]] = []
    last = -1
    for word in _CAPITALISED.finditer(text):
        if word.group().lower() not in _MONTHS:
            continue
        start = max(0, word.start() - 12, last)
        match = _DATE_RE.search(text, start, min(len(text), word.end() + 20))
        if match is not None and match.start() <= word.start() and match.end() >= word.end():
            matches.append(match)
            last = match.end()
    return matches


def _date_found(value: float, upper: float | None, start: int, end: int, index: int) -> _Found:
    return _Found(value, upper, "between" if upper else None, "date", "date", start, end, index)


def _place_year(month: int, day: int, published: date | None) -> int:
    """The year of "July 28" in an article: the one that puts it nearest its publication."""
    if published is None:
        return 0
    best = published.year
    best_gap: int | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            gap = abs((date(year, month, max(day, 1)) - published).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _classify(text: str, q: Quantity, index: int) -> _Found | None:
    """The figure a quantity stands for, or None when it is not a figure."""
    before = text[max(0, q.start - 40) : q.start]
    after = text[q.end : q.end + 40]
    if q.decade or (q.spelled and q.value < 1 and q.upper is None):
        return None  # "the 1980s", "two thirds of"
    if q.spelled and q.value == 1 and q.surface.lower().startswith(("a ", "an ")):
        return None  # "a gallon", "a penny": one of a unit, rarely a figure in news
    if (
        (q.start <= 3 and _is_list_number(text, q))
        or (
            (after[:1] in _TIME_MARKS or (after[:1].isspace() and after[1:2] in _TIME_MARKS))
            and _TIME_NEAR.match(after)
        )
        or (before[-1:] in (":", ".") and before[-2:-1].isdigit())  # "14:30", "10.30"
    ):
        return None
    if q.unit is None and after[1:2].isupper() and _STREET.match(after):
        return None  # "12 High Street"
    if q.unit is None and _OCLOCK.match(after):
        return None  # "at 7 o'clock": a time of day
    if q.unit is None and _PAR_AFTER.match(after):
        return None  # "finished on 12 under par": a score
    if q.unit in ("m", "km") and _EVENT_AFTER.match(after) and _EVENT_BEFORE.search(before):
        return None  # "the women's 10,000 metres final": the name of a race
    if q.unit is None and q.upper is None:
        spell = _DURATION_AFTER.match(after)
        if spell is not None:
            # "three consecutive weeks", "10 working days", "3.8 nights": a span of time
            span = (spell.group(1) or spell.group(2)).lower().removesuffix("s")
            return _Found(
                q.value,
                None,
                q.qualifier,
                _DURATION_UNITS[span],
                "duration",
                q.qualifier_start if q.qualifier_start is not None else q.start,
                q.end + spell.end(),
                index,
            )
    if q.unit is None and _CLOCK.fullmatch(q.surface) and _ZONE_AFTER.match(after):
        return None  # "by 1430 GMT": a time of day
    # the words before the number, looked at directly (no regex scan of the window)
    words = before.rsplit(None, 3)  # the last three words are all that is looked at
    last = words[-1] if words and before.endswith(" ") else ""
    last_lower = last.lower().strip("(\"“‘'")
    if (
        q.unit is None
        and last
        and _is_name_word(last.lstrip("("))
        and not (q.spelled and q.surface[:1].islower())  # "Green Land eight"
        and not _RESULT_BEFORE.search(before)  # "won 11 seats, New Slovenia 10"
    ):
        return None  # "Boeing 737", "Euro 2028", "Route 66", "No. 10"
    if (
        q.unit is None
        and not q.spelled
        and last_lower.rstrip(",") in _PHONE_WORDS
        and _PHONE_AFTER.match(after)
    ):
        return None  # "call 911", "the anti-scam hotline, 18222": a number to dial
    if q.unit is None and not q.spelled and last_lower == "magnitude":
        # "measured at magnitude 7.1": the unit stands before the number
        start = q.start - len(before) + len(before.rstrip()) - len(last)
        return _Found(q.value, q.upper, q.qualifier, "mag", "measure", start, q.end, index)
    if q.unit is None and not q.spelled and last_lower == "number":
        return None  # "the number 9 shirt", "rose to number 3": a label or a rank
    if last_lower == "per" and _is_denominator(q):
        return None  # "12.4 per 100,000 people": the base of a rate, not a count
    if (
        q.unit is None
        and q.upper is None
        and not q.spelled
        and last_lower in _LABEL_WORDS
        and q.surface.isdigit()
    ):
        return None  # "category 1 calls", "type 2 diabetes", "tier 1 ratio"
    if q.unit is None and (
        (last_lower == "of" and len(words) >= 2 and words[-2].lower() == "age")
        or (
            _AGE_COPULA.search(before)
            and (after.lstrip()[:1] in _AGE_END or not after.strip() or _AND_AFTER.match(after))
        )
    ):
        return None  # "under the age of five", "since I was nine,", "She is 11."
    if q.unit is None and (
        last_lower in _AGE_WORDS
        or (len(words) >= 3 and words[-3].lower() in _AGE_WORDS and last_lower in ("and", "or"))
        or _is_age(before, after)
        or _aged_range(text, q)
    ):
        return None  # "aged 34 and 57", "Amira Haddad, 52, who", "aged between nine and 13"
    if q.unit is None and q.value <= 110 and _RETIRE_AT.search(before):
        return None  # "will retire at 65": an age
    if (
        q.unit is None
        and 1 <= q.value <= 110
        and not q.multiplied
        and "ge" in text[max(0, q.start - 70) : q.start]  # cheaper than the search
        and _AGE_CLAUSE.search(text, max(0, q.start - 70), q.start)
        and _AFTER_AN_AGE.match(after)
    ):
        return None  # "the state pension age is due to rise from 66 to 67": an age
    if q.unit == "year" and after.startswith("-old"):
        return None  # "a 34-year-old man"
    if q.unit is None and after.startswith("-time "):
        return None  # "a two-time champion": an adjective, like an ordinal
    year_like = (
        not q.spelled
        and q.unit is None
        and float(q.value).is_integer()
        and 1800 <= q.value <= 2100
        and "," not in q.surface.split("and")[0]
        and " " not in q.surface.strip()
    ) or (q.upper is not None and q.unit is None and _both_years(q))
    inches = q.unit == "in" and q.surface.endswith(" in") and q.qualifier is None
    if inches and 1800 <= q.value <= 2100 and q.surface[:-3].isdigit():
        year_like = True  # "invest €1.5bn by 2030 in on-site generation": not inches
    if year_like and q.qualifier in (None, "between"):
        if _CAPITAL_AFTER.match(after) and not inches:
            return None  # "the 2007 Building Code", "2030 Commonwealth Games"
        if (
            last_lower in _YEAR_WORDS
            or last_lower.endswith(("-", "mid"))
            or _YEAR_AFTER.match(after)
            or (q.upper is not None and q.qualifier == "between")  # "between 2019 and 2022"
            or (last_lower == "for" and _VERB_AFTER_YEAR.match(after))  # "for 2025 were"
            or _YEAR_NOUN_AFTER.match(after)  # "a 2019 report", "its 2025 growth forecast"
        ):
            return _Found(
                q.value,
                q.upper,
                q.qualifier if q.upper is not None else None,
                "year",
                "date",
                q.start,
                q.end - 3 if inches else q.end,
                index,
            )
    if (
        year_like
        and q.upper is None
        and q.qualifier is not None
        and (
            _UNTIL_BEFORE.search(text, max(0, (q.qualifier_start or q.start) - 12), q.start)
            or _YEAR_NOUN_AFTER.match(after)
            or (q.qualifier in _BEFORE_A_YEAR and _BARE_END.match(after))
        )
    ):
        # "postponed until at least 2026", "still 8% below 2019 levels", "6% below 2019.",
        # "back to its 1980 levels around 2066, over the Arctic": a date
        start = q.qualifier_start if q.qualifier_start is not None else q.start
        return _Found(q.value, None, q.qualifier, "year", "date", start, q.end, index)
    kind, unit, value, upper = _kind(q)
    if kind == "duration" and unit == "year" and "expectancy" in text[: q.start]:
        kind = "measure"  # "life expectancy rose to 79 years": a measure, not a span of time
    start = q.qualifier_start if q.qualifier_start is not None else q.start
    found = _Found(value, upper, q.qualifier, unit, kind, start, q.end, index)
    if kind == "money" and q.unit and "/" in q.unit:
        found.rate = _LAST_WORD.findall(q.surface)[-1]  # "1.20 dollars a litre" -> "litre"
    elif kind == "count" and q.unit == "times":
        found.times = True
    return found


def _is_list_number(text: str, q: Quantity) -> bool:
    """ "1. A deal with...", "2) More students...": the number of an item in a list."""
    if q.start > 3 or text[: q.start].strip() not in ("", "(", "["):
        return False
    return bool(_LIST_CLOSE.match(text, q.end - (1 if q.surface.endswith(")") else 0)))


def _is_name_word(word: str) -> bool:
    """A capitalised word that names something numbered: "Boeing", "Route", "No."."""
    if word in ("No.", "No", "no."):
        return True
    if word.endswith(("'s", "’s", "s'", "s’")):
        return False  # "Britain's 65 million people"
    return word[:1].isupper() and word not in _NOT_NAMES and word[-1:] not in (",", ".", ":", ";")


def _aged_range(text: str, q: Quantity) -> bool:
    """ "boys aged between nine and 13", "victims were over 65": ages, not counts."""
    start = q.qualifier_start if q.qualifier_start is not None else q.start
    window = text[max(0, start - 40) : start]
    if "age" in window and _AGED_BEFORE.search(window):
        return True
    if (
        q.qualifier == "between"
        and q.upper is not None
        and q.upper <= 110
        and _COPULA_BEFORE.search(window)
        and _BARE_END.match(text, q.end)
    ):
        return True  # "most of the victims were between 18 and 30 and died"
    return bool(
        q.qualifier in ("over", "under")
        and float(q.value).is_integer()
        and 1 <= q.value <= 110
        and (
            (_COPULA_BEFORE.search(window) and _BARE_END.match(text, q.end))
            or _AGE_GROUP_BEFORE.search(window)  # "children under five", "those over 65"
            # "free seats for first-time visitors under 30", "women over 65 received"
            or window.rstrip().rpartition(" ")[2].lower() in _AGE_GROUP_NOUNS
        )
    )


_AGE_GROUP_NOUNS: Final = _PEOPLE | frozenset(
    _words(
        "child visitors users girls boys everyone viewers readers gamers players someone "
        "founders respondents buyers tenants them owners applicants"
    )
)


_AGE_NUMBER: Final = (
    r"(?:between|from|to|and|or|over|under|\d+|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
_AGED_BEFORE: Final = re.compile(rf"\bage[ds]?\s+(?:{_AGE_NUMBER}\s+){{0,3}}$", re.IGNORECASE)
_COPULA_BEFORE: Final = re.compile(
    r"\b(?:victims|patients|dead|residents|people|children|pupils|most|many|half|all|some|"
    r"both|majority|them|they|members|users|customers|buyers|youngest|oldest|\d+)\s+"
    r"(?:were|are|was|is)\s+$",
    re.IGNORECASE,
)
_AGE_GROUP_BEFORE: Final = re.compile(
    r"\b(?:children|people|those|adults|babies|infants|pupils|patients|anyone)\s+$",
    re.IGNORECASE,
)
_BARE_END: Final = re.compile(r"\s*(?:[,.;)]|$|and\b|or\b)")


_DENOMINATORS: Final = frozenset((100.0, 1_000.0, 10_000.0, 100_000.0, 1_000_000.0))


def _is_denominator(q: Quantity) -> bool:
    """ "per 1,000 live births", "per 100,000 people", "per million": the round base a rate
    is given against is no more a figure than the "five" of "one in five"."""
    return (
        q.kind == "number" and q.upper is None and q.qualifier is None and q.value in _DENOMINATORS
    )


def _is_age(before: str, after: str) -> bool:
    """ "Amira Haddad, 52, who..." : an age after a name, between commas."""
    return (
        before.endswith((", ", ",\u00a0"))
        and (after.lstrip()[:1] in (",", ")") or after.strip() in (".", ""))
        and bool(_AGE_AFTER_NAME.search(before, max(0, len(before) - 30)))
    )


def _both_years(q: Quantity) -> bool:
    return (
        q.upper is not None
        and float(q.value).is_integer()
        and float(q.upper).is_integer()
        and 1800 <= q.value <= 2100
        and 1800 <= q.upper <= 2100
        and "," not in q.surface
    )


def _kind(q: Quantity) -> tuple[FigureKind, str | None, float, float | None]:
    unit = q.unit
    value, upper = q.value, q.upper
    if q.kind == "money":
        base = unit.split("/")[0] if unit else unit
        return "money", base, value, upper
    if q.kind == "percent":
        return "percent", unit, value, upper
    if q.kind == "duration":
        return "duration", unit, value, upper
    if q.kind == "measure" and unit and "/" in unit:
        base, _, per = unit.partition("/")
        if UNIT_KINDS.get(base) == "duration" and UNIT_KINDS.get(per) == "duration":
            return "duration", unit, value, upper  # "three hours a day", "nine months a year"
    if unit in ("times", "dozen"):
        return "count", None, value, upper
    if q.kind == "measure":
        return "measure", unit, value, upper
    return "count", None, value, upper


# --------------------------------------------------------------------------- what


def _index_after(tokens: list[_Token], position: int) -> int:
    """The first token starting at or after ``position`` (a bisection written out: compiled,
    it is several times cheaper than bisect_left calling a key function at each step)."""
    low, high = 0, len(tokens)
    while low < high:
        middle = (low + high) // 2
        if tokens[middle][1] < position:  # [1]: the start offset
            low = middle + 1
        else:
            high = middle
    return low


def _is_verb_form(lower: str) -> bool:
    """A past participle or a gerund: the event in "people killed", "miners trapped"."""
    if lower in _VERB_FORM_WORDS:
        return True
    return lower.endswith("ed") and len(lower) > 4 and lower not in _VERB_FORM_BLOCK


# _is_verb_form's word lists merged once: one or two set look-ups per word
_VERB_FORM_BLOCK: Final = _NOT_VERBS | _PEOPLE
_VERB_FORM_WORDS: Final = (_EVENT_PAST | _IRREGULAR_PAST | _STATES) - _VERB_FORM_BLOCK


def _noun_phrase(
    tokens: list[_Token], i: int, *, allow_verbs: bool = False
) -> tuple[list[_Token], int]:
    """The counted noun phrase starting at token ``i``: "police strongholds", "people"."""
    words: list[_Token] = []
    while i < len(tokens) and tokens[i].lower in _NP_SKIP:
        i += 1  # "two more bodies", "40 other people", "350 new officers"
    if i < len(tokens) and tokens[i].lower == "others" and not allow_verbs:
        return [tokens[i]], i + 1  # "injuring 14 others"
    while i < len(tokens) and len(words) < 4:
        token = tokens[i]
        glued = _glued(tokens, i)
        is_glued = glued > i
        if is_glued:
            # "AK-47 rifles", "N95 masks", "18th-century jewels", "U.S. airlines": one word
            token = _Token(
                "".join(t.text for t in tokens[i : glued + 1]),
                token.start,
                tokens[glued].end,
                "".join(t.lower for t in tokens[i : glued + 1]),
            )
            i = glued
        lower = token.lower
        if (
            token.text in _QUOTES
            and words
            and i + 1 < len(tokens)
            and tokens[i + 1].text[0].isalpha()
        ):
            i += 1  # 1,000 public "cool rooms": a quoted name inside the noun phrase
            continue
        if not (token.text[0].isalpha() or is_glued) or lower in _STOP or lower in _NUMBER_WORDS:
            break
        if (
            words
            and not allow_verbs
            and lower not in _ING_NOUNS
            and (_is_verb_form(lower) or (lower.endswith("ing") and lower not in _PEOPLE))
        ):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if not (
                lower.endswith("ing")
                and nxt is not None
                and nxt.text[0].isalpha()
                and nxt.text[0].islower()
                and nxt.lower not in _STOP
                and not _is_verb_form(nxt.lower)
            ):
                break
        if not words and not allow_verbs and _is_verb_form(lower) and lower not in _ING_NOUNS:
            # "combined workforce", "disabled person": an adjective before a noun is fine
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if (
                nxt is None
                or not nxt.text[0].isalpha()
                or nxt.lower in _STOP
                or _is_verb_form(nxt.lower)
            ):
                break
        if not words and lower in _ADVERB_NOUNS:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is None or not nxt.text[0].isalpha() or nxt.lower in _STOP:
                break  # "a year earlier", "three days later"
        if (
            not words
            and token.text[0].isupper()
            and lower.endswith(("ans", "ese"))
            and len(lower) >= 6
            and lower.isalpha()
            and not (
                i + 1 < len(tokens)
                and tokens[i + 1].text[0].islower()
                and tokens[i + 1].lower not in _STOP
            )
        ):
            words.append(token)  # people by nationality: "ahead of two Ethiopians"
            i += 1
            break
        if token.text[0].isupper() and not words:
            # a name before the noun: "four Black Hawk helicopters", "250 Eurostar trains"
            m = i + 1
            while m < len(tokens) and m - i < 3 and tokens[m].text[0].isupper():
                m += 1
            nxt = tokens[m] if m < len(tokens) else None
            if nxt is None or not (
                nxt.text[0].isalpha() and nxt.text[0].islower() and nxt.lower not in _STOP
            ):
                break
            if m > i + 1 and not _is_plural_noun(nxt.lower):
                break  # "eight Michael Owen says": a name, then a verb
        if _is_adverb(lower):
            break  # an adverb ends the phrase: "26 drones overnight" keeps "drones"
        words.append(token)
        i += 1
        if (
            len(words) == 1
            and not allow_verbs
            and i + 2 < len(tokens)
            and tokens[i].lower in ("and", "or")
            and _is_modifier_pair(tokens[i + 1], tokens[i + 2])
        ):
            # "solar and wind capacity": two modifiers of one noun
            words.append(tokens[i])
            i += 1
    # "of" + noun: "12,000 hectares of forest", "25 pieces of heavy equipment"; a change
    # takes "in": "a 14% rise in annual pre-tax profit"
    if (
        words
        and i + 1 < len(tokens)
        and not allow_verbs
        and (
            tokens[i].lower == "of"
            or (tokens[i].lower == "in" and words[-1].lower in _CHANGE_NOUNS)
        )
    ):
        j = i + 1
        while j < len(tokens) and tokens[j].lower in _DETERMINERS:
            j += 1
        tail, k = _noun_phrase(tokens, j)
        if tail:
            words.extend([tokens[i], *tail])
            i = k
            if _and_noun(tokens, i):
                words.extend(tokens[i : i + 2])  # "destruction of crops and pasture"
                i += 2
    return words, i


def _and_noun(tokens: list[_Token], i: int) -> bool:
    """ "of crops and pasture,": a second noun joined to the object of "of"."""
    return (
        i + 2 < len(tokens)
        and tokens[i].lower == "and"
        and _is_plain_noun(tokens[i + 1])
        and tokens[i + 1].lower not in _S_VERBS
        # "profit and consists": a verb's "-s" after a singular noun
        and not (tokens[i + 1].lower.endswith("s") and not tokens[i - 1].lower.endswith("s"))
        and (tokens[i + 2].text in _PHRASE_ENDS or tokens[i + 2].lower in _PREPOSITIONS)
    )


_PHRASE_ENDS: Final = frozenset(",.;:)")


def _is_plain_noun(token: _Token) -> bool:
    lower = token.lower
    return (
        token.text[0].isalpha()
        and token.text[0].islower()
        and lower not in _STOP
        and not _is_verb_form(lower)
        and not lower.endswith(("ing", "ly"))
    )


def _glued(tokens: list[_Token], i: int) -> int:
    """The last token of a word written without spaces ("A320", "AK-47", "N95", "U.S.",
    "18th-century"), or ``i``."""
    if not tokens[i].text[0].isalnum():
        return i
    j = i
    letters = tokens[i].text[0].isalpha()
    while j + 1 < len(tokens) and tokens[j + 1].start == tokens[j].end:
        text = tokens[j + 1].text
        if text[0].isalnum():
            letters = letters or text[-1].isalpha() or text[0].isalpha()
            j += 1
        elif text == "." and len(tokens[j].text) == 1 and tokens[j].text.isupper():
            j += 1  # "U.S."
        else:
            break
    return j if letters and j > i else i


_RELATIVE_STARTS: Final = frozenset(_words("who that which they"))
# nouns ending in "-ing": "$340 million in new funding", "police spending"
_ING_NOUNS: Final = frozenset(
    _words(
        "funding spending housing training building lending pricing shipping manufacturing "
        "borrowing rating earnings savings holdings financing clothing bedding heating "
        "schooling offering ceiling"
    )
)
_CHANGE_NOUNS: Final = frozenset(
    _words(
        "rise rises increase increases fall falls drop drops decline declines jump jumps gain "
        "gains cut cuts reduction reductions growth"
    )
)
_ADVERB_NOUNS: Final = frozenset(_words("earlier later ago overnight apiece instead first"))
_NP_SKIP: Final = frozenset(["more", "other", "further", "additional", "extra", "most", "such"])
# words ending in "-ly" that are nouns or adjectives, not adverbs
_LY_NOUNS: Final = frozenset(
    _words(
        "family supply assembly ally rally italy july anomaly belly quarterly yearly monthly "
        "weekly daily hourly nightly elderly early costly deadly"
    )
)
_DETERMINERS: Final = frozenset(
    _words(
        "the a an its their his her our my your own each every those these them whom this that "
        "which"
    )
)


def _action_after(tokens: list[_Token], i: int) -> tuple[list[_Token], int]:
    """ "were destroyed", "died", "are still missing", "were shot down": the event."""
    j = i
    if j + 1 < len(tokens) and tokens[j].lower in _RELATIVE_STARTS:
        # "214 who were seriously hurt", "the 6.1 million hectares they planted"; "that" and
        # "which" only before an auxiliary ("one cafe that killed 25": the fire killed)
        if tokens[j].lower in ("that", "which") and tokens[j + 1].lower not in _AUXILIARIES:
            return [], i
        j += 1
    aux = 0
    while j < len(tokens) and tokens[j].lower in _AUXILIARIES and aux < 3:
        j += 1
        aux += 1
    adverb: list[_Token] = []
    if j + 1 < len(tokens) and _is_adverb(tokens[j].lower):
        adverb = [tokens[j]]  # "were seriously hurt", "were critically injured"
        j += 1
    if j >= len(tokens):
        return [], i
    word = tokens[j]
    if not word.text[0].isalpha() or not word.text[0].islower():
        return [], i
    lower = word.lower
    if lower in _STATES or _is_verb_form(lower) or (aux and lower.endswith("ing")):
        action = [*adverb, word]
        j += 1
        if j > i + 1 and tokens[i].lower in _RELATIVE_STARTS and lower not in _STATES:
            # "188 who needed intensive care": the object says what happened to them
            obj, end = _noun_phrase(tokens, j)
            if obj and obj[0].text[0].islower() and len(obj) <= 3:
                return [*action, *obj], end
        if j < len(tokens) and tokens[j].lower in _PARTICLES | {"dead", "alive"}:
            action.append(tokens[j])
            j += 1
        elif j < len(tokens) and tokens[j].lower in ("to", "in", "for", "from", "on"):
            # "treated in hospital", "taken to hospital", "moved to emergency shelters"
            k = j + 1
            while k < len(tokens) and tokens[k].lower in _DETERMINERS:
                k += 1
            tail, end = _noun_phrase(tokens, k)
            if tail and len(tail) <= 3:
                action.append(tokens[j])
                action.extend(tail)
                j = end
        return action, j
    return [], i


def _verb_before(tokens: list[_Token], i: int) -> _Token | None:
    """The verb right before the number, qualifiers skipped: "detained more than [2,000]"."""
    j = i - 1
    skipped = 0
    while j >= 0 and skipped < 4 and tokens[j].lower in _QUALIFIER_WORDS:
        j -= 1
        skipped += 1
    if j < 0:
        return None
    word = tokens[j].lower
    if word in _WEAK_WORDS:
        return None  # "a record 7.8 million": an adjective, not the verb "to record"
    if word in _EVENT_VERBS or (
        word.endswith("ed") and len(word) > 4 and word not in _NOT_VERBS and word not in _STATES
    ):
        return tokens[j]
    return None


# the qualifier is part of the figure's span already; these are the words that may still
# stand between a verb and its number ("killed another 12", "detained a further 30")
_QUALIFIER_WORDS: Final = frozenset(_words("another a further additional the"))
_PREPOSITIONS: Final = frozenset(
    _words(
        "of in into for on to at by from with over under about against between among across "
        "outside inside within beyond throughout along near per"
    )
)
_RIGHT_PREPOSITIONS: Final = frozenset({"of", "in", "into", "for", "on"})
_COMPARATIVES: Final = frozenset({"than", "above", "below"})
_WEAK_WORDS: Final = frozenset(
    _words(
        "reported expected planned proposed "
        "combined total average record further additional estimated slightly sharply well "
        "roughly just "
        "only another new"
    )
)
_COPULAS: Final = frozenset(
    _words(
        "was were is are be been being would will could can may might should has have had remain "
        "remains remained stood stands"
    )
)


def _describe(
    text: str, tokens: list[_Token], covered: set[int], item: _Found, previous: _Found | None
) -> None:
    """Fill ``item.what`` (and ``noun``, ``category``) from the words around the number."""
    first = _index_after(tokens, item.start)
    i = _index_after(tokens, item.end)
    if i < len(tokens) and tokens[i].text == "-" and tokens[i].start == item.end:
        i += 1  # "a 120-bed hospital", "a 60-kilometre stretch"
    noun: list[_Token] = []
    inherited_count = ""
    if item.kind == "count":
        noun, after = _noun_phrase(tokens, i)
        if (
            not noun
            and previous is not None
            and previous.noun
            and i < len(tokens)
            and tokens[i].lower in _NP_SKIP
        ):
            # "put 600 extra officers on the streets and would hire 250 more"
            item.noun = previous.noun
        if (
            not noun
            and previous is not None
            and previous.kind == "count"
            and i + 1 < len(tokens)
            and tokens[i].lower == "of"
            and tokens[i + 1].lower in ("them", "whom", "these")
        ):
            # "214 patients were waiting, nine of them for more than 24 hours"
            item.noun = previous.noun
            rest = _right_words(tokens, i + 2)
            inherited_count = " ".join([previous.noun, *rest]) if rest else previous.what
        elif (
            not noun
            and previous is not None
            and previous.kind == "count"
            and previous.noun
            and first >= 1
            and tokens[first - 1].lower == "including"
            and i < len(tokens)
            and _is_verb_form(tokens[i].lower)
        ):
            # "About 1,400 crew members, including 300 sent from Manitoba": a part of them
            item.noun = previous.noun
            inherited_count = " ".join([previous.noun, *_right_words(tokens, i, limit=3)])
        elif (
            not noun
            and previous is not None
            and previous.kind == "count"
            and previous.what
            and first >= 2
            and tokens[first - 2].lower == "of"
            and tokens[first - 1].lower in ("which", "whom")
        ):
            # "Admissions have reached 203,450, of which 38,200 were in the capital"
            item.noun = previous.noun
            rest = _right_words(tokens, i)
            inherited_count = " ".join([previous.what.split()[0], *rest])
        elif not noun and i < len(tokens) and tokens[i].lower == "of":
            # "31 of those arrested", "14 of his students", "340 of the city's 1,150 buses"
            k = _past_determiners(tokens, i + 1)
            if k > i + 1 or (k < len(tokens) and tokens[k].lower not in _NUMBER_WORDS):
                noun, after = _noun_phrase(tokens, k, allow_verbs=True)
                if not noun or noun[0].text[0].isupper():
                    # "all 24 of its Boeing 737 MAX 9 jets": the name, then the noun
                    m = k
                    while m < len(tokens) and m - k < 6 and not tokens[m].text[0].islower():
                        m += 1
                    if m > k and m < len(tokens):
                        named, named_end = _noun_phrase(tokens, m)
                        if named:
                            noun, after = named, named_end
        if noun and tokens[i].lower != "of":
            item.end = noun[-1].end  # the evidence runs to the counted noun
            item.noun = " ".join(t.text for t in noun)
            item.unit = item.noun
        elif noun:
            item.noun = " ".join(t.text for t in noun)
    else:
        if (
            i + 2 < len(tokens)
            and tokens[i].text == "("
            and tokens[i + 1].text.isalpha()
            and tokens[i + 1].text.isupper()
            and tokens[i + 2].text == ")"
        ):
            i += 3  # "24,000 megawatts (MW) of capacity": the unit's abbreviation
        noun, after = _noun_phrase(tokens, i)
        if not noun:
            # "3.2 billion shillings ($24.8 million) in public contracts"
            j = _past_conversion(tokens, covered, i) if item.kind == "money" else i
            if first > 0 and j < len(tokens) and tokens[first - 1].lower in _ARTICLES:
                # "the €9.5 billion ($10.6 billion) deal", "a $2 billion Eurobond that"
                noun, after = _noun_phrase(tokens, j) if j > i else ([], i)
                if not noun and _lone_name(tokens, j):
                    noun, after = [tokens[j]], j + 1
            k = -1 if noun else _object_start(tokens, j, item.kind)
        else:
            k = -1
        if k >= 0:
            noun, after = _noun_phrase(tokens, k)
            if noun and tokens[k - 1].lower == "of" and _and_noun(tokens, after):
                noun, after = (
                    [*noun, *tokens[after : after + 2]],
                    after + 2,
                )  # "of crops and pasture"
            if noun and noun[-1].lower in _TIME_NOUNS:
                noun, after = [], i  # "fell 0.1% in the last three months": when, not what
            if (
                noun
                and item.kind == "measure"
                and tokens[i].lower == "of"
                and tokens[i - 1].text[0].isalpha()
                and tokens[i - 1].lower not in _METRIC_WORDS
            ):
                noun = [tokens[i - 1], tokens[i], *noun]  # "310,000 cups of water"
        if not noun:
            after = i
    action, after_action = _action_after(tokens, after)
    verb = _verb_before(tokens, first)
    inherited = _inherit(text, item, previous)
    if (
        not inherited
        and item.kind == "percent"
        and previous is not None
        and previous.noun
        and _OF_THOSE.match(text, item.end)
    ):
        inherited = previous.noun  # "1.2 million tickets had been sold, 88% of those available"
        noun = []
    if (
        not inherited
        and previous is not None
        and (
            _THAN_BEFORE.match(text, item.end)
            or (
                item.kind == "percent"
                and (
                    text[previous.end : item.start].strip() == ","
                    # "312 mm of rain fell on Barcelona last year, 47% below the average";
                    # "27% more than Friday's closing price" compares with a price of its own
                    or (
                        _COMMA_GAP.match(text[previous.end : item.start])
                        and _BELOW_ABOVE.match(text, item.end)
                    )
                )
                and _COMPARED_AFTER.match(text, item.end)
            )
        )
    ):
        # "arrested 1,850 people, 14 percent more than a year earlier"; "waits averaged 5.4
        # hours, 27 per cent longer than the national median"
        inherited = previous.what
        noun = []
    words: list[str] = []
    if item.times:
        words = _times_what(tokens, covered, first, i)
    elif item.kind == "count" and inherited_count:
        words = inherited_count.split()
    elif item.kind == "count" and noun and noun[-1].lower in ("points", "point"):
        # "the index closed down 187.4 points": points measure the index
        context = _left_context(tokens, covered, first)
        words = [*context, *(t.text for t in noun if t.text not in context)]
    elif (
        item.kind == "count"
        and not noun
        and (
            (whole := _FRONTED_OF.match(text, 0, item.start)) is not None
            or (
                # "Of the 104 ranked universities, 52 fell, 19 rose": the next part too
                previous is not None
                and previous.kind == "count"
                and _NEXT_PART.match(text[previous.end : item.start])
                and (whole := _FRONTED_OF.match(text, 0, previous.start)) is not None
            )
        )
    ):
        # "Of the injured, 27 are said to be in a serious condition"
        item.noun = whole.group(1)
        words = [whole.group(1), *_right_words(tokens, i)]
    elif item.kind == "count" and not noun and not inherited and _container_before(tokens, first):
        # "a crowd of [38,400] watched": the noun before "of" is what is counted
        words = [tokens[first - 2].text, *(_participle(t.text) for t in action)]
    elif item.kind == "count":
        words = [t.text for t in noun] or ([item.noun] if item.noun else [])
        if (
            not words
            and action
            and previous is not None
            and previous.kind == "count"
            and previous.noun
            and _BARE_AND.match(text[previous.end : item.start])
        ):
            # "Six people have been killed and 19 injured": the noun is written once
            item.noun = previous.noun
            words = [previous.noun]
        if action:
            words += [_participle(t.text) for t in action]
        elif not noun and verb is not None and verb.lower in _LEVEL_VERBS:
            # "layoffs across the industry reached [136,000]": the subject is what is counted
            words = _left_context(tokens, covered, first) or [verb.text]
        elif verb is not None and _participle(verb.text) not in words:
            if (
                not noun
                and previous is not None
                and previous.kind == "count"
                and _head(previous.noun) in _PEOPLE
            ):
                # "killing two people, injuring [23]": the same people, another event
                words.append(previous.noun)
            words.append(_participle(verb.text))
        if not noun and not action and verb is None:
            before = first - 1
            while before >= 0 and (
                tokens[before].lower in _WEAK_WORDS or tokens[before].lower in ("a", "an", "the")
            ):
                before -= 1  # "rose to a record [7.8 million]"
            if before >= 0 and tokens[before].lower in _PREPOSITIONS:
                # "the national total to [4,812]", "a capacity of [51,700]"
                words = inherited.split() or _left_context(tokens, covered, first)
            elif (
                before >= 1
                and tokens[before].text == ","
                and (i >= len(tokens) or tokens[i].text in (",", ".", ";"))
                and tokens[before - 1].text[0].isalpha()
            ):
                # "raised the alert to its highest level, four,": in apposition to a noun
                words = _subject(tokens[:before], hop=False)[-3:]
            else:
                words = inherited.split() or _right_words(tokens, i)
            words = words or _left_context(tokens, covered, first)
    else:
        part_of = ""
        if item.kind == "percent" and (not noun or _is_verb_form(noun[0].lower)):
            part_of = _whole_of_part(text, item, previous)
            if part_of and noun:
                action, noun = noun[:1], []  # "73% showed bleaching": a verb, not a noun
        if part_of and not inherited:
            # "Of the 1,080 reefs surveyed, 73% showed bleaching and 39% were severely
            # bleached"; "41% of primary schools said ... and 17 percent had dropped"
            words = [part_of, *(_participle(t.text) for t in action)] if action else [part_of]
        elif inherited:
            # "51.2% of the vote ... against 46.9% for his rival"
            words = inherited.split() + [t.text for t in noun if t.text not in inherited]
        else:
            context = _left_context(tokens, covered, first)
            words = [*context, *(t.text for t in noun if t.text not in context)]
            if action:
                words += [_participle(t.text) for t in action]
            elif (
                noun
                and item.kind == "percent"
                and after + 1 < len(tokens)
                and tokens[after].lower in ("were", "are", "was", "is")
                and tokens[after + 1].text[0].islower()
                and tokens[after + 1].lower not in _STOP
            ):
                # "62% of the new arrivals were children": what they are is the point
                words += [tokens[after].text, tokens[after + 1].text]
            if not words:
                words = _right_words(tokens, after)
        if item.kind == "money":
            words += _purpose(
                tokens, _past_conversion(tokens, covered, after_action if action else after)
            )
    if item.rate and item.rate not in words:
        words += ["a", item.rate]  # "costs 1,450 euros a month"
    if item.kind in ("money", "percent", "measure") and not noun:
        rate = _RATE.match(text, item.end)
        if (
            rate
            and rate.group(2) in _RATE_NOUNS
            and rate.group(2) not in words
            and not _TIME_AFTER.match(text, rate.end())
        ):
            words += [rate.group(1), rate.group(2)]
        if len(words) <= 1:
            words += [w for w in _right_words(tokens, i, limit=6) if w not in words]
    if item.unit == "mag" and "magnitude" not in words:
        words = [*words[:5], "magnitude"]  # "a 6.1-magnitude quake": the quake's magnitude
    item.what = " ".join(words[:8])
    item.category = _category(item.what, verb)


def _times_what(tokens: list[_Token], covered: set[int], first: int, i: int) -> list[str]:
    """ "five times more likely", "three times as much as any rival", "raised its rate 11
    times": a multiplier or a number of occasions names itself and what it compares."""
    tail: list[str] = []
    if i < len(tokens) and tokens[i].lower in _COMPARISON_STARTS:
        k = i
        while (
            k < len(tokens)
            and len(tail) < 5
            and tokens[k].text[0].isalpha()
            and tokens[k].lower not in _CLAUSE_BREAKS
        ):
            tail.append(tokens[k].text)
            k += 1
        return ["times", *tail]
    return [*_left_context(tokens, covered, first)[-5:], "times"]


_COMPARISON_STARTS: Final = frozenset(
    _words("more less as higher lower larger bigger smaller faster greater the what over")
)
_THAN_BEFORE: Final = re.compile(
    r"\s+(?:more|less|fewer|higher|lower|up|down)\s+(?:than|from|on)\s+"
    r"(?:a year|the year|the previous|last|a month|the same|in \d{4}|\d{4})",
    re.IGNORECASE,
)
# "312 mm of rain fell on Barcelona last year, 47% below the long-term average"
_COMMA_GAP: Final = re.compile(r"^[^\d;:]{0,60},\s*$")
_BELOW_ABOVE: Final = re.compile(r"\s+(?:below|above)\b")
_COMPARED_AFTER: Final = re.compile(
    r"\s+(?:more|less|fewer|higher|lower|longer|shorter|bigger|smaller|above|below)\b"
)
_TIME_AFTER: Final = re.compile(r"\s+(?:earlier|ago|before|later|after|previously)\b")


def _object_start(tokens: list[_Token], i: int, kind: str) -> int:
    """Where the thing measured starts after "of"/"in"/"for" ("$1.5 billion in aid") or
    after a comparison ("27% more than Friday's closing price"); -1 if there is none."""
    if i >= len(tokens):
        return -1
    word = tokens[i].lower
    k = i + 1
    if word in _RIGHT_PREPOSITIONS or (word in _COMPARATIVES and kind == "percent"):
        pass
    elif (
        kind == "money"
        and word in ("from", "to")
        and k < len(tokens)
        and tokens[k].lower in _DETERMINERS
    ):
        pass  # "moving £14.7m from the fund", "add $2,500 to the price of a car"
    elif (
        word in ("more", "less", "higher", "lower")
        and k < len(tokens)
        and tokens[k].lower == "than"
    ):
        k += 1
    else:
        return -1
    return _past_determiners(tokens, k)


def _past_determiners(tokens: list[_Token], k: int) -> int:
    """The first token of the noun phrase at ``k``, past its determiners, possessives and
    the numbers they introduce."""
    while k < len(tokens) and (
        tokens[k].lower in _DETERMINERS
        or (tokens[k].lower == "of" and tokens[k - 1].lower in ("each", "every", "all"))
        or (
            # "nine of the first 14 races", "four of the top six places"
            (tokens[k].lower in _ORDINAL_WORDS or tokens[k].lower in ("top", "bottom"))
            and tokens[k - 1].lower in _DETERMINERS
            and k + 1 < len(tokens)
            and (tokens[k + 1].text[0].isdigit() or tokens[k + 1].lower in _NUMBER_WORDS)
        )
        or (
            tokens[k].text[0].isdigit()
            and (tokens[k - 1].lower in _DETERMINERS or _is_possessive(tokens[k - 1].lower))
        )
        or (
            # "the last five games", "the top six places"
            (tokens[k].text[0].isdigit() or tokens[k].lower in _NUMBER_WORDS)
            and (tokens[k - 1].lower in _ORDINAL_WORDS or tokens[k - 1].lower in ("top", "bottom"))
            and tokens[k - 2].lower in _DETERMINERS
        )
        # "its 171,000-strong workforce"
        or (
            tokens[k].text == "-"
            and tokens[k - 1].text[0].isdigit()
            and k + 2 < len(tokens)
            and tokens[k + 1].lower in ("strong", "member", "seat", "year", "day")
        )
        or (tokens[k - 1].text == "-" and tokens[k].lower in ("strong", "member"))
        or (tokens[k].lower in _SCALE_WORDS and tokens[k - 1].text[0].isdigit())
        or (
            _is_possessive(tokens[k].lower)
            and k + 1 < len(tokens)
            and tokens[k + 1].text[0].isdigit()
        )
    ):
        k += 1  # "$13,500 for each of its 860,000 residents", "70% of the country's 81,000 men"
    return k


_RATE_NOUNS: Final = frozenset(_words("year month week day hour share litre ticket head person"))


_BARE_AND: Final = re.compile(r"^(?:\s+[a-z]+){0,3}?\s*,?\s+and\s+$")
_ARTICLES: Final = frozenset(_words("a an the"))


def _lone_name(tokens: list[_Token], j: int) -> bool:
    """ "a $2 billion Eurobond that matures": one capitalised noun, then the clause goes on."""
    return (
        tokens[j].text[0].isupper()
        and tokens[j].text.isalpha()
        and (
            j + 1 >= len(tokens)
            or not tokens[j + 1].text[0].isalpha()
            or tokens[j + 1].lower in _STOP
        )
    )


def _container_before(tokens: list[_Token], first: int) -> bool:
    """ "a crowd of [38,400]", "a fleet of [40]": a noun with "a" and "of" before the number."""
    return (
        first >= 3
        and tokens[first - 1].lower == "of"
        and tokens[first - 2].text[0].islower()
        and tokens[first - 2].lower not in _STOP
        and tokens[first - 2].lower not in _WEAK_WORDS
        and (
            tokens[first - 3].lower in ("a", "an")
            # "a record crowd of [269,000]"
            or (tokens[first - 3].lower in _WEAK_WORDS and tokens[first - 4].lower in ("a", "an"))
        )
    )


def _is_modifier_pair(modifier: _Token, noun: _Token) -> bool:
    """ "wind capacity" after "solar and": a lower-case word, then the noun both share."""
    return (
        all(
            t.text[0].isalpha()
            and t.text[0].islower()
            and t.lower not in _STOP
            and not _is_verb_form(t.lower)
            and not t.lower.endswith("ing")
            for t in (modifier, noun)
        )
        and noun.lower in _SHARED_HEADS
    )


# nouns that two modifiers often share in news ("solar and wind capacity", "bus and tram
# drivers"); a closed list, because "dogs and cats" are two counted things
_SHARED_HEADS: Final = frozenset(
    _words(
        "capacity power energy workers drivers staff employees members officers troops "
        "forces vehicles services sales exports imports jobs projects schools hospitals "
        "farms companies firms banks homes buildings routes lines flights trains buses fields "
        "crops"
    )
)


def _is_adverb(lower: str) -> bool:
    return lower.endswith("ly") and len(lower) > 4 and lower not in _LY_NOUNS


def _is_plural_noun(lower: str) -> bool:
    return (
        lower.endswith("s")
        and not lower.endswith("ss")
        and len(lower) > 3
        and lower not in _S_VERBS
        and lower not in _STOP
    )


_S_VERBS: Final = frozenset(
    _words(
        "says adds warns insists admits believes claims thinks hopes wants needs plans expects "
        "takes makes gets looks seems remains despite whereas unless across"
    )
)


def _is_possessive(lower: str) -> bool:
    return lower.endswith(("'s", "’s"))


def _participle(word: str) -> str:
    return _EVENT_VERBS.get(word.lower(), word)


def _right_words(tokens: list[_Token], i: int, limit: int = 4) -> list[str]:
    """Content words after the number: "35 include a disabled person" -> "include disabled
    person"; "two were in a serious condition" -> "serious condition"."""
    words: list[str] = []
    while i < len(tokens) and len(words) < limit:
        token = tokens[i]
        if token.text in _QUOTES:
            i += 1
            continue
        if not token.text[0].isalpha():
            break
        if token.lower not in _STOP:
            words.append(token.text)
        i += 1
    return words


_QUOTES: Final = frozenset("\"“”‘’'")


def _past_conversion(tokens: list[_Token], covered: set[int], i: int) -> int:
    """The token after an amount restated in another currency between commas or brackets
    ("released 350 million soles, about $93 million, for relief"), else ``i``."""
    if i >= len(tokens) or tokens[i].text not in (",", "("):
        return i
    close = "," if tokens[i].text == "," else ")"
    k = i + 1
    while k < len(tokens) and tokens[k].lower in _CONVERSION_WORDS:
        k += 1
    if k >= len(tokens) or k not in covered:
        return i
    while k < len(tokens) and k in covered:
        k += 1
    return k + 1 if k < len(tokens) and tokens[k].text == close else i


_TIME_NOUNS: Final = frozenset(
    _words(
        "year years month months week weeks day days quarter quarters period time first season "
        "decade"
    )
)
# units that say how much, not what: "12,000 hectares of forest" counts forest
_METRIC_WORDS: Final = frozenset(
    _words(
        "hectares hectare acres acre km kilometres kilometers miles mile metres meters m mm cm "
        "millimetres millimeters centimetres centimeters inches tonnes "
        "tonne tons ton t kg kilograms kilos pounds lb litres liters gallons barrels mw gw mwh "
        "gwh square cubic sq ha megawatts gigawatts kilowatts megawatt gigawatt"
    )
)
_SCALE_WORDS: Final = frozenset(_words("thousand million billion trillion m bn mn k"))
_CONVERSION_WORDS: Final = frozenset(_words("or about around roughly some nearly almost"))


def _purpose(tokens: list[_Token], i: int) -> list[str]:
    """ "$75m to hire 350 officers", "18.5 million dollars to fight the disease", "350 million
    soles for relief and reconstruction"."""
    if i + 2 < len(tokens) and (
        tokens[i].lower == "for"
        or (tokens[i].lower == "to" and tokens[i + 1].lower in _DETERMINERS)
    ):
        # "for relief and reconstruction"; "to the family of each miner killed"
        k = i + 1
        while k < len(tokens) and tokens[k].lower in _DETERMINERS:
            k += 1
        phrase, _ = _noun_phrase(tokens, k)
        if (
            phrase
            and phrase[0].text[0].islower()
            and not _TIME_NOUNS.intersection(t.lower for t in phrase)
        ):
            return [tokens[i].text, *(t.text for t in phrase)]
        return []
    if i + 1 >= len(tokens) or tokens[i].lower != "to":
        return []
    verb = tokens[i + 1]
    if not verb.text[0].isalpha() or verb.lower in _STOP or not verb.text[0].islower():
        return []
    words = ["to", verb.text]
    k = i + 2
    while k < len(tokens) and len(words) < 6:
        token = tokens[k]
        if not token.text[0].isalpha():
            if not token.text[0].isdigit():
                break  # "to build 2,800 apartments", "to repair the 1920s-era library"
        elif token.lower in _CLAUSE_BREAKS or (
            token.lower in _STOP and token.lower not in _DETERMINERS and token.lower != "or"
        ):
            break
        elif token.lower not in _DETERMINERS and tokens[k - 1].end != token.start:
            words.append(token.text)
        k += 1
    return words


_INHERIT_GAP: Final = re.compile(
    r"(?:\b(?:from|against|compared with|compared to|versus|vs\.?|than)"
    r"(?:\s+(?:about|around|some|nearly|almost|roughly))?\s*$)"
    r"|^\s*(?:to|and|or|,|of)\s*$|\bincluding\s*$"
    # "350 million soles, about $93 million,", "Rs 6.1 lakh crore (about $73.5 billion)":
    # the same amount in another currency
    r"|^\s*[,(]\s*(?:or\s+)?(?:about|around|roughly|some|nearly|almost)?\s*$"
)
# every match of _INHERIT_GAP ends with one of these words (then spaces)
_INHERIT_ENDINGS: Final = tuple(
    _words("from against with to versus vs vs. than about around some nearly almost roughly")
    + _words("and or , of including (")
)
# "Of the injured, 27", "Of the 87 workers underground at the time, 74"
_FRONTED_OF: Final = re.compile(
    r"\s*Of (?:the|those|these)\s+(?:[\d,]+\s+)?"
    r"((?:[a-z]+(?: [a-z]+)?)(?=,)|(?:[\w'’-]+\s+){0,2}?[a-z]+s\b)[^,;]{0,60},\s*$"
)
_NEXT_PART: Final = re.compile(r"^(?:\s+[a-z]+){1,3}(?:,\s*|\s+and\s+|,\s*and\s+)$")
_OF_THOSE: Final = re.compile(r"\s+of\s+(?:those|them|these)\b")
_AND_AGAIN: Final = re.compile(r"^(?:\s+[a-z]+){0,3}\s+and\s+$")
_AND_AGAIN_END: Final = re.compile(r"\s*(?:[,.;]|$)|\s+(?:by|in|from|until)\s+\d{4}\b")
_WORTH_GAP: Final = re.compile(r"^[^,;]{0,40},\s*(?:worth|valued at)\s+$")
_LEVEL_GAP: Final = re.compile(r"^(?:\s+[\w'’-]+){0,5},?\s+to\s+$")
# "..., and by 8.5%", "... but still 6%": a coordinator, then at most small words, so the
# number after it has no subject or verb of its own
_GAPPED: Final = re.compile(
    r"^[^;:.!?]{0,80}?(?:,\s*|\s+)(?:and|but|while|whereas)"
    r"(?:(?:\s+(?:still|by|only|just|at|to|up|down|nearly|about|almost|roughly|around|"
    r"some|then|a|another|further|over|under))*)\s+$"
)
_NAME_WITH: Final = re.compile(
    r"(?:\bfollowed by\s+[^;:.]{1,40}?|(?:,|\band)\s+(?:the\s+)?(?:[A-Z][\w'’.&-]*\s+){1,4})"
    r"with\s+$"
)
# what sets a second number apart: "8.5% in London", "84,300 for a procedure", "4% next year"
_PLACE_PHRASE: Final = re.compile(
    r"\s+((?:in|at|on|for|to|among|from)\s+(?:(?:the|a|an|its|their)\s+)?"
    r"(?!and\b|or\b)[A-Za-z][\w'’-]*(?:\s+(?!and\b|or\b)[A-Za-z][\w'’-]*){0,2}"
    r"|(?:next|this|last)\s+(?:year|month|week|quarter))"
)
_NEXT_WORD: Final = re.compile(r"\s*(?:of\s+[^,;.]{1,30}?\s+)?([a-z]+)\b")
_PLACE_AFTER: Final = re.compile(r"\s+(in|at|on|for|to|among|from)\s")


def _own_verb_after(text: str, end: int) -> bool:
    """ "..., while 30% said only some had": the second number starts a clause of its own."""
    word = _NEXT_WORD.match(text, end)
    return word is not None and (
        _is_clause_verb(word.group(1)) or word.group(1) in _COPULAS or word.group(1) in _S_VERBS
    )


def _parallel_places(text: str, previous_end: int, end: int) -> bool:
    """ "cuts of 9.6% at Agriculture and 5.6% at the EPA": each number has its own place, so
    the first one's description (which names its place) is not the second one's."""
    a = _PLACE_AFTER.match(text, previous_end)
    b = _PLACE_AFTER.match(text, end)
    return a is not None and b is not None and a.group(1) == b.group(1)


_RESTATED: Final = re.compile(r"^\s*,\s*(?:or|at)\s+$")
_UP_DOWN: Final = re.compile(
    r"^[^,;]{0,80},\s*(up|down|an increase|a rise|a fall|a drop|a decrease)\s*(?:of|by)?\s*$"
)


def _is_verb_like(lower: str) -> bool:
    """_is_clause_verb, _is_verb_form, or a gerund, in one pass over merged word lists."""
    if lower in _VERB_LIKE_WORDS:
        return True
    if lower.endswith("ed"):
        return len(lower) > 4 and lower not in _VERB_LIKE_ED_BLOCK
    return lower.endswith("ing") and lower not in _ING_NOUNS


def _whole_of_part(text: str, item: _Found, previous: _Found | None) -> str:
    """The whole a bare percentage is a part of: fronted ("Of the 1,080 reefs surveyed,
    73% showed"), or named after the percentage before it ("41% of primary schools said
    ... and 17 percent had dropped")."""
    fronted = _FRONTED_OF.match(text, 0, item.start)
    if fronted:
        return fronted.group(1)
    if previous is None or previous.kind != "percent":
        return ""
    gap = text[previous.end : item.start]
    if _NEXT_PART.match(gap):
        fronted = _FRONTED_OF.match(text, 0, previous.start)
        if fronted:
            return fronted.group(1)
    if _GAPPED.match(gap) and _own_verb_after(text, item.end):
        named = _OF_WHOLE.match(text, previous.end)
        if named:
            return named.group(1)
    return ""


_OF_WHOLE: Final = re.compile(r"\s+of\s+(?:the\s+|all\s+)?((?:[\w'’-]+\s+){0,2}?[a-z]+s)\b")


def _with_place(what: str, where: str) -> str:
    """ "rents rose" + "in London"; "bonds went to fund managers" + "to pension funds" ->
    "bonds went to pension funds": the new place replaces the old one."""
    place = where.split()
    while place and place[-1].lower() in _STOP:
        place.pop()  # "in the years to follow"
    if len(place) < 2:
        return what
    shared = what.split()
    if place[0] in shared[1:]:
        # "went to fund managers" then "to pension funds": the new place replaces the old
        del shared[len(shared) - 1 - shared[::-1].index(place[0]) :]
        return " ".join([*shared, *place])
    for p in range(1, len(shared)):
        lower = shared[p].lower()
        if (
            lower in _PREPOSITIONS
            and lower != "of"
            and any(_is_verb_like(w.lower()) for w in shared[:p])
        ):
            # the first number's own place, after its verb, is not the second one's
            del shared[p:]
            break
    return " ".join([*shared, *place])


def _inherit(text: str, item: _Found, previous: _Found | None) -> str:
    """ "fell to £412m from £890m": the second number counts what the first one does;
    "$1.1bn ..., up 18 percent" measures the change of the first one."""
    if previous is None or not previous.what:
        return ""
    gap = text[previous.end : item.start]
    change = (
        _UP_DOWN.match(gap)
        if "," in gap
        and (item.kind == "percent" or item.kind == previous.kind in ("money", "count"))
        else None
    )
    if change:
        word = change.group(1).split()[-1]
        if word in ("up", "down"):
            return previous.what
        return f"{word} in {previous.what}"  # "an increase of 9%": increase in what
    if (
        previous.kind == item.kind
        and item.kind in ("percent", "money")
        and _AND_AGAIN.match(gap)
        and _AND_AGAIN_END.match(text, item.end)
        and previous.what
    ):
        # "rises to 28% this year and 80% by 2030": the same measure again, a little later
        return previous.what
    if (
        previous.kind == item.kind
        and item.kind in ("percent", "money", "measure")
        and _GAPPED.match(gap)
        and not _own_verb_after(text, item.end)
        and not _parallel_places(text, previous.end, item.end)
    ):
        # "rents rose 8.1%, and by 8.5% in London", "70% of the bonds went to fund managers
        # and 14% to pension funds": the second number shares the first one's subject and verb
        where = _PLACE_PHRASE.match(text, item.end) if item.kind != "money" else None
        return _with_place(previous.what, where.group(1) if where else "")
    if previous.kind == item.kind and _NAME_WITH.search(gap):
        # "Arrivals from South Korea rose to 880,000, followed by China with 760,000 and
        # Taiwan with 590,000": a ranking that names the counted thing once
        return previous.what
    if item.kind == "money" and _WORTH_GAP.match(gap):
        return f"{previous.what} worth"  # "4.1 million tonnes of fish, worth €6.9 billion"
    if previous.kind == "percent" and item.kind != "percent" and _LEVEL_GAP.match(gap):
        # "rose 27% in the second quarter to €1.18 billion": the level the change led to
        return previous.what
    if _RESTATED.match(gap):
        # "down $2.61, or 3.2 percent, at $78.50": the same change in other terms, then the
        # level it left: all three are about what the first one is about
        return previous.what
    if previous.kind != item.kind:
        return ""
    lowered = gap.lower()
    if lowered.rstrip().endswith(_INHERIT_ENDINGS) and _INHERIT_GAP.search(lowered):
        return previous.what
    return ""


def _clause_before(tokens: list[_Token], covered: set[int], i: int) -> tuple[list[_Token], str]:
    """The tokens of the clause that ends at token ``i`` (other figures skipped), and the
    word that opened it."""
    j = i - 1
    clause: list[_Token] = []
    opener = ""
    while j >= 0 and len(clause) < 18:
        token = tokens[j]
        if j in covered:
            j -= 1
            continue
        if token.lower in _CLAUSE_BREAKS and not (
            token.lower == "and"
            and j + 1 < len(tokens)
            and (
                tokens[j + 1].lower in _AND_OVER
                # "England and Wales": one place with two names
                or (j > 0 and tokens[j - 1].text[0].isupper() and tokens[j + 1].text[0].isupper())
            )
        ):
            opener = token.lower
            if opener in ("which", "who", "that") and j > 0 and tokens[j - 1].text == ",":
                # "inflation, which peaked at": the subject is the noun before the comma
                k = j - 2
                antecedent: list[_Token] = []
                while k >= 0 and tokens[k].text[0].isalpha() and tokens[k].lower not in _STOP:
                    antecedent.append(tokens[k])
                    k -= 1
                clause = clause + antecedent[:3]
            break
        clause.append(token)
        j -= 1
    clause.reverse()
    return clause, opener


def _left_context(tokens: list[_Token], covered: set[int], i: int) -> list[str]:
    """Subject and verb, or verb and object, before a money figure or a percentage.

    "revenue slipped [4.5 percent]" -> "revenue slipped"; "approved a record budget of
    [$4.3 billion]" -> "approved record budget"; "an increase of [6.2 percent]" -> "increase".
    """
    clause, opener = _clause_before(tokens, covered, i)
    if opener == "," and clause and (clause[0].lower in _COPULAS or clause[0].lower in _MODALS):
        # "Soybean planting, which begins in late October, is expected to cover": the verb
        # after an aside has its subject before the aside
        subject = _antecedent(tokens, _index_after(tokens, clause[0].start) - 1)
        if subject:
            rest = [w for w in _content(clause) if w.lower() not in _WEAK_WORDS]
            return [*subject, *rest[-3:]]
    verb_at = _last_verb(clause)
    if verb_at is None:
        content = _content(clause)
        if (
            opener == ","
            and 1 <= len(content) <= 2
            and clause[0].text[0].islower()
            and tokens[i - 1].lower != "the"  # "beats the £100m that City paid"
        ):
            # "The largest swarm, spotted near Wajir, covers 240,000 hectares": a verb we do
            # not know, after an aside about its subject
            subject = _antecedent(tokens, _index_after(tokens, clause[0].start) - 1)
            if subject:
                return [*subject, *content]
        if opener == "," and not content:
            # "inflation, at 3.8%, was", "The appeal for Sudan, $310m for the next six
            # months,": an aside about the noun before the comma
            comma = i - 1
            while comma >= 0 and tokens[comma].text != ",":
                comma -= 1
            # a currency sign after the comma: the whole noun phrase is priced, so the
            # subject may hop ("appeal for Sudan"); "the town of Keshan, about 40 km" not
            priced = comma + 1 < len(tokens) and tokens[comma + 1].text[0] in _CURRENCY_SIGNS
            return _subject(tokens[:comma], hop=priced)[-3:]
        return _content(clause)[-4:]
    verb = clause[verb_at]
    between = [w for w in _content(clause[verb_at + 1 :]) if w.lower() not in _WEAK_WORDS]
    between = [w for w in between if not (w.lower().endswith("ly") and len(w) > 4)]
    between = [w for w in between if w.lower() not in _TIME_NOUNS]  # "rose 9% in the week"
    if between and verb.lower in _DITRANSITIVE and verb_at > 0:
        # "the subsidies cost the state 1.8 billion euros": the subject is what costs
        subject = _subject(clause[:verb_at], hop=False)[-3:]
        if subject:
            return [*subject, verb.text, *between[-2:]]
    if (
        between
        and verb_at > 0
        and tokens[i - 1].lower == "to"
        and (
            clause[verb_at + 1].lower == "by"
            or (
                verb.lower in _CHANGE_VERBS
                # a noun in "the second monthly fall in the index to 48.3"
                and (
                    verb.lower.endswith("ed")
                    or verb.lower in _IRREGULAR_PAST
                    or clause[verb_at - 1].lower in _COPULAS
                )
            )
        )
    ):
        # "Rates rose by a quarter point to 5.25%": the level the subject came to ("widened
        # the zone to 7 km" names what changed after the verb)
        subject = _subject(clause[:verb_at])[-3:]
        if subject:
            return [*subject, verb.text]
    if between:
        if verb.lower in _COPULAS:
            if verb_at > 0 and (
                between[0].lower().endswith("ing") or verb.lower in _MODALS or len(between) <= 2
            ):
                # "its jails are running at 118 per cent", "maintenance loans will go up by",
                # "the pound was little changed at": after a progressive, a modal or a short
                # complement, what the number measures is the subject
                subject = _subject(clause[:verb_at])[-3:]
                if subject:
                    return [*subject, *between[-3:]]
            return between[-4:]
        verb_text = _participle(verb.text) if verb.lower.endswith("ing") else verb.text
        if verb.lower in _STAY_VERBS:
            # "unemployment held at a record low of 6.2%": what stayed is the point
            subject = _subject(clause[:verb_at])[-2:]
            return [*subject, verb_text, *between[-3:]]
        return [verb_text, *between[-4:]]
    hop = verb.lower not in _NO_HOP_VERBS or (
        verb_at > 0 and clause[verb_at - 1].lower in _COPULAS
    )  # "a deal worth $5bn" keeps "deal"; "trade between two countries was worth" hops
    subject = _subject(clause[:verb_at], hop=hop)
    # keep "price of" in "the price of the top Nova 12 Ultra"
    subject = subject[-6:] if "of" in subject[-6:-4] else subject[-5:]
    if not subject and opener == "," and clause:
        subject = _antecedent(tokens, _index_after(tokens, clause[0].start) - 1)
    if (
        not subject
        and opener == ","
        and verb_at == 0
        and (verb.lower.endswith("ed") or verb.lower in _IRREGULAR_PAST or verb.lower == "worth")
    ):
        # "Tickets, priced from £35 to £150, sold out", "won the contract, worth 12.4
        # billion kroner,": a participle clause about the noun before the comma
        comma = _index_after(tokens, clause[0].start) - 1
        subject = _subject(tokens[:comma], hop=False)[-3:]
    if (
        not subject
        and (
            opener in ("and", "but")
            or (opener == "," and verb_at == 0 and verb.lower.endswith("ing"))
        )
        # "..., and the board said it had brought in": a subject of its own
        and not any(
            t.text[0].isalpha() and t.lower not in _AUX_OR_SKIP and not _is_adverb(t.lower)
            for t in clause[:verb_at]
        )
    ):
        # "Reports began at 2.15pm and peaked at [310,000]": the verbs share one subject;
        # "the index suffered its worst day, closing down [187.4 points]" too
        start = _index_after(tokens, clause[0].start) if clause else i
        head = tokens[: max(start - 1, 0)]
        first_verb = _first_verb(head)
        if first_verb is not None:
            subject = _subject(head[:first_verb])[-5:]
    if verb.lower in _COPULAS:
        return subject
    return [*subject, verb.text]


def _antecedent(tokens: list[_Token], comma: int) -> list[str]:
    """ "Core inflation, which strips out volatile items, eased": the subject stands before
    a relative clause or an aside ("Average rents, however, climbed") closed by ``comma``."""
    j = comma - 1
    while j >= 0 and comma - j <= 12 and tokens[j].text != ",":
        j -= 1
    if j <= 0 or tokens[j].text != ",":
        return []
    aside = tokens[j + 1 : comma]
    if not aside:
        return []
    if aside[0].text[0] in _AMOUNT_STARTS and not any(_is_clause_verb(t.lower) for t in aside):
        # "The appeal for Sudan, $310m for the next six months, is only 22% funded"
        return _subject(tokens[:j])[-4:]
    if (
        aside[0].lower not in ("which", "who", "whose")
        and not (len(aside) == 1 and aside[0].lower in _ASIDES)
        # "Online sales, up 11%, now make up": a figure in the aside
        and not (
            aside[0].lower in ("up", "down", "at") and aside[-1].text in ("%", "cent", "percent")
        )
    ):
        # "Net profit at Nordbank, Germany's fourth-largest lender, rose": an appositive,
        # a noun phrase with no verb in it, names the noun before it again
        if (
            aside[0].text[0].islower()
            and aside[0].lower not in _STOP
            and (aside[0].lower.endswith("ed") or aside[0].lower in _IRREGULAR_PAST)
            and _is_verb_form(aside[0].lower)
        ):
            # "The appeal, launched three weeks ago, has raised": a participle clause
            return _subject(tokens[:j])[-4:]
        if aside[0].lower in _PREPOSITIONS and not any(_is_clause_verb(t.lower) for t in aside):
            # "Bids at the previous auction, in June 2024, totalled": a time or place aside
            return _subject(tokens[:j])[-4:]
        if (
            aside[0].lower in _APPOSITIVE_STARTS
            or _is_possessive(aside[0].lower)
            or all(t.text[0].isupper() for t in aside)  # "Its own token, VALE, has fallen"
        ) and not any(_is_clause_verb(t.lower) for t in aside):
            return _subject(tokens[:j])[-4:]
        return []
    return _subject(tokens[:j], hop=False)[-4:]


_CURRENCY_SIGNS: Final = frozenset("$€£¥₹")
_AMOUNT_STARTS: Final = _CURRENCY_SIGNS | frozenset("0123456789")
_APPOSITIVE_STARTS: Final = frozenset(_words("a an the its their his her"))


_AND_OVER: Final = frozenset(_words("over above older up"))  # "workers aged 21 and over"
_ASIDES: Final = frozenset(
    _words("however meanwhile though too moreover nonetheless nevertheless also")
)


def _last_verb(clause: list[_Token]) -> int | None:
    for k in range(len(clause) - 1, -1, -1):
        lower = clause[k].lower
        if _is_clause_verb(lower):
            if k > 0 and clause[k - 1].lower in _PREPOSITIONS and clause[k - 1].lower != "to":
                continue  # "kept rates on hold": a noun after a preposition
            if (
                lower.endswith("ing")
                and k > 0
                and (clause[k - 1].lower in _DETERMINERS or _is_clause_verb(clause[k - 1].lower))
                and clause[k - 1].lower not in _COPULAS  # "jails are running at": progressive
            ):
                continue  # "raises spending on transport": the gerund is the object
            return k
    return None


def _first_verb(tokens: list[_Token]) -> int | None:
    for k, token in enumerate(tokens):
        if (
            _is_clause_verb(token.lower) or token.lower in _COPULAS
        ) and token.lower not in _ING_NOUNS:
            return k
    return None


def _is_clause_verb(lower: str) -> bool:
    """A verb that can head a clause: not a state ("missing") nor a weak word ("record")."""
    if lower in _CLAUSE_VERB_WORDS:
        return True
    return lower.endswith("ed") and len(lower) > 4 and lower not in _CLAUSE_VERB_BLOCK


_CLAUSE_VERB_WORDS: Final = (_LINKING_VERBS | frozenset(_EVENT_VERBS) | _VERB_FORM_WORDS) - (
    _STATES | _WEAK_WORDS
)
_CLAUSE_VERB_BLOCK: Final = _STATES | _WEAK_WORDS | _VERB_FORM_BLOCK
_VERB_LIKE_WORDS: Final = _CLAUSE_VERB_WORDS | _VERB_FORM_WORDS
_VERB_LIKE_ED_BLOCK: Final = _CLAUSE_VERB_BLOCK & _VERB_FORM_BLOCK


_TIME_PREPOSITIONS: Final = frozenset(_words("since in until by during from before after"))
_ORDINAL_WORDS: Final = frozenset(
    _words(
        "first second third fourth fifth sixth seventh eighth ninth tenth last next final same "
        "other own"
    )
)
_MODALS: Final = frozenset(_words("will would could can may might should must shall"))
_STAY_VERBS: Final = frozenset(
    _words("held holds stood stands remained remains stayed stays hovered kept closed ended")
)
_CHANGE_VERBS: Final = frozenset(
    _words(
        "rose rise rises fell fall falls slipped slips climbed climbs jumped jumps declined "
        "declines grew grows surged soared plunged shrank slid sank tumbled edged"
    )
)
_DITRANSITIVE: Final = frozenset(_words("cost costs costing owe owes owed"))
_NO_HOP_VERBS: Final = frozenset(["worth", "valued", "costing", "totalling", "totaling"])


def _subject(tokens: list[_Token], *, hop: bool = True) -> list[str]:
    """The noun phrase that does the verb: the words right before it, or, when those are
    the object of a preposition or of a participle ("profit for the three months to June
    dropped", "the share of entries awarded the top grades rose"), the noun phrase before."""
    k = len(tokens) - 1
    skipped = 0
    while (
        k >= 0
        and skipped < 4
        and (
            tokens[k].lower in _COPULAS
            or tokens[k].lower in _SUBJECT_SKIP
            or _is_adverb(tokens[k].lower)  # "Pension spending currently amounts to"
            # "The economy is estimated to have expanded": not the noun "forecast"
            or (
                tokens[k].lower in _REPORTED
                and k > 0
                and (
                    tokens[k - 1].lower in _COPULAS
                    or (k + 1 < len(tokens) and tokens[k + 1].lower == "to")
                )
            )
        )
    ):
        k -= 1
        skipped += 1
    # "Admissions since January 1 have reached": a time after the subject
    when = k
    if when >= 0 and tokens[when].text.isdigit() and tokens[when - 1].lower in _MONTHS:
        when -= 1
    if when >= 1 and tokens[when].lower in _MONTHS and tokens[when - 1].lower in _TIME_PREPOSITIONS:
        k = when - 2
    elif (
        when >= 1
        and tokens[when].lower in _SUBJECT_TIMES
        and tokens[when - 1].lower in ("last", "this", "so")
    ):
        k = when - 2  # "Exports last year rose", "the bill this winter has reached"
        if k >= 1 and tokens[k].lower in ("for", "in", "during", "over"):
            k -= 1  # "the budget for this winter is"
    elif when >= 1 and tokens[when].lower in _TIME_PREPOSITIONS:
        k = when - 1  # its date is a figure of its own, already left out of the clause
    best: list[str] = []
    via_of: list[str] = []
    for _ in range(7):
        phrase: list[str] = []
        while k >= 0 and (
            (tokens[k].text[0].isalpha() and tokens[k].lower not in _STOP)
            or (phrase and tokens[k].text == "-" and k > 0 and tokens[k - 1].text.isdigit())
            # "18th-century jewels": digits glued to the word after them
            or (phrase and tokens[k].text.isdigit() and tokens[k].end == tokens[k + 1].start)
            or (
                # a number inside a name: "the price of the top Nova 12 Ultra", "the Stoxx
                # 600 fell", "concentrations of PM2.5 particles"
                k > 0
                and tokens[k].text[0].isdigit()
                and tokens[k].text.replace(".", "").isdigit()
                and tokens[k - 1].text[0].isupper()
                and tokens[k - 1].text.isalpha()
                and tokens[k - 1].lower not in _MONTHS
                and tokens[k - 1].lower not in _STOP  # "By 2025, 40% of"
                and (not phrase or phrase[-1][0].isupper() or tokens[k - 1].end == tokens[k].start)
            )
        ):
            if tokens[k].lower in _NUMBER_WORDS or (phrase and tokens[k].lower in _SAID):
                break  # "the network said ice had thinned": the subject starts after "said"
            if (
                phrase
                and _is_verb_form(tokens[k].lower)
                and "-" not in tokens[k].lower  # "semi-skimmed milk": an adjective
                and tokens[k].lower not in _STATES  # "an appeal for homeless people"
            ):
                break
            if (
                phrase
                and tokens[k].text == "-"
                and k > 0
                and tokens[k - 1].text.isdigit()
                and tokens[k - 1].end == tokens[k].start
                and tokens[k].end == tokens[k + 1].start
            ):
                # "Applications from 18-year-olds": a number inside a compound word
                phrase[-1] = tokens[k - 1].text + "-" + phrase[-1]
                k -= 2
                continue
            if (
                phrase
                and tokens[k].text.isdigit()
                and tokens[k].end == tokens[k + 1].start
                and tokens[k + 1].text[0].isalpha()
            ):
                phrase[-1] = tokens[k].text + phrase[-1]
                k -= 1
                if k >= 0 and tokens[k].end == tokens[k + 1].start and tokens[k].text[0].isalpha():
                    phrase[-1] = tokens[k].text + phrase[-1]  # "over-65s", "Club2School"
                    k -= 1
                continue
            if tokens[k].text[0].isdigit() and tokens[k - 1].end == tokens[k].start:
                phrase.append(tokens[k - 1].text + tokens[k].text)  # "PM2.5", "MP3"
                k -= 2
                continue
            phrase.append(tokens[k].text)
            k -= 1
        phrase.reverse()
        if (
            phrase
            and _is_verb_form(phrase[0].lower())
            and best
            and not (k < 0 and phrase[0][0].isupper())  # "Spending on supply staff reached"
            and phrase[0].lower() not in _ING_NOUNS  # "and spending on benefits climbed"
        ):
            break  # hopped back onto a verb: the subject was the phrase found before
        if phrase:
            if best and phrase[-1].lower() in _CONTAINERS and via_of == best:
                best = [*phrase, "of", *best]  # "the number of overseas students"
                break
            best = phrase
        while k >= 0 and (
            tokens[k].lower in _DETERMINERS
            or tokens[k].lower in _NUMBER_WORDS
            or (phrase and tokens[k].text[0].isdigit())  # "the 20 countries"
            or (phrase and tokens[k].lower in _ORDINAL_WORDS)  # "of the second dose"
        ):
            k -= 1
        if not phrase and best and hop and k >= 0 and tokens[k].lower in _PREPOSITIONS:
            k -= 1  # "profit for the [three months] to June": the figure left a gap
            continue
        if not hop or k < 0 or not phrase:
            break
        if (
            tokens[k].lower == "and"
            and phrase
            and phrase[0][0].isupper()
            and k > 0
            and tokens[k - 1].text[0].isupper()
        ):
            k -= 1  # "knife crime in England and Wales": one place, two names
            continue
        if tokens[k].lower in _PREPOSITIONS:
            via_of = best if tokens[k].lower == "of" else []
            k -= 1
            continue
        if (
            k >= 1
            and tokens[k].lower.endswith("ing")
            and tokens[k - 1].lower in _PREPOSITIONS
            and tokens[k].lower not in _ING_NOUNS
        ):
            # "The threshold for paying state income tax will rise": a gerund's object
            via_of = []
            k -= 2
            continue
        if (
            k >= 1
            and tokens[k - 1].lower in ("that", "which", "who")
            and tokens[k].text[0].islower()
            and tokens[k].lower not in _STOP
        ):
            # "the death toll from a quake that struck the Andes rose": the relative clause
            # belongs to the subject, whose head stands before "that"
            via_of = []
            k -= 2
            continue
        if (
            _is_verb_form(tokens[k].lower)
            and tokens[k].lower.endswith("ed")
            and tokens[k].lower not in _REPORTING_VERBS
        ):
            # "the share of entries awarded the top grades rose": a participle inside the
            # subject, but only if what stands before it is itself the object of a
            # preposition; "Volta estimated the tax would cost" keeps "tax"
            j = k - 1
            while j >= 0 and tokens[j].text[0].isalpha() and tokens[j].lower not in _STOP:
                j -= 1
            if j >= 0 and tokens[j].lower in _PREPOSITIONS and j < k - 1:
                via_of = []
                k -= 1
                continue
        break
    return best


# a number after these verbs is the level its subject came to
_LEVEL_VERBS: Final = frozenset(
    _words(
        "reached topped exceeded surpassed passed totalled totaled numbered climbed jumped "
        "increased decreased dropped doubled tripled"
    )
)
# "figures showed unemployment rising": what follows these verbs is a clause of its own
_REPORTING_VERBS: Final = frozenset(
    _words("showed revealed suggested indicated found confirmed estimated reported said added")
)
_CONTAINERS: Final = frozenset(
    _words(
        "number share proportion percentage total amount value price cost level rate count "
        "population"
    )
)


_REPORTED: Final = frozenset(_words("estimated projected forecast thought believed understood"))
_SAID: Final = frozenset(_words("said says told tells warned warns added adds"))
_SUBJECT_TIMES: Final = _TIME_NOUNS | frozenset(_words("far winter summer spring autumn"))
_SUBJECT_SKIP: Final = frozenset(
    _words(
        "to also not expected likely set due able going now still already alone did does do "
        "little barely largely slightly sharply broadly"
    )
)
_AUX_OR_SKIP: Final = (
    _COPULAS | _SUBJECT_SKIP | _REPORTED | frozenset(_words("then later also has have had"))
)


def _content(tokens: list[_Token]) -> list[str]:
    return [t.text for t in tokens if t.text[0].isalpha() and t.lower not in _STOP]


def _event(tokens: list[_Token], covered: set[int], i: int) -> str:
    """What happened on a date: "presidential elections took place", "Maduro said"."""
    clause, _ = _clause_before(tokens, covered, i)
    for k in range(len(clause) - 1, -1, -1):
        lower = clause[k].lower
        if lower in _LINKING_VERBS or _is_verb_form(lower):
            subject = _subject(clause[:k])[-3:]
            return " ".join(subject + _content(clause[k:])[:3])
    return " ".join(_content(clause)[-4:])


def _category(what: str, verb: _Token | None) -> str | None:
    for word in what.lower().split():
        if word in _CATEGORY:
            return _CATEGORY[word]
    if verb is not None and verb.lower in _CATEGORY:
        return _CATEGORY[verb.lower]
    return None


def _share_nouns(text: str, figures: list[_Found]) -> None:
    """ "31 votes to 14", "28 of 34 subjects", "45 and 50 cases": a bare count in a pair takes
    the noun of its partner."""
    counts = [f for f in figures if f.kind == "count"]
    for a, b in pairwise(counts):
        gap = text[a.end : b.start].strip()
        if not _SHARE_GAP.match(gap):
            continue
        if a.noun and not b.noun:
            b.noun = a.noun
            b.what = a.what if not b.what else f"{a.noun} {b.what}"
        elif b.noun and not a.noun:
            a.noun = b.noun
            a.what = b.what if not a.what else f"{b.noun} {a.what}"
        a.category = a.category or _category(a.what, None)
        b.category = b.category or _category(b.what, None)


_SHARE_GAP: Final = re.compile(
    r"^(?:to|and|or|out of|but|but only|of(?: the| its| their| his| her| [A-Z][\w-]*['’]s)?)$"
)


def _elided_nouns(text: str, figures: list[_Found]) -> None:
    """ "The Social Democrats won 11 seats, New Slovenia 10, Green Land eight and the Left
    six": in a list of results the noun is written once, for the first number."""
    counts = [f for f in figures if f.kind == "count" and not f.times]
    for a, b in pairwise(counts):
        if (
            a.noun
            and not b.noun
            and _ELIDED_GAP.match(text[a.end : b.start])
            and _ELIDED_END.match(text, b.end)
            # no verb of its own: "while easyJet cancelled 210" counts something else
            and not any(
                _is_clause_verb(w) or (w in _CLAUSE_BREAKS and w != "and")
                for w in _WORD.findall(text[a.end : b.start])  # lower-case words: not names
            )
        ):
            b.noun, b.what = a.noun, a.what
            b.category = b.category or a.category
        elif (
            a.noun
            and not b.noun
            and _COUNT_GAP.match(text[a.end : b.start])
            and _PLACE_AFTER.match(text, b.end)
            and not _own_verb_after(text, b.end)
        ):
            # "548,000 people are waiting for an appointment, 84,300 for a procedure and
            # 58,100 for a scan": the same noun, with a place or purpose of its own
            b.noun = a.noun
            where = _PLACE_PHRASE.match(text, b.end)
            b.what = " ".join(_with_place(a.what, where.group(1) if where else "").split()[:8])
            b.category = b.category or a.category


_COUNT_GAP: Final = re.compile(r"^[^;:.\d]{0,80}?(?:,\s*|\s+and\s+|,\s*and\s+)$")
_RESULT_BEFORE: Final = re.compile(r"\d[\d,.]*\s+[a-z]+,\s+(?:the\s+)?[A-Z][^,;.\d]{0,30}\s$")
_ELIDED_GAP: Final = re.compile(
    r"^(?:,\s*|\s+and\s+|,\s*and\s+)(?=[^,;.\d]*[A-Z])[^,;.\d]{1,45}\s$"
)
_ELIDED_END: Final = re.compile(r"\s*(?:[,.;]|$)|\s+and\b")


def _head(noun: str) -> str:
    return noun.split()[-1].lower() if noun else ""


# --------------------------------------------------------------------------- learned head

# The rules above name what a figure counts from the words around it. On news they were not
# tuned on they name the wrong noun for about one key figure in eight, each time through a
# construction seen once or twice ("Claims from the storms that hit ... are expected to
# reach 1.4 billion francs"). A linear ranker over the sentence's words, trained on the
# annotated sets (bench/heads.py), picks the word most likely to be the counted noun; its
# choice replaces the rules' only when it beats every word of their `what` by a margin.
# There is no parser to lean on: spaCy's English model is not on PyPI, and nothing may be
# downloaded at run time.
#
# head_candidates() names each candidate's features as strings: bench/heads.py trains on
# them. _learned_what() adds up the same weights from tables built once, without making a
# string per feature (a test checks that both give the same scores).

# the ranker's best word must beat the best word of the rules' `what` by this much
# (bench/heads.py --margin: a lower margin fixes more heads and breaks more; leaving one set
# out, 0.25 gets the most right, 0.0 as many with more broken, 1.0 26 fewer in 10,000)
HEAD_MARGIN: Final = 0.25
# bench/heads.py turns the ranker off to record what the rules alone say
_LEARNED_HEADS = True
_RANKED_KINDS: Final = ("count", "money", "percent", "measure")  # the kinds it weighs
_HEAD_LEFT: Final = 20  # candidate words before the number (the head is further away once in 200)
_HEAD_RIGHT: Final = 12  # and after it
_HEAD_DETERMINERS: Final = frozenset(_words("the a an its their his her"))
_HEAD_BREAKS: Final = frozenset(",;:()")
_SIDES: Final = ("L", "R", "I")  # before the number, after it, inside its evidence
_BUCKETS: Final = ("0", "1", "2", "3", "5", "8", "13", "far")
_UNSCORED: Final = 1e300  # a token's score not worked out yet
_PHRASE_BREAKS: Final = _STOP | _PREPOSITIONS | frozenset(_words("despite unlike like"))


def _bucket(distance: int) -> int:
    """Words between a candidate and the number, in the buckets of _BUCKETS."""
    if distance <= 2:
        return distance
    if distance <= 4:
        return 3
    if distance <= 7:
        return 4
    if distance <= 12:
        return 5
    return 6 if distance <= 20 else 7


def _plain_word(lower: str) -> str:
    """ "Stenvik's" -> "stenvik": the word a head is compared with."""
    if "'" not in lower and "’" not in lower:
        return lower
    lower = lower.replace("’", "'")
    if lower.endswith("'s"):
        lower = lower[:-2]
    return lower.rstrip("'")


@dataclass(slots=True)
class _HeadWords:
    """What the head ranker reads of one sentence, once for all of its figures."""

    tokens: list[_Token]
    words: list[str]  # the plain word of each token; "" where it cannot be a head
    capital: list[bool]  # capitalised, not first in the sentence
    acronym: list[bool]
    ends_phrase: list[bool]  # the next token does not continue a noun phrase
    before_verb: list[bool]
    verb: list[bool]
    breaks: list[int]  # how many of , ; : ( ) come before each token (a prefix sum)
    digits: list[int]  # numbers before each token
    verbs: list[int]  # verb-like words before each token
    first_content: int
    fronted_of: bool  # "Of the 1,080 reefs surveyed, 73% showed"
    lexical: list[float]  # the ranker's weights for each word and its ending
    # filled by _token_score on first use: per token and side (three to a token), the
    # weights that do not depend on the figure
    sided: list[float]


# lower-case token -> (its plain word, "" when it cannot be a head; whether it reads as a
# verb; the ranker's weights for the word and its ending): news repeats its words, and
# these are most of what reading a sentence costs
_WORD_FACTS: dict[str, tuple[str, bool, float]] = {}
_WORD_FACTS_LIMIT: Final = 50_000


def _word_facts(lower: str) -> tuple[str, bool, float]:
    facts = _WORD_FACTS.get(lower)
    if facts is None:
        word = _plain_word(lower) if lower[0].isalpha() else ""
        if len(word) < 2 or word in _STOP:
            facts = ("", word != "" and _is_verb_like(lower), 0.0)
        else:
            weight = _W_WORD.get(word, 0.0) + _W_ENDING.get(word[-3:], 0.0)
            facts = (word, _is_verb_like(lower), weight)
        if len(_WORD_FACTS) >= _WORD_FACTS_LIMIT:
            _WORD_FACTS.clear()
        _WORD_FACTS[lower] = facts
    return facts


# "al-Maliki", "el-Sisi", "bin-Salman": a name after a short lower-case particle (and, the
# same to the ranker, "non-EU", "pre-Covid": never what a figure counts)
_PARTICLE_NAME: Final = re.compile(r"[a-z]{1,3}-[A-Z]")


def _at_most_two(n: int) -> int:
    return n if n < 2 else 2


def _head_words(tokens: list[_Token]) -> _HeadWords:
    n = len(tokens)
    words = [""] * n
    verb = [False] * n
    lexical = [0.0] * n
    for i in range(n):
        words[i], verb[i], lexical[i] = _word_facts(tokens[i][3])
    capital = [False] * n
    acronym = [False] * n
    ends_phrase = [False] * n
    before_verb = [False] * n
    breaks = [0] * (n + 1)
    digits = [0] * (n + 1)
    verbs = [0] * (n + 1)
    first_content = -1
    b = d = v = 0
    for i in range(n):
        text = tokens[i][0]
        if text in _HEAD_BREAKS:
            b += 1
        elif text[0].isdigit():
            d += 1
        elif verb[i]:
            v += 1
        breaks[i + 1] = b
        digits[i + 1] = d
        verbs[i + 1] = v
        if not words[i]:
            continue
        if first_content < 0:
            first_content = i
        if i and (text[0].isupper() or (text[1:4].count("-") and _PARTICLE_NAME.match(text))):
            capital[i] = True
            acronym[i] = text[:2].isupper()
        if i + 1 < n:
            following = tokens[i + 1][3]
            ends_phrase[i] = not following[0].isalpha() or following in _STOP or verb[i + 1]
            before_verb[i] = verb[i + 1] or following in _MODALS
        else:
            ends_phrase[i] = True
    fronted_of = n > 2 and tokens[0][3] == "of"
    return _HeadWords(
        tokens, words, capital, acronym, ends_phrase, before_verb, verb, breaks, digits, verbs,
        first_content, fronted_of, lexical, [_UNSCORED] * (3 * n),
    )  # fmt: skip


def _evidence_tokens(tokens: list[_Token], start: int, end: int) -> tuple[int, int]:
    first = _index_after(tokens, start)
    last = first
    while last + 1 < len(tokens) and tokens[last + 1].start < end:
        last += 1
    return first, last


def _governor(hw: _HeadWords, first: int) -> tuple[int, int]:
    """The verb before the number in its clause, and the last content word before that verb
    (its subject), or -1."""
    tokens = hw.tokens
    for j in range(first - 1, max(-1, first - 12), -1):
        if tokens[j].text in _HEAD_BREAKS:
            break
        if hw.verb[j]:
            for k in range(j - 1, -1, -1):
                if hw.words[k] and not hw.verb[k]:
                    return j, k
            return j, -1
    return -1, -1


def _place(hw: _HeadWords, i: int, first: int, last: int) -> tuple[int, int, int, int, int, int]:
    """Side (0 before, 1 after, 2 inside), distance bucket, and the breaks, numbers and verbs
    (each at most 2) between candidate ``i`` and the number."""
    if i < first:
        side, distance, a, b = 0, first - i - 1, i + 1, first
    elif i > last:
        side, distance, a, b = 1, i - last - 1, last + 1, i
    else:
        return 2, 0, 0, 0, 0, 0
    return (
        side,
        _bucket(distance),
        min(hw.breaks[b] - hw.breaks[a], 2),
        min(hw.digits[b] - hw.digits[a], 2),
        min(hw.verbs[b] - hw.verbs[a], 2),
        distance,
    )


_SUBJECT_WORDS: Final = 4  # the sentence's first words, candidates however far they are


def _candidate_tokens(hw: _HeadWords, first: int, last: int) -> tuple[int, range | list[int]]:
    """The tokens the ranker weighs for the number at tokens ``first``-``last``: a window
    around it and, in a long sentence, the noun phrase it opens with ("The share of
    Canadians who speak mainly French at home fell to 19.8% from 20.8% in 2016, and in
    Quebec to 77.5% from 79.0%": the share); and where the window starts."""
    start = max(0, first - _HEAD_LEFT - 1)
    window = range(start, min(len(hw.tokens), last + _HEAD_RIGHT + 2))
    opening = hw.first_content
    if opening < 0 or opening >= start:
        return start, window
    return start, [*range(opening, min(opening + _SUBJECT_WORDS, start)), *window]


def head_candidates(
    hw: _HeadWords, start: int, end: int, what: str, kind: str, unit: str | None
) -> list[tuple[int, list[str]]]:
    """The words that could be the head of the figure at ``start:end``, each with the
    features the head ranker scores: the word itself, its neighbours, where it sits relative
    to the number and to the verb before it, and whether the rules' ``what`` holds it."""
    tokens = hw.tokens
    what_lower = what.lower().replace("-", " ")
    what_words = [_plain_word(w) for w in what_lower.split()]
    unit_word = _plain_word(unit.lower()) if unit else ""
    first, last = _evidence_tokens(tokens, start, end)
    governor, subject = _governor(hw, first)
    opener = tokens[last + 1].lower if last + 1 < len(tokens) else ""
    candidates: list[tuple[int, list[str]]] = []
    window, indices = _candidate_tokens(hw, first, last)
    for i in indices:
        word = hw.words[i]
        if not word:
            continue
        side_i, bucket_i, commas, numbers, verbs, distance = _place(hw, i, first, last)
        side, bucket = _SIDES[side_i], _BUCKETS[bucket_i]
        previous = tokens[i - 1].lower if i else "<s>"
        following = tokens[i + 1].lower if i + 1 < len(tokens) else "</s>"
        features = [
            "w=" + word,
            "s3=" + word[-3:],
            "cap" if hw.capital[i] else "low",
            "nx=" + following + side,
            "pv=" + previous + side,
            ("sg_" if word.endswith("ss") or not word.endswith("s") else "pl_") + side,
            "k=" + kind + side,
            "kw=" + kind + word,
            "pos=" + side + bucket,
            "pos=" + side + bucket + ("c" if commas else ""),
            f"commas={side}{commas}",
            f"nums={side}{numbers}",
            f"verbs={side}{verbs}",
        ]
        if hw.capital[i]:
            features.append("cap_" + side + bucket)
            if hw.acronym[i]:
                features.append("acronym")
        if hw.ends_phrase[i]:
            features += ["np_end", "np_end_" + side + bucket]
        if hw.before_verb[i]:
            features += ["before_verb", "before_verb_" + side]
        if previous in _HEAD_DETERMINERS:
            features.append("after_det_" + side)
        if i == hw.first_content:
            features.append("first_content")
        if i < window:
            features.append("far_subject")
        if word == unit_word:
            features.append("is_unit")
        if not what_words:
            features.append("what_empty")
        if side_i == 2:
            features.append("inside")
        elif side_i == 1 and distance:
            if opener == "of":
                features.append("of_after_num")
            elif opener in _PREPOSITIONS:
                features.append("prep_after_num=" + opener)
        elif side_i == 0 and distance <= 2:
            features.append("just_before")
        if governor >= 0:
            if i == subject:
                features += ["gov_subj", "gov_subj_" + ("c" if commas else "")]
            if governor < i < first:
                features.append("between_gov_num")
        else:
            features.append("no_gov_" + side)
        if hw.fronted_of and side_i == 0 and hw.breaks[i] == 0:
            features.append("fronted_of_np")
        if word in what_words or word in what_lower:
            features += [
                "inwhat",
                "inwhat_" + side + bucket,
                f"inwhat_len{min(len(what_words), 4)}",
            ]
            if word == what_words[-1]:
                features.append("lastwhat")
            if word == what_words[0]:
                features.append("firstwhat")
            if hw.capital[i]:
                features.append("inwhat_cap")
            if hw.ends_phrase[i]:
                features.append("inwhat_npend")
            if hw.before_verb[i]:
                features.append("inwhat_subj")
        candidates.append((i, features))
    return candidates


def _plain_count(tokens: list[_Token], item: _Found) -> bool:
    """A count written with its plural noun, which starts the rules' ``what`` ("250 police
    strongholds destroyed", "2,000 workers"): the ranker is not asked. In leave-one-set-out
    runs it changed 9 of 2,816 such heads (8 to the annotated word, 1 away from it), and
    these are almost half the figures whose `what` holds a word written with the number:
    leaving them to the rules saves most of the time weighing those would cost."""
    if item.kind != "count":
        return False
    what_words = item.what.lower().replace("-", " ").split()
    if not what_words:
        return False
    head = _plain_word(what_words[0])
    if not head.endswith("s") or head.endswith("ss"):
        return False
    first, last = _evidence_tokens(tokens, item.start, item.end)
    for i in range(first, last + 1):
        token = tokens[i]
        if _word_facts(token.lower)[0] == head and (i == 0 or not token.text[0].isupper()):
            return True
    return False


def _choosable(capital: bool, acronym: bool) -> bool:
    """Not a name: "Carter", "Fiat" (the head of a figure is never one); an acronym such
    as "GDP" or "IPOs" may be."""
    return not capital or acronym


# ---- the same scores, from tables


def _weight(name: str) -> float:
    return _HEAD_WEIGHTS.get(name, 0.0)


def _by_side(prefix: str, suffix: str = "") -> list[float]:
    return [_weight(prefix + side + suffix) for side in _SIDES]


# Tables by place: side * 8 + distance bucket (as _BUCKETS), flat for speed
def _by_bucket(prefix: str, suffix: str = "") -> list[float]:
    return [_weight(prefix + side + b + suffix) for side in _SIDES for b in _BUCKETS]


_W_CAP_AT: Final = _by_bucket("cap_")
_W_END_AT: Final = _by_bucket("np_end_")
_W_IN_WHAT_AT: Final = _by_bucket("inwhat_")
# "pos=L3" and "pos=L3c" (or "pos=L3" again when nothing breaks the clause between):
# (side * 8 + bucket) * 2 + (a break between)
_W_PLACE: Final = [
    w + (c if broken else w)
    for w, c in zip(_by_bucket("pos="), _by_bucket("pos=", "c"), strict=True)
    for broken in (False, True)
]
# "commas=L1", "nums=L0", "verbs=L2" (each at most 2): side * 27 + commas * 9 + numbers * 3
# + verbs
_W_COUNTS: Final = [
    _weight(f"commas={side}{c}") + _weight(f"nums={side}{n}") + _weight(f"verbs={side}{v}")
    for side in _SIDES
    for c in range(3)
    for n in range(3)
    for v in range(3)
]
_W_PLURAL: Final = _by_side("pl_")
_W_SINGULAR: Final = _by_side("sg_")
_W_BEFORE_VERB_AT: Final = _by_side("before_verb_")
_W_AFTER_DET: Final = _by_side("after_det_")
_W_NO_GOVERNOR: Final = _by_side("no_gov_")
_W_IN_WHAT_LEN: Final = [_weight(f"inwhat_len{n}") for n in range(5)]
_W_CAP: Final = _weight("cap")
_W_LOW: Final = _weight("low")
_W_ACRONYM: Final = _weight("acronym")
_W_END: Final = _weight("np_end")
_W_BEFORE_VERB: Final = _weight("before_verb")
_W_FIRST: Final = _weight("first_content")
_W_UNIT: Final = _weight("is_unit")
_W_FAR_SUBJECT: Final = _weight("far_subject")
_W_WHAT_EMPTY: Final = _weight("what_empty")
_W_INSIDE: Final = _weight("inside")
_W_OF_AFTER: Final = _weight("of_after_num")
_W_JUST_BEFORE: Final = _weight("just_before")
_W_SUBJECT: Final = _weight("gov_subj")
_W_SUBJECT_COMMA: Final = _weight("gov_subj_c")
_W_SUBJECT_PLAIN: Final = _weight("gov_subj_")
_W_BETWEEN: Final = _weight("between_gov_num")
_W_FRONTED: Final = _weight("fronted_of_np")
_W_IN_WHAT: Final = _weight("inwhat")
_W_LAST_WHAT: Final = _weight("lastwhat")
_W_FIRST_WHAT: Final = _weight("firstwhat")
_W_IN_WHAT_CAP: Final = _weight("inwhat_cap")
_W_IN_WHAT_END: Final = _weight("inwhat_npend")
_W_IN_WHAT_SUBJECT: Final = _weight("inwhat_subj")


def _lexical(prefix: str) -> dict[str, float]:
    """The weights of one lexical feature ("w=shares"), keyed by the word."""
    return {k[len(prefix) :]: w for k, w in _HEAD_WEIGHTS.items() if k.startswith(prefix)}


def _lexical_by_side(prefix: str) -> dict[str, list[float]]:
    """ "nx=roseL": the weights of a neighbouring word, one per side, keyed by the word."""
    table: dict[str, list[float]] = {}
    for k, w in _HEAD_WEIGHTS.items():
        if k.startswith(prefix):
            table.setdefault(k[len(prefix) : -1], [0.0, 0.0, 0.0])[_SIDES.index(k[-1])] = w
    return table


_W_WORD: Final = _lexical("w=")
_W_ENDING: Final = _lexical("s3=")
_W_NEXT: Final = _lexical_by_side("nx=")
_W_PREVIOUS: Final = _lexical_by_side("pv=")
_W_KIND_AT: Final = tuple(_by_side("k=" + kind) for kind in _RANKED_KINDS)
_W_KIND_WORD_AT: Final = tuple(_lexical("kw=" + kind) for kind in _RANKED_KINDS)
_NO_WEIGHTS: Final = [0.0, 0.0, 0.0]


def _token_score(hw: _HeadWords, i: int, side: int) -> float:
    """Candidate ``i``'s weights that do not depend on the figure, seen from ``side`` of
    the number; kept for the sentence's other figures."""
    at = 3 * i + side
    score = hw.sided[at]
    if score != _UNSCORED:
        return score
    word, tokens = hw.words[i], hw.tokens
    score = hw.lexical[i]
    if hw.capital[i]:
        score += _W_CAP + (_W_ACRONYM if hw.acronym[i] else 0.0)
    else:
        score += _W_LOW
    if hw.ends_phrase[i]:
        score += _W_END
    if hw.before_verb[i]:
        score += _W_BEFORE_VERB + _W_BEFORE_VERB_AT[side]
    if i == hw.first_content:
        score += _W_FIRST
    previous = tokens[i - 1][3] if i else "<s>"  # [3]: the lower-case text
    following = tokens[i + 1][3] if i + 1 < len(tokens) else "</s>"
    plural = word.endswith("s") and not word.endswith("ss")
    score += (_W_PLURAL if plural else _W_SINGULAR)[side]
    score += (
        _W_NEXT.get(following, _NO_WEIGHTS)[side] + _W_PREVIOUS.get(previous, _NO_WEIGHTS)[side]
    )
    if previous in _HEAD_DETERMINERS:
        score += _W_AFTER_DET[side]
    hw.sided[at] = score
    return score


def _head_scores(hw: _HeadWords, item: _Found) -> list[tuple[int, float, bool]]:
    """(token, score, in the rules' what) for each candidate of ``item`` the ranker may
    weigh: the sum of the weights of head_candidates()'s features, added up without naming
    them. A name outside the rules' ``what`` is left out: it can be neither chosen
    (_choosable) nor beaten."""
    kind = _RANKED_KINDS.index(item.kind)  # only key figures are ranked
    by_kind = _W_KIND_WORD_AT[kind]
    kind_side = _W_KIND_AT[kind]
    tokens = hw.tokens
    what_lower = item.what.lower().replace("-", " ")
    what_words = [_plain_word(w) for w in what_lower.split()]
    unit_word = _plain_word(item.unit.lower()) if item.unit else ""
    first, last = _evidence_tokens(tokens, item.start, item.end)
    governor, subject = _governor(hw, first)
    opener = tokens[last + 1].lower if last + 1 < len(tokens) else ""
    after_number = (
        _W_OF_AFTER if opener == "of" else
        _weight("prep_after_num=" + opener) if opener in _PREPOSITIONS else 0.0
    )  # fmt: skip
    flat = _W_WHAT_EMPTY if not what_words else 0.0
    breaks, digits, verb_counts = hw.breaks, hw.digits, hw.verbs
    scores: list[tuple[int, float, bool]] = []
    window, indices = _candidate_tokens(hw, first, last)
    for i in indices:
        word = hw.words[i]
        if not word:
            continue
        in_what = word in what_words or word in what_lower
        if not in_what and not _choosable(hw.capital[i], hw.acronym[i]):
            continue
        # _place(), written out: this loop is most of the ranker's time
        if i < first:
            s, distance, a, z = 0, first - i - 1, i + 1, first
        elif i > last:
            s, distance, a, z = 1, i - last - 1, last + 1, i
        else:
            s, distance, a, z = 2, 0, 0, 0
        at = 8 * s + _bucket(distance)
        commas = _at_most_two(breaks[z] - breaks[a])
        counts = 27 * s + 9 * commas
        counts += 3 * _at_most_two(digits[z] - digits[a])
        counts += _at_most_two(verb_counts[z] - verb_counts[a])
        score = _token_score(hw, i, s) + kind_side[s] + by_kind.get(word, 0.0) + flat
        score += _W_PLACE[2 * at + (commas > 0)] + _W_COUNTS[counts]
        if hw.capital[i]:
            score += _W_CAP_AT[at]
        if hw.ends_phrase[i]:
            score += _W_END_AT[at]
        if word == unit_word:
            score += _W_UNIT
        if i < window:
            score += _W_FAR_SUBJECT
        if s == 2:
            score += _W_INSIDE
        elif s == 1 and distance:
            score += after_number
        elif s == 0 and distance <= 2:
            score += _W_JUST_BEFORE
        if governor >= 0:
            if i == subject:
                score += _W_SUBJECT + (_W_SUBJECT_COMMA if commas else _W_SUBJECT_PLAIN)
            if governor < i < first:
                score += _W_BETWEEN
        else:
            score += _W_NO_GOVERNOR[s]
        if hw.fronted_of and s == 0 and hw.breaks[i] == 0:
            score += _W_FRONTED
        if in_what:
            score += _W_IN_WHAT + _W_IN_WHAT_AT[at] + _W_IN_WHAT_LEN[min(len(what_words), 4)]
            if word == what_words[-1]:
                score += _W_LAST_WHAT
            if word == what_words[0]:
                score += _W_FIRST_WHAT
            if hw.capital[i]:
                score += _W_IN_WHAT_CAP
            if hw.ends_phrase[i]:
                score += _W_IN_WHAT_END
            if hw.before_verb[i]:
                score += _W_IN_WHAT_SUBJECT
        scores.append((i, score, in_what))
    return scores


def _learned_what(hw: _HeadWords, item: _Found) -> str:
    """The rules' ``what``, or a phrase around the word the head ranker prefers to theirs."""
    best_in = best_out = -1e9
    chosen = -1
    for i, score, in_what in _head_scores(hw, item):
        if in_what:
            best_in = max(best_in, score)
        elif score > best_out:
            best_out, chosen = score, i
    if chosen < 0 or best_out - best_in <= HEAD_MARGIN:
        return item.what
    tokens = hw.tokens
    words = [tokens[chosen].text]
    for j in range(chosen - 1, max(-1, chosen - 3), -1):
        token = tokens[j]
        if (
            not token.text[0].isalpha()
            or token.lower in _PHRASE_BREAKS
            or hw.verb[j]
            or token.start >= item.start
            or (j and tokens[j - 1].end == token.start)  # "$204m": a unit glued to its number
        ):
            break
        words.insert(0, token.text)
    action = item.what.split()[-1] if item.what else ""
    if action and _is_verb_form(action.lower()) and action not in words:
        words.append(action)
    return " ".join(words)
