"""`actip diff` output: what changed between two rounds, in terminal text, Markdown and JSON.

One plain-text model (a list of sections, each a title and lines) feeds the terminal and
Markdown forms so they say the same thing; JSON is built from the diff directly. User text
(file names, evidence, notes) goes through `workshop_text` for each format. Sentences,
headings, rating and trend words and numbers follow the active language (`--lang`); JSON
keeps its English keys and keywords.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from actip_cli.render import json_text
from actip_cli.diff import DIFF_VERSION, SECTIONS, Diff, LevelChange, ObligationChange, SeriesChange
from actip_cli.i18n import N_, _, ngettext, pgettext
from actip_cli.model import Answer
from actip_cli.render import workshop_text as safe
from actip_cli.render.report_text import citation_of, count_value, local_number, num, say

LEVEL_LABELS = {"output": N_("Output (law)"), "outcome": N_("Outcome (practice)"), "impact": N_("Impact (problem)")}
_SECTION_TITLE = {
    "gap-closed": N_("Gaps closed"),
    "new-gap": N_("New gaps"),
    "regressed": N_("Regressed"),
    "improved": N_("Improved"),
    "newly-unknown": N_("Newly unknown"),
    "newly-answered": N_("Newly answered"),
    "no-longer-answered": N_("No longer answered"),
    "applicability": N_("Applicability changed"),
    "evidence": N_("Evidence added or removed"),
}
"""The titles of diff.SECTIONS (the same English), marked for translation."""
_SECTION_HELP = {
    "gap-closed": N_("a gap in OLD, no longer one in NEW"),
    "new-gap": N_("a gap in NEW that was not one in OLD (new obligations of the catalog are listed under catalog changes)"),
    "regressed": N_("a rating went down, gap status unchanged"),
    "improved": N_("a rating went up, gap status unchanged"),
    "newly-unknown": N_("rated in OLD, 'unknown' in NEW: data to collect again"),
    "newly-answered": N_("not rated in OLD, rated in NEW"),
    "no-longer-answered": N_("answered in OLD, missing from NEW"),
    "applicability": N_("'not-applicable' given or withdrawn"),
    "evidence": N_("evidence items added or removed"),
}
_COUNT_WORDS = {
    "regressed": N_("{n} regressed"),
    "improved": N_("{n} improved"), "newly-unknown": N_("{n} newly unknown"), "newly-answered": N_("{n} newly answered"),
    "no-longer-answered": N_("{n} no longer answered"), "applicability": N_("{n} applicability changed"),
}
_LEVEL_WORD = {"de_jure": N_("in law (output)"), "de_facto": N_("in practice (outcome)")}


def _count_words(tag: str, n: int) -> str:
    """'1 gap closed', '3 new gaps', '2 regressed' in the summary line."""
    if tag == "gap-closed":
        return ngettext("{n} gap closed", "{n} gaps closed", n).format(n=n)
    if tag == "new-gap":
        return ngettext("{n} new gap", "{n} new gaps", n).format(n=n)
    return _(_COUNT_WORDS[tag]).format(n=n)


def level_word(level: str) -> str:
    """'in law (output)' or 'in practice (outcome)', in the active language."""
    return _(_LEVEL_WORD[level])


def _rating(rating: str | None) -> str:
    return pgettext("rating", rating) if rating else _("not answered")


def _trend(trend: str | None) -> str:
    return say(f"trend.{trend}") if trend else str(trend)

Escape = Callable[..., str]


def score_text(value: float | None) -> str:
    """A 0..1 score as '0.58' ('0,58' in Vietnamese and Indonesian), or 'no data'."""
    return num(value)


def move_text(old: float | None, new: float | None) -> str:
    """'0.45→0.60 (+0.15)', '0.60 (same)', 'no data→0.30'."""
    if old is None and new is None:
        return say("no_data")
    if old is not None and new is not None:
        delta = new - old
        if abs(delta) < 0.005:
            return _("{score} (same)").format(score=score_text(new))
        return f"{score_text(old)}→{score_text(new)} ({'+' if delta >= 0 else '−'}{local_number(f'{abs(delta):.2f}')})"
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
            parts.append(_("{level} {old} → {new}").format(level=level_word(lc.level), old=_rating(lc.old), new=_rating(lc.new)))
    return "; ".join(parts) or _("ratings unchanged")


def _answer_words(a: Answer | None) -> str:
    if a is None:
        return _("not answered")
    return _("in law {de_jure}, in practice {de_facto}").format(de_jure=_rating(a.de_jure), de_facto=_rating(a.de_facto))


def _obligation_line(o: ObligationChange, tag: str, esc: Escape) -> list[str]:
    # The ID first on the line: the terminal form puts it in a column of its own.
    head = f"{o.id} {esc(citation_of(o.id))} {esc(o.title)}"
    if tag == "evidence":
        lines = [head]
        lines += ["  " + _("added: {text}").format(text=esc(e, limit=300)) for e in o.evidence_added]
        lines += ["  " + _("removed: {text}").format(text=esc(e, limit=300)) for e in o.evidence_removed]
        return lines
    if tag == "no-longer-answered":
        return [f"{head}: " + _("was {answer}").format(answer=_answer_words_levels(o, "old"))]
    disputed = _(" (respondents disagree in NEW)") if o.new_disputed else ""
    return [f"{head}: {esc(_ratings(o.levels))}{disputed}"]


def _answer_words_levels(o: ObligationChange, side: str) -> str:
    values = {lc.level: (lc.old if side == "old" else lc.new) for lc in o.levels}
    return _("in law {de_jure}, in practice {de_facto}").format(de_jure=_rating(values["de_jure"]), de_facto=_rating(values["de_facto"]))


def _series_line(s: SeriesChange, esc: Escape) -> str:
    parts = []
    sep = _VALUE_SEPARATOR()
    if s.added:
        parts.append(_("extended: {values}").format(values=sep.join(f"{y}: {_num(v)}" for y, v in s.added)))
    if s.revised:
        parts.append(_("revised: {values}").format(values=sep.join(f"{y}: {_num(a)} → {_num(b)}" for y, a, b in s.revised)))
    if s.removed:
        parts.append(_("removed: {values}").format(values=sep.join(f"{y}: {_num(v)}" for y, v in s.removed)))
    if s.old_trend is None:
        parts = [_("new series: {values}").format(values=sep.join(f"{y}: {_num(v)}" for y, v in s.added)),
                 _("trend {trend}").format(trend=_trend(s.new_trend))]
    elif s.new_trend is None:
        parts.insert(0, _("not reported in NEW"))
    elif s.old_trend != s.new_trend:
        parts.append(_("trend {old} → {new}").format(old=_trend(s.old_trend), new=_trend(s.new_trend)))
    else:
        parts.append(_("trend {trend}").format(trend=_trend(s.new_trend)))
    return f"{esc(s.name)} ({s.id}): " + "; ".join(parts)


def _num(value: float) -> str:
    return count_value(value)


def _VALUE_SEPARATOR() -> str:
    """', ' between year values; '; ' where a comma is the decimal mark (12,5)."""
    return ", " if local_number("1.5") == "1.5" else "; "


def sections(d: Diff, esc: Escape) -> list[tuple[str, str, list[str]]]:
    """(title, help, lines) for every non-empty part of the diff, in reading order."""
    out: list[tuple[str, str, list[str]]] = []
    for tag, title in SECTIONS:
        found = d.section(tag)
        if found:
            lines = [line for o in found for line in _obligation_line(o, tag, esc)]
            out.append((f"{_(_SECTION_TITLE.get(tag, title))} ({len(found)})", _(_SECTION_HELP[tag]), lines))
    changed = [s for s in d.series if s.changed or s.old_trend != s.new_trend]
    if changed:
        out.append((_("Indicator series ({count})").format(count=len(changed)), _("years added, revised or removed, and the trend"),
                    [_series_line(s, esc) for s in changed]))
    cat_lines: list[str] = []
    for r in d.retired:
        ret = r.retired
        line = f"{ret.id} " + _("retired in {version} ({reason})").format(version=esc(ret.since), reason=esc(ret.reason))
        if ret.replaced_by:
            line += _(", replaced by {ids}").format(ids=", ".join(ret.replaced_by))
        line += _(". OLD said: {answer}.").format(answer=_answer_words(r.old))
        for rid, answer in r.replacements:
            line += _(" NEW on {id}: {answer}.").format(id=rid, answer=_answer_words(answer))
        cat_lines.append(line)
    for a in d.added:
        verdict = _(" (a gap)") if a.new_gap else ""
        cat_lines.append(f"{a.id} " + _("{title} added in {version}: NEW says {answer}{verdict}; OLD could not answer it, "
                                          "so it is not counted as a new gap").format(
            title=esc(a.title), version=esc(a.since), answer=_answer_words(a.new), verdict=verdict))
    if d.old_catalog != d.new_catalog or cat_lines:
        help_text = _("between catalog {old} (OLD) and {new} (NEW)").format(old=esc(d.old_catalog), new=esc(d.new_catalog))
        out.append((_("Catalog changes"), help_text, cat_lines or [_("no obligation was added or retired")]))
    return out


def summary(d: Diff) -> str:
    """One sentence with the counts that matter most."""
    counts = [(tag, d.count(tag)) for tag, _name in SECTIONS if tag != "evidence"]
    parts = [_count_words(tag, n) for tag, n in counts if n or tag in ("gap-closed", "new-gap")]
    extended = len(d.extended_series)
    if extended:
        parts.append(_("{n} series extended").format(n=extended))
    if d.empty:
        return _("No changes.")
    text = ", ".join(parts) + "."
    if d.disputed:
        text += " " + _("{n} of the changed duties are disputed among NEW's respondents: settle those before "
                        "reading them as progress or regression.").format(n=d.disputed)
    return text


def _title(d: Diff) -> str:
    return _("What changed: {country} ({code}), {old} → {new}").format(
        country=d.country_name, code=d.country, old=d.old_period, new=d.new_period)


# --------------------------------------------------------------------------- terminal


def terminal(d: Diff, console: Any) -> None:
    """Print the diff on a Rich console (fits 80 columns: long lines wrap under their text)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    esc = safe.terminal
    console.print(Text(_title(d), style="bold"))
    console.print(_("OLD: {file} (catalog {version})").format(file=esc(d.old_file), version=esc(d.old_catalog)))
    console.print(_("NEW: {file} (catalog {version})").format(file=esc(d.new_file), version=esc(d.new_catalog)))
    console.print(summary(d))
    areas = changed_areas(d)
    if areas:
        table = Table(title=_("Scores (0 to 1)"), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(_("Area"), ratio=1)
        for level in ("output", "outcome", "impact"):
            table.add_column(_(LEVEL_LABELS[level]), no_wrap=True)
        for area, title, levels in areas:
            table.add_row(say("area.overall") if area == "overall" else f"{area}. {esc(title)}",
                          *(levels.get(level, say("no_data")) for level in ("output", "outcome", "impact")))
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
                oid, _space, rest = line.partition(" ")
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
           _("OLD: `{old_file}` (catalog {old_version}); NEW: `{new_file}` (catalog {new_version}).").format(
               old_file=_code(d.old_file), old_version=md(d.old_catalog), new_file=_code(d.new_file), new_version=md(d.new_catalog)), "",
           md(summary(d)), ""]
    areas = changed_areas(d)
    if areas:
        out += ["## " + _("Scores"), "", f"| {_('Area')} | " + " | ".join(_(label) for label in LEVEL_LABELS.values()) + " |",
                "| --- | --- | --- | --- |"]
        for area, title, levels in areas:
            name = say("area.overall") if area == "overall" else f"{area}. {md(title)}"
            out.append(f"| {name} | " + " | ".join(levels.get(level, say("no_data")) for level in LEVEL_LABELS) + " |")
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
    return json_text(to_data(d))


__all__ = ["markdown", "render_text", "sections", "summary", "terminal", "to_data", "to_json"]
