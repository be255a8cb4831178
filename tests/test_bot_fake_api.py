"""The fake Bot API refuses what Telegram refuses, so the end-to-end tests can trust it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.fake_bot_api import (
    MAINTAINER,
    TOKEN,
    FakeBotAPI,
    TelegramHTMLError,
    parse_telegram_html,
)


def call(api: FakeBotAPI, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    response = httpx.post(f"{api.base_url}{TOKEN}/{method}", data=params, timeout=10)
    return response.status_code, response.json()


@pytest.mark.parametrize(
    "text",
    [
        "<b>bold</b> &amp; <i>it</i> &lt;&gt;&quot; &#128640; &#x1F680;",
        '<a href="https://example.org">link</a> <code>x</code> <pre>y</pre>',
        '<span class="tg-spoiler">s</span> <blockquote>q</blockquote>',
    ],
)
def test_valid_html_is_accepted(api: FakeBotAPI, text: str) -> None:
    status, body = call(api, "sendMessage", chat_id=MAINTAINER["id"], text=text, parse_mode="HTML")
    assert status == 200 and body["ok"]
    assert api.sent()[-1].html == text


@pytest.mark.parametrize(
    "text",
    [
        "<div>block</div>",
        "<b>unclosed",
        "<b><i>crossed</b></i>",
        "stray </b>",
        "a < b",
        "Tom & Jerry",
        "&nbsp;",
        "<a>no href</a>",
    ],
)
def test_bad_html_is_refused_like_telegram(api: FakeBotAPI, text: str) -> None:
    status, body = call(api, "sendMessage", chat_id=1, text=text, parse_mode="HTML")
    assert status == 400
    assert body["description"].startswith("Bad Request: can't parse entities")
    with pytest.raises(TelegramHTMLError):
        parse_telegram_html(text)
    assert api.sent() == []


def test_length_counts_the_visible_text(api: FakeBotAPI) -> None:
    fits = "<b>" + "&amp;" * 4096 + "</b>"
    assert call(api, "sendMessage", chat_id=1, text=fits, parse_mode="HTML")[0] == 200
    status, body = call(api, "sendMessage", chat_id=1, text="x" * 4097, parse_mode="HTML")
    assert (status, body["description"]) == (400, "Bad Request: message is too long")
    emoji = "🚀" * 2049  # 4,098 UTF-16 units
    assert call(api, "sendMessage", chat_id=1, text=emoji, parse_mode="HTML")[0] == 400


def test_injected_faults(api: FakeBotAPI) -> None:
    api.fail("sendMessage", 429, retry_after=3)
    api.fail("getMe", 502, times=2)
    status, body = call(api, "sendMessage", chat_id=1, text="hi", parse_mode="HTML")
    assert status == 429 and body["parameters"] == {"retry_after": 3}
    assert call(api, "getMe")[0] == 502
    assert call(api, "getMe")[0] == 502
    assert call(api, "getMe")[0] == 200
    api.fail("getMe", 200, delay=0.2)
    assert call(api, "getMe")[0] == 200


def test_wrong_token_and_unknown_methods(api: FakeBotAPI) -> None:
    assert httpx.post(f"{api.base_url}123:wrong/getMe").status_code == 401
    assert call(api, "sendTelepathy")[0] == 404


def test_updates_are_confirmed_by_offset(api: FakeBotAPI) -> None:
    first = api.push_text("/summary", MAINTAINER)
    second = api.push_text("/quotes", MAINTAINER)
    _, body = call(api, "getUpdates", offset=0, timeout=0)
    assert [u["update_id"] for u in body["result"]] == [first["update_id"], second["update_id"]]
    entity = body["result"][0]["message"]["entities"][0]
    assert entity == {"type": "bot_command", "offset": 0, "length": 8}
    _, body = call(api, "getUpdates", offset=second["update_id"], timeout=0)
    assert [u["update_id"] for u in body["result"]] == [second["update_id"]]
    _, body = call(api, "getUpdates", offset=second["update_id"] + 1, timeout=0)
    assert body["result"] == []


def test_files_are_served_for_getfile(api: FakeBotAPI) -> None:
    file_id = api.add_file(b"article body", "story.txt")
    _, body = call(api, "getFile", file_id=file_id)
    path = body["result"]["file_path"]
    response = httpx.get(f"{api.base_file_url}{TOKEN}/{path}")
    assert response.content == b"article body"
    assert call(api, "getFile", file_id="nope")[0] == 400
