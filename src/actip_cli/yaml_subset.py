"""Read the block YAML that actip writes, and that people commonly write, without PyYAML.

Importing PyYAML costs more than scoring and rendering a whole report (one of its regular
expressions alone takes milliseconds to compile), and the first report after an answers
file was edited has to parse it. So `read` parses one common subset quickly and is certain
of what it returns: exactly the data and positions that `yamlio`'s PyYAML-based reader
would give. Anything outside the subset (or anything doubtful) returns None, and the
caller reads the file with PyYAML, which also explains every error. As with
`schema_subset`, being unsure is never an error here, only slower.

The subset: block mappings and sequences (including a list at its key's indentation);
keys that are plain words, numbers or one-line quoted strings; plain, single- and
double-quoted scalars over one or more lines; literal and folded block scalars (`|`, `|-`,
`>`, `>-`) whose lines are not indented further; one-line flow lists of scalars; `[]` and
`{}`; comments. Not in it, and left to PyYAML: anchors, aliases, tags, empty values,
duplicate keys, directives and document markers, tabs, carriage returns, a byte-order
mark, characters YAML forbids or reads as line breaks, and flow collections that nest or
span lines. Plain scalars are resolved as `yamlio` resolves them: only `true`/`false`,
decimal integers and floats, and `null`/`~` are not strings.
"""

from __future__ import annotations

import re
from typing import Any

# A key of words, numbers and IDs: `de_jure`, `ACTIP-5.1`, `2019`, `UN-TIP-Protocol 5(1)`.
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.()/ -]*[A-Za-z0-9_.()/-])?")
# What `yamlio` resolves a plain scalar to: the same patterns as its resolvers.
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = frozenset({"~", "null", "Null", "NULL"})
_NUMBER = re.compile(r"[-+]?(?:(?P<int>0|[1-9][0-9]*)|(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)")
# Characters that cannot start a plain scalar, or start one only in ways left to PyYAML.
_NOT_FIRST = frozenset("[]{},#&*!|>'\"%@`?:-")
_FLOW_ITEM_STOP = frozenset(",[]{}")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
            " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
MAX_DEPTH = 64

JsonPath = tuple[str | int, ...]
Positions = dict[JsonPath, tuple[int, int]]


class _Outside(Exception):
    """The text leaves the subset; PyYAML must read it."""


def read(text: str) -> tuple[Any, Positions, Positions] | None:
    """(data, value positions, key positions) of a YAML text, or None when PyYAML must read it.

    Positions are (line, column), both from 1, keyed by JSON path, as `yamlio.Document` keeps them.
    """
    # Tab, CR and the other controls, NEL, the Unicode line and paragraph separators, the
    # BOM, surrogates, non-characters (and, to be safe, every other character Python does
    # not call printable, such as a no-break space): PyYAML refuses them or reads them in
    # ways this module does not follow.
    if not text.replace("\n", "").isprintable():
        return None
    reader = _Reader(text.split("\n"))
    try:
        return reader.document()
    except (_Outside, RecursionError):
        return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _plain_value(text: str) -> Any:
    if text in _BOOL:
        return _BOOL[text]
    if text in _NULL:
        return None
    number = _NUMBER.fullmatch(text)
    if number is None:
        return text
    if number.group("int"):
        return int(text)
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Outside  # yamlio reports it as too large
    return value


def _check_plain_piece(piece: str) -> None:
    """A line of a plain scalar that reads as the same text in YAML, or _Outside."""
    if not piece or piece[0] in _NOT_FIRST or ": " in piece or piece.endswith(":") or " #" in piece or piece.startswith("..."):
        raise _Outside


def _only_comment(text: str) -> None:
    """What follows a value on its line: nothing, or a comment after a space; or _Outside."""
    if text.strip(" ") and not (text[0] == " " and text.lstrip(" ")[0] == "#"):
        raise _Outside


def _fold(pieces: list[str | None]) -> str:
    """Join the lines of a multi-line flow scalar: one line break reads as a space, each
    empty line (None) as a line break."""
    out: list[str] = []
    blank = 0
    for piece in pieces:
        if piece is None:
            blank += 1
            continue
        if out:
            out.append("\n" * blank if blank else " ")
        out.append(piece)
        blank = 0
    return "".join(out)


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.i = 0
        self.positions: Positions = {}
        self.key_positions: Positions = {}

    # --- lines ---------------------------------------------------------------------------

    def _skip_insignificant(self) -> None:
        """Move past blank and comment lines."""
        lines = self.lines
        while self.i < len(lines):
            stripped = lines[self.i].strip(" ")
            if stripped and not stripped.startswith("#"):
                return
            self.i += 1

    def _next_indent(self) -> int:
        """The indentation of the next significant line, or -1 at the end of the text."""
        self._skip_insignificant()
        return _indent(self.lines[self.i]) if self.i < len(self.lines) else -1

    # --- structure -----------------------------------------------------------------------

    def document(self) -> tuple[Any, Positions, Positions]:
        for line in self.lines:
            if line.startswith(("%", "---", "...")):
                raise _Outside
        indent = self._next_indent()
        if indent < 0:
            raise _Outside  # empty: yamlio says so in its own words
        data = self._block(indent, -1, (), 0)
        if self._next_indent() >= 0:
            raise _Outside
        return data, self.positions, self.key_positions

    def _block(self, indent: int, parent: int, path: JsonPath, depth: int) -> Any:
        """The block collection whose first line is the next significant line."""
        if indent <= parent or depth > MAX_DEPTH:
            raise _Outside
        content = self.lines[self.i][indent:]
        if content == "-" or content.startswith("- "):
            return self._sequence(indent, path, depth)
        return self._mapping(self.i, indent, path, depth)

    def _sequence(self, indent: int, path: JsonPath, depth: int) -> list[Any]:
        self.positions[path] = (self.i + 1, indent + 1)
        items: list[Any] = []
        while self._next_indent() == indent:
            line = self.lines[self.i]
            content = line[indent:]
            if content == "-":
                raise _Outside  # an item on the lines below, or an empty one
            if not content.startswith("- "):
                break  # a key after a list at its key's indentation; the mapping decides
            column = _indent(content[1:]) + 1 + indent
            if column >= len(line) or line[column] == "#":
                raise _Outside
            item_path = (*path, len(items))
            if _split_key(line, column) is not None:
                items.append(self._mapping(self.i, column, item_path, depth + 1))
            else:
                items.append(self._inline(self.i, column, indent, item_path, depth + 1))
            if self._next_indent() > indent:
                raise _Outside
        return items

    def _mapping(self, row: int, indent: int, path: JsonPath, depth: int) -> dict[str, Any]:
        """A block mapping whose first key is on line `row` at column `indent` (after a list
        item's '- ', or alone on its line); the keys that follow stand in the same column."""
        self.positions[path] = (row + 1, indent + 1)
        result: dict[str, Any] = {}
        while True:
            line = self.lines[row]
            split = _split_key(line, indent)
            if split is None:
                raise _Outside
            key, after = split
            if key in result:
                raise _Outside  # yamlio reports the duplicate
            key_path = (*path, key)
            self.key_positions[key_path] = (row + 1, indent + 1)
            rest = line[after:]
            if not rest.strip(" ") or rest.lstrip(" ")[0] == "#":
                _only_comment(rest)
                self.i = row + 1
                nested = self._next_indent()
                if nested == indent and self.lines[self.i][indent:].startswith("- "):
                    result[key] = self._sequence(indent, key_path, depth + 1)
                else:
                    result[key] = self._block(nested, indent, key_path, depth + 1)
            else:  # _split_key saw a space after the ':'
                result[key] = self._inline(row, after + _indent(rest), indent, key_path, depth + 1)
            following = self._next_indent()
            if following > indent:
                raise _Outside
            if following < indent:
                return result
            row = self.i

    # --- values that start on a line -----------------------------------------------------

    def _inline(self, row: int, column: int, parent: int, path: JsonPath, depth: int) -> Any:
        """The value that starts on line `row` at `column` and may continue on lines
        indented further than `parent`; leaves self.i after its last line."""
        self.positions[path] = (row + 1, column + 1)
        line = self.lines[row]
        first = line[column]
        if first in "'\"":
            return self._quoted(row, column, parent)
        if first in "|>":
            return self._block_scalar(row, column, parent)
        if first in "[{":
            return self._flow(row, column, path, depth)
        return self._plain(row, column, parent)

    def _plain(self, row: int, column: int, parent: int) -> Any:
        piece = self.lines[row][column:]
        commented = " #" in piece
        piece = piece.split(" #", 1)[0].rstrip(" ")
        _check_plain_piece(piece)
        pieces: list[str | None] = [piece]
        self.i = row + 1
        if not commented:
            pieces += self._continuation(parent)
        return _plain_value(_fold(pieces))

    def _continuation(self, parent: int) -> list[str | None]:
        """The further lines of a multi-line plain scalar (None for an empty line)."""
        lines = self.lines
        pieces: list[str | None] = []
        pending = 0
        while self.i + pending < len(lines):
            line = lines[self.i + pending]
            stripped = line.strip(" ")
            if not stripped:
                pending += 1
                continue
            if _indent(line) <= parent or stripped.startswith("#"):
                break
            pieces += [None] * pending
            _check_plain_piece(stripped)
            pieces.append(stripped)
            self.i += pending + 1
            pending = 0
        return pieces

    def _quoted(self, row: int, column: int, parent: int) -> str:
        """A single- or double-quoted scalar, over as many lines as it takes."""
        lines = self.lines
        quote = lines[row][column]
        raw, end = _scan_quoted(lines[row], column + 1, quote)
        parts: list[str | None] = [raw]  # the raw text on each line; None for an empty line
        while end < 0:
            row += 1
            if row >= len(lines):
                raise _Outside
            line = lines[row]
            if not line.strip(" "):
                parts.append(None)
                continue
            if _indent(line) <= parent or line.lstrip(" ").startswith(("---", "...")):
                raise _Outside
            raw, end = _scan_quoted(line, _indent(line), quote)
            parts.append(raw)
        _only_comment(lines[row][end + 1:])
        self.i = row + 1
        return _join_quoted(parts, quote)

    def _block_scalar(self, row: int, column: int, parent: int) -> str:
        header = self.lines[row][column:]
        style = header[0]
        chomp = "-" if header[1:2] == "-" else ""  # keep ('+') and indentation digits are left to PyYAML
        _only_comment(header[1 + len(chomp):])
        lines = self.lines
        i = row + 1
        if i >= len(lines) or not lines[i].strip(" "):
            raise _Outside  # leading empty lines, or an empty scalar
        indent = _indent(lines[i])
        if indent <= parent or indent == 0:
            raise _Outside
        body: list[str] = []
        while i < len(lines):
            line = lines[i]
            if not line.strip(" "):
                if len(line) > indent:
                    raise _Outside  # spaces kept as content on an otherwise empty line
                body.append("")
            elif _indent(line) < indent:
                break
            else:
                if line[indent] == " ":
                    raise _Outside  # a more-indented line: folding rules left to PyYAML
                body.append(line[indent:])
            i += 1
        while body and body[-1] == "":
            body.pop()
            i -= 1
        self.i = i
        if style == "|":
            value = "\n".join(body)
        else:
            value = _fold([line or None for line in body])
        # Clipping keeps the last line break, where there is one: not at the end of a file
        # that ends without one.
        return value if chomp == "-" or i == len(lines) else value + "\n"

    def _flow(self, row: int, column: int, path: JsonPath, depth: int) -> Any:
        """A flow list or mapping on one line: `[a, "b"]`, `{2021: 77, 2022: 90}`, `{x: [1]}`."""
        result, at = self._flow_collection(row, column, path, depth)
        _only_comment(self.lines[row][at:])
        self.i = row + 1
        return result

    def _flow_value(self, row: int, at: int, path: JsonPath, depth: int) -> tuple[Any, int]:
        self.positions[path] = (row + 1, at + 1)
        if self.lines[row][at:at + 1] in ("[", "{"):
            return self._flow_collection(row, at, path, depth)
        return _flow_scalar(self.lines[row], at)

    def _flow_collection(self, row: int, column: int, path: JsonPath, depth: int) -> tuple[Any, int]:
        """The collection that opens at `column`, and the index after it closes."""
        if depth > MAX_DEPTH:
            raise _Outside
        line = self.lines[row]
        mapping = line[column] == "{"
        close = "}" if mapping else "]"
        result: Any = {} if mapping else []
        at = _skip_spaces(line, column + 1)
        if line[at:at + 1] != close:
            while True:
                if mapping:
                    split = _split_key(line, at)
                    if split is None:
                        raise _Outside
                    key, after = split
                    if key in result:
                        raise _Outside
                    item_path: JsonPath = (*path, key)
                    self.key_positions[item_path] = (row + 1, at + 1)
                    at = _skip_spaces(line, after)
                else:
                    item_path = (*path, len(result))
                value, at = self._flow_value(row, at, item_path, depth + 1)
                if mapping:
                    result[key] = value
                else:
                    result.append(value)
                at = _skip_spaces(line, at)
                if line[at:at + 1] != ",":
                    break
                at = _skip_spaces(line, at + 1)
            if line[at:at + 1] != close:
                raise _Outside
        return result, at + 1


def _skip_spaces(line: str, at: int) -> int:
    while line[at:at + 1] == " ":
        at += 1
    return at


def _flow_scalar(line: str, at: int) -> tuple[Any, int]:
    """A quoted or plain scalar inside a one-line flow collection, and the index after it."""
    char = line[at:at + 1]
    if char and char in "'\"":
        text, end = _scan_quoted(line, at + 1, char)
        if end < 0:
            raise _Outside
        return _join_quoted([text], char), end + 1
    stop = at
    while stop < len(line) and line[stop] not in _FLOW_ITEM_STOP:
        stop += 1
    piece = line[at:stop].rstrip(" ")
    _check_plain_piece(piece)
    if ":" in piece:
        raise _Outside
    return _plain_value(piece), stop


def _split_key(line: str, column: int) -> tuple[str, int] | None:
    """(key, index after its ':') when `line` holds `key:` at `column`, else None."""
    split = _key_at(line, column)
    # libyaml refuses a key longer than 1,024 characters.
    return split if split is None or split[1] - 1 - column <= 1024 else None


def _key_at(line: str, column: int) -> tuple[str, int] | None:
    first = line[column:column + 1]
    if first in ("'", '"'):
        text, end = _scan_quoted(line, column + 1, first)
        if end < 0 or line[end + 1:end + 2] != ":":
            return None
        after = end + 2
        if after < len(line) and line[after] != " ":
            return None
        return _join_quoted([text], first), after
    match = _PLAIN_KEY.match(line, column)
    if match is None:
        return None
    end = match.end()
    if line[end:end + 1] != ":" or (end + 1 < len(line) and line[end + 1] != " "):
        return None
    return key_text(_plain_value(match.group())), end + 1


def key_text(value: Any) -> str:
    """A mapping key as the text actip keys it by: 2019 as "2019", true as "true", null as "null"."""
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _scan_quoted(line: str, start: int, quote: str) -> tuple[str, int]:
    """The raw text of a quoted scalar from `start` to its closing quote on this line, and
    the index of that quote; (the rest of the line, -1) when it closes on a later line."""
    at = start
    while True:
        found = line.find(quote, at)
        if found < 0:
            return line[start:], -1
        if quote == "'":
            if line[found + 1:found + 2] == "'":
                at = found + 2
                continue
            return line[start:found], found
        if _ends_with_escape(line[start:found]):  # an escaped quote
            at = found + 1
            continue
        return line[start:found], found


def _join_quoted(parts: list[str | None], quote: str) -> str:
    """A quoted scalar from the raw text of its lines: a line break reads as a space (the
    spaces around it dropped), each empty line as a line break, and in double quotes a
    backslash at the end of a line joins the next without a space."""
    out: list[str] = []
    blank = 0
    join = False  # the line before ended with an escaped line break
    last = len(parts) - 1
    for index, raw in enumerate(parts):
        if raw is None:
            if join:
                raise _Outside
            blank += 1
            continue
        escaped_break = quote == '"' and index < last and _ends_with_escape(raw)
        if escaped_break:
            raw = raw[:-1]
        elif index < last:
            raw = raw.rstrip(" ")
        if index:
            out.append("" if join else "\n" * blank if blank else " ")
        out.append(raw.replace("''", "'") if quote == "'" else _unescape(raw))
        join, blank = escaped_break, 0
    return "".join(out)


def _ends_with_escape(raw: str) -> bool:
    """True when `raw` ends with a backslash that is not itself escaped."""
    return (len(raw) - len(raw.rstrip("\\"))) % 2 == 1


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    at = 0
    while True:
        found = text.find("\\", at)
        if found < 0:
            out.append(text[at:])
            return "".join(out)
        out.append(text[at:found])
        code = text[found + 1:found + 2]
        if code in _ESCAPES:
            out.append(_ESCAPES[code])
            at = found + 2
        elif code in _HEX_DIGITS:
            digits = text[found + 2:found + 2 + _HEX_DIGITS[code]]
            if len(digits) != _HEX_DIGITS[code] or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise _Outside
            point = int(digits, 16)
            if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
                raise _Outside
            out.append(chr(point))
            at = found + 2 + len(digits)
        else:
            raise _Outside  # an unknown escape: PyYAML says so
