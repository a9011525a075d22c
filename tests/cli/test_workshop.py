"""`actip merge`, `actip diff` and `actip compare` through the command line.

The four respondent files in tests/data/workshop disagree on purpose (the workshop guide's
scenario): the Ministry of Public Security rates identification of victims as working in
practice, the NGO says it barely happens, labour answers without a respondent name, and
the NGO says a duty does not apply where labour rates it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from actip_cli.render.workshop_text import markdown as safe_markdown
from tests.conftest import DATA, Run, write

WS = DATA / "workshop"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "workshop"
RESPONDENTS = [str(WS / f"{name}.yaml") for name in ("police", "justice", "ngo", "labour")]
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))

HOSTILE = ("<script>alert(1)</script> [click](http://evil.example) ![img](http://evil.example/x.png) | pipe | "
           "=HYPERLINK(\"http://evil.example\",\"x\") \x1b[31mred\x1b[0m \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 "
           "\u202eevil\u202c zero\u200bwidth `code` **bold** <b>b</b> &amp;")


def hostile_file(folder: Path, name: str, rating: str, period: int = 2025) -> Path:
    """An answers file whose respondent, evidence and note are hostile text (YAML-escaped)."""
    text = json.dumps(HOSTILE)  # a JSON string is a valid YAML double-quoted scalar
    return write(folder / name, (
        f"actip_answers: 1\ncountry: VNM\nperiod: {period}\nrespondent: {json.dumps('=cmd|' + HOSTILE[:60])}\n"
        f"catalog: {{version: '2026.11'}}\nanswers:\n"
        f"  ACTIP-14.1: {{de_jure: {rating}, de_facto: {rating}, evidence: [{text}, '@SUM(A1:A9)'], note: {text}}}\n"
        f"  ACTIP-5.1: {{de_jure: full, de_facto: full, evidence: [{text}]}}\n"))


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; rerun with UPDATE_GOLDEN=1 if on purpose"


def assert_inert_terminal(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text and "\u200b" not in text


def assert_inert_markdown(text: str) -> None:
    assert "<script" not in text and "<b>" not in text
    assert "](" not in text.replace("\\](", "")  # no link or image can form
    assert "\x1b" not in text and "\u202e" not in text
    assert "`code`" not in text


# --------------------------------------------------------------------------- merge


def test_merge_four_respondents(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    out = tmp_path / "merged.yaml"
    result = run(*mini_args("merge", *RESPONDENTS, "--output", str(out)))
    assert result.stdout == ""
    err = result.stderr
    assert "Merged 4 files for Viet Nam (VNM), 2025, rule cautious: 6 obligations answered, 1 agreed, 3 in conflict (2 to settle first), 2 single-source" in err
    settle, rest = err.split("Also differ")
    assert "ACTIP-14.1" in settle and "ACTIP-14.4" in settle and "ACTIP-16.4" in rest
    assert "3 steps apart in practice (full vs initial)" in err
    assert "disputed whether it applies (in law and in practice)" in err
    data = yaml.safe_load(out.read_text())
    assert data["merge_rule"] == "cautious"
    assert [m["respondent"] for m in data["merged_from"]] == ["Ministry of Public Security", "Ministry of Justice", "Blue Dragon (NGO)", "labour"]
    a = data["answers"]["ACTIP-14.1"]
    assert (a["de_jure"], a["de_facto"], a["agreement"]) == ("partial", "initial", "conflict")
    assert len(a["provenance"]) == 4
    assert data["answers"]["ACTIP-24.1"]["agreement"] == "single-source"
    assert data["indicators"]["investigations"] == {2022: 200, 2023: 150, 2024: 110}
    run(*mini_args("validate", str(out)))


def test_merged_file_feeds_report_and_review(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    out = tmp_path / "merged.yaml"
    run(*mini_args("merge", *RESPONDENTS, "--output", str(out), "--rule", "median"))
    report = json.loads(run(*mini_args("report", str(out), "--format", "json")).stdout)
    assert report["country"] == "VNM"
    scores = {o["id"]: o for o in report["obligations"]}
    # median of full, partial, initial, substantial (even count): the lower middle one
    assert (scores["ACTIP-14.1"]["de_jure"], scores["ACTIP-14.1"]["de_facto"]) == ("substantial", "partial")
    assert "median rule" in scores["ACTIP-14.1"]["note"]
    # --review walks the merged answers as defaults; without input it reports what is missing
    review = run(*mini_args("assess", "VNM", "--answers", str(out), "--period", "2025", "--review", "--no-input"), code=None)
    assert review.exit_code in (0, 1)
    assert "Traceback" not in review.stderr + review.stdout
    run(*mini_args("validate", str(out)))


def test_conflicts_file_markdown_and_json(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    md, js = tmp_path / "conflicts.md", tmp_path / "conflicts.json"
    result = run(*mini_args("merge", *RESPONDENTS, "-o", str(tmp_path / "m.yaml"), "--conflicts", str(md)))
    assert "Settle first: ACTIP-14.1, ACTIP-14.4" in result.stderr
    assert f"Conflicts report: {md}" in result.stderr
    text = md.read_text()
    assert text.index("## Settle first") < text.index("### ACTIP-14.1") < text.index("## Also differ") < text.index("### ACTIP-16.4")
    assert "| Blue Dragon (NGO) | partial | initial | C | Shelter case files 2024<br>law 53/2024/QH15, art. 24 |" in text
    golden("conflicts.md", text.replace(safe_markdown(str(WS)) + "/", ""))
    run(*mini_args("merge", *RESPONDENTS, "-o", str(tmp_path / "m.yaml"), "--conflicts", str(js)))
    data = json.loads(js.read_text())
    assert data["summary"] == {"answered": 6, "agreed": 1, "conflict": 3, "settle_first": 2, "single_source": 2, "indicator_conflicts": 1}
    first = data["conflicts"][0]
    assert first["id"] == "ACTIP-14.1" and first["spread"] == 3 and first["settle_first"]
    assert first["levels"]["de_facto"]["ratings"][0] == {"respondent": "Ministry of Public Security", "rating": "full"}
    assert data["indicator_conflicts"][0]["values"] == [{"respondent": "Ministry of Public Security", "value": 120},
                                                        {"respondent": "Ministry of Justice", "value": 110}]


def test_merge_to_stdout(run: Run, mini_args: Callable[..., list[str]]) -> None:
    result = run(*mini_args("merge", *RESPONDENTS[:2], "--output", "-"))
    assert yaml.safe_load(result.stdout)["merged_from"][1]["respondent"] == "Ministry of Justice"


def test_bad_files_are_named_and_nothing_is_written(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    out = write(tmp_path / "merged.yaml", "previous content\n")
    bad = write(tmp_path / "bad.yaml", "actip_answers: 1\ncountry: VNM\nperiod: 2025\ncatalog: {version: '2026.11'}\n"
                                       "answers:\n  ACTIP-14.1: {de_jure: sometimes}\n")
    other = write(tmp_path / "other.yaml", "actip_answers: 1\ncountry: VNM\nperiod: 2025\ncatalog: {version: '2026.11'}\n"
                                           "answers:\n  ACTIP-14.9: {de_jure: full}\n")
    result = run(*mini_args("merge", *RESPONDENTS, str(bad), str(other), "-o", str(out), "--conflicts", str(tmp_path / "c.md")), code=1)
    assert f"{bad}:6:25: error: 'sometimes' is not allowed here" in result.stderr
    assert f"{other}:6:3: error: unknown obligation ACTIP-14.9" in result.stderr
    assert "2 of 6 files have problems" in result.stderr and "nothing was written" in result.stderr
    assert out.read_text() == "previous content\n"
    assert not (tmp_path / "c.md").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    missing = run(*mini_args("merge", *RESPONDENTS, str(tmp_path / "gone.yaml"), "-o", str(out)), code=4)
    assert "gone.yaml: error: no such file" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_refusals(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    tha = write(tmp_path / "tha.yaml", "actip_answers: 1\ncountry: THA\nperiod: 2025\ncatalog: {version: '2026.11'}\nanswers: {}\n")
    result = run(*mini_args("merge", *RESPONDENTS, str(tha), "-o", str(tmp_path / "m.yaml")), code=2)
    assert "cannot merge files for different countries: VNM (" in result.stderr and "tha.yaml" in result.stderr
    assert not (tmp_path / "m.yaml").exists()
    older = write(tmp_path / "2024.yaml", (WS / "police.yaml").read_text().replace("period: 2025", "period: 2024"))
    assert "different periods" in run(*mini_args("merge", RESPONDENTS[0], str(older), "-o", str(tmp_path / "m.yaml")), code=2).stderr
    same = run(*mini_args("merge", *RESPONDENTS, "-o", RESPONDENTS[0]), code=2)
    assert "refusing to overwrite a respondent's file" in same.stderr
    assert "needs --output" in run(*mini_args("merge", *RESPONDENTS), code=2).stderr
    assert "given twice" in run(*mini_args("merge", RESPONDENTS[0], RESPONDENTS[0], "-o", str(tmp_path / "m.yaml")), code=2).stderr


def test_hostile_text_is_inert_in_every_merge_output(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    a = hostile_file(tmp_path, "a.yaml", "full")
    b = hostile_file(tmp_path, "b.yaml", "none")
    out = tmp_path / "m.yaml"
    result = run(*mini_args("merge", str(a), str(b), "-o", str(out)))
    assert_inert_terminal(result.stderr)
    assert "http://evil.example" in result.stderr  # shown as text, not hidden
    md = tmp_path / "c.md"
    run(*mini_args("merge", str(a), str(b), "-o", str(out), "--conflicts", str(md)))
    assert_inert_markdown(md.read_text())
    js = tmp_path / "c.json"
    run(*mini_args("merge", str(a), str(b), "-o", str(out), "--conflicts", str(js)))
    data = json.loads(js.read_text())
    assert data["conflicts"][0]["respondents"][0]["note"] == HOSTILE  # JSON keeps the text exactly, escaped
    assert "\x1b" not in js.read_text()
    merged = yaml.safe_load(out.read_text())
    assert merged["answers"]["ACTIP-14.1"]["provenance"][0]["note"] == HOSTILE  # the file keeps what was said
    run(*mini_args("validate", str(out)))


# --------------------------------------------------------------------------- diff


@pytest.fixture
def rounds(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Last year's file and this year's merged file, named relative to the current folder
    (so the golden files hold no machine paths)."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "round-2024.yaml", (WS / "round-2024.yaml").read_text())
    run(*mini_args("merge", *RESPONDENTS, "-o", "round-2025.yaml"))
    return "round-2024.yaml", "round-2025.yaml"


def test_diff_formats(run: Run, mini_args: Callable[..., list[str]], rounds: tuple[str, str], tmp_path: Path) -> None:
    old, new = rounds
    terminal = run(*mini_args("diff", old, new)).stdout
    assert "What changed: Viet Nam (VNM), 2024 → 2025" in terminal
    assert "Gaps closed (2)" in terminal and "Regressed (3)" in terminal
    assert max(len(line) for line in terminal.splitlines()) <= 100
    md = run(*mini_args("diff", old, new, "--format", "markdown")).stdout
    golden("diff.md", md)
    data = json.loads(run(*mini_args("diff", old, new, "-f", "json")).stdout)
    assert data["summary"]["gap-closed"] == 2 and data["summary"]["series_extended"] == 1
    assert {o["id"] for o in data["obligations"] if "gap-closed" in o["tags"]} == {"ACTIP-5.1", "ACTIP-16.4"}
    out = tmp_path / "diff.txt"
    run(*mini_args("diff", old, new, "--output", str(out)))
    assert "Gaps closed (2)" in out.read_text() and "\x1b" not in out.read_text()


def test_diff_and_compare_refuse_to_overwrite_an_input(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    copy = write(tmp_path / "police.yaml", (WS / "police.yaml").read_text())
    before = copy.read_text()
    assert "refusing to overwrite" in run(*mini_args("diff", RESPONDENTS[1], str(copy), "-f", "json", "-o", str(copy)), code=2).stderr
    assert "refusing to overwrite" in run(*mini_args("compare", RESPONDENTS[1], str(copy), "-f", "csv", "-o", str(copy)), code=2).stderr
    assert copy.read_text() == before


def test_diff_refuses_two_countries(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    tha = write(tmp_path / "tha.yaml", "actip_answers: 1\ncountry: THA\nperiod: 2025\ncatalog: {version: '2026.11'}\nanswers: {}\n")
    result = run(*mini_args("diff", RESPONDENTS[0], str(tha)), code=2)
    assert "actip compare" in result.stderr
    assert run(*mini_args("diff", RESPONDENTS[0], str(tmp_path / "none.yaml")), code=4).stderr.endswith("none.yaml: error: no such file\n")


def test_diff_hostile_text(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    old = hostile_file(tmp_path, "old.yaml", "full", period=2024)
    new = write(tmp_path / "new.yaml", "actip_answers: 1\ncountry: VNM\nperiod: 2025\ncatalog: {version: '2026.11'}\n"
                                       "answers:\n  ACTIP-14.1: {de_jure: none, evidence: ['=1+1']}\n")
    assert_inert_terminal(run(*mini_args("diff", str(old), str(new))).stdout)
    md = run(*mini_args("diff", str(old), str(new), "-f", "markdown")).stdout
    assert_inert_markdown(md)
    assert "removed: " in md
    json.loads(run(*mini_args("diff", str(old), str(new), "-f", "json")).stdout)


# --------------------------------------------------------------------------- compare


def test_compare_formats(run: Run, mini_args: Callable[..., list[str]], rounds: tuple[str, str], tmp_path: Path) -> None:
    old, new = rounds
    terminal = run(*mini_args("compare", old, new)).stdout
    assert "Viet Nam (VNM) over 2 periods" in terminal and "Where they differ most" in terminal
    golden("compare.md", run(*mini_args("compare", old, new, "-f", "markdown")).stdout)
    page = tmp_path / "compare.html"
    run(*mini_args("compare", old, new, "-f", "html", "-o", str(page)))
    assert page.read_text().startswith("<!DOCTYPE html>")
    data = json.loads(run(*mini_args("compare", old, new, "-f", "json")).stdout)
    assert [c["label"] for c in data["columns"]] == ["2024", "2025"]
    sheet = tmp_path / "compare.csv"
    run(*mini_args("compare", old, new, "-f", "csv", "-o", str(sheet)))
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["kind", "column", "country"]
    assert run(*mini_args("compare", old, new, "-f", "csv")).stdout.startswith("\ufeff")
    assert "at least two" in run(*mini_args("compare", old), code=2).stderr


def test_compare_hostile_text(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    a = hostile_file(tmp_path, "=a.yaml", "full")
    b = hostile_file(tmp_path, "b.yaml", "none")
    assert_inert_terminal(run(*mini_args("compare", str(a), str(b))).stdout)
    assert_inert_markdown(run(*mini_args("compare", str(a), str(b), "-f", "markdown")).stdout)
    page = run(*mini_args("compare", str(a), str(b), "-f", "html")).stdout
    assert "<script" not in page and "<b>" not in page and "\x1b" not in page
    rows = list(csv.reader(io.StringIO(run(*mini_args("compare", str(a), str(b), "-f", "csv")).stdout.lstrip("\ufeff"))))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_bad_file_in_compare_is_named(run: Run, mini_args: Callable[..., list[str]], tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "actip_answers: 1\ncountry: VNM\nperiod: soon\n")
    result = run(*mini_args("compare", RESPONDENTS[0], str(bad)), code=1)
    assert f"{bad}:3:9: error:" in result.stderr and "1 of 2 files has problems" in result.stderr
