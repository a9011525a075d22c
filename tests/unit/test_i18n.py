"""Languages: choosing one, fingerprints, localizing the catalog, staleness, skeletons, gettext files."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from translated_catalog import build

from actip_cli import catalog as catalog_mod
from actip_cli import i18n, po, yamlio
from actip_cli.errors import UsageProblem
from actip_cli.translation_check import check_translations
from actip_cli.translation_skeleton import _field, skeleton_text, write_skeleton

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "src" / "actip_cli" / "locale"


# --- choosing the language ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        (None, {}, ("en",)),
        ("vi", {"ACTIP_LANG": "id", "LANG": "en_US.UTF-8"}, ("vi",)),
        (None, {"ACTIP_LANG": "id", "LANG": "vi_VN.UTF-8"}, ("id",)),
        (None, {"ACTIP_LANG": "  ", "LANG": "vi_VN.UTF-8"}, ("vi",)),
        (None, {"LANG": "vi_VN.UTF-8"}, ("vi",)),
        (None, {"LC_ALL": "id_ID.UTF-8", "LC_MESSAGES": "vi_VN", "LANG": "en_GB"}, ("id",)),
        (None, {"LC_MESSAGES": "vi_VN", "LANG": "id_ID"}, ("vi",)),
        (None, {"LC_ALL": "C", "LANG": "vi_VN.UTF-8"}, ("en",)),  # the first variable set decides
        (None, {"LANG": "fr_FR.UTF-8"}, ("en",)),  # unsupported locale: English, no error
        (None, {"LANG": "in_ID"}, ("id",)),  # the old code for Indonesian
        ("vi,en", {}, ("vi", "en")),
        ("VI-VN", {}, ("vi",)),
        ("vi,vi", {}, ("vi",)),
    ],
)
def test_choose_languages(option: str | None, env: dict[str, str], expected: tuple[str, ...]) -> None:
    assert i18n.choose_languages(option, env) == expected


@pytest.mark.parametrize(("option", "env"), [("fr", {}), (None, {"ACTIP_LANG": "klingon"}), ("vi,id,en", {}), (",", {})])
def test_explicit_unsupported_language_is_a_usage_problem(option: str | None, env: dict[str, str]) -> None:
    with pytest.raises(UsageProblem) as caught:
        i18n.choose_languages(option, env)
    assert caught.value.exit_code == 2


# --- fingerprints --------------------------------------------------------------------------


def test_fingerprint_is_the_documented_hash() -> None:
    import hashlib

    fields = {"title": "Identifying victims", "questions.de_jure": "Is it  in\nlaw?"}
    canonical = "questions.de_jure=Is it in law?\ntitle=Identifying victims"
    assert i18n.canonical_text(fields) == canonical
    assert i18n.fingerprint(fields) == hashlib.sha256(canonical.encode()).hexdigest()[:8]


def test_fingerprint_changes_with_the_text_and_the_field_but_not_the_wrapping() -> None:
    base = {"title": "Identifying victims", "summary": "A country must identify victims."}
    assert i18n.fingerprint(base) == i18n.fingerprint({"summary": "A country must\n  identify victims. ", "title": "Identifying victims"})
    assert i18n.fingerprint(base) != i18n.fingerprint({**base, "title": "Identifying victims quickly"})
    assert i18n.fingerprint(base) != i18n.fingerprint({"name": base["title"], "summary": base["summary"]})
    assert i18n.fingerprint(base) == i18n.fingerprint({**base, "qualifier": "   "})  # empty English is not translatable


@settings(max_examples=60)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=12), min_size=1, max_size=8),
       st.lists(st.sampled_from([" ", "\n", "  ", "\n  "]), min_size=8, max_size=8))
def test_fingerprint_ignores_how_words_are_spaced(words: list[str], gaps: list[str]) -> None:
    one = " ".join(words)
    other = "".join(w + gaps[i % len(gaps)] for i, w in enumerate(words))
    assert i18n.fingerprint({"summary": one}) == i18n.fingerprint({"summary": other})


def test_english_entries_of_an_article(mini_catalog) -> None:
    doc = yamlio.load(Path(mini_catalog.root) / "articles" / "article-14.yaml")
    entries = i18n.english_entries("article_file", doc.data)
    assert list(entries) == ["article", "ACTIP-14.1", "ACTIP-14.4", "ACTIP-14.5"]
    first = entries["ACTIP-14.1"]
    assert first.texts["title"] == "Identifying victims"
    assert first.fields["questions.de_jure"][0] == ("obligations", 0, "questions", "de_jure")
    assert first.fields["recommendation"][1] == "Put identifying victims in place."
    assert "qualifier" in entries["ACTIP-14.4"].fields and "qualifier" not in first.fields


# --- the catalog in another language -------------------------------------------------------


def test_localize_translates_field_by_field_and_falls_back_to_english(tmp_path: Path) -> None:
    root = build(tmp_path / "c", complete=False)
    english = catalog_mod.load_catalog(root)
    notices: list[str] = []
    i18n.activate("vi", notice=notices.append)
    vi = i18n.localize(english, "vi")
    o = vi.obligations["ACTIP-14.1"]
    assert o.title == "Xác định nạn nhân"
    assert o.de_jure_question.startswith("Việc xác định nạn nhân")
    assert o.recommendation_text == "Thiết lập quy trình xác định nạn nhân."
    assert o.summary == english.obligations["ACTIP-14.1"].summary  # not translated: English
    assert vi.article(14).title == "Điều 14 của danh mục thử nghiệm"
    assert vi.chapter("IV").title == "Bảo vệ"
    assert vi.language == "vi"
    # Structure, IDs, ratings and weights do not change.
    assert list(vi.obligations) == list(english.obligations)
    assert o.modality == "mandatory" and o.indicators == english.obligations["ACTIP-14.1"].indicators
    assert vi.modalities["mandatory"].weight == english.modalities["mandatory"].weight
    # The English name of a country stays accepted.
    viet = vi.country("VNM")
    assert viet.name == "Việt Nam"
    assert english.country("VNM").name in viet.aliases
    assert len(notices) == 1 and "tiếng Việt" in notices[0]
    # English in, English out: no copy, nothing read.
    assert i18n.localize(english, "en") is english


def test_localize_covers_every_translatable_field(tmp_path: Path) -> None:
    """With every field translated, no text of the model is left in English: localize and
    english_entries agree on what is translatable."""
    root = build(tmp_path / "c", ("id",))
    english = catalog_mod.load_catalog(root)
    notices: list[str] = []
    i18n.activate("id", notice=notices.append)
    loc = i18n.localize(english, "id")
    assert notices == []
    texts: list[tuple[str, str]] = []
    for o in loc.obligations.values():
        texts += [(o.id, t) for t in (o.title, o.summary, o.basis, o.qualifier, o.de_jure_question, o.de_facto_question, o.recommendation_text)]
        if o.guidance:
            texts += [(o.id, o.guidance.for_rating(r)) for r in ("none", "initial", "partial", "substantial", "full")]
            texts.append((o.id, o.guidance.evidence))
        if o.relevant_if:
            texts.append((o.id, o.relevant_if.reason))
        texts += [(o.id, m.note) for m in o.mappings]
    for a in loc.articles:
        texts += [(f"art{a.number}", t) for t in (a.title, a.summary, a.basis)] + [(f"art{a.number}", nd.reason) for nd in a.no_duty]
    texts += [(c.id, t) for c in loc.chapters for t in (c.title, c.basis)]
    texts += [(m.name, t) for m in loc.modalities.values() for t in (m.label, m.explanation)]
    texts += [(i.id, t) for i in loc.indicators.values() for t in (i.name, i.unit, i.description, i.caveat)]
    texts += [(r.id, t) for r in loc.recommendations.values() for t in (r.label, r.theme, r.text)]
    texts += [(f.id, f.finding) for f in loc.findings]
    texts += [(c.iso3, t) for c in loc.countries for t in (c.name, c.official_name)]
    texts += [("catalog", loc.title)]
    untranslated = [(where, t) for where, t in texts if t and not t.startswith("[id] ") and t not in ("Identifikasi korban", "Perlindungan")
                    and not t.startswith("Apakah")]
    assert untranslated == []


def test_a_broken_translation_file_falls_back_with_a_notice(tmp_path: Path) -> None:
    root = build(tmp_path / "c", ("vi",))
    (root / "i18n" / "vi" / "indicators.yaml").write_text("entries: [oops", "utf-8")
    notices: list[str] = []
    i18n.activate("vi", notice=notices.append)
    english = catalog_mod.load_catalog(root)
    loc = i18n.localize(english, "vi")
    assert loc.indicators["investigations"].name == english.indicators["investigations"].name
    assert loc.obligations["ACTIP-14.1"].title == "Xác định nạn nhân"
    assert len(notices) == 1


# --- the translation check -----------------------------------------------------------------


def _rules(problems) -> list[tuple[str, str]]:
    return [(p.severity, p.rule) for p in problems]


def test_complete_translations_pass(tmp_path: Path) -> None:
    root = build(tmp_path / "c")
    cat = catalog_mod.load_catalog(root)
    assert check_translations(cat, root, str(root), required=["vi", "id"]) == []


def test_changed_english_makes_the_translation_possibly_stale(tmp_path: Path) -> None:
    root = build(tmp_path / "c")
    article = root / "articles" / "article-14.yaml"
    article.write_text(article.read_text("utf-8").replace("title: Identifying victims", "title: Identifying victims quickly"), "utf-8")
    cat = catalog_mod.load_catalog(root)
    problems = check_translations(cat, root, str(root))
    stale = [p for p in problems if p.rule == "translation-stale"]
    assert sorted((p.path.split("i18n/")[1], p.severity) for p in stale) == [("id/articles/article-14.yaml", "warning"),
                                                                            ("vi/articles/article-14.yaml", "warning")]
    entry = i18n.english_entries("article_file", yamlio.load(article).data)["ACTIP-14.1"]
    assert all(entry.fingerprint in p.message for p in stale)
    required = check_translations(cat, root, str(root), required=["vi"])
    assert {p.severity for p in required if p.rule == "translation-stale" and "/vi/" in p.path} == {"error"}
    assert {p.severity for p in required if p.rule == "translation-stale" and "/id/" in p.path} == {"warning"}


def test_missing_empty_unknown_and_extra_are_located(tmp_path: Path) -> None:
    root = build(tmp_path / "c", ("vi",))
    target = root / "i18n" / "vi" / "articles" / "article-14.yaml"
    data = yamlio.load(target).data
    data["entries"]["ACTIP-14.1"]["summary"] = ""
    del data["entries"]["ACTIP-14.4"]
    data["entries"]["ACTIP-14.9"] = {"from": "00000000", "title": "?"}
    data["entries"]["ACTIP-14.5"]["qualifier"] = "không có"
    target.write_text(yamlio.dump(data), "utf-8")
    (root / "i18n" / "vi" / "indicators.yaml").unlink()
    cat = catalog_mod.load_catalog(root)
    problems = check_translations(cat, root, str(root))
    english14 = yamlio.load(root / "articles" / "article-14.yaml")
    by_rule = {p.rule: p for p in problems}
    empty = by_rule["translation-empty"]
    assert (empty.path, empty.line, empty.column) == (str(root / "articles" / "article-14.yaml"),
                                                      *english14.positions[("obligations", 0, "summary")])
    assert str(target) in empty.message
    missing = [p for p in problems if p.rule == "translation-missing"]
    assert any("ACTIP-14.4" in p.message for p in missing)
    assert any(p.path.endswith("indicators.yaml") and "skeleton vi indicators.yaml" in p.message for p in missing)
    assert "ACTIP-14.9" in by_rule["translation-unknown-entry"].message
    assert by_rule["translation-unknown-entry"].path == str(target) and by_rule["translation-unknown-entry"].line > 0
    assert "qualifier" in by_rule["translation-extra-field"].message
    assert {p.severity for p in problems} == {"warning"}


def test_malformed_translation_files_are_errors_with_lines(tmp_path: Path) -> None:
    root = build(tmp_path / "c", ("vi",))
    folder = root / "i18n" / "vi"
    (folder / "indicators.yaml").write_text(
        "actip_translation: 1\nlanguage: id\ntranslates: indicators.yaml\nentries:\n  investigations:\n    from: nothex!\n    nmae: x\n", "utf-8")
    (folder / "articles" / "article-05.yaml").write_text(
        "actip_translation: 1\nlanguage: vi\ntranslates: articles/article-14.yaml\nentries: {}\n", "utf-8")
    (folder / "nothing.yaml").write_text("actip_translation: 1\nlanguage: vi\ntranslates: nothing.yaml\nentries: {}\n", "utf-8")
    (folder / "broken.yaml").write_text("entries: [", "utf-8")
    cat = catalog_mod.load_catalog(root)
    problems = [p for p in check_translations(cat, root, str(root)) if p.severity == "error"]
    where = {(Path(p.path).name, p.line, p.rule) for p in problems}
    assert ("indicators.yaml", 6, "schema-pattern") in where
    assert ("indicators.yaml", 7, "schema-unknown-key") in where
    assert ("article-05.yaml", 3, "translation-file") in where
    assert ("nothing.yaml", 1, "translation-file") in where
    assert any(name == "broken.yaml" and rule == "read" for name, _, rule in where)


# --- skeletons ------------------------------------------------------------------------------


def test_skeleton_lists_every_field_with_english_comments(tmp_path: Path) -> None:
    root = build(tmp_path / "c", ("vi",), listed=False, complete=False)
    result = write_skeleton(root, "id", "articles/article-14.yaml")
    text = result.path.read_text("utf-8")
    assert "    # title: Identifying victims\n    title: \"\"" in text
    data = yamlio.load(result.path).data
    english = i18n.english_entries("article_file", yamlio.load(root / "articles" / "article-14.yaml").data)
    assert {k: v["from"] for k, v in data["entries"].items()} == {k: e.fingerprint for k, e in english.items()}
    assert (result.entries, result.translated, result.stale) == (4, 0, 0)


def test_skeleton_keeps_translations_marks_stale_and_keeps_orphans(tmp_path: Path) -> None:
    root = build(tmp_path / "c", ("vi",))
    rel = "articles/article-14.yaml"
    target = root / "i18n" / "vi" / rel
    data = yamlio.load(target).data
    data["entries"]["ACTIP-14.7"] = {"from": "00000000", "title": "Đã xoá"}
    data["entries"]["ACTIP-14.1"]["note"] = "thuật ngữ theo Luật 53/2024/QH15"
    target.write_text(yamlio.dump(data), "utf-8")
    article = root / rel
    article.write_text(article.read_text("utf-8").replace("Test duty ACTIP-14.1.", "Test duty ACTIP-14.1, revised."), "utf-8")
    text, result = skeleton_text(root, "vi", rel)
    assert (result.stale, result.orphaned, result.translated) == (1, 1, 4)
    assert "# STALE" in text and "#   ACTIP-14.7:" in text
    target.write_text(text, "utf-8")
    again = yamlio.load(target).data["entries"]
    assert again["ACTIP-14.1"]["title"] == "Xác định nạn nhân"
    assert again["ACTIP-14.1"]["note"].startswith("thuật ngữ")
    assert again["ACTIP-14.1"]["from"] == data["entries"]["ACTIP-14.1"]["from"]  # old from kept: still reported
    assert "ACTIP-14.7" not in again
    # Idempotent: a second run changes nothing.
    assert skeleton_text(root, "vi", rel)[0] == text


@settings(max_examples=150)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029\ufeff"), max_size=300))
def test_skeleton_fields_round_trip_exactly(text: str) -> None:
    written = _field("summary", text, 4)
    assert all(line.startswith("    ") for line in written)
    lines = ["entries:", "  x:", *written]
    data = yamlio.load(Path("t.yaml"), text="\n".join(lines) + "\n").data
    assert data["entries"]["x"]["summary"] == text


# --- gettext ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "id"])
def test_compiled_mo_matches_its_po(lang: str) -> None:
    po_path = LOCALE / lang / "LC_MESSAGES" / "actip.po"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.read_bytes() == po.compile_mo(po.parse_po(po_path.read_text("utf-8"), str(po_path))), \
        "run: python scripts/translations.py compile"


@pytest.mark.parametrize("lang", ["vi", "id"])
def test_every_interface_message_is_extracted_and_translated(lang: str) -> None:
    po_path = LOCALE / lang / "LC_MESSAGES" / "actip.po"
    messages = po.parse_po(po_path.read_text("utf-8"), str(po_path))
    known = {m.msgid for m in messages if not m.obsolete}
    in_source = {f.msgid for f in po.extract(po.source_files(REPO / "src" / "actip_cli"))}
    assert sorted(in_source - known) == [], "run: python scripts/translations.py extract"
    assert [m.msgid for m in messages if m.msgid and not m.obsolete and not m.translated] == []


@pytest.mark.parametrize("lang", ["vi", "id"])
def test_translations_keep_every_placeholder(lang: str) -> None:
    po_path = LOCALE / lang / "LC_MESSAGES" / "actip.po"
    assert po.placeholder_problems(po.parse_po(po_path.read_text("utf-8"), str(po_path))) == []


def test_placeholder_check_catches_a_dropped_field() -> None:
    bad = po.Message("Saved {path}", ["Đã lưu {duong_dan}"])
    good = po.Message("{n} file", ["{n} tệp"], "{n} files")
    braces = po.Message("leave {{}}", ["để nguyên {}"])
    assert len(po.placeholder_problems([bad, good, braces])) == 2


def test_po_parse_compile_round_trip_through_gettext(tmp_path: Path) -> None:
    source = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        '# a translator comment\n#: x.py:1\nmsgid "Saved {path}"\nmsgstr "Đã lưu {path}"\n\n'
        'msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} tệp"\n\n'
        'msgctxt "rating"\nmsgid "full"\nmsgstr "đầy đủ"\n\n'
        '#, fuzzy\nmsgid "Maybe"\nmsgstr "Có lẽ"\n\n'
        'msgid ""\n"Two\\n"\n"lines"\nmsgstr ""\n"Hai\\n"\n"dòng"\n\n'
        '#~ msgid "Old"\n#~ msgstr "Cũ"\n'
    )
    messages = po.parse_po(source)
    assert [m.msgid for m in messages] == ["", "Saved {path}", "{n} file", "full", "Maybe", "Two\nlines", "Old"]
    assert messages[1].comments == ["a translator comment"] and messages[-1].obsolete
    mo = tmp_path / "t.mo"
    mo.write_bytes(po.compile_mo(messages))
    with mo.open("rb") as handle:
        t = gettext.GNUTranslations(handle)
    assert t.gettext("Saved {path}") == "Đã lưu {path}"
    assert t.ngettext("{n} file", "{n} files", 5) == "{n} tệp"
    assert t.pgettext("rating", "full") == "đầy đủ"
    assert t.gettext("Maybe") == "Maybe"  # fuzzy entries are not compiled
    assert t.gettext("Two\nlines") == "Hai\ndòng"
    assert t.gettext("Old") == "Old"
    assert po.parse_po(po.render_po(messages)) == messages


def test_extract_finds_marked_strings_and_command_docstrings() -> None:
    source = (
        "from actip_cli.i18n import _, N_, ngettext\n"
        "X = N_('Gaps')\n"
        "@app.command()\n"
        "def report():\n    '''Write the gap report.\n\n    More.\n    '''\n    print(_('Saved'))\n"
        "    ngettext('{n} gap', '{n} gaps', 2)\n    _(f'not {X}')\n"
    )
    found = {f.msgid: f for f in po.extract([("m.py", source)])}
    assert set(found) == {"Gaps", "Write the gap report.\n\nMore.", "Saved", "{n} gap"}
    assert found["{n} gap"].plural == "{n} gaps"
    assert found["Saved"].references == ["m.py:9"]


def test_interface_messages_follow_the_active_language() -> None:
    notices: list[str] = []
    i18n.activate("vi", notice=notices.append)
    assert i18n.active_language() == "vi"
    assert i18n._("no message like this one") == "no message like this one"
    assert i18n._("another missing one") == "another missing one"
    assert len(notices) == 1
    i18n.activate("en")
    assert i18n._("Some text is not yet available in {language}; it is shown in English.").startswith("Some text")


def test_mo_files_ship_in_the_package() -> None:
    """hatchling packs what git does not ignore under src/actip_cli: the .mo files must not be ignored."""
    mos = sorted(LOCALE.glob("*/LC_MESSAGES/actip.mo"))
    assert [p.parent.parent.name for p in mos] == ["id", "vi"]
    ignored = subprocess.run(["git", "check-ignore", *map(str, mos)], cwd=REPO, capture_output=True, text=True)
    assert ignored.stdout == ""


@pytest.mark.slow
def test_wheel_contains_the_compiled_messages(tmp_path: Path) -> None:
    """A non-editable build (pip fetches hatchling into an isolated build environment)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(REPO)], check=True, capture_output=True)
    import zipfile

    wheel = next(tmp_path.glob("actip_cli-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("vi", "id"):
        assert f"actip_cli/locale/{lang}/LC_MESSAGES/actip.mo" in names
        assert any(n.startswith(f"actip_cli/obligations/i18n/{lang}/") for n in names)


def test_fingerprints_that_look_like_numbers_stay_text() -> None:
    from actip_cli.translation_skeleton import _scalar

    assert yamlio.load(Path("t.yaml"), text=f"from: {_scalar('12345678')}\n").data == {"from": "12345678"}


# --- the shipped catalog ------------------------------------------------------------------------

SHIPPED = REPO / "obligations"
CATALOG_WIDE = ("catalog.yaml", "countries.yaml", "indicators.yaml", "recommendations.yaml", "findings.yaml")


def test_shipped_catalog_wide_files_are_translated(shipped_catalog) -> None:
    problems = check_translations(shipped_catalog, SHIPPED, "obligations", required=["vi", "id"])
    wide = [p for p in problems if any(p.path.endswith("/" + name) for name in CATALOG_WIDE)]
    assert wide == []


def test_shipped_indonesian_thesis_recommendations_are_the_thesis_words(shipped_catalog) -> None:
    loc = i18n.localize(shipped_catalog, "id")
    for rid in ("thesis-a", "thesis-b"):
        english = shipped_catalog.recommendations[rid]
        assert english.original_lang == "id"
        assert i18n.normalise_text(loc.recommendations[rid].text) == i18n.normalise_text(english.original_text)


def test_translations_are_read_as_nfc(tmp_path: Path) -> None:
    import unicodedata

    root = build(tmp_path / "c", ("vi",))
    target = root / "i18n" / "vi" / "articles" / "article-14.yaml"
    decomposed = unicodedata.normalize("NFD", "Xác định nạn nhân")
    target.write_text(target.read_text("utf-8").replace("Xác định nạn nhân", decomposed), "utf-8")
    loc = i18n.localize(catalog_mod.load_catalog(root), "vi")
    assert loc.obligations["ACTIP-14.1"].title == "Xác định nạn nhân"
