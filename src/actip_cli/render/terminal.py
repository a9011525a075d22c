"""The gap report in the terminal: tables and block bars that read in 80 columns and without colour.

`render(card, out, screen=...)` writes it (used by `actip report` and at the end of `actip
assess`); `render_text(card)` returns it as plain text (for `--output`). It is drawn with
`styled`, not a layout library, so that the report starts fast. All user text goes through
`plain()`, which removes escapes and control characters, and is never read as markup.
"""

from __future__ import annotations

from typing import TextIO

from actip_cli.render import report_text
from actip_cli.render.report_text import (
    METHOD_DOC,
    area_name,
    band_words,
    bar_cells,
    citation,
    effect_words,
    lang_name,
    level_label,
    level_words,
    more_gaps,
    more_gaps_elsewhere,
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
)
from actip_cli.render.styled import Column, Screen, Styled, cell_len, hang, indent, panel, rule, table, to_text, wrap
from actip_cli.scoring import AreaScore, LevelScore, ObligationScore, ScoreCard

DETAILED_GAPS = report_text.DETAILED_GAPS
COMPACT_GAPS = 30
"""After the detailed gaps, at most this many more in the compact table (a screen is not a document)."""
WIDTH = 80

_BAND_STYLE = {"negligible": "red", "low": "red", "moderate": "yellow", "substantial": "green", "high": "green"}
_TREND_STYLE = {"improving": "green", "worsening": "red", "flat": "yellow", "insufficient-data": "dim"}

Lines = list[Styled]


def render(card: ScoreCard, out: TextIO, *, screen: Screen) -> None:
    """Write the whole report to `out`, as wide as `screen` and with its styles."""
    out.write(to_text(lines(card, screen.width), screen))
    out.flush()


def render_text(card: ScoreCard, *, width: int = WIDTH) -> str:
    """The terminal report as plain text (no colour), `width` columns wide."""
    return to_text(lines(card, width), Screen(width=width))


def lines(card: ScoreCard, width: int) -> Lines:
    """The report as styled lines, `width` cells wide."""
    out = _title(card, width)
    if card.illustrative:
        out += _illustrative(card, width)
    out += _who(card, width)
    out += _heading(say("head.headline"), width) + _headline(card, width)
    out += _heading(say("gaps.head"), width) + _gaps(card, width)
    out += _heading(say("paper.head"), width) + _paper(card, width)
    out += _heading(say("trends.head"), width) + _trends(card, width)
    if card.baseline:
        out += _heading(say("baseline.head", period=card.baseline.period), width) + _baseline(card, width)
    out += _heading(say("data.head"), width) + _data_gaps(card, width)
    out += _heading(say("recs.head"), width) + _recommendations(card, width)
    out += _heading(say("how.head"), width) + _text(say("how.text", weights=weights_words(card.modalities), doc=METHOD_DOC), width)
    return out


def _t(text: str, style: str = "") -> Styled:
    """User or catalog text made inert: no escapes."""
    return Styled(plain(text), style)


def _text(text: str, width: int, style: str = "", *, above: bool = False) -> Lines:
    """A paragraph wrapped to `width`, after a blank line where `above`."""
    return [Styled()] * above + wrap(Styled(text, style), width)


def _heading(title: str, width: int) -> Lines:
    return [Styled(), rule(Styled(title, "bold"), width)]


def _title(card: ScoreCard, width: int) -> Lines:
    body = Styled(say("title", country=plain(card.country_name), period=card.period), "bold")
    body.append("\n" + say("subtitle", catalog_title=plain(card.catalog_short_title)))
    return panel(body, width)


def _illustrative(card: ScoreCard, width: int) -> Lines:
    body = Styled(say("illustrative.head"), "bold").append("\n" + plain(card.illustrative))
    return panel(body, width, title=Styled("!", "bold"), border="yellow")


def _who(card: ScoreCard, width: int) -> Lines:
    rows: list[tuple[str, Styled]] = [
        (say("field.country"), _t(f"{card.country_name} ({card.country})")),
        (say("field.period"), Styled(str(card.period))),
    ]
    if card.assessor_name or card.assessor_organisation:
        who = ", ".join(x for x in (card.assessor_name, card.assessor_organisation) if x)
        rows.append((say("field.assessor"), _t(who)))
    if card.assessment_date:
        rows.append((say("field.date"), _t(card.assessment_date)))
    if card.respondent:
        rows.append((say("field.respondent"), _t(card.respondent)))
    if card.merged_from:
        rows.append((say("field.merged"), _t("; ".join(card.merged_from))))
    catalog = Styled(say("catalog.line", version=card.catalog_version, verified=card.verified_count, total=card.obligation_count))
    if card.answers_catalog_version != card.catalog_version:
        catalog.append("\n" + say("catalog.older", answers_version=plain(card.answers_catalog_version), version=card.catalog_version))
    rows.append((say("field.catalog"), catalog))
    c = card.overall.counts
    coverage = Styled(say("coverage.line", rated=c.rated, applicable=c.pairs - c.not_applicable, percent=pct(card.overall.coverage),
                          unknown=c.unknown, na=c.not_applicable, unanswered=c.unanswered))
    if card.overall.low_confidence:
        coverage.append(" (" + say("low_confidence") + ")", "bold red")
    rows.append((say("field.coverage"), coverage))
    if card.baseline:
        rows.append((say("field.baseline"), Styled(say("baseline.line", period=card.baseline.period))))
    # Labels in a column of their own, values wrapping beside them.
    label_width = max(cell_len(label) for label, _ in rows)
    out: Lines = [Styled()]
    for label, value in rows:
        value_lines = wrap(value, width - label_width - 2, fold=False)
        out.append(Styled(label, "bold").pad(label_width + 2).extend(value_lines[0]))
        out += indent(value_lines[1:], label_width + 2)
    return out


def _level_cell(level: LevelScore, low: bool, reading: str = "") -> Styled:
    if level.value is None:
        return Styled(say("not_applicable" if reading == "not-applicable" else "no_data"), "dim")
    filled, empty = bar_cells(level.value)
    cell = Styled("█" * filled, _BAND_STYLE.get(level.band or "", "")).append("░" * empty, "dim")
    cell.append(f" {num(level.value)}", "bold")
    return cell.append("\n" + band_words(level.band) + (" *" if low else ""), "dim")


def _headline(card: ScoreCard, width: int) -> Lines:
    coverage = say("col.coverage")
    coverage_width = max(8, cell_len(coverage))
    # Three 16-column bars and the coverage take 56 to 60 columns; the chapter's name gets
    # a column of its own only where at least 14 more are left, else a line above its bars.
    beside = width >= 14 + 3 * 17 + coverage_width
    if not beside:
        coverage_width = max(5, min(coverage_width, width - 3 * 17))  # its heading may take two lines
    areas: list[AreaScore] = [card.overall, *card.chapters]
    columns = [Column(say("col.area"), min_width=14, fold=True)] if beside else []
    columns += [Column(say(f"col.{key}"), width=16, no_wrap=True) for key in ("output", "outcome", "impact")]
    columns.append(Column(coverage, width=coverage_width, no_wrap=beside, right=True))

    def cells(area: AreaScore) -> list[Styled]:
        cov = Styled(pct(area.coverage) + (" *" if area.low_confidence else ""), "red" if area.low_confidence else "")
        return [*(_level_cell(area.level(k), area.low_confidence, area.reading if k != "impact" else "")
                  for k in ("output", "outcome", "impact")), cov]

    def name(area: AreaScore) -> Styled:
        return Styled(area_name(area.id, plain(area.title)), "bold" if area.id == "overall" or not beside else "")

    out = _text(say("head.explain"), width, "dim") + [Styled()]
    if beside:
        rows: list[list[Styled]] = []
        for area in areas:
            rows += [[name(area), *cells(area)], []]
        out += table(columns, rows, width)
    else:
        out += table(columns, [], width)
        for area in areas:
            out += wrap(name(area), width) + table(columns, [cells(area)], width, header=False) + [Styled()]
    if any(a.low_confidence for a in areas):
        out += _text("* " + say("low_confidence.note"), width, "dim")
    if card.overall.impact.value is None:
        out += _text(say("impact.none"), width, "dim")
    out.append(Styled())
    for area in areas:
        out += _marked("•", Styled(reading_sentence(area.id, plain(area.title), area.reading, area.output.value, area.outcome.value)), width)
    if card.paper_compliance:
        out += _text(say("head.paper", count=len(card.paper_compliance), rated=card.rated_at_both_levels), width, "bold", above=True)
    return out


def _hang(width: int, text: Styled, first: str, rest: str) -> Lines:
    """`text` with `first` before its first line and `rest` before the others, 20 cells wide at least."""
    return hang(text, width, first, rest, least=20)


def _gap_block(width: int, rank: int, o: ObligationScore, card: ScoreCard) -> Lines:
    title = Styled(o.id, "bold").append(f"  {citation(o.article, o.paragraph)}  ").append(plain(o.title), "bold")
    block = _hang(width, title, f"{rank:>2}. ", "    ")
    lines: list[tuple[str, Styled]] = [
        ("", Styled(say("gap.ratings", de_jure=rating_words(o.output.rating), de_facto=rating_words(o.outcome.rating)))),
        ("", Styled(say("gap.meta", modality=plain(_modality(o)), weight=weight(o.weight), priority=num(o.priority)), "dim")),
    ]
    if o.recommendation_text:
        label, rest = verb_and_text(o.recommendation_verb, plain(o.recommendation_text))
        lines.append(("→", Styled(label, "bold").append(rest)))
    labels = _source_labels(o, card)
    if labels:
        lines.append(("→", Styled(say("gap.source_recs", labels=labels), "cyan")))
    worsening = [s.name for s in card.series_gaps if o.id in s.obligations]
    if worsening:
        lines.append(("!", Styled(say("gap.measured_by", series=plain("; ".join(worsening))), "red")))
    if o.evidence:
        lines.append(("", Styled(say("gap.evidence", evidence=plain("; ".join(o.evidence))), "dim")))
    if o.note:
        lines.append(("", Styled(say("gap.note", note=plain(o.note)), "italic")))
    for mark, text in lines:
        block += _hang(width, text, f"  {mark:<1} " if mark else "    ", "    ")
    return block + [Styled()]


def _modality(o: ObligationScore) -> str:
    if o.modality == "qualified" and o.qualifier:
        return f"{o.modality_label} ('{o.qualifier}')"
    return o.modality_label


def _source_labels(o: ObligationScore, card: ScoreCard) -> str:
    found = [r.label for r in card.recommendations if r.always and o.id in r.answers]
    return ", ".join(found)


def _gaps(card: ScoreCard, width: int) -> Lines:
    gaps = card.gaps
    out = _text(say("gaps.explain"), width, "dim") + [Styled()]
    if not gaps:
        out += _text(say("gaps.none"), width)
    for i, o in enumerate(gaps[:DETAILED_GAPS], 1):
        out += _gap_block(width, i, o, card)
    if card.series_gaps:
        out += _text(say("series_gaps.head"), width, "bold", above=not gaps)
        out += _text(say("series_gaps.explain"), width, "dim")
        for s in card.series_gaps:
            line = say("series_gap.line", name=plain(s.name), values=series_values(s.values, card.period), trend=say(f"trend.{s.trend}"),
                       obligations=", ".join(s.obligations) or "-")
            out += _hang(width, Styled(line), "  ! ", "    ")
    rest = gaps[DETAILED_GAPS:DETAILED_GAPS + COMPACT_GAPS]
    hidden = len(gaps) - DETAILED_GAPS - len(rest)
    if rest:
        out += _text(more_gaps(len(rest)), width, "bold", above=bool(card.series_gaps))
        header = [say("col.rank"), say("col.obligation"), say("col.title"), say("col.in_law"), say("col.in_practice"), say("col.priority")]
        rows = [[str(i), o.id, plain(o.title), short_rating(o.output.rating), short_rating(o.outcome.rating), num(o.priority)]
                for i, o in enumerate(rest, DETAILED_GAPS + 1)]
        out += _columns(width, header, rows, flex=2, right=(0, 5))
    if hidden > 0:
        out += _text(more_gaps_elsewhere(hidden), width, "dim", above=True)
    return out


def _columns(width: int, header: list[str], rows: list[list[str]], flex: int, right: tuple[int, ...] = ()) -> Lines:
    """A table whose columns are as wide as their content, column `flex` wrapping in the
    width left over (or, where too little is left, on lines of its own below the others)."""
    widths = [max(cell_len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    gap = 2
    room = width - sum(w for i, w in enumerate(widths) if i != flex) - gap * (len(widths) - 1)
    if room < 12:
        return _stacked(width, header, rows, flex, right, widths, gap)
    widths[flex] = room

    def aligned(i: int, cell: str) -> str:
        return " " * (widths[i] - cell_len(cell)) + cell if i in right else cell + " " * (widths[i] - cell_len(cell))

    def line(cells: list[str], style: str = "") -> Lines:
        out: Lines = []
        for n, part in enumerate(wrap(Styled(cells[flex]), widths[flex])):
            text = ""
            for i, cell in enumerate(cells):
                text += " " * gap if i else ""
                if i == flex:
                    text += part.plain if i == len(cells) - 1 else part.pad(widths[i]).plain
                else:
                    text += aligned(i, cell) if n == 0 else " " * widths[i]
            out.append(Styled(text, style))
        return out

    return line(header, "bold") + [x for r in rows for x in line(r)]


def _stacked(width: int, header: list[str], rows: list[list[str]], flex: int, right: tuple[int, ...],
             widths: list[int], gap: int) -> Lines:
    """`_columns` for a narrow terminal: the other columns on one line, the wrapping column
    on the lines below it, indented."""
    indent = "    "

    def block(cells: list[str], style: str = "") -> Lines:
        first = (" " * gap).join(c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells) if i != flex)
        return [*wrap(Styled(first.rstrip(), style), width), *(x.under(style) for x in _hang(width, Styled(cells[flex]), indent, indent))]

    return block(header, "bold") + [x for r in rows for x in block(r)]


def _paper(card: ScoreCard, width: int) -> Lines:
    out = _text(say("paper.explain"), width, "dim")
    items = card.paper_compliance
    if not items:
        return out + _text(say("paper.none"), width, above=True)
    out += _text(say("paper.count", count=len(items), rated=card.rated_at_both_levels), width, "bold", above=True)
    header = [say("col.obligation"), say("col.title"), say("col.in_law"), say("col.in_practice")]
    rows = [[o.id, plain(o.title), short_rating(o.output.rating), short_rating(o.outcome.rating)] for o in items]
    return out + _columns(width, header, rows, flex=1)


def _trends(card: ScoreCard, width: int) -> Lines:
    out = _text(say("trends.explain"), width, "dim")
    if not card.indicators:
        return out + _text(say("trends.none"), width, above=True)
    for s in card.indicators:
        head = Styled(plain(s.name), "bold").append(f"  ({level_words(s.level)}, {plain(s.unit)})", "dim").append("  ")
        head.append(say(f"trend.{s.trend}"), "bold " + _TREND_STYLE[s.trend])
        out += [Styled(), *wrap(head, width), *indent(_text(series_values(s.values, card.period), width - 2), 2)]
        if s.obligations:
            out += indent(_text(say("col.measures") + ": " + ", ".join(s.obligations), width - 2, "dim"), 2)
        if s.caveat:
            out += indent(_text(plain(s.caveat), width - 2, "dim italic"), 2)
    return out


def _baseline(card: ScoreCard, width: int) -> Lines:
    assert card.baseline is not None
    out = _text(say("baseline.label", period=card.baseline.period), width, "bold") + _text(say("baseline.explain"), width, "dim")
    columns = [Column(say("col.area"), fold=True), *(Column(level_label(key), no_wrap=True) for key in ("output", "outcome"))]
    rows = []
    for area in (card.overall, *card.chapters):
        cells = []
        for key in ("output", "outcome"):
            e = area.level(key).effect
            if e is None or e.value is None:
                cells.append(Styled(effect_words(None, e.reason if e else ""), "dim"))
            else:
                cells.append(Styled(f"{num(e.baseline)} → {num(e.current)}  E ").append(effect_words(e.value, ""), "bold red" if e.value < 0 else "bold"))
        rows.append([Styled(area_name(area.id, plain(area.title)), "bold" if area.id == "overall" else ""), *cells])
    out += [Styled(), *table(columns, rows, width, pad=(1, 1))]
    out += _text(say("deteriorations.head"), width, "bold", above=True)
    worse = card.deteriorations
    if not worse:
        out += _text(say("deteriorations.none"), width)
    for o in worse:
        changes = "; ".join(
            say("deterioration.change", level=say(f"level.{k}.short"), before=short_rating(o.level(k).baseline_rating), after=short_rating(o.level(k).rating))
            for k in ("output", "outcome")
            if o.level(k).effect is not None and o.level(k).effect.deterioration  # type: ignore[union-attr]
        )
        out += _marked("!", Styled(say("deterioration.line", id=o.id, title=plain(o.title), changes=changes), "red"), width)
    return out


def _marked(mark: str, text: Styled, width: int) -> Lines:
    """A line with a marker in front and a hanging indent when it wraps (a long word is cut short)."""
    return hang(text, width, mark + " ", " " * (cell_len(mark) + 1), fold=False)


def _data_gaps(card: ScoreCard, width: int) -> Lines:
    out = _text(say("data.explain"), width, "dim")
    unknown = [d for d in card.data_gaps if d.unknown]
    unanswered = [d for d in card.data_gaps if d.unanswered]
    if not unknown and not unanswered and not card.missing_series:
        return out + _text(say("data.none"), width, above=True)
    for key, items, levels in (("data.unknown", unknown, "unknown"), ("data.unanswered", unanswered, "unanswered")):
        if not items:
            continue
        out += _text(say(key, count=len(items)), width, "bold", above=True)
        for d in items:
            item = say("data.item", id=d.id, title=plain(d.title), levels=", ".join(say(f"level.{lv}.short") for lv in getattr(d, levels)))
            out += _hang(width, Styled(item), "  ", "    ")
    if card.missing_series:
        out += _text(say("data.series", count=len(card.missing_series)), width, "bold", above=True)
        names = "; ".join(f"{plain(m.name)} ({level_words(m.level)})" for m in card.missing_series)
        out += indent(_text(names, width - 2), 2)
    return out


def _recommendations(card: ScoreCard, width: int) -> Lines:
    out = _text(say("recs.explain"), width, "dim")
    for r in (r for r in card.recommendations if r.always):
        body = Styled(f"{r.label} ", "bold")
        verbatim = quotes_original(r.text, r.original_text, r.original_lang)
        body.append(f"“{plain(r.text)}”" if verbatim else plain(r.text))
        if verbatim:
            body.append("\n" + say("rec.verbatim"), "dim")
        elif r.original_text:
            body.append("\n\n" + say("rec.original", lang=lang_name(r.original_lang)) + "\n", "dim")
            body.append(f"“{plain(r.original_text)}”", "italic")
        if r.source_work:
            body.append("\n" + say("rec.source", work=plain(r.source_work), location=plain(r.source_location)), "dim")
        body.append("\n\n")
        if r.answers:
            # On a screen the IDs are enough; the other formats list each gap with its title.
            body.append(say("rec.answers.ids", count=len(r.answers), ids=", ".join(r.answers)) + "\n", "bold")
        else:
            body.append(say("rec.answers.none") + "\n")
        if r.series:
            names = "; ".join(plain(s.name) for s in card.indicators if s.id in r.series)
            body.append(say("rec.series", series=names) + "\n", "red")
        out += [Styled(), *panel(body.rstrip(), width, border="cyan")]
    others = [r for r in card.recommendations if not r.always]
    if others:
        out += _text(say("recs.other.head"), width, "bold", above=True)
        for r in others:
            label, rest = verb_and_text(r.verb, plain(r.text))
            line = Styled(f"{r.label} ").append(label, "bold").append(rest + " (" + ", ".join(r.answers) + ")")
            out += _marked("•", line, width)
    return out
