"""`actip compare` output: assessments side by side, in terminal, Markdown, HTML, JSON and CSV.

The layout answers a trainer's two questions: how do the chapters compare at each Underdal
level (one small table per level, chapters down, assessments across, so ten member states
fit in 80 columns), and on which duties do the assessments differ most. User text (file
names, respondent names) passes through `workshop_text` for each format. Headings, sentences
and numbers follow the active language (`--lang`; a decimal comma in Vietnamese and
Indonesian, which keeps every score cell five characters wide); JSON and CSV keep their
English keys, keywords and decimal points.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from actip_cli.render import json_text
from actip_cli.compare import COMPARE_VERSION, AreaRow, Comparison, Divergence
from actip_cli.i18n import N_, _, active_language, ngettext, pgettext
from actip_cli.model import RATING_VALUE
from actip_cli.render import workshop_text as safe
from actip_cli.render.report_text import area_name as _area_name
from actip_cli.render.report_text import local_number
from actip_cli.scoring import AreaScore, ObligationScore

LEVEL_LABELS = {"output": N_("Output (law)"), "outcome": N_("Outcome (practice)"), "impact": N_("Impact (problem)")}
LEVEL_HELP = {
    "output": N_("is the law, plan or body in place? (de_jure answers)"),
    "outcome": N_("is it applied in practice? (de_facto answers and outcome series)"),
    "impact": N_("is the problem shrinking? (impact series only)"),
}
_BAND_STYLE = {"negligible": "red", "low": "red", "moderate": "yellow", "substantial": "green", "high": "green"}
LEGEND = N_("Scores run from 0 to 1; * marks low confidence (under half of the duties rated); "
            "'-' is no data. Ratings are law/practice, 0 none to 4 full, ? unknown, n/a not applicable, "
            ". not answered.")
_APART = N_(" 'Apart' is the largest difference in rating steps.")
_COVERAGE = N_("Coverage: share of duties rated")
_NO_DATA = N_("No data in any assessment.")
_SAME = N_("No duty is rated differently across these assessments.")


def _heading(level: str) -> str:
    """The heading of one level's table, in the active language."""
    return _(_COVERAGE) if level == "coverage" else f"{_(LEVEL_LABELS[level])}: {_(LEVEL_HELP[level])}"


def _differ(c: Comparison) -> str:
    return _("Where they differ most ({count} of {total} duties rated differently)").format(
        count=len(c.divergences), total=c.divergent_total)


def area_name(row: AreaRow) -> str:
    """'Overall' or 'IV. Protection'."""
    return _area_name(row.id, row.title)


def cell(area: AreaScore | None, level: str) -> str:
    """'0.58', '0.58*' (low confidence) or '-'; '0,58' in Vietnamese and Indonesian."""
    if area is None or area.level(level).value is None:
        return "-"
    return local_number(f"{area.level(level).value:.2f}") + ("*" if area.low_confidence else "")


def coverage_cell(area: AreaScore | None) -> str:
    """'78%' or '-'."""
    return "-" if area is None else f"{round(area.coverage * 100)}%"


def rating_code(rating: str | None) -> str:
    """A rating in one or three characters: 0..4, ?, n/a, '.' for not answered."""
    if rating is None:
        return "."
    if rating in RATING_VALUE:
        return str(RATING_VALUE[rating])
    return "?" if rating == "unknown" else "n/a"


def _rating(rating: str | None) -> str:
    return pgettext("rating", rating) if rating else _("not answered")


def pair(s: ObligationScore) -> str:
    """'3/1': law rating / practice rating."""
    return f"{rating_code(s.output.rating)}/{rating_code(s.outcome.rating)}"


def title(c: Comparison) -> str:
    """'Comparison of 10 countries, 2025'."""
    cards = [col.card for col in c.columns]
    if c.what == "countries":
        return _("Comparison of {count} countries, {period}").format(count=len(cards), period=cards[0].period)
    if c.what == "periods":
        return _("{country} ({code}) over {count} periods").format(country=cards[0].country_name, code=cards[0].country, count=len(cards))
    return _("Comparison of {count} assessments").format(count=len(cards))


def column_legend(c: Comparison) -> list[str]:
    """One line per column: label, what it is, and the file."""
    out = []
    for col in c.columns:
        card = col.card
        who = f"{card.country_name}, {card.period}"
        if card.merged_from:
            who += _(", merged from {count} respondents").format(count=len(card.merged_from))
        elif card.respondent:
            who += f", {card.respondent}"
        if card.illustrative:
            who += _(", illustrative")
        out.append(f"{col.label}: {who} ({col.file})")
    return out


def divergence_words(d: Divergence) -> str:
    """'3 steps apart in practice'."""
    where = _("in law") if d.level == "output" else _("in practice")
    return ngettext("{n} step apart {where}", "{n} steps apart {where}", d.spread).format(n=d.spread, where=where)


# --------------------------------------------------------------------------- terminal


def _grid(console: Any, first: list[tuple[str, int | None]], labels: list[str], value_width: int) -> Any:
    """A borderless table: leading text columns, then one narrow right-aligned column per
    assessment. The last leading column gets whatever width is left, so ten member states
    fit in 80 columns (Rich would otherwise squeeze every column alike)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 0, 0, 1), pad_edge=False, show_edge=False, header_style="bold underline")
    widths = [max(len(label), value_width) for label in labels]
    fixed = sum(w + 1 for w in widths) + sum((w or 0) + 1 for _, w in first)
    for i, (name, width) in enumerate(first):
        if i == len(first) - 1:
            table.add_column(name, width=max(8, console.width - fixed), no_wrap=True, overflow="ellipsis")
        else:
            table.add_column(name, width=width, no_wrap=True)
    for label, w in zip(labels, widths, strict=True):
        # Cells arrive padded to the column's width (so a trailing space after '0.58' is kept,
        # which right-justification would strip); only the header needs pushing right.
        table.add_column(Text.from_markup(label, justify="right"), justify="left" if value_width == 5 else "right",
                         no_wrap=True, width=w)
    return table


def terminal(c: Comparison, console: Any) -> None:
    """Print the comparison on a Rich console."""
    from rich.text import Text

    esc = safe.terminal
    labels = [esc(col.label) for col in c.columns]
    console.print(Text(title(c), style="bold"), Text("  " + _("catalog {version}").format(version=c.catalog_version), style="dim"))
    for line in column_legend(c):
        console.print("  " + esc(line), highlight=False)
    for level in (*LEVEL_LABELS, "coverage"):
        heading = _heading(level)
        console.print()
        if level != "coverage" and all(v is None for row in c.rows for v in row.values(level)):
            console.print(Text(heading, style="bold"), Text(_(": no data in any assessment"), style="dim"), sep="")
            continue
        console.print(Text(heading, style="bold"))
        table = _grid(console, [(_("Chapter"), None)], labels, 5)
        widths = [max(len(label), 5) for label in labels]
        for row in c.rows:
            cells: list[Any] = []
            for area, width in zip(row.areas, widths, strict=True):
                # Every cell is five characters ('0.58*', '0.58 ', '   - ') pushed to the
                # right edge of its column, so decimals line up whether or not a '*' follows.
                if level == "coverage":
                    cells.append(f"{coverage_cell(area):>4} ".rjust(width))
                else:
                    value = area.level(level) if area else None
                    style = _BAND_STYLE.get(value.band or "", "") if value else ""
                    shown = cell(area, level)
                    cells.append(Text((shown if shown.endswith("*") else f"{shown:>4} ").rjust(width), style=style))
            table.add_row(Text(area_name(row), style="bold" if row.id == "overall" else ""), *cells)
        console.print(table)
    console.print()
    if c.divergences:
        console.print(Text(_differ(c), style="bold"))
        id_width = max(len(d.id) for d in c.divergences)
        table = _grid(console, [(_("Duty"), id_width), (_("Apart"), 10), ("", None)], labels, 3)
        for d in c.divergences:
            table.add_row(d.id, f"{d.spread} {_('law') if d.level == 'output' else _('practice')}", esc(d.title),
                          *(pair(s) for s in d.scores))
        console.print(table)
    else:
        console.print(_(_SAME))
    console.print(Text(_(LEGEND) + _(_APART), style="dim"))
    for w in c.warnings:
        console.print(Text(_("note: {text}").format(text=safe.clean(w)), style="dim"))


def render_text(c: Comparison, *, width: int = 100) -> str:
    """The terminal form as plain text (for --output)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, color_system=None, force_terminal=False,
                      highlight=False, emoji=False)
    terminal(c, console)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


# --------------------------------------------------------------------------- markdown


def markdown(c: Comparison) -> str:
    """The comparison as a Markdown document."""
    md = safe.markdown
    out = [f"# {md(title(c))}", "", _("Catalog {version}.").format(version=md(c.catalog_version)), ""]
    out += [f"- {md(line)}" for line in column_legend(c)]
    out.append("")
    head = f"| {_('Chapter')} | " + " | ".join(md(col.label) for col in c.columns) + " |"
    rule = "| --- |" + " ---: |" * len(c.columns)
    for level in (*LEVEL_LABELS, "coverage"):
        heading = _heading(level)
        if level != "coverage" and all(v is None for row in c.rows for v in row.values(level)):
            out += [f"## {md(heading)}", "", _(_NO_DATA), ""]
            continue
        out += [f"## {md(heading)}", "", head, rule]
        for row in c.rows:
            cells = [coverage_cell(a) if level == "coverage" else cell(a, level) for a in row.areas]
            name = f"**{md(area_name(row))}**" if row.id == "overall" else md(area_name(row))
            out.append(f"| {name} | " + " | ".join(x.replace("*", "\\*") for x in cells) + " |")
        out.append("")
    out += [f"## {md(_differ(c))}", ""]
    if c.divergences:
        out += [f"| {_('Duty')} | " + " | ".join(md(col.label) for col in c.columns) + " |", "| --- |" + " ---: |" * len(c.columns)]
        for d in c.divergences:
            out.append(f"| {d.id} {md(d.title)} ({divergence_words(d)}) | " + " | ".join(pair(s) for s in d.scores) + " |")
    else:
        out.append(_(_SAME))
    out += ["", md(_(LEGEND))]
    out += ["\n" + pgettext("warning", "Note: {text}").format(text=md(w)) for w in c.warnings]
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- html

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;color:#1a1a1a;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right;font-variant-numeric:tabular-nums}
th:first-child,td:first-child{text-align:left}
tr.overall td{font-weight:bold}
td.negligible,td.low{background:#f8d7da}td.moderate{background:#fff3cd}td.substantial,td.high{background:#d4edda}
td.nodata{color:#888}
.legend,.note{color:#555;font-size:.9rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:avoid}}
"""


def html(c: Comparison) -> str:
    """The comparison as one self-contained HTML page (inline CSS, no scripts, no network)."""
    h = safe.html_text
    out = ["<!DOCTYPE html>", f'<html lang="{h(active_language())}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{h(title(c))}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           f"<h1>{h(title(c))}</h1>", f"<p>{h(_('Catalog {version}.').format(version=c.catalog_version))}</p>", "<ul>"]
    out += [f"<li>{h(line)}</li>" for line in column_legend(c)]
    out.append("</ul>")
    head = f"<tr><th>{h(_('Chapter'))}</th>" + "".join(f'<th scope="col">{h(col.label)}</th>' for col in c.columns) + "</tr>"
    for level in (*LEVEL_LABELS, "coverage"):
        heading = _heading(level)
        if level != "coverage" and all(v is None for row in c.rows for v in row.values(level)):
            out += [f"<h2>{h(heading)}</h2>", f"<p>{h(_(_NO_DATA))}</p>"]
            continue
        out += [f"<h2>{h(heading)}</h2>", "<table>", f"<thead>{head}</thead>", "<tbody>"]
        for row in c.rows:
            cells = []
            for area in row.areas:
                if level == "coverage":
                    cells.append(f"<td>{coverage_cell(area)}</td>")
                    continue
                value = area.level(level) if area else None
                css = (value.band or "nodata") if value and value.value is not None else "nodata"
                cells.append(f'<td class="{h(css)}">{h(cell(area, level))}</td>')
            cls = ' class="overall"' if row.id == "overall" else ""
            out.append(f"<tr{cls}><td>{h(area_name(row))}</td>{''.join(cells)}</tr>")
        out += ["</tbody>", "</table>"]
    out.append(f"<h2>{h(_differ(c))}</h2>")
    if c.divergences:
        out += ["<table>", f"<thead><tr><th>{h(_('Duty'))}</th>" + "".join(f'<th scope="col">{h(col.label)}</th>' for col in c.columns)
                + "</tr></thead>", "<tbody>"]
        for d in c.divergences:
            cells = "".join(
                f'<td title="{h(_("in law: {de_jure}; in practice: {de_facto}").format(de_jure=_rating(s.output.rating), de_facto=_rating(s.outcome.rating)))}">'
                f"{h(pair(s))}</td>" for s in d.scores)
            out.append(f"<tr><td>{h(d.id)} {h(d.title)} ({h(divergence_words(d))})</td>{cells}</tr>")
        out += ["</tbody>", "</table>"]
    else:
        out.append(f"<p>{h(_(_SAME))}</p>")
    out.append(f'<p class="legend">{h(_(LEGEND))}</p>')
    out += [f'<p class="note">{h(pgettext("warning", "Note: {text}").format(text=w))}</p>' for w in c.warnings]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- json and csv


def to_data(c: Comparison) -> dict[str, Any]:
    """The JSON-shaped comparison (version 1)."""
    def area_data(a: AreaScore | None) -> dict[str, Any] | None:
        if a is None:
            return None
        return {**{lv: a.level(lv).value for lv in LEVEL_LABELS}, **{f"{lv}_band": a.level(lv).band for lv in LEVEL_LABELS},
                "coverage": a.coverage, "confidence": a.confidence}

    return {
        "compare_version": COMPARE_VERSION,
        "catalog_version": c.catalog_version,
        "varies": c.what,
        "columns": [{"label": col.label, "file": col.file, "country": col.card.country, "country_name": col.card.country_name,
                     "period": col.card.period, "catalog_version": col.card.answers_catalog_version} for col in c.columns],
        "areas": [{"id": row.id, "title": row.title, "scores": [area_data(a) for a in row.areas]} for row in c.rows],
        "divergences": [
            {"id": d.id, "citation": d.citation, "title": d.title, "chapter": d.chapter, "spread": d.spread,
             "level": d.level,
             "ratings": [{"output": s.output.rating, "outcome": s.outcome.rating} for s in d.scores]}
            for d in c.divergences
        ],
        "divergent_total": c.divergent_total,
        "warnings": list(c.warnings),
    }


def to_json(c: Comparison) -> str:
    """The comparison as JSON text."""
    return json_text(to_data(c))


CSV_COLUMNS = ("kind", "column", "country", "country_name", "period", "file", "id", "title",
               "output", "outcome", "impact", "coverage", "confidence", "output_rating", "outcome_rating")


def to_csv(c: Comparison) -> str:
    """One row per assessment and area (overall, chapter) and per assessment and duty.

    Long format, so a spreadsheet can pivot it; text cells that a spreadsheet would run as a
    formula are neutralised. Write it with a UTF-8 byte order mark (`CSV_ENCODING`).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    t = safe.csv_cell
    for col in c.columns:
        card = col.card
        ident = [t(col.label), card.country, t(card.country_name), card.period, t(col.file)]
        for row, area in ((r, r.areas[c.columns.index(col)]) for r in c.rows):
            if area is None:
                continue
            writer.writerow(["overall" if row.id == "overall" else "chapter", *ident, row.id, t(row.title),
                             *(_n(area.level(lv).value) for lv in LEVEL_LABELS), _n(area.coverage), area.confidence, "", ""])
        for s in card.obligations:
            writer.writerow(["obligation", *ident, s.id, t(s.title), _n(s.output.attainment), _n(s.outcome.attainment), "",
                             "", "", s.output.rating or "", s.outcome.rating or ""])
    return buffer.getvalue()


CSV_ENCODING = "utf-8-sig"


def _n(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


__all__ = ["CSV_COLUMNS", "CSV_ENCODING", "html", "markdown", "render_text", "terminal", "to_csv", "to_data", "to_json"]
