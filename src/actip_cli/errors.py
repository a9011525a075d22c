"""Error types raised by the core and the exit codes the CLI maps them to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; the README's table lists the same values."""

    OK = 0
    PROBLEMS = 1  # files checked have problems, or answers are missing under --no-input
    USAGE = 2  # unknown option, unknown country, missing argument
    BELOW_THRESHOLD = 3  # the score is below --fail-under
    FILE = 4  # a file could not be read or written
    INTERRUPTED = 130  # interrupted; progress was saved


@dataclass(frozen=True)
class Location:
    """A place in a file: line and column are 1-based; 0 means unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


class ActipError(Exception):
    """Base of every error a user can cause; the CLI prints it as one line."""

    exit_code: ExitCode = ExitCode.FILE

    def __init__(self, message: str, *, location: Location | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message}"


class FileProblem(ActipError):
    """A file is missing, unreadable, not text, or not well-formed YAML."""

    exit_code = ExitCode.FILE


class DataProblem(ActipError):
    """A file was read but its content breaks the schema or a catalog rule."""

    exit_code = ExitCode.PROBLEMS


class UsageProblem(ActipError):
    """The command line asks for something that cannot be done (unknown country, bad ID)."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class Problem:
    """One finding of `actip validate`, located in a file."""

    path: str
    line: int
    column: int
    severity: str  # "error" | "warning" | "info"
    message: str
    rule: str

    @property
    def location(self) -> Location:
        """The problem's place as a Location."""
        return Location(self.path, self.line, self.column)


_UNPRINTABLE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences (colours, cursor movement, clearing the screen)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC sequences (window titles, hyperlinks)
    r"|\x1b[@-_]?"  # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"  # control characters, bidi overrides
)


def printable(message: str) -> str:
    """A message made safe to print on a terminal.

    Messages quote what users wrote (a misspelled key, a file name, a catalog version);
    none of it may move the cursor, clear the screen, retitle the window or reorder the
    line. Newlines and tabs are kept.
    """
    return _UNPRINTABLE.sub("", message)
