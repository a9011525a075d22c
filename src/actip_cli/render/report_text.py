"""Every sentence and label of the gap report that is not catalog content, in one place.

Renderers never write report prose of their own: they ask `say(key, **values)` for a whole
sentence with named placeholders, and the message catalog (gettext, see docs/translating.md)
translates each sentence as a unit (no sentences glued from fragments). The English text of
each message is its gettext ID, so an English report is exactly the text below.

Also here: the words for ratings, bands, flags, levels and urgency verbs; treaty citations
in the active language's legal style; number formats (a decimal comma in Vietnamese and
Indonesian, as their government documents write numbers); and the plain-text clean-up every
format applies to user text. No Rich, no I/O: the JSON, Markdown, HTML and CSV paths import
this and stay fast.
"""

from __future__ import annotations

import re

from actip_cli.i18n import N_, NP_, _, active_language, ngettext, pgettext

GROSS_LABEL = "gross effectiveness (before and after, not net of other causes)"
PAPER_WORDS = "appropriate but not yet effective"
"""Labels of the JSON report: constants of its schema, English in every language."""
METHOD_DOC = "docs/method.md"
DETAILED_GAPS = 10
"""Gaps shown in full (ratings, recommendation, evidence, note); the rest go in a compact table."""

MESSAGES: dict[str, str] = {
    # Title and who/what
    "title": N_("ACTIP gap report: {country}, {period}"),
    "subtitle": N_("{catalog_title}: implementation read through Underdal's three levels"),
    "illustrative.head": N_("ILLUSTRATIVE EXAMPLE: not an official assessment."),
    "field.country": N_("Country"),
    "field.period": N_("Reporting period"),
    "field.assessor": N_("Assessor"),
    "field.respondent": N_("Respondent"),
    "field.merged": N_("Merged from"),
    "field.date": N_("Date"),
    "field.catalog": N_("Catalog"),
    "field.answers_file": N_("Answers file"),
    "field.coverage": N_("Coverage"),
    "field.baseline": N_("Baseline"),
    "catalog.line": N_("version {version}; {verified} of {total} obligations verified against the treaty text"),
    "catalog.older": N_("The answers were given against catalog {answers_version}; this report uses catalog {version}."),
    "coverage.line": N_("{rated} of {applicable} (obligation, level) pairs rated ({percent}); {unknown} unknown, {na} not applicable, {unanswered} not answered"),
    "baseline.line": N_("the assessment for {period} (no-regime counterfactual)"),
    # Headline
    "head.headline": N_("Headline: Underdal's three levels"),
    "head.explain": N_("Output: is the law in place? Outcome: is it applied in practice? Impact: is the problem shrinking? 0 = nothing, 1 = full attainment."),
    "level.output": N_("Output (law)"),
    "level.outcome": N_("Outcome (practice)"),
    "level.impact": N_("Impact (problem)"),
    "col.output": N_("Output\n(law)"),
    "col.outcome": N_("Outcome\n(practice)"),
    "col.impact": N_("Impact\n(problem)"),
    "level.output.short": N_("output"),
    "level.outcome.short": N_("outcome"),
    "level.impact.short": N_("impact"),
    "col.area": N_("Chapter"),
    "col.coverage": N_("Coverage"),
    "area.overall": N_("Overall"),
    "area.chapter": N_("{id}. {title}"),
    "no_data": N_("no data"),
    "not_applicable": N_("not applicable"),
    "low_confidence": N_("low confidence"),
    "low_confidence.mark": N_("{value} (low confidence)"),
    "low_confidence.note": N_("Low confidence: fewer than half of the applicable (obligation, level) pairs are rated."),
    "head.paper": N_("{count} of the {rated} duties rated both in law and in practice are in law but not in practice: appropriate but not yet effective (see Paper compliance)."),
    "impact.none": N_("Impact has no data: no impact series (such as re-trafficked victims or estimated prevalence) was reported. The missing series lower coverage; see Data gaps."),
    "fail_under.basis": N_("For --fail-under the report compares the lower of the overall output and outcome levels: {value}."),
    # One sentence per area (key = AreaScore.reading)
    "reading.paper": N_("{area}: the law is ahead of practice (output {output}, outcome {outcome}): appropriate but not yet effective."),
    "reading.effective": N_("{area}: law and practice are both largely in place (output {output}, outcome {outcome})."),
    "reading.weak": N_("{area}: both the law and its application are weak (output {output}, outcome {outcome})."),
    "reading.lagging": N_("{area}: law and practice are partly in place, with practice behind the law (output {output}, outcome {outcome})."),
    "reading.partial": N_("{area}: law and practice are partly in place (output {output}, outcome {outcome})."),
    "reading.law-only": N_("{area}: only the law was rated (output {output}); practice has no data."),
    "reading.practice-only": N_("{area}: only practice was rated (outcome {outcome}); the law has no data."),
    "reading.no-data": N_("{area}: no duty in this chapter was rated."),
    "reading.not-applicable": N_("{area}: no duty in this chapter applies (all were answered not applicable)."),
    # Gaps
    "gaps.head": N_("Priority gaps"),
    "gaps.explain": N_("Duties rated below 'substantial' in law or in practice, highest priority first. Priority = modality weight x (1 - mean attainment)."),
    "gaps.none": N_("No duty is rated below 'substantial'."),
    "gap.ratings": N_("In law: {de_jure}. In practice: {de_facto}."),
    "rating.value": N_("{rating} ({value}/4)"),
    "gap.meta": N_("{modality} · weight {weight} · priority {priority}"),
    "gap.verb_label": N_("{verb}:"),
    "gap.evidence": N_("Evidence: {evidence}"),
    "gap.note": N_("Note: {note}"),
    "gap.source_recs": N_("Answered by the source study's recommendation {labels}: see Recommendations from the source study."),
    "gap.measured_by": N_("Measured by a worsening series: {series}."),
    "col.rank": N_("#"),
    "col.obligation": N_("Obligation"),
    "col.article": N_("Article"),
    "col.title": N_("Duty"),
    "col.in_law": N_("In law"),
    "col.in_practice": N_("In practice"),
    "col.binding": N_("Binding strength"),
    "col.priority": N_("Priority"),
    "col.recommendation": N_("Recommendation"),
    "series_gaps.head": N_("Worsening series"),
    "series_gaps.explain": N_("A series moving the wrong way in each of its last steps is a gap in its own right, listed with the duties it measures."),
    "series_gap.line": N_("{name}: {values} ({trend}); measures {obligations}."),
    # Paper compliance
    "paper.head": N_("Paper compliance: appropriate but not yet effective"),
    "paper.explain": N_("Duties whose law is in place well ahead of its practice (output attainment at least 0.5 above outcome). The source study names Viet Nam's situation in these words: ACTIP's role is appropriate but not yet effective."),
    "paper.none": N_("No duty is in law but not in practice."),
    "paper.count": N_("{count} of {rated} duties rated at both levels are appropriate but not yet effective."),
    # Trends
    "trends.head": N_("Indicator trends"),
    "trends.explain": N_("Each series' trend is read from its last three values: improving or worsening when it moves the same way at each step, no steady trend otherwise."),
    "trends.none": N_("No indicator series was reported."),
    "col.series": N_("Series"),
    "col.level": N_("Level"),
    "col.values": N_("Values"),
    "col.trend": N_("Trend"),
    "col.measures": N_("Measures"),
    "trend.improving": N_("improving"),
    "trend.worsening": N_("worsening"),
    "trend.flat": N_("no steady trend"),  # the keyword stays 'flat'; the words also cover ups and downs
    "trend.insufficient-data": N_("insufficient data"),
    # Baseline
    "baseline.head": N_("Change since {period}"),
    "baseline.label": N_("Gross effectiveness (before and after, not net of other causes): the Oslo-Potsdam score E against the assessment for {period}."),
    "baseline.explain": N_("E = (now - baseline) / (optimum - baseline) per level, over the duties rated both times. 1 = the gap to full attainment closed; 0 = no change; below 0 = deterioration. This is a before-and-after comparison: a self-assessment cannot separate ACTIP's effect from other pressures. E compares ratings only; the series are read under Indicator trends."),
    "col.baseline": N_("Baseline"),
    "col.now": N_("Now"),
    "col.effect": N_("E"),
    "effect.none": N_("not defined"),
    "effect.no_room": N_("no room for improvement"),
    "effect.not_both": N_("not rated in both"),
    "deteriorations.head": N_("Deteriorations"),
    "deteriorations.none": N_("No duty is rated lower than at the baseline."),
    "deterioration.line": N_("{id} {title}: {changes}."),
    "deterioration.change": N_("{level} {before} → {after}"),
    # Data gaps
    "data.head": N_("Data gaps"),
    "data.explain": N_("What the next round should collect: answers given as unknown, duties not answered, and series not reported."),
    "data.unknown": N_("Answered unknown ({count})"),
    "data.unanswered": N_("Not answered ({count})"),
    "data.series": N_("Series not reported ({count})"),
    "data.none": N_("No data gaps: every duty is rated and every series reported."),
    "data.item": N_("{id} {title} ({levels})"),
    # Recommendations
    "recs.head": N_("Recommendations from the source study"),
    "recs.explain": N_("The study this tool comes from ends with two recommendations, (a) and (b). They are attached to every report; beneath each are the gaps in this report it answers."),
    "rec.head": N_("Recommendation {label}"),
    "rec.original": N_("Original ({lang}):"),
    "rec.verbatim": N_("In the source study's own words, as written there."),
    "rec.source": N_("Source: {location}. {work}"),
    "rec.answers.ids": N_("Gaps in this report it answers ({count}): {ids}."),
    "rec.answers": N_("Gaps in this report it answers:"),
    "rec.answers.none": N_("No gap in this report falls under it; it is shown because the source study makes it for every country."),
    "rec.series": N_("Worsening series it bears on: {series}."),
    "recs.other.head": N_("Other recommendations triggered by gaps"),
    # All obligations (appendix)
    "all.head": N_("All obligations"),
    "col.flags": N_("Flags"),
    "col.evidence": N_("Evidence"),
    "col.note": N_("Note"),
    "col.grade": N_("Grade"),
    "skipped.line": N_("Not applicable: {reason}."),
    # How to read
    "how.head": N_("How to read this report"),
    "how.text": N_(
        "Each duty of the Convention is rated twice: in law (output, Underdal's first level) and in practice "
        "(outcome, the second). Ratings none, initial, partial, substantial and full count 0 to 4, and "
        "attainment is the rating divided by 4. Outcome also reads the outcome indicator series; impact (is "
        "trafficking itself shrinking?) comes only from impact series. Chapter scores weigh each duty by how "
        "binding it is ({weights}); the overall score is the mean of the chapters. Unknown and not-applicable "
        "answers are never counted as zero: they show in coverage, and below 50% coverage a score is marked "
        "low confidence. Bands: below 0.2 negligible, 0.2 to 0.4 low, 0.4 to 0.6 moderate, 0.6 to 0.8 "
        "substantial, 0.8 and above high (a convention of this tool). The full method is in {doc} "
        "(also: actip show method)."
    ),
    "footer": N_("Made with actip-cli. Catalog {version}."),
    # A bilingual report (--lang vi,en)
    "bilingual.below": N_("The same report in {language} follows this one."),
    "bilingual.one_language": N_("A report in two languages is written in the html and markdown formats; this {format} report is in {language} only."),
}

LEVEL_KEYS = ("output", "outcome", "impact")

# Keywords (as in answers files and the JSON report) -> the words a reader sees. Marked with
# N_/NP_ here, translated where shown (the functions below); a context keeps a band's
# "substantial" apart from the rating "substantial", which some languages word differently.
FLAG_WORDS: dict[str, str] = {
    "gap": N_("gap"),
    "paper-compliance": N_("appropriate but not yet effective"),
    "unknown": N_("unknown"),
    "not-applicable": N_("not applicable"),
    "deterioration": N_("deterioration"),
}

STATUS_WORDS: dict[str, str] = {
    "unanswered": N_("not answered"),
    "unknown": N_("unknown"),
    "not-applicable": N_("not applicable"),
}

VERB_WORDS: dict[str, str] = {
    "urge": NP_("verb label", "Urge"),
    "consider": NP_("verb label", "Consider"),
    "invite": NP_("verb label", "Invite"),
}

BAND_WORDS: dict[str, str] = {
    "negligible": NP_("band", "negligible"),
    "low": NP_("band", "low"),
    "moderate": NP_("band", "moderate"),
    "substantial": NP_("band", "substantial"),
    "high": NP_("band", "high"),
}

LANG_NAMES: dict[str, str] = {"id": N_("Indonesian"), "vi": N_("Vietnamese"), "en": N_("English")}

_CITATION = {
    "article": N_("Art. {article}"),
    "paragraph": N_("Art. {article}({paragraph})"),
    "letter": N_("Art. {article}({paragraph})({letter})"),
}
"""The same messages as `render.browse.citation` (which imports Rich, so it is not used here)."""


def say(key: str, **values: object) -> str:
    """The sentence or label for `key` in the active language, with its placeholders filled."""
    text = _(MESSAGES[key])
    return text.format(**values) if values else text


def more_gaps(count: int) -> str:
    """The heading over the gaps listed after the detailed ones."""
    return ngettext("{count} more gap, in priority order:", "{count} more gaps, in priority order:", count).format(count=count)


def more_gaps_elsewhere(count: int) -> str:
    """What the terminal leaves to the other formats."""
    return ngettext("{count} further gap of lower priority is listed in the Markdown, HTML, JSON and CSV reports.",
                    "{count} further gaps of lower priority are listed in the Markdown, HTML, JSON and CSV reports.",
                    count).format(count=count)


def lang_name(code: str) -> str:
    """A language's name in the active language: 'Indonesian', 'tiếng Indonesia'."""
    return _(LANG_NAMES[code]) if code in LANG_NAMES else code


def flag_words(flag: str) -> str:
    """A flag keyword (gap, paper-compliance ...) in words."""
    return _(FLAG_WORDS[flag]) if flag in FLAG_WORDS else flag


def level_words(level: str) -> str:
    """'output', 'outcome' or 'impact' as a short word of the active language."""
    return say(f"level.{level}.short") if level in LEVEL_KEYS else level


def citation(article: int, paragraph: str | None) -> str:
    """The treaty reference in the active language's legal style: Art. 14(1)(a) in English,
    điểm a khoản 1 Điều 14 in Vietnamese, Pasal 14 ayat (1) huruf a in Indonesian."""
    if not paragraph:
        return _(_CITATION["article"]).format(article=article)
    para, _dot, letter = paragraph.partition(".")
    if letter:
        return _(_CITATION["letter"]).format(article=article, paragraph=para, letter=letter)
    return _(_CITATION["paragraph"]).format(article=article, paragraph=para)


def citation_of(obligation_id: str) -> str:
    """The citation of an obligation ID (contracts.md section 1): 'ACTIP-11.1.a' -> Art. 11(1)(a)."""
    numbering = obligation_id.removeprefix("ACTIP-")
    article, _dot, paragraph = numbering.partition(".")
    if not article.isdigit():
        return obligation_id
    return citation(int(article), paragraph or None)


# --------------------------------------------------------------------------- numbers

_DECIMAL_COMMA = frozenset({"vi", "id"})
"""Languages whose documents write 0,75 and 1.200 (decimal comma, thousands dot)."""


def _local(text: str) -> str:
    """A number written in English style ('1,200.5') in the active language's style."""
    if active_language() not in _DECIMAL_COMMA:
        return text
    return text.translate(str.maketrans({",": ".", ".": ","}))


def local_number(text: str) -> str:
    """A number already written in English style ('+0.15', '1,200') in the active language's style."""
    return _local(text)


def num(value: float | None, digits: int = 2) -> str:
    """A 0..1 score as '0.58' ('0,58' in Vietnamese and Indonesian); None as 'no data'."""
    if value is None:
        return say("no_data")
    text = f"{value:.{digits}f}"
    return _local("0.00" if text == "-0.00" else text)


def signed(value: float | None) -> str:
    """An effect E as '+0.50' / '-1.00'."""
    if value is None:
        return say("effect.none")
    text = f"{value:+.2f}"
    return _local("0.00" if text in ("+0.00", "-0.00") else text)


def weight(value: float) -> str:
    """A modality weight as '0.75' ('0,75'), '1'."""
    return _local(f"{value:g}")


def pct(value: float) -> str:
    """A share as '78%'."""
    return f"{round(value * 100):d}%"


def count_value(value: float) -> str:
    """A series value: whole numbers without decimals, others with up to two ('1,200', '12.5';
    '1.200', '12,5' in Vietnamese and Indonesian)."""
    if float(value).is_integer():
        return _local(f"{int(value):,}")
    return _local(f"{value:,.2f}".rstrip("0").rstrip("."))


def bar_cells(value: float | None, width: int = 10) -> tuple[int, int]:
    """How many of `width` cells a 0..1 value fills (and how many stay empty)."""
    if value is None:
        return 0, width
    filled = max(0, min(width, round(value * width)))
    return filled, width - filled


def text_bar(value: float | None, width: int = 10) -> str:
    """A bar in block characters that reads without colour: '██████░░░░'."""
    filled, empty = bar_cells(value, width)
    return "█" * filled + "░" * empty


def rating_words(rating: str | None) -> str:
    """A rating as shown in a report: 'substantial (3/4)', 'unknown', 'not answered';
    'phần lớn (3/4)' in Vietnamese."""
    from actip_cli.model import RATING_VALUE

    if rating is None:
        return _(STATUS_WORDS["unanswered"])
    if rating in RATING_VALUE:
        return say("rating.value", rating=pgettext("rating", rating), value=RATING_VALUE[rating])
    return _(STATUS_WORDS[rating]) if rating in STATUS_WORDS else rating


def short_rating(rating: str | None) -> str:
    """A rating in a compact table: the word alone ('substantial', 'phần lớn'), '-' when unanswered."""
    return pgettext("rating", rating) if rating else "-"


def verb_and_text(verb: str, text: str) -> tuple[str, str]:
    """A recommendation split into its urgency label and the rest, for a bold label.

    'Consider writing ...' keeps its own first word as the label; 'Adopt ...' with the verb
    'urge' gets 'Urge:' in front, so the urgency is always the first word a reader sees.
    """
    word = pgettext("verb label", VERB_WORDS[verb]) if verb in VERB_WORDS else verb.capitalize()
    if text[: len(word) + 1].lower() == word.lower() + " ":
        return text[: len(word)], text[len(word):]
    # The same verb with an affix is the same urgency: Indonesian 'Mempertimbangkan ...'
    # under the label 'Pertimbangkan' keeps its own word rather than 'Pertimbangkan: Mempertimbangkan'.
    first = text.split(" ", 1)[0]
    if " " not in word and len(word) >= 5 and first.lower().endswith(word.lower()) and len(first) - len(word) <= 3:
        return first, text[len(first):]
    return say("gap.verb_label", verb=word), " " + text


def level_label(level: str) -> str:
    """'Output (law)' and so on."""
    return say(f"level.{level}")


def band_words(band: str | None) -> str:
    """A band's name, or 'no data'."""
    return pgettext("band", BAND_WORDS[band]) if band in BAND_WORDS else say("no_data")


def effect_words(value: float | None, reason: str) -> str:
    """An effect E, or why it is not defined."""
    if value is not None:
        return signed(value)
    if reason == "no room for improvement":
        return say("effect.no_room")
    if reason == "not rated in both":
        return say("effect.not_both")
    return say("effect.none")


def area_name(area_id: str, title: str) -> str:
    """'Overall' or 'IV. Protection'."""
    return say("area.overall") if area_id == "overall" else say("area.chapter", id=area_id, title=title)


def reading_sentence(area_id: str, title: str, reading: str, output: float | None, outcome: float | None) -> str:
    """The one sentence saying what an area's levels mean together."""
    return say(f"reading.{reading}", area=area_name(area_id, title), output=num(output), outcome=num(outcome))


STALE_AFTER = 3
"""A series whose latest figure is this many years older than the report's period is said to be old."""


def series_values(values: tuple[tuple[int, float], ...], period: int | None = None) -> str:
    """'2019: 200, 2020: 150, 2021: 120' ('2019: 200; 2020: 150' where a comma is the decimal mark),
    and, given the report's period, a word when the latest figure is old."""
    separator = "; " if active_language() in _DECIMAL_COMMA else ", "
    text = separator.join(f"{year}: {count_value(v)}" for year, v in values)
    if period is not None and values and period - values[-1][0] >= STALE_AFTER:
        text += " " + ngettext("(latest figure {year}, {count} year before the period)",
                               "(latest figure {year}, {count} years before the period)",
                               period - values[-1][0]).format(year=values[-1][0], count=period - values[-1][0])
    return text


def weights_words(modalities: tuple[object, ...]) -> str:
    """'mandatory 1, qualified 0.75, endeavour 0.5, permissive 0.25' in English; in another
    language each modality's own label ('bắt buộc: 'phải' = 1; ...')."""
    if active_language() == "en":
        return ", ".join(f"{m.name} {m.weight:g}" for m in modalities)  # type: ignore[attr-defined]
    return "; ".join(f"{m.label} = {weight(m.weight)}" for m in modalities)  # type: ignore[attr-defined]


def quotes_original(text: str, original_text: str, original_lang: str | None) -> bool:
    """Whether a recommendation's text already is its original wording (the Indonesian report
    shows the thesis's own words as the text): then the original is not quoted a second time."""
    return bool(original_text) and original_lang == active_language() and " ".join(text.split()) == " ".join(original_text.split())


# --------------------------------------------------------------------------- user text

_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences (colours, cursor movement)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC sequences (titles, hyperlinks)
    r"|\x1b[@-_]?"  # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"  # controls, bidi overrides
)


def plain(text: str, *, keep_newlines: bool = False) -> str:
    """User text with terminal escapes and control characters removed (tabs become spaces)."""
    text = text.replace("\t", " ")
    if not keep_newlines:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _CONTROL.sub("", text)
