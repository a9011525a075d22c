"""Gettext message catalogs for maintainers: read `.po`, write `.mo`, and collect the
messages marked in the source, so translators need no tool beyond this package.

Used by `scripts/translations.py` and the tests; the CLI itself only reads the `.mo`
files, through the standard `gettext` module (see `i18n`).
"""

from __future__ import annotations

import ast
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from actip_cli.errors import DataProblem, Location

MARKERS = {"_": ("msgid",), "N_": ("msgid",), "ngettext": ("msgid", "plural"),
           "pgettext": ("context", "msgid"), "NP_": ("context", "msgid")}
"""Functions whose leading string arguments are messages, and what each argument is."""

HEADER = (
    "Project-Id-Version: actip-cli\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Language: {lang}\n"
    "Plural-Forms: {plural}\n"
)
PLURAL_FORMS = {"vi": "nplurals=1; plural=0;", "id": "nplurals=1; plural=0;"}


@dataclass
class Message:
    """One entry of a .po file."""

    msgid: str
    msgstr: list[str] = field(default_factory=lambda: [""])
    msgid_plural: str | None = None
    msgctxt: str | None = None
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)  # translator comments ('# ...'), kept
    references: list[str] = field(default_factory=list)  # '#: file:line'
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return "fuzzy" not in self.flags and all(s for s in self.msgstr)


def _unquote(text: str, where: Location) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise DataProblem("expected a quoted string", location=where)
    body = text[1:-1]
    out = []
    i = 0
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def parse_po(text: str, path: str = "<po>") -> list[Message]:
    """The messages of a .po file (header included, as the entry with msgid '')."""
    messages: list[Message] = []
    current: Message | None = None
    target: tuple[str, int] | None = None  # which field continuation lines extend
    pending_comments: list[str] = []
    pending_refs: list[str] = []
    pending_flags: set[str] = set()

    def finish() -> None:
        nonlocal current
        if current is not None:
            messages.append(current)
        current = None

    for number, raw in enumerate(text.splitlines(), start=1):
        where = Location(path, number, 1)
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                pending_flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            elif line.startswith("#:"):
                pending_refs.extend(line[2:].split())
            elif line.startswith("# ") or line == "#":
                pending_comments.append(line[2:])
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)$", line)
        if match:
            keyword, index, rest = match.group(1), match.group(2), match.group(3)
            value = _unquote(rest, where)
            starts_entry = keyword == "msgctxt" or (keyword == "msgid" and target != ("msgctxt", 0))
            if starts_entry:
                finish()
                current = Message("", [], flags=pending_flags, comments=pending_comments, references=pending_refs,
                                  obsolete=obsolete)
                pending_comments, pending_refs, pending_flags = [], [], set()
            if current is None:
                raise DataProblem(f"'{keyword}' before any msgid", location=where)
            if keyword == "msgctxt":
                current.msgctxt = value
                target = ("msgctxt", 0)
            elif keyword == "msgid":
                current.msgid = value
                target = ("msgid", 0)
            elif keyword == "msgid_plural":
                current.msgid_plural = value
                target = ("msgid_plural", 0)
            else:
                i = int(index) if index is not None else 0
                while len(current.msgstr) <= i:
                    current.msgstr.append("")
                current.msgstr[i] = value
                target = ("msgstr", i)
            continue
        if line.startswith('"') and current is not None and target is not None:
            value = _unquote(line, where)
            name, i = target
            if name == "msgstr":
                current.msgstr[i] += value
            elif name == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            else:
                setattr(current, name, (getattr(current, name) or "") + value)
            continue
        raise DataProblem(f"cannot read this line of the message catalog: {raw[:40]!r}", location=where)
    finish()
    for m in messages:
        if not m.msgstr:
            m.msgstr = [""]
    return messages


def _mo_key(m: Message) -> bytes:
    key = m.msgid if m.msgid_plural is None else f"{m.msgid}\0{m.msgid_plural}"
    if m.msgctxt is not None:
        key = f"{m.msgctxt}\x04{key}"
    return key.encode("utf-8")


def compile_mo(messages: Iterable[Message]) -> bytes:
    """The .mo bytes for a catalog: translated, non-fuzzy, non-obsolete entries (and the header)."""
    table: dict[bytes, bytes] = {}
    for m in messages:
        if m.obsolete:
            continue
        if m.msgid == "" and m.msgctxt is None:
            table[b""] = m.msgstr[0].encode("utf-8")
            continue
        if not m.translated:
            continue
        table[_mo_key(m)] = "\0".join(m.msgstr).encode("utf-8")
    keys = sorted(table)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    ids = b""
    strs = b""
    offsets: list[tuple[int, int, int, int]] = []
    for k in keys:
        v = table[k]
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    id_table = b"".join(struct.pack("<II", length, data_at + start) for start, length, _, _ in offsets)
    strs_at = data_at + len(ids)
    str_table = b"".join(struct.pack("<II", length, strs_at + start) for _, _, start, length in offsets)
    header = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    return header + id_table + str_table + ids + strs


# --- extraction -------------------------------------------------------------------------------


@dataclass
class Found:
    """A message found in the source, with where."""

    msgid: str
    plural: str | None
    references: list[str]
    context: str | None = None


_FIELD = re.compile(r"\{\{|\}\}|\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    """The str.format fields of a message, sorted ('{{' and '}}' included: they must match too)."""
    return sorted(_FIELD.findall(text))


def placeholder_problems(messages: Iterable[Message]) -> list[str]:
    """Translations whose {placeholders} differ from their message's: str.format would fail
    or drop a value at run time."""
    found = []
    for m in messages:
        if m.obsolete or not m.msgid or not m.translated:
            continue
        sources = [m.msgid] if m.msgid_plural is None else [m.msgid, m.msgid_plural]
        wanted = {tuple(placeholders(s)) for s in sources}
        for text in m.msgstr:
            if tuple(placeholders(text)) not in wanted:
                found.append(f"{m.msgid[:50]!r}: the translation has {placeholders(text)}, the message {sorted(wanted)[0]}")
    return found


def _is_command_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return isinstance(target, ast.Attribute) and target.attr in ("command", "callback")


def extract(files: Iterable[tuple[str, str]]) -> list[Found]:
    """Messages in Python sources given as (shown path, text): the string arguments of `_`,
    `N_` and `ngettext`, and the docstrings of Typer commands (their help text)."""
    found: dict[tuple[str | None, str], Found] = {}

    def add(msgid: str, plural: str | None, ref: str, context: str | None = None) -> None:
        if not msgid:
            return
        item = found.setdefault((context, msgid), Found(msgid, plural, [], context))
        if ref not in item.references:
            item.references.append(ref)

    for shown, text in files:
        tree = ast.parse(text, filename=shown)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
                roles = MARKERS.get(name)
                if not roles or len(node.args) < len(roles):
                    continue
                args = node.args[:len(roles)]
                if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                    values = dict(zip(roles, (a.value for a in args), strict=True))  # type: ignore[attr-defined]
                    add(values["msgid"], values.get("plural"), f"{shown}:{node.lineno}", values.get("context"))
            elif isinstance(node, ast.FunctionDef) and any(_is_command_decorator(d) for d in node.decorator_list):
                doc = ast.get_docstring(node, clean=True)
                if doc:
                    add(doc, None, f"{shown}:{node.lineno}")
    return list(found.values())


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    if "\n" not in text.rstrip("\n") and len(escaped) < 70:
        return '"' + escaped.replace("\n", "\\n") + '"'
    parts = escaped.split("\n")
    chunks = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return '""\n' + "\n".join(f'"{c}"' for c in chunks)


def render_po(messages: Iterable[Message]) -> str:
    """A .po file's text, in the usual layout (stable, so diffs stay small)."""
    out: list[str] = []
    for m in messages:
        prefix = "#~ " if m.obsolete else ""
        out.extend(f"# {c}".rstrip() for c in m.comments)
        if m.references and not m.obsolete:
            out.append("#: " + " ".join(m.references))
        if m.flags:
            out.append("#, " + ", ".join(sorted(m.flags)))

        def emit(keyword: str, value: str, prefix: str = prefix) -> None:
            lines = _quote(value).split("\n")
            out.append(f"{prefix}{keyword} {lines[0]}")
            out.extend(prefix + line for line in lines[1:])

        if m.msgctxt is not None:
            emit("msgctxt", m.msgctxt)
        emit("msgid", m.msgid)
        if m.msgid_plural is not None:
            emit("msgid_plural", m.msgid_plural)
            for i, s in enumerate(m.msgstr):
                emit(f"msgstr[{i}]", s)
        else:
            emit("msgstr", m.msgstr[0])
        out.append("")
    return "\n".join(out)


def update_po(existing: list[Message], found: list[Found], lang: str) -> list[Message]:
    """The catalog with every found message (new ones untranslated), translations kept, and
    messages no longer in the source kept as obsolete (#~) so their translation is not lost."""
    by_key = {m.key: m for m in existing if m.msgid}
    header = next((m for m in existing if m.msgid == "" and m.msgctxt is None), None)
    if header is None:
        header = Message("", [HEADER.format(lang=lang, plural=PLURAL_FORMS.get(lang, "nplurals=2; plural=(n != 1);"))])
    result = [header]
    seen = set()
    def first_place(f: Found) -> tuple[str, int]:
        path, _, line = f.references[0].rpartition(":")
        return (path, int(line) if line.isdigit() else 0)

    for f in sorted(found, key=first_place):
        old = by_key.get((f.context, f.msgid))
        seen.add((f.context, f.msgid))
        nplurals = 1 if f.plural is not None and PLURAL_FORMS.get(lang, "").startswith("nplurals=1") else 2
        if old is not None:
            old.obsolete = False
            old.references = f.references
            old.msgid_plural = f.plural
            if f.plural is not None and len(old.msgstr) != nplurals:
                old.msgstr = (old.msgstr + [""] * nplurals)[:nplurals]
            result.append(old)
        else:
            result.append(Message(f.msgid, [""] * (nplurals if f.plural is not None else 1), f.plural, f.context,
                                  references=f.references))
    for m in existing:
        if m.msgid and m.key not in seen and any(m.msgstr):
            m.obsolete = True
            result.append(m)
    return result


def source_files(package: Path) -> list[tuple[str, str]]:
    """(path relative to the package's parent, text) of every Python file of the package."""
    base = package.parent
    return [(p.relative_to(base).as_posix(), p.read_text("utf-8")) for p in sorted(package.rglob("*.py"))]
