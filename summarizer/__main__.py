"""Command line: ``python -m summarizer FILE... [--sentences N|P%] [--method M] [--json]``.

Each file is handled on its own: a missing, empty or binary file is reported on
stderr in one line and the others are still processed; the exit code is 2 when
any file failed.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizer.analysis import analyse
from summarizer.errors import SummarizerError
from summarizer.language import LANGUAGES
from summarizer.model import Analysis
from summarizer.ranking import DEFAULT_METHOD, METHODS

_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
_MAX_BYTES = 20_000_000
EXIT_BAD_INPUT = 2


class InputError(Exception):
    """A file that cannot be read as an article; the message is shown as is."""


def _length(value: str) -> tuple[int, float | None]:
    """``"5"`` -> (5, None); ``"20%"`` -> (0, 20.0)."""
    text = value.strip()
    try:
        if text.endswith("%"):
            percent = float(text[:-1])
            if not 0 < percent <= 100:
                raise ValueError
            return 0, percent
        count = int(text)
        if count < 1:
            raise ValueError
        return count, None
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a length: give a whole number of sentences (3) or a share (20%)"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer",
        description=(
            "Summarise news articles: the main sentences (verbatim, in article order), "
            "direct quotations with their speakers, and key figures."
        ),
        epilog=(
            "examples:\n"
            "  python -m summarizer seeds/*.txt\n"
            "  python -m summarizer article.html --sentences 20% --method lexrank\n"
            "  python -m summarizer a.txt b.md --json > out.jsonl"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".txt, .md or .html article")
    parser.add_argument(
        "-n",
        "--sentences",
        type=_length,
        default=(3, None),
        metavar="N|P%",
        help="summary length: sentences, or a share of the article (default: 3)",
    )
    parser.add_argument(
        "-m",
        "--method",
        choices=METHODS,
        default=DEFAULT_METHOD,
        help=f"ranking method (default: {DEFAULT_METHOD})",
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "html"),
        default=None,
        help="input format (default: from the file name, else guessed)",
    )
    parser.add_argument(
        "--language", choices=tuple(LANGUAGES), default="en", help="article language"
    )
    parser.add_argument(
        "--json", action="store_true", help="one JSON object per file, one per line"
    )
    return parser


def read_article_file(path: Path) -> str:
    """The file's text, or an :class:`InputError` that says what is wrong with it."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder; name the article files inside it")
        size = path.stat().st_size
        if size > _MAX_BYTES:
            raise InputError(f"{path}: {size:,} bytes is too large (limit {_MAX_BYTES:,})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; name the article files inside it") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in data[:65536]:
        raise InputError(f"{path}: looks like a binary file; give a .txt, .md or .html article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Not UTF-8: old pages and archives are mostly Windows-1252 / Latin-1.
        text = data.decode("cp1252", errors="replace")
    if looks_binary(text):
        raise InputError(f"{path}: looks like a binary file; give a .txt, .md or .html article")
    return text


def looks_binary(text: str) -> bool:
    """More than 5% control or undecodable characters: not an article."""
    sample = text[:65536]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\f"))
    return bad > len(sample) * 0.05


def length_for(analysis: Analysis, sentences: tuple[int, float | None]) -> int:
    count, percent = sentences
    if percent is None:
        return count
    return max(1, math.ceil(len(analysis.ranking.order) * percent / 100))


def to_json(analysis: Analysis, n: int) -> dict[str, Any]:
    """The CLI's JSON record (a stable, documented shape)."""
    article = analysis.article
    return {
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "method": analysis.ranking.method,
        "summary": [s.text for s in analysis.summary(n)],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "partial": q.partial, "cue": q.cue}
            for q in analysis.quotes
        ],
        "figures": [
            {
                "value": f.to_dict()["value"],
                "upper": f.to_dict()["upper"],
                "qualifier": f.qualifier,
                "unit": f.unit,
                "what": f.what,
                "kind": f.kind,
                "evidence": f.evidence,
            }
            for f in analysis.figures
        ],
    }


def to_text(analysis: Analysis, n: int, name: str) -> str:
    article = analysis.article
    lines = [f"# {article.title or name}"]
    meta = [f"file: {name}"]
    if article.published:
        meta.append(f"published: {article.published.isoformat()}")
    lines.append("  ".join(meta))
    lines.append("")
    lines.append("Summary:")
    lines.extend(f"  - {s.text}" for s in analysis.summary(n))
    if analysis.quotes:
        lines.append("")
        lines.append("Quotes:")
        for q in analysis.quotes:
            who = q.speaker or "unattributed"
            partial = ", partial" if q.partial else ""
            lines.append(f"  - “{q.text}” — {who}{partial}")
    if analysis.key_figures:
        lines.append("")
        lines.append("Key figures:")
        lines.extend(f"  - {f.describe()}" for f in analysis.key_figures)
    if analysis.dates:
        lines.append("")
        lines.append("Dates:")
        lines.extend(f"  - {f.describe()}" for f in analysis.dates)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    failed = False
    first = True
    for name in args.files:
        path = Path(name)
        try:
            text = read_article_file(path)
            fmt = args.format or _EXTENSIONS.get(path.suffix.lower())
            analysis = analyse(text, fmt=fmt, language=args.language, method=args.method)
        except (InputError, SummarizerError) as error:
            message = str(error) if isinstance(error, InputError) else f"{path}: {error}"
            print(f"error: {message}", file=sys.stderr)
            failed = True
            continue
        n = length_for(analysis, args.sentences)
        if args.json:
            print(json.dumps(to_json(analysis, n), ensure_ascii=False))
        else:
            if not first:
                print()
            print(to_text(analysis, n, name))
        first = False
    return EXIT_BAD_INPUT if failed else 0


if __name__ == "__main__":
    sys.exit(main())
