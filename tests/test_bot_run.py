"""``python -m bot`` for real, in a subprocess, against the fake Bot API.

Webhook mode: Telegram's posts are accepted only with the secret token, and the
bot answers them through the API; SIGINT stops it cleanly.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.fake_bot_api import MAINTAINER, TOKEN, FakeBotAPI, private_chat

ROOT = Path(__file__).resolve().parent.parent
SECRET = "a-webhook-secret_0123"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(url: str, update: dict[str, Any], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def wait_for(predicate: Any, what: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not predicate():
        if process.poll() is not None:
            raise AssertionError(f"the bot exited early: {process.communicate()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def start_bot(api: FakeBotAPI, tmp_path: Path, **settings: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_API_FILE_URL=api.base_file_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
        SEEDS_DIR=str(tmp_path / "no-seeds"),
        MAINTAINER_IDS=str(MAINTAINER["id"]),
        LOG_LEVEL="INFO",
        **settings,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(process: subprocess.Popen[str]) -> str:
    """SIGINT, as Ctrl-C would; the bot shuts down cleanly with status 0."""
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert TOKEN not in err and SECRET not in err
    assert "Traceback" not in err
    return err


def test_polling_mode_answers_and_stops_on_sigint(api: FakeBotAPI, tmp_path: Path) -> None:
    process = start_bot(api, tmp_path)
    try:
        api.push_text("/summary", MAINTAINER)
        wait_for(lambda: api.sent(), "the answer", process)
        (answer,) = api.sent()
        assert answer.text.startswith("No articles are stored yet.")
        assert api.calls("deleteWebhook") and not api.calls("setWebhook")
    finally:
        stop(process)


def test_webhook_mode_checks_the_secret_and_answers(api: FakeBotAPI, tmp_path: Path) -> None:
    port = free_port()
    process = start_bot(
        api,
        tmp_path,
        WEBHOOK_URL="https://bot.example.org/telegram/hook",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    try:
        wait_for(lambda: api.calls("setWebhook"), "setWebhook", process)
        (call,) = api.calls("setWebhook")
        assert call.params["url"] == "https://bot.example.org/telegram/hook"
        assert call.params["secret_token"] == SECRET

        url = f"http://127.0.0.1:{port}/telegram/hook"
        message = api.message_payload("/articles", MAINTAINER, private_chat(MAINTAINER))
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": 9}]
        wait_for(lambda: _listening(port), "the webhook server", process)
        assert post(url, {"update_id": 1, "message": message}, "wrong-secret") == 403
        assert post(url, {"update_id": 2, "message": message}, None) == 403
        assert post(url, {"update_id": 3, "message": message}, SECRET) == 200
        wait_for(lambda: api.sent(), "the answer", process)
        (answer,) = api.sent()
        assert answer.text.startswith("No articles are stored yet.")
    finally:
        stop(process)


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
