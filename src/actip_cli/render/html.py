"""The gap report as one self-contained HTML page: inline CSS and SVG, no scripts, no network.

Prints on A4. Every piece of user and catalog text goes through `h()` (escape_html after
`plain()`), and a Content-Security-Policy forbids scripts and remote loads even if
something slipped through.
"""

from __future__ import annotations

from actip_cli.render import escape_html

from actip_cli.i18n import active_language
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
    verb_and_text,
    weight,
    weights_words,
    more_gaps,
)
from actip_cli.scoring import AreaScore, IndicatorTrend, LevelScore, ObligationScore, ScoreCard

_BAND_COLOUR = {"negligible": "#b3261e", "low": "#d9631e", "moderate": "#c99a06", "substantial": "#4f8a2b", "high": "#1d6b34"}
_TREND_CLASS = {"improving": "good", "worsening": "bad", "flat": "flat", "insufficient-data": "muted"}

_CSS = """
@page { size: A4; margin: 15mm 14mm; }
:root { --ink: #1b1f24; --muted: #5b6570; --line: #d5dae0; --soft: #f4f6f8; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; line-height: 1.2; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p { margin: .4rem 0 .7rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
.explain { color: var(--muted); font-size: .92rem; }
.banner { border: 2px solid #b26a00; background: #fff4e0; padding: .7rem 1rem; border-radius: 6px; margin: 1rem 0; }
.banner strong { display: block; color: #7a4700; letter-spacing: .02em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.who th { width: 11rem; background: none; }
table.who td, table.who th { border-bottom: 1px solid var(--soft); }
.level { white-space: nowrap; }
.level svg { vertical-align: middle; margin-right: .35rem; }
.level b { display: inline-block; min-width: 2.4rem; }
.band { display: block; color: var(--muted); font-size: .82rem; }
.nodata { color: var(--muted); font-style: italic; }
.low { color: #b3261e; font-weight: 600; }
tr.overall td { font-weight: 600; background: #eef3f9; }
ul.readings { padding-left: 1.2rem; }
ol.gaps { padding-left: 0; list-style: none; counter-reset: gap; }
ol.gaps > li { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 4px;
               padding: .55rem .8rem; margin: 0 0 .6rem; }
ol.gaps > li.mandatory { border-left-color: #b3261e; }
.gap-head { font-weight: 600; }
.gap-head .id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.rec-line b { color: var(--accent); }
.src { color: #0b5c5c; }
.warn { color: #b3261e; }
.note { font-style: italic; }
p.paper { font-weight: 600; border-left: 4px solid #d9631e; padding: .3rem .7rem; background: #fff6ef; }
.ev { color: var(--muted); font-size: .9rem; }
.good { color: #1d6b34; font-weight: 600; }
.bad { color: #b3261e; font-weight: 600; }
.flat { color: #8a6d00; font-weight: 600; }
.muted { color: var(--muted); }
.rec { border: 1px solid #9cc3e6; background: #f3f8fd; border-radius: 6px; padding: .8rem 1rem; margin: 1rem 0; }
.rec h3 { margin-top: 0; }
.rec .rec-text { font-weight: 600; }
.rec blockquote { margin: .6rem 0; padding: .4rem .9rem; border-left: 3px solid #9cc3e6; background: #fff; font-style: italic; }
.rec .attrib { color: var(--muted); font-size: .88rem; }
table.all { font-size: .8rem; }
table.all td:nth-child(1) { white-space: nowrap; }
.mono { white-space: nowrap; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .82rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  tr, ol.gaps > li, .rec, .banner { break-inside: avoid; page-break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


_BILINGUAL_CSS = """
body.bilingual { max-width: 124rem; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 2.5rem; }
.half { min-width: 0; overflow-wrap: break-word; }
.half.second { color: #3d4650; }
.half.second h1, .half.second h2 { border-bottom-color: var(--muted); }
@media (min-width: 120rem) {  /* side by side only where each half has room for its tables */
  .pair { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .half.second { border-left: 1px solid var(--line); padding-left: 2.5rem; }
}
@media (max-width: 119.99rem), print {
  .half.second { border-top: 1px dashed var(--line); margin-top: 1rem; }
}
@media print { .pair { grid-template-columns: minmax(0, 1fr); } .half.second { border-left: none; padding-left: 0; } }
"""

def h(text: object) -> str:
    """User or catalog text made inert in HTML."""
    return escape_html(plain(str(text)))


def _rt(words: str) -> str:
    """A rating in a table cell: 'phần lớn (3/4)' may break before the value, never inside the word."""
    word, sep, value = h(words).partition(" (")
    return word.replace(" ", "&nbsp;") + (" (" + value if sep else "")


def _in_english(text: str) -> str:
    """Catalog text that stays English in every language (sources), marked as such for
    hyphenation and screen readers when the report is in another language."""
    return h(text) if active_language() == "en" else f'<span lang="en">{h(text)}</span>'


def render_text(card: ScoreCard) -> str:
    """The whole report as one HTML document."""
    return _page(_title(card), active_language(), _body(card))


def render_bilingual(parts: list[tuple[str, ScoreCard]]) -> str:
    """One document with the report in two languages (`--lang vi,en`): section beside section
    on a wide screen, one after the other on a narrow one and on paper. Each half is written
    with its own language's messages and catalog, and declares its language."""
    from itertools import zip_longest

    from actip_cli.i18n import speaking

    halves = []
    for lang, card in parts:
        with speaking(lang):
            halves.append((lang, _title(card), _sections(_body(card))))
    rows = []
    for cells in zip_longest(*(sections for _, _, sections in halves), fillvalue=[]):
        rows.append('<div class="pair">' + "".join(
            f'<div class="half{" second" if i else ""}" lang="{h(lang)}">' + "\n".join(cell) + "</div>"
            for i, ((lang, _, _), cell) in enumerate(zip(halves, cells, strict=True))) + "</div>")
    return _page(" / ".join(title for _, title, _ in halves), parts[0][0], rows, bilingual=True)


def _title(card: ScoreCard) -> str:
    return say("title", country=card.country_name, period=card.period)


def _sections(body: list[str]) -> list[list[str]]:
    """The body cut before each top-level section heading (the part before the first is the title and who-and-what)."""
    sections: list[list[str]] = [[]]
    for piece in body:
        if piece.startswith("<h2>") and sections[-1]:
            sections.append([])
        sections[-1].append(piece)
    return sections


def _body(card: ScoreCard) -> list[str]:
    body: list[str] = [f"<h1>{h(_title(card))}</h1>", f'<p class="subtitle">{h(say("subtitle", catalog_title=card.catalog_short_title))}</p>']
    if card.illustrative:
        body.append(f'<div class="banner" role="note"><strong>{h(say("illustrative.head"))}</strong>{h(card.illustrative)}</div>')
    body += _who(card)
    body += _headline(card)
    body += _gaps(card)
    body += _paper(card)
    body += _trends(card)
    if card.baseline:
        body += _baseline(card)
    body += _data_gaps(card)
    body += _recommendations(card)
    body += _all_obligations(card)
    body += [f"<h2>{h(say('how.head'))}</h2>",
             f"<p>{h(say('how.text', weights=weights_words(card.modalities), doc=METHOD_DOC))}</p>",
             f"<footer>{h(say('footer', version=card.catalog_version))}</footer>"]
    return body


def _page(title: str, lang: str, body: list[str], *, bilingual: bool = False) -> str:
    """The HTML document around a body: declared language, UTF-8, no scripts, no remote loads."""
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{h(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{h(title)}</title>",
        f"<style>{_CSS}{_BILINGUAL_CSS if bilingual else ''}</style>",
        "</head>",
        '<body class="bilingual">' if bilingual else "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def _bar(value: float | None, band: str | None, width: int = 120) -> str:
    """An inline SVG bar: a grey track and a filled part coloured by band."""
    filled = 0 if value is None else round(max(0.0, min(1.0, value)) * width)
    colour = _BAND_COLOUR.get(band or "", "#8a949e")
    label = h(num(value))
    return (f'<svg width="{width}" height="12" viewBox="0 0 {width} 12" role="img" aria-label="{label}">'
            f'<rect width="{width}" height="12" rx="2" fill="#e3e7eb"/>'
            f'<rect width="{filled}" height="12" rx="2" fill="{colour}"/></svg>')


def _spark(s: IndicatorTrend, width: int = 90, height: int = 22) -> str:
    """A small line of the series, oldest left."""
    if len(s.values) < 2:
        return ""
    ys = [v for _, v in s.values]
    lo, hi = min(ys), max(ys)
    span = (hi - lo) or 1.0
    step = (width - 4) / (len(ys) - 1)
    points = " ".join(f"{2 + i * step:.1f},{height - 2 - (v - lo) / span * (height - 4):.1f}" for i, v in enumerate(ys))
    colour = {"improving": "#1d6b34", "worsening": "#b3261e"}.get(s.trend, "#8a6d00")
    return (f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{h(series_values(s.values))}">'
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/></svg>')


def _ids(ids: tuple[str, ...]) -> str:
    """Obligation IDs that wrap between IDs, never inside one."""
    return ", ".join(f'<span class="mono">{h(i)}</span>' for i in ids)


def _who(card: ScoreCard) -> list[str]:
    rows = [(say("field.country"), h(f"{card.country_name} ({card.country})")), (say("field.period"), h(card.period))]
    if card.assessor_name or card.assessor_organisation:
        rows.append((say("field.assessor"), h(", ".join(x for x in (card.assessor_name, card.assessor_organisation) if x))))
    if card.assessment_date:
        rows.append((say("field.date"), h(card.assessment_date)))
    if card.respondent:
        rows.append((say("field.respondent"), h(card.respondent)))
    if card.merged_from:
        rows.append((say("field.merged"), h("; ".join(card.merged_from))))
    catalog = h(say("catalog.line", version=card.catalog_version, verified=card.verified_count, total=card.obligation_count))
    if card.answers_catalog_version != card.catalog_version:
        catalog += "<br>" + h(say("catalog.older", answers_version=card.answers_catalog_version, version=card.catalog_version))
    rows.append((say("field.catalog"), catalog))
    c = card.overall.counts
    coverage = h(say("coverage.line", rated=c.rated, applicable=c.pairs - c.not_applicable, percent=pct(card.overall.coverage),
                     unknown=c.unknown, na=c.not_applicable, unanswered=c.unanswered))
    if card.overall.low_confidence:
        coverage += f' <span class="low">{h(say("low_confidence"))}</span>'
    rows.append((say("field.coverage"), coverage))
    if card.baseline:
        rows.append((say("field.baseline"), h(say("baseline.line", period=card.baseline.period))))
    return ['<table class="who">', *(f"<tr><th scope=\"row\">{h(k)}</th><td>{v}</td></tr>" for k, v in rows), "</table>"]


def _level_cell(level: LevelScore, low: bool, reading: str = "") -> str:
    if level.value is None:
        words = say("not_applicable" if reading == "not-applicable" else "no_data")
        return f'<td class="level"><span class="nodata">{h(words)}</span></td>'
    mark = " *" if low else ""
    return (f'<td class="level">{_bar(level.value, level.band)}<b>{h(num(level.value))}</b>'
            f'<span class="band">{h(band_words(level.band))}{mark}</span></td>')


def _headline(card: ScoreCard) -> list[str]:
    out = [f"<h2>{h(say('head.headline'))}</h2>", f'<p class="explain">{h(say("head.explain"))}</p>', "<table>",
           "<thead><tr>" + f'<th scope="col">{h(say("col.area"))}</th>'
           + "".join(f'<th scope="col">{h(level_label(k))}</th>' for k in ("output", "outcome", "impact"))
           + f'<th scope="col" class="num">{h(say("col.coverage"))}</th></tr></thead>', "<tbody>"]
    areas: list[AreaScore] = [card.overall, *card.chapters]
    for area in areas:
        cls = ' class="overall"' if area.id == "overall" else ""
        cov = h(pct(area.coverage)) + (f'<span class="band low">{h(say("low_confidence"))}</span>' if area.low_confidence else "")
        out.append(f"<tr{cls}><th scope=\"row\">{h(area_name(area.id, area.title))}</th>"
                   + "".join(_level_cell(area.level(k), area.low_confidence, area.reading if k != "impact" else "") for k in ("output", "outcome", "impact"))
                   + f'<td class="num">{cov}</td></tr>')
    out += ["</tbody></table>"]
    if any(a.low_confidence for a in areas):
        out.append(f'<p class="explain">* {h(say("low_confidence.note"))}</p>')
    if card.overall.impact.value is None:
        out.append(f'<p class="explain">{h(say("impact.none"))}</p>')
    out.append('<ul class="readings">')
    out += [f"<li>{h(reading_sentence(a.id, a.title, a.reading, a.output.value, a.outcome.value))}</li>" for a in areas]
    out.append("</ul>")
    if card.paper_compliance:
        out.append(f'<p class="paper">{h(say("head.paper", count=len(card.paper_compliance), rated=card.rated_at_both_levels))}</p>')
    return out


def _rec(verb: str, text: str) -> str:
    label, rest = verb_and_text(verb, plain(text))
    return f"<b>{h(label)}</b>{h(rest)}"


def _modality(o: ObligationScore) -> str:
    if o.modality == "qualified" and o.qualifier:
        return f"{o.modality_label} ('{o.qualifier}')"
    return o.modality_label


def _gaps(card: ScoreCard) -> list[str]:
    out = [f"<h2>{h(say('gaps.head'))}</h2>", f'<p class="explain">{h(say("gaps.explain"))}</p>']
    gaps = card.gaps
    if not gaps:
        return [*out, f"<p>{h(say('gaps.none'))}</p>"]
    out.append('<ol class="gaps">')
    for i, o in enumerate(gaps[:DETAILED_GAPS], 1):
        parts = [f'<div class="gap-head">{i}. <span class="id">{h(o.id)}</span> {h(citation(o.article, o.paragraph))} · {h(o.title)}</div>',
                 f"<div>{h(say('gap.ratings', de_jure=rating_words(o.output.rating), de_facto=rating_words(o.outcome.rating)))}</div>",
                 f'<div class="muted">{h(say("gap.meta", modality=_modality(o), weight=weight(o.weight), priority=num(o.priority)))}</div>']
        if o.recommendation_text:
            parts.append(f'<div class="rec-line">{_rec(o.recommendation_verb, o.recommendation_text)}</div>')
        labels = ", ".join(r.label for r in card.recommendations if r.always and o.id in r.answers)
        if labels:
            parts.append(f'<div class="src">→ {h(say("gap.source_recs", labels=labels))}</div>')
        worsening = [s.name for s in card.series_gaps if o.id in s.obligations]
        if worsening:
            parts.append(f'<div class="warn">! {h(say("gap.measured_by", series="; ".join(worsening)))}</div>')
        if o.evidence:
            parts.append(f'<div class="ev">{h(say("gap.evidence", evidence="; ".join(o.evidence)))}</div>')
        if o.note:
            parts.append(f'<div class="note">{h(say("gap.note", note=o.note))}</div>')
        cls = ' class="mandatory"' if o.modality == "mandatory" else ""
        out.append(f"<li{cls}>" + "".join(parts) + "</li>")
    out.append("</ol>")
    if card.series_gaps:
        out += [f"<h3>{h(say('series_gaps.head'))}</h3>", f'<p class="explain">{h(say("series_gaps.explain"))}</p>', "<ul>"]
        for s in card.series_gaps:
            line = say("series_gap.line", name=s.name, values=series_values(s.values, card.period), trend=say(f"trend.{s.trend}"),
                       obligations=", ".join(s.obligations) or "-")
            out.append(f'<li class="warn">{h(line)}</li>')
        out.append("</ul>")
    rest = gaps[DETAILED_GAPS:]
    if rest:
        out.append(f"<h3>{h(more_gaps(len(rest)))}</h3>")
        header = ("col.rank", "col.obligation", "col.title", "col.in_law", "col.in_practice", "col.priority", "col.recommendation")
        out.append('<table class="all"><thead><tr>' + "".join(
            f'<th scope="col"{" class=num" if k in ("col.rank", "col.priority") else ""}>{h(say(k))}</th>' for k in header)
            + "</tr></thead><tbody>")
        for i, o in enumerate(rest, DETAILED_GAPS + 1):
            rec = _rec(o.recommendation_verb, o.recommendation_text) if o.recommendation_text else ""
            out.append(f'<tr><td class="num">{i}</td><td class="mono">{h(o.id)}</td><td>{h(o.title)}</td>'
                       f"<td>{_rt(short_rating(o.output.rating))}</td><td>{_rt(short_rating(o.outcome.rating))}</td>"
                       f'<td class="num">{h(num(o.priority))}</td><td>{rec}</td></tr>')
        out.append("</tbody></table>")
    return out


def _paper(card: ScoreCard) -> list[str]:
    out = [f"<h2>{h(say('paper.head'))}</h2>", f'<p class="explain">{h(say("paper.explain"))}</p>']
    items = card.paper_compliance
    if not items:
        return [*out, f"<p>{h(say('paper.none'))}</p>"]
    out.append(f"<p><strong>{h(say('paper.count', count=len(items), rated=card.rated_at_both_levels))}</strong></p>")
    out.append("<table><thead><tr>" + "".join(f'<th scope="col">{h(say(k))}</th>' for k in ("col.obligation", "col.title", "col.in_law", "col.in_practice"))
               + "</tr></thead><tbody>")
    for o in items:
        out.append(f'<tr><td class="mono">{h(o.id)}</td><td>{h(o.title)}</td><td>{_rt(rating_words(o.output.rating))}</td>'
                   f"<td>{_rt(rating_words(o.outcome.rating))}</td></tr>")
    out.append("</tbody></table>")
    return out


def _trends(card: ScoreCard) -> list[str]:
    out = [f"<h2>{h(say('trends.head'))}</h2>", f'<p class="explain">{h(say("trends.explain"))}</p>']
    if not card.indicators:
        return [*out, f"<p>{h(say('trends.none'))}</p>"]
    out.append("<table><thead><tr>" + "".join(f'<th scope="col">{h(say(k))}</th>' for k in ("col.series", "col.values", "col.trend", "col.measures"))
               + "</tr></thead><tbody>")
    for s in card.indicators:
        caveat = f'<span class="band">{h(s.caveat)}</span>' if s.caveat else ""
        out.append(f"<tr><td><b>{h(s.name)}</b><span class=\"band\">{h(level_words(s.level))}, {h(s.unit)}</span>{caveat}</td>"
                   f"<td>{_spark(s)}<br>{h(series_values(s.values, card.period))}</td>"
                   f'<td class="{_TREND_CLASS[s.trend]}">{h(say(f"trend.{s.trend}"))}</td>'
                   f'<td>{_ids(s.obligations)}</td></tr>')
    out.append("</tbody></table>")
    return out


def _baseline(card: ScoreCard) -> list[str]:
    assert card.baseline is not None
    out = [f"<h2>{h(say('baseline.head', period=card.baseline.period))}</h2>",
           f"<p><strong>{h(say('baseline.label', period=card.baseline.period))}</strong></p>",
           f'<p class="explain">{h(say("baseline.explain"))}</p>',
           "<table><thead><tr>" + f'<th scope="col">{h(say("col.area"))}</th>'
           + "".join(f'<th scope="col">{h(level_label(k))}</th>' for k in ("output", "outcome")) + "</tr></thead><tbody>"]
    for area in (card.overall, *card.chapters):
        cells = []
        for key in ("output", "outcome"):
            e = area.level(key).effect
            if e is None or e.value is None:
                cells.append(f'<td class="nodata">{h(effect_words(None, e.reason if e else ""))}</td>')
            else:
                cls = "bad" if e.value < 0 else ""
                cells.append(f"<td>{h(num(e.baseline))} → {h(num(e.current))}, E <span class=\"{cls}\">{h(effect_words(e.value, ''))}</span></td>")
        cls = ' class="overall"' if area.id == "overall" else ""
        out.append(f"<tr{cls}><th scope=\"row\">{h(area_name(area.id, area.title))}</th>{''.join(cells)}</tr>")
    out += ["</tbody></table>", f"<h3>{h(say('deteriorations.head'))}</h3>"]
    if not card.deteriorations:
        return [*out, f"<p>{h(say('deteriorations.none'))}</p>"]
    out.append("<ul>")
    for o in card.deteriorations:
        changes = "; ".join(
            say("deterioration.change", level=say(f"level.{k}.short"), before=short_rating(o.level(k).baseline_rating), after=short_rating(o.level(k).rating))
            for k in ("output", "outcome")
            if (e := o.level(k).effect) is not None and e.deterioration
        )
        out.append(f'<li class="warn">{h(say("deterioration.line", id=o.id, title=o.title, changes=changes))}</li>')
    out.append("</ul>")
    return out


def _data_gaps(card: ScoreCard) -> list[str]:
    out = [f"<h2>{h(say('data.head'))}</h2>", f'<p class="explain">{h(say("data.explain"))}</p>']
    unknown = [d for d in card.data_gaps if d.unknown]
    unanswered = [d for d in card.data_gaps if d.unanswered]
    if not unknown and not unanswered and not card.missing_series:
        return [*out, f"<p>{h(say('data.none'))}</p>"]
    for key, items, attr in (("data.unknown", unknown, "unknown"), ("data.unanswered", unanswered, "unanswered")):
        if not items:
            continue
        out += [f"<h3>{h(say(key, count=len(items)))}</h3>", "<ul>"]
        for d in items:
            which = ", ".join(say(f"level.{lv}.short") for lv in getattr(d, attr))
            out.append(f"<li>{h(say('data.item', id=d.id, title=d.title, levels=which))}</li>")
        out.append("</ul>")
    if card.missing_series:
        out += [f"<h3>{h(say('data.series', count=len(card.missing_series)))}</h3>", "<ul>"]
        out += [f"<li>{h(m.name)} <span class=\"muted\">({h(level_words(m.level))})</span></li>" for m in card.missing_series]
        out.append("</ul>")
    return out


def _recommendations(card: ScoreCard) -> list[str]:
    out = [f"<h2>{h(say('recs.head'))}</h2>", f'<p class="explain">{h(say("recs.explain"))}</p>']
    for r in (r for r in card.recommendations if r.always):
        verbatim = quotes_original(r.text, r.original_text, r.original_lang)
        text = f"“{h(r.text)}”" if verbatim else h(r.text)
        parts = [f"<h3>{h(say('rec.head', label=r.label))}</h3>", f'<p class="rec-text">{text}</p>']
        if verbatim:
            parts.append(f'<div class="attrib">{h(say("rec.verbatim"))}</div>')
        elif r.original_text:
            lang = h(r.original_lang or "und")
            parts.append(f'<div class="attrib">{h(say("rec.original", lang=lang_name(r.original_lang)))}</div>'
                         f'<blockquote lang="{lang}">“{h(r.original_text)}”</blockquote>')
        if r.source_work:
            # The source stays as the catalog gives it (English): placed into the sentence after escaping.
            line = h(say("rec.source", work="\ue001", location="\ue000"))
            line = line.replace("\ue000", _in_english(r.source_location)).replace("\ue001", _in_english(r.source_work))
            parts.append(f'<div class="attrib">{line}</div>')
        parts.append(f"<p><strong>{h(say('rec.answers'))}</strong></p><ul>")
        if r.answers:
            for oid in r.answers:
                o = card.obligation(oid)
                parts.append(f'<li><span class="mono">{h(oid)}</span> {h(o.title)}: {h(rating_words(o.output.rating))} / '
                             f"{h(rating_words(o.outcome.rating))}</li>")
        else:
            parts.append(f"<li>{h(say('rec.answers.none'))}</li>")
        if r.series:
            names = "; ".join(s.name for s in card.indicators if s.id in r.series)
            parts.append(f'<li class="warn">{h(say("rec.series", series=names))}</li>')
        parts.append("</ul>")
        out.append('<section class="rec">' + "".join(parts) + "</section>")
    others = [r for r in card.recommendations if not r.always]
    if others:
        out += [f"<h3>{h(say('recs.other.head'))}</h3>", "<ul>"]
        out += [f"<li><b>{h(r.label)}</b> {_rec(r.verb, r.text)} <span class=\"mono\">({h(', '.join(r.answers))})</span></li>"
                for r in others]
        out.append("</ul>")
    return out


def _all_obligations(card: ScoreCard) -> list[str]:
    header = ("col.obligation", "col.title", "col.in_law", "col.in_practice", "col.priority", "col.flags", "col.evidence", "col.note")
    out = [f"<h2>{h(say('all.head'))}</h2>", '<table class="all"><thead><tr>'
           + "".join(f'<th scope="col"{" class=num" if k == "col.priority" else ""}>{h(say(k))}</th>' for k in header) + "</tr></thead><tbody>"]
    for o in card.obligations:
        note = o.note
        if o.skipped_because:
            note = (say("skipped.line", reason=o.skipped_because) + " " + note).strip()
        evidence = "<br>".join(h(e) for e in o.evidence)
        if o.grade:
            evidence += f' <span class="muted">({h(say("col.grade"))} {h(o.grade)})</span>'
        out.append(f'<tr><td class="mono">{h(o.id)}</td><td>{h(o.title)}</td><td>{_rt(rating_words(o.output.rating))}</td>'
                   f"<td>{_rt(rating_words(o.outcome.rating))}</td><td class=\"num\">{h(num(o.priority)) if o.priority is not None else ''}</td>"
                   f"<td>{h(', '.join(flag_words(f) for f in o.flags))}</td><td>{evidence}</td><td>{h(note)}</td></tr>")
    out.append("</tbody></table>")
    return out
