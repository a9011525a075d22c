"""Problems found in files, in the interface language: validate, report, merge under --lang."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actip_cli import i18n, schema
from tests.conftest import write

GOLDEN = Path(__file__).resolve().parents[1] / "golden"

BAD_ANSWERS = """\
actip_answers: 1
country: VNM
period: 2025
catalog: {version: "2026.11"}
answers:
  ACTIP-14.1:
    de_facto: yes
  ACTIP-99.1:
    de_jure: full
"""


@pytest.fixture
def bad_answers(tmp_path: Path) -> Path:
    return write(tmp_path / "input.yaml", BAD_ANSWERS)


def test_validate_in_vietnamese_keeps_the_place_the_rule_and_the_exit_code(run, mini_args, bad_answers: Path) -> None:
    english = run(*mini_args("validate", str(bad_answers)), code=1)
    result = run(*mini_args("--lang", "vi", "validate", str(bad_answers)), code=english.exit_code)
    lines = result.stdout.splitlines()
    assert lines == [
        f"{bad_answers}:7:15: lỗi: 'yes' không được phép ở đây; hãy dùng một trong các giá trị: "
        "none, initial, partial, substantial, full, unknown, not-applicable [schema-enum]",
        f"{bad_answers}:8:3: lỗi: khóa 'ACTIP-99.1' không phải là một mã nghĩa vụ (ACTIP-, số điều từ 1 đến 31, "
        "số khoản, và chữ cái của điểm nếu có: ACTIP-14.1, ACTIP-5.2.a) [schema-pattern]",
    ]
    assert "đã kiểm tra 1 tệp: 2 lỗi, 0 cảnh báo" in result.stderr
    # The English is what it always was.
    assert english.stdout.splitlines()[0] == (
        f"{bad_answers}:7:15: error: 'yes' is not allowed here; use one of: "
        "none, initial, partial, substantial, full, unknown, not-applicable [schema-enum]")


def test_validate_in_indonesian(run, mini_args, bad_answers: Path) -> None:
    result = run(*mini_args("--lang", "id", "validate", str(bad_answers)), code=1)
    assert result.stdout.splitlines() == [
        f"{bad_answers}:7:15: galat: 'yes' tidak diperbolehkan di sini; gunakan salah satu dari: "
        "none, initial, partial, substantial, full, unknown, not-applicable [schema-enum]",
        f"{bad_answers}:8:3: galat: kunci 'ACTIP-99.1' bukan kode kewajiban (ACTIP-, nomor pasal 1 sampai 31, "
        "nomor ayat, dan huruf jika ada: ACTIP-14.1, ACTIP-5.2.a) [schema-pattern]",
    ]
    assert "1 berkas diperiksa: 2 galat, 0 peringatan" in result.stderr


def test_unreadable_and_malformed_files_in_vietnamese(run, mini_args, tmp_path: Path) -> None:
    duplicate = write(tmp_path / "dup.yaml", "actip_answers: 1\nactip_answers: 1\n")
    result = run(*mini_args("--lang", "vi", "validate", str(tmp_path / "missing.yaml"), str(duplicate)), code=4)
    assert f"{tmp_path / 'missing.yaml'}: lỗi: không có tệp này [read]" in result.stdout
    assert (f"{duplicate}:2:1: lỗi: khóa 'actip_answers' bị trùng (lần đầu ở dòng 1); "
            "YAML sẽ chỉ giữ lại khóa cuối cùng [duplicate-key]") in result.stdout


def test_json_keeps_the_severity_keyword_and_translates_the_message(run, mini_args, bad_answers: Path) -> None:
    result = run(*mini_args("--lang", "id", "validate", "--format", "json", str(bad_answers)), code=1)
    first = json.loads(result.stdout)[0]
    assert (first["severity"], first["rule"], first["line"], first["column"]) == ("error", "schema-enum", 7, 15)
    assert first["message"].startswith("'yes' tidak diperbolehkan di sini")


def test_report_refuses_a_bad_file_in_the_chosen_language(run, mini_args, bad_answers: Path) -> None:
    result = run(*mini_args("--lang", "vi", "report", str(bad_answers)), code=1)
    assert (f"{bad_answers}:7:15: lỗi: 'yes' không được phép ở đây" in result.stderr
            and f"(và 1 vấn đề khác; 'actip validate {bad_answers}' liệt kê tất cả)" in result.stderr)


def test_cached_warnings_follow_the_language(run, mini_args, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A report's answers are cached with their warnings; the warnings' words are not shared across languages."""
    monkeypatch.delenv("ACTIP_NO_CACHE")
    monkeypatch.setenv("ACTIP_CACHE_DIR", str(tmp_path / "cache"))
    text = (GOLDEN / "answers.yaml").read_text("utf-8").replace(
        "  mla-requests-executed: {2022: 4}", "  mla-requests-executed: {}")
    answers = write(tmp_path / "answers.yaml", text)
    for lang, words in [("vi", "chỉ số 'mla-requests-executed' không có giá trị nào"),
                        ("en", "indicator 'mla-requests-executed' has no values"),
                        ("id", "indikator 'mla-requests-executed' tidak memiliki nilai"),
                        ("vi", "chỉ số 'mla-requests-executed' không có giá trị nào")]:
        result = run(*mini_args("--lang", lang, "report", str(answers), "-o", str(tmp_path / "r.md")))
        assert words in result.stderr, (lang, result.stderr)


def test_schema_messages_are_worded_when_made_not_when_imported() -> None:
    bad = {"actip_answers": 1, "country": "Viet Nam", "period": 2025, "catalog": {"version": "2026.11"}, "answers": {}}
    with i18n.speaking("vi"):
        vietnamese = [v.message for v in schema.validate(bad, "answers")]
    english = [v.message for v in schema.validate(bad, "answers")]
    assert vietnamese == ["'Viet Nam' không phải là một mã quốc gia ISO gồm ba chữ cái in hoa (VNM)"]
    assert english == ["'Viet Nam' is not a three-letter ISO country code in capitals (VNM)"]


def test_merge_in_vietnamese_and_indonesian(run, mini_args, bad_answers: Path, tmp_path: Path) -> None:
    good = write(tmp_path / "good.yaml", 'actip_answers: 1\ncountry: VNM\nperiod: 2024\ncatalog: {version: "2026.11"}\nanswers: {}\n')
    other = write(tmp_path / "other.yaml", 'actip_answers: 1\ncountry: VNM\nperiod: 2025\ncatalog: {version: "2026.11"}\nanswers: {}\n')
    out = str(tmp_path / "merged.yaml")
    bad = run(*mini_args("--lang", "vi", "merge", str(good), str(bad_answers), "--output", out), code=1)
    assert f"{bad_answers}:7:15: lỗi: 'yes' không được phép ở đây" in bad.stderr
    assert "1/2 tệp có vấn đề" in bad.stderr
    periods = run(*mini_args("--lang", "id", "merge", str(good), str(other), "--output", out), code=2)
    assert "tidak dapat menggabungkan berkas untuk periode yang berbeda" in periods.stderr
    assert "gabungkan setiap periode secara terpisah" in periods.stderr
