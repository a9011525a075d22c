"""Write or update a translation file for translators: every item of the English file, with
the current `from` fingerprint and the English text as YAML comments above each field.

Existing translations are kept; an entry whose English changed since it was translated is
marked STALE (its old `from` is kept, so `actip validate` keeps reporting it until a
translator has looked); entries for items the English no longer has are kept as comments
at the end, so no work is lost. The file is rewritten as a whole: a translator's notes
belong in an entry's `note` field, not in comments.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from actip_cli import i18n, yamlio
from actip_cli.catalog import file_kind
from actip_cli.errors import DataProblem, FileProblem, Location

WIDTH = 92
ORPHANS_HEADING = "# Entries for items the English file no longer has (kept so no work is lost):"


@dataclass
class SkeletonResult:
    """What writing a skeleton did."""

    path: Path
    entries: int
    translated: int
    untranslated: int
    stale: int
    orphaned: int
    changed: bool


def skeleton_text(root: Path, lang: str, rel: str) -> tuple[str, SkeletonResult]:
    """The translation file text for the English file `rel` in `lang`, merged with the existing one."""
    if lang == i18n.REFERENCE or not lang.isalpha() or not lang.islower():
        raise DataProblem(f"'{lang}' is not a translation language", hint="use a code such as vi or id")
    english_path = root / rel
    eng = yamlio.load(english_path)
    kind = file_kind(eng.data)
    if kind not in i18n.TRANSLATABLE:
        raise DataProblem(f"{rel} is not an English catalog file with text to translate", location=Location(str(english_path)))
    entries = i18n.english_entries(kind, eng.data)
    target = i18n.translation_folder(root, lang) / rel
    existing: dict[str, Any] = {}
    if target.exists():
        data = yamlio.load(target).data
        if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
            raise DataProblem("the existing translation has no 'entries' mapping; fix it by hand first",
                              location=Location(str(target)))
        existing = data["entries"]

    result = SkeletonResult(target, len(entries), 0, 0, 0, 0, False)
    out = [
        f"# {i18n.LANGUAGE_NAMES.get(lang, lang)} translation of {rel}.",
        "# Written by scripts/translations.py; the English text is shown as a comment above each field.",
        "# Fill in the empty values and keep `from` as it is. An entry marked STALE was translated",
        "# from English that has changed since: revise it, then set `from` to the value in the mark.",
        "actip_translation: 1",
        f"language: {lang}",
        f"translates: {rel}",
        "entries:",
    ]
    for key, source in entries.items():
        old = existing.get(key) if isinstance(existing.get(key), dict) else {}
        flat = i18n.flatten_entry(old)
        done = any(isinstance(flat.get(n), str) and flat[n].strip() for n in source.fields)
        result.translated += done
        result.untranslated += not done
        out.append(f"  {_key(key)}:")
        old_from = old.get("from")
        if done and old_from != source.fingerprint:
            result.stale += 1
            out.append(f"    # STALE: the English changed after this was translated; revise, then set from: {source.fingerprint}")
            out.append(f"    from: {_scalar(str(old_from))}")
        else:
            out.append(f"    from: {_scalar(source.fingerprint)}")
        if isinstance(old.get("note"), str) and old["note"].strip():
            out.extend(_field("note", old["note"], 4))
        groups: dict[str, list[tuple[str, str]]] = {}
        for name in source.fields:
            group, _, sub = name.partition(".")
            groups.setdefault(group, []).append((sub, name))
        for group, members in groups.items():
            if members[0][0] == "":
                text = source.fields[group][1]
                out.extend(_comment(group, text, 4))
                out.extend(_field(group, _value(flat.get(group)), 4))
                continue
            out.append(f"    {group}:")
            for sub, name in members:
                out.extend(_comment(sub, source.fields[name][1], 6))
                out.extend(_field(sub, _value(flat.get(name)), 6))
    old_text = target.read_text("utf-8") if target.exists() else None
    kept = _kept_orphans(old_text or "")
    orphans = [key for key in existing if key not in entries]
    result.orphaned = len(orphans)
    for key in orphans:
        block = yamlio.dump({key: existing[key]}).rstrip("\n")
        kept.extend("#   " + line for line in block.splitlines())
    if kept:
        out.append(ORPHANS_HEADING)
        out.extend(kept)
    text = "\n".join(out) + "\n"
    result.changed = old_text != text
    return text, result


def write_skeleton(root: Path, lang: str, rel: str) -> SkeletonResult:
    """Write (atomically) the merged translation file for one English file."""
    text, result = skeleton_text(root, lang, rel)
    if result.changed:
        try:
            result.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FileProblem(f"cannot create the folder: {exc.strerror}", location=Location(str(result.path.parent))) from None
        yamlio.write_text(result.path, text)
    return result


def _kept_orphans(old_text: str) -> list[str]:
    """The commented-out entries an earlier run kept at the end of the file."""
    lines = old_text.splitlines()
    if ORPHANS_HEADING not in lines:
        return []
    tail = lines[lines.index(ORPHANS_HEADING) + 1:]
    return [line for line in tail if line.startswith("#")]


def _value(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _key(key: str) -> str:
    plain = yaml.safe_dump({key: None}, allow_unicode=True).split(":")[0]
    return plain


def _comment(name: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    width = max(40, WIDTH - indent - 4)
    lines: list[str] = []
    for paragraph in text.strip().split("\n"):
        lines.extend(textwrap.wrap(paragraph, width) or [""])
    first, rest = lines[0], lines[1:]
    return [f"{pad}# {name}: {first}"] + [f"{pad}#   {line}" for line in rest]


def _scalar(text: str) -> str:
    """A one-line YAML scalar holding exactly `text`."""
    # Line breaks and control characters are written as escapes in double quotes, so the
    # scalar stays on one line whatever it holds.
    style = None if text.isprintable() else '"'
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10**6, default_flow_style=True, default_style=style)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _field(name: str, text: str, indent: int) -> list[str]:
    """`name: text`, folded over several lines when long and plain enough to round-trip exactly."""
    pad = " " * indent
    if not text:
        return [f'{pad}{name}: ""']
    one_line = f"{pad}{name}: {_scalar(text)}"
    foldable = (
        text.isprintable() and "  " not in text
        and text == text.strip() and not text.startswith(("#", "-", "?", ":", "!", "&", "*", "|", ">", "'", '"', "%", "@", "`"))
    )
    if len(one_line) <= WIDTH or not foldable:
        return [one_line]
    body = textwrap.wrap(text, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}{name}: >-"] + [f"{pad}  {line}" for line in body]
