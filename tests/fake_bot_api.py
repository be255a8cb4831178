"""A fake Telegram Bot API server on 127.0.0.1, strict where Telegram is strict.

It serves ``/bot<token>/<method>`` and ``/file/bot<token>/<path>`` from a
standard-library ``ThreadingHTTPServer``. Tests queue updates for ``getUpdates``
(messages, documents, button presses), read back every message the bot sent, and
can make the next calls fail with 429 (``retry_after``), 5xx, a delay or a dropped
connection (all calls of a method, or only those for one chat), and re-deliver an
update that was already delivered, as Telegram does when it was never confirmed.
Messages are validated as Telegram does: the HTML must parse (known tags,
balanced, valid entities) and the text must be at most 4,096 characters.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

if TYPE_CHECKING:
    from bot.config import Settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

TOKEN = "123456789:TEST-token_for_the_fake_bot_api_server"
BOT_ID = 123456789
BOT_USERNAME = "newsbrief_test_bot"
MAX_TEXT = 4096

_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "entities",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
    }
)


class TelegramHTMLError(ValueError):
    """The text would be refused by Telegram with "can't parse entities"."""


# Telegram HTML ------------------------------------------------------------------------------

_ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));")


def parse_telegram_html(text: str) -> str:
    """The plain text Telegram would show for ``text`` in HTML parse mode, or an error."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            match = _TAG_RE.match(text, i)
            if match is None:
                raise TelegramHTMLError(f"Unsupported start tag at byte offset {i}")
            closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3) or ""
            if name not in _ALLOWED_TAGS:
                raise TelegramHTMLError(f'Unsupported start tag "{name}" at byte offset {i}')
            if closing:
                if not stack or stack[-1] != name:
                    raise TelegramHTMLError(f'Unexpected end tag "{name}" at byte offset {i}')
                stack.pop()
            else:
                if name == "a" and not re.search(r'href\s*=\s*"[^"]*"', attrs):
                    raise TelegramHTMLError("Tag a must have a href attribute")
                if name == "span" and 'class="tg-spoiler"' not in attrs:
                    raise TelegramHTMLError('Tag "span" must have class "tg-spoiler"')
                stack.append(name)
            i = match.end()
        elif ch == "&":
            match = _ENTITY_RE.match(text, i)
            if match is None:
                raise TelegramHTMLError(f"Unsupported HTML entity at byte offset {i}")
            out.append(html.unescape(match.group(0)))
            i = match.end()
        else:
            out.append(ch)
            i += 1
    if stack:
        raise TelegramHTMLError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# Records ------------------------------------------------------------------------------------


@dataclass
class SentMessage:
    """A message the bot sent (and, after edits, its latest text)."""

    chat_id: int
    message_id: int
    html: str
    text: str
    reply_to: int | None
    reply_markup: dict[str, Any] | None
    edits: int = 0

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.reply_markup or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    def button(self, label_start: str) -> dict[str, Any]:
        for b in self.buttons:
            if str(b.get("text", "")).startswith(label_start):
                return b
        raise AssertionError(f"no button starting {label_start!r} in {self.buttons}")


@dataclass
class Fault:
    method: str
    status: int
    retry_after: int | None = None
    delay: float = 0.0
    times: int = 1
    chat_id: int | None = None
    """Only calls for this chat; ``None`` for every call of ``method``."""
    drop: bool = False
    """Close the connection without any answer (``status`` is then ignored)."""


DROPPED = 0
"""The status recorded for a call whose connection the fake dropped."""


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int


@dataclass
class FakeState:
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: list[SentMessage] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    file_downloads: list[str] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)


def user(user_id: int, first_name: str = "Reader", username: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        data["username"] = username
    return data


def private_chat(of: dict[str, Any]) -> dict[str, Any]:
    return {"id": of["id"], "type": "private", "first_name": of["first_name"]}


def group_chat(chat_id: int = -1001234567890, title: str = "Newsroom") -> dict[str, Any]:
    return {"id": chat_id, "type": "supergroup", "title": title}


class FakeBotAPI:
    """Start with ``with FakeBotAPI() as api:``; point the bot at ``api.base_url``."""

    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.username = username
        self.state = FakeState()
        self.cond = threading.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._closing = False
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # Life cycle

    def __enter__(self) -> FakeBotAPI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self.cond:
            self._closing = True
            self.cond.notify_all()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # Queueing updates

    def _push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self.cond:
            update = {"update_id": next(self._update_ids), kind: payload}
            self.state.updates.append(update)
            self.cond.notify_all()
        return update

    def _message(
        self,
        sender: dict[str, Any],
        chat: dict[str, Any] | None,
        reply_to: dict[str, Any] | None,
        **fields: Any,
    ) -> dict[str, Any]:
        chat = chat or private_chat(sender)
        with self.cond:
            self.state.chats[chat["id"]] = chat
            message_id = next(self._message_ids)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": sender,
            **fields,
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return message

    def push_text(
        self,
        text: str,
        sender: dict[str, Any],
        chat: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Queue a text message; a leading ``/command`` gets its bot_command entity."""
        fields: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self._push("message", self._message(sender, chat, reply_to, **fields))

    def message_payload(
        self, text: str, sender: dict[str, Any], chat: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A message (not queued), e.g. to reply to."""
        return self._message(sender, chat, None, text=text)

    def add_file(self, data: bytes, filename: str) -> str:
        with self.cond:
            number = next(self._file_ids)
            file_id = f"FILE{number}"
            self.state.files[file_id] = (f"documents/file_{number}_{filename}", data)
        return file_id

    def document_payload(
        self,
        data: bytes,
        filename: str,
        sender: dict[str, Any],
        chat: dict[str, Any] | None = None,
        caption: str | None = None,
        declared_size: int | None = None,
        mime_type: str = "text/plain",
    ) -> dict[str, Any]:
        file_id = self.add_file(data, filename)
        document = {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": len(data) if declared_size is None else declared_size,
        }
        fields: dict[str, Any] = {"document": document}
        if caption is not None:
            fields["caption"] = caption
            if caption.startswith("/"):
                command = caption.split(maxsplit=1)[0]
                fields["caption_entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command)}
                ]
        return self._message(sender, chat, None, **fields)

    def push_document(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return self._push("message", self.document_payload(*args, **kwargs))

    def push_edited(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        """Queue an ``edited_message`` update: ``message`` (a payload) now reads ``text``."""
        edited = {**message, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            edited["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self._push("edited_message", edited)

    def redeliver(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue ``update`` again with its own id, as Telegram does for unconfirmed updates."""
        with self.cond:
            self.state.updates.append(update)
            self.state.updates.sort(key=lambda u: int(u["update_id"]))
            self.cond.notify_all()
        return update

    def push_callback(self, data: str, sender: dict[str, Any], on: SentMessage) -> dict[str, Any]:
        """Queue a press of a button carrying ``data`` under the bot's message ``on``."""
        with self.cond:
            chat = self.state.chats.get(on.chat_id) or {"id": on.chat_id, "type": "private"}
            callback_id = str(next(self._callback_ids))
        message = {
            "message_id": on.message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": self.me(),
            "text": on.text,
        }
        if on.reply_markup:
            message["reply_markup"] = on.reply_markup
        query = {
            "id": callback_id,
            "from": sender,
            "chat_instance": f"ci{on.chat_id}",
            "message": message,
            "data": data,
        }
        return self._push("callback_query", query)

    # Faults

    def fail(
        self,
        method: str,
        status: int,
        *,
        retry_after: int | None = None,
        times: int = 1,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with ``status`` (after ``delay`` s).

        With ``chat_id``, only calls for that chat fail; ``method="*"`` matches every method.
        """
        with self.cond:
            self.state.faults.append(
                Fault(method, status, retry_after, delay, times, chat_id=chat_id)
            )

    def drop(self, method: str, *, times: int = 1, chat_id: int | None = None) -> None:
        """Close the connection of the next ``times`` calls of ``method`` without answering."""
        with self.cond:
            self.state.faults.append(
                Fault(method, DROPPED, times=times, chat_id=chat_id, drop=True)
            )

    # Reading back

    def sent(self, chat_id: int | None = None) -> list[SentMessage]:
        with self.cond:
            return [m for m in self.state.sent if chat_id is None or m.chat_id == chat_id]

    def calls(self, method: str) -> list[Call]:
        with self.cond:
            return [c for c in self.state.calls if c.method == method]

    async def wait_until(
        self, predicate: Callable[[], bool], what: str, patience: float = 15.0
    ) -> None:
        """Poll ``predicate`` until it holds; fail with ``what`` when it never does."""
        deadline = time.monotonic() + patience
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.01)

    def me(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Newsbrief",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    # Serving (called from the server's threads)

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """``(status, body)``; status :data:`DROPPED` means: close without answering."""
        fault = self._take_fault(method, params)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.drop:
                return self._record(method, params, DROPPED, {})
            if fault.status != 200:
                return self._record(method, params, fault.status, _error(fault))
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return self._record(method, params, 404, _bad(404, "Not Found"))
        try:
            result = handler(params)
        except _APIError as exc:
            return self._record(method, params, exc.status, _bad(exc.status, exc.description))
        return self._record(method, params, 200, {"ok": True, "result": result})

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        chat = params.get("chat_id")
        with self.cond:
            for fault in self.state.faults:
                if fault.chat_id is not None and str(fault.chat_id) != str(chat):
                    continue
                if fault.method in (method, "*") and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    def _record(
        self, method: str, params: dict[str, Any], status: int, body: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        with self.cond:
            self.state.calls.append(Call(method, params, status))
            self.cond.notify_all()
        return status, body

    def _api_getMe(self, params: dict[str, Any]) -> Any:
        return self.me()

    def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        if not str(params.get("url", "")).startswith("https://"):
            raise _APIError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        return True

    def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        scope = params.get("scope") or {"type": "default"}
        with self.cond:
            self.state.commands[json.dumps(scope, sort_keys=True)] = list(params["commands"])
        return True

    def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        with self.cond:
            # Telegram forgets updates below the offset: they are confirmed.
            self.state.updates = [u for u in self.state.updates if u["update_id"] >= offset]
            while not self.state.updates and not self._closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self.cond.wait(remaining)
            return list(self.state.updates[:limit])

    def _check_text(self, text: str) -> str:
        if not text.strip():
            raise _APIError(400, "Bad Request: message text is empty")
        try:
            plain = parse_telegram_html(text)
        except TelegramHTMLError as exc:
            raise _APIError(400, f"Bad Request: can't parse entities: {exc}") from None
        if utf16_len(plain) > MAX_TEXT:
            raise _APIError(400, "Bad Request: message is too long")
        if not plain.strip():
            raise _APIError(400, "Bad Request: message text is empty")
        return plain

    def _message_result(self, message: SentMessage) -> dict[str, Any]:
        with self.cond:
            chat = self.state.chats.get(message.chat_id) or {
                "id": message.chat_id,
                "type": "private" if message.chat_id > 0 else "supergroup",
                "first_name": "Reader",
            }
        result: dict[str, Any] = {
            "message_id": message.message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": self.me(),
            "text": message.text,
        }
        if message.reply_markup:
            result["reply_markup"] = message.reply_markup
        return result

    def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        if params.get("parse_mode") != "HTML":
            raise _APIError(400, "Bad Request: this fake expects parse_mode HTML")
        html_text = str(params.get("text", ""))
        plain = self._check_text(html_text)
        reply = params.get("reply_parameters") or {}
        chat_id = int(params["chat_id"])
        with self.cond:
            message = SentMessage(
                chat_id=chat_id,
                message_id=next(self._message_ids),
                html=html_text,
                text=plain,
                reply_to=reply.get("message_id"),
                reply_markup=params.get("reply_markup"),
            )
            self.state.sent.append(message)
        return self._message_result(message)

    def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        html_text = str(params.get("text", ""))
        plain = self._check_text(html_text)
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        with self.cond:
            found = [
                m for m in self.state.sent if m.chat_id == chat_id and m.message_id == message_id
            ]
            if not found:
                raise _APIError(400, "Bad Request: message to edit not found")
            message = found[0]
            if message.html == html_text and message.reply_markup == params.get("reply_markup"):
                raise _APIError(400, "Bad Request: message is not modified")
            message.html, message.text = html_text, plain
            message.reply_markup = params.get("reply_markup")
            message.edits += 1
        return self._message_result(message)

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        with self.cond:
            self.state.callback_answers.append(params)
        return True

    def _api_getFile(self, params: dict[str, Any]) -> Any:
        file_id = str(params.get("file_id"))
        with self.cond:
            if file_id not in self.state.files:
                raise _APIError(400, "Bad Request: invalid file_id")
            path, data = self.state.files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_size": len(data),
            "file_path": path,
        }

    def download(self, path: str) -> bytes | None:
        with self.cond:
            for stored_path, data in self.state.files.values():
                if stored_path == path:
                    self.state.file_downloads.append(path)
                    return data
        return None

    def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True


class _APIError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _bad(status: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": status, "description": description}


def _error(fault: Fault) -> dict[str, Any]:
    if fault.status == 429:
        retry = fault.retry_after or 1
        body = _bad(429, f"Too Many Requests: retry after {retry}")
        body["parameters"] = {"retry_after": retry}
        return body
    if fault.status >= 500:
        return _bad(fault.status, "Bad Gateway" if fault.status == 502 else "Internal Server Error")
    return _bad(fault.status, "Bad Request: injected failure")


def _decode_params(raw: dict[str, str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, value in raw.items():
        params[key] = json.loads(value) if key in _JSON_FIELDS else value
    return params


def _make_handler(api: FakeBotAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _reply(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # The client may have given up waiting (a long poll cancelled at shutdown).
            with contextlib.suppress(ConnectionError):
                self.wfile.write(body)

        def _json(self, status: int, body: dict[str, Any]) -> None:
            self._reply(status, json.dumps(body).encode(), "application/json")

        def _params(self) -> dict[str, str]:
            query = {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            content_type = self.headers.get("Content-Type", "")
            if content_type.startswith("application/json") and body:
                data = json.loads(body)
                query.update(
                    {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
                )
            elif body:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
                query.update({k: v[-1] for k, v in form.items()})
            return query

        def _route(self) -> None:
            path = unquote(urlsplit(self.path).path)
            params = self._params()
            file_prefix = f"/file/bot{api.token}/"
            if path.startswith(file_prefix):
                data = api.download(path[len(file_prefix) :])
                if data is None:
                    self._json(404, _bad(404, "Not Found"))
                else:
                    self._reply(200, data, "application/octet-stream")
                return
            prefix = f"/bot{api.token}/"
            if not path.startswith(prefix):
                self._json(401, _bad(401, "Unauthorized"))
                return
            status, body = api.handle(path[len(prefix) :], _decode_params(params))
            if status == DROPPED:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._json(status, body)

        do_GET = _route
        do_POST = _route

    return Handler


# Driving the real Application against the fake ----------------------------------------------

MAINTAINER = user(1001, "Maya", "maya")
STRANGER = user(2002, "Sam", "sam")


class RunningBot:
    """The bot's real ``Application`` polling a :class:`FakeBotAPI`.

    ``ask`` queues an update and waits until the application has run every handler
    for it (a marker handler in the last group records its id), then returns what
    the bot sent to that chat meanwhile.
    """

    def __init__(self, app: Any, api: FakeBotAPI) -> None:
        self.app = app
        self.api = api
        self.done: set[int] = set()

    async def mark_done(self, update: Any, context: Any) -> None:
        self.done.add(update.update_id)

    async def processed(self, update: dict[str, Any]) -> None:
        update_id = update["update_id"]
        await self.api.wait_until(lambda: update_id in self.done, f"update {update_id}")

    async def _after(self, push: Callable[[], dict[str, Any]], chat_id: int) -> list[SentMessage]:
        before = {m.message_id for m in self.api.sent(chat_id)}
        update = push()
        await self.processed(update)
        return [m for m in self.api.sent(chat_id) if m.message_id not in before]

    async def ask(
        self,
        text: str,
        sender: dict[str, Any] = MAINTAINER,
        chat: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> list[SentMessage]:
        chat = chat or private_chat(sender)
        return await self._after(
            lambda: self.api.push_text(text, sender, chat, reply_to), int(chat["id"])
        )

    async def upload(
        self,
        data: bytes,
        filename: str,
        caption: str | None,
        sender: dict[str, Any] = MAINTAINER,
        chat: dict[str, Any] | None = None,
        declared_size: int | None = None,
        mime_type: str = "text/plain",
    ) -> list[SentMessage]:
        chat = chat or private_chat(sender)
        return await self._after(
            lambda: self.api.push_document(
                data,
                filename,
                sender,
                chat,
                caption=caption,
                declared_size=declared_size,
                mime_type=mime_type,
            ),
            int(chat["id"]),
        )

    async def press(
        self, data: str, on: SentMessage, sender: dict[str, Any] = MAINTAINER
    ) -> list[SentMessage]:
        return await self._after(lambda: self.api.push_callback(data, sender, on), on.chat_id)

    @property
    def errors(self) -> list[BaseException]:
        return list(self.app.bot_data.errors)


@asynccontextmanager
async def running(api: FakeBotAPI, settings: Any) -> AsyncIterator[RunningBot]:
    """Build the bot with ``build_application``, start it, and poll ``api`` until the end."""
    from telegram import Update
    from telegram.ext import TypeHandler

    from bot.app import build_application, on_shutdown, on_startup
    from bot.store import open_store

    store = open_store(settings.database_url, busy_timeout=settings.database_busy_timeout)
    app = build_application(settings, store)
    bot = RunningBot(app, api)
    app.add_handler(TypeHandler(Update, bot.mark_done), group=99)
    updater = app.updater
    assert updater is not None
    async with app:
        await on_startup(app)  # what run_polling() calls post_init for
        try:
            await app.start()
            await updater.start_polling(poll_interval=0.0, timeout=1)
            yield bot
        finally:
            if updater.running:
                await updater.stop()
            if app.running:
                await app.stop()
            await on_shutdown(app)


def bot_settings(api: FakeBotAPI, tmp_path: Path, **extra: Any) -> Settings:
    """Settings for a bot talking to ``api``, with its database in ``tmp_path``."""
    from bot.config import Settings

    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": api.base_url,
        "telegram_api_file_url": api.base_file_url,
        "maintainer_ids": frozenset({MAINTAINER["id"]}),
        "database_url": f"sqlite:///{tmp_path / 'bot.db'}",
        "seeds_dir": SEEDS,
        "summary_sentences": 3,
        "summary_max_sentences": 10,
        **extra,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]
