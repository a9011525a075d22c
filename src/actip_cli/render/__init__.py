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


BILINGUAL_FORMATS = ("html", "markdown")
"""Formats that can hold the report in two languages at once (`--lang vi,en`)."""


def render_bilingual(parts: list[tuple[str, ScoreCard]], format: str) -> str:
    """The gap report in two languages, [(language, card scored with that language's catalog), ...]."""
    if format not in BILINGUAL_FORMATS:
        raise ValueError(f"a report in two languages is written in {' and '.join(BILINGUAL_FORMATS)} only")
    text: str = import_module(REPORT_FORMATS[format]).render_bilingual(parts)
    return text


_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape_html(text: str) -> str:
    """`html.escape(text, quote=True)`, to the character: importing the html package loads
    its table of 2,000 named entities, a millisecond of every HTML report for nothing."""
    return text.translate(_HTML_ESCAPES)


def json_text(data: object) -> str:
    """Machine-readable JSON for user text: UTF-8 kept, but C1 control characters and line
    separators written as escapes, since some terminals and JavaScript parsers act on them
    raw (json.dumps escapes only the C0 controls)."""
    import json
    import re

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
