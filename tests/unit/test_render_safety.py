"""Hostile user text (notes, evidence, assessor, respondent, the illustrative banner) comes
out inert in every report format."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from actip_cli import answers as answers_mod
from actip_cli.model import Catalog
from actip_cli.render import render_report
from actip_cli.scoring import ScoreCard, score

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "report" / "hostile.yaml"


@pytest.fixture(scope="module")
def card(mini_catalog: Catalog) -> ScoreCard:
    answer_set, _ = answers_mod.load(HOSTILE, mini_catalog)
    return score(mini_catalog, answer_set)


def test_fixture_really_is_hostile(card: ScoreCard) -> None:
    note = card.obligation("ACTIP-5.1").note
    assert "<script>" in note and "\x1b[31m" in note and "|" in note
    assert card.obligation("ACTIP-5.1").evidence[0].startswith("=HYPERLINK")


def test_html_escapes_everything(card: ScoreCard) -> None:
    page = render_report(card, "html")
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "<b>bold</b>" not in page and "<h1>x</h1>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)
    assert not [t for t in tags if re.search(r"\s(href|src|on[a-z]+)=", t)]  # nothing links out, loads or runs
    assert "\x1b" not in page and "\x07" not in page
    assert '<html lang="en">' in page and '<meta charset="utf-8">' in page
    assert "default-src 'none'" in page


def test_markdown_neutralises_tables_links_and_html(card: ScoreCard) -> None:
    text = render_report(card, "markdown")
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "](" not in text.replace("\\](", "")  # no live link syntax
    assert "\x1b" not in text
    # Every table row has exactly as many unescaped pipes as its header.
    for block in re.split(r"\n\n", text):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if not rows:
            continue
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, block
    # The multi-line note stays on its row; '# heading' from the note is no heading.
    assert not any(line.startswith("# heading") for line in text.splitlines())


def test_csv_neutralises_formulas_and_opens_as_utf8(card: ScoreCard) -> None:
    text = render_report(card, "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) == 1 + len(card.obligations)
    assert all(len(r) == len(rows[0]) for r in rows)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not (cell.startswith("-") and not re.fullmatch(r"-?[0-9.]+", cell)), cell
            assert "\x1b" not in cell
    header = rows[0]
    row = rows[1]
    evidence = row[header.index("evidence")]
    assert evidence.startswith("'=HYPERLINK")
    assert row[header.index("illustrative")].startswith("<script>")  # kept verbatim: a CSV cell is not HTML


def test_terminal_strips_escapes_and_markup_stays_literal(card: ScoreCard) -> None:
    text = render_report(card, "terminal")
    assert "\x1b" not in text and "\x07" not in text
    assert "[bold red]markup[/bold red]" in text  # shown as typed, not interpreted


def test_terminal_with_colour_keeps_user_escapes_out(card: ScoreCard) -> None:
    from actip_cli.render.styled import Screen
    from actip_cli.render.terminal import render

    buffer = io.StringIO()
    render(card, buffer, screen=Screen(width=80, styles=True))
    out = buffer.getvalue()
    assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x1b[31mred" not in out


def test_json_keeps_text_but_drops_control_characters(card: ScoreCard) -> None:
    data = json.loads(render_report(card, "json"))
    note = next(o for o in data["obligations"] if o["id"] == "ACTIP-5.1")["note"]
    assert "<script>alert(1)</script>" in note  # JSON escaping makes it inert; the words are kept
    assert "\x1b" not in note and "second line" in note
    assert "\x1b" not in data["respondent"]


@pytest.mark.parametrize("text", ["", "plain", "<script>alert('x')</script>", 'a & b "c" \'d\' <e>', "&amp; already", "é ≥ 🙂"])
def test_escape_html_is_the_standard_librarys_escape(text: str) -> None:
    import html

    from actip_cli.render import escape_html

    assert escape_html(text) == html.escape(text, quote=True)
