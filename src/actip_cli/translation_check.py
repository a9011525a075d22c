"""The translation check of `actip validate`: every translation file against its English file.

Reported per language (see docs/translating.md):
- a translation file that is not YAML, breaks the schema, sits at the wrong path or names
  the wrong language: error;
- an English field with no translation, or an empty one, located at the English field and
  naming the translation file; an entry for an item the English file does not have; a
  translated field with no English text; a translation whose `from` no longer matches the
  English (possibly stale): warnings, errors for a language given with --require-lang.

Completeness is checked for the languages the catalog manifest lists and the required ones;
the files of any other language folder are still checked for form.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from actip_cli import i18n
from actip_cli.catalog import catalog_files, file_kind, read_document, schema_problems
from actip_cli.errors import Problem
from actip_cli.model import Catalog
from actip_cli.yamlio import Document

SKELETON_COMMAND = "python scripts/translations.py skeleton {lang} {rel}"


@dataclass
class EnglishFile:
    """An English catalog file with its translatable items."""

    rel: str
    shown: str
    doc: Document
    kind: str
    entries: dict[str, i18n.EnglishEntry]

    def field_count(self) -> int:
        """How many texts the file holds to translate."""
        return sum(len(e.fields) for e in self.entries.values())


def english_files(root: Path, shown_root: str) -> dict[str, EnglishFile]:
    """The translatable English files of a catalog, by path relative to its root."""
    found: dict[str, EnglishFile] = {}
    ignored: list[Problem] = []  # read problems are reported by the catalog check already
    for path in catalog_files(root):
        rel = path.relative_to(root).as_posix()
        shown = os.path.join(shown_root, rel)
        doc = read_document(path, shown, ignored)
        if doc is None:
            continue
        kind = file_kind(doc.data)
        if kind in i18n.TRANSLATABLE:
            found[rel] = EnglishFile(rel, shown, doc, kind, i18n.english_entries(kind, doc.data))
    return found


def check_translations(catalog: Catalog, root: Path, shown_root: str, *, required: Sequence[str] = ()) -> list[Problem]:
    """Every translation problem of the catalog at root (see the module docstring)."""
    english = english_files(root, shown_root)
    complete = [lang for lang in dict.fromkeys([*catalog.languages, *required]) if lang != i18n.REFERENCE]
    folder = root / i18n.TRANSLATIONS_DIR
    present = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    problems: list[Problem] = []
    for lang in dict.fromkeys([*complete, *present]):
        _Language(lang, english, root, shown_root, strict=lang in required, complete=lang in complete, problems=problems).check()
    problems.sort(key=lambda p: (p.path, p.line, p.column))
    return problems


class _Language:
    """Checks the translations of one language."""

    def __init__(self, lang: str, english: dict[str, EnglishFile], root: Path, shown_root: str, *,
                 strict: bool, complete: bool, problems: list[Problem]) -> None:
        self.lang = lang
        self.name = i18n.LANGUAGE_NAMES.get(lang, f"'{lang}'")
        self.english = english
        self.root = root
        self.shown_root = shown_root
        self.severity = "error" if strict else "warning"
        self.complete = complete
        self.problems = problems

    def add(self, path: str, line: int, column: int, message: str, rule: str, severity: str | None = None) -> None:
        self.problems.append(Problem(path, line, column, severity or self.severity, message, rule))

    def shown(self, rel: str) -> str:
        return os.path.join(self.shown_root, i18n.TRANSLATIONS_DIR, self.lang, rel)

    def check(self) -> None:
        if self.lang == i18n.REFERENCE:
            self.add(self.shown(""), 0, 0, "English is the reference text and has no translation folder", "translation-file", "error")
            return
        translated: set[str] = set()
        for rel, path in i18n.translation_paths(self.root, self.lang):
            translated.add(rel)
            self.check_file(rel, path)
        if not self.complete:
            return
        for rel, eng in self.english.items():
            if rel in translated or not eng.entries:
                continue
            first = next(iter(eng.entries.values()))
            loc = eng.doc.locate(first.at)
            self.add(eng.shown, loc.line or 1, loc.column or 1,
                     f"no {self.name} translation of this file ({len(eng.entries)} items, {eng.field_count()} texts): "
                     f"{self.shown(rel)} is missing; start it with: {SKELETON_COMMAND.format(lang=self.lang, rel=rel)}",
                     "translation-missing")

    def check_file(self, rel: str, path: Path) -> None:
        shown = self.shown(rel)
        doc = read_document(path, shown, self.problems)
        if doc is None:
            return
        if file_kind(doc.data) != "translation_file":
            self.add(shown, 1, 1, "not a translation file: expected 'actip_translation: 1' at the top", "translation-file", "error")
            return
        violations = schema_problems(doc, "translation_file")
        self.problems.extend(violations)
        if violations:
            return
        data = doc.data
        if data["language"] != self.lang:
            loc = doc.locate(("language",))
            self.add(shown, loc.line, loc.column, f"language is '{data['language']}' but the file is in the '{self.lang}' folder",
                     "translation-file", "error")
        if data["translates"] != rel:
            loc = doc.locate(("translates",))
            self.add(shown, loc.line, loc.column,
                     f"translates '{data['translates']}' but its place says '{rel}'; a translation mirrors the English file's path",
                     "translation-file", "error")
        eng = self.english.get(rel)
        if eng is None:
            self.add(shown, 1, 1, f"there is no English catalog file {rel} for this to translate", "translation-file", "error")
            return
        self.check_entries(doc, eng)

    def check_entries(self, doc: Document, eng: EnglishFile) -> None:
        entries: dict[str, dict] = doc.data["entries"]
        for key, entry in entries.items():
            source = eng.entries.get(key)
            if source is None:
                loc = doc.locate(("entries", key), key=True)
                self.add(doc.path, loc.line, loc.column,
                         f"entry '{key}' translates nothing: {eng.rel} has no such item{_close(key, eng.entries)}",
                         "translation-unknown-entry")
                continue
            flat = i18n.flatten_entry(entry)
            for name in flat:
                if name not in source.fields:
                    loc = doc.locate(("entries", key, *name.split(".", 1)), key=True)
                    self.add(doc.path, loc.line, loc.column,
                             f"'{name}' of {key} has no English text to translate in {eng.rel}", "translation-extra-field")
            if entry["from"] != source.fingerprint and any(str(v).strip() for v in flat.values()):
                loc = doc.locate(("entries", key, "from"))
                english_at = eng.doc.locate(source.at)
                self.add(doc.path, loc.line, loc.column,
                         f"{key} was translated from English that has since changed ({english_at}); possibly stale: "
                         f"check the translation, then set from: {source.fingerprint}",
                         "translation-stale")
        for key, source in eng.entries.items():
            entry = entries.get(key)
            if entry is None:
                loc = eng.doc.locate(source.at)
                self.add(eng.shown, loc.line, loc.column,
                         f"{_item(key)} has no {self.name} translation in {doc.path} ({len(source.fields)} texts)",
                         "translation-missing")
                continue
            flat = i18n.flatten_entry(entry)
            for name, (path, _text) in source.fields.items():
                value = flat.get(name)
                if isinstance(value, str) and value.strip():
                    continue
                loc = eng.doc.locate(path)
                what = "is empty" if value is not None else "is missing"
                self.add(eng.shown, loc.line, loc.column,
                         f"the {self.name} translation of {_item(key)} '{name}' {what} in {doc.path}",
                         "translation-empty" if value is not None else "translation-missing")


def _item(key: str) -> str:
    return "the article" if key == "article" else "the catalog" if key == "catalog" else key


def _close(key: str, options: dict[str, object]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
