"""`actip diff` output: what changed between two rounds, in terminal text, Markdown and JSON.

One plain-text model (a list of sections, each a title and lines) feeds the terminal and
Markdown forms so they say the same thing; JSON is built from the diff directly. User text
(file names, evidence, notes) goes through `workshop_text` for each format.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from actip_cli.diff import DIFF_VERSION, SECTIONS, Diff, LevelChange, ObligationChange, SeriesChange, level_word
from actip_cli.model import Answer
from actip_cli.render import workshop_text as safe

LEVEL_LABELS = {"output": "Output (law)", "outcome": "Outcome (practice)", "impact": "Impact (problem)"}
_SECTION_HELP = {
    "gap-closed": "a gap in OLD, no longer one in NEW",
    "new-gap": "a gap in NEW that was not one in OLD (new obligations of the catalog are listed under catalog changes)",
    "regressed": "a rating went down, gap status unchanged",
    "improved": "a rating went up, gap status unchanged",
    "newly-unknown": "rated in OLD, 'unknown' in NEW: data to collect again",
    "newly-answered": "not rated in OLD, rated in NEW",
    "no-longer-answered": "answered in OLD, missing from NEW",
    "applicability": "'not-applicable' given or withdrawn",
    "evidence": "evidence items added or removed",
}

Escape = Callable[..., str]


def score_text(value: float | None) -> str:
    """A 0..1 score as '0.58', or 'no data'."""
    return "no data" if value is None else f"{value:.2f}"


def move_text(old: float | None, new: float | None) -> str:
    """'0.45→0.60 (+0.15)', '0.60 (same)', 'no data→0.30'."""
    if old is None and new is None:
        return "no data"
    if old is not None and new is not None:
        delta = new - old
        if abs(delta) < 0.005:
            return f"{score_text(new)} (same)"
        return f"{score_text(old)}→{score_text(new)} ({'+' if delta >= 0 else '−'}{abs(delta):.2f})"
    return f"{score_text(old)}→{score_text(new)}"


def changed_areas(d: Diff) -> list[tuple[str, str, dict[str, str]]]:
    """(area, title, level -> move) for the overall score and every chapter whose score moved."""
    areas: dict[str, tuple[str, dict[str, str]]] = {}
    moved = {m.area for m in d.scores if m.old != m.new}
    for m in d.scores:
        if m.area == "overall" or m.area in moved:
            areas.setdefault(m.area, (m.title, {}))[1][m.level] = move_text(m.old, m.new)
    return [(area, title, levels) for area, (title, levels) in areas.items()]


def _ratings(levels: tuple[LevelChange, ...]) -> str:
    parts = []
    for lc in levels:
        if lc.changed:
            parts.append(f"{level_word(lc.level)} {lc.old or 'not answered'} → {lc.new or 'not answered'}")
    return "; ".join(parts) or "ratings unchanged"


def _answer_words(a: Answer | None) -> str:
    if a is None:
        return "not answered"
    return f"in law {a.de_jure or 'not answered'}, in practice {a.de_facto or 'not answered'}"


def _obligation_line(o: ObligationChange, tag: str, esc: Escape) -> list[str]:
    head = f"{o.id} {esc(o.citation)} {esc(o.title)}"
    if tag == "evidence":
        lines = [head]
        lines += [f"  added: {esc(e, limit=300)}" for e in o.evidence_added]
        lines += [f"  removed: {esc(e, limit=300)}" for e in o.evidence_removed]
        return lines
    if tag == "no-longer-answered":
        return [f"{head}: was {_answer_words_levels(o, 'old')}"]
    disputed = " (respondents disagree in NEW)" if o.new_disputed else ""
    return [f"{head}: {esc(_ratings(o.levels))}{disputed}"]


def _answer_words_levels(o: ObligationChange, side: str) -> str:
    values = {lc.level: (lc.old if side == "old" else lc.new) for lc in o.levels}
    return f"in law {values['de_jure'] or 'not answered'}, in practice {values['de_facto'] or 'not answered'}"


def _series_line(s: SeriesChange, esc: Escape) -> str:
    parts = []
    if s.added:
        parts.append("extended: " + ", ".join(f"{y}: {_num(v)}" for y, v in s.added))
    if s.revised:
        parts.append("revised: " + ", ".join(f"{y}: {_num(a)} → {_num(b)}" for y, a, b in s.revised))
    if s.removed:
        parts.append("removed: " + ", ".join(f"{y}: {_num(v)}" for y, v in s.removed))
    if s.old_trend is None:
        parts = ["new series: " + ", ".join(f"{y}: {_num(v)}" for y, v in s.added), f"trend {s.new_trend}"]
    elif s.new_trend is None:
        parts.insert(0, "not reported in NEW")
    elif s.old_trend != s.new_trend:
        parts.append(f"trend {s.old_trend} → {s.new_trend}")
    else:
        parts.append(f"trend {s.new_trend}")
    return f"{esc(s.name)} ({s.id}): " + "; ".join(parts)


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def sections(d: Diff, esc: Escape) -> list[tuple[str, str, list[str]]]:
    """(title, help, lines) for every non-empty part of the diff, in reading order."""
    out: list[tuple[str, str, list[str]]] = []
    for tag, title in SECTIONS:
        found = d.section(tag)
        if found:
            lines = [line for o in found for line in _obligation_line(o, tag, esc)]
            out.append((f"{title} ({len(found)})", _SECTION_HELP[tag], lines))
    changed = [s for s in d.series if s.changed or s.old_trend != s.new_trend]
    if changed:
        out.append((f"Indicator series ({len(changed)})", "years added, revised or removed, and the trend",
                    [_series_line(s, esc) for s in changed]))
    cat_lines: list[str] = []
    for r in d.retired:
        ret = r.retired
        line = f"{ret.id} retired in {esc(ret.since)} ({esc(ret.reason)})"
        if ret.replaced_by:
            line += f", replaced by {', '.join(ret.replaced_by)}"
        line += f". OLD said: {_answer_words(r.old)}."
        for rid, answer in r.replacements:
            line += f" NEW on {rid}: {_answer_words(answer)}."
        cat_lines.append(line)
    for a in d.added:
        verdict = " (a gap)" if a.new_gap else ""
        cat_lines.append(f"{a.id} {esc(a.title)} added in {esc(a.since)}: NEW says {_answer_words(a.new)}{verdict}; "
                         "OLD could not answer it, so it is not counted as a new gap")
    if d.old_catalog != d.new_catalog or cat_lines:
        help_text = f"between catalog {esc(d.old_catalog)} (OLD) and {esc(d.new_catalog)} (NEW)"
        out.append(("Catalog changes", help_text, cat_lines or ["no obligation was added or retired"]))
    return out


def summary(d: Diff) -> str:
    """One sentence with the counts that matter most."""
    counts = [(tag, d.count(tag)) for tag, _ in SECTIONS if tag != "evidence"]
    words = {"gap-closed": "gaps closed", "new-gap": "new gaps", "regressed": "regressed", "improved": "improved",
             "newly-unknown": "newly unknown", "newly-answered": "newly answered",
             "no-longer-answered": "no longer answered", "applicability": "applicability changed"}
    parts = [f"{n} {words[tag]}" for tag, n in counts if n or tag in ("gap-closed", "new-gap")]
    extended = len(d.extended_series)
    if extended:
        parts.append(f"{extended} series extended")
    if d.empty:
        return "No changes."
    text = ", ".join(parts) + "."
    if d.disputed:
        text += (f" {d.disputed} of the changed duties are disputed among NEW's respondents: settle those before "
                 "reading them as progress or regression.")
    return text


def _title(d: Diff) -> str:
    return f"What changed: {d.country_name} ({d.country}), {d.old_period} → {d.new_period}"


# --------------------------------------------------------------------------- terminal


def terminal(d: Diff, console: Any) -> None:
    """Print the diff on a Rich console (fits 80 columns: long lines wrap under their text)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    esc = safe.terminal
    console.print(Text(_title(d), style="bold"))
    console.print(f"OLD: {esc(d.old_file)} (catalog {esc(d.old_catalog)})")
    console.print(f"NEW: {esc(d.new_file)} (catalog {esc(d.new_catalog)})")
    console.print(summary(d))
    areas = changed_areas(d)
    if areas:
        table = Table(title="Scores (0 to 1)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("Area", ratio=1)
        for level in ("output", "outcome", "impact"):
            table.add_column(LEVEL_LABELS[level], no_wrap=True)
        for area, title, levels in areas:
            table.add_row("Overall" if area == "overall" else f"{area}. {esc(title)}",
                          *(levels.get(level, "no data") for level in ("output", "outcome", "impact")))
        console.print()
        console.print(table)
    for title, help_text, lines in sections(d, esc):
        console.print()
        console.print(Text(title, style="bold"), Text(f" {safe.clean(help_text)}", style="dim"), sep="")
        # The obligation ID in a column of its own, so wrapped text stays under its text.
        with_ids = any(line.startswith("ACTIP-") for line in lines)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, width=None if with_ids else 0)
        grid.add_column(ratio=1)
        for line in lines:
            if not with_ids:
                grid.add_row("", line.strip())
            elif line.startswith("ACTIP-"):
                oid, _, rest = line.partition(" ")
                grid.add_row(" " + oid, rest)
            else:
                grid.add_row("", line.strip() if not line.startswith("  ") else "  " + line.strip())
        console.print(grid)


def render_text(d: Diff, *, width: int = 100) -> str:
    """The terminal form as plain text (for --output)."""
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    console = Console(file=buffer, width=width, no_color=True, color_system=None, force_terminal=False,
                      highlight=False, emoji=False)
    terminal(d, console)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


# --------------------------------------------------------------------------- markdown


def markdown(d: Diff) -> str:
    """The diff as a Markdown document."""
    md = safe.markdown
    out = [f"# {md(_title(d))}", "",
           f"OLD: `{_code(d.old_file)}` (catalog {md(d.old_catalog)}); NEW: `{_code(d.new_file)}` (catalog {md(d.new_catalog)}).", "",
           md(summary(d)), ""]
    areas = changed_areas(d)
    if areas:
        out += ["## Scores", "", "| Area | " + " | ".join(LEVEL_LABELS.values()) + " |", "| --- | --- | --- | --- |"]
        for area, title, levels in areas:
            name = "Overall" if area == "overall" else f"{area}. {md(title)}"
            out.append(f"| {name} | " + " | ".join(levels.get(level, "no data") for level in LEVEL_LABELS) + " |")
        out.append("")
    for title, help_text, lines in sections(d, md):
        out += [f"## {title}", "", f"_{md(help_text)}_" if help_text else "", ""]
        for line in lines:
            out.append(f"  - {line.strip()}" if line.startswith("  ") else f"- {line}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _code(text: str) -> str:
    """Text inside a Markdown code span: backticks cannot close it early."""
    return safe.clean(text).replace("`", "'")


# --------------------------------------------------------------------------- json


def to_data(d: Diff) -> dict[str, Any]:
    """The JSON-shaped diff (version 1)."""
    return {
        "diff_version": DIFF_VERSION,
        "country": d.country,
        "old": {"file": d.old_file, "period": d.old_period, "catalog_version": d.old_catalog},
        "new": {"file": d.new_file, "period": d.new_period, "catalog_version": d.new_catalog},
        "catalog_in_use": d.catalog_in_use,
        "summary": {tag: d.count(tag) for tag, _ in SECTIONS} | {"series_extended": len(d.extended_series),
                                                                   "disputed_in_new": d.disputed},
        "scores": [{"area": m.area, "level": m.level, "old": m.old, "new": m.new} for m in d.scores],
        "obligations": [
            {"id": o.id, "citation": o.citation, "title": o.title, "chapter": o.chapter, "tags": list(o.tags),
             "old_gap": o.old_gap, "new_gap": o.new_gap, "priority": o.priority, "new_disputed": o.new_disputed,
             "levels": {lc.level: {"old": lc.old, "new": lc.new, "steps": lc.steps} for lc in o.levels},
             "evidence_added": list(o.evidence_added), "evidence_removed": list(o.evidence_removed)}
            for o in d.obligations
        ],
        "series": [
            {"id": s.id, "added": [[y, v] for y, v in s.added], "removed": [[y, v] for y, v in s.removed],
             "revised": [{"year": y, "old": a, "new": b} for y, a, b in s.revised],
             "old_trend": s.old_trend, "new_trend": s.new_trend}
            for s in d.series
        ],
        "catalog_changes": {
            "added": [{"id": a.id, "since": a.since, "new": _answer_data(a.new), "new_gap": a.new_gap} for a in d.added],
            "retired": [
                {"id": r.retired.id, "since": r.retired.since, "reason": r.retired.reason,
                 "replaced_by": list(r.retired.replaced_by), "old": _answer_data(r.old),
                 "replacements": [{"id": rid, "new": _answer_data(a)} for rid, a in r.replacements]}
                for r in d.retired
            ],
        },
        "warnings": list(d.warnings),
    }


def _answer_data(a: Answer | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"de_jure": a.de_jure, "de_facto": a.de_facto, "evidence": list(a.evidence)}


def to_json(d: Diff) -> str:
    """The diff as JSON text."""
    return json.dumps(to_data(d), indent=2, ensure_ascii=False) + "\n"


__all__ = ["markdown", "render_text", "sections", "summary", "terminal", "to_data", "to_json"]
