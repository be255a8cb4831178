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
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackContext,
    ContextTypes,
    Defaults,
    ExtBot,
    TypeHandler,
)
from telegram.request import BaseRequest

from bot import render
from bot.config import Settings
from bot.limits import UserLimits
from bot.store.base import ArticleStore, StoreBusy

logger = logging.getLogger(__name__)

RECENT_ERRORS = 50
CONCURRENT_UPDATES = 16
RETRY_BACKOFF = 0.5
"""Seconds before the first retry of a call that failed with 5xx or a timeout; doubles after."""


@dataclass(frozen=True, slots=True)
class AppState:
    """What every handler needs. ``errors`` keeps the latest handler failures for inspection."""

    settings: Settings
    store: ArticleStore
    errors: deque[BaseException] = field(default_factory=lambda: deque(maxlen=RECENT_ERRORS))
    limits: UserLimits = field(default_factory=lambda: UserLimits.per_minute(0, 0))
    """Per-user limits on expensive commands (off unless built from settings)."""

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
            super().__init__(
                settings,
                store,
                limits=UserLimits.per_minute(settings.user_rate_limit, settings.ingest_rate_limit),
            )

    return BoundState


class RetryingRateLimiter(AIORateLimiter):
    """PTB's limiter (429 ``retry_after`` waits) that also retries 5xx answers and timeouts.

    Each call is retried at most ``max_retries`` times for each kind of failure, with
    a doubling pause, then the error propagates to the handler and the error handler.
    A rate of 0 turns the flood limits off but keeps the retries. ``getUpdates`` never
    comes here: the updater has its own retry loop.
    """

    def __init__(self, overall_max_rate: float, max_retries: int) -> None:
        if overall_max_rate > 0:
            super().__init__(
                overall_max_rate=overall_max_rate, overall_time_period=1, max_retries=max_retries
            )
        else:
            super().__init__(overall_max_rate=0, group_max_rate=0, max_retries=max_retries)
        self.retries = max_retries

    async def process_request(
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        pause = RETRY_BACKOFF
        for attempt in range(self.retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except NetworkError as exc:
                # BadRequest is a NetworkError in PTB, but sending it again cannot help.
                if isinstance(exc, BadRequest) or attempt == self.retries:
                    raise
                logger.warning(
                    "%s failed (%s); retry %d of %d in %g s",
                    endpoint,
                    exc,
                    attempt + 1,
                    self.retries,
                    pause,
                )
                await asyncio.sleep(pause)
                pause *= 2
        raise AssertionError("unreachable")  # pragma: no cover


def build_application(
    settings: Settings,
    store: ArticleStore,
    request: BaseRequest | None = None,
    *,
    dedupe_updates: bool = True,
) -> BotApp:
    """The bot with every handler, the rate limiter, and start-up/shut-down hooks.

    ``request`` replaces the HTTP client (the console's in-process Bot API); without it
    the bot talks to ``TELEGRAM_API_BASE_URL``. The store is opened by the start-up hook.
    With ``dedupe_updates`` every update id is claimed in the store first, and an
    update that was already handled (re-delivered after a restart, or to another
    replica) is skipped.
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
    else:
        timeout = settings.telegram_timeout
        builder = builder.connect_timeout(timeout).read_timeout(timeout).write_timeout(timeout)
    builder = builder.rate_limiter(
        RetryingRateLimiter(settings.telegram_rate_limit, settings.telegram_send_retries)
    )
    app: BotApp = builder.build()
    if dedupe_updates:
        app.add_handler(TypeHandler(Update, skip_handled_updates), group=-1)
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


async def skip_handled_updates(update: Update, context: Context) -> None:
    """Stop an update whose id the store has seen: it was answered already."""
    try:
        fresh = await context.bot_data.store.claim_update(update.update_id)
    except StoreBusy:
        # Better answer twice than never: reads still work while a writer holds the lock.
        logger.warning("Could not record update %d (database busy); handling it", update.update_id)
        return
    if not fresh:
        logger.info("Update %d was handled before; skipping the re-delivery", update.update_id)
        raise ApplicationHandlerStop


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
