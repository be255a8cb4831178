"""``python -m summarizer``: readable text, JSON lines, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS

SEED = sorted(SEEDS.glob("*.txt"))[0]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_seed_json_has_title_date_and_three_sentence_summary() -> None:
    result = run_cli(str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["title"] == "Maduro accused WhatsApp of sharing data with the opposition."
    assert record["published"] == "2024-09-20"
    assert len(record["summary"]) == 3
    text = SEED.read_text(encoding="utf-8")
    for sentence in record["summary"]:
        assert sentence in text
        assert "Today:" not in sentence and sentence != record["title"]
    assert {"quotes", "figures"} <= record.keys()
    for quote in record["quotes"]:
        assert {"text", "speaker", "partial"} <= quote.keys()
    for figure in record["figures"]:
        assert {"value", "qualifier", "unit", "what", "evidence"} <= figure.keys()


def test_readable_text_by_default() -> None:
    result = run_cli(str(SEED), "--sentences", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Maduro accused WhatsApp")
    assert "published: 2024-09-20" in result.stdout
    summary = result.stdout.split("Summary:\n", 1)[1].split("\n\n", 1)[0]
    assert len(summary.splitlines()) == 2


def test_bad_files_are_reported_and_the_rest_still_processed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.txt"
    result = run_cli(str(missing), str(empty), str(binary), str(SEED), "--json")
    assert result.returncode == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert "no such file" in errors[0]
    assert "empty" in errors[1]
    assert "binary" in errors[2]
    assert "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_percent_length_and_method_choice() -> None:
    result = run_cli(str(SEED), "--json", "--sentences", "50%", "--method", "lead")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["method"] == "lead"
    assert len(record["summary"]) >= 5


def test_bad_length_is_a_usage_error() -> None:
    result = run_cli(str(SEED), "--sentences", "zero")
    assert result.returncode == 2
    assert "is not a length" in result.stderr
    assert "Traceback" not in result.stderr


def test_html_file_by_extension(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<html><body><article><h1>Dam opens</h1><p>The new dam opened on Monday after "
        "six years of work, officials said at a ceremony attended by hundreds.</p>"
        "<p>It will supply water to more than a million people in the region.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = run_cli(str(page), "--json", "-n", "1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Dam opens"


def test_help_explains_usage() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "--sentences" in result.stdout and "examples:" in result.stdout
