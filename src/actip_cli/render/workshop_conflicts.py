"""The conflicts report of `actip merge`: what respondents disagree on, largest spreads first.

It is the focal point's agenda (or the trainer's, in a workshop): for each disputed duty,
who said what at each level, with their evidence and notes, and what the merge rule made
of it. Three forms: terminal text (stderr while merging), Markdown and JSON (`--conflicts
FILE`). Every piece of respondent text passes through `workshop_text`. Sentences and
headings go through the message catalog (`--lang vi`, `--lang id`); JSON keys and the
rating keywords of the JSON stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from actip_cli.render import json_text
from actip_cli.i18n import N_, _, ngettext, pgettext
from actip_cli.merge import LEVEL_WORDS, Conflict, IndicatorConflict, MergeResult, name_list
from actip_cli.model import LEVELS, RATING_VALUE, Catalog, Provenance
from actip_cli.render import workshop_text as safe

CONFLICTS_VERSION = 1
# Beyond this many respondents on one duty the terminal groups names by rating instead of
# listing each respondent's line (the Markdown and JSON files always list everyone).
TERMINAL_LIST_LIMIT = 12
_RULE_WORDS = {
    "cautious": N_("cautious: the lowest rating given"),
    "median": N_("median: the middle rating given (the lower middle one for an even count)"),
}


def _level(level: str) -> str:
    """'in law' / 'in practice' in the active language (the same messages as the blank answers file)."""
    return _(LEVEL_WORDS[level])


def _rating(rating: str | None) -> str:
    """A rating keyword in the active language (the keyword itself in English)."""
    return pgettext("rating", rating) if rating else str(rating)


def headline(result: MergeResult, catalog: Catalog) -> str:
    """One sentence: what was merged and how it came out."""
    m = result.merged
    n = len(m.answers)
    country = catalog.country(m.country)
    name = f"{country.name} ({m.country})" if country else m.country
    settle = len(result.settle_first)
    conflicts = (_("{n} in conflict ({settle} to settle first)") if result.conflicts else _("{n} in conflict")).format(
        n=len(result.conflicts), settle=settle)
    parts = [_("{n} agreed").format(n=result.agreed), conflicts, _("{n} single-source").format(n=result.single_source)]
    answered = ngettext("{n} obligation answered", "{n} obligations answered", n).format(n=n)
    text = _("Merged {files} files for {name}, {period}, rule {rule}: {answered}, {counts}").format(
        files=len(result.respondents), name=name, period=m.period, rule=result.rule, answered=answered, counts=", ".join(parts))
    if result.indicator_conflicts:
        k = len(result.indicator_conflicts)
        text += "; " + ngettext("{n} indicator value differs", "{n} indicator values differ", k).format(n=k)
    return text + "."


def spread_words(c: Conflict) -> str:
    """'3 steps apart in practice (full vs initial)'; 'disputed whether it applies'."""
    parts = []
    for s in c.levels:
        scored = [r for _, r in s.given if r in RATING_VALUE]
        if s.spread:
            high = max(scored, key=lambda r: RATING_VALUE[r])
            low = min(scored, key=lambda r: RATING_VALUE[r])
            parts.append(ngettext("{n} step apart {level} ({high} vs {low})", "{n} steps apart {level} ({high} vs {low})",
                                  s.spread).format(n=s.spread, level=_level(s.level), high=_rating(high), low=_rating(low)))
    disputed = [_level(s.level) for s in c.levels if s.applicability_disputed]
    if disputed:
        levels = _("{first} and {second}").format(first=disputed[0], second=disputed[1]) if len(disputed) == 2 else disputed[0]
        parts.append(_("disputed whether it applies ({levels})").format(levels=levels))
    return "; ".join(parts)


def _title(catalog: Catalog, c: Conflict) -> tuple[str, str]:
    from actip_cli.render.report_text import citation

    o = catalog.obligations.get(c.obligation)
    return (citation(o.article, o.paragraph), o.title) if o else ("", "")


# --------------------------------------------------------------------------- terminal


def terminal_lines(result: MergeResult, catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(text, style) lines for the console; text is already escaped for Rich."""
    yield safe.terminal(headline(result, catalog)), "bold"
    if not result.conflicts and not result.indicator_conflicts:
        yield _(_NO_CONFLICTS), ""
        return
    yield _("Rule {rule}. 'unknown' counts as no opinion.").format(rule=_(_RULE_WORDS[result.rule])), "dim"
    settle = result.settle_first
    rest = [c for c in result.conflicts if not c.settle_first]
    if settle:
        yield "", ""
        yield _("Settle first: two or more steps apart, or disputed whether the duty applies"), "bold"
        for c in settle:
            yield from _terminal_conflict(catalog, c)
    if rest:
        yield "", ""
        yield _("Also differ: one step apart"), "bold"
        for c in rest:
            yield from _terminal_conflict(catalog, c)
    if result.indicator_conflicts:
        yield "", ""
        yield _(_INDICATORS_DIFFER), "bold"
        for ic in result.indicator_conflicts:
            yield "  " + safe.terminal(_indicator_line(catalog, ic, result.rule)), ""


def _terminal_conflict(catalog: Catalog, c: Conflict) -> Iterator[tuple[str, str]]:
    citation, title = _title(catalog, c)
    yield f"{c.obligation}  {safe.terminal(citation)}  {safe.terminal(title)}: {safe.terminal(spread_words(c))}", "bold"
    for s in c.levels:
        if not s.given:
            continue
        groups = "; ".join(f"{_rating(rating)}: {name_list(who)}" for rating, who in s.by_rating())
        width = max(12, *(len(_level(level)) for level in LEVEL_WORDS))  # the level words line up in every language
        yield f"  {_level(s.level):<{width}} " + _("{groups}  -> merged {rating}").format(
            groups=safe.terminal(groups, limit=400), rating=_rating(s.merged)), ""
    said = c.provenance
    if len(said) <= TERMINAL_LIST_LIMIT:
        # Only what someone put forward; the silent ones are named once, on one line.
        for p in said:
            if not (p.evidence or p.note):
                continue
            evidence = "; ".join(p.evidence) if p.evidence else _("no evidence")
            yield f"    {safe.terminal(p.respondent, limit=60)}: {safe.terminal(evidence, limit=200)}" + (
                _(" (grade {grade})").format(grade=p.grade) if p.grade else ""), "dim"
            if p.note:
                yield "      " + pgettext("respondent", "note: {text}").format(text=safe.terminal(p.note, limit=200)), "dim"
        silent = [p.respondent for p in said if not (p.evidence or p.note)]
        if silent:
            yield "    " + _("no evidence or note from {names}").format(names=safe.terminal(name_list(silent), limit=200)), "dim"
    else:
        yield "    " + _("evidence and notes of {count} respondents: write them with --conflicts FILE").format(count=len(said)), "dim"


def _indicator_line(catalog: Catalog, ic: IndicatorConflict, rule: str) -> str:
    ind = catalog.indicators.get(ic.series)
    name = ind.name if ind else ic.series
    groups: dict[float, list[str]] = {}
    for who, value in ic.values:
        groups.setdefault(value, []).append(who)
    said = ", ".join(f"{_num(v)} ({name_list(who)})" for v, who in groups.items())
    why = _("the less favourable value") if rule == "cautious" else _("the median")
    return _("{name} ({series}), {year}: {values} -> merged {merged} ({why})").format(
        name=name, series=ic.series, year=ic.year, values=said, merged=_num(ic.merged), why=why)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --------------------------------------------------------------------------- markdown


def markdown(result: MergeResult, catalog: Catalog) -> str:
    """The conflicts report as a Markdown document."""
    md = safe.markdown
    out: list[str] = ["# " + _("Conflicts to settle"), "", md(headline(result, catalog)), ""]
    out += [_("Merge rule: **{rule}** ({words}). 'unknown' counts as no opinion; not-applicable beside a rating is a "
              "dispute. The merged file keeps what each respondent said (`provenance`) and marks these duties "
              "`agreement: conflict`.").format(rule=result.rule, words=md(_(_RULE_WORDS[result.rule]))), ""]
    out += ["## " + _("Respondents"), "", f"| {_('Respondent')} | {_('File')} |", "| --- | --- |"]
    out += [f"| {md(r)} | {md(f)} |" for r, f in result.respondents]
    out.append("")
    settle = result.settle_first
    rest = [c for c in result.conflicts if not c.settle_first]
    if not result.conflicts:
        out += [_(_NO_CONFLICTS), ""]
    if settle:
        out += ["## " + _("Settle first"), "", _("Two or more steps apart, or disputed whether the duty applies."), ""]
        for c in settle:
            out += _md_conflict(catalog, c)
    if rest:
        out += ["## " + _("Also differ"), "", _("One step apart."), ""]
        for c in rest:
            out += _md_conflict(catalog, c)
    if result.indicator_conflicts:
        out += ["## " + _(_INDICATORS_DIFFER), "", f"| {_('Series')} | {_('Year')} | {_('Reported')} | {_('Merged')} |",
                "| --- | --- | --- | --- |"]
        for ic in result.indicator_conflicts:
            ind = catalog.indicators.get(ic.series)
            reported = "; ".join(f"{_num(v)} ({md(who)})" for who, v in ic.values)
            out.append(f"| {md(ind.name if ind else ic.series)} | {ic.year} | {reported} | {_num(ic.merged)} |")
        why = _("the less favourable value") if result.rule == "cautious" else _("the median (the less favourable middle value for an even count)")
        out += ["", _("Merged value: {why}.").format(why=why), ""]
    return "\n".join(out).rstrip() + "\n"


def _md_conflict(catalog: Catalog, c: Conflict) -> list[str]:
    md = safe.markdown
    citation, title = _title(catalog, c)
    merged = ", ".join(f"{_level(s.level)} **{_rating(s.merged)}**" for s in c.levels if s.merged)
    header = (_("Respondent"), _("In law"), _("In practice"), _("Grade"), _("Evidence"), _("Note"))
    lines = [f"### {c.obligation} {md(citation)}: {md(title)}", "",
             _("{spread}. Merged: {merged}.").format(spread=md(spread_words(c)), merged=merged), "",
             "| " + " | ".join(header) + " |",
             "| --- | --- | --- | --- | --- | --- |"]
    for p in c.provenance:
        evidence = "<br>".join(md(e) for e in p.evidence) or _("none given")
        lines.append(f"| {md(p.respondent)} | {_cell(p.de_jure)} | {_cell(p.de_facto)} | {p.grade or ''} | {evidence} | {md(p.note)} |")
    return [*lines, ""]


def _cell(rating: str | None) -> str:
    return _rating(rating) if rating else _("(not answered)")


_NO_CONFLICTS = N_("No conflicts: every duty answered by two or more respondents was answered alike.")
_INDICATORS_DIFFER = N_("Indicator values that differ")


# --------------------------------------------------------------------------- json


def to_json(result: MergeResult, catalog: Catalog) -> str:
    """The conflicts report as JSON (one object; stable field names, version 1)."""
    return json_text(to_data(result, catalog))


def to_data(result: MergeResult, catalog: Catalog) -> dict[str, Any]:
    """The JSON-shaped conflicts report."""
    m = result.merged
    return {
        "conflicts_version": CONFLICTS_VERSION,
        "country": m.country,
        "period": m.period,
        "catalog_version": m.catalog_version,
        "rule": result.rule,
        "respondents": [{"respondent": r, "file": f} for r, f in result.respondents],
        "summary": {
            "answered": len(m.answers),
            "agreed": result.agreed,
            "conflict": len(result.conflicts),
            "settle_first": len(result.settle_first),
            "single_source": result.single_source,
            "indicator_conflicts": len(result.indicator_conflicts),
        },
        "conflicts": [_conflict_data(catalog, c) for c in result.conflicts],
        "indicator_conflicts": [
            {"series": ic.series, "year": ic.year, "merged": ic.merged,
             "values": [{"respondent": who, "value": v} for who, v in ic.values]}
            for ic in result.indicator_conflicts
        ],
    }


def _conflict_data(catalog: Catalog, c: Conflict) -> dict[str, Any]:
    citation, title = _title(catalog, c)
    return {
        "id": c.obligation,
        "citation": citation,
        "title": title,
        "spread": c.spread,
        "applicability_disputed": c.applicability_disputed,
        "settle_first": c.settle_first,
        "levels": {
            s.level: {"merged": s.merged, "spread": s.spread, "applicability_disputed": s.applicability_disputed,
                      "ratings": [{"respondent": who, "rating": r} for who, r in s.given]}
            for s in c.levels
        },
        "respondents": [_said(p) for p in c.provenance],
        "merged_evidence": list(c.merged.evidence),
        "merged_grade": c.merged.grade,
    }


def _said(p: Provenance) -> dict[str, Any]:
    return {"respondent": p.respondent, **{lv: getattr(p, lv) for lv in LEVELS},
            "evidence": list(p.evidence), "grade": p.grade, "note": p.note}


FORMATS = ("markdown", "json")


def render(result: MergeResult, catalog: Catalog, fmt: str) -> str:
    """The conflicts report in a file format: 'markdown' or 'json'."""
    return to_json(result, catalog) if fmt == "json" else markdown(result, catalog)


__all__ = ["CONFLICTS_VERSION", "FORMATS", "headline", "markdown", "render", "terminal_lines", "to_data", "to_json"]
