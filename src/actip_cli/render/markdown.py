"""The gap report as GitHub-flavoured Markdown: headings, tables, block-character bars.

Every piece of user and catalog text goes through `md()`, which makes Markdown and HTML
syntax inert (pipes, brackets, backticks, emphasis, angle brackets, leading list or heading
markers), so a note cannot break a table or inject a link or a tag.
"""

from __future__ import annotations

import re

from actip_cli.render.report_text import (
    DETAILED_GAPS,
    METHOD_DOC,
    area_name,
    band_words,
    citation,
    effect_words,
    flag_words,
    lang_name,
    level_label,
    level_words,
    num,
    pct,
    plain,
    quotes_original,
    rating_words,
    reading_sentence,
    say,
    series_values,
    short_rating,
    text_bar,
    verb_and_text,
    weight,
    weights_words,
    more_gaps,
)
from actip_cli.scoring import AreaScore, LevelScore, ObligationScore, ScoreCard

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LEADING = re.compile(r"^([#+\-=>]|\d+[.)])")


def md(text: str) -> str:
    """User or catalog text made inert in Markdown (one line; safe in a table cell)."""
    text = plain(text).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: "\\" + m.group(1), text)


def render_text(card: ScoreCard) -> str:
    """The whole report as Markdown."""
    out: list[str] = []
    out += [f"# {md(say('title', country=card.country_name, period=card.period))}", ""]
    if card.illustrative:
        out += ["> [!WARNING]", f"> **{say('illustrative.head')}** {md(card.illustrative)}", ""]
    out += [f"*{md(say('subtitle', catalog_title=card.catalog_short_title))}*", ""]
    out += _who(card)
    out += _headline(card)
    out += _gaps(card)
    out += _paper(card)
    out += _trends(card)
    if card.baseline:
        out += _baseline(card)
    out += _data_gaps(card)
    out += _recommendations(card)
    out += _all_obligations(card)
    out += [f"## {say('how.head')}", "", md(say("how.text", weights=weights_words(card.modalities), doc=METHOD_DOC)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_bilingual(parts: list[tuple[str, ScoreCard]]) -> str:
    """The report in two languages (`--lang vi,en`): the first whole, then the second, each
    written with its own language's messages and catalog. (Markdown has no columns; the HTML
    report sets them section beside section.)"""
    from actip_cli.i18n import speaking

    texts = []
    for lang, card in parts:
        with speaking(lang):
            texts.append(render_text(card))
    first, *others = texts
    lines = first.split("\n", 2)  # the title, a blank line, the rest
    intro = say("bilingual.below", language=lang_name(parts[1][0]) if len(parts) > 1 else "")
    return "\n".join([lines[0], "", f"*{md(intro)}*", "", *lines[2:]]).rstrip("\n") + "\n" + "".join(
        "\n---\n\n" + text for text in others)


def _table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    align = align or ["l"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks[a] for a in align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _who(card: ScoreCard) -> list[str]:
    rows = [[f"**{say('field.country')}**", md(f"{card.country_name} ({card.country})")],
            [f"**{say('field.period')}**", str(card.period)]]
    if card.assessor_name or card.assessor_organisation:
        rows.append([f"**{say('field.assessor')}**", md(", ".join(x for x in (card.assessor_name, card.assessor_organisation) if x))])
    if card.assessment_date:
        rows.append([f"**{say('field.date')}**", md(card.assessment_date)])
    if card.respondent:
        rows.append([f"**{say('field.respondent')}**", md(card.respondent)])
    if card.merged_from:
        rows.append([f"**{say('field.merged')}**", md("; ".join(card.merged_from))])
    catalog = md(say("catalog.line", version=card.catalog_version, verified=card.verified_count, total=card.obligation_count))
    if card.answers_catalog_version != card.catalog_version:
        catalog += " " + md(say("catalog.older", answers_version=card.answers_catalog_version, version=card.catalog_version))
    rows.append([f"**{say('field.catalog')}**", catalog])
    c = card.overall.counts
    coverage = md(say("coverage.line", rated=c.rated, applicable=c.pairs - c.not_applicable, percent=pct(card.overall.coverage),
                      unknown=c.unknown, na=c.not_applicable, unanswered=c.unanswered))
    if card.overall.low_confidence:
        coverage += f" **{say('low_confidence')}**"
    rows.append([f"**{say('field.coverage')}**", coverage])
    if card.baseline:
        rows.append([f"**{say('field.baseline')}**", md(say("baseline.line", period=card.baseline.period))])
    return [*(f"- {k}: {v}" for k, v in rows), ""]


def _level_cell(level: LevelScore, low: bool, reading: str = "") -> str:
    if level.value is None:
        return f"*{say('not_applicable' if reading == 'not-applicable' else 'no_data')}*"
    mark = "\\*" if low else ""
    return f"`{text_bar(level.value)}` **{num(level.value)}** {band_words(level.band)}{mark}"


def _headline(card: ScoreCard) -> list[str]:
    out = [f"## {say('head.headline')}", "", md(say("head.explain")), ""]
    areas: list[AreaScore] = [card.overall, *card.chapters]
    rows = []
    for area in areas:
        name = md(area_name(area.id, area.title))
        if area.id == "overall":
            name = f"**{name}**"
        cov = pct(area.coverage) + (f" ({say('low_confidence')})" if area.low_confidence else "")
        rows.append([name, *(_level_cell(area.level(k), area.low_confidence, area.reading if k != "impact" else "") for k in ("output", "outcome", "impact")), cov])
    out += _table([say("col.area"), level_label("output"), level_label("outcome"), level_label("impact"), say("col.coverage")],
                  rows, ["l", "l", "l", "l", "r"])
    if any(a.low_confidence for a in areas):
        out += ["\\* " + md(say("low_confidence.note")), ""]
    if card.overall.impact.value is None:
        out += [md(say("impact.none")), ""]
    out += [f"- {md(reading_sentence(a.id, a.title, a.reading, a.output.value, a.outcome.value))}" for a in areas]
    out.append("")
    if card.paper_compliance:
        out += [f"**{md(say('head.paper', count=len(card.paper_compliance), rated=card.rated_at_both_levels))}**", ""]
    return out


def _rec(verb: str, text: str) -> str:
    label, rest = verb_and_text(verb, plain(text))
    return f"**{md(label)}**{md(rest) if not rest.startswith(' ') else ' ' + md(rest)}"


def _modality(o: ObligationScore) -> str:
    if o.modality == "qualified" and o.qualifier:
        return f"{o.modality_label} ('{o.qualifier}')"
    return o.modality_label


def _gaps(card: ScoreCard) -> list[str]:
    out = [f"## {say('gaps.head')}", "", md(say("gaps.explain")), ""]
    gaps = card.gaps
    if not gaps:
        out += [md(say("gaps.none")), ""]
    for i, o in enumerate(gaps[:DETAILED_GAPS], 1):
        lines = [f"{i}. **{o.id}** {md(citation(o.article, o.paragraph))} **{md(o.title)}**",
                 md(say("gap.ratings", de_jure=rating_words(o.output.rating), de_facto=rating_words(o.outcome.rating))),
                 "*" + md(say("gap.meta", modality=_modality(o), weight=weight(o.weight), priority=num(o.priority))) + "*"]
        if o.recommendation_text:
            lines.append(_rec(o.recommendation_verb, o.recommendation_text))
        labels = ", ".join(r.label for r in card.recommendations if r.always and o.id in r.answers)
        if labels:
            lines.append(md(say("gap.source_recs", labels=labels)))
        worsening = [s.name for s in card.series_gaps if o.id in s.obligations]
        if worsening:
            lines.append(md(say("gap.measured_by", series="; ".join(worsening))))
        if o.evidence:
            lines.append(md(say("gap.evidence", evidence="; ".join(o.evidence))))
        if o.note:
            lines.append(f"*{md(say('gap.note', note=o.note))}*")
        # Two trailing spaces: a line break inside the list item.
        out.append(lines[0] + "  ")
        out += [f"   {line}  " for line in lines[1:-1]] + ([f"   {lines[-1]}"] if len(lines) > 1 else [])
        out.append("")
    if card.series_gaps:
        out += [f"### {say('series_gaps.head')}", "", md(say("series_gaps.explain")), ""]
        for s in card.series_gaps:
            out.append("- " + md(say("series_gap.line", name=s.name, values=series_values(s.values, card.period), trend=say(f"trend.{s.trend}"),
                                     obligations=", ".join(s.obligations) or "-")))
        out.append("")
    rest = gaps[DETAILED_GAPS:]
    if rest:
        out += [f"**{md(more_gaps(len(rest)))}**", ""]
        rows = [[str(i), o.id, md(o.title), md(short_rating(o.output.rating)), md(short_rating(o.outcome.rating)), num(o.priority),
                 _rec(o.recommendation_verb, o.recommendation_text) if o.recommendation_text else ""]
                for i, o in enumerate(rest, DETAILED_GAPS + 1)]
        out += _table([say("col.rank"), say("col.obligation"), say("col.title"), say("col.in_law"), say("col.in_practice"),
                       say("col.priority"), say("col.recommendation")], rows, ["r", "l", "l", "l", "l", "r", "l"])
    return out


def _paper(card: ScoreCard) -> list[str]:
    out = [f"## {say('paper.head')}", "", md(say("paper.explain")), ""]
    items = card.paper_compliance
    if not items:
        return [*out, md(say("paper.none")), ""]
    out += [f"**{md(say('paper.count', count=len(items), rated=card.rated_at_both_levels))}**", ""]
    rows = [[o.id, md(o.title), md(rating_words(o.output.rating)), md(rating_words(o.outcome.rating))] for o in items]
    return out + _table([say("col.obligation"), say("col.title"), say("col.in_law"), say("col.in_practice")], rows)


def _trends(card: ScoreCard) -> list[str]:
    out = [f"## {say('trends.head')}", "", md(say("trends.explain")), ""]
    if not card.indicators:
        return [*out, md(say("trends.none")), ""]
    rows = []
    for s in card.indicators:
        trend = say(f"trend.{s.trend}")
        rows.append([md(s.name) + f" ({md(s.unit)})", md(level_words(s.level)), md(series_values(s.values, card.period)),
                     f"**{trend}**" if s.trend == "worsening" else trend, ", ".join(s.obligations)])
    out += _table([say("col.series"), say("col.level"), say("col.values"), say("col.trend"), say("col.measures")], rows)
    caveats = [f"- *{md(s.name)}*: {md(s.caveat)}" for s in card.indicators if s.caveat]
    return out + caveats + ([""] if caveats else [])


def _baseline(card: ScoreCard) -> list[str]:
    assert card.baseline is not None
    out = [f"## {say('baseline.head', period=card.baseline.period)}", "",
           f"**{md(say('baseline.label', period=card.baseline.period))}**", "", md(say("baseline.explain")), ""]
    rows = []
    for area in (card.overall, *card.chapters):
        cells = []
        for key in ("output", "outcome"):
            e = area.level(key).effect
            if e is None or e.value is None:
                cells.append(f"*{effect_words(None, e.reason if e else '')}*")
            else:
                value = effect_words(e.value, "")
                cells.append(f"{num(e.baseline)} → {num(e.current)}, E **{value}**")
        rows.append([md(area_name(area.id, area.title)), *cells])
    out += _table([say("col.area"), level_label("output"), level_label("outcome")], rows)
    out += [f"### {say('deteriorations.head')}", ""]
    if not card.deteriorations:
        return [*out, md(say("deteriorations.none")), ""]
    for o in card.deteriorations:
        changes = "; ".join(
            say("deterioration.change", level=say(f"level.{k}.short"), before=short_rating(o.level(k).baseline_rating), after=short_rating(o.level(k).rating))
            for k in ("output", "outcome")
            if (e := o.level(k).effect) is not None and e.deterioration
        )
        out.append("- " + md(say("deterioration.line", id=o.id, title=o.title, changes=changes)))
    return [*out, ""]


def _data_gaps(card: ScoreCard) -> list[str]:
    out = [f"## {say('data.head')}", "", md(say("data.explain")), ""]
    unknown = [d for d in card.data_gaps if d.unknown]
    unanswered = [d for d in card.data_gaps if d.unanswered]
    if not unknown and not unanswered and not card.missing_series:
        return [*out, md(say("data.none")), ""]
    for key, items, attr in (("data.unknown", unknown, "unknown"), ("data.unanswered", unanswered, "unanswered")):
        if not items:
            continue
        out += [f"### {say(key, count=len(items))}", ""]
        for d in items:
            which = ", ".join(say(f"level.{lv}.short") for lv in getattr(d, attr))
            out.append("- " + md(say("data.item", id=d.id, title=d.title, levels=which)))
        out.append("")
    if card.missing_series:
        out += [f"### {say('data.series', count=len(card.missing_series))}", ""]
        out += [f"- {md(m.name)} ({md(level_words(m.level))})" for m in card.missing_series]
        out.append("")
    return out


def _recommendations(card: ScoreCard) -> list[str]:
    out = [f"## {say('recs.head')}", "", md(say("recs.explain")), ""]
    for r in (r for r in card.recommendations if r.always):
        verbatim = quotes_original(r.text, r.original_text, r.original_lang)
        text = f"“{md(r.text)}”" if verbatim else md(r.text)
        out += [f"### {md(say('rec.head', label=r.label))}", "", f"**{text}**", ""]
        if verbatim:
            out += [f"*{md(say('rec.verbatim'))}*", ""]
        elif r.original_text:
            out += [f"> {md(say('rec.original', lang=lang_name(r.original_lang)))}",
                    ">", f"> *“{md(r.original_text)}”*", ""]
        if r.source_work:
            out += [md(say("rec.source", work=r.source_work, location=r.source_location)), ""]
        out += [f"**{say('rec.answers')}**", ""]
        if r.answers:
            for oid in r.answers:
                o = card.obligation(oid)
                out.append(f"- **{oid}** {md(o.title)}: {md(rating_words(o.output.rating))} / {md(rating_words(o.outcome.rating))}")
        else:
            out.append("- " + md(say("rec.answers.none")))
        if r.series:
            names = "; ".join(s.name for s in card.indicators if s.id in r.series)
            out.append("- " + md(say("rec.series", series=names)))
        out.append("")
    others = [r for r in card.recommendations if not r.always]
    if others:
        out += [f"### {say('recs.other.head')}", ""]
        out += [f"- **{md(r.label)}** {_rec(r.verb, r.text)} ({', '.join(r.answers)})" for r in others]
        out.append("")
    return out


def _all_obligations(card: ScoreCard) -> list[str]:
    rows = []
    for o in card.obligations:
        flags = ", ".join(flag_words(f) for f in o.flags)
        note = o.note
        if o.skipped_because:
            note = (say("skipped.line", reason=o.skipped_because) + " " + note).strip()
        rows.append([o.id, md(o.title), md(rating_words(o.output.rating)), md(rating_words(o.outcome.rating)),
                     num(o.priority) if o.priority is not None else "", md(flags), md("; ".join(o.evidence)), o.grade or "", md(note)])
    header = [say("col.obligation"), say("col.title"), say("col.in_law"), say("col.in_practice"), say("col.priority"),
              say("col.flags"), say("col.evidence"), say("col.grade"), say("col.note")]
    return [f"## {say('all.head')}", "", *_table(header, rows, ["l", "l", "l", "l", "r", "l", "l", "c", "l"])]
