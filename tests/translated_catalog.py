"""Build a translated copy of the mini test catalog (for the i18n tests).

Translations are generated against the copy's own English, so `from` always matches and
a test can then change one thing (an English text, a translated field) and see the effect.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from actip_cli import i18n, yamlio
from actip_cli.catalog import catalog_files, file_kind

MINI = Path(__file__).resolve().parent / "data" / "catalogs" / "mini"

# Real wording for a few items, so that tests read like what users see.
TEXTS: dict[str, dict[str, dict[str, dict[str, str]]]] = {
    "vi": {
        "articles/article-14.yaml": {
            "article": {"title": "Điều 14 của danh mục thử nghiệm"},
            "ACTIP-14.1": {
                "title": "Xác định nạn nhân",
                "questions.de_jure": "Việc xác định nạn nhân đã được quy định trong pháp luật chưa?",
                "recommendation": "Thiết lập quy trình xác định nạn nhân.",
            },
        },
        "countries.yaml": {"VNM": {"name": "Việt Nam"}},
        "catalog.yaml": {"IV": {"title": "Bảo vệ"}},
    },
    "id": {
        "articles/article-14.yaml": {
            "ACTIP-14.1": {"title": "Identifikasi korban", "questions.de_jure": "Apakah identifikasi korban sudah diatur dalam undang-undang?"},
        },
        "catalog.yaml": {"IV": {"title": "Perlindungan"}},
    },
}


def unflatten(fields: dict[str, str]) -> dict[str, Any]:
    """Dotted field names back into the nested form of a translation entry."""
    out: dict[str, Any] = {}
    for name, text in fields.items():
        group, _, sub = name.partition(".")
        if sub:
            out.setdefault(group, {})[sub] = text
        else:
            out[group] = text
    return out


def build(dest: Path, langs: tuple[str, ...] = ("vi", "id"), *, complete: bool = True, listed: bool = True) -> Path:
    """Copy the mini catalog to dest and add translations into `langs`: the wording in TEXTS,
    and '[lang] <English>' for every other field when `complete`."""
    shutil.copytree(MINI, dest)
    if listed:
        manifest = dest / "catalog.yaml"
        manifest.write_text(manifest.read_text("utf-8").replace("languages: [en]", f"languages: [en, {', '.join(langs)}]"), "utf-8")
    for path in catalog_files(dest):
        rel = path.relative_to(dest).as_posix()
        data = yamlio.load(path).data
        entries = i18n.english_entries(file_kind(data) or "", data)
        for lang in langs:
            given = TEXTS.get(lang, {}).get(rel, {})
            out: dict[str, Any] = {}
            for key, entry in entries.items():
                fields = {name: given.get(key, {}).get(name) or (f"[{lang}] {text}" if complete else "")
                          for name, text in entry.texts.items()}
                fields = {k: v for k, v in fields.items() if v}
                if fields:
                    out[key] = {"from": entry.fingerprint, **unflatten(fields)}
            if out:
                target = dest / "i18n" / lang / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(yamlio.dump({"actip_translation": 1, "language": lang, "translates": rel, "entries": out}), "utf-8")
    return dest
