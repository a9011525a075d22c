"""Renderers: turn catalog entries and score cards into terminal, Markdown, HTML, JSON and CSV."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from actip_cli.scoring import ScoreCard

REPORT_FORMATS: dict[str, str] = {
    "terminal": "actip_cli.render.terminal",
    "markdown": "actip_cli.render.markdown",
    "html": "actip_cli.render.html",
    "json": "actip_cli.render.json_report",
    "csv": "actip_cli.render.csv_report",
}
"""Each report format and the module whose `render_text(card) -> str` writes it.

Modules are imported only when their format is asked for, so the JSON, Markdown, HTML and
CSV paths never load Rich.
"""


def render_report(card: ScoreCard, format: str) -> str:
    """The gap report in one format, as text ready for stdout or a file."""
    try:
        module = REPORT_FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown report format {format!r}; choose one of {', '.join(REPORT_FORMATS)}") from None
    text: str = import_module(module).render_text(card)
    return text
