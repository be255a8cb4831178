"""The bot end to end: the real Application polls a fake Bot API server over HTTP.

Every message the bot sends is checked by the fake as Telegram would (HTML must
parse, at most 4,096 characters), and any exception that reaches the bot's error
handler fails the test.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.ingest import ingest_text
from tests.fake_bot_api import (
    BOT_USERNAME,
    MAINTAINER,
    STRANGER,
    FakeBotAPI,
    RunningBot,
    SentMessage,
    bot_settings,
    group_chat,
    private_chat,
    running,
    utf16_len,
)

SEED_TITLE = "Maduro accused WhatsApp of sharing data with the opposition."
GROUP = group_chat()


def one(messages: list[SentMessage]) -> SentMessage:
    assert len(messages) == 1, [m.text for m in messages]
    return messages[0]


async def count(bot: RunningBot) -> int:
    return int(await bot.app.bot_data.store.count())


def article_text(seed: int, sentences: int = 8, words: int = 14) -> str:
    """A distinct synthetic article: a title line, then sentences of random words."""
    rng = random.Random(seed)
    vocab = [f"{a}{b}" for a in ("ka", "lo", "mi", "ne", "pu", "ri", "so", "te") for b in "aeiou"]
    lines = [f"Report {seed} on {rng.choice(vocab)} {rng.choice(vocab)}", ""]
    for _ in range(sentences):
        body = " ".join(rng.choice(vocab) for _ in range(words))
        lines.append(body.capitalize() + ".")
    return "\n".join(lines)


# Reading ------------------------------------------------------------------------------------


async def test_start_and_help_explain_the_grammar(bot: RunningBot) -> None:
    reader = one(await bot.ask("/start", STRANGER)).text
    assert "/summary [ID | words] [N]" in reader
    assert "/summary #12 5" in reader
    assert "/ingest" not in reader
    maintainer = one(await bot.ask("/help", MAINTAINER)).text
    assert "/ingest TEXT" in maintainer and "/remove ID" in maintainer


async def test_summary_of_the_newest_article_has_buttons(bot: RunningBot) -> None:
    message = one(await bot.ask("/summary", STRANGER))
    article = await bot.app.bot_data.store.get(1)
    assert article is not None
    assert message.text.startswith(SEED_TITLE)
    assert "#1 · 2024-09-20" in message.text
    for sentence in article.analysis.summary(3):
        assert sentence.text in message.text
    labels = [b["text"] for b in message.buttons]
    assert labels[:2] == [
        f"Quotes ({len(article.analysis.quotes)})",
        f"Figures ({len(article.analysis.key_figures)})",
    ]
    assert labels[2:] == ["Longer"]
    assert message.reply_to is None  # private chats are not quoted


@pytest.mark.parametrize(
    ("command", "sentences", "note"),
    [
        ("/summary 1", 3, None),
        ("/summary #1 2", 2, None),
        ("/summary latest 5", 5, None),
        ("/summary WhatsApp Maduro 1", 1, "Best match for “WhatsApp Maduro”."),
        ("/summary #1 99", 10, "Summaries are capped at 10 sentences."),
    ],
)
async def test_summary_grammar(
    bot: RunningBot, command: str, sentences: int, note: str | None
) -> None:
    message = one(await bot.ask(command, STRANGER))
    article = await bot.app.bot_data.store.get(1)
    assert article is not None
    expected = article.analysis.summary(sentences)
    assert f"summary, {len(expected)} of {len(article.analysis.article.sentences)}" in (
        message.text
    )
    for sentence in expected:
        assert sentence.text in message.text
    if note:
        assert note in message.text


async def test_quotes_list_every_quotation_with_its_speaker(bot: RunningBot) -> None:
    article = await bot.app.bot_data.store.get(1)
    assert article is not None
    text = "\n".join(m.text for m in await bot.ask("/quotes #1", STRANGER))
    assert "#1" in text
    quotes = article.analysis.quotes
    for quote in quotes:
        assert quote.text in text
        assert (quote.speaker or "unattributed") in text
    if not quotes:
        assert "No direct quotations in #1." in text


async def test_figures_name_what_they_count_and_keep_dates_apart(bot: RunningBot) -> None:
    article = await bot.app.bot_data.store.get(1)
    assert article is not None
    text = "\n".join(m.text for m in await bot.ask("/figures WhatsApp", STRANGER))
    key_part, _, dates_part = text.partition("\nDates\n")
    for figure in article.analysis.key_figures:
        assert f"• {figure.describe()}" in key_part
    for figure in article.analysis.dates:
        assert figure.evidence.strip() in dates_part
    assert f"{len(article.analysis.key_figures)} key figure" in text


async def test_articles_and_search_show_ids(bot: RunningBot) -> None:
    listing = one(await bot.ask("/articles", STRANGER)).text
    assert f"#1 · 2024-09-20 · {SEED_TITLE}" in listing
    found = one(await bot.ask("/search WhatsApp", STRANGER)).text
    assert f"#1 · 2024-09-20 · {SEED_TITLE}" in found
    missing = one(await bot.ask("/search zebra xylophone", STRANGER)).text
    assert "No article matches “zebra xylophone”" in missing


async def test_bad_arguments_unknown_ids_and_commands_get_one_line(bot: RunningBot) -> None:
    cases = {
        "/summary 99": "There is no article #99. /articles lists them.",
        "/quotes #42": "There is no article #42. /articles lists them.",
        "/figures 77": "There is no article #77. /articles lists them.",
        "/summary 1 0": "The number of sentences must be 1 or more, e.g. /summary 12 5",
        "/summary zebra xylophone": "No article matches “zebra xylophone”.",
        "/search": "Usage: /search WORDS, e.g. /search election Venezuela",
        "/articles x": "Usage: /articles [PAGE], e.g. /articles 2",
        "/remove": "Usage: /remove ID, e.g. /remove 12 or /remove #12",
        "/remove 12 13": "Usage: /remove ID, e.g. /remove 12 or /remove #12",
        "/remove 99": "There is no article #99. /articles lists them.",
        "/ingest": "Usage: /ingest TEXT, /ingest URL",
        "/frobnicate": "I don't know /frobnicate. /help lists what I can do.",
    }
    for command, expected in cases.items():
        reply = one(await bot.ask(command, MAINTAINER)).text
        assert reply.startswith(expected.rstrip(".")), (command, reply)
        assert "\n" not in reply and "Traceback" not in reply
    assert await count(bot) == 1


# Writing ------------------------------------------------------------------------------------

MARKUP_ARTICLE = (
    "Café <Fleur> & Sons doubles its 🍰 output\n\n"
    "The bakery at 5 <Rue> & Square said output rose by 40% in 2023 🎉. "
    "“We bake <more> & better,” said Jeanne Dupont, the owner. "
    "Customers queued for 3 hours on Saturday.\n\n"
    "The town council approved a second shop with 12 new jobs."
)


async def test_maintainer_ingests_text_with_markup_and_emoji(bot: RunningBot) -> None:
    stored = one(await bot.ask(f"/ingest {MARKUP_ARTICLE}", MAINTAINER)).text
    assert stored.startswith("Stored as #2: Café <Fleur> & Sons doubles its 🍰 output")
    article = await bot.app.bot_data.store.get(2)
    assert article is not None and article.added_by == MAINTAINER["id"]
    day = article.published.isoformat() if article.published else "no date found"
    assert stored.splitlines()[0].endswith(f"output · {day}")
    for sentence in article.analysis.summary(2):
        assert sentence.text in stored
    quotes = len(article.analysis.quotes)
    figures = len(article.analysis.key_figures)
    assert f"{quotes} quote" in stored and f"{figures} figure" in stored

    summary = one(await bot.ask("/summary 2 10", STRANGER))
    assert "<Rue> & Square" in summary.text and "🎉" in summary.text
    assert "&lt;Rue&gt; &amp; Square" in summary.html

    again = one(await bot.ask(f"/ingest {MARKUP_ARTICLE}", MAINTAINER)).text
    assert "already stored as #2" in again
    assert await count(bot) == 2


async def test_ingest_a_message_by_replying_to_it(bot: RunningBot, api: FakeBotAPI) -> None:
    forwarded = api.message_payload(article_text(1), STRANGER, private_chat(MAINTAINER))
    reply = one(await bot.ask("/ingest", MAINTAINER, reply_to=forwarded)).text
    assert reply.startswith("Stored as #2: Report 1 on")


async def test_strangers_cannot_ingest_or_remove(bot: RunningBot, api: FakeBotAPI) -> None:
    refusal = "Sorry, only the bot's maintainers can add or remove articles."
    assert one(await bot.ask(f"/ingest {article_text(2)}", STRANGER)).text.startswith(refusal)
    assert one(await bot.ask("/remove 1", STRANGER)).text.startswith(refusal)
    upload = await bot.upload(article_text(3).encode(), "a.txt", "/ingest", STRANGER)
    assert one(upload).text.startswith(refusal)
    assert api.calls("getFile") == [] and api.state.file_downloads == []
    assert await count(bot) == 1
    assert await bot.app.bot_data.store.get(1) is not None


async def test_maintainer_removes_an_article(bot: RunningBot) -> None:
    assert one(await bot.ask("/remove #1", MAINTAINER)).text == "Removed #1."
    assert one(await bot.ask("/summary 1", STRANGER)).text.startswith("There is no article #1.")
    assert one(await bot.ask("/summary", STRANGER)).text.startswith("No articles are stored yet.")


async def test_document_upload_of_a_long_article_and_split_replies(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    long_article = article_text(4, sentences=40, words=110)
    reply = one(await bot.upload(long_article.encode(), "long.txt", "/ingest"))
    assert reply.text.startswith("Stored as #2: Report 4 on")
    assert len(api.calls("getFile")) == 1 and len(api.state.file_downloads) == 1

    messages = await bot.ask("/summary 2 10", STRANGER)
    assert len(messages) >= 2
    for message in messages:
        assert utf16_len(message.text) <= 4096
        assert message.text.rstrip().endswith(".")
    assert messages[-1].buttons and not any(m.buttons for m in messages[:-1])
    article = await bot.app.bot_data.store.get(2)
    assert article is not None
    joined = " ".join(" ".join(m.text.split()) for m in messages)
    for sentence in article.analysis.summary(10):
        assert " ".join(sentence.text.split()) in joined


async def test_ingest_by_replying_to_a_document(bot: RunningBot, api: FakeBotAPI) -> None:
    document = api.document_payload(
        article_text(5).encode(), "story.md", MAINTAINER, private_chat(MAINTAINER)
    )
    reply = one(await bot.ask("/ingest", MAINTAINER, reply_to=document)).text
    assert reply.startswith("Stored as #2: Report 5 on")
    assert len(api.state.file_downloads) == 1


async def test_oversized_upload_is_refused_before_downloading(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    reply = await bot.upload(b"tiny", "huge.txt", "/ingest", declared_size=50_000_000)
    assert "\n" not in one(reply).text
    assert api.calls("getFile") == [] and api.state.file_downloads == []
    assert await count(bot) == 1


async def test_unsupported_upload_gets_one_line(bot: RunningBot, api: FakeBotAPI) -> None:
    reply = one(await bot.upload(b"%PDF-1.4 binary", "paper.pdf", "/ingest")).text
    assert "\n" not in reply and "Traceback" not in reply
    assert await count(bot) == 1


# Buttons ------------------------------------------------------------------------------------


async def test_summary_buttons_grow_the_summary_and_show_quotes_and_figures(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    summary = one(await bot.ask("/summary 1 1", STRANGER))
    assert "summary, 1 of" in summary.text

    assert await bot.press(summary.button("Longer")["callback_data"], summary, STRANGER) == []
    edited = one([m for m in api.sent() if m.message_id == summary.message_id])
    assert edited.edits == 1 and "summary, 3 of" in edited.text

    quotes = one(await bot.press(summary.button("Quotes")["callback_data"], summary, STRANGER))
    assert "quotation" in quotes.text and "#1" in quotes.text
    figures = one(await bot.press(summary.button("Figures")["callback_data"], summary, STRANGER))
    assert "key figure" in figures.text and "#1" in figures.text
    assert len(api.calls("answerCallbackQuery")) == 3


async def test_stale_and_junk_buttons_are_answered(bot: RunningBot, api: FakeBotAPI) -> None:
    summary = one(await bot.ask("/summary", STRANGER))
    gone = one(await bot.press("quo:999", summary, STRANGER)).text
    assert gone.startswith("There is no article #999.")
    assert await bot.press("junk", summary, STRANGER) == []
    answers = [c.params.get("text") for c in api.calls("answerCallbackQuery")]
    assert answers[-1] == "That button has expired."


async def test_article_list_pages_with_buttons(bot: RunningBot, api: FakeBotAPI) -> None:
    store = bot.app.bot_data.store
    for seed in range(10, 21):
        result = await ingest_text(store, article_text(seed))
        assert result.created
    first = one(await bot.ask("/articles", STRANGER))
    assert "page 1 of 2 · 12 stored" in first.text
    assert "#12 · " in first.text and "#2 · " not in first.text.replace("#12", "")
    assert [b["text"] for b in first.buttons] == ["Older ›"]
    assert await bot.press(first.button("Older")["callback_data"], first, STRANGER) == []
    page_two = one([m for m in api.sent() if m.message_id == first.message_id])
    assert "page 2 of 2" in page_two.text and f"#1 · 2024-09-20 · {SEED_TITLE}" in page_two.text
    assert [b["text"] for b in page_two.buttons] == ["‹ Newer"]


# Groups -------------------------------------------------------------------------------------


async def test_group_commands_with_the_bots_name_reply_to_the_trigger(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    for command in (f"/summary@{BOT_USERNAME}", "/quotes", f"/figures@{BOT_USERNAME} 1"):
        before = {m.message_id for m in api.sent()}
        update = api.push_text(command, STRANGER, GROUP)
        await bot.processed(update)
        (reply,) = [m for m in api.sent(GROUP["id"]) if m.message_id not in before]
        assert reply.reply_to == update["message"]["message_id"]
        assert "#1" in reply.text


async def test_group_ignores_commands_for_other_bots(bot: RunningBot) -> None:
    assert await bot.ask("/summary@some_other_bot", STRANGER, GROUP) == []
    assert await bot.ask("/frobnicate@some_other_bot", STRANGER, GROUP) == []
    assert await bot.ask("/frobnicate", STRANGER, GROUP) == []
    unknown = one(await bot.ask(f"/frobnicate@{BOT_USERNAME}", STRANGER, GROUP))
    assert unknown.text.startswith("I don't know /frobnicate.")


async def test_group_ingest_for_maintainers_only(bot: RunningBot, api: FakeBotAPI) -> None:
    refused = one(await bot.ask(f"/ingest@{BOT_USERNAME} {article_text(6)}", STRANGER, GROUP))
    assert refused.text.startswith("Sorry, only the bot's maintainers")
    stored = one(await bot.ask(f"/ingest@{BOT_USERNAME} {article_text(6)}", MAINTAINER, GROUP))
    assert stored.text.startswith("Stored as #2")
    other = await bot.upload(
        article_text(7).encode(), "x.txt", "/ingest@some_other_bot", chat=GROUP
    )
    assert other == [] and api.state.file_downloads == []
    upload = one(await bot.upload(article_text(7).encode(), "x.txt", "/ingest", chat=GROUP))
    assert upload.text.startswith("Stored as #3")


# Start-up and failures ----------------------------------------------------------------------


async def test_commands_are_published_per_scope(bot: RunningBot, api: FakeBotAPI) -> None:
    def names(scope: dict[str, Any]) -> set[str]:
        return {c["command"] for c in api.state.commands[json.dumps(scope, sort_keys=True)]}

    public = {"summary", "quotes", "figures", "articles", "search", "help"}
    assert names({"type": "default"}) == public
    assert names({"type": "all_group_chats"}) == public
    assert names({"type": "chat", "chat_id": MAINTAINER["id"]}) == public | {"ingest", "remove"}


async def test_rate_limited_message_is_retried(bot: RunningBot, api: FakeBotAPI) -> None:
    api.fail("sendMessage", 429, retry_after=1)
    message = one(await bot.ask("/summary", STRANGER))
    assert message.text.startswith(SEED_TITLE)
    statuses = [c.status for c in api.calls("sendMessage")]
    assert statuses == [429, 200]


async def test_a_failing_send_reaches_the_error_handler_and_the_user_hears(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    settings = bot_settings(api, tmp_path, telegram_send_retries=1)
    async with running(api, settings) as bot:
        api.fail("sendMessage", 502, times=2)  # the first try and its one retry
        sorry = one(await bot.ask("/summary", STRANGER))
        assert sorry.text == "Sorry, something went wrong on my side. Please try again later."
        assert [type(e).__name__ for e in bot.errors] == ["NetworkError"]
        assert [c.status for c in api.calls("sendMessage")] == [502, 502, 200]
        bot.app.bot_data.errors.clear()
        assert one(await bot.ask("/summary", STRANGER)).text.startswith(SEED_TITLE)


# Links and settings -------------------------------------------------------------------------

STORY_HTML = b"""<!doctype html><html><head><title>Ferry service resumes | Coast News</title></head>
<body><nav>Home | World | Sport</nav><article><h1>Ferry service resumes after the storm</h1>
<p>The island ferry resumed service on Tuesday after a storm closed the harbour for 6 days.</p>
<p>"We are glad to be back," said captain Ana Silva. About 1,200 passengers crossed on the first
day, the operator said.</p><p>Repairs to the pier cost 2 million euros, officials said.</p>
</article><footer>Contact us</footer></body></html>"""


class Site:
    """A news site on 127.0.0.1 serving one article page, as soon as ``release`` is set."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.release.set()
        self.requests = 0
        self.url = ""


@pytest.fixture
def news_site() -> Iterator[Site]:
    site = Site()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests += 1
            site.release.wait(timeout=30)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(STORY_HTML)))
            self.end_headers()
            self.wfile.write(STORY_HTML)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    site.url = f"http://127.0.0.1:{server.server_address[1]}/news/ferry.html"
    yield site
    site.release.set()
    server.shutdown()
    server.server_close()
    thread.join()


async def test_private_links_are_refused_by_default(bot: RunningBot, news_site: Site) -> None:
    reply = one(await bot.ask(f"/ingest {news_site.url}", MAINTAINER)).text
    assert "\n" not in reply and "Traceback" not in reply
    assert news_site.requests == 0
    assert await count(bot) == 1


async def test_ingest_a_link_while_others_are_answered(
    api: FakeBotAPI, tmp_path: Path, news_site: Site
) -> None:
    settings = bot_settings(api, tmp_path, allow_private_urls=True)
    async with running(api, settings) as bot:
        news_site.release.clear()  # the page hangs until released
        ingest = api.push_text(f"/ingest {news_site.url}", MAINTAINER)
        await api.wait_until(lambda: news_site.requests == 1, "the page request")
        # While the link is being fetched, other people still get answers.
        assert one(await bot.ask("/articles", STRANGER)).text.startswith("Articles")
        assert api.sent(MAINTAINER["id"]) == []
        news_site.release.set()
        await bot.processed(ingest)
        reply = one(api.sent(MAINTAINER["id"])).text
        assert reply.startswith("Stored as #2: Ferry service resumes after the storm")
        article = await bot.app.bot_data.store.get(2)
        assert article is not None
        assert "The island ferry resumed service on Tuesday" in article.text
        assert "Contact us" not in article.text
        assert bot.errors == []


def test_rate_limit_zero_turns_the_flood_limits_off_but_keeps_retries(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    from bot.app import RetryingRateLimiter, build_application
    from bot.store import open_store

    def limiter(rate: float) -> Any:
        settings = bot_settings(api, tmp_path, telegram_rate_limit=rate)
        return build_application(settings, open_store(settings.database_url)).bot.rate_limiter

    off, on = limiter(0), limiter(30)
    assert isinstance(off, RetryingRateLimiter) and isinstance(on, RetryingRateLimiter)
    assert off._base_limiter is None and off._group_max_rate == 0
    assert on._base_limiter is not None and on._base_limiter.max_rate == 30
    assert off.retries == on.retries == 3
