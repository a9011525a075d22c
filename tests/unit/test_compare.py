"""The compare core (built on the scoring core) and its five formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from actip_cli import compare
from actip_cli.errors import UsageProblem
from actip_cli.model import Answer, AnswerSet, Catalog, ObligationId
from actip_cli.render import workshop_compare as view
from actip_cli.scoring import score


def aset(country: str = "VNM", period: int = 2025, respondent: str = "", **answers: Answer) -> AnswerSet:
    return AnswerSet(country, period, "2026.11", {ObligationId("ACTIP-" + k[1:].replace("_", ".")): v for k, v in answers.items()},
                     respondent=respondent)


def test_labels_say_what_varies() -> None:
    assert compare.labels([("a", aset("VNM")), ("b", aset("THA"))]) == (["VNM", "THA"], "countries")
    assert compare.labels([("a", aset(period=2024)), ("b", aset(period=2025))]) == (["2024", "2025"], "periods")
    assert compare.labels([("a", aset()), ("b", aset()), ("c", aset("THA", 2024))]) == (
        ["VNM 2025a", "VNM 2025b", "THA 2024"], "assessments")


def test_chapter_scores_come_from_the_scoring_core(mini_catalog: Catalog) -> None:
    vnm = aset("VNM", A5_1=Answer("full", "partial"), A14_1=Answer("partial", "none"))
    tha = aset("THA", A5_1=Answer("initial", "initial"), A14_1=Answer("full", "full"))
    c = compare.compare(mini_catalog, [("vnm.yaml", vnm), ("tha.yaml", tha)])
    cards = [score(mini_catalog, vnm), score(mini_catalog, tha)]
    assert c.overall.values("output") == tuple(card.overall.output.value for card in cards)
    chapter = next(r for r in c.chapters if r.id == "IV")
    assert chapter.values("outcome") == tuple(card.chapter("IV").outcome.value for card in cards)
    assert chapter.spread("outcome") == pytest.approx(1.0)


def test_divergences_largest_spread_first_and_top(mini_catalog: Catalog) -> None:
    a = aset("VNM", A5_1=Answer("full", "full"), A14_1=Answer("full", "full"), A16_4=Answer("full", "full"), A24_1=Answer("full"))
    b = aset("THA", A5_1=Answer("substantial", "full"), A14_1=Answer("none", "full"), A16_4=Answer("full", "partial"), A24_1=Answer("unknown"))
    c = compare.compare(mini_catalog, [("a", a), ("b", b)])
    assert [(d.id, d.spread, d.level) for d in c.divergences] == [
        ("ACTIP-14.1", 4, "output"), ("ACTIP-16.4", 2, "outcome"), ("ACTIP-5.1", 1, "output")]
    assert c.divergent_total == 3
    assert len(compare.compare(mini_catalog, [("a", a), ("b", b)], top=1).divergences) == 1


def test_needs_two_files(mini_catalog: Catalog) -> None:
    with pytest.raises(UsageProblem):
        compare.compare(mini_catalog, [("a", aset())])


HOSTILE = "<script>alert(1)</script> [x](http://evil) | =HYPERLINK(\"http://evil\") \x1b[31mred\u202e"


@pytest.fixture
def hostile(mini_catalog: Catalog) -> compare.Comparison:
    a = aset("VNM", respondent=HOSTILE, A5_1=Answer("full", "partial"))
    b = aset("VNM", respondent="=cmd|' /C calc'!A0", A5_1=Answer("none", "partial"))
    return compare.compare(mini_catalog, [(f"{HOSTILE}.yaml", a), ("@evil.yaml", b)])


def test_html_is_self_contained_and_escaped(hostile: compare.Comparison) -> None:
    page = view.html(hostile)
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "http" not in page.split("<body>")[0]  # no external resources in the head
    assert "\x1b" not in page and "\u202e" not in page and "&lt;U+202E&gt;" in page
    # output, outcome, coverage, divergences; impact has no data in either file
    assert page.count("<table>") == 4 and "No data in any assessment." in page


def test_markdown_is_inert(hostile: compare.Comparison) -> None:
    text = view.markdown(hostile)
    assert "<script" not in text and "](" not in text.replace("\\](", "")
    assert "\x1b" not in text
    for line in text.splitlines():
        if line.startswith("| "):
            assert line.count(" | ") + 2 == line.count("|") - line.count("\\|")  # pipes in text are escaped


def test_csv_neutralises_formulas_and_keeps_numbers(hostile: compare.Comparison) -> None:
    rows = list(csv.reader(io.StringIO(view.to_csv(hostile))))
    assert rows[0] == list(view.CSV_COLUMNS)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    overall = next(r for r in rows if r[0] == "overall" and r[1] == "VNM 2025a")
    assert overall[5].startswith("'") is False and overall[5].endswith(".yaml")
    assert float(overall[8]) == pytest.approx(1.0)
    files = {r[5] for r in rows[1:]}
    assert "'@evil.yaml" in files


def test_json_and_terminal(hostile: compare.Comparison) -> None:
    data = json.loads(view.to_json(hostile))
    assert data["compare_version"] == 1 and [c["label"] for c in data["columns"]] == ["VNM 2025a", "VNM 2025b"]
    assert data["divergences"][0]["id"] == "ACTIP-5.1"
    text = view.render_text(hostile, width=80)
    assert "\x1b" not in text and "\u202e" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "Where they differ most (1 of 1 duties rated differently)" in text


def test_ten_member_states_fit_80_columns(mini_catalog: Catalog) -> None:
    sets = [(f"{c.iso3.lower()}.yaml", aset(c.iso3, A5_1=Answer("full", "partial"), A14_1=Answer(["none", "full"][i % 2], "initial")))
            for i, c in enumerate(mini_catalog.countries)]
    text = view.render_text(compare.compare(mini_catalog, sets), width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    header = next(line for line in text.splitlines() if "BRN" in line and "VNM" in line)
    assert header.split()[-10:] == [c.iso3 for c in mini_catalog.countries]
