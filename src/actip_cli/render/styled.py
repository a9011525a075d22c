"""Styled text for a terminal, without a layout library.

Text is held as pieces of (text, style), a style being words such as "bold red" or "dim
italic". This module measures text in terminal cells, wraps it to a width, lays out a
borderless table, draws a rounded panel and a heading rule, and writes lines plain or with
ANSI SGR codes. Wrapping and table widths follow Rich's rules, so that a report drawn here
reads line for line as it did when Rich drew it; it is not a general library.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple, TextIO

Piece = tuple[str, str]
"""Some text and its style ("" for none)."""

_WORD = re.compile(r"\s*\S+\s*")  # a word with the spaces around it, as Rich splits lines
_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_COLOURS = frozenset({"red", "green", "yellow", "cyan"})


# --------------------------------------------------------------------------- cells


# Ranges of characters one cell wide and not combining: ASCII, Latin letters with accents
# (Vietnamese, Indonesian and other names), punctuation, arrows, box drawing and blocks
# (the report's own bars and panels). Deciding them by range spares loading unicodedata
# for most reports; a test compares every one of them with unicodedata's answer.
_ONE_CELL = ((0x0020, 0x007E), (0x00A0, 0x00AC), (0x00AE, 0x02FF), (0x1E00, 0x1EFF), (0x2010, 0x2027), (0x2030, 0x205E),
             (0x2190, 0x21FF), (0x2500, 0x259F))
# Text without any other character is as many cells wide as it is long.
_NOT_ONE_CELL = re.compile("[^" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _ONE_CELL) + "]")


@lru_cache(maxsize=4096)
def _char_cells(char: str) -> int:
    code = ord(char)
    if any(low <= code <= high for low, high in _ONE_CELL):
        return 1
    import unicodedata  # only for the rarer characters

    if unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return 0  # combining marks, joiners and controls take no cell of their own
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """How many terminal cells `text` takes: East Asian wide and fullwidth characters 2,
    combining marks 0, others 1."""
    if text.isascii() or not _NOT_ONE_CELL.search(text):
        return len(text)
    return sum(_char_cells(c) for c in text)


def _crop(text: str, width: int) -> str:
    """`text` cut to at most `width` cells; a wide character cut in half becomes a space."""
    if text.isascii():
        return text[:width]
    used = 0
    for i, char in enumerate(text):
        size = _char_cells(char)
        if used + size > width:
            return text[:i] + " " * (width - used)
        used += size
    return text


def _chop(text: str, width: int) -> list[str]:
    """`text` folded into pieces of at most `width` cells (combining marks stay with their letter)."""
    pieces: list[str] = []
    start = used = 0
    for i, char in enumerate(text):
        size = _char_cells(char) if not char.isascii() else 1
        if size and used + size > width and i > start:
            pieces.append(text[start:i])
            start, used = i, 0
        used += size
    pieces.append(text[start:])
    return pieces


# --------------------------------------------------------------------------- styled text


class Styled:
    """Text in styled pieces: one line, or several separated by newlines."""

    __slots__ = ("pieces",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.pieces: list[Piece] = [(text, style)] if text else []

    @classmethod
    def of(cls, pieces: Iterable[Piece]) -> Styled:
        made = cls()
        made.pieces = [p for p in pieces if p[0]]
        return made

    def append(self, text: str, style: str = "") -> Styled:
        if text:
            self.pieces.append((text, style))
        return self

    def extend(self, other: Styled) -> Styled:
        self.pieces.extend(other.pieces)
        return self

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.pieces)

    @property
    def cells(self) -> int:
        return cell_len(self.plain)

    def under(self, style: str) -> Styled:
        """A copy with `style` beneath every piece's own (a colour of the piece wins)."""
        if not style:
            return Styled.of(self.pieces)
        return Styled.of((text, f"{style} {own}".strip()) for text, own in self.pieces)

    def lines(self) -> list[Styled]:
        """Split at newlines (a trailing newline gives an empty last line)."""
        if "\n" not in self.plain:
            return [self]
        out = [Styled()]
        for text, style in self.pieces:
            first, *rest = text.split("\n")
            out[-1].append(first, style)
            out += [Styled(part, style) for part in rest]
        return out

    def cut(self, offsets: Sequence[int]) -> list[Styled]:
        """Split at these character offsets (ascending)."""
        out = [Styled()]
        bounds = iter([*offsets, -1])
        at, next_cut = 0, next(bounds)
        for text, style in self.pieces:
            start = 0
            while next_cut != -1 and next_cut < at + len(text):
                out[-1].append(text[start:next_cut - at], style)
                out.append(Styled())
                start, next_cut = next_cut - at, next(bounds)
            out[-1].append(text[start:], style)
            at += len(text)
        return out

    def rstrip(self) -> Styled:
        pieces = list(self.pieces)
        while pieces and not pieces[-1][0].rstrip():
            pieces.pop()
        if pieces:
            pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
        return Styled.of(pieces)

    def truncate(self, width: int, *, ellipsis: bool = False) -> Styled:
        """At most `width` cells: cropped, or ended with '…' where `ellipsis`."""
        if self.cells <= width:
            return self
        room = max(0, width - 1) if ellipsis else width
        out, used = Styled(), 0
        for text, style in self.pieces:
            size = cell_len(text)
            if used + size > room:
                out.append(_crop(text, room - used), style)
                break
            out.append(text, style)
            used += size
        if ellipsis and width > 0:
            out.append("…", out.pieces[-1][1] if out.pieces else "")
        return out

    def pad(self, width: int, *, right: bool = False) -> Styled:
        """Filled with spaces to `width` cells: after the text, or before it where `right`."""
        room = width - self.cells
        if room <= 0:
            return self
        if right:
            return Styled(" " * room).extend(self)
        return Styled.of(self.pieces).append(" " * room)


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where to break one line of `text` to fit `width` cells: greedy, word by word, a word
    too long for any line folded across lines (or, without `fold`, left to be cut)."""
    measure = len if text.isascii() else cell_len  # most lines are ASCII: one check, not one per word
    if measure(text.rstrip()) <= width:
        return []  # it fits: most lines do
    breaks: list[int] = []
    used = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        size = measure(word.rstrip())
        if width - used >= size:
            used += measure(word)
        elif size > width:
            if not fold:
                if start:
                    breaks.append(start)
                used = measure(word)
                continue
            *whole, last = _chop(word, width)
            for part in whole:
                if start:
                    breaks.append(start)
                start += len(part)
            if start:
                breaks.append(start)
            used = cell_len(last)
        elif used and start:
            breaks.append(start)
            used = measure(word)
    return breaks


def wrap(text: Styled, width: int, *, fold: bool = True) -> list[Styled]:
    """`text` word-wrapped to `width` cells, each newline starting a line. A word longer
    than the width is folded across lines, or without `fold` cut short with '…'."""
    out: list[Styled] = []
    for line in text.lines():
        for part in line.cut(_breaks(line.plain, width, fold)):
            out.append(part.rstrip().truncate(width, ellipsis=not fold))
    return out


def hang(text: Styled, width: int, first: str, rest: str = "", *, fold: bool = True, least: int = 1) -> list[Styled]:
    """`text` wrapped to `width` cells with `first` before its first line and `rest` before
    the others: a hanging indent. Lines are at least `least` cells wide before the prefix."""
    head, *tail = text.lines()
    offsets = _breaks(head.plain, max(least, width - cell_len(first)), fold)
    if offsets:  # the first line as it fits beside `first`, the rest re-wrapped beside `rest`
        head, remainder = head.cut(offsets[:1])
        tail.insert(0, remainder)
    out = [Styled(first).extend(line) for line in wrap(head, max(least, width - cell_len(first)), fold=fold)]
    if tail:
        body = Styled()
        for i, line in enumerate(tail):
            body.append("\n" if i else "").extend(line)
        out += [Styled(rest).extend(line) for line in wrap(body, max(least, width - cell_len(rest)), fold=fold)]
    return out


def indent(lines: Iterable[Styled], margin: int) -> list[Styled]:
    """`lines` moved `margin` cells to the right."""
    return [Styled(" " * margin).extend(line) for line in lines]


# --------------------------------------------------------------------------- boxes


def rule(title: Styled, width: int, style: str = "dim") -> Styled:
    """A heading: the title at the left, then a line to the full width ("Title ─────")."""
    title = Styled.of((text.replace("\n", " "), s) for text, s in title.pieces)
    if width <= 2:
        return Styled("─" * max(0, width), style)
    line = title.truncate(width - 2, ellipsis=True).append(" ")
    return line.append("─" * (width - line.cells), style)


def panel(body: Styled, width: int, *, title: Styled | None = None, border: str = "") -> list[Styled]:
    """`body` in a rounded box as wide as `width`, one space inside each side, with
    `title` (if any) at the left of the top border."""
    inner = width - 2
    if title is None or width <= 4:
        top = Styled("╭" + "─" * inner + "╮", border)
    else:
        label = Styled(" ").extend(title).append(" ").under(border).truncate(width - 4)
        top = Styled("╭─", border).extend(label).append("─" * (width - 4 - label.cells) + "─╮", border)
    lines = [top]
    for line in wrap(body, max(1, inner - 2)):
        lines.append(Styled("│", border).append(" ").extend(line.pad(inner - 2)).append(" ").append("│", border))
    lines.append(Styled("╰" + "─" * inner + "╯", border))
    return lines


# --------------------------------------------------------------------------- tables


class Column(NamedTuple):
    """A table column: `width` fixes its content's width; otherwise it is as wide as its
    widest line, and one that wraps may be narrowed to fit (never below `min_width`)."""

    header: str = ""
    width: int | None = None
    min_width: int | None = None
    no_wrap: bool = False
    fold: bool = False  # a word too long for the column is folded, not cut short with '…'
    right: bool = False


def table(columns: Sequence[Column], rows: Sequence[Sequence[Styled]], width: int, *,
          pad: tuple[int, int] = (0, 1), header: bool = True) -> list[Styled]:
    """Rows in columns without borders, `pad` = (left, right) spaces between columns,
    headers (bold, bottom-aligned) unless `header` is false. Column widths follow Rich's
    table: measured, then the wrapping columns narrowed, then all evenly if still too wide."""
    count = len(columns)
    pads = [(0 if i == 0 else pad[0], 0 if i == count - 1 else pad[1]) for i in range(count)]
    head = [Styled(c.header, "bold") for c in columns] if header else []
    cells = [[*(head[i:i + 1]), *(row[i] if i < len(row) else Styled() for row in rows)] for i in range(count)]
    widths = [_column_width(c, cells[i], sum(pads[i]), width) or 1 for i, c in enumerate(columns)]
    if sum(widths) > width:
        widths = _narrow(widths, [c.width is None and not c.no_wrap for c in columns], width)
        if sum(widths) > width:
            widths = _ratio_reduce(sum(widths) - width, [1] * count, widths, widths)
        widths = [_column_width(c, cells[i], sum(pads[i]), w) for i, (c, w) in enumerate(zip(columns, widths))]
    out: list[Styled] = []
    for r in range(len(rows) + bool(head)):
        blocks = [_cell_lines(c, cells[i][r], widths[i], pads[i]) for i, c in enumerate(columns)]
        height = max(len(b) for b in blocks)
        for b, w in zip(blocks, widths):
            filler = [Styled(" " * w)] * (height - len(b))
            b[:] = filler + b if head and r == 0 else b + filler  # headers sit at the bottom, cells at the top
        out += [Styled.of(p for b in blocks for p in b[n].pieces) for n in range(height)]
    return out


def _column_width(column: Column, cells: list[Styled], extra: int, limit: int) -> int:
    if limit < 1:
        return 0
    if column.width is not None:
        return min(column.width + extra, limit)
    inner = limit - extra
    widest = 0
    for cell in cells:
        if inner < 1:
            widest = max(widest, limit)
            continue
        longest = max((cell_len(line) for line in cell.plain.splitlines()), default=0)
        widest = max(widest, min(min(longest, inner) + extra, limit))
    if column.min_width is not None:
        widest = max(widest, column.min_width + extra)
    return widest


def _cell_lines(column: Column, cell: Styled, width: int, pad: tuple[int, int]) -> list[Styled]:
    inner = width - pad[0] - pad[1]
    if inner < 1:
        return [Styled(" " * width)]
    if column.no_wrap:
        lines = [line.truncate(inner, ellipsis=not column.fold) for line in cell.lines()]
    else:
        lines = wrap(cell, inner, fold=column.fold)
    return [Styled(" " * pad[0]).extend(line.rstrip().pad(inner, right=column.right)).append(" " * pad[1]) for line in lines]


def _narrow(widths: list[int], wraps: list[bool], limit: int) -> list[int]:
    """Narrow the widest wrapping columns, step by step, until the table fits."""
    excess = sum(widths) - limit
    while any(wraps) and excess > 0:
        widest = max(w for w, ok in zip(widths, wraps) if ok)
        second = max((w if ok and w != widest else 0) for w, ok in zip(widths, wraps))
        ratios = [1 if ok and w == widest else 0 for w, ok in zip(widths, wraps)]
        if not widest - second:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        excess = sum(widths) - limit
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """Take `total` off `values` in proportion to `ratios`, at most `maximums` from each."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    left_ratio, left = sum(ratios), total
    out = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and left_ratio > 0:
            taken = min(maximum, round(ratio * left / left_ratio))
            out.append(value - taken)
            left -= taken
            left_ratio -= ratio
        else:
            out.append(value)
    return out


# --------------------------------------------------------------------------- output


class Screen(NamedTuple):
    """Where styled lines go: how many columns, whether with styles at all, and whether
    with colours (without them bold, dim and italic stay)."""

    width: int = 80
    styles: bool = False
    colours: bool = True


def screen_for(stream: TextIO, *, no_color: bool = False, environ: Mapping[str, str] | None = None) -> Screen:
    """The screen behind `stream`, read as Rich reads it: styles on a terminal (or with
    FORCE_COLOR or TTY_COMPATIBLE=1) but never with TERM=dumb; the width from COLUMNS, else
    the terminal's, else 80; colours unless `no_color` or NO_COLOR."""
    env = os.environ if environ is None else environ
    terminal = _is_terminal(stream, env)
    dumb = terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    return Screen(width=80 if dumb else _width(env), styles=terminal and not dumb,
                  colours=not (no_color or env.get("NO_COLOR", "") != ""))


def _is_terminal(stream: TextIO, env: Mapping[str, str]) -> bool:
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = env.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


def _width(env: Mapping[str, str]) -> int:
    columns = env.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    for fd in (0, 1, 2):  # any standard stream on a terminal tells its width
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def to_text(lines: Iterable[Styled], screen: Screen) -> str:
    """Lines as text for `screen`: each cut to its width, without trailing spaces, with SGR
    codes where it takes styles."""
    out = []
    for line in lines:
        line = line.truncate(screen.width).rstrip()
        if not screen.styles:
            out.append(line.plain)
            continue
        out.append("".join(_sgr(text, style, screen.colours) for text, style in _merged(line.pieces)))
    return "\n".join(out) + "\n"


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring pieces of one style joined (fewer codes on the wire)."""
    merged: list[Piece] = []
    for text, style in pieces:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def _sgr(text: str, style: str, colours: bool) -> str:
    words = style.split()
    codes = sorted({_SGR[w] for w in words if w in _SGR and w not in _COLOURS}, key=int)
    if colours:
        codes += [_SGR[w] for w in words if w in _COLOURS][-1:]  # the last colour named wins
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text
