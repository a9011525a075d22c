"""The terminal report: 80 columns, readable without colour, every section present."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from actip_cli import answers as answers_mod
from actip_cli.model import AnswerSet, Catalog
from actip_cli.render.styled import Screen, cell_len
from actip_cli.render.terminal import render, render_text
from actip_cli.scoring import ScoreCard, score

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@pytest.fixture(scope="module")
def card(mini_catalog: Catalog) -> ScoreCard:
    answer_set, _ = answers_mod.load(GOLDEN / "answers.yaml", mini_catalog)
    baseline, _ = answers_mod.load(GOLDEN / "baseline.yaml", mini_catalog)
    return score(mini_catalog, answer_set, baseline=baseline)


def test_fits_80_columns(card: ScoreCard) -> None:
    text = render_text(card, width=80)
    assert max(cell_len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("width", [60, 66])
def test_narrow_terminal_keeps_every_chapter_and_gap_readable(card: ScoreCard, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    from actip_cli.render import terminal
    from actip_cli.render.report_text import area_name

    monkeypatch.setattr(terminal, "DETAILED_GAPS", 1)  # so that the compact gap table is drawn too
    text = render_text(card, width=width)
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    for area in [card.overall, *card.chapters]:
        name = area_name(area.id, area.title)
        assert any(line.strip().startswith(name) for line in lines), name  # whole, on a line of its own
    gaps = card.gaps[1:]
    assert gaps and all(any(g.title in line for line in lines) for g in gaps)  # titles whole, not split by column
    assert "Priority" in text


def test_no_colour_still_reads(card: ScoreCard) -> None:
    buffer = io.StringIO()
    render(card, buffer, screen=Screen(width=80, styles=True, colours=False))
    out = buffer.getvalue()
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", out)  # no colour codes...
    assert "\x1b[1m" in out  # ...but bold stays
    text = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "██████████ 1.00" in text and "░░░░░░░░░░ 0.00" in text  # bars are glyphs, not colours


def test_colours_on_a_terminal(card: ScoreCard) -> None:
    buffer = io.StringIO()
    render(card, buffer, screen=Screen(width=80, styles=True))
    out = buffer.getvalue()
    assert "\x1b[1;31m" in out and "\x1b[33m╭─" in out  # bold red; the illustrative panel's yellow border
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == render_text(card, width=80)  # the same text under the codes


def test_no_line_ends_in_spaces(card: ScoreCard) -> None:
    assert not [line for line in render_text(card, width=80).splitlines() if line != line.rstrip()]


def test_sections_in_order(card: ScoreCard) -> None:
    text = render_text(card)
    assert text.index("ILLUSTRATIVE EXAMPLE") < text.index("Headline")
    heads = ["ILLUSTRATIVE EXAMPLE", "Headline: Underdal's three levels", "Priority gaps",
             "Paper compliance: appropriate but not yet effective", "Indicator trends", "Change since 2016",
             "Data gaps", "Recommendations from the source study", "How to read this report"]
    positions = [text.index("\n" + h) for h in heads[1:]]
    assert positions == sorted(positions)
    assert "gross effectiveness (before and after, not net of other causes)" in text.lower()
    assert "docs/method.md" in text


def test_who_and_what(card: ScoreCard) -> None:
    text = render_text(card)
    for part in ("Viet Nam (VNM)", "2022", "Test Assessor, Test Ministry", "Workshop, Ha Noi",
                 "6 of 8 obligations verified against the", "10 of 12 (obligation, level) pairs rated (83%)"):
        assert part in text


def test_recommendations_a_and_b_with_original_and_gaps(card: ScoreCard) -> None:
    text = render_text(card)
    assert "(a) Keep deepening cooperation" in text and "(b) Keep strengthening" in text
    assert "Original (Indonesian):" in text and "Chapter V, section 5.2 (a)" in text
    assert "Gaps in this report it answers (1): ACTIP-18.1." in text
    # beside the international-cooperation gap too
    gap = text[text.index(" 1. ACTIP-18.1"):text.index(" 2. ")]
    assert "recommendation (a), (b)" in gap


def test_worsening_series_listed_with_obligations(card: ScoreCard) -> None:
    text = render_text(card)
    assert "Trafficking investigations opened: 2019: 200, 2020: 150, 2021: 120" in text
    assert "(worsening); measures ACTIP-5.1, ACTIP-16.4." in text


def test_long_gap_list_is_compacted(mini_catalog: Catalog) -> None:
    from actip_cli.render import terminal

    answer_set, _ = answers_mod.load(GOLDEN / "answers.yaml", mini_catalog)
    card = score(mini_catalog, answer_set)
    old = terminal.DETAILED_GAPS
    terminal.DETAILED_GAPS = 2
    try:
        text = render_text(card)
    finally:
        terminal.DETAILED_GAPS = old
    assert "2 more gaps, in priority order:" in text


def test_low_confidence_marked(mini_catalog: Catalog) -> None:
    partial = AnswerSet("VNM", 2022, "2026.11", {})
    text = render_text(score(mini_catalog, partial))
    assert "(low confidence)" in text and "no data" in text
    assert "No duty is rated below 'substantial'." in text


def test_more_gaps_counts_what_is_listed_and_says_where_the_rest_are(mini_catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    from actip_cli.render import terminal

    answer_set, _ = answers_mod.load(GOLDEN / "answers.yaml", mini_catalog)
    card = score(mini_catalog, answer_set)
    monkeypatch.setattr(terminal, "DETAILED_GAPS", 1)
    monkeypatch.setattr(terminal, "COMPACT_GAPS", 1)
    text = render_text(card)
    assert "1 more gap" in text and "2 more gap" not in text
    hidden = len(card.gaps) - 2
    assert hidden > 1
    assert f"{hidden} further gaps of lower priority are listed in the Markdown" in text
