"""``python -m bot``: run the bot (long polling, or a webhook), try it in a console, or import.

Exit status: 0 on a clean stop, 2 for a missing or malformed setting (one line on
stderr saying which and how to fix it), 1 when the store cannot be used (a corrupt,
unreadable or locked database file: one line, and the file is left untouched).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.config import ConfigError, Settings, load_settings

EXIT_CONFIG = 2

DESCRIPTION = """\
newsbrief: a Telegram bot that summarises stored news articles (/summary),
lists their quotations with speakers (/quotes) and their key figures (/figures).

Settings come from the environment and .env (see .env.example).
Without TELEGRAM_BOT_TOKEN, try it locally:  python -m bot --console"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--console",
        action="store_true",
        help="talk to the bot from this terminal (stdin/stdout); no token needed, "
        "the seed articles are loaded and you are a maintainer",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "run",
        help="run the bot (the default): long polling, or a webhook when WEBHOOK_URL is set",
    )
    commands.add_parser(
        "import",
        help="import article files or folders into the store: python -m bot import PATH... "
        "(see python -m bot import --help)",
        add_help=False,
    )
    commands.add_parser(
        "reanalyse",
        help="after an upgrade, run the current analysers again over every stored article "
        "(see python -m bot reanalyse --help)",
        add_help=False,
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["import"]:
        from bot.importer import main as import_main

        return import_main(args_list[1:])
    if args_list[:1] == ["reanalyse"]:
        from bot.reanalyse import main as reanalyse_main

        return reanalyse_main(args_list[1:])
    args = _parser().parse_args(args_list)
    try:
        settings = load_settings()
        if args.console:
            return _console(settings)
        return _run(settings)
    except ConfigError as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        return EXIT_CONFIG


def _console(settings: Settings) -> int:
    from bot.console import main as console_main
    from bot.logs import configure_logging

    secrets = (
        [settings.telegram_bot_token.get_secret_value()] if settings.telegram_bot_token else []
    )
    level = "DEBUG" if settings.log_level == "DEBUG" else "WARNING"
    configure_logging(level, secrets=secrets)
    return console_main(settings)


def _run(settings: Settings) -> int:
    import asyncio

    from telegram import Update

    from bot.app import build_application
    from bot.logs import configure_logging
    from bot.store import StoreError, open_store

    token = settings.token  # raises ConfigError when unset
    try:
        store = open_store(settings.database_url, busy_timeout=settings.database_busy_timeout)
    except StoreError as exc:
        raise ConfigError(str(exc)) from None
    secrets = [token]
    if settings.webhook_secret is not None:
        secrets.append(settings.webhook_secret.get_secret_value())
    configure_logging(settings.log_level, secrets=secrets)
    try:
        # Opened before Telegram is contacted, so a bad database file is reported at once.
        asyncio.run(store.open())
    except StoreError as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        return 1
    app = build_application(settings, store)
    updates = [Update.MESSAGE, Update.CALLBACK_QUERY]
    try:
        if settings.webhook_url and settings.webhook_secret is not None:
            app.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=settings.webhook_path,
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=updates,
            )
        else:
            app.run_polling(allowed_updates=updates)
    except StoreError as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
