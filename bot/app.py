"""The one factory that wires the bot: ``build_application(settings, store, request=None)``.

``python -m bot``, the console and the tests all call it, so they run the same
handlers against the same store. The app's state (settings, store) reaches the
handlers as ``context.bot_data``, a typed :class:`AppState`, not a dict.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackContext,
    ContextTypes,
    Defaults,
    ExtBot,
)
from telegram.request import BaseRequest

from bot import render
from bot.config import Settings
from bot.store.base import ArticleStore

logger = logging.getLogger(__name__)

RECENT_ERRORS = 50
CONCURRENT_UPDATES = 16


@dataclass(frozen=True, slots=True)
class AppState:
    """What every handler needs. ``errors`` keeps the latest handler failures for inspection."""

    settings: Settings
    store: ArticleStore
    errors: deque[BaseException] = field(default_factory=lambda: deque(maxlen=RECENT_ERRORS))

    def is_maintainer(self, user_id: int | None) -> bool:
        return self.settings.is_maintainer(user_id)


Context: TypeAlias = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], AppState]
BotApp: TypeAlias = Application[
    ExtBot[None], Context, dict[Any, Any], dict[Any, Any], AppState, None
]


def _state_type(settings: Settings, store: ArticleStore) -> type[AppState]:
    """A no-argument constructor for :class:`AppState`, as ``ContextTypes(bot_data=...)`` needs."""

    class BoundState(AppState):
        __slots__ = ()

        def __init__(self) -> None:
            super().__init__(settings, store)

    return BoundState


def build_application(
    settings: Settings, store: ArticleStore, request: BaseRequest | None = None
) -> BotApp:
    """The bot with every handler, the rate limiter, and start-up/shut-down hooks.

    ``request`` replaces the HTTP client (the console's in-process Bot API); without it
    the bot talks to ``TELEGRAM_API_BASE_URL``. The store is opened by the start-up hook.
    """
    from bot import handlers  # handlers import this module for the types

    context_types = ContextTypes(bot_data=_state_type(settings, store))
    builder: Any = (
        ApplicationBuilder()
        .token(settings.token if request is None else _console_token(settings))
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        .context_types(context_types)
        # A slow link fetch or analysis must not hold up everyone else's commands.
        .concurrent_updates(CONCURRENT_UPDATES)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_sending_without_reply=True,
            )
        )
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if settings.telegram_rate_limit > 0:
        builder = builder.rate_limiter(
            AIORateLimiter(
                overall_max_rate=settings.telegram_rate_limit,
                overall_time_period=1,
                max_retries=2,
            )
        )
    app: BotApp = builder.build()
    handlers.register(app)
    app.add_error_handler(on_error)
    return app


def _console_token(settings: Settings) -> str:
    """The in-process API ignores the token, so one is made up when none is set."""
    if settings.telegram_bot_token is not None:
        return settings.token
    return "0:console"


async def on_startup(app: BotApp) -> None:
    """Open the store, load the seed articles, and publish the command lists."""
    state = app.bot_data
    await state.store.open()
    await _load_seeds(state.store, state.settings.seeds_dir)
    await publish_commands(app)


async def on_shutdown(app: BotApp) -> None:
    await app.bot_data.store.close()


async def _load_seeds(store: ArticleStore, seeds_dir: Path) -> None:
    if not await asyncio.to_thread(seeds_dir.is_dir):
        logger.info("No seeds directory at %s; starting with the stored articles only", seeds_dir)
        return
    from bot.importer import load_seeds as import_seeds

    report = await import_seeds(store, seeds_dir)
    logger.info(
        "Seeds from %s: %d added, %d already stored, %d failed",
        seeds_dir,
        report.added,
        report.duplicates,
        len(report.failed),
    )
    for name, reason in report.failed:
        logger.warning("Seed %s was not loaded: %s", name, reason)


async def publish_commands(app: BotApp) -> None:
    """Everyone sees the reading commands; maintainers also see theirs in their private chat."""
    public = [BotCommand(name, text) for name, text in render.COMMANDS]
    private = public + [BotCommand(name, text) for name, text in render.MAINTAINER_COMMANDS]
    bot = app.bot
    await bot.set_my_commands(public, scope=BotCommandScopeDefault())
    await bot.set_my_commands(public, scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(public, scope=BotCommandScopeAllGroupChats())
    for user_id in sorted(app.bot_data.settings.maintainer_ids):
        try:
            await bot.set_my_commands(private, scope=BotCommandScopeChat(chat_id=user_id))
        except TelegramError as exc:
            # Telegram refuses chats that have never talked to the bot.
            logger.warning("Could not set the maintainer commands for user %s: %s", user_id, exc)


async def on_error(update: object, context: Context) -> None:
    """Log the failure with its traceback first, then tell the user briefly."""
    error = context.error
    logger.error("Update %r caused an error", update, exc_info=error)
    if error is not None:
        context.bot_data.errors.append(error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            for chunk in render.internal_error().chunks:
                await update.effective_message.reply_text(chunk, do_quote=True)
        except TelegramError:
            logger.warning("Could not tell the user about the error", exc_info=True)
