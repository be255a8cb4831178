"""Settings from the environment and ``.env``, checked once at start-up.

Every setting is listed, with a comment, in ``.env.example``. A missing or
malformed value becomes one :class:`ConfigError` line naming the variable and
saying how to fix it; ``python -m bot`` prints it and exits with status 2.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:
    from bot.ingest import IngestLimits

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
TELEGRAM_API_FILE_URL = "https://api.telegram.org/file/bot"

_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

# How to fix each setting, appended to pydantic's own message.
_HINTS: dict[str, str] = {
    "TELEGRAM_BOT_TOKEN": "copy the token @BotFather gave you, e.g. 123456789:AAE...",
    "TELEGRAM_API_BASE_URL": "use an http(s) URL ending in /bot, e.g. https://api.telegram.org/bot",
    "TELEGRAM_API_FILE_URL": "use an http(s) URL ending in /file/bot, "
    "e.g. https://api.telegram.org/file/bot",
    "MAINTAINER_IDS": "use comma-separated numeric Telegram user ids, e.g. 123456789,987654321",
    "DATABASE_URL": "use e.g. sqlite:///newsbrief.db",
    "SEEDS_DIR": "use a directory path, e.g. seeds",
    "LOG_LEVEL": "use one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    "TELEGRAM_RATE_LIMIT": "use messages per second, e.g. 30 (0 turns the limiter off)",
    "TELEGRAM_TIMEOUT": "use seconds, e.g. 5",
    "TELEGRAM_SEND_RETRIES": "use a whole number from 0 to 10, e.g. 3",
    "DATABASE_BUSY_TIMEOUT": "use seconds, e.g. 10",
    "USER_RATE_LIMIT": "use long summaries per user per minute, e.g. 10 (0 turns it off)",
    "INGEST_RATE_LIMIT": "use articles per maintainer per minute, e.g. 20 (0 turns it off)",
    "SUMMARY_SENTENCES": "use a whole number from 1 to SUMMARY_MAX_SENTENCES, e.g. 3",
    "SUMMARY_MAX_SENTENCES": "use a whole number from 1 to 50, e.g. 10",
    "MAX_UPLOAD_BYTES": "use a positive number of bytes, e.g. 2000000",
    "ALLOW_PRIVATE_URLS": "use true or false",
    "URL_CONNECT_TIMEOUT": "use seconds, e.g. 5",
    "URL_READ_TIMEOUT": "use seconds, e.g. 10",
    "URL_MAX_REDIRECTS": "use a whole number from 0 to 20, e.g. 5",
    "WEBHOOK_URL": "use the public https:// URL Telegram should post updates to",
    "WEBHOOK_SECRET": "use 1-256 characters from A-Z, a-z, 0-9, _ and -",
    "WEBHOOK_LISTEN": "use an address to bind, e.g. 0.0.0.0",
    "WEBHOOK_PORT": "use a port number from 1 to 65535, e.g. 8443",
}


class ConfigError(Exception):
    """A setting is missing or malformed; ``str(e)`` is one line saying which and how to fix it."""


class Settings(BaseSettings):
    """The bot's configuration. Field ``x`` is read from the environment variable ``X``."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        frozen=True,
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = TELEGRAM_API_BASE_URL
    telegram_api_file_url: str = TELEGRAM_API_FILE_URL
    maintainer_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    database_url: str = "sqlite:///newsbrief.db"
    seeds_dir: Path = Path("seeds")
    log_level: LogLevel = "INFO"
    telegram_rate_limit: float = Field(default=30.0, ge=0)
    telegram_timeout: float = Field(default=5.0, gt=0)
    telegram_send_retries: int = Field(default=3, ge=0, le=10)
    database_busy_timeout: float = Field(default=10.0, ge=0)
    user_rate_limit: float = Field(default=10.0, ge=0)
    ingest_rate_limit: float = Field(default=20.0, ge=0)
    summary_sentences: int = Field(default=3, ge=1)
    summary_max_sentences: int = Field(default=10, ge=1, le=50)
    max_upload_bytes: int = Field(default=2_000_000, gt=0)
    allow_private_urls: bool = False
    url_connect_timeout: float = Field(default=5.0, gt=0)
    url_read_timeout: float = Field(default=10.0, gt=0)
    url_max_redirects: int = Field(default=5, ge=0, le=20)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)

    @field_validator("telegram_bot_token", "webhook_secret", "webhook_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _check_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN_RE.match(value.get_secret_value().strip()):
            raise ValueError("does not look like a bot token")
        return value

    @field_validator("telegram_api_base_url", "telegram_api_file_url")
    @classmethod
    def _check_api_url(cls, value: str) -> str:
        if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value

    @field_validator("maintainer_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, int):
            return frozenset({value})
        if not isinstance(value, str):
            return value
        ids: set[int] = set()
        for part in value.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not re.fullmatch(r"\d{1,20}", part):
                raise ValueError(f"{part!r} is not a numeric user id")
            ids.add(int(part))
        return frozenset(ids)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if "://" not in value:
            raise ValueError(f"{value!r} is not a database URL")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _check_webhook_url(cls, value: str | None) -> str | None:
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme != "https" or not parts.netloc:
                raise ValueError(f"{value!r} is not an https:// URL (Telegram requires HTTPS)")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _check_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_RE.match(value.get_secret_value()):
            raise ValueError("contains characters Telegram does not allow")
        return value

    @model_validator(mode="after")
    def _check_combinations(self) -> Settings:
        if self.summary_sentences > self.summary_max_sentences:
            raise _FieldProblem(
                "SUMMARY_SENTENCES",
                f"{self.summary_sentences} is above SUMMARY_MAX_SENTENCES "
                f"({self.summary_max_sentences})",
            )
        if self.webhook_url and self.webhook_secret is None:
            raise _FieldProblem(
                "WEBHOOK_SECRET",
                "is required when WEBHOOK_URL is set, so that only Telegram can post updates",
            )
        return self

    # Derived values -------------------------------------------------------------------------

    @property
    def token(self) -> str:
        """The bot token; raises :class:`ConfigError` when it is not set."""
        if self.telegram_bot_token is None:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in .env "
                "(see .env.example), or try the bot without one: python -m bot --console"
            )
        return self.telegram_bot_token.get_secret_value().strip()

    @property
    def ingest_limits(self) -> IngestLimits:
        # Imported here so that reading settings (and ``--help``) stays light.
        from bot.ingest import IngestLimits

        return IngestLimits(
            max_bytes=self.max_upload_bytes,
            allow_private_urls=self.allow_private_urls,
            connect_timeout=self.url_connect_timeout,
            read_timeout=self.url_read_timeout,
            max_redirects=self.url_max_redirects,
        )

    @property
    def webhook_path(self) -> str:
        """The path part of ``WEBHOOK_URL``: where the local web server listens for posts."""
        return urlsplit(self.webhook_url or "").path.lstrip("/")

    def is_maintainer(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.maintainer_ids


class _FieldProblem(ValueError):
    """A check across fields that should still be reported against one variable."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(problem)
        self.variable = variable
        self.problem = problem


def load_settings(**overrides: Any) -> Settings:
    """Read the settings; raise :class:`ConfigError` with one line on the first bad value."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    error = exc.errors()[0]
    context = error.get("ctx") or {}
    original = context.get("error")
    if isinstance(original, _FieldProblem):
        variable, problem = original.variable, original.problem
    else:
        loc = error.get("loc") or ("settings",)
        variable = str(loc[0]).upper()
        problem = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
        value = error.get("input")
        if error.get("type") == "missing":
            problem = "is not set"
        elif isinstance(value, str | int | float) and variable not in (
            "TELEGRAM_BOT_TOKEN",
            "WEBHOOK_SECRET",
        ):
            problem = f"={value!r}: {problem}"
    hint = _HINTS.get(variable)
    separator = "" if problem.startswith("=") else " "
    line = f"{variable}{separator}{problem}" + (f"; {hint}" if hint else "")
    return " ".join(line.split())
