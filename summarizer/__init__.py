"""newsbrief's NLP core: articles in, summaries, quotes and key figures out.

Pure and synchronous: ``str`` in, frozen dataclasses out. It never touches
Telegram, a database or the environment, so it runs the same in the bot, the
command line and the tests.
"""

from __future__ import annotations

import importlib
import os.path
import sys
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from summarizer.errors import (
    EmptyArticleError,
    SummarizerError,
    UnknownMethodError,
    UnsupportedLanguageError,
)
from summarizer.language import DEFAULT_LANGUAGE, LANGUAGES
from summarizer.model import (
    ANALYSIS_VERSION,
    Analysis,
    Article,
    Figure,
    Quote,
    Ranking,
    Sentence,
    Span,
)

# --------------------------------------------------------------------------- compiled reader
# `pip install` compiles numbers.py and figures.py with mypyc when it can (setup.py), and
# records the sha256 of each source in _compiled.py. An editable install puts the compiled
# modules next to the .py files, and Python imports a compiled module before a .py of the same
# name: after an edit the old build would silently run. So, before anything imports them: if a
# source no longer matches its build, or the build does not load, load both .py sources.
_COMPILED_LIBRARY = "summarizer._figures__mypyc"  # mypyc's shared library (setup.py GROUP)


def _sha256(data: bytes) -> str:
    # CPython's built-in sha256 (0.3 ms to import); hashlib loads OpenSSL (4 ms) on every start
    for name in ("_sha2", "_sha256"):  # Python 3.12+, 3.11
        try:
            return str(importlib.import_module(name).sha256(data).hexdigest())
        except ImportError:
            continue
    return str(importlib.import_module("hashlib").sha256(data).hexdigest())


def _load_pure_sources(names: Iterable[str]) -> None:
    """Import each ``summarizer.<name>`` from its .py source, whatever is compiled beside it
    (in order: a module must come after the modules it imports)."""
    import importlib.util
    from importlib.machinery import SourceFileLoader

    for name in names:
        path = os.path.join(os.path.dirname(__file__), name.rsplit(".", 1)[1] + ".py")
        loader = SourceFileLoader(name, path)
        spec = importlib.util.spec_from_file_location(name, path, loader=loader)
        assert spec is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        loader.exec_module(module)
        globals()[name.rsplit(".", 1)[1]] = module


def _check_compiled() -> None:
    try:
        record = importlib.import_module("summarizer._compiled")
    except ImportError:  # not installed by setup.py: nothing is compiled
        return
    sources: dict[str, str] = record.SOURCES  # empty for a pure-Python build
    stamps: dict[str, tuple[int, int]] = record.STAMPS  # empty unless built in place
    changed = []
    for name in stamps:  # a wheel installs each .py with its build: only in place can differ
        path = os.path.join(os.path.dirname(__file__), name.rsplit(".", 1)[1] + ".py")
        stat = os.stat(path)
        if (stat.st_size, stat.st_mtime_ns) == stamps[name]:
            continue  # untouched since the build: skip hashing (about 0.8 ms)
        with open(path, "rb") as source:
            if _sha256(source.read()) != sources[name]:
                changed.append(path)
    if changed:
        reason = f"{', '.join(changed)} changed since it was compiled"
    elif sources:
        try:
            importlib.import_module(_COMPILED_LIBRARY)
            return
        except ImportError as error:
            reason = f"the compiled figure reader does not load ({error})"
    else:
        return
    _load_pure_sources(sources)  # recorded numbers before figures
    warnings.warn(
        f"{reason}: running the pure-Python source instead; "
        "run `pip install -e .` to compile it again",
        RuntimeWarning,
        stacklevel=2,
    )


def compiled_modules() -> tuple[str, ...]:
    """The modules of summarizer running as compiled code (empty for a pure-Python build);
    imports the figure reader."""
    names = ("summarizer.numbers", "summarizer.figures")
    return tuple(
        name for name in names if not str(importlib.import_module(name).__file__).endswith(".py")
    )


_check_compiled()

if TYPE_CHECKING:
    from summarizer.analysis import analyse, analyse_article
    from summarizer.article import detect_format, normalize_text, parse_article, parse_date
    from summarizer.figures import extract_figures
    from summarizer.quotes import extract_quotes
    from summarizer.ranking import DEFAULT_METHOD, METHODS, rank, summarize
    from summarizer.sentences import sentence_spans, split_sentences

# The value types above are all a reader of stored analyses needs; the analysers pull in
# numpy, scipy and large rule tables, so they load on first use (PEP 562). A bot that only
# answers commands starts without them.
_LAZY = {
    "analyse": "summarizer.analysis",
    "analyse_article": "summarizer.analysis",
    "detect_format": "summarizer.article",
    "normalize_text": "summarizer.article",
    "parse_article": "summarizer.article",
    "parse_date": "summarizer.article",
    "extract_figures": "summarizer.figures",
    "extract_quotes": "summarizer.quotes",
    "DEFAULT_METHOD": "summarizer.ranking",
    "METHODS": "summarizer.ranking",
    "rank": "summarizer.ranking",
    "summarize": "summarizer.ranking",
    "sentence_spans": "summarizer.sentences",
    "split_sentences": "summarizer.sentences",
}


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ANALYSIS_VERSION",
    "DEFAULT_LANGUAGE",
    "DEFAULT_METHOD",
    "LANGUAGES",
    "METHODS",
    "Analysis",
    "Article",
    "EmptyArticleError",
    "Figure",
    "Quote",
    "Ranking",
    "Sentence",
    "Span",
    "SummarizerError",
    "UnknownMethodError",
    "UnsupportedLanguageError",
    "analyse",
    "analyse_article",
    "compiled_modules",
    "detect_format",
    "extract_figures",
    "extract_quotes",
    "normalize_text",
    "parse_article",
    "parse_date",
    "rank",
    "sentence_spans",
    "split_sentences",
    "summarize",
]
