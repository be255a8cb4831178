"""Thin Telegram handlers: parse the arguments, call one service function, render, reply.

Problems the user can fix (:class:`bot.service.ServiceError`,
:class:`bot.ingest.IngestError`) are answered with one line of help; anything
else propagates to the application's error handler.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeAlias

from telegram import Document, Message, Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import render, service
from bot.app import AppState, BotApp, Context
from bot.ingest import IngestError, IngestResult, check_upload
from bot.store.base import StoreBusy

Answer: TypeAlias = Callable[[Message, Context], Awaitable[render.Reply | None]]
Handler: TypeAlias = Callable[[Update, Context], Coroutine[Any, Any, None]]

INGEST_CAPTION = re.compile(r"^/ingest(?:@(\w+))?(?:\s|$)", re.IGNORECASE)


def register(app: BotApp) -> None:
    new_messages = filters.UpdateType.MESSAGE
    commands: list[tuple[str | list[str], Handler]] = [
        (["start", "help"], help_command),
        ("summary", summary_command),
        ("quotes", quotes_command),
        ("figures", figures_command),
        ("articles", articles_command),
        ("search", search_command),
        ("ingest", ingest_command),
        ("remove", remove_command),
    ]
    for names, callback in commands:
        app.add_handler(CommandHandler(names, callback, filters=new_messages))
    app.add_handler(
        MessageHandler(
            new_messages & filters.Document.ALL & filters.CaptionRegex(INGEST_CAPTION),
            ingest_document,
        )
    )
    app.add_handler(MessageHandler(new_messages & filters.COMMAND, unknown_command))
    app.add_handler(CallbackQueryHandler(button))


# Sending ------------------------------------------------------------------------------------


async def send(message: Message, answer: render.Reply) -> None:
    """Send every chunk; in groups each one replies to the triggering message."""
    quote = message.chat.type != ChatType.PRIVATE
    last = len(answer.chunks) - 1
    for index, chunk in enumerate(answer.chunks):
        await message.reply_text(
            chunk,
            reply_markup=answer.keyboard if index == last else None,
            do_quote=quote,
        )


def answers(fn: Answer) -> Handler:
    """Turn ``fn(message, context) -> Reply`` into a handler that sends the reply."""

    @functools.wraps(fn)
    async def handle(update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None:
            return
        try:
            answer = await fn(message, context)
        except (service.ServiceError, IngestError, StoreBusy) as exc:
            answer = render.problem(str(exc))
        if answer is not None:
            await send(message, answer)

    return handle


def _user_id(message: Message) -> int | None:
    return message.from_user.id if message.from_user else None


def _args(context: Context) -> list[str]:
    return list(context.args or [])


# Reading ------------------------------------------------------------------------------------


@answers
async def help_command(message: Message, context: Context) -> render.Reply:
    state = context.bot_data
    return render.help_text(
        context.bot.username,
        maintainer=state.is_maintainer(_user_id(message)),
        max_sentences=state.settings.summary_max_sentences,
    )


@answers
async def summary_command(message: Message, context: Context) -> render.Reply:
    settings = context.bot_data.settings
    target, n = service.parse_summary_args(_args(context), settings.summary_sentences)
    _check_long_summary(context.bot_data, _user_id(message), n)
    view = await service.summary(context.bot_data.store, target, n, settings.summary_max_sentences)
    return render.summary(view)


@answers
async def quotes_command(message: Message, context: Context) -> render.Reply:
    target = service.parse_target(_args(context))
    return render.quotes(await service.find_article(context.bot_data.store, target))


@answers
async def figures_command(message: Message, context: Context) -> render.Reply:
    target = service.parse_target(_args(context))
    return render.figures(await service.find_article(context.bot_data.store, target))


@answers
async def articles_command(message: Message, context: Context) -> render.Reply:
    page = service.parse_page(_args(context))
    return render.article_page(await service.list_articles(context.bot_data.store, page))


@answers
async def search_command(message: Message, context: Context) -> render.Reply:
    return render.search_results(await service.search(context.bot_data.store, _args(context)))


def _check_long_summary(state: AppState, user_id: int | None, n: int) -> None:
    """Summaries longer than the default cost a token of the user's bucket."""
    if n > state.settings.summary_sentences:
        service.check_rate(state.limits.summaries, user_id, "asking for another long summary")


# Writing (maintainers) ----------------------------------------------------------------------


def _check_ingest_rate(state: AppState, user_id: int | None) -> None:
    service.check_rate(state.limits.ingest, user_id, "adding another article")


def command_payload(message: Message) -> str:
    """The text after the leading ``/command`` entity, line breaks kept."""
    text = message.text or ""
    entities = message.entities
    if entities and entities[0].offset == 0:
        return text[entities[0].length :]
    return text.partition(" ")[2]


@answers
async def ingest_command(message: Message, context: Context) -> render.Reply:
    state = context.bot_data
    service.require_maintainer(state.settings.maintainer_ids, _user_id(message))
    text = command_payload(message)
    if text.strip() or message.reply_to_message is not None:
        _check_ingest_rate(state, _user_id(message))
    source = message.reply_to_message
    if not text.strip() and source is not None:
        if source.document is not None:
            return render.ingested(await _ingest_document(source.document, message, state))
        text = source.text or source.caption or ""
    result = await service.ingest_message_text(
        state.store, text, added_by=_user_id(message), limits=state.settings.ingest_limits
    )
    return render.ingested(result)


@answers
async def ingest_document(message: Message, context: Context) -> render.Reply | None:
    match = INGEST_CAPTION.match(message.caption or "")
    addressee = match.group(1) if match else None
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return None  # addressed to another bot
    state = context.bot_data
    service.require_maintainer(state.settings.maintainer_ids, _user_id(message))
    if message.document is None:
        return None
    _check_ingest_rate(state, _user_id(message))
    return render.ingested(await _ingest_document(message.document, message, state))


async def _ingest_document(document: Document, message: Message, state: AppState) -> IngestResult:
    """Check the declared size before downloading, then ingest the file."""
    limits = state.settings.ingest_limits
    filename = document.file_name or "upload.txt"
    check_upload(filename, document.file_size, limits, mime_type=document.mime_type)
    file = await document.get_file()
    data = bytes(await file.download_as_bytearray())
    return await service.ingest_upload(
        state.store, data, filename, added_by=_user_id(message), limits=limits
    )


@answers
async def remove_command(message: Message, context: Context) -> render.Reply:
    state = context.bot_data
    service.require_maintainer(state.settings.maintainer_ids, _user_id(message))
    article_id = service.parse_remove_args(_args(context))
    return render.removed(await service.remove(state.store, article_id))


# Everything else ----------------------------------------------------------------------------


async def unknown_command(update: Update, context: Context) -> None:
    """Private chats get help; in groups only commands addressed to this bot do."""
    message = update.effective_message
    if message is None or not message.text or not message.entities:
        return
    command = message.text[: message.entities[0].length]
    name, _, addressee = command.partition("@")
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return
    if message.chat.type != ChatType.PRIVATE and not addressee:
        return
    await send(message, render.unknown_command(name))


async def button(update: Update, context: Context) -> None:
    """Answer a press of an inline button under a summary or an article list."""
    query = update.callback_query
    if query is None:
        return
    action = render.parse_callback(query.data)
    message = query.message if isinstance(query.message, Message) else None
    if action is None or message is None:
        await query.answer(render.expired_button())
        return
    state = context.bot_data
    settings = state.settings
    if action.kind == "summary":
        try:
            _check_long_summary(state, query.from_user.id, action.sentences or 0)
        except service.RateLimited as exc:
            await query.answer(str(exc))
            return
    await query.answer()
    try:
        if action.kind == "articles":
            answer = render.article_page(await service.list_articles(state.store, action.number))
            await query.edit_message_text(answer.chunks[0], reply_markup=answer.keyboard)
            return
        target = service.Target(article_id=action.number)
        if action.kind == "summary":
            n = action.sentences or settings.summary_sentences
            view = await service.summary(state.store, target, n, settings.summary_max_sentences)
            answer = render.summary(view)
            if len(answer.chunks) == 1:
                await query.edit_message_text(answer.chunks[0], reply_markup=answer.keyboard)
                return
        elif action.kind == "quotes":
            answer = render.quotes(await service.find_article(state.store, target))
        else:
            answer = render.figures(await service.find_article(state.store, target))
    except (service.ServiceError, StoreBusy) as exc:
        answer = render.problem(str(exc))
    await send(message, answer)
