"""Two worlds, one direction: the summarizer is pure, the bot is the adapter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_importing_summarizer_pulls_in_no_telegram_database_or_http() -> None:
    code = (
        "import sys, summarizer; summarizer.analyse('A title\\n\\nOne sentence. Two sentences.');"
        "banned = ('telegram', 'sqlite3', 'aiosqlite', 'httpx', 'bot');"
        "bad = [m for m in banned if m in sys.modules];"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


def _imported_modules(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def test_summarizer_never_imports_telegram_database_or_environment() -> None:
    imported = _imported_modules(ROOT / "summarizer")
    assert not imported & {"telegram", "sqlite3", "aiosqlite", "asyncpg", "httpx", "bot"}
    for path in (ROOT / "summarizer").rglob("*.py"):
        assert "os.environ" not in path.read_text(encoding="utf-8"), path


def test_bot_never_imports_sumy_or_nltk() -> None:
    assert not _imported_modules(ROOT / "bot") & {"sumy", "nltk"}
