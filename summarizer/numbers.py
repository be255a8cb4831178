"""Numbers in running text: value, unit, range and qualifier, with their verbatim span.

``find_quantities(sentence)`` reads every quantity of one sentence, the way quantulum3 does,
but without its 20 MB of unit data, its classifier or its start-up time: a sentence is a
few regular-expression scans and a dictionary look-up per number.

What is read:

* digits with thousands separators (``1,500,000``, ``10 000``), decimals, signs, scientific
  notation (``4e14``, ``2.48×10−5``, ``8x2^10``), fractions (``1/40``, ``2 1/2``, ``½``);
* multipliers: ``2 thousand``, ``1.5 million``, ``€300m``, ``£2bn``, ``$2.174T``, ``0.5k``;
* number words (``two hundred and forty``, ``twenty-one``, ``a dozen``, ``two thirds``,
  ``two and a half``, ``half a million``): the run is found here, its value is computed by
  text2num (``text_to_num.text2num``);
* units after the number (``km``, ``degrees Celsius``, ``km/h``, ``J/m^2 per year``), currency
  before or after it (``$``, ``€``, ``US$``, ``euros``, ``245p``), percentages;
* ranges (``between 10 and 20``, ``3 to 4 L``, ``8- to 16-meter``, ``10-15``) and the
  qualifier in front (``more than``, ``about``, ``up to``...).

Why text2num is used only for the value of a run and not through ``alpha2digit``: that
function rewrites the sentence (offsets, hence verbatim evidence, are lost), leaves small
isolated numbers as words ("two servicemen") and turns "2 thousand" into "2 1000".

Units are written as short symbols: ``km``, ``kg``, ``°C``, ``km/h``, ``USD``, ``EUR``,
``GBP``, ``percent``, ``year``, ``day``... (see :data:`UNIT_KINDS`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final, Literal

from text_to_num import text2num

QuantityKind = Literal["number", "money", "percent", "measure", "duration"]

_MAX_DIGITS: Final = 40
_MAX_SENTENCE: Final = 5_000  # longer "sentences" are cut: no article sentence is that long


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity of a sentence.

    ``start``/``end`` delimit ``surface`` in the sentence (qualifier excluded). A range has
    ``value`` (bottom) and ``upper`` (top). ``unit`` is a symbol or None for a plain number;
    ``spelled`` is True when the number is written in words.
    """

    value: float
    unit: str | None
    kind: QuantityKind
    start: int
    end: int
    surface: str
    qualifier: str | None = None
    upper: float | None = None
    spelled: bool = False
    multiplied: bool = False
    decade: bool = False
    qualifier_start: int | None = None  # where the qualifier's words begin, if any

    @property
    def middle(self) -> float:
        """The value a single-number reader reports for a range: its midpoint."""
        return self.value if self.upper is None else (self.value + self.upper) / 2


def _words(text: str) -> list[str]:
    """A word list written as one string (easier to read and to extend than a list)."""
    return text.split()


# --------------------------------------------------------------------------- vocabulary

_CARDINALS: Final = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion"
)
_SCALES: Final = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FRACTIONS: Final = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
# Multipliers written after digits. Single letters only when glued to the number or
# after a currency sign ("€300m", "$2.174T", "0.5k"); "m" alone is a metre otherwise.
_MULTIPLIER_WORDS: Final = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "lakh crore": 1e12,  # Indian budgets: "Rs 6.1 lakh crore" is 6.1 trillion rupees
    "lakh crores": 1e12,
}
_MULTIPLIER_LETTERS: Final = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "T": 1e12}

_CURRENCY_SIGNS: Final = {
    "US$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "NT$": "TWD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "JPY": "JPY",
    "CHF": "CHF",
    "CNY": "CNY",
    "Rs": "INR",
    "Rs.": "INR",
}
_CURRENCY_WORDS: Final = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "swiss franc": "CHF",
    "swiss francs": "CHF",
    "franc": "franc",
    "francs": "franc",
    "tenge": "KZT",
    "lira": "TRY",
    "lire": "TRY",
    "dinar": "dinar",
    "dinars": "dinar",
    "lev": "lev",
    "leva": "lev",
    "peso": "peso",
    "pesos": "peso",
    "rand": "ZAR",
    "naira": "NGN",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "zloty": "PLN",
    "zlotys": "PLN",
    "shilling": "shilling",
    "shillings": "shilling",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "krone",
    "kroner": "krone",
    # "crowns" is how English wire copy writes krona, krone and koruna
    "crown": "crown",
    "crowns": "crown",
    "swedish crowns": "SEK",
    "norwegian crowns": "NOK",
    "danish crowns": "DKK",
    "czech crowns": "CZK",
    "metical": "MZN",
    "meticais": "MZN",
    "kwanza": "AOA",
    "riyal": "riyal",
    "riyals": "riyal",
    "dirham": "dirham",
    "dirhams": "dirham",
    "bitcoin": "BTC",
    "soles": "PEN",
    "cfa francs": "XOF",
    "lempira": "HNL",
    "lempiras": "HNL",
    "quetzal": "GTQ",
    "quetzales": "GTQ",
    "bolivianos": "BOB",
    "ariary": "MGA",
    "rupiah": "IDR",
    "rupiahs": "IDR",
    "ringgit": "MYR",
    "baht": "THB",
    "taka": "BDT",
    "kyat": "MMK",
    "reais": "BRL",
    "brazilian real": "BRL",
    "shekel": "ILS",
    "shekels": "ILS",
    "forint": "HUF",
    "forints": "HUF",
    "koruna": "CZK",
    "korunas": "CZK",
    "lei": "RON",
    "cedi": "GHS",
    "cedis": "GHS",
    "kwacha": "ZMW",
    "birr": "ETB",
    "rial": "rial",
    "rials": "rial",
    "won": "KRW",
    "korean won": "KRW",
    "dong": "VND",
    "pence": "GBX",
    "penny": "GBX",
    "pennies": "GBX",
    "p": "GBX",
    "cent": "cent",
    "cents": "cent",
    # cents of a named dollar: "72.12 U.S. cents", "42 Australian cents" (hundredths, below)
    "us cent": "USc",
    "us cents": "USc",
    "australian cents": "AUc",
    "canadian cents": "CAc",
    "new zealand cents": "NZc",
    "nz cents": "NZc",
    "hong kong cents": "HKc",
    "singapore cents": "SGc",
    "dime": "dime",
    "dimes": "dime",
}

# Units: symbol -> kind. Word forms and abbreviations map onto these symbols.
UNIT_KINDS: dict[str, QuantityKind] = {}
_UNIT_WORDS: dict[str, str] = {}  # lower-case word form -> symbol
_UNIT_SYMBOLS: dict[str, str] = {}  # case-sensitive abbreviation -> symbol


def _unit(symbol: str, kind: QuantityKind, words: str = "", symbols: str = "") -> None:
    UNIT_KINDS[symbol] = kind
    for word in filter(None, (w.strip() for w in words.split(","))):
        _UNIT_WORDS[word] = symbol
    for abbreviation in symbols.split():
        _UNIT_SYMBOLS[abbreviation] = symbol


_METRIC_PREFIXES: Final = {
    "nano": "n",
    "micro": "µ",
    "milli": "m",
    "centi": "c",
    "deci": "d",
    "kilo": "k",
    "mega": "M",
    "giga": "G",
    "tera": "T",
    "peta": "P",
    "exa": "E",
    "pico": "p",
    "atto": "a",
    "femto": "f",
}


def _metric(base_symbol: str, base_words: tuple[str, ...], kind: QuantityKind) -> None:
    """A metric unit with all its prefixed word forms ("kilometre", "kilometers"...)."""
    _unit(base_symbol, kind, ",".join(base_words))
    for prefix, letter in _METRIC_PREFIXES.items():
        forms = ",".join(prefix + w for w in base_words)
        _unit(letter + base_symbol, kind, forms)


_metric("m", ("metre", "metres", "meter", "meters"), "measure")
_metric("g", ("gram", "grams", "gramme", "grammes"), "measure")
_metric("L", ("litre", "litres", "liter", "liters"), "measure")
_metric("W", ("watt", "watts"), "measure")
_metric("Wh", ("watt hour", "watt hours", "watt-hour", "watt-hours"), "measure")
_metric("Hz", ("hertz",), "measure")
_metric("eV", ("electronvolt", "electronvolts", "electron volt", "electron volts"), "measure")
_metric("B", ("byte", "bytes"), "measure")
_metric("J", ("joule", "joules"), "measure")
_metric("Gy", ("gray", "grays"), "measure")
_metric("V", ("volt", "volts"), "measure")
_metric("t", ("tonne", "tonnes"), "measure")
_unit("bit", "measure", "bit,bits", "bit bits")
_unit("KiB", "measure", "kibibyte,kibibytes", "KiB")
_unit("MiB", "measure", "mebibyte,mebibytes", "MiB")
_unit("GiB", "measure", "gibibyte,gibibytes", "GiB")
_unit(
    "m",
    "measure",
    "",
    "m nm µm um mm cm km",
)
for _sym in ("nm", "µm", "mm", "cm", "km", "pm", "am", "fm"):
    UNIT_KINDS.setdefault(_sym, "measure")
_UNIT_SYMBOLS.update(
    {
        "nm": "nm",
        "µm": "µm",
        "um": "µm",
        "mm": "mm",
        "cm": "cm",
        "km": "km",
        "kms": "km",
        "pm": "pm",
        "am": "am",
        "mg": "mg",
        "g": "g",
        "kg": "kg",
        "kgs": "kg",
        "t": "t",
        "ml": "mL",
        "mL": "mL",
        "cl": "cL",
        "cL": "cL",
        "dl": "dL",
        "l": "L",
        "L": "L",
        "eV": "eV",
        "keV": "keV",
        "MeV": "MeV",
        "GeV": "GeV",
        "TeV": "TeV",
        "J": "J",
        "kJ": "kJ",
        "MJ": "MJ",
        "W": "W",
        "kW": "kW",
        "MW": "MW",
        "GW": "GW",
        "TW": "TW",
        "Wh": "Wh",
        "kWh": "kWh",
        "MWh": "MWh",
        "GWh": "GWh",
        "TWh": "TWh",
        "Hz": "Hz",
        "kHz": "kHz",
        "MHz": "MHz",
        "GHz": "GHz",
        "kB": "kB",
        "KB": "kB",
        "MB": "MB",
        "GB": "GB",
        "TB": "TB",
        "PB": "PB",
        "EB": "EB",
        "Gy": "Gy",
        "mGy": "mGy",
        "V": "V",
        "kV": "kV",
        "s": "s",
        "fb": "fb",
        "cd": "cd",
        "C": "°C",
        "F": "°F",
    }
)
for _sym in _UNIT_SYMBOLS.values():
    UNIT_KINDS.setdefault(_sym, "measure")
_unit("kph", "measure", "")
_unit("km/h", "measure", "kph,kmh", "kph kmh")
_unit("mph", "measure", "miles per hour,mile per hour", "mph")
_unit("kn", "measure", "knot,knots", "kt")
_unit("mi", "measure", "mile,miles", "mi")
_unit("yd", "measure", "yard,yards", "yd")
_unit("ft", "measure", "foot,feet", "ft")
_unit("in", "measure", "inch,inches", "in")
_unit("lb", "measure", "lb,lbs", "lb lbs")
_unit("oz", "measure", "ounce,ounces", "oz")
_unit("st", "measure", "stone")
_unit("ton", "measure", "ton,tons", "")
_unit("gal", "measure", "gallon,gallons", "gal")
_unit("cup", "measure", "cup,cups")
_unit("tbsp", "measure", "tablespoon,tablespoons,tbsp", "tbsp")
_unit("tsp", "measure", "teaspoon,teaspoons,tsp", "tsp")
_unit("bbl", "measure", "barrel,barrels", "bbl")
_unit("ha", "measure", "hectare,hectares", "ha")
_unit("acre", "measure", "acre,acres")
_unit("°C", "measure", "degrees celsius,degree celsius,celsius,degrees centigrade", "°C ºC")
_unit("°F", "measure", "degrees fahrenheit,degree fahrenheit,fahrenheit", "°F ºF")
_unit("K", "measure", "kelvin,kelvins")
_unit("°", "measure", "degree,degrees", "°")
_unit("mag", "measure", "magnitude")
_unit("sigma", "measure", "")
_unit("times", "measure", "times")
_unit("t/d", "measure", "", "tpd")
_unit("J·s", "measure", "joule seconds,joule second", "Js")
_unit("cd·s", "measure", "candela seconds,candela second", "cds")
_unit("dozen", "measure", "")
_unit("gross", "measure", "")
_unit("percent", "percent", "percent,per cent,pc,pct,percentage,percentages", "%")
_unit("percentage point", "percent", "percentage points,percentage point,pp", "pp")
_unit("s", "duration", "second,seconds,sec,secs")
_unit("min", "duration", "minute,minutes,min,mins")
_unit("h", "duration", "hour,hours,hr,hrs", "h hr hrs")
_unit("day", "duration", "day,days")
_unit("week", "duration", "week,weeks,wk,wks")
_unit("month", "duration", "month,months")
_unit("year", "duration", "year,years,yr,yrs")
_unit("decade", "duration", "decade,decades")
_unit("century", "duration", "century,centuries")
_unit("Gyr", "duration", "gigaannum,gigaanna,gigayear,gigayears", "Ga Gyr")
_unit("Myr", "duration", "megaannum,megaanna,megayear,megayears", "Ma Myr")
_unit("fb", "measure", "")  # "barns" is a farm building far more often
# Units written in front of the number ("a square dozen" is quantulum3's own joke).
_SQUARE_WORDS: Final = {"square": 2, "sq": 2, "sq.": 2, "cubic": 3, "cu": 3}
_POWER_WORDS: Final = {"squared": 2, "cubed": 3}

# Unit look-up is by dictionary, not by a regex alternation of every unit (Python's re
# tries alternatives one by one): the words after the number are cut out and looked up.
_ALL_UNIT_WORDS: Final = {**_CURRENCY_WORDS, **_UNIT_WORDS}
_UNIT_PHRASE: Final = re.compile(
    r"([A-Za-z]+(?:['’-][A-Za-z]+)*)(?:[ ]([A-Za-z]+))?(?:[ ]([A-Za-z]+))?"
)
_SYMBOL_RUN: Final = re.compile(r"[A-Za-z°º%µ·]+")


def _unit_word(sentence: str, pos: int) -> tuple[str, int] | None:
    """The longest unit word or phrase at ``pos``: ("degrees celsius" -> "°C", end)."""
    if sentence.startswith("U.S. cent", pos):  # the one unit phrase written with dots
        return "USc", pos + (10 if sentence.startswith("s", pos + 9) else 9)
    match = _UNIT_PHRASE.match(sentence, pos)
    if match is None:
        return None
    if match.group(1).lower().split("-")[0] not in _UNIT_FIRST_WORDS:
        return None  # most words after a number start no unit: one set look-up says so
    for count in (3, 2, 1):
        if match.group(count) is None:
            continue
        end = match.end(count)
        key = sentence[pos:end].lower()
        symbol = _ALL_UNIT_WORDS.get(key)
        if symbol is not None:
            return symbol, end
    first = match.group(1)
    if "-" in first:  # "watt-hours" is in the table, "kilometre-long" is a kilometre
        head = first.split("-")[0]
        symbol = _ALL_UNIT_WORDS.get(head.lower())
        if symbol is not None:
            return symbol, pos + len(head)
    return None


def _unit_symbol(sentence: str, pos: int) -> tuple[str, int] | None:
    """The unit abbreviation at ``pos`` ("km", "MWh", "°C", "%"), whole letters only."""
    match = _SYMBOL_RUN.match(sentence, pos)
    if match is None:
        return None
    symbol = _UNIT_SYMBOLS.get(match.group())
    if symbol is None or (
        match.group() in ("C", "F") and sentence[match.end() : match.end() + 1].isalnum()
    ):
        return None  # "06F6" is a code
    return symbol, match.end()


_POWER_RE: Final = re.compile(r"(?:\^?\s?([-−]?[123])(?![\d.])|([²³])|\s(squared|cubed)\b)")
_PER_RE: Final = re.compile(r"\s?/\s?|\s+per\s+|\s+an?\s+")

# --------------------------------------------------------------------------- number atoms

_WORD_ALTERNATION: Final = "|".join(
    sorted([*_CARDINALS, "dozen", *_FRACTIONS], key=len, reverse=True)
)
_NUMBER_WORD: Final = rf"(?:{_WORD_ALTERNATION})"
# A run of number words joined by spaces, hyphens, "and", "&" or commas; "a"/"an" may lead.
_WORD_RUN: Final = re.compile(
    rf"\b(?:(?:an?|one)\s+(?=(?:{_WORD_ALTERNATION})\b))?{_NUMBER_WORD}"
    rf"(?:(?:\s*,\s*|\s+and\s+(?:an?\s+)?|\s*&\s*|\s+|-){_NUMBER_WORD})*\b",
    re.IGNORECASE,
)
_NUMBER_WORDS: Final = frozenset([*_CARDINALS, "dozen", *_FRACTIONS])
NUMBER_WORDS = _NUMBER_WORDS  # words that may be part of a number written in words
_LETTERS: Final = re.compile(r"[A-Za-z]+")
_LEADING_ONE: Final = re.compile(r"\b(?:an?|one)\s+$", re.IGNORECASE)
_HALF_A: Final = re.compile(r"\bhalf\s+an?\s+(million|billion|thousand|trillion|dozen)\b", re.I)
_DIGITS: Final = re.compile(r"\d[\d,.]*")
_UNICODE_FRACTIONS: Final = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅖": 0.4,
    "⅗": 0.6,
    "⅘": 0.8,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}
_UNICODE_FRACTION_RE: Final = re.compile("[" + "".join(_UNICODE_FRACTIONS) + "]")
_EXPONENT: Final = re.compile(r"[eE]([-+−]?\d{1,3})(?!\d)")
_TIMES_TEN: Final = re.compile(
    r"\s?[×x*]\s?(\d{1,3})\s?\^\s?([-−]?\d{1,3})(?!\d)|[×x]\s?10([-−]\d{1,3})"
)
_FRACTION_TAIL: Final = re.compile(r"/(\d{1,6})(?![\d/])")
_MIXED_FRACTION: Final = re.compile(r" (\d{1,3})/(\d{1,3})(?![\d/])")
_MINUS: Final = "-−–"

_QUALIFIERS: Final = (
    "more than",
    "over",
    "about",
    "around",
    "nearly",
    "almost",
    "at least",
    "up to",
    "some",
    "roughly",
    "approximately",
    "an estimated",
    "estimated",
    "fewer than",
    "less than",
    "under",
    "at most",
    "as many as",
    "as much as",
    "as few as",
    "close to",
    "just over",
    "just under",
    "upwards of",
    "in excess of",
    "below",
    "above",
    "exactly",
)
_QUALIFIERS_LONGEST_FIRST: Final = tuple(
    sorted([*_QUALIFIERS, "approx.", "~", "≈", ">", "<"], key=len, reverse=True)
)
_QUALIFIER_ENDINGS: Final = _QUALIFIERS_LONGEST_FIRST
# the longest qualifier a window ends with: one slice and one set look-up per length
_QUALIFIERS_BY_LENGTH: Final = tuple(
    (size, frozenset(q for q in _QUALIFIERS_LONGEST_FIRST if len(q) == size))
    for size in sorted({len(q) for q in _QUALIFIERS_LONGEST_FIRST}, reverse=True)
)
_TRAILING_QUALIFIER: Final = re.compile(r"\s+(or more|or so|or less|plus)\b", re.IGNORECASE)
_NORMALISED_QUALIFIER: Final = {
    "approx.": "about",
    "~": "about",
    "≈": "about",
    ">": "more than",
    "<": "less than",
    "approximately": "about",
    "estimated": "an estimated",
    "or more": "at least",
    "plus": "at least",
    "or so": "about",
    "or less": "at most",
}


@dataclass(slots=True)
class _Atom:
    """A bare number found in the sentence before units and ranges are attached."""

    value: float
    start: int
    end: int
    spelled: bool
    multiplied: bool = False
    integer_text: bool = False  # digits only, no separators, no decimals ("1979")
    decade: bool = False  # "1960s", "the 80s"
    unit: str | None = None  # set for phrases that carry their own unit ("a gallon")
    fixed: bool = False  # a phrase read whole ("a gallon", "baker's dozen"): attach nothing


def _parse_digits(text: str) -> float | None:
    """ "1,500,000" -> 1500000.0; "16.25" -> 16.25; malformed separators -> None."""
    if len(text) > _MAX_DIGITS:
        return None  # a run of digits that long is a code or garbage, not a quantity
    if text.isdigit():
        return float(text)
    if "," in text:
        head, _, decimals = text.partition(".")
        groups = head.split(",")
        indian = (  # "2,61,953", "1,23,45,678": lakh and crore grouping
            len(groups) >= 3
            and 1 <= len(groups[0]) <= 2
            and len(groups[-1]) == 3
            and all(len(g) == 2 for g in groups[1:-1])
        )
        if not indian and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        if "." in decimals or "," in decimals:
            return None
        text = "".join(groups) + ("." + decimals if decimals else "")
    elif text.count(".") > 1:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _digit_atoms(sentence: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    skip_until = -1
    for match in _DIGITS.finditer(sentence):
        start, raw = match.start(), match.group()
        if start < skip_until:
            continue
        raw = raw.rstrip(".,")
        end = start + len(raw)
        if start and sentence[start - 1] != " " and _is_identifier_part(sentence, start):
            continue
        value = float(raw) if raw.isdigit() and len(raw) <= _MAX_DIGITS else _parse_digits(raw)
        if value is None:
            # "1.2.3" or "1,23,4": keep the first well-formed piece, never guess
            first = _FIRST_NUMBER.match(raw)
            if first is None:
                continue
            raw = first.group()
            if len(raw) > _MAX_DIGITS:
                skip_until = match.end()
                continue
            end = start + len(raw)
            value = float(raw)
            if end < len(sentence) and sentence[end] in ".,":
                skip_until = match.end()
                continue
        integer_text = raw.isdigit()
        # "10 000 dollars": thousands separated by a space (groups of exactly three digits)
        if integer_text and len(raw) <= 3 and sentence[end : end + 1] in _GROUP_SPACES:
            while True:
                space = _SPACED_GROUP.match(sentence, end)
                if not space:
                    break
                raw = raw + " " + space.group(1)
                end = space.end()
                value = value * 1000 + float(space.group(1))
                integer_text = False
        exponent = times_ten = fraction = mixed = None
        lead = sentence[end : end + 1]
        if lead in _TAIL_STARTS:
            tail = sentence[end : end + 24]
            # each tail starts with its own character: test only the one that can match
            second = tail[1:2]
            if lead in "eE":
                exponent = _EXPONENT.match(tail)
            elif lead == "/":
                fraction = _FRACTION_TAIL.match(tail)
            elif lead != " " or second in "×x*":
                times_ten = _TIMES_TEN.match(tail)
            elif second.isdigit():
                mixed = _MIXED_FRACTION.match(tail)
        if exponent:
            power = int(exponent.group(1).replace("−", "-"))
            if abs(power) > 300:
                continue
            value *= 10.0**power
            end += exponent.end()
            integer_text = False
        elif times_ten:
            if times_ten.group(3) is not None:
                value *= 10.0 ** int(times_ten.group(3).replace("−", "-"))
            else:
                base = int(times_ten.group(1))
                power = int(times_ten.group(2).replace("−", "-"))
                if base > 100 or abs(power) > 300 // max(1, len(str(base))):
                    continue
                value *= float(base) ** power
            end += times_ten.end()
            integer_text = False
        elif fraction:
            skip_until = end + fraction.end()
            denominator = int(fraction.group(1))
            if denominator == 0:
                continue  # "1/0" is not a number
            value /= denominator
            end += fraction.end()
            integer_text = False
        elif mixed and integer_text and int(mixed.group(2)) > int(mixed.group(1)) > 0:
            value += int(mixed.group(1)) / int(mixed.group(2))
            end += mixed.end()
            skip_until = end
            integer_text = False
        if end < len(sentence) and sentence[end] in _UNICODE_FRACTIONS:
            value += _UNICODE_FRACTIONS[sentence[end]]
            end += 1
            integer_text = False
        if (
            end < len(sentence)
            and sentence[end].isalpha()
            and not _ends_cleanly(sentence, end, value)
        ) or not math.isfinite(value):
            continue
        if (
            integer_text
            and sentence[end : end + 1] in _ORDINAL_FIRST
            and _ORDINAL_SUFFIX.match(sentence, end)
        ):
            continue  # "21st", "2nd": ordinals name a position, not a quantity
        decade = bool(
            integer_text
            and raw.endswith("0")
            and (len(raw) == 4 or len(raw) == 2)
            and _DECADE_SUFFIX.match(sentence, end)
        )
        atoms.append(_Atom(value, start, end, False, False, integer_text, decade))
    for match in _UNICODE_FRACTION_RE.finditer(sentence):
        if match.start() and sentence[match.start() - 1].isdigit():
            continue
        atoms.append(_Atom(_UNICODE_FRACTIONS[match.group()], match.start(), match.end(), False))
    return _drop_runs_of_bare_numbers(sentence, atoms)


def _is_identifier_part(sentence: str, start: int) -> bool:
    """ "L2", "COP29", "Covid-19", "OAO-1", "J1149.5+6663": part of a name or code."""
    if start == 0:
        return False
    before = sentence[start - 1]
    if before.isalpha():
        if _is_rand(sentence, start):
            return False
        # "CHF27.50", "USD5bn": a currency code glued to its amount is not part of a name
        return not (
            start >= 3
            and sentence[start - 3 : start] in _GLUED_CODES
            and (start == 3 or not sentence[start - 4].isalnum())
        )
    if before == "_":
        return True
    if before in ".," and start > 1 and sentence[start - 2].isdigit():
        return True
    if before in "-+/" and start > 1 and sentence[start - 2].isalnum():
        if before == "-" and _SCALE_HYPHEN.search(sentence, max(0, start - 16), start):
            return False  # "15.5 billion-16.5 billion euros": a range of amounts
        return before != "-" or not sentence[start - 2].isdigit()
    return False


_SCALE_HYPHEN: Final = re.compile(r"\d\s?(?:million|billion|trillion|thousand|bn|mn|tn)-$")


def _is_rand(sentence: str, start: int) -> bool:
    """ "R1.5 trillion", "R500,000", "R4.1bn": South African rand, written with a glued R.
    "R370" alone is as often a road or a model, so a bare R-number stays a name."""
    return (
        start >= 1
        and sentence[start - 1] == "R"
        and (start == 1 or not sentence[start - 2].isalnum())
        and _RAND_AMOUNT.match(sentence, start) is not None
    )


_RAND_AMOUNT: Final = re.compile(
    r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?\s?(?:bn|m|tn|trillion|billion|million)\b"
)
_GLUED_CODES: Final = frozenset({"USD", "EUR", "GBP", "JPY", "CHF", "CNY"})  # _CURRENCY_PREFIX's
_TAIL_STARTS: Final = frozenset("eE×x*/ ")
_FIRST_NUMBER: Final = re.compile(r"\d+(?:\.\d+)?")
_GROUP_SPACES: Final = frozenset(" \u00a0\u202f")  # what _SPACED_GROUP starts with
_SPACED_GROUP: Final = re.compile(r"[ \u00a0\u202f](\d{3})(?![\d,.]|[ \u00a0\u202f]\d)")
_ORDINAL_SUFFIX: Final = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])")
_ORDINAL_FIRST: Final = frozenset("snrt")
_DECADE_SUFFIX: Final = re.compile(r"(?:'s|’s|s)(?![A-Za-z])")
_GLUED_ABBREVIATION: Final = re.compile(
    r"(?:[kKmMbBT]|mn|bn|tn|mln|bln|trn|pc|pct|tpd)(?![A-Za-z])"
)
_SQUARE: Final = re.compile(r"(square|sq\.?|cubic|cu)\s+", re.IGNORECASE)
# what _SQUARE can start with ("ſ" is an "s" to re.I)
_SQUARE_FIRST: Final = frozenset("sScC\u017f")
# a unit word ([A-Za-z]+...) and a unit symbol ([A-Za-z°º%µ·]+) both start with this run
_UNIT_HEAD: Final = re.compile(r"(?=[A-Za-z°º%µ·])([A-Za-z]*)[A-Za-z°º%µ·]*")
_AM_PM: Final = re.compile(r"\s?([ap])\.?m\b\.?", re.IGNORECASE)
_AM_PM_FIRST: Final = frozenset("aApP")
_ALLOWED_GLUED: Final = re.compile(r"(?:st|nd|rd|th|s|'s|’s)(?![A-Za-z])")


def _ends_cleanly(sentence: str, end: int, value: float) -> bool:
    """A number glued to letters must be glued to a unit, multiplier or suffix ("10kg",
    "€10M", "1960s", "21st"), not to the rest of a code ("06F6", "860BOX")."""
    if end >= len(sentence) or not sentence[end].isalpha():
        return True
    if _ALLOWED_GLUED.match(sentence, end) or _GLUED_ABBREVIATION.match(sentence, end):
        return True
    return bool(_unit_word(sentence, end) or _unit_symbol(sentence, end))


def _drop_runs_of_bare_numbers(sentence: str, atoms: list[_Atom]) -> list[_Atom]:
    """ "245 23 yen": two numbers side by side with nothing between them are a code or a
    typo, not two quantities; neither is read."""
    if len(atoms) < 2:
        return atoms
    bad: set[int] = set()
    for i in range(len(atoms) - 1):
        a, b = atoms[i], atoms[i + 1]
        if a.integer_text and b.integer_text and b.start == a.end + 1 and sentence[a.end] == " ":
            bad.update((i, i + 1))
    if not bad:
        return atoms
    return [a for i, a in enumerate(atoms) if i not in bad]


def _words_value(words: list[str]) -> float | None:
    """Value of a run of number words, through text2num; fractions handled here."""
    if not words:
        return None
    lowered = [w.lower() for w in words]
    if lowered[0] in ("a", "an"):
        lowered[0] = "one"
    if lowered[-1] in _FRACTIONS:
        denominator = _FRACTIONS[lowered[-1]]
        head = lowered[:-1]
        if not head:
            return None  # "third", "half" alone: ordinals and nouns, not quantities
        # "two and a half": whole part, "and", "a", fraction
        if len(head) >= 3 and head[-2] == "and" and head[-1] in ("a", "an", "one"):
            whole = _words_value(head[:-2])
            return None if whole is None else whole + 1 / denominator
        if lowered[-1] in ("half", "halves") and head[-1] in ("a", "an", "one") and len(head) == 1:
            return 0.5
        numerator = _words_value(head)
        return None if numerator is None else numerator / denominator
    if lowered == ["dozen"] or lowered == ["one", "dozen"]:
        return 12.0
    if lowered[-1] == "dozen":
        dozens = _words_value(lowered[:-1])
        return None if dozens is None else dozens * 12
    cleaned = [w for w in lowered if w not in ("and", "&", ",")]
    try:
        return float(text2num(" ".join(cleaned), "en"))
    except ValueError:
        return None


_WORD_TOKEN: Final = re.compile(r"[A-Za-z]+|&|,")


def _word_atoms(
    sentence: str, present: set[str] | None = None, lowered: str | None = None
) -> list[_Atom]:
    """Numbers written in words. ``present`` are the number words of the sentence (lower
    case): only their occurrences are looked at."""
    atoms: list[_Atom] = []
    for match in _HALF_A.finditer(sentence) if "half" in (lowered or sentence.lower()) else ():
        scale = _HALF_A_SCALES.get(match.group(1).lower())
        if scale is None:
            continue  # "half a bıllion": re.I reads "ı" as "i", the word is no scale
        atoms.append(_Atom(0.5 * scale, match.start(), match.end(), True))
    taken = [(a.start, a.end) for a in atoms]
    if lowered is None:
        lowered = sentence.lower()
    if present is None:
        present = set(_LETTERS.findall(lowered)) & _NUMBER_WORDS
    starts: list[int] = []
    for word in present:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not lowered[at - 1].isalpha()) and (
                end == len(lowered) or not lowered[end].isalpha()
            ):
                starts.append(at)
            at = lowered.find(word, end)
    last_end = -1
    for start in sorted(starts):
        if start < last_end:
            continue
        lead = _LEADING_ONE.search(sentence, max(0, start - 5), start)
        run = _WORD_RUN.match(sentence, lead.start() if lead else start)
        if run is None:
            continue
        match = run
        last_end = match.end()
        if match.group().lower() in _NO_NUMBER_ALONE:
            continue  # "$4.3 billion": a lone scale word starts no number (see _split_run)
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        tokens = [
            (t.group(), match.start() + t.start()) for t in _WORD_TOKEN.finditer(match.group())
        ]
        atoms.extend(_split_run(sentence, tokens))
    return atoms


_ANY_DIGIT: Final = re.compile(r"[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
_PHRASE_CUES: Final = frozenset({"zero", "dozen", "gross"})
_UNIT_ONLY_SYMBOL: Final = re.compile(r"\b[aA]n?\s+[A-Za-z]{1,4}\b")
_PHRASES: Final = (
    (re.compile(r"\babsolute zero\b", re.I), 0.0, "K", "zero"),
    (re.compile(r"\b(?:a |the )?baker['’]s dozen\b", re.I), 13.0, None, "dozen"),
    (re.compile(r"\b(?:an?\s+)?square dozen\b", re.I), 144.0, None, "dozen"),
    (re.compile(r"\ba gross\b(?=\s+(?:is|was|of)\b|\s*[).,;]|$)", re.I), 144.0, None, "gross"),
)
_CASE_TRAPS: Final = frozenset("\u017f\u212a\u0130\u0131")  # ſ K İ ı: ASCII letters to re.I
_A_UNIT: Final = re.compile(r"\b(?:a|an|A|An)\s+(?=[A-Za-z])")


def _unit_only_atoms(sentence: str, lowered_words: set[str] | None = None) -> list[_Atom]:
    """ "a gallon", "a penny", "absolute zero": one of a unit, with no number written.
    ``lowered_words`` (the sentence's lower-case ``[a-z]+`` runs) skips the phrases whose
    last word is missing."""
    atoms: list[_Atom] = []
    if lowered_words is not None and not _CASE_TRAPS.isdisjoint(sentence):
        lowered_words = None  # "ſ", "K" match "s", "k" in re.IGNORECASE: no shortcut
    for pattern, value, unit, cue in _PHRASES:
        if lowered_words is not None and cue not in lowered_words:
            continue
        for match in pattern.finditer(sentence):
            atoms.append(_Atom(value, match.start(), match.end(), True, unit=unit, fixed=True))
    for match in _A_UNIT.finditer(sentence):
        word = _LETTERS.match(sentence, match.end())
        if word is None or (
            word.group().lower() not in _UNIT_FIRST_WORDS and word.group() not in _UNIT_SYMBOLS
        ):
            continue
        found = _simple_unit(sentence, match.end() - 1)
        if found is None or found[1] - match.end() < 2:
            continue
        symbol, end = found
        if unit_kind(symbol) not in ("measure", "money") or symbol in _NOT_A_UNIT_AFTER_A:
            continue
        if sentence[end : end + 1].isalpha() or sentence[end : end + 1] in "-'’":
            continue
        atoms.append(_Atom(1.0, match.start(), end, True, unit=symbol, fixed=True))
    return atoms


_UNIT_FIRST_WORDS: Final = frozenset(w.split()[0].split("-")[0] for w in _ALL_UNIT_WORDS) | {
    "square",
    "cubic",
    "sq",
    "u",  # "U.S. cents" (_unit_word)
}
# "a times", "a degree", "a pound" (weight or money?), "a cup" (of tea): words before they
# are units; "a t", "a m" are letters.
_NOT_A_UNIT_AFTER_A: Final = frozenset(
    _words("times ° mag GBP USD EUR cup in s t bit st ton ft yd K B min L")
)


_ONE_BEFORE: Final = re.compile(
    r"\b(?:that|this|the|each|every|no|any|which|another|the only|other|someone|anyone|no-one|"
    r"last|next|first|little|big|new|old|right|wrong|such|a)\s+$",
    re.IGNORECASE,
)
_ONE_AFTER: Final = re.compile(r"\s*(?:of\b|another\b|-(?!\s)|['’]s\b|who\b|that\b|which\b)", re.I)


def _is_pronoun_one(sentence: str, start: int, end: int) -> bool:
    """ "one of the leaders", "that one costs", "no one", "one-off": not the number 1."""
    return bool(
        _ONE_BEFORE.search(sentence, max(0, start - 12), start) or _ONE_AFTER.match(sentence, end)
    )


_HALF_A_SCALES: Final = {**_SCALES, "dozen": 12.0}
_NO_NUMBER_ALONE: Final = frozenset([*_SCALES, "hundred", *_FRACTIONS])


_MAX_RUN: Final = 16


def _split_run(sentence: str, tokens: list[tuple[str, int]]) -> list[_Atom]:
    """Longest parsable prefixes of a run: "five and six" is two numbers, "two hundred and
    forty" one."""
    atoms: list[_Atom] = []
    i = 0
    while i < len(tokens):
        first = tokens[i][0].lower()
        if first in ("and", "&", ","):
            i += 1
            continue
        if first in _SCALES or first == "hundred" or first in _FRACTIONS:
            i += 1  # "several hundred", "million" after digits: no number starts here
            continue
        found = None
        # no number needs more than a dozen words; bounding the run keeps this linear
        for j in range(min(len(tokens), i + _MAX_RUN), i, -1):
            if tokens[j - 1][0].lower() in ("and", "&", ",", "a", "an"):
                continue
            value = _words_value([t for t, _ in tokens[i:j]])
            if value is not None:
                found = (j, value)
                break
        if found is None:
            i += 1
            continue
        j, value = found
        start = tokens[i][1]
        end = tokens[j - 1][1] + len(tokens[j - 1][0])
        if j - i == 1 and first == "one" and _is_pronoun_one(sentence, start, end):
            i = j
            continue
        atoms.append(_Atom(value, start, end, spelled=True))
        i = j
    return atoms


# --------------------------------------------------------------------------- units


def _simple_unit(sentence: str, position: int) -> tuple[str, int] | None:
    """One unit at ``position`` (after an optional space), with its power: (symbol, end)."""
    pos = position
    if sentence[pos : pos + 1] in (" ", "\u00a0"):
        pos += 1
    power = 1
    if sentence[pos : pos + 1] in _SQUARE_FIRST:
        square = _SQUARE.match(sentence, pos)
        # "ſquare", "cubıc": re.I reads "ſ", "ı" as "s", "i", but they are no unit words
        power_word = _SQUARE_WORDS.get(square.group(1).lower()) if square else None
        if square and power_word is not None:
            power = power_word
            pos = square.end()
    else:
        # most words after a number start no unit: one match and two set look-ups say so
        head = _UNIT_HEAD.match(sentence, pos)
        if head is None or (
            head.group(1).lower() not in _UNIT_FIRST_WORDS and head.group() not in _UNIT_SYMBOLS
        ):
            return None
    word = _unit_word(sentence, pos)
    sym = _unit_symbol(sentence, pos)
    if word and (not sym or word[1] >= sym[1]):
        symbol, end = word
    elif sym:
        symbol, end = sym
    else:
        return None
    powered = _POWER_RE.match(sentence, end)
    if powered and symbol not in _CURRENCY_CODES:
        text = powered.group(1) or powered.group(2) or powered.group(3) or ""
        exponent = _POWER_WORDS.get(text) or {"²": 2, "³": 3}.get(text)
        if exponent is None:
            exponent = int(text.replace("−", "-"))
        if exponent != 1 and (powered.group(1) is None or sentence[end : end + 1] != " "):
            power = exponent if power == 1 else power
            end = powered.end()
        elif powered.group(3):
            power, end = exponent, powered.end()
    if power != 1:
        symbol = f"{symbol}^{power}"
    return symbol, end


def _match_unit(sentence: str, position: int) -> tuple[str, int] | None:
    """A unit, possibly compound ("km/h", "J/m^2 per year", "times per week")."""
    found = _simple_unit(sentence, position)
    if found is None:
        return None
    symbol, end = found
    for _ in range(2):
        per = _PER_RE.match(sentence, end)
        if not per:
            break
        inner = _simple_unit(sentence, per.end())
        if inner is None or inner[0] in _CURRENCY_CODES or _is_time_reference(sentence, inner[1]):
            break
        symbol, end = f"{symbol}/{inner[0]}", inner[1]
    return symbol, end


_TIME_REFERENCE: Final = re.compile(r"\s+(?:earlier|ago|before|later|after|previously)\b")


def _is_time_reference(sentence: str, end: int) -> bool:
    """ "£890m a year earlier": "a year" dates the amount, it is not a rate."""
    return _TIME_REFERENCE.match(sentence, end) is not None


def unit_kind(symbol: str | None) -> QuantityKind:
    """The kind of quantity a unit symbol measures."""
    if symbol is None:
        return "number"
    base = symbol.split("/")[0].split("^")[0]
    if "/" in symbol:
        return "money" if base in _CURRENCY_CODES else "measure"
    if base in _CURRENCY_CODES:
        return "money"
    return UNIT_KINDS.get(base, "measure")


_CURRENCY_CODES: Final = frozenset({*_CURRENCY_SIGNS.values(), *_CURRENCY_WORDS.values()})
# the hundredth of a currency -> the currency (a plain "cents" is settled per article)
_HUNDREDTHS: Final = {
    "GBX": "GBP",
    "USc": "USD",
    "AUc": "AUD",
    "CAc": "CAD",
    "NZc": "NZD",
    "HKc": "HKD",
    "SGc": "SGD",
}
_CURRENCY_PREFIX: Final = re.compile(
    r"(?:US\$|A\$|C\$|HK\$|NZ\$|(?<![A-Za-z])(?:S|R|NT)\$|\$|€|£|¥|₹|₽|₩|₺"
    r"|\b(?:USD|EUR|GBP|JPY|CHF|CNY|Rs\.?)\s?)\s?(?:[-−]\s?)?$"
)
# every match of _CURRENCY_PREFIX holds one of these (a sign, or a letter of a code)
_CURRENCY_CHARS: Final = frozenset("$€£¥₹₽₩₺UEGJCRSN")
_SUFFIX_SIGNS: Final = frozenset("€$£")
_CURRENCY_SUFFIX_SIGN: Final = re.compile(r"\s?(€|\$|£)")


# --------------------------------------------------------------------------- assembly


@dataclass(slots=True)
class _Draft:
    """A number with its multiplier, currency and unit attached, before ranges."""

    value: float
    start: int
    end: int
    unit: str | None
    spelled: bool
    multiplied: bool
    integer_text: bool
    decade: bool
    factor: float = 1.0


def _is_time_of_day(sentence: str, atom: _Atom) -> bool:
    """ "2 pm", "10.30pm", "2.13 am": a time, not picometres; "2.123 pm" is a length."""
    if atom.spelled:
        return False
    following = sentence[atom.end : atom.end + 1]
    if following not in _AM_PM_FIRST and not following.isspace():
        return False  # _AM_PM starts with an optional space, then "a" or "p"
    after = _AM_PM.match(sentence, atom.end)
    if not after:
        return False
    hours, _, minutes = sentence[atom.start : atom.end].partition(".")
    if not hours.isdigit() or not 0 <= int(hours) <= 12:
        return False
    return minutes == "" or (len(minutes) == 2 and int(minutes) < 60)


_GLUED_MULTIPLIER: Final = re.compile(r"([kKmMbBT])(?![A-Za-z])")
_SPACED_MULTIPLIER: Final = re.compile(
    r"[ \u00a0-]?(thousand|million|billion|trillion|mn|mln|bn|bln|tn|trn|lakh crores?|lakhs?|"
    r"crores?)\b",
    re.IGNORECASE,
)
_MULTIPLIER_GAP: Final = frozenset(" \u00a0-")
_MULTIPLIER_FIRST: Final = frozenset("tmblcTMBLC")
_SPELLED_MULTIPLIER: Final = re.compile(
    r"[ \u00a0-]?(thousand|million|billion|trillion|lakh crores?|lakhs?|crores?)\b", re.IGNORECASE
)


def _draft(sentence: str, atom: _Atom) -> _Draft:
    """Attach currency sign, sign, multiplier and unit to a bare number."""
    start, end, value = atom.start, atom.end, atom.value
    unit: str | None = None
    negative = False
    window_start = max(0, start - 6)
    currency = (
        None
        if atom.spelled or _CURRENCY_CHARS.isdisjoint(sentence[window_start:start])
        else _CURRENCY_PREFIX.search(sentence, window_start, start)
    )
    if currency:
        sign = currency.group().strip().rstrip("-−").strip()
        unit = _CURRENCY_SIGNS.get(sign)
        negative = currency.group().rstrip()[-1:] in ("-", "−")
        start = currency.start()
    elif start and sentence[start - 1] == "R" and _is_rand(sentence, start):
        unit, start = "ZAR", start - 1
    elif start > 0 and sentence[start - 1] in _MINUS and not atom.spelled:
        prior = sentence[start - 2] if start > 1 else " "
        if not prior.isalnum() and prior not in ".,%":  # "4%-5%" is a range
            negative = True
            start -= 1
    elif (
        start >= 6
        and sentence[start - 6 : start].lower() == "minus "
        and (start == 6 or not sentence[start - 7].isalnum())
        and sentence[max(0, start - 14) : start - 6].lower() != "plus or "  # a margin: ±
    ):
        negative = True  # "fell to minus 27°C"
        start -= 6
    if negative:
        value = -value
    multiplied = atom.multiplied
    factor = 1.0
    following = sentence[end : end + 1]
    word_first = sentence[end + 1 : end + 2] if following in _MULTIPLIER_GAP else following
    if word_first not in _MULTIPLIER_FIRST:
        spaced = None  # every multiplier word starts with one of these letters
    elif atom.spelled:
        spaced = _SPELLED_MULTIPLIER.match(sentence, end)
    else:
        spaced = _SPACED_MULTIPLIER.match(sentence, end)
    glued = (
        None
        if atom.spelled or following not in _MULTIPLIER_LETTERS
        else _GLUED_MULTIPLIER.match(sentence, end)
    )
    # "mıllion", "thouſand": re.I reads "ı", "ſ" as "i", "s", but they are no multipliers
    spaced_factor = _MULTIPLIER_WORDS.get(spaced.group(1).lower()) if spaced else None
    if spaced and spaced_factor is not None:
        factor = spaced_factor
        end = spaced.end()
    elif glued and (unit is not None or glued.group(1) in "kK"):
        # "€300m", "$2.174T", "0.5k"; a bare "5m" is five metres
        factor = _MULTIPLIER_LETTERS[glued.group(1)]
        end = glued.end()
    if factor != 1.0:
        value = float(f"{value * factor:.15g}")  # 8.2 * 1e9 is 8199999999.999999
        multiplied = True
    found = None
    if atom.decade:
        end += 2 if sentence[end] in "'’" else 1
    else:
        hyphen = sentence[end : end + 1] == "-" and sentence[end + 1 : end + 2].isalpha()
        found = _match_unit(sentence, end + 1 if hyphen else end)
    if found is not None and _acceptable_unit(sentence, atom, end, found, unit):
        symbol, unit_end = found
        if unit is None:
            unit, end = symbol, unit_end
        elif symbol in _CURRENCY_CODES and unit_kind(symbol) == "money":
            end = unit_end  # "$5 dollars"
    if unit is not None and unit in _CURRENCY_CODES:
        per = _PER_RE.match(sentence, end)
        if per:
            inner = _match_unit(sentence, per.end())
            if (
                inner is not None
                and inner[0] not in _CURRENCY_CODES
                and not _is_time_reference(sentence, inner[1])
            ):
                unit = f"{unit}/{inner[0]}"
                end = inner[1]
    if unit is None and not atom.spelled:
        following = sentence[end : end + 1]
        suffix_sign = (
            _CURRENCY_SUFFIX_SIGN.match(sentence, end)
            if following in _SUFFIX_SIGNS
            or (following.isspace() and sentence[end + 1 : end + 2] in _SUFFIX_SIGNS)
            else None
        )
        if suffix_sign:
            unit = _CURRENCY_SIGNS[suffix_sign.group(1)]
            end = suffix_sign.end()
    return _Draft(
        value, start, end, unit, atom.spelled, multiplied, atom.integer_text, atom.decade, factor
    )


_NOT_INCH_AFTER: Final = re.compile(
    r"\s?in\s+(?:the|a|an|my|his|her|their|our|your|its|this|that|these|those|which|what|"
    r"\d|[A-Z])"
)
_SINGLE_LETTERS: Final = frozenset("stblpghdaAK")


def _acceptable_unit(
    sentence: str, atom: _Atom, number_end: int, found: tuple[str, int], prefix: str | None
) -> bool:
    """Reject readings that are English words, not units ("2 in my car", "2 pm")."""
    symbol, unit_end = found
    text = sentence[number_end:unit_end].strip(" -")
    if symbol == "in" and (
        atom.spelled
        or _NOT_INCH_AFTER.match(sentence, number_end)
        # "beat Sweden 3-2 in overtime": a score, not inches
        or (
            atom.start >= 2
            and sentence[atom.start - 1] in "-–"
            and sentence[atom.start - 2].isdigit()
        )
    ):
        return False
    if symbol in ("am", "pm") and (_is_time_of_day(sentence, atom) or atom.spelled):
        return False
    if len(text) == 1 and text in _SINGLE_LETTERS and sentence[number_end : number_end + 1] == " ":
        # a lone letter after a space is a word or an initial far more often than a unit
        return symbol == "t" and abs(atom.value) >= 1000
    if text in ("C", "F") and sentence[number_end : number_end + 1] in (" ", "-"):
        return False  # "2.7C" is a temperature, "5 C" a grade or a name
    if text.lower() == "p" and prefix is not None:
        return False
    if text.lower() == "won" and number_end == atom.end and abs(atom.value) < 1000:
        return False  # "the 11 won": a verb; "3.6 billion won", "50,000 won" are money
    return not (symbol == "°" and atom.spelled)


def find_quantities(sentence: str) -> list[Quantity]:
    """Every quantity of ``sentence``, in order, with its verbatim surface span."""
    sentence = sentence[:_MAX_SENTENCE]
    lowered = sentence.lower()
    return quantities_of(
        sentence, lowered, set(_LETTERS.findall(lowered)), _ANY_DIGIT.search(sentence) is not None
    )


def quantities_of(
    sentence: str, lowered: str, lowered_words: set[str], has_digit: bool
) -> list[Quantity]:
    """:func:`find_quantities` for a caller that has read the sentence already: ``lowered``
    is ``sentence.lower()``, ``lowered_words`` the set of its ``[a-z]+`` runs, ``has_digit``
    whether it holds a digit or a fraction sign. ``sentence`` must be at most 5,000
    characters long (find_quantities cuts longer ones)."""
    atoms = _digit_atoms(sentence) if has_digit else []
    # cheap set tests first: most sentences have no number word and no "a <unit>"
    present = lowered_words & _NUMBER_WORDS
    if present:
        atoms += _word_atoms(sentence, present, lowered)
    if not lowered_words.isdisjoint(_PHRASE_CUES) or (
        ("a" in lowered_words or "an" in lowered_words)
        and (not lowered_words.isdisjoint(_UNIT_FIRST_WORDS) or _UNIT_ONLY_SYMBOL.search(sentence))
    ):
        atoms += _unit_only_atoms(sentence, lowered_words)
    if len(atoms) > 1:
        atoms.sort(key=_atom_order)
    drafts: list[_Draft] = []
    last_end = -1
    for atom in atoms:
        if atom.start < last_end:
            continue
        following = sentence[atom.end : atom.end + 1]
        if (
            not atom.spelled
            and (following in _AM_PM_FIRST or following.isspace())
            and _is_time_of_day(sentence, atom)
        ):
            last_end = atom.end
            continue
        if atom.fixed:
            draft = _Draft(atom.value, atom.start, atom.end, atom.unit, True, False, False, False)
        else:
            draft = _draft(sentence, atom)
        last_end = draft.end
        drafts.append(draft)
    drafts = _drop_year_spans(sentence, drafts)
    _distribute_units(sentence, drafts)
    return _ranges(sentence, drafts)


def _atom_order(atom: _Atom) -> tuple[int, int]:
    return atom.start, -atom.end


_YEAR_SPAN: Final = re.compile(r"(?:1[89]|20)\d\d[-–/]\d\d(?![\d])")


def _drop_year_spans(sentence: str, drafts: list[_Draft]) -> list[_Draft]:
    """ "2013-14", "2024/25": a season or fiscal year, not two quantities."""
    if not drafts or ("-" not in sentence and "–" not in sentence and "/" not in sentence):
        return drafts  # a season or a fiscal year is written with one of these
    spans = [(m.start(), m.end()) for m in _YEAR_SPAN.finditer(sentence)]
    if not spans:
        return drafts
    return [d for d in drafts if not any(a <= d.start < b for a, b in spans)]


def _distribute_units(sentence: str, drafts: list[_Draft]) -> None:
    """ "45 and 50 mg": a bare number joined by "and"/"or" takes the next number's unit."""
    for i in range(len(drafts) - 1, 0, -1):
        current, previous = drafts[i], drafts[i - 1]
        if previous.unit is not None or current.unit is None or previous.decade:
            continue
        if sentence[previous.end : current.start] not in (" and ", " or "):
            continue
        if previous.spelled != current.spelled or unit_kind(current.unit) in ("duration", "money"):
            continue
        if (
            previous.integer_text
            and 1800 <= previous.value <= 2100
            and _YEAR_BEFORE.search(sentence[max(0, previous.start - 12) : previous.start])
        ):
            continue  # "5.8% higher than in 2023 and 19% above": a year, not a percentage
        previous.unit = current.unit


_CHANGE_BEFORE: Final = re.compile(
    r"\b(?:rose|rise|rises|rising|fell|fall|falls|falling|up|down|gained|gains|lost|loses|"
    r"climbed|climbs|dropped|drops|increased|increases|decreased|jumped|jumps|slipped|slips|"
    r"slid|added|adds|shed|sheds|eased|grew|grows|surged|soared|plunged|tumbled|declined|"
    r"advanced|rallied|sank|edged|raised|cut|lifted|lowered|weakened|strengthened|firmed|"
    r"dipped|slumped|rebounded|recovered|retreated|appreciated|depreciated)"
    r"(?:\s+(?:by|some|about|around|nearly|almost|roughly|more than|less than|over|another|"
    r"a further|just))*\s+$"
    r"|\bby\s+$",  # "cut the price of the Nova 11 by $100 to $699"
    re.IGNORECASE,
)
_BETWEEN: Final = re.compile(r"\b(between|from)\s+$", re.IGNORECASE)
_RANGE_WORDS: Final = frozenset({"-", "–", "—", "to", "- to", "-to", "– to", "–to"})
_PLUS_MINUS: Final = frozenset({"+/-", "±", "+-"})
# between a number and a bracket that restates it: its unit words, no other number
_CONVERSION_GAP: Final = re.compile(r"[^\d();.]{0,30}\(")
# a bare year just after one of these is a date, not the low end of a range
_YEAR_BEFORE: Final = re.compile(
    r"\b(?:in|since|by|during|until|(?:end|start|beginning|middle) of)\s+$", re.IGNORECASE
)
# "rose from 61 to 89", "will go from €185 to €220": the old level and the new one, not a
# range ("up from 26 to 28" is the old range)
_MOVED_FROM: Final = re.compile(
    r"\b(?:rose|risen|rise|rises|rising|fell|fallen|fall|falls|falling|grew|grown|grow|grows|"
    r"climbed|climb|climbs|increased|increase|increases|decreased|dropped|jumped|went|gone|go|"
    r"goes|going|raised|raise|cut|cuts|lifted|lowered|widen|widened|narrowed|changed|moved|"
    r"doubled|soared|surged|slumped|plunged|declined|shrank|shrunk|expanded)"
    r"(?:\s+[a-z]+){0,2}?\s+from\s+$",
    re.IGNORECASE,
)


def _ranges(sentence: str, drafts: list[_Draft]) -> list[Quantity]:
    """Pair "A to B", "between A and B", "A-B", "A ± B" into one quantity each."""
    quantities: list[Quantity] = []
    i = 0
    while i < len(drafts):
        low = drafts[i]
        if i + 1 < len(drafts):
            high = drafts[i + 1]
            gap = sentence[low.end : high.start]
            word = gap.strip().lower()
            if word in _PLUS_MINUS and (low.unit is None or low.unit == high.unit):
                quantities.append(
                    _quantity(sentence, low, low.start, high.end, None, None, high.unit)
                )
                i += 2
                continue
            opener = (
                _BETWEEN.search(sentence, max(0, low.start - 12), low.start)
                if word == "and" or word in _RANGE_WORDS
                else None
            )
            change = (
                _CHANGE_BEFORE.search(sentence, max(0, low.start - 24), low.start)
                if word == "to"
                else None
            )
            if change is not None and (
                high.value > 3 * low.value or (low.unit is not None and high.unit != low.unit)
            ):
                # "fell $2.47 to $74.52", "rose 3% to 412p": the change, then the new level
                # ("expected to rise 4% to 6%" stays a range)
                in_range = False
            elif (
                opener is not None
                and word == "to"
                and opener.group(1).lower() == "from"
                and _MOVED_FROM.search(sentence, max(0, low.start - 40), low.start)
            ):
                in_range = False
            elif opener is not None or word in _RANGE_WORDS:
                in_range = _is_range(
                    gap, word, low, high, opener, sentence[max(0, low.start - 8) : low.start]
                )
            else:
                in_range = False  # _is_range needs a range word, or "between .. and"
            if in_range:
                unit = low.unit or high.unit
                if high.multiplied and not low.multiplied and abs(low.value) < 1000:
                    low.value *= high.factor  # "between 300 and 400 million"
                start = low.start
                if opener and opener.group(1).lower() == "between":
                    start = opener.start()
                previous = quantities[-1] if quantities else None
                quantities.append(
                    _quantity(sentence, low, start, high.end, "between", high, unit, previous)
                )
                i += 2
                continue
        quantities.append(
            _quantity(
                sentence,
                low,
                low.start,
                low.end,
                None,
                None,
                low.unit,
                quantities[-1] if quantities else None,
            )
        )
        i += 1
    return quantities


def _is_range(
    gap: str, word: str, low: _Draft, high: _Draft, opener: re.Match[str] | None, before: str
) -> bool:
    if low.decade or high.decade:
        return False
    if (
        low.unit is not None
        and high.unit is not None
        and low.unit != high.unit
        and low.unit != high.unit.split("/")[0]  # "$51bn to $152bn a year"
    ):
        return False
    if low.spelled != high.spelled:
        return False
    if word == "and":
        if not opener or opener.group(1).lower() != "between":
            return False
    elif word not in _RANGE_WORDS:
        return False
    if word in ("-", "–", "—") and gap != word:
        return False  # "5 - 3" is arithmetic or a score, "5-3" / "5–3" a range
    if low.unit == "%" and high.unit is None:
        return False  # "stays rose 4.1% to 76.3 million": a change, then a level
    if (
        low.integer_text
        and 1800 <= low.value <= 2100
        and (high.value > 2100 or not high.integer_text)
        and high.unit is None
        and low.unit is None
    ):
        return False  # "rose in 2023 to 16,725": a year, then a level
    if (
        word == "to"
        and low.integer_text
        and 1800 <= low.value <= 2100
        and low.unit is None
        and high.unit is not None
        and _YEAR_BEFORE.search(before)
    ):
        return False  # "was raised in 2023 to €39,500 a year"
    low_value = low.value * (high.factor if high.multiplied and not low.multiplied else 1)
    if low_value < 0 or high.value < 0:
        return True  # "-18 °C to -34 °C"
    return high.value > low_value


def _quantity(
    sentence: str,
    draft: _Draft,
    start: int,
    end: int,
    qualifier: str | None,
    high: _Draft | None,
    unit: str | None,
    previous: Quantity | None = None,
) -> Quantity:
    value = draft.value
    upper = high.value if high is not None else None
    qualifier_start = None
    if qualifier is None:
        window = sentence[max(0, start - 20) : start].rstrip()
        lowered = window.lower()
        if lowered.endswith(_QUALIFIER_ENDINGS):
            for size, candidates in _QUALIFIERS_BY_LENGTH:
                candidate = lowered[-size:]
                if candidate in candidates:
                    at = len(window) - size
                    if at == 0 or not (window[at - 1].isalnum() or window[at - 1] == "-"):
                        qualifier = candidate
                        qualifier_start = max(0, start - 20) + at
                    break
        else:
            trailing = (
                _TRAILING_QUALIFIER.match(sentence, end)
                if sentence[end : end + 1].isspace()
                and (sentence[end + 1 : end + 2] in "oOpP" or sentence[end + 1 : end + 2].isspace())
                else None
            )
            if trailing:
                qualifier = trailing.group(1).lower()
        if qualifier is not None:
            qualifier = _NORMALISED_QUALIFIER.get(qualifier, qualifier)
    accounting = (
        start > 0
        and sentence[start - 1] == "("
        and sentence[end : end + 1] == ")"
        # "£75m ($95m)", "410,000 soums ($32)": the same amount in another currency (named
        # or not), not a loss
        and not (previous is not None and _CONVERSION_GAP.fullmatch(sentence, previous.end, start))
    )
    if accounting and unit in _CURRENCY_CODES and value > 0:
        value = -value  # accounting notation: "($99.99)" is a loss
        start, end = start - 1, end + 1
    whole = _HUNDREDTHS.get(unit[:3]) if unit is not None else None
    if unit is not None and whole is not None:  # pence: "245p", "38.6p per litre"; US cents
        unit, value = whole + unit[3:], value / 100
        upper = upper / 100 if upper is not None else None
    return Quantity(
        value,
        unit,
        "number" if unit is None else unit_kind(unit),
        start,
        end,
        sentence[start:end],
        qualifier,
        upper,
        draft.spelled,
        draft.multiplied or (high is not None and high.multiplied),
        draft.decade,
        qualifier_start,
    )
