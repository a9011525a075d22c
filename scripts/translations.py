#!/usr/bin/env python3
"""Maintain the translations of actip-cli (see docs/translating.md).

  python scripts/translations.py skeleton vi articles/article-14.yaml   # write or update a translation file
  python scripts/translations.py skeleton vi --all                      # every English catalog file
  python scripts/translations.py status [vi ...]                        # what is left, per file
  python scripts/translations.py extract                                # interface messages -> .po files
  python scripts/translations.py compile                                # .po -> .mo (commit both)
  python scripts/translations.py check                                  # .mo up to date, .po complete

Exit 0 when done, 1 when `check` or `status --fail` finds something left, 2 on bad usage,
4 when a file cannot be read or written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from actip_cli import i18n, po  # noqa: E402
from actip_cli.errors import ActipError  # noqa: E402

PACKAGE = REPO / "src" / "actip_cli"
LANGS = [lang for lang in i18n.SUPPORTED if lang != i18n.REFERENCE]


def _po_path(lang: str) -> Path:
    return PACKAGE / "locale" / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def _english_rels(root: Path) -> list[str]:
    from actip_cli.translation_check import english_files

    return sorted(english_files(root, str(root)))


def cmd_skeleton(args: argparse.Namespace) -> int:
    from actip_cli.translation_skeleton import write_skeleton

    root = args.catalog
    rels = _english_rels(root) if args.all else [Path(f).as_posix() for f in args.files]
    if not rels:
        print("name English files relative to the catalog (articles/article-14.yaml) or use --all", file=sys.stderr)
        return 2
    for rel in rels:
        if rel.startswith(str(root)):
            rel = Path(rel).relative_to(root).as_posix()
        result = write_skeleton(root, args.lang, rel)
        state = "written" if result.changed else "unchanged"
        print(f"{result.path.relative_to(root)}: {state}; {result.entries} items, {result.translated} translated, "
              f"{result.untranslated} to do, {result.stale} stale, {result.orphaned} kept from removed items", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from actip_cli.translation_check import english_files

    root = args.catalog
    english = english_files(root, str(root))
    left = 0
    for lang in args.langs or LANGS:
        tr = i18n.load_translations(root, lang)
        for rel, eng in english.items():
            total = eng.field_count()
            done = stale = 0
            for key, entry in eng.entries.items():
                got = tr.entry(rel, key)
                done += sum(1 for name in entry.fields if got.get(name))
            stale = _stale_count(root, lang, rel, eng)
            left += (total - done) + stale
            if total - done or stale or args.all:
                print(f"{lang}  {rel:34} {done:4}/{total:<4} translated  {stale} stale")
        for rel in tr.unreadable:
            print(f"{lang}  {rel}: cannot be read (run actip validate)")
            left += 1
    print(f"{left} texts left to translate or review", file=sys.stderr)
    return 1 if args.fail and left else 0


def _stale_count(root: Path, lang: str, rel: str, eng: object) -> int:
    from actip_cli import yamlio

    path = i18n.translation_folder(root, lang) / rel
    if not path.exists():
        return 0
    try:
        data = yamlio.load(path).data
    except ActipError:
        return 0
    entries = data.get("entries") if isinstance(data, dict) else None
    count = 0
    for key, entry in (entries or {}).items():
        source = eng.entries.get(key)  # type: ignore[attr-defined]
        if source is not None and isinstance(entry, dict) and entry.get("from") != source.fingerprint:
            count += any(isinstance(v, str) and v.strip() for v in i18n.flatten_entry(entry).values())
    return count


def cmd_extract(_args: argparse.Namespace) -> int:
    found = po.extract(po.source_files(PACKAGE))
    for lang in LANGS:
        path = _po_path(lang)
        existing = po.parse_po(path.read_text("utf-8"), str(path)) if path.exists() else []
        updated = po.update_po(existing, found, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = po.render_po(updated)
        if not path.exists() or path.read_text("utf-8") != text:
            from actip_cli.yamlio import write_text

            write_text(path, text)
        todo = sum(1 for m in updated if m.msgid and not m.obsolete and not m.translated)
        print(f"{path.relative_to(REPO)}: {len(found)} messages, {todo} to translate", file=sys.stderr)
    return 0


def cmd_compile(_args: argparse.Namespace) -> int:
    for lang in LANGS:
        path = _po_path(lang)
        data = po.compile_mo(po.parse_po(path.read_text("utf-8"), str(path)))
        target = path.with_suffix(".mo")
        if not target.exists() or target.read_bytes() != data:
            tmp = target.with_suffix(".mo.tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
        print(f"{target.relative_to(REPO)}: compiled", file=sys.stderr)
    return 0


def cmd_check(_args: argparse.Namespace) -> int:
    found = {f.msgid for f in po.extract(po.source_files(PACKAGE))}
    failures = 0
    for lang in LANGS:
        path = _po_path(lang)
        messages = po.parse_po(path.read_text("utf-8"), str(path))
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != po.compile_mo(messages):
            print(f"{mo.relative_to(REPO)}: out of date; run: python scripts/translations.py compile", file=sys.stderr)
            failures += 1
        known = {m.msgid for m in messages if not m.obsolete}
        for msgid in sorted(found - known):
            print(f"{path.relative_to(REPO)}: not extracted yet: {msgid[:60]!r}; run: python scripts/translations.py extract",
                  file=sys.stderr)
            failures += 1
        for problem in po.placeholder_problems(messages):
            print(f"{path.relative_to(REPO)}: {problem}", file=sys.stderr)
            failures += 1
        for m in messages:
            if m.msgid and not m.obsolete and not m.translated:
                print(f"{path.relative_to(REPO)}: untranslated: {m.msgid[:60]!r}", file=sys.stderr)
                failures += 1
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="translations.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--catalog", type=Path, default=REPO / "obligations", help="catalog folder (default: obligations/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sk = sub.add_parser("skeleton", help="write or update translation files")
    sk.add_argument("lang")
    sk.add_argument("files", nargs="*", help="English files, relative to the catalog folder")
    sk.add_argument("--all", action="store_true", help="every English catalog file")
    st = sub.add_parser("status", help="translation problems per file")
    st.add_argument("langs", nargs="*")
    st.add_argument("--fail", action="store_true", help="exit 1 when anything is left")
    st.add_argument("--all", action="store_true", help="list complete files too")
    sub.add_parser("extract", help="collect interface messages into the .po files")
    sub.add_parser("compile", help="compile the .po files into .mo")
    sub.add_parser("check", help="check the .mo files are current and the .po files complete")
    args = parser.parse_args(argv)
    if getattr(args, "lang", None) is not None and (args.lang == i18n.REFERENCE or not args.lang.isalpha()):
        parser.error(f"'{args.lang}' is not a translation language (use vi or id)")
    handlers = {"skeleton": cmd_skeleton, "status": cmd_status, "extract": cmd_extract, "compile": cmd_compile, "check": cmd_check}
    try:
        return handlers[args.command](args)
    except ActipError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"  hint: {exc.hint}", file=sys.stderr)
        return int(exc.exit_code)


if __name__ == "__main__":
    sys.exit(main())
