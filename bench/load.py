"""The bot end to end over loopback: throughput against the framework's floor, soak, start-up.

    .venv/bin/python bench/load.py throughput [DATA_DIR] [--users N] [--updates N] [--rounds N]
    .venv/bin/python bench/load.py soak       [DATA_DIR] [--users N] [--updates N]
    .venv/bin/python bench/load.py startup    [DATA_DIR] [--articles-total N] [--repeat N]
    (each with --full for the sizes of docs/performance.md)

DATA_DIR defaults to ../shared/data (BBC News Summary articles are stored as the corpus).

The bot always runs in its own process, exactly as deployed (``python -m bot``), polling
:class:`tests.fake_bot_api.FakeBotAPI` on 127.0.0.1 in this process. Simulated users each
send a command, wait for the answer, then send the next (a closed loop), so latency is
from queuing the update to the ``sendMessage`` that answers it.

The floor is the same ``build_application(settings, store)`` Application, same settings,
HTTP client, concurrency and start-up hooks, with every handler removed and one handler that
echoes the command back through the same ``reply_text`` call (``load.py floor-bot``).
Rounds alternate floor and bot so that the noise of a shared machine hits both alike.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import itertools
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.fake_bot_api import TOKEN, FakeBotAPI, user  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "seeds"
USER_BASE = 500_000
# Telegram's update ids only grow, and the bot skips ids it has handled before: every
# fake in one benchmark continues where the previous one stopped.
_UPDATE_ID_BLOCKS = itertools.count(10_000_000, 10_000_000)
# Extra import path for the bot's process (--bot-pythonpath), e.g. to try a package.
BOT_PYTHONPATH = ""
_ROTATE_CACHE: dict[int, dict[int, int]] = {}


# Measuring RSS without psutil ---------------------------------------------------------------


def rss_mb(pid: int, field_name: str = "VmRSS") -> float:
    """Resident memory of process ``pid`` in MB, from /proc (0.0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid`` so far (0.0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return 0.0
    # After the command name: state is field 3 of stat(5), utime 14 and stime 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# The corpus ---------------------------------------------------------------------------------


def _rotation(k: int) -> dict[int, int]:
    """``str.translate`` table shifting letters by ``k``: new words, same lengths and spans."""
    if k not in _ROTATE_CACHE:
        table: dict[int, int] = {}
        for first in ("a", "A"):
            base = ord(first)
            for i in range(26):
                table[base + i] = base + (i + k) % 26
        _ROTATE_CACHE[k] = table
    return _ROTATE_CACHE[k]


def variant(analysis: Any, k: int) -> Any:
    """Analysis ``k`` of an article: every letter shifted by ``k`` (0 = the real article).

    Lengths are kept, so every sentence, quote and figure span stays valid, and the text
    shares no word 5-gram with other variants: the store's duplicate checks accept it.
    """
    from summarizer import Analysis

    if k == 0:
        return analysis
    table = _rotation(k)
    data = analysis.to_dict()
    art = data["article"]
    art["title"] = art["title"].translate(table) if art["title"] else art["title"]
    art["paragraphs"] = [p.translate(table) for p in art["paragraphs"]]
    for quote in data["quotes"]:
        for key in ("text", "speaker", "cue"):
            if quote.get(key):
                quote[key] = quote[key].translate(table)
    for figure in data["figures"]:
        for key in ("what", "evidence"):
            if figure.get(key):
                figure[key] = figure[key].translate(table)
    return Analysis.from_dict(data)


def analyse_bbc(data_dir: Path, count: int) -> list[tuple[str, Any]]:
    """``count`` distinct BBC articles (topics interleaved), parsed and analysed once."""
    from _common import bbc_files, parse_bbc, read_text

    from summarizer import analyse_article

    files = bbc_files(data_dir, count)
    if not files:
        raise SystemExit(
            f"No BBC articles under {data_dir / 'bbc_news_summary'}: pass the data directory "
            "(the folder holding bbc_news_summary/) as DATA_DIR."
        )
    out: list[tuple[str, Any]] = []
    started = time.perf_counter()
    for i, (name, path, _) in enumerate(files, 1):
        article = parse_bbc(read_text(path))
        if article.sentences:
            out.append((name, analyse_article(article)))
        if i % 100 == 0:
            log(f"  analysed {i}/{len(files)} articles ({time.perf_counter() - started:.0f} s)")
    return out


async def build_db(db: Path, analyses: list[tuple[str, Any]], total: int) -> int:
    """Store ``total`` articles: the analyses, then letter-shifted variants of them; seeds too."""
    from bot.importer import load_seeds
    from bot.store import NewArticle, SQLiteStore

    store = SQLiteStore(db)
    await store.open()
    try:
        await load_seeds(store, SEEDS)
        stored = await store.count()
        k = 0
        started = time.perf_counter()
        while stored < total and k < 26:
            for name, analysis in analyses:
                if stored >= total:
                    break
                shifted = variant(analysis, k)
                result = await store.add(
                    NewArticle(shifted.article.body, shifted, f"bench:{name}#{k}")
                )
                stored += result.created
                if result.created and stored % 1000 == 0:
                    log(f"  stored {stored}/{total} ({time.perf_counter() - started:.0f} s)")
            k += 1
        return await store.count()
    finally:
        await store.close()


async def single_message_commands(db: Path, limit: int) -> list[str]:
    """``/summary ID``, ``/quotes ID`` and ``/figures ID`` whose answer is one message.

    One update then means exactly one ``sendMessage``, for the bot as for the echo floor,
    so "replies per second" counts the same thing on both sides.
    """
    from bot import render, service
    from bot.config import load_settings
    from bot.store import SQLiteStore

    settings = load_settings(telegram_bot_token=TOKEN)
    store = SQLiteStore(db)
    await store.open()
    try:
        headers = await store.list(limit=limit)
        commands: list[str] = []
        for header in headers:
            target = service.Target(article_id=header.id)
            view = await service.summary(
                store, target, settings.summary_sentences, settings.summary_max_sentences
            )
            article = await service.find_article(store, target)
            answers = {
                "summary": render.summary(view),
                "quotes": render.quotes(article),
                "figures": render.figures(article),
            }
            for name, answer in answers.items():
                if len(answer.chunks) == 1:
                    commands.append(f"/{name} {header.id}")
        return commands
    finally:
        await store.close()


# The driver: a fake Bot API with closed-loop users ------------------------------------------


@dataclass
class Run:
    """What one run measured, on the fake's clock."""

    name: str
    updates: int
    answered: int = 0
    latencies: list[float] = field(default_factory=list)
    reply_times: list[float] = field(default_factory=list)
    unexpected: int = 0
    refused: int = 0
    started_at: float = 0.0
    ready_at: float = 0.0
    rss_marks: list[tuple[int, float]] = field(default_factory=list)
    rss_samples: list[tuple[float, int, float]] = field(default_factory=list)
    errors_logged: int = 0
    warnings_logged: int = 0
    complete: bool = False
    peak_rss: float = 0.0
    cpu_ready: float = 0.0
    cpu_end: float = 0.0
    polls: int = 0

    @property
    def cpu_ms_per_reply(self) -> float:
        """The bot process's CPU time per answered update: steadier than wall time."""
        return (self.cpu_end - self.cpu_ready) / max(self.answered, 1) * 1000

    def sustained_rate(self, skip: float) -> float:
        """Messages per second after the first ``skip`` seconds of answers."""
        if not self.reply_times:
            return 0.0
        start = self.reply_times[0] + skip
        times = [t for t in self.reply_times if t >= start]
        return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0

    def window(self, warmup: int) -> tuple[list[float], float]:
        """Latencies and replies/s after the first ``warmup`` answers."""
        warmup = min(warmup, max(len(self.reply_times) - 2, 0))
        times = self.reply_times[warmup:]
        if len(times) < 2:
            return self.latencies[warmup:], 0.0
        return self.latencies[warmup:], (len(times) - 1) / (times[-1] - times[0])

    def rate(self, warmup: int) -> float:
        return self.window(warmup)[1]

    def percentile(self, q: float, warmup: int) -> float:
        values = sorted(self.window(warmup)[0])
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(q * len(values)))] * 1000


class LoadAPI(FakeBotAPI):
    """The fake Bot API plus simulated users: each answer triggers that user's next command.

    Every message is still validated as Telegram would (HTML, length); records are not
    kept (a soak would grow this process), only counts and timings.
    """

    def __init__(
        self, commands: Sequence[str], users: int, run: Run, quarters: bool, nagle: bool = False
    ) -> None:
        super().__init__()
        # This instance's own handler class: what a fake without TCP_NODELAY measures.
        self.server.RequestHandlerClass.disable_nagle_algorithm = not nagle  # type: ignore[attr-defined]
        self._update_ids = itertools.count(next(_UPDATE_ID_BLOCKS))
        self.commands = list(commands)
        self.users = [user(USER_BASE + i, f"Reader{i}") for i in range(users)]
        self.by_id = {u["id"]: u for u in self.users}
        self.run = run
        self.quarters = quarters
        self.pid = 0
        self.pushed = 0
        self.pending: dict[int, float] = {}
        self.ready = threading.Event()
        self.finished = threading.Event()

    def begin(self) -> None:
        with self.cond:
            for u in self.users:
                self._next(u)

    def _next(self, sender: dict[str, Any]) -> None:
        if self.pushed >= self.run.updates:
            return
        command = self.commands[self.pushed % len(self.commands)]
        self.pushed += 1
        with self.cond:  # re-entrant: the answer cannot be matched before it is pending
            self.pending[sender["id"]] = time.perf_counter()
            self.push_text(command, sender)

    def _record(
        self, method: str, params: dict[str, Any], status: int, body: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        if method == "sendMessage" and status != 200:
            with self.cond:
                self.run.refused += 1
        elif method == "getUpdates":
            with self.cond:
                self.run.polls += 1
        return status, body

    def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        if not self.ready.is_set():  # on arrival, before the long poll waits
            self.run.ready_at = time.perf_counter()
            if self.pid:
                self.run.rss_marks.append((0, rss_mb(self.pid)))
                self.run.peak_rss = rss_mb(self.pid, "VmHWM")
                self.run.cpu_ready = cpu_seconds(self.pid)
            self.ready.set()
        return super()._api_getUpdates(params)

    def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        result = super()._api_sendMessage(params)
        now = time.perf_counter()
        chat_id = int(params["chat_id"])
        with self.cond:
            self.state.sent.clear()
            asked = self.pending.pop(chat_id, None)
            if asked is None:
                self.run.unexpected += 1
                return result
            run = self.run
            run.latencies.append(now - asked)
            run.reply_times.append(now)
            run.answered += 1
            if self.quarters and self.pid and run.answered % max(run.updates // 4, 1) == 0:
                run.rss_marks.append((run.answered, rss_mb(self.pid)))
            if run.answered >= run.updates:
                self.finished.set()
            else:
                self._next(self.by_id[chat_id])
        return result


# Running the bot in its own process ---------------------------------------------------------


def bot_env(api: FakeBotAPI, db: Path, rate_limit: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_API_FILE_URL=api.base_file_url,
        DATABASE_URL=f"sqlite:///{db.resolve()}",
        SEEDS_DIR=str(SEEDS),
        TELEGRAM_RATE_LIMIT=str(rate_limit),
        MAINTAINER_IDS="",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    if BOT_PYTHONPATH:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [BOT_PYTHONPATH, env.get("PYTHONPATH")]))
    return env


def bot_command(kind: str) -> list[str]:
    if kind == "floor":
        return [sys.executable, str(Path(__file__).resolve()), "floor-bot"]
    return [sys.executable, "-m", "bot"]


_LEVEL = re.compile(r"^\S+ \S+ (ERROR|CRITICAL|WARNING) ", re.MULTILINE)


def drive(
    kind: str,
    db: Path,
    commands: Sequence[str],
    *,
    users: int,
    updates: int,
    rate_limit: float,
    workdir: Path,
    quarters: bool = False,
    sample_every: float = 0.0,
    nagle: bool = False,
) -> Run:
    """Start the bot (``kind`` = "bot" or "floor"), let ``users`` send ``updates``, stop it."""
    run = Run(kind, updates)
    log_path = workdir / f"{kind}-{time.monotonic_ns()}.log"
    api = LoadAPI(commands, users, run, quarters, nagle)
    with api, open(log_path, "wb") as log_file:
        run.started_at = time.perf_counter()
        proc = subprocess.Popen(
            bot_command(kind),
            env=bot_env(api, db, rate_limit),
            cwd=workdir,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        api.pid = proc.pid
        try:
            if not api.ready.wait(60) or proc.poll() is not None:
                raise SystemExit(f"{kind} did not start polling; see {log_path}")
            api.begin()
            patience = 30 + updates / (2 if rate_limit else 20)
            deadline = time.monotonic() + patience
            while not api.finished.wait(sample_every or 0.5):
                if sample_every:
                    run.rss_samples.append((time.perf_counter(), run.answered, rss_mb(proc.pid)))
                if time.monotonic() > deadline or proc.poll() is not None:
                    break
            run.complete = api.finished.is_set()
            run.cpu_end = cpu_seconds(proc.pid)
            run.peak_rss = max(run.peak_rss, rss_mb(proc.pid, "VmHWM"))
        finally:
            stop(proc)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    levels = _LEVEL.findall(text)
    run.errors_logged = sum(level in ("ERROR", "CRITICAL") for level in levels)
    run.warnings_logged = levels.count("WARNING")
    if run.errors_logged:
        log(f"  {kind}: {run.errors_logged} errors logged; the first:")
        first = re.search(
            r"^\S+ \S+ (ERROR|CRITICAL) .*?(?=^\S+ \S+ [A-Z]+ |\Z)", text, re.M | re.S
        )
        log(first.group(0)[:3000] if first else text[-3000:])
    return run


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGINT, as Ctrl-C would: the bot shuts down cleanly; kill it if it does not."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# The floor ----------------------------------------------------------------------------------


def floor_bot() -> int:
    """``python -m bot``'s polling path with every handler replaced by an echo."""
    from telegram import Message, Update
    from telegram.constants import ChatType
    from telegram.ext import MessageHandler, filters

    from bot.app import build_application
    from bot.config import load_settings
    from bot.logs import configure_logging
    from bot.store import open_store

    settings = load_settings()
    token = settings.token
    configure_logging(settings.log_level, secrets=[token])
    app = build_application(settings, open_store(settings.database_url))
    for group, handlers in list(app.handlers.items()):
        for handler in list(handlers):
            app.remove_handler(handler, group)

    async def echo(update: Update, context: object) -> None:
        message = update.effective_message
        if isinstance(message, Message) and message.text:
            # The same call the bot's handlers make (bot.handlers.send).
            await message.reply_text(
                html.escape(message.text), do_quote=message.chat.type != ChatType.PRIVATE
            )

    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY])
    return 0


# Sub-commands -------------------------------------------------------------------------------


def prepare_corpus(data_dir: Path, workdir: Path, articles: int) -> tuple[Path, list[str]]:
    log(f"Analysing {articles} BBC articles for the store ...")
    analyses = analyse_bbc(data_dir, articles)
    db = workdir / "load.db"
    stored = asyncio.run(build_db(db, analyses, len(analyses) + 1))
    commands = asyncio.run(single_message_commands(db, stored))
    random.Random(8).shuffle(commands)
    log(f"{stored} articles stored, {len(commands)} single-message commands")
    return db, commands


def fmt_ms(value: float) -> str:
    return f"{value:.1f}"


def cmd_throughput(args: argparse.Namespace) -> int:
    users = args.users or (50 if args.full else 20)
    updates = args.updates or (5000 if args.full else 600)
    rounds = args.rounds or (3 if args.full else 2)
    warmup = updates // 10
    with tempfile.TemporaryDirectory(prefix="newsbrief-load-") as tmp:
        workdir = Path(tmp)
        db, commands = prepare_corpus(args.data_dir, workdir, args.articles)
        results: dict[str, list[Run]] = {"floor": [], "bot": []}
        for r in range(rounds):
            order = ("floor", "bot") if r % 2 == 0 else ("bot", "floor")
            for kind in order:
                run = drive(
                    kind, db, commands, users=users, updates=updates, rate_limit=0, workdir=workdir
                )
                results[kind].append(run)
                log(
                    f"round {r + 1} {kind:5}: {run.rate(warmup):6.1f} replies/s, "
                    f"p50 {run.percentile(0.5, warmup):.1f} ms, "
                    f"p99 {run.percentile(0.99, warmup):.1f} ms, "
                    f"CPU {run.cpu_ms_per_reply:.2f} ms/reply, "
                    f"{run.answered / max(run.polls, 1):.1f} updates/getUpdates, "
                    f"{run.answered}/{updates} answered"
                )
        alone = args.latency_updates or (500 if args.full else 150)
        single: dict[str, Run] = {}
        for kind in ("floor", "bot"):
            single[kind] = drive(
                kind, db, commands, users=1, updates=alone, rate_limit=0, workdir=workdir
            )
        nagle = (
            drive(
                "floor",
                db,
                commands,
                users=1,
                updates=args.nagle_updates,
                rate_limit=0,
                workdir=workdir,
                nagle=True,
            )
            if args.nagle_updates
            else None
        )
        limited_updates = args.limited_updates or (1200 if args.full else 300)
        limited = drive(
            "bot",
            db,
            commands,
            users=users,
            updates=limited_updates,
            rate_limit=30,
            workdir=workdir,
        )
    print(
        f"Throughput: {users} users, {updates} updates a run (first {warmup} answers are "
        f"warm-up), TELEGRAM_RATE_LIMIT=0, {len(commands)} distinct commands\n"
    )
    print(
        "| round | floor replies/s | bot replies/s | ratio | floor p50 / p99 ms "
        "| bot p50 / p99 ms | floor CPU ms/reply | bot CPU ms/reply "
        "| updates per getUpdates floor / bot |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")

    def row(label: str, floor: Sequence[Run], bot: Sequence[Run]) -> tuple[float, float]:
        def med(runs: Sequence[Run], fn: Callable[[Run], float]) -> float:
            return statistics.median(fn(r) for r in runs)

        floor_rate, bot_rate = (
            med(floor, lambda r: r.rate(warmup)),
            med(bot, lambda r: r.rate(warmup)),
        )
        cells = [
            label,
            f"{floor_rate:.1f}",
            f"{bot_rate:.1f}",
            f"{bot_rate / floor_rate:.2f}",
            f"{med(floor, lambda r: r.percentile(0.5, warmup)):.1f} / "
            f"{med(floor, lambda r: r.percentile(0.99, warmup)):.1f}",
            f"{med(bot, lambda r: r.percentile(0.5, warmup)):.1f} / "
            f"{med(bot, lambda r: r.percentile(0.99, warmup)):.1f}",
            f"{med(floor, lambda r: r.cpu_ms_per_reply):.2f}",
            f"{med(bot, lambda r: r.cpu_ms_per_reply):.2f}",
            f"{med(floor, lambda r: r.answered / max(r.polls, 1)):.1f} / "
            f"{med(bot, lambda r: r.answered / max(r.polls, 1)):.1f}",
        ]
        print("| " + " | ".join(cells) + " |")
        return floor_rate, bot_rate

    for r, (floor, bot) in enumerate(zip(results["floor"], results["bot"], strict=True), 1):
        row(str(r), [floor], [bot])
    floor_rate, bot_rate = row("median", results["floor"], results["bot"])
    ratio = bot_rate / floor_rate
    cpu_ratio = statistics.median(r.cpu_ms_per_reply for r in results["floor"]) / statistics.median(
        r.cpu_ms_per_reply for r in results["bot"]
    )
    every = [*results["floor"], *results["bot"]]
    problems = sum(
        (r.updates - r.answered) + r.unexpected + r.refused + r.errors_logged for r in every
    )
    print(
        f"\nTarget bot/floor >= 0.80 replies/s: {'met' if ratio >= 0.8 else 'MISSED'} "
        f"({ratio:.2f}; by CPU time per reply, floor/bot = {cpu_ratio:.2f}). "
        f"Unanswered, unexpected or refused messages and errors logged: {problems}"
    )
    print(
        f"\nOne user alone ({alone} updates, each sent when the previous is answered): "
        + "; ".join(
            f"{kind} p50 {run.percentile(0.5, alone // 10):.1f} ms, "
            f"p99 {run.percentile(0.99, alone // 10):.1f} ms, "
            f"CPU {run.cpu_ms_per_reply:.2f} ms/reply"
            for kind, run in single.items()
        )
    )
    if nagle is not None:
        print(
            f"\nThe floor, one user, against the same fake with Nagle's algorithm left on "
            f"({args.nagle_updates} updates): {nagle.rate(args.nagle_updates // 10):.1f} "
            f"replies/s, p50 {nagle.percentile(0.5, args.nagle_updates // 10):.1f} ms"
        )
    sustained = limited.sustained_rate(2.0)
    print(
        f"\nWith TELEGRAM_RATE_LIMIT=30 (bot, {limited_updates} updates): {sustained:.1f} "
        f"messages/s after the first 2 s, busiest 1-s window "
        f"{max_in_window(limited.reply_times, 1.0)} messages (bucket of 30 plus 30/s), "
        f"p50 {limited.percentile(0.5, 0):.0f} ms, {limited.answered}/{limited_updates} answered, "
        f"{limited.errors_logged} errors logged; limit "
        f"{'holds' if sustained <= 30 * 1.05 else 'EXCEEDED'}"
    )
    held = limited.complete and not limited.errors_logged and sustained <= 30 * 1.05
    return 0 if ratio >= 0.8 and not problems and held else 1


def max_in_window(times: Sequence[float], width: float) -> int:
    best = start = 0
    for end, t in enumerate(times):
        while t - times[start] > width:
            start += 1
        best = max(best, end - start + 1)
    return best


def cmd_soak(args: argparse.Namespace) -> int:
    users = args.users or 20
    updates = args.updates or (20_000 if args.full else 2000)
    with tempfile.TemporaryDirectory(prefix="newsbrief-soak-") as tmp:
        workdir = Path(tmp)
        db, commands = prepare_corpus(args.data_dir, workdir, args.articles)
        run = drive(
            "bot",
            db,
            commands,
            users=users,
            updates=updates,
            rate_limit=0,
            workdir=workdir,
            quarters=True,
            sample_every=0.5,
        )
    quarter = max(updates // 4, 1)
    print(f"Soak: {updates} updates from {users} users, TELEGRAM_RATE_LIMIT=0\n")
    print("| after updates | RSS MB | replies/s in the quarter | p50 / p99 ms in the quarter |")
    print("| --- | --- | --- | --- |")
    for answered, rss in run.rss_marks:
        if answered == 0:
            print(f"| 0 (first getUpdates) | {rss:.1f} | | |")
            continue
        lo, hi = answered - quarter, answered
        lat = sorted(run.latencies[lo:hi])
        times = run.reply_times[lo:hi]
        rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
        print(
            f"| {answered} | {rss:.1f} | {rate:.1f} | "
            f"{lat[len(lat) // 2] * 1000:.1f} / {lat[int(0.99 * len(lat))] * 1000:.1f} |"
        )
    marks = [rss for answered, rss in run.rss_marks if answered > 0]
    growth = (marks[-1] / marks[0] - 1) if len(marks) >= 2 else float("nan")
    by_quarter: list[list[float]] = [[], [], [], []]
    for _, answered, rss in run.rss_samples:
        by_quarter[min(answered * 4 // max(updates, 1), 3)].append(rss)
    means = [statistics.fmean(q) if q else float("nan") for q in by_quarter]
    mean_growth = means[3] / means[0] - 1
    delivered = run.answered == updates and not run.unexpected and not run.refused
    print(
        f"\nEvery reply delivered: {'yes' if delivered else 'NO'} ({run.answered}/{updates}, "
        f"{run.unexpected} unexpected, {run.refused} refused); errors logged: "
        f"{run.errors_logged}, warnings: {run.warnings_logged}; peak RSS {run.peak_rss:.1f} MB"
    )
    print(
        f"RSS growth, end of first quarter to end of last: {growth:+.1%} "
        f"(mean of samples in Q1 {means[0]:.1f} MB, Q4 {means[3]:.1f} MB: {mean_growth:+.1%}); "
        f"target < 10%: {'met' if growth < 0.10 else 'MISSED'}"
    )
    return 0 if delivered and not run.errors_logged and growth < 0.10 else 1


def cmd_startup(args: argparse.Namespace) -> int:
    articles = args.articles_total or (10_000 if args.full else 1000)
    base = args.articles or (400 if args.full else 100)
    repeat = args.repeat or (5 if args.full else 3)
    with tempfile.TemporaryDirectory(prefix="newsbrief-startup-") as tmp:
        workdir = Path(tmp)
        log(f"Analysing {base} BBC articles ...")
        analyses = analyse_bbc(args.data_dir, base)
        empty, full = workdir / "seeds-only.db", workdir / "large.db"
        asyncio.run(build_db(empty, [], 0))
        started = time.perf_counter()
        stored = asyncio.run(build_db(full, analyses, articles))
        log(f"{stored} articles stored in {time.perf_counter() - started:.0f} s")
        size = sum(p.stat().st_size for p in workdir.glob("large.db*")) / 1e6
        runs: dict[str, list[Run]] = {"seeds only (1 article)": [], f"{stored} articles": []}
        for _ in range(repeat):
            for label, db in zip(runs, (empty, full), strict=True):
                run = drive(
                    "bot", db, ["/help"], users=1, updates=1, rate_limit=30, workdir=workdir
                )
                runs[label].append(run)
                log(
                    f"  {label}: {run.ready_at - run.started_at:.3f} s, CPU {run.cpu_ready:.3f} s, "
                    f"RSS {run.rss_marks[0][1]:.1f} MB"
                )
        imports = time_imports(repeat)
    print(
        f"Start-up of `python -m bot` to its first getUpdates ({repeat} runs each, alternating; "
        f"the large database is {size:.0f} MB)\n"
    )
    print(
        "| store | wall s: median (runs) | CPU s to first getUpdates (median) "
        "| RSS at first getUpdates MB | peak RSS MB |"
    )
    print("| --- | --- | --- | --- | --- |")
    ok = True
    for label, group in runs.items():
        seconds = [r.ready_at - r.started_at for r in group]
        rss = [r.rss_marks[0][1] for r in group]
        print(
            f"| {label} | {statistics.median(seconds):.3f} "
            f"({', '.join(f'{s:.2f}' for s in seconds)}) | "
            f"{statistics.median(r.cpu_ready for r in group):.3f} | "
            f"{statistics.median(rss):.1f} | {max(r.peak_rss for r in group):.1f} |"
        )
        if label.endswith(" articles"):
            ok = statistics.median(seconds) < 1.0 and max(rss) < 150
    wall = statistics.median(w for w, _ in imports)
    cpu = statistics.median(c for _, c in imports)
    print(
        f"\nImporting the modules alone (`python -c 'import bot.__main__, bot.app, "
        f"bot.handlers'`): {wall:.3f} s wall, {cpu:.3f} s CPU (median)"
    )
    print(f"Targets (< 1 s, < 150 MB with the large store): {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


def time_imports(repeat: int) -> list[tuple[float, float]]:
    """Wall and CPU seconds of a process that only imports what ``python -m bot`` imports."""
    out = []
    for _ in range(repeat):
        before = os.times()
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import bot.__main__, bot.app, bot.handlers"],
            check=True,
            cwd=ROOT,
        )
        after = os.times()
        cpu = (after.children_user - before.children_user) + (
            after.children_system - before.children_system
        )
        out.append((time.perf_counter() - started, cpu))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["floor-bot"]:
        return floor_bot()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "throughput": cmd_throughput,
        "soak": cmd_soak,
        "startup": cmd_startup,
    }
    for name in commands:
        p = sub.add_parser(name)
        p.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
        p.add_argument("--full", action="store_true", help="the sizes of docs/performance.md")
        p.add_argument("--users", type=int, default=0, help="simulated users (closed loop)")
        p.add_argument("--updates", type=int, default=0, help="updates per run")
        p.add_argument("--rounds", type=int, default=0, help="floor/bot rounds (throughput)")
        p.add_argument(
            "--latency-updates", type=int, default=0, help="updates of the one-user runs"
        )
        p.add_argument(
            "--nagle-updates",
            type=int,
            default=0,
            help="also run the floor this long against a fake without TCP_NODELAY",
        )
        p.add_argument(
            "--limited-updates",
            type=int,
            default=0,
            help="updates of the rate-limited run (throughput)",
        )
        p.add_argument(
            "--articles",
            type=int,
            default=0 if name == "startup" else 150,
            help="distinct BBC articles analysed for the store",
        )
        p.add_argument(
            "--articles-total",
            type=int,
            default=0,
            help="articles stored for the start-up run (startup)",
        )
        p.add_argument("--repeat", type=int, default=0, help="start-ups per store (startup)")
        p.add_argument(
            "--bot-pythonpath",
            default="",
            help="prepended to the bot process's PYTHONPATH (e.g. a pip --target folder)",
        )
    args = parser.parse_args(args_list)
    global BOT_PYTHONPATH
    BOT_PYTHONPATH = args.bot_pythonpath
    return commands[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
