"""Read YAML into JSON-shaped data with a line and column for every node, and write it back.

PyYAML's safe loader follows YAML 1.1: `no` and `off` become booleans, `2024-01-31` a date
and `010` the octal number 8, and a repeated key silently replaces the first. In a
self-assessment every one of those loses or changes what a user wrote, so this loader
resolves only plain decimal numbers, `true`/`false` and `null`, reports duplicate keys,
refuses tags that would build other objects, and bounds depth and size so that a hostile
file (an alias bomb, a 50 MB file) costs little.

Most files are block YAML of the kind actip writes; `yaml_subset` reads those without
PyYAML, giving the same data and positions (resolved the same way), and leaves every other
file, and every error, to the PyYAML reading here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from actip_cli import yaml_subset
from actip_cli.errors import FileProblem, Location
from actip_cli.files import MAX_FILE_BYTES, atomic_writer, read_text, write_text
from actip_cli.i18n import N_, _

if TYPE_CHECKING:
    import yaml
    from yaml.nodes import MappingNode, Node, ScalarNode

MAX_DEPTH = yaml_subset.MAX_DEPTH
MAX_NODES = 2_000_000
# Values that aliases repeat: a real file repeats a few texts; an alias bomb repeats
# millions, and stopping it here keeps its cost to a blink instead of seconds.
MAX_ALIAS_NODES = 100_000

JsonPath = tuple[str | int, ...]


# PyYAML is imported only when a file needs it (see yaml_subset): its import alone costs
# more than a whole report.
@cache
def _strict_loader() -> Any:
    """PyYAML's safe loader (libyaml's when installed), with implicit types limited to what
    a user means literally."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc,valid-type]
        pass

    StrictLoader.yaml_implicit_resolvers = {}
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
    )
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
        list("-+0123456789."),
    )
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
    )
    return StrictLoader


_STR, _INT, _FLOAT, _BOOL, _NULL = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
)
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class Issue(NamedTuple):
    """A problem found while reading, kept so that all of them can be reported at once."""

    line: int
    column: int
    message: str
    rule: str


@dataclass
class Document:
    """A YAML file read as JSON-shaped data, with where each value and key stands."""

    path: str
    data: Any
    positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def locate(self, path: JsonPath, *, key: bool = False) -> Location:
        """Line and column of the value (or, with key=True, the key) at a JSON path.

        Falls back to the nearest enclosing node that has a position.
        """
        table = self.key_positions if key else self.positions
        if key and path not in table:
            table = self.positions
        probe = tuple(path)
        while probe not in table and probe:
            probe = probe[:-1]
        line, column = table.get(probe, (0, 0))
        return Location(self.path, line, column)


def load(path: Path, *, text: str | None = None) -> Document:
    """Parse one YAML document into a Document; syntax errors raise FileProblem."""
    shown = str(path)
    if text is None:
        text = read_text(path)
    if not text.strip():
        raise FileProblem(_("file is empty"), location=Location(shown))
    quick = yaml_subset.read(text)
    if quick is not None:
        data, positions, key_positions = quick
        return Document(shown, data, positions, key_positions)
    return _load_with_pyyaml(shown, text)


def _load_with_pyyaml(shown: str, text: str) -> Document:
    import yaml

    loader = _strict_loader()(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        what, mark = _explain(exc, text)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise FileProblem(_("YAML syntax: {problem}").format(problem=what), location=Location(shown, line, column)) from None
    except yaml.reader.ReaderError as exc:
        # Raised for characters YAML forbids (control characters such as ESC); its own text
        # spans two lines and counts characters from the start of the file.
        # libyaml counts bytes of the UTF-8 text, the pure-Python reader characters.
        libyaml = hasattr(yaml, "CSafeLoader")
        raw = text.encode("utf-8") if libyaml else text
        newline: Any = b"\n" if libyaml else "\n"
        start = raw.rfind(newline, 0, exc.position) + 1
        line = raw.count(newline, 0, exc.position) + 1
        before = raw[start:exc.position]
        column = len(before.decode("utf-8", "replace") if isinstance(before, bytes) else before) + 1
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise FileProblem(
            _("YAML syntax: the non-printable character {character} is not allowed in YAML text; remove it").format(character=what),
            location=Location(shown, line, column)) from None
    except yaml.YAMLError as exc:
        raise FileProblem(_("YAML syntax: {problem}").format(problem=exc), location=Location(shown)) from None
    except RecursionError:
        raise FileProblem(
            _("nesting is too deep (more than {levels} levels)").format(levels=MAX_DEPTH), location=Location(shown)
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise FileProblem(_("file holds no YAML document"), location=Location(shown))
    doc = Document(shown, None)
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, (), 0)
    except _TooBig as exc:
        raise FileProblem(str(exc), location=Location(shown, *exc.at)) from None
    return doc


def _explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, Any]:
    """A syntax error in words that say what to do, and where to point: the parser's own
    words (English, about tokens and streams) only for a problem not foreseen here."""
    problem = exc.problem or str(exc)
    mark = exc.problem_mark or exc.context_mark
    if "expected a single document" in str(exc):
        return _("holds more than one YAML document; keep one per file"), mark
    if "maximum nesting depth" in str(exc):
        return _("exceeded the maximum nesting depth"), mark
    if problem == "found unexpected end of stream" and exc.context_mark is not None:
        # An unclosed quote or bracket: point where it opens, not at the end of the file.
        return _("this quote or bracket is never closed; close it"), exc.context_mark
    if problem == "found character that cannot start any token" and mark is not None:
        lines = text.splitlines()
        char = lines[mark.line][mark.column:mark.column + 1] if mark.line < len(lines) else ""
        if char == "\t":
            return _("a tab cannot indent YAML; use spaces"), mark
        return _("a value cannot start with {character}; put the value in quotes").format(
            character=repr(char) if char.strip() else _("this character")), mark
    explained = _SYNTAX.get(problem)
    # .format(): the messages write a literal brace as '{{' or '}}', as every message does.
    return (_(explained).format() if explained else problem), mark


# libyaml's words for the commonest slips, and what to do about each.
_SYNTAX = {
    "mapping values are not allowed in this context":
        N_("': ' inside a value starts a new key; put the whole value in quotes"),
    "did not find expected key":
        N_("this line is not indented like the keys around it, or text follows a closing quote; check the indentation and the quotes"),
    "did not find expected '-' indicator":
        N_("this line is not indented like the list items around it; start each item with '- ' at the same indentation"),
    "could not find expected ':'":
        N_("a key is missing its ':', or a line of text is not indented under its key"),
    "did not find expected ',' or '}'":
        N_("a '{{' is not closed with '}}', or the items inside it are not separated by commas"),
    "did not find expected ',' or ']'":
        N_("a '[' is not closed with ']', or the items inside it are not separated by commas"),
    "did not find expected node content":
        N_("a value is missing, or starts with a character YAML reserves (such as ']' or '}}'); put it in quotes"),
    "found undefined alias":
        N_("'*' starts a reference to an anchor that is not defined; put the value in quotes if '*' is meant as text"),
    "did not find expected alphabetic or numeric character":
        N_("'&' or '*' must be followed by a name; put the value in quotes if it is meant as text"),
}


class _TooBig(Exception):
    def __init__(self, message: str, at: tuple[int, int]) -> None:
        super().__init__(message)
        self.at = at


class _Builder:
    """Turns composed YAML nodes into dicts, lists and scalars, recording positions."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.distinct: set[int] = set()  # nodes built at least once; the rest are alias repeats

    def _at(self, node: Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Node, path: JsonPath, depth: int) -> Any:
        self.count += 1
        self.distinct.add(id(node))
        if self.count > MAX_NODES or self.count - len(self.distinct) > MAX_ALIAS_NODES:
            raise _TooBig(
                _("file expands to too many values (an alias bomb?); aliases are not needed in actip files"),
                self._at(node),
            )
        if depth > MAX_DEPTH:
            raise _TooBig(_("nesting is too deep (more than {levels} levels)").format(levels=MAX_DEPTH), self._at(node))
        self.doc.positions[path] = self._at(node)
        if node.id == "scalar":
            return self._scalar(node)
        if node.id == "sequence":
            if node.tag != _SEQ:
                self._issue(node, _("unsupported YAML tag {tag}").format(tag=node.tag), "yaml-tag")
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if node.id == "mapping":
            if node.tag != _MAP:
                self._issue(node, _("unsupported YAML tag {tag}").format(tag=node.tag), "yaml-tag")
            return self._mapping(node, path, depth)
        self._issue(node, _("unsupported YAML node"), "yaml-tag")  # pragma: no cover
        return None

    def _mapping(self, node: MappingNode, path: JsonPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                self._issue(key_node, _("a key must be a plain value, not a list or mapping"), "yaml-key")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._issue(key_node, _("merge keys ('<<') are not supported; write the keys out"), "yaml-key")
                continue
            key = yaml_subset.key_text(self._scalar(key_node))
            if key in result:
                first = self.doc.key_positions.get((*path, key), (0, 0))
                self._issue(
                    key_node,
                    _("duplicate key {key} (first at line {line}); YAML would keep only the last one").format(
                        key=repr(key), line=first[0]),
                    "duplicate-key",
                )
                continue
            self.doc.key_positions[(*path, key)] = self._at(key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        try:
            if tag == _INT:
                return int(value)
            if tag == _FLOAT:
                number = float(value)
                if math.isinf(number):  # 1.0e999: no JSON, no score, no report can hold it
                    self._issue(node, _("{value} is too large a number").format(value=_quoted(value)), "yaml-number")
                    return None
                return number
        except ValueError:
            self._issue(node, _("{value} is not a number").format(value=_quoted(value)), "yaml-tag")
            return value
        if tag == _BOOL:
            if value.lower() in ("true", "false"):
                return value.lower() == "true"
            self._issue(node, _("{value} is not true or false").format(value=_quoted(value)), "yaml-tag")
            return value
        if tag == _NULL:
            return None
        self._issue(
            node, _("unsupported YAML tag {tag}; write the value as plain text").format(tag=tag), "yaml-tag"
        )
        return None

    def _issue(self, node: Node, message: str, rule: str) -> None:
        line, column = self._at(node)
        self.doc.issues.append(Issue(line, column, message, rule))


def _quoted(value: str, limit: int = 60) -> str:
    """A value quoted for a one-line message: escapes shown, long text shortened."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


# --- writing -----------------------------------------------------------------------------

@cache
def _plain_dumper() -> Any:
    """Writes block-style YAML, keeps key order, and writes multi-line text as a literal block."""
    import yaml

    base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class PlainDumper(base):  # type: ignore[misc,valid-type]
        pass

    def represent_str(dumper: Any, value: str) -> Any:
        return dumper.represent_scalar(_STR, value, style="|" if "\n" in value else None)

    PlainDumper.add_representer(str, represent_str)
    return PlainDumper


def dump(data: Any) -> str:
    """YAML text for JSON-shaped data, in the given key order, UTF-8 characters kept."""
    import yaml

    text: str = yaml.dump(
        data,
        Dumper=_plain_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return text


__all__ = ["MAX_FILE_BYTES", "Document", "Issue", "atomic_writer", "dump", "load", "read_text", "write_text"]
