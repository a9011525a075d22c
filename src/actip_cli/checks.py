"""`actip validate`: check catalog folders, catalog files and answers files, all problems at once."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actip_cli import answers as answers_io
from actip_cli.catalog import (
    CheckResult,
    check_catalog,
    file_kind,
    locate_root,
    read_document,
    schema_problems,
)
from actip_cli.errors import Problem, printable
from actip_cli.i18n import N_, _
from actip_cli.model import Catalog

_ROOT_MARKER = "catalog.yaml"

# Hook for extra catalog checks (translations), given the checked catalog and its folder.
ExtraCheck = Callable[[Catalog, Path, str], list[Problem]]


@dataclass
class Report:
    """What `actip validate` found."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    catalogs: list[Catalog] = field(default_factory=list)

    @property
    def read_failures(self) -> bool:
        """True when some file could not be read or parsed at all."""
        return any(p.rule == "read" for p in self.problems)

    def count(self, severity: str) -> int:
        """How many problems of a severity."""
        return sum(1 for p in self.problems if p.severity == severity)


def _enclosing_root(path: Path) -> Path | None:
    for parent in list(path.resolve().parents)[:4]:
        if (parent / _ROOT_MARKER).is_file():
            return parent
    return None


def validate(
    paths: Sequence[Path],
    *,
    catalog_root: Path | None,
    require_verified: bool = False,
    extra_checks: Sequence[ExtraCheck] = (),
) -> Report:
    """Check each path (a catalog folder, a catalog file or an answers file)."""
    report = Report()
    checked_roots: set[Path] = set()
    reference: CheckResult | None = None

    def reference_catalog() -> CheckResult:
        nonlocal reference
        if reference is None:
            root = locate_root(catalog_root)
            reference = check_catalog(root)
        return reference

    def check_root(root: Path, shown: str) -> None:
        if root.resolve() in checked_roots:
            return
        checked_roots.add(root.resolve())
        result = check_catalog(root, display_root=shown)
        report.files += len(list(root.rglob("*.yaml")))
        report.problems.extend(result.problems)
        if result.catalog is not None:
            report.catalogs.append(result.catalog)
            if require_verified:
                report.problems.extend(_unverified(result.catalog))
            for check in extra_checks:
                report.problems.extend(check(result.catalog, root, shown))

    if not paths:
        root = locate_root(catalog_root)
        check_root(root, str(root))
    for path in paths:
        shown = str(path)
        if _is_dir(path):
            if not (path / _ROOT_MARKER).is_file():
                report.problems.append(Problem(shown, 0, 0, "error", _("folder has no {file}: not a catalog folder").format(file=_ROOT_MARKER), "read"))
                continue
            check_root(path, shown)
            continue
        doc = read_document(path, shown, report.problems)
        report.files += 1
        if doc is None:
            continue
        if answers_io.is_answers_document(doc.data):
            ref = reference_catalog()
            if ref.catalog is None or ref.errors:
                report.problems.append(Problem(shown, 0, 0, "error", _("cannot check answers: the catalog itself has errors (run 'actip validate' on it)"), "catalog"))
                continue
            report.problems.extend(answers_io.check_document(doc, ref.catalog).problems)
            continue
        kind = file_kind(doc.data)
        if kind is None:
            report.problems.append(Problem(shown, 1, 1, "error",
                                           _("neither a catalog file nor an answers file (no 'actip_answers', 'article', 'actip_catalog' ... key)"),
                                           "file-kind"))
            continue
        root = _enclosing_root(path)
        if root is not None:
            # A file inside a catalog is checked with its catalog, so cross-file rules apply.
            check_root(root, _display(root))
            continue
        report.problems.extend(Problem(shown, i.line, i.column, "error", i.message, i.rule) for i in doc.issues)
        report.problems.extend(schema_problems(doc, kind))
    report.problems = _in_reading_order(_dedupe(report.problems))
    return report


def _in_reading_order(problems: list[Problem]) -> list[Problem]:
    """Files in the order they were checked, each file's problems from top to bottom."""
    first_seen: dict[str, int] = {}
    for p in problems:
        first_seen.setdefault(p.path, len(first_seen))
    return sorted(problems, key=lambda p: (first_seen[p.path], p.line, p.column))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a name too long to look up: reading it reports the problem
        return False


def _display(path: Path) -> str:
    """A path as the user would write it: relative to the current folder when inside it."""
    import os

    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def _unverified(catalog: Catalog) -> list[Problem]:
    return [
        Problem(o.source.path, o.source.line, o.source.column, "error",
                _("{id} is {verification}, not verified against the treaty text").format(id=o.id, verification=o.verification),
                "require-verified")
        for o in catalog.obligations.values()
        if o.verification != "verified-text"
    ]


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


# A problem's line, whole, per severity: the severity word is translated with the line
# around it; the rule in brackets is an identifier and stays as it is.
_PROBLEM_LINES = {
    "error": N_("{where}: error: {message} [{rule}]"),
    "warning": N_("{where}: warning: {message} [{rule}]"),
    "info": N_("{where}: info: {message} [{rule}]"),
}


def format_text(problems: Sequence[Problem]) -> str:
    """One line per problem: path:line:column: severity: message [rule] (the severity in the
    interface language)."""
    lines = []
    for p in problems:
        where = f"{p.path}:{p.line}:{p.column}" if p.line else p.path
        pattern = _PROBLEM_LINES.get(p.severity)
        if pattern is None:
            lines.append(f"{where}: {p.severity}: {p.message} [{p.rule}]")
        else:
            lines.append(_(pattern).format(where=where, message=p.message, rule=p.rule))
    return printable("\n".join(lines) + ("\n" if lines else ""))


def format_json(problems: Sequence[Problem]) -> str:
    """A JSON array, one object per problem."""
    items = [
        {"path": p.path, "line": p.line, "column": p.column, "severity": p.severity, "message": p.message, "rule": p.rule}
        for p in problems
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands (::error / ::warning / ::notice)."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for p in problems:
        props = [f"file={_gh_escape(p.path, prop=True)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column or 1}"]
        props.append(f"title={_gh_escape(p.rule, prop=True)}")
        lines.append(f"::{level.get(p.severity, 'error')} {','.join(props)}::{_gh_escape(p.message)}")
    return printable("\n".join(lines) + ("\n" if lines else ""))


FORMATTERS: dict[str, Callable[[Sequence[Problem]], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
