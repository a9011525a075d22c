"""Every sentence and label of the gap report that is not catalog content, in one place.

Renderers never write report prose of their own: they ask `say(key, **values)` for a whole
sentence with named placeholders, so a message catalog can later translate each sentence
as a unit (no sentences glued from fragments). Also here: number formats and the plain-text
clean-up every format applies to user text. No Rich, no I/O: the JSON, Markdown, HTML and
CSV paths import this and stay fast.
"""

from __future__ import annotations

import re

GROSS_LABEL = "gross effectiveness (before and after, not net of other causes)"
PAPER_WORDS = "appropriate but not yet effective"
METHOD_DOC = "docs/method.md"
DETAILED_GAPS = 10
"""Gaps shown in full (ratings, recommendation, evidence, note); the rest go in a compact table."""

MESSAGES: dict[str, str] = {
    # Title and who/what
    "title": "ACTIP gap report: {country}, {period}",
    "subtitle": "{catalog_title}: implementation read through Underdal's three levels",
    "illustrative.head": "ILLUSTRATIVE EXAMPLE: not an official assessment.",
    "field.country": "Country",
    "field.period": "Reporting period",
    "field.assessor": "Assessor",
    "field.respondent": "Respondent",
    "field.merged": "Merged from",
    "field.date": "Date",
    "field.catalog": "Catalog",
    "field.answers_file": "Answers file",
    "field.coverage": "Coverage",
    "field.baseline": "Baseline",
    "catalog.line": "version {version}; {verified} of {total} obligations verified against the treaty text",
    "catalog.older": "The answers were given against catalog {answers_version}; this report uses catalog {version}.",
    "coverage.line": "{rated} of {applicable} (obligation, level) pairs rated ({percent}); {unknown} unknown, {na} not applicable, {unanswered} not answered",
    "baseline.line": "the assessment for {period} (no-regime counterfactual)",
    # Headline
    "head.headline": "Headline: Underdal's three levels",
    "head.explain": "Output: is the law in place? Outcome: is it applied in practice? Impact: is the problem shrinking? 0 = nothing, 1 = full attainment.",
    "level.output": "Output (law)",
    "level.outcome": "Outcome (practice)",
    "level.impact": "Impact (problem)",
    "col.output": "Output\n(law)",
    "col.outcome": "Outcome\n(practice)",
    "col.impact": "Impact\n(problem)",
    "level.output.short": "output",
    "level.outcome.short": "outcome",
    "level.impact.short": "impact",
    "col.area": "Chapter",
    "col.coverage": "Coverage",
    "area.overall": "Overall",
    "area.chapter": "{id}. {title}",
    "no_data": "no data",
    "not_applicable": "not applicable",
    "low_confidence": "low confidence",
    "low_confidence.mark": "{value} (low confidence)",
    "low_confidence.note": "Low confidence: fewer than half of the applicable (obligation, level) pairs are rated.",
    "head.paper": "{count} of the {rated} duties rated both in law and in practice are in law but not in practice: appropriate but not yet effective (see Paper compliance).",
    "impact.none": "Impact has no data: no impact series (such as re-trafficked victims or estimated prevalence) was reported. The missing series lower coverage; see Data gaps.",
    "fail_under.basis": "For --fail-under the report compares the lower of the overall output and outcome levels: {value}.",
    # One sentence per area (key = AreaScore.reading)
    "reading.paper": "{area}: the law is ahead of practice (output {output}, outcome {outcome}): appropriate but not yet effective.",
    "reading.effective": "{area}: law and practice are both largely in place (output {output}, outcome {outcome}).",
    "reading.weak": "{area}: both the law and its application are weak (output {output}, outcome {outcome}).",
    "reading.lagging": "{area}: law and practice are partly in place, with practice behind the law (output {output}, outcome {outcome}).",
    "reading.partial": "{area}: law and practice are partly in place (output {output}, outcome {outcome}).",
    "reading.law-only": "{area}: only the law was rated (output {output}); practice has no data.",
    "reading.practice-only": "{area}: only practice was rated (outcome {outcome}); the law has no data.",
    "reading.no-data": "{area}: no duty in this chapter was rated.",
    "reading.not-applicable": "{area}: no duty in this chapter applies (all were answered not applicable).",
    # Gaps
    "gaps.head": "Priority gaps",
    "gaps.explain": "Duties rated below 'substantial' in law or in practice, highest priority first. Priority = modality weight x (1 - mean attainment).",
    "gaps.none": "No duty is rated below 'substantial'.",
    "gaps.more": "{count} more gaps, in priority order:",
    "gaps.more_hidden": "{count} further gaps of lower priority are listed in the Markdown, HTML, JSON and CSV reports.",
    "gap.ratings": "In law: {de_jure}. In practice: {de_facto}.",
    "gap.meta": "{modality} · weight {weight} · priority {priority}",
    "gap.verb_label": "{verb}:",
    "gap.evidence": "Evidence: {evidence}",
    "gap.note": "Note: {note}",
    "gap.source_recs": "Answered by the source study's recommendation {labels}: see Recommendations from the source study.",
    "gap.measured_by": "Measured by a worsening series: {series}.",
    "col.rank": "#",
    "col.obligation": "Obligation",
    "col.article": "Article",
    "col.title": "Duty",
    "col.in_law": "In law",
    "col.in_practice": "In practice",
    "col.binding": "Binding strength",
    "col.priority": "Priority",
    "col.recommendation": "Recommendation",
    "series_gaps.head": "Worsening series",
    "series_gaps.explain": "A series moving the wrong way in each of its last steps is a gap in its own right, listed with the duties it measures.",
    "series_gap.line": "{name}: {values} ({trend}); measures {obligations}.",
    # Paper compliance
    "paper.head": "Paper compliance: appropriate but not yet effective",
    "paper.explain": "Duties whose law is in place well ahead of its practice (output attainment at least 0.5 above outcome). The source study names Vietnam's situation in these words: ACTIP's role is appropriate but not yet effective.",
    "paper.none": "No duty is in law but not in practice.",
    "paper.count": "{count} of {rated} duties rated at both levels are appropriate but not yet effective.",
    # Trends
    "trends.head": "Indicator trends",
    "trends.explain": "Each series' trend is read from its last three values: improving or worsening when it moves the same way at each step, flat otherwise.",
    "trends.none": "No indicator series was reported.",
    "col.series": "Series",
    "col.level": "Level",
    "col.values": "Values",
    "col.trend": "Trend",
    "col.measures": "Measures",
    "trend.improving": "improving",
    "trend.worsening": "worsening",
    "trend.flat": "flat",
    "trend.insufficient-data": "insufficient data",
    # Baseline
    "baseline.head": "Change since {period}",
    "baseline.label": "Gross effectiveness (before and after, not net of other causes): the Oslo-Potsdam score E against the assessment for {period}.",
    "baseline.explain": "E = (now - baseline) / (optimum - baseline) per level, over the duties rated both times. 1 = the gap to full attainment closed; 0 = no change; below 0 = deterioration. This is a before-and-after comparison: a self-assessment cannot separate ACTIP's effect from other pressures. E compares ratings only; the series are read under Indicator trends.",
    "col.baseline": "Baseline",
    "col.now": "Now",
    "col.effect": "E",
    "effect.none": "not defined",
    "effect.no_room": "no room for improvement",
    "effect.not_both": "not rated in both",
    "deteriorations.head": "Deteriorations",
    "deteriorations.none": "No duty is rated lower than at the baseline.",
    "deterioration.line": "{id} {title}: {changes}.",
    "deterioration.change": "{level} {before} → {after}",
    # Data gaps
    "data.head": "Data gaps",
    "data.explain": "What the next round should collect: answers given as unknown, duties not answered, and series not reported.",
    "data.unknown": "Answered unknown ({count})",
    "data.unanswered": "Not answered ({count})",
    "data.series": "Series not reported ({count})",
    "data.none": "No data gaps: every duty is rated and every series reported.",
    "data.item": "{id} {title} ({levels})",
    # Recommendations
    "recs.head": "Recommendations from the source study",
    "recs.explain": "The study this tool comes from ends with two recommendations, (a) and (b). They are attached to every report; beneath each are the gaps in this report it answers.",
    "rec.head": "Recommendation {label}",
    "rec.original": "Original ({lang}):",
    "rec.source": "Source: {location}. {work}",
    "rec.answers.ids": "Gaps in this report it answers ({count}): {ids}.",
    "rec.answers": "Gaps in this report it answers:",
    "rec.answers.none": "No gap in this report falls under it; it is shown because the source study makes it for every country.",
    "rec.series": "Worsening series it bears on: {series}.",
    "recs.other.head": "Other recommendations triggered by gaps",
    # All obligations (appendix)
    "all.head": "All obligations",
    "col.flags": "Flags",
    "col.evidence": "Evidence",
    "col.note": "Note",
    "col.grade": "Grade",
    "skipped.line": "Not applicable: {reason}.",
    # How to read
    "how.head": "How to read this report",
    "how.text": (
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
    "footer": "Made with actip-cli. Catalog {version}.",
}

LEVEL_KEYS = ("output", "outcome", "impact")

FLAG_WORDS: dict[str, str] = {
    "gap": "gap",
    "paper-compliance": "appropriate but not yet effective",
    "unknown": "unknown",
    "not-applicable": "not applicable",
    "deterioration": "deterioration",
}

STATUS_WORDS: dict[str, str] = {
    "unanswered": "not answered",
    "unknown": "unknown",
    "not-applicable": "not applicable",
}

VERB_WORDS: dict[str, str] = {"urge": "Urge", "consider": "Consider", "invite": "Invite"}

BAND_WORDS: dict[str, str] = {
    "negligible": "negligible",
    "low": "low",
    "moderate": "moderate",
    "substantial": "substantial",
    "high": "high",
}

LANG_NAMES: dict[str, str] = {"id": "Indonesian", "vi": "Vietnamese", "en": "English"}


def say(key: str, **values: object) -> str:
    """The sentence or label for `key`, with its placeholders filled."""
    text = MESSAGES[key]
    return text.format(**values) if values else text


# --------------------------------------------------------------------------- numbers


def num(value: float | None, digits: int = 2) -> str:
    """A 0..1 score as '0.58'; None as 'no data'."""
    if value is None:
        return say("no_data")
    text = f"{value:.{digits}f}"
    return "0.00" if text == "-0.00" else text


def signed(value: float | None) -> str:
    """An effect E as '+0.50' / '-1.00'."""
    if value is None:
        return say("effect.none")
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


def pct(value: float) -> str:
    """A share as '78%'."""
    return f"{round(value * 100):d}%"


def count_value(value: float) -> str:
    """A series value: whole numbers without decimals, others with up to two."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


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
    """A rating as shown in a report: 'substantial (3/4)', 'unknown', 'not answered'."""
    from actip_cli.model import RATING_VALUE

    if rating is None:
        return STATUS_WORDS["unanswered"]
    if rating in RATING_VALUE:
        return f"{rating} ({RATING_VALUE[rating]}/4)"
    return STATUS_WORDS.get(rating, rating)


def verb_and_text(verb: str, text: str) -> tuple[str, str]:
    """A recommendation split into its urgency label and the rest, for a bold label.

    'Consider writing ...' keeps its own first word as the label; 'Adopt ...' with the verb
    'urge' gets 'Urge:' in front, so the urgency is always the first word a reader sees.
    """
    word = VERB_WORDS.get(verb, verb.capitalize())
    if text[: len(word) + 1].lower() == word.lower() + " ":
        return text[: len(word)], text[len(word):]
    return say("gap.verb_label", verb=word), " " + text


def level_label(level: str) -> str:
    """'Output (law)' and so on."""
    return say(f"level.{level}")


def band_words(band: str | None) -> str:
    """A band's name, or 'no data'."""
    return BAND_WORDS.get(band or "", say("no_data"))


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


def series_values(values: tuple[tuple[int, float], ...]) -> str:
    """'2019: 200, 2020: 150, 2021: 120'."""
    return ", ".join(f"{year}: {count_value(v)}" for year, v in values)


def weights_words(modalities: tuple[object, ...]) -> str:
    """'mandatory 1, qualified 0.75, endeavour 0.5, permissive 0.25'."""
    return ", ".join(f"{m.name} {m.weight:g}" for m in modalities)  # type: ignore[attr-defined]


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
