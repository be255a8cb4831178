"""``python -m bot --console``: the real bot, talked to from a terminal, without Telegram.

The same :func:`bot.app.build_application` runs with an in-process stand-in for
the Bot API (:class:`ConsoleAPI`, a ``telegram.request.BaseRequest``): each line
read from stdin becomes an update that ``getUpdates`` hands to the bot, and every
``sendMessage`` is printed as plain text. The console user is a maintainer, the
seed articles are loaded, and no token is needed. Typing the number of an inline
button presses it. Input may be piped; the console exits at end of input.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any, TextIO

from telegram import Update
from telegram.ext import TypeHandler
from telegram.request import BaseRequest, RequestData

from bot import render
from bot.app import BotApp, build_application
from bot.config import Settings
from bot.store import open_store

CONSOLE_USER_ID = 1
CONSOLE_BOT_ID = 1_000_000
CONSOLE_BOT_USERNAME = "newsbrief_console_bot"
GET_UPDATES_TIMEOUT = 10

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Button:
    label: str
    data: str
    message_id: int
    text: str


class ConsoleAPI(BaseRequest):
    """Answers the Bot API methods the bot uses, in process, and prints what it sends."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._updates: list[dict[str, Any]] = []
        self._arrived = asyncio.Event()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self.buttons: list[_Button] = []

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    # What the terminal sends ------------------------------------------------------------------

    def user(self) -> dict[str, Any]:
        return {"id": CONSOLE_USER_ID, "is_bot": False, "first_name": "You", "username": "you"}

    def chat(self) -> dict[str, Any]:
        return {"id": CONSOLE_USER_ID, "type": "private", "first_name": "You"}

    def me(self) -> dict[str, Any]:
        return {
            "id": CONSOLE_BOT_ID,
            "is_bot": True,
            "first_name": "newsbrief",
            "username": CONSOLE_BOT_USERNAME,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def push_line(self, line: str) -> int:
        """Queue ``line`` as a message, or as a button press when it is a button's number."""
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= len(self.buttons):
            pressed = self.buttons[int(text) - 1]
            payload: dict[str, Any] = {
                "id": str(next(self._callback_ids)),
                "from": self.user(),
                "chat_instance": "console",
                "data": pressed.data,
                "message": {
                    "message_id": pressed.message_id,
                    "date": int(time.time()),
                    "chat": self.chat(),
                    "from": self.me(),
                    "text": pressed.text,
                },
            }
            return self._push("callback_query", payload)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(),
            "from": self.user(),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self._push("message", message)

    def _push(self, kind: str, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, kind: payload})
        self._arrived.set()
        return update_id

    # What the bot calls -----------------------------------------------------------------------

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        name = url.rstrip("/").rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        answer = getattr(self, f"_api_{name}", None)
        if answer is None:
            body = {"ok": False, "error_code": 400, "description": f"{name} is not available"}
            return 400, json.dumps(body).encode()
        result = await answer(params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return self.me()

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._arrived.clear()
            timeout = float(params.get("timeout") or 0)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), timeout)
        return list(self._updates[: int(params.get("limit") or 100)])

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        return self._show(next(self._message_ids), params, edited=False)

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        return self._show(int(params["message_id"]), params, edited=True)

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        if params.get("text"):
            self._print(f"({params['text']})\n")
        return True

    def _show(self, message_id: int, params: dict[str, Any], *, edited: bool) -> dict[str, Any]:
        text = str(params.get("text", ""))
        plain = render.to_plain(text)
        markup = params.get("reply_markup")
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        buttons = [b for row in rows for b in row if isinstance(b, dict)]
        if buttons:
            self.buttons = [
                _Button(str(b.get("text")), str(b.get("callback_data")), message_id, plain)
                for b in buttons
            ]
        lines = [plain]
        if buttons:
            labels = "  ".join(f"[{i}] {b.label}" for i, b in enumerate(self.buttons, 1))
            lines.append(f"{labels}   (type a number to press)")
        self._print(("(updated)\n" if edited else "") + "\n".join(lines) + "\n\n")
        result: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.chat(),
            "from": self.me(),
            "text": plain,
        }
        if isinstance(markup, dict):
            result["reply_markup"] = markup
        return result

    def _print(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()


async def run_console(settings: Settings, stdin: TextIO, stdout: TextIO) -> int:
    """Run the bot against the terminal until end of input."""
    settings = settings.model_copy(
        update={"maintainer_ids": settings.maintainer_ids | {CONSOLE_USER_ID}}
    )
    api = ConsoleAPI(stdout)
    store = open_store(settings.database_url, busy_timeout=settings.database_busy_timeout)
    # The console numbers its updates from 1 in every session: nothing to de-duplicate.
    app: BotApp = build_application(settings, store, request=api, dedupe_updates=False)
    handled: dict[int, asyncio.Event] = {}

    async def mark_done(update: Update, context: object) -> None:
        handled.setdefault(update.update_id, asyncio.Event()).set()

    app.add_handler(TypeHandler(Update, mark_done), group=99)
    interactive = stdin.isatty()
    lines = _read_lines(stdin)
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        try:
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0.0, timeout=GET_UPDATES_TIMEOUT)
            if interactive:
                count = await app.bot_data.store.count()
                stdout.write(
                    f"newsbrief console: {count} articles stored. Try /help, /summary, "
                    "/articles. Ctrl-D quits.\n\n"
                )
            while True:
                if interactive:
                    stdout.write("> ")
                    stdout.flush()
                line = await lines.get()
                if line is None:
                    break
                if not line.strip():
                    continue
                update_id = api.push_line(line)
                await handled.setdefault(update_id, asyncio.Event()).wait()
        finally:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
    return 0


def _read_lines(stdin: TextIO) -> asyncio.Queue[str | None]:
    """Lines from ``stdin`` (``None`` at the end), read by a daemon thread.

    A daemon thread, not the loop's executor, so that Ctrl-C does not wait for Enter.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def put(line: str | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is listening
            loop.call_soon_threadsafe(queue.put_nowait, line)

    def read() -> None:
        for line in iter(stdin.readline, ""):
            put(line)
        put(None)

    threading.Thread(target=read, name="console-stdin", daemon=True).start()
    return queue


def main(settings: Settings) -> int:
    try:
        return asyncio.run(run_console(settings, sys.stdin, sys.stdout))
    except KeyboardInterrupt:
        return 130
