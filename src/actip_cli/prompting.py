"""The terminal side of `actip assess`: plain lines out, one typed line in.

Everything goes to stderr, prompts included, so `actip assess vietnam > report.txt` still
shows every question while the gap report lands in the file. There is no cursor movement,
no screen redraw and no arrow-key menu: each question is written once, as text, followed by
its numbered choices, and the answer is a typed line. That is what a screen reader can
follow and what works over a slow remote terminal. Lines are read from stdin without
`readline` (which can write terminal control sequences); the terminal's own line editing
(Backspace, Ctrl-U) still works.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

# How each kind of line looks; colour is only ever a second signal beside the words.
STYLES = {
    "heading": "bold",
    "progress": "cyan",
    "question": "bold",
    "prompt": "bold",
    "warning": "yellow",
    "error": "bold red",
}


class TerminalPrompter:
    """A `session.Prompter` that writes to a Rich console (on stderr) and reads lines from stdin."""

    def __init__(self, console: Console, stdin: TextIO | None = None, *, echo: bool | None = None,
                 plain: bool | None = None) -> None:
        self.console = console
        self._stdin = stdin
        # When input is not typed at a terminal (a script, a pipe), echo it so the transcript reads
        # like a conversation.
        self.echo = echo
        # ACCESSIBLE (as in gh and huh): no styling and no inserted line breaks, so a screen
        # reader gets whole sentences.
        self.plain = bool(os.environ.get("ACCESSIBLE")) if plain is None else plain

    @property
    def stdin(self) -> TextIO:
        """The input stream (sys.stdin at the time of reading unless one was given)."""
        return self._stdin or sys.stdin

    def say(self, text: str, kind: str = "text") -> None:
        """Write one line (or a blank line)."""
        from rich.text import Text

        style = "" if self.plain else STYLES.get(kind, "")
        if kind == "item" and not self.plain:
            from rich.padding import Padding

            # A list entry keeps its indent on every wrapped line, so the list stays readable.
            self.console.print(Padding(Text(text, style=style), (0, 0, 0, 2)))
            return
        self.console.print(Text(text, style=style), soft_wrap=self.plain)

    def ask(self, prompt: str) -> str:
        """Write the prompt, read one line; EOFError at end of input, KeyboardInterrupt on Ctrl-C."""
        from rich.text import Text

        style = "" if self.plain else STYLES["prompt"]
        self.console.print(Text(prompt, style=style), end="", soft_wrap=True)
        self.console.file.flush()
        line = self.stdin.readline()
        if not line:
            self.console.print()
            raise EOFError
        echo = self.echo if self.echo is not None else not _isatty(self.stdin)
        if echo:
            self.console.print(Text(line.rstrip("\r\n")), soft_wrap=True, highlight=False)
        return line.rstrip("\r\n")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


__all__ = ["STYLES", "TerminalPrompter"]
