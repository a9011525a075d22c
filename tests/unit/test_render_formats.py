"""Markdown, HTML, JSON and CSV reports: structure, schema, and no Rich on their paths."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from actip_cli import answers as answers_mod
from actip_cli import schema
from actip_cli.model import Catalog
from actip_cli.render import REPORT_FORMATS, render_report
from actip_cli.render.csv_report import COLUMNS
from actip_cli.scoring import ScoreCard, score

TESTS = Path(__file__).resolve().parents[1]
GOLDEN = TESTS / "golden"
MINI = TESTS / "data" / "catalogs" / "mini"


@pytest.fixture(scope="module")
def card(mini_catalog: Catalog) -> ScoreCard:
    answer_set, _ = answers_mod.load(GOLDEN / "answers.yaml", mini_catalog)
    baseline, _ = answers_mod.load(GOLDEN / "baseline.yaml", mini_catalog)
    return score(mini_catalog, answer_set, baseline=baseline)


def test_registry_knows_five_formats() -> None:
    assert list(REPORT_FORMATS) == ["terminal", "markdown", "html", "json", "csv"]
    with pytest.raises(ValueError, match="unknown report format"):
        render_report(None, "pdf")  # type: ignore[arg-type]


# --- Markdown


def test_markdown_structure(card: ScoreCard) -> None:
    text = render_report(card, "markdown")
    assert text.startswith("# ACTIP gap report: Viet Nam, 2022\n")
    assert "> [!WARNING]\n> **ILLUSTRATIVE EXAMPLE: not an official assessment.**" in text
    for head in ("## Headline: Underdal's three levels", "## Priority gaps", "## Paper compliance: appropriate but not yet effective",
                 "## Indicator trends", "## Change since 2016", "## Data gaps", "## Recommendations from the source study",
                 "## All obligations", "## How to read this report"):
        assert f"\n{head}\n" in text
    assert "| **Overall** | `██████░░░░` **0.65** substantial |" in text
    assert "> *“Vietnam perlu untuk terus memperdalam kerja sama (test excerpt).”*" in text


# --- HTML


class _Balance(HTMLParser):
    VOID = {"meta", "br", "rect", "polyline", "img", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_html_is_balanced_self_contained_and_printable(card: ScoreCard) -> None:
    page = render_report(card, "html")
    parser = _Balance()
    parser.feed(page)
    assert parser.errors == [] and parser.stack == []
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "@page { size: A4" in page and "@media print" in page
    assert parser.tags.count("svg") >= 8  # bars and sparklines are inline SVG
    assert '<blockquote lang="id">' in page
    assert page.index("ILLUSTRATIVE EXAMPLE") < page.index("Headline")


# --- JSON


def test_json_validates_against_the_shipped_schema(card: ScoreCard) -> None:
    data = json.loads(render_report(card, "json"))
    assert schema.validate(data, "report") == []
    assert data["report_version"] == 1 and data["country"] == "VNM" and data["period"] == 2022
    assert {r["id"] for r in data["recommendations"]} >= {"thesis-a", "thesis-b"}
    assert len(data["obligations"]) == len(card.obligations)
    assert data["baseline"]["label"] == "gross effectiveness (before and after, not net of other causes)"
    assert data["scores"]["overall"]["impact"]["value"] is None  # no data, not zero


def test_schema_rejects_a_broken_report(card: ScoreCard) -> None:
    data = json.loads(render_report(card, "json"))
    data["obligations"][0]["flags"] = ["bogus"]
    data["scores"]["overall"]["output"]["value"] = 1.5
    data["surprise"] = 1
    rules = {v.rule for v in schema.validate(data, "report")}
    assert {"schema-enum", "schema-maximum", "schema-unknown-key"} <= rules
    data = json.loads(render_report(card, "json"))
    data["recommendations"] = [r for r in data["recommendations"] if r["id"] != "thesis-b"]
    assert schema.validate(data, "report")


# --- CSV


def test_csv_one_row_per_obligation(card: ScoreCard) -> None:
    text = render_report(card, "csv")
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [r["id"] for r in rows] == [o.id for o in card.obligations]
    assert list(rows[0]) == list(COLUMNS)
    by_id = {r["id"]: r for r in rows}
    assert by_id["ACTIP-14.1"]["flags"] == "gap;paper-compliance;deterioration"
    assert by_id["ACTIP-14.1"]["effect_outcome"] == "-0.5"
    assert by_id["ACTIP-14.4"]["output"] == ""  # unknown is empty, not 0
    assert by_id["ACTIP-18.2"]["not_applicable_because"].startswith("ACTIP-18.1 de_jure is none")
    assert rows[0]["illustrative"].startswith("Test fixture")


# --- speed


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "csv"])
def test_non_terminal_formats_do_not_import_rich(fmt: str) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from actip_cli import catalog, answers, scoring\n"
        "from actip_cli.render import render_report\n"
        f"c = catalog.load_catalog(Path({str(MINI)!r}))\n"
        f"a, _ = answers.load(Path({str(GOLDEN / 'answers.yaml')!r}), c)\n"
        f"render_report(scoring.score(c, a), {fmt!r})\n"
        "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_json_text_escapes_controls_that_json_dumps_leaves_raw() -> None:
    import json

    from actip_cli.render import json_text

    text = json_text({"note": "a\x9b31mb\u2028c\x1bd é"})
    assert not any(ch in text for ch in "\x9b\u2028\x1b")
    assert json.loads(text) == {"note": "a\x9b31mb\u2028c\x1bd é"}


def test_an_old_series_says_how_old_its_latest_figure_is() -> None:
    from actip_cli.render.report_text import series_values

    values = ((2016, 275.0), (2017, 244.0), (2018, 213.0))
    assert series_values(values, 2022) == "2016: 275, 2017: 244, 2018: 213 (latest figure 2018, 4 years before the period)"
    assert series_values(values, 2021) == "2016: 275, 2017: 244, 2018: 213 (latest figure 2018, 3 years before the period)"
    assert series_values(values, 2020) == "2016: 275, 2017: 244, 2018: 213"  # recent enough
    assert series_values(values) == "2016: 275, 2017: 244, 2018: 213"
