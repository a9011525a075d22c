"""The gap report in Vietnamese and Indonesian, in every format, and in two languages at once.

Run over a translated copy of the mini catalog (`translated_catalog.build`: real wording for
a few items, '[vi] <English>' for the rest), so that interface text (from the message
catalog) and catalog text (from the translation files) can be told apart.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from translated_catalog import build

from actip_cli import i18n, yamlio
from actip_cli.render import report_text

HERE = Path(__file__).resolve().parent
ANSWERS = HERE.parent / "golden" / "answers.yaml"
BASELINE = HERE.parent / "golden" / "baseline.yaml"

# English headings that must not survive in a translated report.
ENGLISH_HEADINGS = ("Priority gaps", "Paper compliance", "Indicator trends", "Data gaps", "How to read this report",
                    "Recommendations from the source study", "All obligations", "In law:", "Coverage")


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    return build(tmp_path / "catalog")


def report(run, catalog: Path, lang: str, fmt: str, *extra: str, code: int = 0):
    return run("--obligations", str(catalog), "--lang", lang, "report", str(ANSWERS), "--format", fmt, *extra, code=code)


# --- each format in Vietnamese ------------------------------------------------------------


def test_html_in_vietnamese_declares_its_language_and_is_vietnamese_throughout(run, translated: Path) -> None:
    html = report(run, translated, "vi", "html").stdout
    assert '<html lang="vi">' in html and '<meta charset="utf-8">' in html
    for text in ("<title>Báo cáo khoảng trống ACTIP: Việt Nam, 2022</title>", "<h2>Các khoảng trống ưu tiên</h2>",
                 "<h2>Tuân thủ trên giấy: phù hợp nhưng chưa hiệu quả</h2>", "<h2>Cách đọc báo cáo này</h2>",
                 "Về pháp luật: phần lớn (3/4). Trên thực tế: bước đầu (1/4).",  # ACTIP-14.1's ratings, in words
                 "khoản 1 Điều 14",  # the citation in Vietnamese legal style
                 "Xác định nạn nhân",  # the catalog's own Vietnamese title of ACTIP-14.1
                 "Đề nghị khẩn thiết",  # the urgency label
                 "VÍ DỤ MINH HỌA"):
        assert text in html, text
    for english in ENGLISH_HEADINGS:
        assert f">{english}" not in html, english
    # Decimal comma: the weights and scores read as Vietnamese documents write them.
    assert re.search(r"<b>0,\d\d</b>", html) and not re.search(r"<b>0\.\d\d</b>", html)


def test_html_marks_the_english_source_of_a_recommendation(run, translated: Path) -> None:
    html = report(run, translated, "vi", "html").stdout
    assert '<span lang="en">Test thesis</span>' in html
    assert '<blockquote lang="id">' in html  # the thesis's words, quoted in Indonesian, named as such
    assert "Nguyên văn (tiếng Indonesia):" in html


def test_markdown_in_vietnamese(run, translated: Path) -> None:
    text = report(run, translated, "vi", "markdown").stdout
    assert text.startswith("# Báo cáo khoảng trống ACTIP: Việt Nam, 2022\n")
    assert "\n## Các khoảng trống ưu tiên\n" in text and "\n## Toàn bộ nghĩa vụ\n" in text
    assert "| Mã nghĩa vụ | Nghĩa vụ | Về pháp luật | Trên thực tế |" in text
    assert "- **Độ bao phủ**:" in text
    for english in ENGLISH_HEADINGS:
        assert f"## {english}" not in text


def test_terminal_in_vietnamese(run, translated: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    report(run, translated, "vi", "terminal", "--output", str(out))
    text = out.read_text("utf-8")
    assert "Báo cáo khoảng trống ACTIP: Việt Nam, 2022" in text
    assert "Tổng quan: ba cấp độ của Underdal" in text and "Đầu ra" in text and "Kết quả" in text
    assert "Quốc gia" in text and "Kỳ báo cáo" in text
    assert max(len(line) for line in text.splitlines()) <= 80  # NFC text measured right: no overflow


def test_json_keeps_english_keys_and_keywords_and_names_its_language(run, translated: Path) -> None:
    data = json.loads(report(run, translated, "vi", "json").stdout)
    assert data["language"] == "vi"
    o = next(o for o in data["obligations"] if o["id"] == "ACTIP-14.1")
    assert o["title"] == "Xác định nạn nhân"  # human text from the catalog: translated
    assert (o["de_jure"], o["modality"], "gap" in o["flags"]) == ("substantial", "mandatory", True)  # keywords: English
    assert o["citation"] == "Art. 14(1)" and isinstance(o["output"], float)
    assert data["paper_compliance"]["label"] == "appropriate but not yet effective"  # a schema constant
    assert data["scores"]["chapters"][0]["reading"] in {"paper", "effective", "weak", "lagging", "partial", "law-only",
                                                        "practice-only", "no-data", "not-applicable"}
    skipped = next(o for o in data["obligations"] if o["id"] == "ACTIP-18.2")
    assert skipped["not_applicable_because"] == "mức đánh giá về pháp luật của ACTIP-18.1 là chưa có"


def test_json_in_every_language_matches_the_report_schema(run, translated: Path) -> None:
    import jsonschema

    schema = json.loads(run("schema", "report").stdout)
    for lang in ("en", "vi", "id"):
        jsonschema.validate(json.loads(report(run, translated, lang, "json").stdout), schema)


def test_csv_is_utf8_with_a_bom_english_columns_and_vietnamese_text(run, translated: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    report(run, translated, "vi", "csv", "--output", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so a spreadsheet reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0])[:5] == ["illustrative", "country", "period", "catalog_version", "id"]
    row = next(r for r in rows if r["id"] == "ACTIP-14.1")
    assert row["title"] == "Xác định nạn nhân" and row["de_jure"] == "substantial"
    assert row["output"] == "0.75"  # numbers stay machine-readable: a dot, whatever the language


# --- Indonesian: the thesis's own words ----------------------------------------------------


def _thesis_words_as_indonesian(catalog: Path) -> None:
    """What the shipped catalog does: the Indonesian text of (a) and (b) is the thesis's original."""
    english = yamlio.load(catalog / "recommendations.yaml").data["recommendations"]
    target = catalog / "i18n" / "id" / "recommendations.yaml"
    data = yamlio.load(target).data
    for rec in english:
        data["entries"][rec["id"]]["text"] = rec["original"]["text"]
    target.write_text(yamlio.dump(data), "utf-8")


@pytest.mark.parametrize("fmt", ["html", "markdown", "terminal"])
def test_indonesian_report_shows_the_thesis_words_once_quoted(run, translated: Path, fmt: str) -> None:
    _thesis_words_as_indonesian(translated)
    text = report(run, translated, "id", fmt).stdout
    words = "Vietnam perlu untuk terus memperdalam kerja sama (test excerpt)."
    assert text.count(words) == 1, "shown once, not again as an 'original'"
    assert f"“{words}”" in text
    assert "Kata-kata kajian sumber itu sendiri" in text and "Teks asli" not in text
    assert "Laporan kesenjangan ACTIP" in text


def test_indonesian_html_declares_its_language(run, translated: Path) -> None:
    html = report(run, translated, "id", "html").stdout
    assert '<html lang="id">' in html and "<h2>Kesenjangan prioritas</h2>" in html
    assert "Pasal 14 ayat (1)" in html


# --- falling back to English --------------------------------------------------------------


def test_missing_translations_fall_back_with_one_note(run, tmp_path: Path) -> None:
    partial = build(tmp_path / "partial", complete=False)  # only a few items translated
    for fmt in ("html", "terminal", "json"):
        result = report(run, partial, "vi", fmt)
        notes = [line for line in result.stderr.splitlines() if "tiếng Anh" in line]
        assert notes == ["lưu ý: Một số nội dung chưa có bằng tiếng Việt; phần đó được hiển thị bằng tiếng Anh."], fmt
        assert "Báo cáo khoảng trống ACTIP" in result.stdout or '"language": "vi"' in result.stdout


def test_complete_translation_gives_no_note(run, translated: Path) -> None:
    assert report(run, translated, "id", "markdown").stderr == ""


# --- two languages ---------------------------------------------------------------------


def test_bilingual_html_sets_each_section_beside_its_english(run, translated: Path) -> None:
    html = report(run, translated, "vi,en", "html", "--baseline", str(BASELINE)).stdout
    assert '<html lang="vi">' in html and '<body class="bilingual">' in html
    assert "<title>Báo cáo khoảng trống ACTIP: Việt Nam, 2022 / ACTIP gap report: Viet Nam, 2022</title>" in html
    pairs = re.findall(r'<div class="pair"><div class="half" lang="vi">(.*?)</div><div class="half second" lang="en">',
                       html, re.DOTALL)
    assert len(pairs) == html.count('<div class="pair">') >= 10
    # Section by section: the Vietnamese heading, then its English one.
    assert html.index("<h2>Các khoảng trống ưu tiên</h2>") < html.index("<h2>Priority gaps</h2>") < html.index(
        "<h2>Tuân thủ trên giấy: phù hợp nhưng chưa hiệu quả</h2>")
    english_half = html.split('lang="en">', 1)[1]
    assert "Art. 14(1)" in english_half and "0.75" in english_half  # English numbers and citations in the English half


def test_bilingual_markdown_is_one_report_after_the_other(run, translated: Path) -> None:
    text = report(run, translated, "vi,en", "markdown").stdout
    first, second = text.split("\n---\n\n")
    assert first.startswith("# Báo cáo khoảng trống ACTIP") and "*Sau báo cáo này là cùng báo cáo bằng tiếng Anh.*" in first
    assert second.startswith("# ACTIP gap report: Viet Nam, 2022") and "## Priority gaps" in second


def test_bilingual_in_a_single_language_format_says_so(run, translated: Path) -> None:
    result = report(run, translated, "vi,en", "json")
    assert json.loads(result.stdout)["language"] == "vi"
    assert "html và markdown" in result.stderr


def test_the_report_after_a_bilingual_one_is_back_in_the_first_language(run, translated: Path) -> None:
    report(run, translated, "id,en", "markdown")
    assert i18n.active_language() == "id"


# --- words and numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ("0.75", "+0.50", "1,200", "12.5", "0.75", "2019: 1,200, 2020: 12.5")),
    ("vi", ("0,75", "+0,50", "1.200", "12,5", "0,75", "2019: 1.200; 2020: 12,5")),
    ("id", ("0,75", "+0,50", "1.200", "12,5", "0,75", "2019: 1.200; 2020: 12,5")),
])
def test_numbers_in_each_language(lang: str, expected: tuple[str, ...]) -> None:
    i18n.activate(lang)
    rt = report_text
    assert (rt.num(0.75), rt.signed(0.5), rt.count_value(1200), rt.count_value(12.5), rt.weight(0.75),
            rt.series_values(((2019, 1200.0), (2020, 12.5)))) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ("Art. 14(1)", "Art. 11(1)(a)", "Art. 23")),
    ("vi", ("khoản 1 Điều 14", "điểm a khoản 1 Điều 11", "Điều 23")),
    ("id", ("Pasal 14 ayat (1)", "Pasal 11 ayat (1) huruf a", "Pasal 23")),
])
def test_citations_in_each_language(lang: str, expected: tuple[str, ...]) -> None:
    i18n.activate(lang)
    assert (report_text.citation(14, "1"), report_text.citation(11, "1.a"), report_text.citation(23, None)) == expected


def test_urgency_labels() -> None:
    i18n.activate("id")
    assert report_text.verb_and_text("urge", "Tetapkan prosedur.") == ("Mendesak:", " Tetapkan prosedur.")
    assert report_text.verb_and_text("consider", "Pertimbangkan untuk X.") == ("Pertimbangkan", " untuk X.")
    # The same verb with its prefix is not labelled twice.
    assert report_text.verb_and_text("consider", "Mempertimbangkan X.") == ("Mempertimbangkan", " X.")
    i18n.activate("vi")
    assert report_text.verb_and_text("consider", "Xem xét việc X.") == ("Xem xét", " việc X.")
    assert report_text.verb_and_text("urge", "Ban hành X.") == ("Đề nghị khẩn thiết:", " Ban hành X.")
    i18n.activate("en")
    assert report_text.verb_and_text("urge", "Adopt X.") == ("Urge:", " Adopt X.")


def test_rating_band_and_flag_words() -> None:
    i18n.activate("vi")
    assert report_text.rating_words("substantial") == "phần lớn (3/4)"
    assert report_text.band_words("substantial") == "khá"  # a band's 'substantial' is not the rating's
    assert report_text.rating_words(None) == "chưa trả lời"
    assert report_text.flag_words("paper-compliance") == "phù hợp nhưng chưa hiệu quả"
    i18n.activate("id")
    assert report_text.flag_words("paper-compliance") == "sudah tepat akan tetapi belum efektif"  # the thesis's words


def test_every_report_message_is_translated() -> None:
    """Every `say()` key, word table and label has a translation in both languages (none falls back)."""
    for lang in ("vi", "id"):
        i18n.activate(lang)
        for key, english in report_text.MESSAGES.items():
            assert i18n._(english) != english or english in ("#", "E", "{verb}:", "{id}. {title}", "{rating} ({value}/4)",
                                                            "{id} {title}: {changes}.", "{level} {before} → {after}",
                                                            "{id} {title} ({levels})"), (lang, key)


# --- the walkthrough and the blank file cite the treaty in the same style ----------------------


def test_blank_answers_file_cites_articles_in_vietnamese(run, translated: Path) -> None:
    text = run("--obligations", str(translated), "--lang", "vi", "init", "vietnam", "--period", "2022", "--output", "-").stdout
    assert "ACTIP-14.1, khoản 1 Điều 14: Xác định nạn nhân" in text
    assert "Art. 14(1)" not in text


def test_walkthrough_help_names_ratings_in_the_language() -> None:
    from actip_cli import session

    i18n.activate("id")
    assert session.rating_words("substantial") == "3 sebagian besar"
    assert session.rating_words("not-applicable") == "n tidak berlaku"
    i18n.activate("en")
    assert session.rating_words("not-applicable") == "n not applicable"


# --- merge, diff and compare speak the language too ----------------------------------------------

WS = HERE.parent / "data" / "workshop"
RESPONDENTS = [str(WS / f"{name}.yaml") for name in ("police", "justice", "ngo", "labour")]


def test_merge_conflicts_in_vietnamese(run, mini_args, tmp_path: Path) -> None:
    conflicts = tmp_path / "conflicts.md"
    result = run(*mini_args("--lang", "vi", "merge", *RESPONDENTS, "-o", str(tmp_path / "m.yaml"), "--conflicts", str(conflicts)))
    assert "Đã hợp nhất 4 tệp cho Viet Nam (VNM), năm 2025, quy tắc cautious: 6 nghĩa vụ đã được trả lời" in result.stderr
    text = conflicts.read_text("utf-8")
    assert text.startswith("# Các mâu thuẫn cần thống nhất\n")
    assert "chênh lệch 3 bậc trên thực tế (đầy đủ so với bước đầu)" in text
    assert "| Đơn vị trả lời | Về pháp luật | Trên thực tế |" in text
    assert "### ACTIP-14.1 khoản 1 Điều 14:" in text


def test_diff_and_compare_in_indonesian(run, mini_args, tmp_path: Path) -> None:
    merged = tmp_path / "round-2025.yaml"
    run(*mini_args("merge", *RESPONDENTS, "-o", str(merged)))
    old = str(WS / "round-2024.yaml")
    diff = run(*mini_args("--lang", "id", "diff", old, str(merged))).stdout
    assert "Apa yang berubah: Viet Nam (VNM), 2024 → 2025" in diff
    assert "Kesenjangan yang tertutup (2)" in diff and "0,39→0,25 (−0,14)" in diff
    compare = run(*mini_args("--lang", "id", "compare", old, str(merged), "-f", "html")).stdout
    assert '<html lang="id">' in compare and "<h2>Perbedaan terbesar (6 dari 6 kewajiban dinilai berbeda)</h2>" in compare
    assert "0,39" in compare
    data = json.loads(run(*mini_args("--lang", "id", "compare", old, str(merged), "-f", "json")).stdout)
    assert data["areas"][0]["scores"][0]["output"] == 0.6  # JSON numbers stay numbers


@pytest.mark.parametrize(("lang", "text", "value"), [
    ("vi", "1.200", 1200.0), ("id", "1.200", 1200.0), ("vi", "12,5", 12.5), ("id", "1.200,5", 1200.5),
    ("vi", "1,200", 1200.0), ("vi", "12.5", 12.5), ("vi", "1.200.000", 1200000.0), ("id", "1.200,000", 1200.0), ("id", "1.2.3", None), ("vi", "1.200,000.5", None),
    ("en", "1.200", 1.2), ("en", "1,200", 1200.0), ("en", "12,5", None),
])
def test_indicator_values_are_read_as_the_language_writes_them(lang: str, text: str, value: float | None) -> None:
    from actip_cli.session import parse_number

    i18n.activate(lang)
    assert parse_number(text) == value
