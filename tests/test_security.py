"""Who may change the store, which links may be fetched, secrets in logs, per-user limits.

End to end against the fake Bot API: strangers try every path that could add or
remove an article; links to inward addresses are refused after DNS and after every
redirect; a session full of errors is logged at DEBUG without the bot token; and
expensive commands are limited per user.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.limits import UserLimiter, whole_seconds
from bot.logs import REDACTED, configure_logging
from tests.fake_bot_api import (
    BOT_USERNAME,
    MAINTAINER,
    STRANGER,
    TOKEN,
    FakeBotAPI,
    RunningBot,
    group_chat,
    private_chat,
    running,
    user,
)
from tests.test_bot_e2e import SEED_TITLE, article_text, bot_settings, count, one

REFUSAL = "Sorry, only the bot's maintainers can add or remove articles."
GROUP = group_chat()
# Telegram's sender for anonymous group administrators.
ANONYMOUS_ADMIN = user(1087968824, "Group", "GroupAnonymousBot")


# Maintainers only, whatever the path --------------------------------------------------------


async def test_strangers_are_refused_on_every_command_path(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    cases: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = [
        (f"/ingest {article_text(1)}", STRANGER, None),
        (f"/ingest@{BOT_USERNAME} {article_text(1)}", STRANGER, GROUP),
        ("/remove 1", STRANGER, None),
        (f"/remove@{BOT_USERNAME} #1", STRANGER, GROUP),
        (f"/ingest {article_text(1)}", ANONYMOUS_ADMIN, GROUP),
    ]
    for text, sender, chat in cases:
        assert one(await bot.ask(text, sender, chat)).text.startswith(REFUSAL), text
    # Replying /ingest to a maintainer's message does not borrow the maintainer's rights.
    maintainers_message = api.message_payload(article_text(2), MAINTAINER, GROUP)
    reply = one(await bot.ask("/ingest", STRANGER, GROUP, reply_to=maintainers_message))
    assert reply.text.startswith(REFUSAL)
    assert await count(bot) == 1


async def test_strangers_are_refused_on_captions_and_nothing_is_downloaded(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    for caption in ("/ingest", f"/ingest@{BOT_USERNAME}", "/INGEST please"):
        reply = one(await bot.upload(article_text(3).encode(), "a.txt", caption, STRANGER))
        assert reply.text.startswith(REFUSAL), caption
    document = api.document_payload(article_text(4).encode(), "b.md", MAINTAINER)
    reply = one(await bot.ask("/ingest", STRANGER, reply_to=document))
    assert reply.text.startswith(REFUSAL)
    assert api.calls("getFile") == [] and api.state.file_downloads == []
    assert await count(bot) == 1


async def test_edited_messages_never_ingest_or_remove(bot: RunningBot, api: FakeBotAPI) -> None:
    for sender in (STRANGER, MAINTAINER):
        original = api.message_payload("hello", sender, private_chat(sender))
        for text in (f"/ingest {article_text(5)}", "/remove 1"):
            before = len(api.sent())
            await bot.processed(api.push_edited(original, text))
            assert len(api.sent()) == before  # edits are not commands: no answer at all
    assert await count(bot) == 1
    assert await bot.app.bot_data.store.get(1) is not None


async def test_buttons_cannot_ingest_or_remove(bot: RunningBot, api: FakeBotAPI) -> None:
    summary = one(await bot.ask("/summary", STRANGER))
    for data in ("rem:1", "remove:1", "ing:1", "del:1", "sum:1:1;rem:1", "art:1 rem"):
        assert await bot.press(data, summary, STRANGER) == []
    answers = [c.params.get("text") for c in api.calls("answerCallbackQuery")]
    assert answers == ["That button has expired."] * 6
    assert await count(bot) == 1


# Links --------------------------------------------------------------------------------------


class Redirector:
    """A site on 127.0.0.1 whose every page redirects to ``target``."""

    def __init__(self) -> None:
        self.target = ""
        self.requests = 0
        self.url = ""


@pytest.fixture
def redirector() -> Iterator[Redirector]:
    site = Redirector()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests += 1
            self.send_response(302)
            self.send_header("Location", site.target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    site.url = f"http://127.0.0.1:{server.server_address[1]}/story"
    yield site
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("file:///etc/passwd", "Only http:// and https:// links"),
        ("ftp://example.org/story.txt", "Only http:// and https:// links"),
        ("javascript:alert(1)", "Only http:// and https:// links"),
        ("gopher://127.0.0.1:70/", "Only http:// and https:// links"),
        ("http://localhost:9/story", "loopback"),
        ("http://127.0.0.1:9/story", "loopback"),
        ("http://[::1]:9/story", "loopback"),
        ("http://10.1.2.3/story", "private network"),
        ("http://192.168.0.1/story", "private network"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://[fe80::1]/story", "link-local"),
        ("http://0.0.0.0:9/story", "unspecified"),
        ("http://[::ffff:127.0.0.1]:9/story", "loopback"),
    ],
)
async def test_links_to_inward_addresses_are_refused(
    bot: RunningBot, link: str, reason: str
) -> None:
    reply = one(await bot.ask(f"/ingest {link}", MAINTAINER)).text
    assert "\n" not in reply and reason in reply, reply
    assert await count(bot) == 1


async def test_redirects_are_checked_at_every_hop(
    api: FakeBotAPI, tmp_path: Path, redirector: Redirector
) -> None:
    # Private addresses allowed (to reach the local site): metadata and odd schemes are not.
    settings = bot_settings(api, tmp_path, allow_private_urls=True)
    async with running(api, settings) as bot:
        for target, reason in (
            ("http://169.254.169.254/latest/meta-data/iam", "metadata"),
            ("file:///etc/passwd", "Only http:// and https://"),
            ("ftp://example.org/x", "Only http:// and https://"),
        ):
            redirector.target = target
            requests = redirector.requests
            reply = one(await bot.ask(f"/ingest {redirector.url}", MAINTAINER)).text
            assert reason in reply and "\n" not in reply, reply
            assert redirector.requests == requests + 1
        assert await count(bot) == 1
        assert bot.errors == []


async def test_a_redirect_to_loopback_is_refused_by_default(
    bot: RunningBot, redirector: Redirector
) -> None:
    # The first hop is refused already: the local site never sees a request.
    redirector.target = "http://example.org/"
    reply = one(await bot.ask(f"/ingest {redirector.url}", MAINTAINER)).text
    assert "loopback" in reply
    assert redirector.requests == 0


# Secrets in logs ----------------------------------------------------------------------------


async def test_the_token_is_never_logged_or_answered(api: FakeBotAPI, tmp_path: Path) -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    httpx_logger = logging.getLogger("httpx")
    saved_httpx = httpx_logger.level
    configure_logging("DEBUG", secrets=[TOKEN], stream=stream)
    # httpx logs each request URL (with the token) at INFO: let it, to prove the filter works.
    httpx_logger.setLevel(logging.DEBUG)
    try:
        settings = bot_settings(api, tmp_path, telegram_send_retries=1, log_level="DEBUG")
        async with running(api, settings) as bot:
            assert one(await bot.ask("/summary", STRANGER)).text.startswith(SEED_TITLE)
            api.fail("sendMessage", 502, times=2)  # an error that reaches the error handler
            assert one(await bot.ask("/summary", STRANGER)).text.startswith("Sorry")
            api.drop("sendMessage", times=2)  # an httpx error: the server hangs up
            assert one(await bot.ask("/quotes", STRANGER)).text.startswith("Sorry")
            api.fail("getUpdates", 502)
            assert one(await bot.ask("/articles", STRANGER)).text.startswith("Articles")
            assert len(bot.errors) == 2
            bot.app.bot_data.errors.clear()
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved_handlers:
            root.addHandler(handler)
        root.setLevel(saved_level)
        httpx_logger.setLevel(saved_httpx)
    logged = stream.getvalue()
    secret_part = TOKEN.partition(":")[2]
    assert "RemoteProtocolError" in logged and "Bad Gateway" in logged
    assert f"/bot{REDACTED}/sendMessage" in logged  # the URLs were logged, redacted
    assert TOKEN not in logged and secret_part not in logged
    for message in api.sent():
        assert secret_part not in message.html


# Per-user limits ----------------------------------------------------------------------------


def test_a_bucket_allows_a_burst_then_one_per_interval() -> None:
    now = [1000.0]
    limiter = UserLimiter(per_minute=3, clock=lambda: now[0])
    assert [limiter.wait(7) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.wait(7) == pytest.approx(20.0)  # 60 / 3 s until the next token
    assert limiter.wait(8) == 0.0  # someone else is not affected
    now[0] += 10
    assert limiter.wait(7) == pytest.approx(10.0)
    now[0] += 10
    assert limiter.wait(7) == 0.0
    assert limiter.wait(7) > 0
    now[0] += 3600
    assert [limiter.wait(7) for _ in range(4)][-1] > 0  # refills to the burst size, no more
    assert UserLimiter(per_minute=0).wait(7) == 0.0  # 0 turns the limit off
    assert whole_seconds(0.2) == 1 and whole_seconds(19.01) == 20


async def test_long_summaries_are_limited_per_user_with_a_polite_wait(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    settings = bot_settings(api, tmp_path, user_rate_limit=2)
    async with running(api, settings) as bot:
        for _ in range(2):
            assert one(await bot.ask("/summary 1 6", STRANGER)).text.startswith(SEED_TITLE)
        limited = one(await bot.ask("/summary 1 6", STRANGER)).text
        assert limited.startswith("Please wait ") and "(at most 2 a minute for each person)" in (
            limited
        )
        seconds = int(limited.removeprefix("Please wait ").split(" ")[0])
        assert 1 <= seconds <= 30
        # Ordinary summaries are not limited, nor are other people.
        short = one(await bot.ask("/summary", STRANGER))
        assert short.text.startswith(SEED_TITLE)
        assert one(await bot.ask("/summary 1 6", MAINTAINER)).text.startswith(SEED_TITLE)
        # The Longer button is a long summary too: the press is answered with the wait.
        assert await bot.press(short.button("Longer")["callback_data"], short, STRANGER) == []
        answer = api.calls("answerCallbackQuery")[-1].params.get("text", "")
        assert str(answer).startswith("Please wait ")
        assert bot.errors == []


async def test_ingesting_is_limited_per_maintainer(api: FakeBotAPI, tmp_path: Path) -> None:
    settings = bot_settings(api, tmp_path, ingest_rate_limit=1)
    async with running(api, settings) as bot:
        assert one(await bot.ask(f"/ingest {article_text(6)}", MAINTAINER)).text.startswith(
            "Stored as #2"
        )
        limited = one(await bot.ask(f"/ingest {article_text(7)}", MAINTAINER)).text
        assert limited.startswith("Please wait ") and "adding another article" in limited
        upload = one(await bot.upload(article_text(7).encode(), "c.txt", "/ingest"))
        assert upload.text.startswith("Please wait ")
        assert api.state.file_downloads == []
        # Strangers are refused as before (the refusal costs nothing).
        assert one(await bot.ask(f"/ingest {article_text(8)}", STRANGER)).text.startswith(REFUSAL)
        assert await count(bot) == 2
        assert bot.errors == []
