"""Every message the bot sends is built here, as Telegram HTML.

Article text always goes through :func:`html.escape`; replies longer than one
message are split by :func:`split_html` at paragraph or sentence boundaries and
never inside a tag or an entity. Callback data for the inline buttons is made
and parsed here too, so its format lives in one place.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.store.base import ArticleHeader
from summarizer import Figure, Quote, Sentence

if TYPE_CHECKING:
    from bot.ingest import IngestResult
    from bot.service import ArticlePage, ArticleView, RemoveView, SearchView, SummaryView

MAX_MESSAGE_LENGTH = 4096
"""Telegram's limit for one text message (we count UTF-16 code units of the HTML, a bound)."""

LONGER_STEP = 2


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer: HTML chunks that each fit in a message; the keyboard goes under the last."""

    chunks: tuple[str, ...]
    keyboard: InlineKeyboardMarkup | None = None


def reply(text: str, keyboard: InlineKeyboardMarkup | None = None) -> Reply:
    return Reply(tuple(split_html(text)), keyboard)


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=False)


# Callback data ------------------------------------------------------------------------------

CallbackKind = Literal["summary", "quotes", "figures", "articles"]
_CALLBACK_RE = re.compile(r"^(sum|quo|fig|art):(\d{1,18})(?::(\d{1,3}))?$")
_CALLBACK_KINDS: dict[str, CallbackKind] = {
    "sum": "summary",
    "quo": "quotes",
    "fig": "figures",
    "art": "articles",
}


@dataclass(frozen=True, slots=True)
class Callback:
    """A pressed button: ``number`` is an article id (or a page for ``articles``)."""

    kind: CallbackKind
    number: int
    sentences: int | None = None


def callback_data(callback: Callback) -> str:
    prefix = {v: k for k, v in _CALLBACK_KINDS.items()}[callback.kind]
    tail = f":{callback.sentences}" if callback.sentences is not None else ""
    return f"{prefix}:{callback.number}{tail}"


def parse_callback(data: str | None) -> Callback | None:
    match = _CALLBACK_RE.match(data or "")
    if match is None:
        return None
    sentences = int(match.group(3)) if match.group(3) else None
    return Callback(_CALLBACK_KINDS[match.group(1)], int(match.group(2)), sentences)


def _button(label: str, callback: Callback) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callback_data(callback))


# Pieces -------------------------------------------------------------------------------------


def article_ref(article_id: int) -> str:
    return f"#{article_id}"


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def heading(article_id: int, title: str | None, published: date | None, note: str = "") -> str:
    """``<b>Title</b>`` then ``#id · date · note`` on the next line."""
    meta = [article_ref(article_id)]
    if (day := _date(published)) is not None:
        meta.append(day)
    if note:
        meta.append(esc(note))
    name = esc(title) if title else f"Article {article_ref(article_id)}"
    return f"<b>{name}</b>\n" + " · ".join(meta)


def header_line(header: ArticleHeader) -> str:
    parts = [f"<b>{article_ref(header.id)}</b>"]
    if (day := _date(header.published)) is not None:
        parts.append(day)
    parts.append(esc(header.title) if header.title else "<i>untitled</i>")
    return " · ".join(parts)


def _matched(matched: str | None) -> str:
    return f"\n<i>Best match for “{esc(matched)}”.</i>" if matched else ""


def sentences_html(sentences: Iterable[Sentence]) -> str:
    """Sentences of one paragraph joined by a space; paragraphs by a blank line."""
    paragraphs: list[list[str]] = []
    last: Sentence | None = None
    for sentence in sentences:
        adjacent = last is not None and last.paragraph == sentence.paragraph
        if adjacent and paragraphs:
            paragraphs[-1].append(esc(sentence.text))
        else:
            paragraphs.append([esc(sentence.text)])
        last = sentence
    return "\n\n".join(" ".join(p) for p in paragraphs)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def quote_html(quote: Quote) -> str:
    speaker = f"<i>{esc(quote.speaker)}</i>" if quote.speaker else "<i>unattributed</i>"
    marker = "…" if quote.partial else ""
    return f"“{marker}{esc(quote.text)}{marker}” — {speaker}"


def figure_html(figure: Figure) -> str:
    """A key figure as one phrase (“more than 2,000 people detained”), with the article's words.

    The article's own wording follows in italics when the phrase does not already contain it,
    so a reader can find the number in the text.
    """
    phrase = figure.describe().strip() or figure.evidence.strip()
    evidence = figure.evidence.strip()
    shown = evidence and evidence.lower() not in phrase.lower()
    quoted = f" <i>(“{esc(evidence)}”)</i>" if shown else ""
    return f"• <b>{esc(phrase)}</b>{quoted}"


def _restates(figure: Figure, first: Figure) -> bool:
    """ "Rs 6.1 lakh crore (about $73.5 billion)": the same amount in another currency, told in
    the same sentence about the same thing."""
    return (
        figure.kind == first.kind == "money"
        and figure.sentence == first.sentence
        and figure.what == first.what
        and figure.unit != first.unit
    )


def key_figures_html(key: tuple[Figure, ...]) -> str:
    """One line per key figure; an amount restated in another currency joins its line."""
    lines: list[str] = []
    first: Figure | None = None
    for figure in key:
        if first is not None and _restates(figure, first):
            lines[-1] += f" · {esc(figure.evidence.strip())}"
            continue
        lines.append(figure_html(figure))
        first = figure
    return "\n".join(lines)


def date_html(figure: Figure) -> str:
    what = f" — {esc(figure.what)}" if figure.what.strip() else ""
    return f"• <b>{esc(figure.evidence.strip() or figure.describe())}</b>{what}"


# Replies ------------------------------------------------------------------------------------


def summary(view: SummaryView) -> Reply:
    article = view.article
    count = len(view.sentences)
    total = len(article.analysis.article.sentences)
    note = f"summary, {count} of {total} sentences"
    parts = [heading(article.id, article.title, article.published, note) + _matched(view.matched)]
    if view.sentences:
        parts.append(sentences_html(view.sentences))
    else:
        parts.append("<i>This article has no sentences to summarise.</i>")
    if view.capped:
        parts.append(f"<i>Summaries are capped at {view.cap} sentences.</i>")
    return reply("\n\n".join(parts), summary_keyboard(view))


def summary_keyboard(view: SummaryView) -> InlineKeyboardMarkup:
    analysis = view.article.analysis
    article_id = view.article.id
    row = [
        _button(f"Quotes ({len(analysis.quotes)})", Callback("quotes", article_id)),
        _button(f"Figures ({len(analysis.key_figures)})", Callback("figures", article_id)),
    ]
    if view.can_grow:
        longer = min(len(view.sentences) + LONGER_STEP, view.available)
        row.append(_button("Longer", Callback("summary", article_id, longer)))
    return InlineKeyboardMarkup([row])


def quotes(view: ArticleView) -> Reply:
    article = view.article
    found = article.analysis.quotes
    head = heading(article.id, article.title, article.published, _plural(len(found), "quotation"))
    if not found:
        body = f"<i>No direct quotations in {article_ref(article.id)}.</i>"
    else:
        body = "\n\n".join(quote_html(q) for q in found)
    return reply(head + _matched(view.matched) + "\n\n" + body)


def figures(view: ArticleView) -> Reply:
    article = view.article
    key = article.analysis.key_figures
    dates = article.analysis.dates
    head = heading(article.id, article.title, article.published, _plural(len(key), "key figure"))
    parts = [head + _matched(view.matched)]
    if key:
        parts.append(key_figures_html(key))
    else:
        parts.append(f"<i>No key figures in {article_ref(article.id)}.</i>")
    if dates:
        parts.append("<b>Dates</b>\n" + "\n".join(date_html(f) for f in dates))
    return reply("\n\n".join(parts))


def article_page(page: ArticlePage) -> Reply:
    if not page.total:
        return reply("No articles are stored yet. A maintainer can add one with /ingest.")
    head = f"<b>Articles</b> · page {page.page} of {page.pages} · {page.total} stored"
    body = "\n".join(header_line(h) for h in page.headers)
    hint = "<i>/summary ID, /quotes ID or /figures ID shows one of them.</i>"
    buttons = []
    if page.page > 1:
        buttons.append(_button("‹ Newer", Callback("articles", page.page - 1)))
    if page.page < page.pages:
        buttons.append(_button("Older ›", Callback("articles", page.page + 1)))
    keyboard = InlineKeyboardMarkup([buttons]) if buttons else None
    return reply(f"{head}\n\n{body}\n\n{hint}", keyboard)


def search_results(view: SearchView) -> Reply:
    if not view.headers:
        return reply(f"No article matches “{esc(view.words)}”. /articles lists them all.")
    head = f"<b>Search</b> · “{esc(view.words)}” · {_plural(len(view.headers), 'match')}"
    body = "\n".join(header_line(h) for h in view.headers)
    return reply(f"{head}\n\n{body}")


def ingested(result: IngestResult) -> Reply:
    title = esc(result.title) if result.title else "<i>untitled</i>"
    ref = article_ref(result.id)
    if not result.created:
        reason = f" ({esc(result.duplicate_reason)})" if result.duplicate_reason else ""
        return reply(f"This article is already stored as {ref}: <b>{title}</b>{reason}.")
    analysis = result.analysis
    day = f" · {result.published.isoformat()}" if result.published else " · no date found"
    preview = sentences_html(analysis.summary(2)) or "<i>No sentences found.</i>"
    counts = (
        f"{_plural(len(analysis.quotes), 'quote')} · {_plural(len(analysis.key_figures), 'figure')}"
    )
    hint = f"/summary {result.id} · /quotes {result.id} · /figures {result.id}"
    return reply(f"Stored as <b>{ref}</b>: <b>{title}</b>{day}\n\n{preview}\n\n{counts}\n{hint}")


def removed(view: RemoveView) -> Reply:
    return reply(f"Removed {article_ref(view.article_id)}.")


def problem(line: str) -> Reply:
    """One line of help (plain text from the service layer), escaped."""
    return reply(esc(line))


def unknown_command(command: str) -> Reply:
    return reply(f"I don't know {esc(command)}. /help lists what I can do.")


def internal_error() -> Reply:
    return reply("Sorry, something went wrong on my side. Please try again later.")


def expired_button() -> str:
    return "That button has expired."


COMMANDS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary of the newest article, an id or the best match"),
    ("quotes", "Quotations with their speakers"),
    ("figures", "Key figures and dates"),
    ("articles", "Stored articles, newest first"),
    ("search", "Find articles by words"),
    ("help", "How to use the bot"),
)
MAINTAINER_COMMANDS: tuple[tuple[str, str], ...] = (
    ("ingest", "Add an article: text, URL, reply or document"),
    ("remove", "Remove an article by id"),
)


def help_text(bot_username: str | None, *, maintainer: bool, max_sentences: int) -> Reply:
    mention = f" (in groups: /summary@{esc(bot_username)})" if bot_username else ""
    lines = [
        "<b>newsbrief</b> turns stored news articles into short extractive summaries, "
        "the quotations they contain with their speakers, and their key figures.",
        "",
        f"<b>Commands</b>{mention}",
        "/summary [ID | words] [N] — N sentences (default from settings, "
        f"at most {max_sentences}) of the newest article, of article ID, or of the best "
        "match for the words",
        "/quotes [ID | words] — the quotations, each with its speaker",
        "/figures [ID | words] — the key figures with what they count, dates apart",
        "/articles [PAGE] — the newest articles with their ids",
        "/search words — articles matching the words",
        "",
        "<b>Examples</b>",
        "/summary · /summary 12 · /summary #12 5 · /summary latest 5 · /summary Maduro WhatsApp",
        "/quotes #12 · /figures election results",
        "An ID is written 12 or #12; a lone number is always an ID.",
    ]
    if maintainer:
        lines += [
            "",
            "<b>Maintainers</b>",
            "/ingest TEXT · /ingest URL · /ingest as a reply to a message · "
            "a document (.txt, .md, .html) with the caption /ingest",
            "/remove ID — delete an article",
        ]
    return reply("\n".join(lines))


# Splitting ----------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^<>]*>|&#?\w+;")
_SENTENCE_END = ".!?…"
_CLOSERS = "\"'”’»)]"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_html(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` UTF-16 units, each valid HTML on its own.

    Cuts fall, by preference, at a blank line, a line break, a sentence end, a space,
    and only if there is none in the last two thirds of the piece, between characters.
    Tags open at a cut are closed before it and reopened after it.
    """
    if limit < 64:
        raise ValueError("limit must leave room for tags (64 or more)")
    chunks: list[str] = []
    rest = text.strip()
    while utf16_len(rest) > limit:
        cut, stack = _find_cut(rest, limit)
        head = rest[:cut].rstrip() + "".join(f"</{name}>" for name, _ in reversed(stack))
        reopen = "".join(tag for _, tag in stack)
        rest = reopen + rest[cut:].lstrip()
        if _visible(head):
            chunks.append(head)
    if _visible(rest):
        chunks.append(rest)
    return chunks


def _visible(text: str) -> bool:
    """Whether ``text`` shows anything: Telegram refuses a message of tags and spaces only."""
    return bool(html.unescape(re.sub(r"<[^<>]*>", "", text)).strip())


def _cut_priority(text: str, p: int) -> int:
    """How good a cut between ``text[p-1]`` and ``text[p]`` is: 4 (blank line) .. 0 (any)."""
    ch = text[p]
    if ch == "\n":
        return 4 if text.startswith("\n\n", p) else 3
    if ch in " \t":
        before = text[p - 1] if p >= 1 else ""
        if before in _CLOSERS and p >= 2:
            before = text[p - 2]
        return 2 if before and before in _SENTENCE_END else 1
    return 0


def _find_cut(text: str, limit: int) -> tuple[int, tuple[tuple[str, str], ...]]:
    best: dict[int, tuple[int, int, tuple[tuple[str, str], ...]]] = {}
    stack: tuple[tuple[str, str], ...] = ()  # the open tags: (name, opening tag)
    closing = 0  # length of the closing tags the open stack needs
    length = 0  # UTF-16 length of text[:pos]
    pos = 0

    def consider_text(start: int, end: int) -> bool:
        """Scan plain text ``text[start:end]``; return False once past the limit."""
        nonlocal length
        for p in range(start, end):
            if p > 0 and length + closing <= limit:
                priority = _cut_priority(text, p)
                best[priority] = (p, length, stack)
            length += 2 if ord(text[p]) > 0xFFFF else 1
            if length + closing > limit:
                return False
        return True

    for match in _TOKEN_RE.finditer(text):
        if not consider_text(pos, match.start()):
            break
        token = match.group(0)
        if length + closing <= limit and match.start() > 0:
            best[0] = (match.start(), length, stack)
        length += utf16_len(token)
        if token.startswith("<"):
            name = match.group(2).lower()
            if match.group(1):
                if stack and stack[-1][0] == name:
                    stack = stack[:-1]
                    closing -= len(name) + 3
            elif not token.endswith("/>"):
                stack = (*stack, (name, token))
                closing += len(name) + 3
        pos = match.end()
        if length + closing > limit:
            break
    else:
        consider_text(pos, len(text))

    floor = limit // 3
    for priority in (4, 3, 2, 1, 0):
        found = best.get(priority)
        if found is not None and found[1] >= floor:
            return found[0], found[2]
    if not best:
        raise ValueError("cannot split: the first tag alone is longer than the limit")
    p, _, stack_at = max(best.values(), key=lambda item: item[1])
    return p, stack_at


def to_plain(text: str) -> str:
    """Telegram HTML -> terminal text: links keep their address, other tags go."""
    text = re.sub(
        r'<a\s+href="([^"]*)"[^>]*>(.*?)</a>', lambda m: f"{m.group(2)} ({m.group(1)})", text
    )
    text = re.sub(r"<[^<>]+>", "", text)
    return html.unescape(text)
