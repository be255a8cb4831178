"""Per-language resources. Language is a parameter everywhere; English is the first one."""

from __future__ import annotations

from summarizer.errors import UnsupportedLanguageError

#: ISO 639-1 code -> the language's name as NLTK's Snowball stemmer and sumy spell it.
LANGUAGES: dict[str, str] = {"en": "english"}

DEFAULT_LANGUAGE = "en"


def language_name(code: str) -> str:
    """The full name of a supported language code, or a clear error."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise UnsupportedLanguageError(code, tuple(LANGUAGES)) from None


_MONTH_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
#: English month names and abbreviations -> month number; datelines and figures share it.
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_MONTH_SPELLINGS, start=1) for name in names
}
#: The full names only: a full stop after one ends a sentence, not an abbreviation.
FULL_MONTHS: frozenset[str] = frozenset(names[0] for names in _MONTH_SPELLINGS)
