"""Optional compiled speedups for the key-figure reader.

``pip install .`` and ``pip install -e .`` compile ``summarizer/numbers.py`` and
``summarizer/figures.py`` with mypyc when a C compiler is present (about 1.7x faster). When
mypyc or the compiler is missing, compiling fails, or ``NEWSBRIEF_PURE=1`` is set, the install
still succeeds with the pure-Python modules and a one-line warning. All project metadata is in
pyproject.toml; this file only adds the build step.

mypycify() type-checks the modules (about 12 s), and pip evaluates this file several times
per install, so it is called inside ``build_ext.run``, not at import.

Every build writes ``summarizer/_compiled.py`` (git-ignored): the sha256 (and, built in place,
the size and mtime) of each compiled source, or why the build is pure. ``summarizer/__init__.py``
compares them with the .py files, so an edited source never runs as its stale compiled copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import warnings
from pathlib import Path
from typing import Any

from setuptools import Distribution, setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, ExecError, PlatformError

PACKAGE = "summarizer"
COMPILED = ("numbers", "figures")  # compiled in this order; figures imports numbers
# mypyc's shared library: summarizer/_figures__mypyc.*.so, inside the package, so an
# editable install finds it (the default name is a hash at the top level of the tree)
GROUP = f"{PACKAGE}._figures"
RECORD = "_compiled.py"

COMPILER_FAILURES = (
    CCompilerError,  # includes CompileError and LinkError
    ExecError,  # the compiler could not be run
    PlatformError,  # no compiler known for this platform
)


def _warn(message: str) -> None:
    # a UserWarning: pip shows those of the build backend even without -v
    warnings.warn(f"newsbrief: {message}", UserWarning, stacklevel=2)


def _record(sources: dict[str, str], stamps: dict[str, tuple[int, int]], pure: str) -> str:
    """The text of summarizer/_compiled.py, formatted as ruff would."""

    def literal(entries: list[str]) -> str:
        return "{\n" + "".join(f"    {entry},\n" for entry in entries) + "}" if entries else "{}"

    hashes = [f'"{name}": "{digest}"' for name, digest in sources.items()]
    sizes = [f'"{name}": ({size}, {mtime})' for name, (size, mtime) in stamps.items()]
    return (
        '"""Written by setup.py at build time; checked by summarizer/__init__.py."""\n\n'
        "# module -> sha256 of the .py source it was compiled from (empty: a pure-Python build)\n"
        f"SOURCES: dict[str, str] = {literal(hashes)}\n"
        "# module -> (size, mtime_ns) of that source, for a build in place (editable install):\n"
        "# while both match, the source is not hashed again at import\n"
        f"STAMPS: dict[str, tuple[int, int]] = {literal(sizes)}\n"
        "# why this build is pure Python (empty when compiled); pip hides the build's warning\n"
        f"PURE_BECAUSE = {json.dumps(pure, ensure_ascii=False)}\n"
    )


class OptionalMypycBuild(build_ext):
    """Compile the figure reader with mypyc when possible, else keep pure Python."""

    def finalize_options(self) -> None:
        # kept so _compile can finalize again once mypycify has made the extensions
        # (finalize_options rewrites some options in place and cannot simply run twice)
        self._given = {k: v.copy() if isinstance(v, list) else v for k, v in vars(self).items()}
        super().finalize_options()

    def run(self) -> None:
        inplace = bool(self.inplace)
        # read before compiling: an edit made during the build must count as a change
        paths = {f"{PACKAGE}.{name}": Path(PACKAGE, f"{name}.py") for name in COMPILED}
        sources = {
            name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in paths.items()
        }
        stamps = {
            name: (path.stat().st_size, path.stat().st_mtime_ns) for name, path in paths.items()
        }
        pure = ""
        if os.environ.get("NEWSBRIEF_PURE", "") not in ("", "0"):
            pure = "NEWSBRIEF_PURE is set"
        else:
            try:
                self._compile()
            except ImportError as error:
                pure = f"mypyc is missing ({error}); it comes with mypy, a build requirement"
            except SystemExit as error:
                pure = f"mypyc failed: {error}"
            except COMPILER_FAILURES as error:
                pure = f"{error}; a C compiler and Python headers are needed to compile it"
        if pure:
            _warn(f"installing the pure-Python figure reader, about 1.7x slower ({pure})")
            self.distribution.ext_modules = self.extensions = []
            # an earlier compiled build must not stay next to the sources (editable) or in
            # build/lib (wheel): Python would import it before the .py
            self._remove_builds(Path(PACKAGE) if inplace else Path(self.build_lib, PACKAGE))
        self.distribution.compiled_speedups = not pure
        root = Path(PACKAGE) if inplace else Path(self.build_lib, PACKAGE)
        root.mkdir(parents=True, exist_ok=True)
        record = _record({} if pure else sources, stamps if inplace and not pure else {}, pure)
        (root / RECORD).write_text(record, encoding="utf-8")

    def _compile(self) -> None:
        from mypyc.build import mypycify  # ImportError when mypy is not installed

        # mypy reads its options (strict, overrides for untyped libraries) from pyproject.toml.
        # The build runs before the dependencies are installed, so errors in the modules the
        # compiled ones reach (summarizer/__init__.py -> ranking -> numpy) are not reported, and
        # mypy gets a cache of its own, not the developer's .mypy_cache of another environment.
        options = ["--follow-imports=silent", f"--cache-dir={self.build_temp}/mypy_cache"]
        output = io.StringIO()  # mypyc prints type errors, then exits with status 1
        try:
            with contextlib.redirect_stdout(output):
                extensions = mypycify(
                    [*options, *(f"{PACKAGE}/{name}.py" for name in COMPILED)],
                    opt_level="3",
                    group_name=GROUP,
                    target_dir=os.path.join(self.build_temp, "mypyc"),
                )
        except SystemExit as error:
            errors = [line for line in output.getvalue().splitlines() if ": error:" in line]
            raise SystemExit(errors[0] if errors else error.code) from None
        finally:
            print(output.getvalue(), end="")  # shown by pip install -v
        # setuptools prepares the extensions in finalize_options, which ran before they existed
        self.distribution.ext_modules = extensions
        self.__dict__.update(self._given)
        self.finalize_options()
        self.finalized = True
        super().run()

    @staticmethod
    def _remove_builds(folder: Path) -> None:
        for stem in (*COMPILED, GROUP.rsplit(".", 1)[1] + "__mypyc"):
            for path in [*folder.glob(f"{stem}.*.so"), *folder.glob(f"{stem}.*.pyd")]:
                path.unlink()


class SpeedupsWheel(bdist_wheel):
    """Tag the wheel for the platform only when the build compiled something."""

    def run_command(self, command: str) -> None:
        super().run_command(command)
        # decided before "install" lays out the wheel and get_tag() names it
        if command == "build" and not getattr(self.distribution, "compiled_speedups", True):
            self.root_is_pure = True


class SpeedupsDistribution(Distribution):
    def has_ext_modules(self) -> bool:
        # True until build_ext has run, so that it runs (the extensions only exist once it has
        # called mypycify); then whether it compiled, for the wheel's layout and tag
        return bool(getattr(self, "compiled_speedups", True))


cmdclass: dict[str, Any] = {"build_ext": OptionalMypycBuild, "bdist_wheel": SpeedupsWheel}
setup(distclass=SpeedupsDistribution, cmdclass=cmdclass)
