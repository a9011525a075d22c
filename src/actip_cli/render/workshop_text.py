"""Make user text inert in each output format of the workshop commands (merge, diff, compare).

Respondent names, notes and evidence are typed by people we do not control and end up on a
trainer's screen, in a Markdown file on GitHub, in an HTML page and in a spreadsheet. Each
format has its own way to turn text into something that runs or misleads; these helpers
close them. Every renderer of this family passes user text through one of them.
"""

from __future__ import annotations

import re
import unicodedata

from actip_cli.render import escape_html

# Characters that reorder text on screen (bidirectional overrides and isolates): shown as
# their code point so a reader sees that they were there, instead of being misled.
_BIDI = {0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
# Invisible characters that could hide text or split a word a reader searches for.
_INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: object, *, limit: int | None = None) -> str:
    """One line of plain text: control characters and ANSI escapes removed, line breaks
    turned into spaces, direction overrides made visible, optionally shortened."""
    out: list[str] = []
    for ch in str(text):
        code = ord(ch)
        if ch in "\n\r\t":
            out.append(" ")
        elif code in _BIDI:
            out.append(f"<U+{code:04X}>")
        elif code in _INVISIBLE:
            continue
        elif unicodedata.category(ch) in ("Cc", "Cs"):
            continue  # C0/C1 controls (the ESC of an ANSI sequence among them) and lone surrogates
        else:
            out.append(ch)
    result = re.sub(r" {2,}", " ", "".join(out)).strip()
    if limit is not None and len(result) > limit:
        result = result[: max(limit - 1, 1)].rstrip() + "…"
    return result


def terminal(text: object, *, limit: int | None = None) -> str:
    """Text for a Rich console: cleaned, and Rich markup escaped."""
    from rich.markup import escape

    return escape(clean(text, limit=limit))


def markdown(text: object, *, limit: int | None = None) -> str:
    """Text for Markdown (also inside a table cell): no links, images, HTML, code or pipes."""
    plain = clean(text, limit=limit)
    plain = plain.replace("&", "&amp;")
    return _MD_SPECIAL.sub(lambda m: "&lt;" if m.group(1) == "<" else "&gt;" if m.group(1) == ">" else "\\" + m.group(1), plain)


def html_text(text: object, *, limit: int | None = None) -> str:
    """Text for HTML element content or a quoted attribute."""
    return escape_html(clean(text, limit=limit))


def csv_cell(text: object) -> str:
    """A CSV cell a spreadsheet will show, never evaluate: formula starts get an apostrophe."""
    plain = clean(text)
    return "'" + plain if plain.startswith(_FORMULA_START) else plain


__all__ = ["clean", "csv_cell", "html_text", "markdown", "terminal"]
