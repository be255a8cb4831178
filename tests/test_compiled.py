"""The compiled figure reader: the same output as its source, and never a stale build.

``pip install`` compiles summarizer/numbers.py and figures.py with mypyc where a C compiler
is present (setup.py). These tests run real interpreters on the built package; where the
build is pure Python they are skipped, and CI (which has a compiler) checks first that the
compiled modules are in use, so a broken build cannot hide behind the skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import summarizer
from tests.conftest import ROOT

COMPILED = ("summarizer.numbers", "summarizer.figures")
try:  # written by every setup.py build: why it is pure Python, if it is
    from summarizer._compiled import PURE_BECAUSE
except ImportError:
    PURE_BECAUSE = "no build record: installed before setup.py existed"
pytestmark = pytest.mark.skipif(
    summarizer.compiled_modules() != COMPILED,
    reason=f"the figure reader is not compiled here ({PURE_BECAUSE or 'see the RuntimeWarning'})"
    "; `pip install -e .` with a C compiler compiles it",
)

# Reads every article under tests/data with either build and prints the results as JSON.
# With "pure", the .py sources are loaded by the guard's own loader before anything else
# imports them.
READ_ALL = """
import json, sys
from pathlib import Path
import summarizer
if sys.argv[1] == "pure":
    summarizer._load_pure_sources(("summarizer.numbers", "summarizer.figures"))
from summarizer.article import parse_article
from summarizer.figures import extract_figures
from summarizer.numbers import find_quantities
figures, quantities, sentences = {}, [], []
for path in sorted(Path("tests/data").rglob("*.txt")):
    if path.name.endswith(".summary.txt"):
        continue
    text = path.read_text(encoding="utf-8").partition("\\n=== figures\\n")[0]
    article = parse_article(text, fmt="text")
    figures[str(path)] = repr(extract_figures(article))
    sentences.extend(s.text for s in article.sentences)
quantities = [repr(find_quantities(s)) for s in sentences[:400]]
files = [sys.modules[name].__file__ for name in ("summarizer.numbers", "summarizer.figures")]
print(json.dumps({"files": files, "figures": figures, "quantities": quantities}))
"""

# Imports the package in the current directory and reports which build runs.
IMPORT = """
import json, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import summarizer
    compiled = summarizer.compiled_modules()
import summarizer.figures, summarizer.numbers
print(json.dumps({
    "package": summarizer.__file__,
    "files": [summarizer.numbers.__file__, summarizer.figures.__file__],
    "doc": summarizer.figures.__doc__,
    "compiled": compiled,
    "warnings": [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)],
}))
"""


def _run(code: str, *args: str, cwd: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
        timeout=120,
    )
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def test_compiled_output_equals_the_pure_source_on_every_test_article() -> None:
    compiled = _run(READ_ALL, "compiled", cwd=ROOT)
    pure = _run(READ_ALL, "pure", cwd=ROOT)
    assert all(not str(f).endswith(".py") for f in compiled["files"])
    assert all(str(f).endswith(".py") for f in pure["files"])
    assert len(compiled["figures"]) > 100
    assert len(compiled["quantities"]) == 400
    assert compiled["figures"] == pure["figures"]
    assert compiled["quantities"] == pure["quantities"]


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """The built package (with its compiled modules) copied to tmp_path."""
    shutil.copytree(
        ROOT / "summarizer", tmp_path / "summarizer", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def test_an_edited_source_runs_as_python_with_a_warning(package_copy: Path) -> None:
    source = package_copy / "summarizer" / "figures.py"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith('"""Key figures')
    lines[0] = '"""Edited: key figures.\n'
    source.write_text("".join(lines), encoding="utf-8")

    seen = _run(IMPORT, cwd=package_copy)

    assert Path(str(seen["package"])).parent == package_copy / "summarizer"
    assert seen["files"] == [
        str(package_copy / "summarizer" / "numbers.py"),
        str(package_copy / "summarizer" / "figures.py"),
    ]
    assert str(seen["doc"]).startswith("Edited: key figures.")
    assert seen["compiled"] == []
    (warning,) = seen["warnings"]
    assert str(source) in warning
    assert "run `pip install -e .` to compile it again" in warning


def test_a_touched_but_unchanged_source_stays_compiled(package_copy: Path) -> None:
    source = package_copy / "summarizer" / "figures.py"
    source.write_bytes(source.read_bytes())  # new mtime, same content: hashed, and equal

    seen = _run(IMPORT, cwd=package_copy)

    assert seen["compiled"] == list(COMPILED)
    assert seen["warnings"] == []


def test_a_build_that_does_not_load_falls_back_to_python(package_copy: Path) -> None:
    (library,) = (package_copy / "summarizer").glob("_figures__mypyc.*")
    library.write_bytes(b"not a shared library")  # as a build for another platform would

    seen = _run(IMPORT, cwd=package_copy)

    assert seen["compiled"] == []
    assert all(str(f).endswith(".py") for f in seen["files"])
    (warning,) = seen["warnings"]
    assert "does not load" in warning
