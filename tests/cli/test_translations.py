"""The language options through the CLI: validate --require-lang, list/show --lang, ACTIP_LANG, locale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from translated_catalog import build

from actip_cli import yamlio


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    return build(tmp_path / "catalog")


def test_validate_require_lang_passes_on_complete_translations(run, translated: Path) -> None:
    result = run("--obligations", str(translated), "validate", "--require-lang", "vi", "--require-lang", "id")
    assert result.stdout == ""
    assert "0 errors, 0 warnings" in result.stderr


def test_missing_translation_is_a_warning_and_an_error_when_required(run, translated: Path) -> None:
    target = translated / "i18n" / "vi" / "articles" / "article-14.yaml"
    data = yamlio.load(target).data
    data["entries"]["ACTIP-14.1"]["questions"]["de_facto"] = ""
    target.write_text(yamlio.dump(data), "utf-8")
    english = yamlio.load(translated / "articles" / "article-14.yaml")
    line, column = english.positions[("obligations", 0, "questions", "de_facto")]
    where = f"{translated / 'articles' / 'article-14.yaml'}:{line}:{column}"

    relaxed = run("--obligations", str(translated), "validate", code=0)
    assert f"{where}: warning: the Vietnamese translation of ACTIP-14.1 'questions.de_facto' is empty in {target}" in relaxed.stdout

    strict = run("--obligations", str(translated), "validate", "--require-lang", "vi", code=1)
    assert f"{where}: error:" in strict.stdout and "[translation-empty]" in strict.stdout
    # Indonesian is complete: requiring it alone passes.
    run("--obligations", str(translated), "validate", "--require-lang", "id", code=0)


def test_stale_translation_reported_in_json(run, translated: Path) -> None:
    article = translated / "articles" / "article-14.yaml"
    article.write_text(article.read_text("utf-8").replace("Physical safety", "Physical safety of victims"), "utf-8")
    result = run("--obligations", str(translated), "validate", "--format", "json", "--require-lang", "id", code=1)
    stale = [p for p in json.loads(result.stdout) if p["rule"] == "translation-stale"]
    assert {(Path(p["path"]).parts[-3], p["severity"]) for p in stale} == {("vi", "warning"), ("id", "error")}


def test_require_lang_english_is_a_usage_error(run, translated: Path) -> None:
    result = run("--obligations", str(translated), "validate", "--require-lang", "en", code=2)
    assert "not a translation language" in result.stderr


def test_require_lang_without_translations_fails(run, mini_args) -> None:
    result = run(*mini_args("validate", "--require-lang", "vi"), code=1)
    assert "no Vietnamese translation of this file" in result.stdout


def test_list_lang_vi_shows_vietnamese_titles(run, translated: Path) -> None:
    result = run("--obligations", str(translated), "list", "--lang", "vi", "--article", "14")
    assert "Xác định nạn nhân" in result.stdout
    assert "Identifying victims" not in result.stdout
    as_json = json.loads(run("--obligations", str(translated), "--lang", "vi", "list", "--format", "json").stdout)
    first = next(o for o in as_json if o["id"] == "ACTIP-14.1")
    assert first["title"] == "Xác định nạn nhân" and first["modality"] == "mandatory"
    assert result.stderr == ""  # complete: no fallback note


def test_show_lang_id(run, translated: Path) -> None:
    result = run("--obligations", str(translated), "show", "ACTIP-14.1", "--lang", "id")
    assert "Identifikasi korban" in result.stdout
    assert "Apakah identifikasi korban sudah diatur dalam undang-undang?" in result.stdout


def test_language_from_environment_and_locale(run, translated: Path) -> None:
    by_env = run("--obligations", str(translated), "list", "--article", "14", env={"ACTIP_LANG": "id"})
    assert "Identifikasi korban" in by_env.stdout
    by_locale = run("--obligations", str(translated), "list", "--article", "14", env={"LANG": "vi_VN.UTF-8"})
    assert "Xác định nạn nhân" in by_locale.stdout
    option_wins = run("--obligations", str(translated), "list", "--article", "14", "--lang", "en", env={"ACTIP_LANG": "vi"})
    assert "Identifying victims" in option_wins.stdout


def test_missing_translation_falls_back_to_english_and_says_so_once(run, tmp_path: Path) -> None:
    root = build(tmp_path / "partial", ("vi",), complete=False)
    result = run("--obligations", str(root), "show", "14", "--lang", "vi")
    assert "Xác định nạn nhân" in result.stdout  # translated
    assert "Physical safety" in result.stdout  # not translated: English
    notes = [line for line in result.stderr.splitlines() if "tiếng Việt" in line]
    assert notes == ["lưu ý: Một số nội dung chưa có bằng tiếng Việt; phần đó được hiển thị bằng tiếng Anh."]


def test_unknown_language_is_a_usage_error(run, mini_args) -> None:
    result = run(*mini_args("list", "--lang", "fr"), code=2)
    assert "unknown language 'fr'" in result.stderr and "Traceback" not in result.stderr
    result = run(*mini_args("list"), env={"ACTIP_LANG": "xx"}, code=2)
    assert "ACTIP_LANG" in result.stderr


def test_bilingual_view_shows_the_second_language_beneath(run, translated: Path) -> None:
    listed = run("--obligations", str(translated), "list", "--article", "14", "--lang=vi,en").stdout
    assert "Xác định nạn nhân" in listed and "Identifying victims" in listed
    shown = run("--obligations", str(translated), "show", "ACTIP-14.1", "--lang", "vi,en").stdout
    assert shown.index("Xác định nạn nhân") < shown.index("Identifying victims")
    assert "Is identifying victims in law?" in shown and "Việc xác định nạn nhân" in shown
    single = run("--obligations", str(translated), "show", "ACTIP-14.1", "--lang", "vi").stdout
    assert "Identifying victims" not in single


def test_lang_after_double_dash_is_not_taken(run, mini_args) -> None:
    result = run(*mini_args("show", "--", "--lang"), code=2)
    assert "no obligation --lang" in result.stderr


def test_help_in_the_chosen_language(run) -> None:
    vi = run("list", "--help", "--lang", "vi").stdout
    assert "Liệt kê các điều và nghĩa vụ của Công ước" in vi and "Chỉ điều này; có thể dùng nhiều lần." in vi
    english = run("list", "--help").stdout  # the same command objects, back in English
    assert "List the treaty's articles and obligations" in english and "Liệt kê" not in english
    top = run("--help", env={"ACTIP_LANG": "id"}).stdout
    assert "Menilai suatu negara berdasarkan Konvensi ASEAN" in top


def test_interface_messages_in_vietnamese_and_indonesian(run, translated: Path) -> None:
    vi = run("--obligations", str(translated), "show", "ACTIP-14.1", "--lang", "vi").stdout
    assert "khoản 1 Điều 14" in vi and "Mức độ ràng buộc: [vi] binding: 'shall'" in vi and "0 none (chưa có):" in vi
    idn = run("--obligations", str(translated), "show", "ACTIP-14.1", "--lang", "id").stdout
    assert "Pasal 14 ayat (1)" in idn and "Dalam hukum (keluaran):" in idn
    error = run("--obligations", str(translated), "show", "99", "--lang", "vi", code=2).stderr
    assert error == "lỗi: danh mục không có Điều 99\n  gợi ý: các điều được đánh số từ 1 đến 31\n"


def test_english_output_is_unchanged_by_the_message_catalog(run, mini_args) -> None:
    out = run(*mini_args("show", "ACTIP-14.1")).stdout
    assert "ACTIP-14.1  Art. 14(1)  Identifying victims" in out and "  0 none: Nothing." in out
    assert "If this is a gap: urge - Put identifying victims in place." in out
