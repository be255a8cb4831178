"""Settings: defaults, parsing, and one clear line (exit status 2) for each mistake."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest

from bot.__main__ import main
from bot.config import TELEGRAM_API_BASE_URL, ConfigError, Settings, load_settings
from bot.ingest import IngestLimits

ROOT = Path(__file__).resolve().parent.parent
VARIABLES = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "TELEGRAM_API_FILE_URL",
    "MAINTAINER_IDS",
    "DATABASE_URL",
    "SEEDS_DIR",
    "LOG_LEVEL",
    "TELEGRAM_RATE_LIMIT",
    "SUMMARY_SENTENCES",
    "SUMMARY_MAX_SENTENCES",
    "MAX_UPLOAD_BYTES",
    "ALLOW_PRIVATE_URLS",
    "URL_CONNECT_TIMEOUT",
    "URL_READ_TIMEOUT",
    "URL_MAX_REDIRECTS",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "WEBHOOK_LISTEN",
    "WEBHOOK_PORT",
    "TELEGRAM_TIMEOUT",
    "TELEGRAM_SEND_RETRIES",
    "DATABASE_BUSY_TIMEOUT",
    "USER_RATE_LIMIT",
    "INGEST_RATE_LIMIT",
)
TOKEN = "123456789:AAE_a-valid-looking-token-0123456789"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No setting leaks in from the machine or out to other tests, and no .env is found."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    with patch.dict(os.environ):
        yield


def load(**env: str) -> Settings:
    for name, value in env.items():
        os.environ[name] = value
    return load_settings()


def test_defaults() -> None:
    settings = load()
    assert settings.telegram_api_base_url == TELEGRAM_API_BASE_URL
    assert settings.database_url == "sqlite:///newsbrief.db"
    assert settings.seeds_dir == Path("seeds")
    assert settings.telegram_rate_limit == 30
    assert settings.summary_sentences == 3
    assert settings.maintainer_ids == frozenset()
    assert settings.webhook_url is None
    assert settings.ingest_limits == IngestLimits()


def test_values_are_read_and_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load(
        TELEGRAM_BOT_TOKEN=TOKEN,
        MAINTAINER_IDS=" 12, 345 ,,6789 ",
        LOG_LEVEL="debug",
        TELEGRAM_RATE_LIMIT="0",
        MAX_UPLOAD_BYTES="1000",
        ALLOW_PRIVATE_URLS="true",
        URL_MAX_REDIRECTS="2",
        WEBHOOK_URL="https://bot.example.org/telegram/hook",
        WEBHOOK_SECRET="s3cret_-token",
    )
    assert settings.token == TOKEN
    assert settings.maintainer_ids == frozenset({12, 345, 6789})
    assert settings.is_maintainer(345) and not settings.is_maintainer(1)
    assert settings.log_level == "DEBUG"
    assert settings.telegram_rate_limit == 0
    limits = settings.ingest_limits
    assert (limits.max_bytes, limits.allow_private_urls, limits.max_redirects) == (1000, True, 2)
    assert settings.webhook_path == "telegram/hook"


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("MAINTAINER_IDS=42\nSUMMARY_SENTENCES=4\n", encoding="utf-8")
    settings = load()
    assert settings.maintainer_ids == frozenset({42})
    assert settings.summary_sentences == 4


def test_example_env_file_lists_every_setting_and_loads() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in VARIABLES:
        assert f"{name}=" in example, name
    assert Settings(_env_file=ROOT / ".env.example")  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("env", "variable", "advice"),
    [
        ({"MAINTAINER_IDS": "12,abc"}, "MAINTAINER_IDS", "comma-separated numeric"),
        ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN", "@BotFather"),
        ({"TELEGRAM_RATE_LIMIT": "-1"}, "TELEGRAM_RATE_LIMIT", "0 turns the limiter off"),
        ({"SUMMARY_SENTENCES": "12"}, "SUMMARY_SENTENCES", "above SUMMARY_MAX_SENTENCES"),
        ({"SUMMARY_SENTENCES": "0"}, "SUMMARY_SENTENCES", "from 1 to"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL", "DEBUG, INFO"),
        ({"WEBHOOK_PORT": "http"}, "WEBHOOK_PORT", "1 to 65535"),
        ({"WEBHOOK_URL": "http://insecure.example.org/hook"}, "WEBHOOK_URL", "https://"),
        ({"WEBHOOK_URL": "https://bot.example.org/hook"}, "WEBHOOK_SECRET", "required"),
        ({"TELEGRAM_API_BASE_URL": "localhost:8081"}, "TELEGRAM_API_BASE_URL", "/bot"),
        ({"DATABASE_URL": "newsbrief.db"}, "DATABASE_URL", "sqlite:///"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it(
    env: dict[str, str], variable: str, advice: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load(**env)
    message = str(caught.value)
    assert message.startswith(variable)
    assert advice in message
    assert "\n" not in message


def test_secrets_are_not_echoed() -> None:
    with pytest.raises(ConfigError) as caught:
        load(TELEGRAM_BOT_TOKEN="secret-value-here")
    assert "secret-value-here" not in str(caught.value)


def test_missing_token_points_to_the_console() -> None:
    with pytest.raises(ConfigError, match=r"TELEGRAM_BOT_TOKEN is not set.*--console"):
        _ = load().token


def run_bot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean: dict[str, Any] = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    clean.update(env)
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_python_m_bot_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_bot(tmp_path, MAINTAINER_IDS="12;x")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsbrief: MAINTAINER_IDS='12;x': 'x' is not a numeric user id")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"SUMMARY_MAX_SENTENCES": "0"}, "SUMMARY_MAX_SENTENCES="),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_URL": "mysql://db/x"}, "DATABASE_URL"),
    ],
)
def test_main_returns_2_with_one_line(
    capsys: pytest.CaptureFixture[str], env: dict[str, str], expected: str
) -> None:
    for name, value in env.items():
        os.environ[name] = value
    assert main([]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("newsbrief: ") and expected in lines[0]


def test_help_lists_the_modes(tmp_path: Path) -> None:
    result = run_bot(tmp_path, "--help")
    assert result.returncode == 0
    for word in ("--console", "run", "import", ".env.example"):
        assert word in result.stdout
