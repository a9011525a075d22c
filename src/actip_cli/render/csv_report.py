"""The gap report as CSV: one row per obligation, for spreadsheets.

UTF-8 with a byte-order mark so that spreadsheet programs open Vietnamese and Indonesian
text correctly; text cells that a spreadsheet would run as a formula (starting with =, +,
-, @, a tab or a carriage return) get a leading apostrophe. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
from io import StringIO

from actip_cli.render.report_text import plain
from actip_cli.scoring import Effect, ScoreCard

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "illustrative", "country", "period", "catalog_version", "id", "chapter", "article", "paragraph", "title",
    "modality", "qualifier", "weight", "verification", "de_jure", "de_facto", "output", "outcome",
    "priority", "flags", "recommendation_verb", "recommendation", "source_recommendations", "indicators",
    "evidence", "grade", "note", "not_applicable_because",
    "baseline_de_jure", "baseline_de_facto", "effect_output", "effect_outcome",
)


def cell(text: str) -> str:
    """A text cell made safe for a spreadsheet (no formula, no control characters)."""
    text = plain(text, keep_newlines=True)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _effect(e: Effect | None) -> str:
    return _number(e.value) if e is not None else ""


def render_text(card: ScoreCard) -> str:
    """All obligations, one row each, with a header row."""
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    with_baseline = card.baseline is not None
    for o in card.obligations:
        row = [
            cell(card.illustrative), card.country, str(card.period), cell(card.catalog_version), o.id, o.chapter, str(o.article),
            o.paragraph or "", cell(o.title), o.modality, cell(o.qualifier), _number(o.weight), o.verification,
            o.output.rating or "", o.outcome.rating or "", _number(o.output.attainment), _number(o.outcome.attainment),
            _number(o.priority), ";".join(o.flags), o.recommendation_verb, cell(o.recommendation_text),
            ";".join(o.recommendations), ";".join(o.indicators), cell(" | ".join(o.evidence)), o.grade or "",
            cell(o.note), cell(o.skipped_because),
            (o.output.baseline_rating or "") if with_baseline else "", (o.outcome.baseline_rating or "") if with_baseline else "",
            _effect(o.output.effect), _effect(o.outcome.effect),
        ]
        writer.writerow(row)
    return BOM + buffer.getvalue()
