"""Problems found while loading a scenario, and the one error that carries them.

Every problem is reported as ``file:line:column: where.in.document: what is
wrong — how to fix``. A loader collects all problems it can find before it
raises a single :class:`ScenarioError`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from game.errors import UserError

Severity = Literal["error", "warning"]


class Mark(NamedTuple):
    """A position in a source file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a scenario document."""

    mark: Mark | None
    where: str
    message: str
    fix: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        pos = str(self.mark) if self.mark else "<scenario>"
        where = self.where or "(document)"
        text = f"{pos}: {where}: {self.message}"
        if self.fix:
            text += f" — {self.fix}"
        if self.severity == "warning":
            text += " [warning]"
        return text

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"


def sort_key(p: Problem) -> tuple:
    """Order problems by file, line, column."""
    if p.mark is None:
        return ("", 0, 0, p.where)
    return (p.mark.file, p.mark.line, p.mark.column, p.where)


class ScenarioError(UserError):
    """Raised when a scenario (or ruleset) does not load; lists every problem."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self.report())

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are only warnings."""
        return [p for p in self.problems if not p.is_error]

    def report(self) -> str:
        """All problems, one per line, errors first in file order."""
        ordered = sorted(self.problems, key=lambda p: (not p.is_error, sort_key(p)))
        n = len([p for p in self.problems if p.is_error])
        head = f"{n} problem{'s' if n != 1 else ''} found"
        return "\n".join([head, *(str(p) for p in ordered)])

    def __str__(self) -> str:
        return self.report()

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[list[Problem]]]:
        # rebuilt from the problems (not the message), so the error crosses process boundaries intact
        return (type(self), (self.problems,))


def did_you_mean(word: str, choices: Iterable[str], what: str = "") -> str:
    """A fix sentence suggesting the closest choice, or listing them all."""
    options: list[str] = []
    seen: set[str] = set()
    for c in choices:
        key = str(c).casefold()
        if key not in seen:
            seen.add(key)
            options.append(str(c))
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    if not close:
        lowered = {o.casefold(): o for o in options}
        hit = lowered.get(str(word).casefold())
        close = [hit] if hit else []
    if close:
        return f"did you mean {close[0]!r}?"
    if not options:
        return f"no {what or 'names'} are defined"
    options = sorted(options)
    shown = options if len(options) <= 12 else [*options[:12], "..."]
    return f"use one of: {', '.join(shown)}"


def best_match(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to ``word``, if any is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def join_path(path: Sequence[object]) -> str:
    """Dotted document path: ``units[3].at`` for ('units', 3, 'at')."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
