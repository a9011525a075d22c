"""The gap report in the terminal: Rich tables and block bars that read in 80 columns and without colour.

`render(card, console)` prints it (used by `actip report` and at the end of `actip assess`);
`render_text(card)` returns it as plain text (for `--output`). All user text goes through
`Text` objects (never markup) after `plain()` has removed escapes and control characters.
"""

from __future__ import annotations

from io import StringIO

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

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
    more_gaps_elsewhere,
)
from actip_cli.scoring import AreaScore, LevelScore, ObligationScore, ScoreCard

DETAILED_GAPS = report_text.DETAILED_GAPS
COMPACT_GAPS = 30
"""After the detailed gaps, at most this many more in the compact table (a screen is not a document)."""
WIDTH = 80

_BAND_STYLE = {"negligible": "red", "low": "red", "moderate": "yellow", "substantial": "green", "high": "green"}
_TREND_STYLE = {"improving": "green", "worsening": "red", "flat": "yellow", "insufficient-data": "dim"}


def render(card: ScoreCard, console: Console) -> None:
    """Print the whole report to `console`."""
    for part in _parts(card, console):
        console.print(part)


def render_text(card: ScoreCard, *, width: int = WIDTH) -> str:
    """The terminal report as plain text (no colour), `width` columns wide."""
    buffer = StringIO()
    console = Console(file=buffer, width=width, no_color=True, color_system=None, force_terminal=False,
                      highlight=False, emoji=False, soft_wrap=False)
    render(card, console)
    # Rich pads every line to the full width; a file should not carry the trailing spaces.
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _parts(card: ScoreCard, console: Console) -> list[RenderableType]:
    parts: list[RenderableType] = [_title(card)]
    if card.illustrative:
        parts.append(_illustrative(card))
    parts += [_who(card), _heading(say("head.headline")), _headline(card, console.width)]
    parts += [_heading(say("gaps.head")), *_gaps(card, console)]
    parts += [_heading(say("paper.head")), *_paper(card, console)]
    parts += [_heading(say("trends.head")), *_trends(card)]
    if card.baseline:
        parts += [_heading(say("baseline.head", period=card.baseline.period)), *_baseline(card)]
    parts += [_heading(say("data.head")), *_data_gaps(card, console)]
    parts += [_heading(say("recs.head")), *_recommendations(card)]
    parts += [_heading(say("how.head")), Text(say("how.text", weights=weights_words(card.modalities), doc=METHOD_DOC))]
    return parts


def _t(text: str, style: str = "") -> Text:
    """User or catalog text made inert: no escapes, no markup."""
    return Text(plain(text), style=style)


def _heading(title: str) -> RenderableType:
    return Padding(Rule(Text(title, style="bold"), align="left", style="dim"), (1, 0, 0, 0))


def _title(card: ScoreCard) -> RenderableType:
    body = Text()
    body.append(say("title", country=plain(card.country_name), period=card.period), style="bold")
    body.append("\n" + say("subtitle", catalog_title=plain(card.catalog_short_title)))
    return Panel(body, expand=True)


def _illustrative(card: ScoreCard) -> RenderableType:
    body = Text()
    body.append(say("illustrative.head"), style="bold")
    body.append("\n" + plain(card.illustrative))
    return Panel(body, expand=True, border_style="yellow", title=Text("!", style="bold"), title_align="left")


def _who(card: ScoreCard) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row(say("field.country"), _t(f"{card.country_name} ({card.country})"))
    table.add_row(say("field.period"), str(card.period))
    if card.assessor_name or card.assessor_organisation:
        who = ", ".join(x for x in (card.assessor_name, card.assessor_organisation) if x)
        table.add_row(say("field.assessor"), _t(who))
    if card.assessment_date:
        table.add_row(say("field.date"), _t(card.assessment_date))
    if card.respondent:
        table.add_row(say("field.respondent"), _t(card.respondent))
    if card.merged_from:
        table.add_row(say("field.merged"), _t("; ".join(card.merged_from)))
    catalog = Text(say("catalog.line", version=card.catalog_version, verified=card.verified_count, total=card.obligation_count))
    if card.answers_catalog_version != card.catalog_version:
        catalog.append("\n" + say("catalog.older", answers_version=plain(card.answers_catalog_version), version=card.catalog_version))
    table.add_row(say("field.catalog"), catalog)
    c = card.overall.counts
    coverage = Text(say("coverage.line", rated=c.rated, applicable=c.pairs - c.not_applicable, percent=pct(card.overall.coverage),
                        unknown=c.unknown, na=c.not_applicable, unanswered=c.unanswered))
    if card.overall.low_confidence:
        coverage.append(" (" + say("low_confidence") + ")", style="bold red")
    table.add_row(say("field.coverage"), coverage)
    if card.baseline:
        table.add_row(say("field.baseline"), Text(say("baseline.line", period=card.baseline.period)))
    return Padding(table, (1, 0, 0, 0))


def _level_cell(level: LevelScore, low: bool, reading: str = "") -> Text:
    cell = Text(no_wrap=True)
    if level.value is None:
        cell.append(say("not_applicable" if reading == "not-applicable" else "no_data"), style="dim")
        return cell
    filled, empty = bar_cells(level.value)
    style = _BAND_STYLE.get(level.band or "", "")
    cell.append("█" * filled, style=style)
    cell.append("░" * empty, style="dim")
    cell.append(f" {num(level.value)}", style="bold")
    cell.append("\n" + band_words(level.band) + (" *" if low else ""), style="dim")
    return cell


def _headline(card: ScoreCard, width: int) -> RenderableType:
    coverage = say("col.coverage")
    coverage_width = max(8, cell_len(coverage))
    # Three 16-column bars and the coverage take 56 to 60 columns; the chapter's name gets
    # a column of its own only where at least 14 more are left, else a line above its bars.
    beside = width >= 14 + 3 * 17 + coverage_width
    if not beside:
        coverage_width = max(5, min(coverage_width, width - 3 * 17))  # its heading may take two lines
    areas: list[AreaScore] = [card.overall, *card.chapters]

    def levels_table(*, header: bool) -> Table:
        table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 1, 0, 0), show_lines=False, show_header=header)
        if beside:
            table.add_column(say("col.area"), ratio=1, min_width=14, overflow="fold")
        for key in ("output", "outcome", "impact"):
            table.add_column(say(f"col.{key}"), no_wrap=True, width=16)
        table.add_column(coverage, justify="right", no_wrap=beside, width=coverage_width)
        return table

    def cells(area: AreaScore) -> list[Text]:
        cov = Text(pct(area.coverage) + (" *" if area.low_confidence else ""), style="red" if area.low_confidence else "")
        return [*(_level_cell(area.level(k), area.low_confidence, area.reading if k != "impact" else "")
                  for k in ("output", "outcome", "impact")), cov]

    def name(area: AreaScore) -> Text:
        return Text(area_name(area.id, plain(area.title)), style="bold" if area.id == "overall" or not beside else "")

    table: RenderableType
    if beside:
        table = levels_table(header=True)
        for i, area in enumerate(areas):
            table.add_row(name(area), *cells(area), end_section=i == 0)
            table.add_row()
    else:
        rows: list[RenderableType] = [levels_table(header=True)]
        for area in areas:
            row = levels_table(header=False)
            row.add_row(*cells(area))
            rows += [name(area), row, Text()]
        table = Group(*rows)
    notes: list[RenderableType] = [Padding(Text(say("head.explain"), style="dim"), (0, 0, 1, 0)), table]
    if any(a.low_confidence for a in areas):
        notes.append(Text("* " + say("low_confidence.note"), style="dim"))
    if card.overall.impact.value is None:
        notes.append(Text(say("impact.none"), style="dim"))
    sentences = Table.grid(padding=(0, 1))
    sentences.add_column(no_wrap=True)
    sentences.add_column()
    for area in areas:
        sentences.add_row("•", Text(reading_sentence(area.id, plain(area.title), area.reading, area.output.value, area.outcome.value)))
    notes.append(Padding(sentences, (1, 0, 0, 0)))
    if card.paper_compliance:
        notes.append(Padding(Text(say("head.paper", count=len(card.paper_compliance), rated=card.rated_at_both_levels), style="bold"),
                             (1, 0, 0, 0)))
    return Group(*notes)


def _hang(console: Console, text: Text, first: str, rest: str) -> Text:
    """`text` wrapped to the console width, `first` before its first line and `rest` (as
    wide) before the others: a hanging indent without the cost of a table per line."""
    lines = text.wrap(console, max(20, console.width - cell_len(first)))
    out = Text()
    for i, line in enumerate(lines):
        if i:
            out.append("\n")
        out.append(first if i == 0 else rest)
        out.append_text(line)
    return out


def _gap_block(console: Console, rank: int, o: ObligationScore, card: ScoreCard) -> RenderableType:
    title = Text()
    title.append(o.id, style="bold")
    title.append(f"  {citation(o.article, o.paragraph)}  ")
    title.append(plain(o.title), style="bold")
    block = _hang(console, title, f"{rank:>2}. ", "    ")
    lines: list[tuple[str, Text]] = [
        ("", Text(say("gap.ratings", de_jure=rating_words(o.output.rating), de_facto=rating_words(o.outcome.rating)))),
        ("", Text(say("gap.meta", modality=plain(_modality(o)), weight=weight(o.weight), priority=num(o.priority)), style="dim")),
    ]
    if o.recommendation_text:
        label, rest = verb_and_text(o.recommendation_verb, plain(o.recommendation_text))
        rec = Text()
        rec.append(label, style="bold")
        rec.append(rest)
        lines.append(("→", rec))
    labels = _source_labels(o, card)
    if labels:
        lines.append(("→", Text(say("gap.source_recs", labels=labels), style="cyan")))
    worsening = [s.name for s in card.series_gaps if o.id in s.obligations]
    if worsening:
        lines.append(("!", Text(say("gap.measured_by", series=plain("; ".join(worsening))), style="red")))
    if o.evidence:
        lines.append(("", Text(say("gap.evidence", evidence=plain("; ".join(o.evidence))), style="dim")))
    if o.note:
        lines.append(("", Text(say("gap.note", note=plain(o.note)), style="italic")))
    for mark, text in lines:
        block.append("\n")
        block.append_text(_hang(console, text, f"  {mark:<1} " if mark else "    ", "    "))
    block.append("\n")
    return block


def _modality(o: ObligationScore) -> str:
    if o.modality == "qualified" and o.qualifier:
        return f"{o.modality_label} ('{o.qualifier}')"
    return o.modality_label


def _source_labels(o: ObligationScore, card: ScoreCard) -> str:
    found = [r.label for r in card.recommendations if r.always and o.id in r.answers]
    return ", ".join(found)


def _gaps(card: ScoreCard, console: Console) -> list[RenderableType]:
    gaps = card.gaps
    out: list[RenderableType] = [Padding(Text(say("gaps.explain"), style="dim"), (0, 0, 1, 0))]
    if not gaps:
        out.append(Text(say("gaps.none")))
    for i, o in enumerate(gaps[:DETAILED_GAPS], 1):
        out.append(_gap_block(console, i, o, card))
    if card.series_gaps:
        out.append(Padding(Text(say("series_gaps.head"), style="bold"), (0 if gaps else 1, 0, 0, 0)))
        out.append(Text(say("series_gaps.explain"), style="dim"))
        for s in card.series_gaps:
            line = say("series_gap.line", name=plain(s.name), values=series_values(s.values, card.period), trend=say(f"trend.{s.trend}"),
                       obligations=", ".join(s.obligations) or "-")
            out.append(_hang(console, Text(line), "  ! ", "    "))
    rest = gaps[DETAILED_GAPS:DETAILED_GAPS + COMPACT_GAPS]
    hidden = len(gaps) - DETAILED_GAPS - len(rest)
    if rest:
        out.append(Padding(Text(more_gaps(len(rest)), style="bold"), (1 if card.series_gaps else 0, 0, 0, 0)))
        header = [say("col.rank"), say("col.obligation"), say("col.title"), say("col.in_law"), say("col.in_practice"), say("col.priority")]
        rows = [[str(i), o.id, plain(o.title), short_rating(o.output.rating), short_rating(o.outcome.rating), num(o.priority)]
                for i, o in enumerate(rest, DETAILED_GAPS + 1)]
        out.append(_columns(console, header, rows, flex=2, right=(0, 5)))
    if hidden > 0:
        out.append(Padding(Text(more_gaps_elsewhere(hidden), style="dim"), (1, 0, 0, 0)))
    return out


def _columns(console: Console, header: list[str], rows: list[list[str]], flex: int, right: tuple[int, ...] = ()) -> Text:
    """A table as text: columns as wide as their content, column `flex` wrapping in the
    width left over. Built as text rather than a Rich table, which measures every cell: for
    long lists that costs more than the rest of the report."""
    widths = [max(cell_len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    gap = 2
    room = console.width - sum(w for i, w in enumerate(widths) if i != flex) - gap * (len(widths) - 1)
    if room < 12:
        return _stacked(console, header, rows, flex, right, widths, gap)
    widths[flex] = room

    def line(cells: list[str]) -> Text:
        wrapped = Text(cells[flex]).wrap(console, widths[flex])
        out = Text()
        for n, part in enumerate(wrapped):
            if n:
                out.append("\n")
            for i, cell in enumerate(cells):
                if i:
                    out.append(" " * gap)
                if i == flex:
                    part.truncate(widths[i], pad=i < len(cells) - 1)
                    out.append_text(part)
                elif n == 0:
                    out.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
                else:
                    out.append(" " * widths[i])
        return out

    head = line(header)
    head.stylize("bold")
    return Text("\n").join([head, *(line(r) for r in rows)])


def _stacked(console: Console, header: list[str], rows: list[list[str]], flex: int, right: tuple[int, ...],
             widths: list[int], gap: int) -> Text:
    """`_columns` for a narrow terminal: the other columns on one line, the wrapping column
    on the lines below it, indented."""
    indent = "    "

    def block(cells: list[str]) -> Text:
        out = Text(" " * gap).join(Text(c.rjust(widths[i]) if i in right else c.ljust(widths[i]))
                                   for i, c in enumerate(cells) if i != flex)
        out.rstrip()
        out.append("\n")
        out.append_text(_hang(console, Text(cells[flex]), indent, indent))
        return out

    head = block(header)
    head.stylize("bold")
    return Text("\n").join([head, *(block(r) for r in rows)])


def _paper(card: ScoreCard, console: Console) -> list[RenderableType]:
    out: list[RenderableType] = [Text(say("paper.explain"), style="dim")]
    items = card.paper_compliance
    if not items:
        out.append(Padding(Text(say("paper.none")), (1, 0, 0, 0)))
        return out
    out.append(Padding(Text(say("paper.count", count=len(items), rated=card.rated_at_both_levels), style="bold"), (1, 0, 0, 0)))
    header = [say("col.obligation"), say("col.title"), say("col.in_law"), say("col.in_practice")]
    rows = [[o.id, plain(o.title), short_rating(o.output.rating), short_rating(o.outcome.rating)] for o in items]
    out.append(_columns(console, header, rows, flex=1))
    return out


def _trends(card: ScoreCard) -> list[RenderableType]:
    out: list[RenderableType] = [Text(say("trends.explain"), style="dim")]
    if not card.indicators:
        out.append(Padding(Text(say("trends.none")), (1, 0, 0, 0)))
        return out
    for s in card.indicators:
        head = Text()
        head.append(plain(s.name), style="bold")
        head.append(f"  ({level_words(s.level)}, {plain(s.unit)})", style="dim")
        head.append("  ")
        head.append(say(f"trend.{s.trend}"), style="bold " + _TREND_STYLE[s.trend])
        lines = [head, Padding(Text(series_values(s.values, card.period)), (0, 0, 0, 2))]
        if s.obligations:
            lines.append(Padding(Text(say("col.measures") + ": " + ", ".join(s.obligations), style="dim"), (0, 0, 0, 2)))
        if s.caveat:
            lines.append(Padding(Text(plain(s.caveat), style="dim italic"), (0, 0, 0, 2)))
        out.append(Padding(Group(*lines), (1, 0, 0, 0)))
    return out


def _baseline(card: ScoreCard) -> list[RenderableType]:
    assert card.baseline is not None
    out: list[RenderableType] = [Text(say("baseline.label", period=card.baseline.period), style="bold"),
                                 Text(say("baseline.explain"), style="dim")]
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False)
    table.add_column(say("col.area"), ratio=1, overflow="fold")
    for key in ("output", "outcome"):
        table.add_column(level_label(key), no_wrap=True)
    for area in (card.overall, *card.chapters):
        cells = []
        for key in ("output", "outcome"):
            e = area.level(key).effect
            if e is None or e.value is None:
                cells.append(Text(effect_words(None, e.reason if e else ""), style="dim"))
            else:
                cell = Text(f"{num(e.baseline)} → {num(e.current)}  E ")
                cell.append(effect_words(e.value, ""), style="bold red" if e.value < 0 else "bold")
                cells.append(cell)
        table.add_row(Text(area_name(area.id, plain(area.title)), style="bold" if area.id == "overall" else ""), *cells)
    out.append(Padding(table, (1, 0, 0, 0)))
    out.append(Padding(Text(say("deteriorations.head"), style="bold"), (1, 0, 0, 0)))
    worse = card.deteriorations
    if not worse:
        out.append(Text(say("deteriorations.none")))
    for o in worse:
        changes = "; ".join(
            say("deterioration.change", level=say(f"level.{k}.short"), before=short_rating(o.level(k).baseline_rating), after=short_rating(o.level(k).rating))
            for k in ("output", "outcome")
            if o.level(k).effect is not None and o.level(k).effect.deterioration  # type: ignore[union-attr]
        )
        out.append(_marked("!", Text(say("deterioration.line", id=o.id, title=plain(o.title), changes=changes), style="red")))
    return out


def _marked(mark: str, text: Text, indent: int = 0) -> RenderableType:
    """A line with a marker in front and a hanging indent when it wraps."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(mark, text)
    return Padding(grid, (0, 0, 0, indent)) if indent else grid


def _data_gaps(card: ScoreCard, console: Console) -> list[RenderableType]:
    out: list[RenderableType] = [Text(say("data.explain"), style="dim")]
    unknown = [d for d in card.data_gaps if d.unknown]
    unanswered = [d for d in card.data_gaps if d.unanswered]
    if not unknown and not unanswered and not card.missing_series:
        out.append(Padding(Text(say("data.none")), (1, 0, 0, 0)))
        return out
    for key, items, levels in (("data.unknown", unknown, "unknown"), ("data.unanswered", unanswered, "unanswered")):
        if not items:
            continue
        out.append(Padding(Text(say(key, count=len(items)), style="bold"), (1, 0, 0, 0)))
        rows = [_hang(console, Text(say("data.item", id=d.id, title=plain(d.title),
                                        levels=", ".join(say(f"level.{lv}.short") for lv in getattr(d, levels)))), "  ", "    ")
                for d in items]
        out.append(Text("\n").join(rows))
    if card.missing_series:
        out.append(Padding(Text(say("data.series", count=len(card.missing_series)), style="bold"), (1, 0, 0, 0)))
        names = "; ".join(f"{plain(m.name)} ({level_words(m.level)})" for m in card.missing_series)
        out.append(Padding(Text(names), (0, 0, 0, 2)))
    return out


def _recommendations(card: ScoreCard) -> list[RenderableType]:
    out: list[RenderableType] = [Text(say("recs.explain"), style="dim")]
    for r in (r for r in card.recommendations if r.always):
        body = Text()
        body.append(f"{r.label} ", style="bold")
        verbatim = quotes_original(r.text, r.original_text, r.original_lang)
        body.append(f"“{plain(r.text)}”" if verbatim else plain(r.text))
        if verbatim:
            body.append("\n" + say("rec.verbatim"), style="dim")
        elif r.original_text:
            body.append("\n\n" + say("rec.original", lang=lang_name(r.original_lang)) + "\n", style="dim")
            body.append(f"“{plain(r.original_text)}”", style="italic")
        if r.source_work:
            body.append("\n" + say("rec.source", work=plain(r.source_work), location=plain(r.source_location)), style="dim")
        body.append("\n\n")
        if r.answers:
            # On a screen the IDs are enough; the other formats list each gap with its title.
            body.append(say("rec.answers.ids", count=len(r.answers), ids=", ".join(r.answers)) + "\n", style="bold")
        else:
            body.append(say("rec.answers.none") + "\n")
        if r.series:
            names = "; ".join(plain(s.name) for s in card.indicators if s.id in r.series)
            body.append(say("rec.series", series=names) + "\n", style="red")
        body.rstrip()
        out.append(Padding(Panel(body, expand=True, border_style="cyan"), (1, 0, 0, 0)))
    others = [r for r in card.recommendations if not r.always]
    if others:
        out.append(Padding(Text(say("recs.other.head"), style="bold"), (1, 0, 0, 0)))
        for r in others:
            label, rest = verb_and_text(r.verb, plain(r.text))
            line = Text(f"{r.label} ")
            line.append(label, style="bold")
            line.append(rest + " (" + ", ".join(r.answers) + ")")
            out.append(_marked("•", line))
    return out
