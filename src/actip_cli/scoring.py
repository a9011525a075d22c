"""Scoring: a country's answers against the catalog, read through Underdal's three levels.

Pure functions over the model; no I/O, no terminal. `score(catalog, answers)` returns a
`ScoreCard` that holds everything a report shows (renderers never go back to the catalog),
so every output format says the same thing. The method is documented in docs/method.md;
the comments here say why a rule is what it is, the document says what it means.

Vocabulary:
- attainment S = rating / 4 per level (distance to the collective optimum, CO = 4);
- output comes from `de_jure`, outcome from `de_facto` and the outcome indicator series,
  impact only from impact indicator series;
- `unknown` and `not-applicable` never count as zero: they are left out of the means and
  counted in coverage.
"""

# No `from __future__ import annotations` here: NamedTuple compiles every annotation given
# as a string, which doubles the cost of creating the classes this module is mostly made of.

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from actip_cli.i18n import NP_, _, pgettext
from actip_cli.model import (
    RATING_VALUE,
    Answer,
    AnswerSet,
    Catalog,
    Obligation,
    ObligationId,
    ruled_out,
)

REPORT_VERSION = 1

UnderdalLevel = Literal["output", "outcome", "impact"]
UNDERDAL_LEVELS: tuple[UnderdalLevel, ...] = ("output", "outcome", "impact")
RATED_LEVELS: tuple[UnderdalLevel, ...] = ("output", "outcome")
"""The levels an obligation is rated at; impact comes only from indicator series."""
ANSWER_FIELD: dict[str, str] = {"output": "de_jure", "outcome": "de_facto"}

FLAGS: tuple[str, ...] = ("gap", "paper-compliance", "unknown", "not-applicable", "deterioration")

BANDS: tuple[tuple[float, str], ...] = (
    (0.8, "high"),
    (0.6, "substantial"),
    (0.4, "moderate"),
    (0.2, "low"),
    (0.0, "negligible"),
)
"""Lower bound of each band, highest first: a convention of this tool, not of the literature."""

LOW_CONFIDENCE_BELOW = 0.5
"""Coverage under this share of rated (obligation, level) pairs is 'low confidence'."""
PAPER_COMPLIANCE_GAP = 0.5
"""S_output - S_outcome at or above this is paper compliance ('appropriate but not yet effective')."""
GAP_BELOW = 0.75
"""An obligation is a gap when a rated level is below 'substantial' (S < 0.75)."""
TREND_WINDOW = 3
"""A trend is read from the last three yearly values (or all, if fewer)."""
TREND_VALUE: dict[str, float] = {"improving": 1.0, "flat": 0.5, "worsening": 0.0}
"""How a series' trend enters a level: moving the right way each step is full marks."""
ALWAYS_ATTACHED: tuple[str, ...] = ("thesis-a", "thesis-b")
"""The source study's recommendations (a) and (b): attached to every report (contracts.md section 5)."""
SERIES_WEIGHT = 1.0
"""An outcome series weighs in its chapters' outcome level as much as one binding duty."""

LevelStatus = Literal["rated", "unknown", "not-applicable", "unanswered"]
Trend = Literal["improving", "worsening", "flat", "insufficient-data"]
Confidence = Literal["low", "sufficient"]


def band(value: float | None) -> str | None:
    """The band a 0..1 score falls in, or None for no score.

    Read from the score rounded to two decimals, as every report shows it: 0.3974 is shown
    as 0.40 and must not be called 'low' beside a legend where 0.4 starts 'moderate'."""
    if value is None:
        return None
    value = round(value, 2)
    for lower, name in BANDS:
        if value >= lower:
            return name
    return BANDS[-1][1]


# --------------------------------------------------------------------------- results
# NamedTuples rather than dataclasses: far cheaper to create, and every report imports them.


class Effect(NamedTuple):
    """Oslo-Potsdam E = (r - NR) / (CO - NR) for one level against a baseline.

    `value` is None when it is not defined; `reason` then says why ("no room for
    improvement" when the baseline was already at the optimum, "not rated in both").
    """

    value: float | None
    baseline: float | None = None
    current: float | None = None
    reason: str = ""

    @property
    def deterioration(self) -> bool:
        """Worse than the baseline."""
        return self.value is not None and self.value < 0


class LevelResult(NamedTuple):
    """One obligation at one rated level."""

    rating: str | None
    """The rating as given (none..full, unknown, not-applicable) or None when unanswered."""
    status: LevelStatus
    attainment: float | None
    """S = rating / 4, or None when not rated."""
    effect: Effect | None = None
    """Against the baseline, when one was given."""
    baseline_rating: str | None = None


class ObligationScore(NamedTuple):
    """One duty: what was answered, what it attains, how much its gap matters, and flags."""

    id: ObligationId
    chapter: str
    article: int
    paragraph: str | None
    citation: str
    title: str
    modality: str
    modality_label: str
    qualifier: str
    weight: float
    verification: str
    output: LevelResult
    outcome: LevelResult
    gap_size: float | None
    """1 - mean attainment of the rated levels; None when no level is rated."""
    priority: float | None
    """weight x gap_size: how much this gap matters; None when no level is rated."""
    flags: tuple[str, ...]
    recommendation_verb: str
    recommendation_text: str
    recommendations: tuple[str, ...]
    """Catalog-wide recommendations (e.g. thesis-a) this duty's gap triggers."""
    indicators: tuple[str, ...]
    evidence: tuple[str, ...] = ()
    grade: str | None = None
    note: str = ""
    respondent: str = ""
    skipped_because: str = ""
    """Set when `relevant_if` made the duty not applicable."""

    def level(self, name: str) -> LevelResult:
        """The result at 'output' or 'outcome'."""
        if name == "output":
            return self.output
        if name == "outcome":
            return self.outcome
        raise KeyError(name)

    @property
    def is_gap(self) -> bool:
        return "gap" in self.flags

    @property
    def paper_compliance(self) -> bool:
        return "paper-compliance" in self.flags


class LevelScore(NamedTuple):
    """An area (a chapter or the whole treaty) at one Underdal level."""

    value: float | None
    """0..1, or None for no data."""
    band: str | None
    rated: int
    """Items that entered the value: rated obligations (and, for outcome and impact, series)."""
    expected: int
    """Items that could have: applicable obligations, or the series the catalog defines."""
    series: int = 0
    """How many indicator series entered the value."""
    effect: Effect | None = None
    """Against the baseline, when one was given (output and outcome only)."""

    @property
    def coverage(self) -> float:
        """Share of the expected items that entered the value (0 when nothing was expected)."""
        return self.rated / self.expected if self.expected else 0.0

    @property
    def has_data(self) -> bool:
        return self.value is not None


class Counts(NamedTuple):
    """How the (obligation, level) pairs of an area were answered."""

    pairs: int
    rated: int
    unknown: int
    not_applicable: int
    unanswered: int


class AreaScore(NamedTuple):
    """A chapter, or the whole treaty: the three levels side by side, coverage, confidence."""

    id: str
    """The chapter's Roman numeral, or 'overall'."""
    title: str
    output: LevelScore
    outcome: LevelScore
    impact: LevelScore
    coverage: float
    """Share of applicable (obligation, level) pairs rated (not-applicable pairs left out)."""
    confidence: Confidence
    counts: Counts
    obligations: tuple[ObligationId, ...]
    reading: str
    """A key saying in a word what the levels mean together (see `reading()`)."""

    def level(self, name: str) -> LevelScore:
        """The score at 'output', 'outcome' or 'impact'."""
        if name not in UNDERDAL_LEVELS:
            raise KeyError(name)
        result: LevelScore = getattr(self, name)
        return result

    @property
    def low_confidence(self) -> bool:
        return self.confidence == "low"


class IndicatorTrend(NamedTuple):
    """One yearly series as reported, with its trend and what it measures."""

    id: str
    name: str
    unit: str
    level: str
    """'outcome' or 'impact'."""
    direction: str
    values: tuple[tuple[int, float], ...]
    trend: Trend
    window: tuple[int, ...]
    """The years the trend was read from."""
    value: float | None
    """The trend as a 0..1 level (TREND_VALUE), None with insufficient data."""
    obligations: tuple[ObligationId, ...]
    """The duties this series measures (from the catalog)."""
    chapters: tuple[str, ...]
    caveat: str = ""

    @property
    def is_gap(self) -> bool:
        """A worsening series is a gap in its own right."""
        return self.trend == "worsening"


class MissingSeries(NamedTuple):
    """A series the catalog defines and the answers file does not report."""

    id: str
    name: str
    level: str


class RecommendationResult(NamedTuple):
    """A catalog-wide recommendation and the gaps of this report it answers."""

    id: str
    label: str
    verb: str
    theme: str
    text: str
    original_lang: str
    original_text: str
    source_work: str
    source_location: str
    answers: tuple[ObligationId, ...]
    """Gap obligations of this report that the recommendation answers."""
    series: tuple[str, ...] = ()
    """Worsening series measuring those obligations."""
    always: bool = False
    """Attached to every report (the source study's (a) and (b)), gaps or not."""


class DataGap(NamedTuple):
    """An obligation answered 'unknown' (or not answered) at one or more levels."""

    id: ObligationId
    title: str
    citation: str
    unknown: tuple[str, ...]
    """Levels answered unknown."""
    unanswered: tuple[str, ...]
    """Levels not answered at all (e.g. a workshop file covering part of the treaty)."""


class ModalityInfo(NamedTuple):
    """A modality and the weight its duties carry, for the 'how to read' section."""

    name: str
    weight: float
    label: str
    explanation: str


class BaselineInfo(NamedTuple):
    """The earlier assessment used as the no-regime counterfactual NR."""

    period: int
    source: str
    catalog_version: str


@dataclass(frozen=True)
class ScoreCard:
    """Everything the gap report says, scored, in treaty order.

    A dataclass, not a NamedTuple like the results above: it keeps an index by ID that takes
    no part in equality."""

    country: str
    country_name: str
    period: int
    catalog_version: str
    catalog_title: str
    catalog_short_title: str
    answers_catalog_version: str
    obligation_count: int
    verified_count: int
    overall: AreaScore
    chapters: tuple[AreaScore, ...]
    obligations: tuple[ObligationScore, ...]
    indicators: tuple[IndicatorTrend, ...]
    missing_series: tuple[MissingSeries, ...]
    recommendations: tuple[RecommendationResult, ...]
    data_gaps: tuple[DataGap, ...]
    modalities: tuple[ModalityInfo, ...]
    assessor_name: str = ""
    assessor_organisation: str = ""
    assessment_date: str = ""
    respondent: str = ""
    illustrative: str = ""
    merged_from: tuple[str, ...] = ()
    source: str = ""
    baseline: BaselineInfo | None = None
    report_version: int = REPORT_VERSION
    _by_id: dict[str, ObligationScore] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._by_id:
            for o in self.obligations:
                self._by_id[o.id] = o

    def obligation(self, oid: str) -> ObligationScore:
        """The score of one obligation by ID."""
        return self._by_id[oid]

    def chapter(self, chapter_id: str) -> AreaScore:
        """The score of one chapter by Roman numeral."""
        return next(c for c in self.chapters if c.id == chapter_id)

    @property
    def gaps(self) -> tuple[ObligationScore, ...]:
        """Obligations flagged as gaps, highest priority first (ties in treaty order)."""
        order = {o.id: i for i, o in enumerate(self.obligations)}
        found = [o for o in self.obligations if o.is_gap]
        return tuple(sorted(found, key=lambda o: (-(o.priority or 0.0), order[o.id])))

    @property
    def paper_compliance(self) -> tuple[ObligationScore, ...]:
        """Duties in law but not in practice: 'appropriate but not yet effective'."""
        return tuple(o for o in self.obligations if o.paper_compliance)

    @property
    def rated_at_both_levels(self) -> int:
        """How many obligations are rated in law and in practice (the base of paper compliance)."""
        return sum(1 for o in self.obligations if o.output.status == "rated" and o.outcome.status == "rated")

    @property
    def series_gaps(self) -> tuple[IndicatorTrend, ...]:
        """Worsening series: gaps in their own right, listed with the duties they measure."""
        return tuple(i for i in self.indicators if i.is_gap)

    @property
    def deteriorations(self) -> tuple[ObligationScore, ...]:
        """Duties worse than at the baseline."""
        return tuple(o for o in self.obligations if "deterioration" in o.flags)

    @property
    def fail_under_score(self) -> float | None:
        """The number `--fail-under` compares: the lower of the overall output and outcome levels.

        Impact is left out: it rests on a few series that most countries do not have, and a
        missing series must not fail a build. None when neither level has data.
        """
        values = [v for v in (self.overall.output.value, self.overall.outcome.value) if v is not None]
        return min(values) if values else None


# --------------------------------------------------------------------------- scoring


def score(catalog: Catalog, answers: AnswerSet, *, baseline: AnswerSet | None = None) -> ScoreCard:
    """Score one assessment against the catalog (and, optionally, an earlier one)."""
    skipped = _skipped(catalog, answers)
    base_skipped = _skipped(catalog, baseline) if baseline else {}
    obligations = tuple(
        _score_obligation(catalog, o, answers.answers.get(o.id), skipped.get(o.id, ""),
                          baseline.answers.get(o.id) if baseline else None, base_skipped.get(o.id, ""),
                          has_baseline=baseline is not None)
        for o in catalog.obligations.values()
    )
    by_id = {o.id: o for o in obligations}
    indicators = tuple(_trend(catalog, sid, values) for sid, values in answers.indicators.items() if sid in catalog.indicators)
    chapters = tuple(
        _area(c.id, c.title, [by_id[o.id] for o in catalog.obligations.values() if o.chapter == c.id],
              [i for i in indicators if c.id in i.chapters], _linked_series(catalog, c.id), baseline is not None)
        for c in catalog.chapters
        if any(o.chapter == c.id for o in catalog.obligations.values())
    )
    overall = _overall(chapters, obligations, indicators, catalog, baseline is not None)
    gap_ids = {o.id for o in obligations if o.is_gap}
    recommendations = _recommendations(catalog, obligations, indicators, gap_ids)
    data_gaps = tuple(
        DataGap(o.id, o.title, o.citation,
                tuple(lv for lv in RATED_LEVELS if o.level(lv).status == "unknown"),
                tuple(lv for lv in RATED_LEVELS if o.level(lv).status == "unanswered"))
        for o in obligations
        if any(o.level(lv).status in ("unknown", "unanswered") for lv in RATED_LEVELS)
    )
    given = set(answers.indicators)
    missing = tuple(MissingSeries(i.id, i.name, i.level) for i in catalog.indicators.values() if i.id not in given)
    country = catalog.country(answers.country)
    assessor = answers.assessor
    return ScoreCard(
        country=answers.country,
        country_name=country.name if country else answers.country,
        period=answers.period,
        catalog_version=catalog.version,
        catalog_title=catalog.title,
        catalog_short_title=catalog.short_title,
        answers_catalog_version=answers.catalog_version,
        obligation_count=len(catalog.obligations),
        verified_count=catalog.verified_count,
        overall=overall,
        chapters=chapters,
        obligations=obligations,
        indicators=indicators,
        missing_series=missing,
        recommendations=recommendations,
        data_gaps=data_gaps,
        modalities=tuple(ModalityInfo(m.name, m.weight, m.label, m.explanation) for m in catalog.modalities.values()),
        assessor_name=assessor.name if assessor else "",
        assessor_organisation=assessor.organisation if assessor else "",
        assessment_date=assessor.date if assessor else "",
        respondent=answers.respondent,
        illustrative=answers.illustrative,
        merged_from=tuple(r for r, _ in answers.merged_from),
        source=answers.source,
        baseline=BaselineInfo(baseline.period, baseline.source, baseline.catalog_version) if baseline else None,
    )


_SKIP_LEVEL = {"de_jure": NP_("level", "de_jure"), "de_facto": NP_("level", "de_facto")}


def _skipped(catalog: Catalog, answers: AnswerSet | None) -> dict[ObligationId, str]:
    """Duties that `relevant_if` rules out (see `model.ruled_out`), with the reason in words."""
    if answers is None:
        return {}
    out: dict[ObligationId, str] = {}
    for oid, why in ruled_out(catalog, answers.answers).items():
        cond = why.condition
        if why.rating is None:
            out[oid] = _("{condition} does not apply").format(condition=cond.obligation)
            continue
        # In the report's language (the same words as the walkthrough's); English: 'ACTIP-18.1 de_jure is none'.
        words = _("{condition} {level} is {rating}").format(
            condition=cond.obligation, level=pgettext("level", _SKIP_LEVEL[cond.level]), rating=pgettext("rating", why.rating))
        out[oid] = words + (f": {cond.reason}" if cond.reason else "")
    return out


def _level(rating: str | None, skipped: bool) -> LevelResult:
    if skipped:
        return LevelResult(rating, "not-applicable", None)
    if rating is None:
        return LevelResult(None, "unanswered", None)
    if rating in RATING_VALUE:
        return LevelResult(rating, "rated", RATING_VALUE[rating] / 4)
    if rating == "not-applicable":
        return LevelResult(rating, "not-applicable", None)
    return LevelResult(rating, "unknown", None)


def effect(current: float | None, baseline: float | None) -> Effect:
    """Oslo-Potsdam on 0..1 attainments: E = (S - S_NR) / (1 - S_NR), CO = 1."""
    if current is None or baseline is None:
        return Effect(None, baseline, current, "not rated in both")
    if baseline >= 1.0:
        return Effect(None, baseline, current, "no room for improvement")
    return Effect((current - baseline) / (1.0 - baseline), baseline, current)


def _score_obligation(
    catalog: Catalog,
    o: Obligation,
    answer: Answer | None,
    skipped_because: str,
    base_answer: Answer | None,
    base_skipped: str,
    *,
    has_baseline: bool,
) -> ObligationScore:
    levels: dict[str, LevelResult] = {}
    for name in RATED_LEVELS:
        field_name = ANSWER_FIELD[name]
        current = _level(getattr(answer, field_name) if answer else None, bool(skipped_because))
        if has_baseline:
            base = _level(getattr(base_answer, field_name) if base_answer else None, bool(base_skipped))
            current = LevelResult(current.rating, current.status, current.attainment,
                                  effect(current.attainment, base.attainment), base.rating)
        levels[name] = current
    out, outc = levels["output"], levels["outcome"]
    rated = [lv.attainment for lv in (out, outc) if lv.attainment is not None]
    modality = catalog.modalities.get(o.modality)
    weight = modality.weight if modality else 0.0
    gap_size = 1.0 - sum(rated) / len(rated) if rated else None
    priority = weight * gap_size if gap_size is not None else None

    flags: list[str] = []
    if any(a < GAP_BELOW for a in rated):
        flags.append("gap")
    if out.attainment is not None and outc.attainment is not None and out.attainment - outc.attainment >= PAPER_COMPLIANCE_GAP:
        flags.append("paper-compliance")
    if "unknown" in (out.status, outc.status):
        flags.append("unknown")
    if "not-applicable" in (out.status, outc.status):
        flags.append("not-applicable")
    if any(lv.effect is not None and lv.effect.deterioration for lv in (out, outc)):
        flags.append("deterioration")
    return ObligationScore(
        id=o.id,
        chapter=o.chapter,
        article=o.article,
        paragraph=o.paragraph,
        citation=o.citation,
        title=o.title,
        modality=o.modality,
        modality_label=modality.label if modality else o.modality,
        qualifier=o.qualifier,
        weight=weight,
        verification=o.verification,
        output=out,
        outcome=outc,
        gap_size=gap_size,
        priority=priority,
        flags=tuple(flags),
        recommendation_verb=o.recommendation_verb or (modality.verb if modality else ""),
        recommendation_text=o.recommendation_text,
        recommendations=o.recommendations,
        indicators=o.indicators,
        evidence=answer.evidence if answer else (),
        grade=answer.grade if answer else None,
        note=answer.note if answer else "",
        skipped_because=skipped_because,
    )


def trend(values: Mapping[int, float] | Iterable[tuple[int, float]], direction: str) -> tuple[Trend, tuple[int, ...]]:
    """The trend of a yearly series from its last three values, and the years it was read from."""
    items = sorted(values.items() if isinstance(values, Mapping) else values)
    window = items[-TREND_WINDOW:]
    years = tuple(y for y, _ in window)
    if len(window) < 2:
        return "insufficient-data", years
    sign = 1 if direction == "higher-is-better" else -1
    steps = [sign * (b - a) for (_, a), (_, b) in zip(window, window[1:], strict=False)]
    if all(s > 0 for s in steps):
        return "improving", years
    if all(s < 0 for s in steps):
        return "worsening", years
    return "flat", years


def _trend(catalog: Catalog, sid: str, values: Mapping[int, float]) -> IndicatorTrend:
    ind = catalog.indicators[sid]
    t, years = trend(values, ind.direction)
    measured = tuple(o.id for o in catalog.obligations.values() if sid in o.indicators)
    chapters = tuple(dict.fromkeys(catalog.obligations[oid].chapter for oid in measured))
    return IndicatorTrend(
        id=sid, name=ind.name, unit=ind.unit, level=ind.level, direction=ind.direction,
        values=tuple(sorted(values.items())), trend=t, window=years, value=TREND_VALUE.get(t),
        obligations=measured, chapters=chapters, caveat=ind.caveat,
    )


def _linked_series(catalog: Catalog, chapter: str) -> dict[str, int]:
    """How many outcome and impact series the catalog links to this chapter's duties."""
    ids = {i for o in catalog.obligations.values() if o.chapter == chapter for i in o.indicators}
    found = [catalog.indicators[i] for i in ids if i in catalog.indicators]
    return {lv: sum(1 for i in found if i.level == lv) for lv in ("outcome", "impact")}


def _weighted(items: list[tuple[float, float]]) -> float | None:
    total = sum(w for w, _ in items)
    if not total:
        return None
    return _clamp(sum(w * v for w, v in items) / total)


def _clamp(value: float) -> float:
    # Guard against rounding drift (0.30000000000000004) so bands and bounds hold exactly.
    return min(1.0, max(0.0, round(value, 12)))


def _counts(obligations: Iterable[ObligationScore]) -> Counts:
    statuses = [o.level(lv).status for o in obligations for lv in RATED_LEVELS]
    return Counts(
        pairs=len(statuses),
        rated=statuses.count("rated"),
        unknown=statuses.count("unknown"),
        not_applicable=statuses.count("not-applicable"),
        unanswered=statuses.count("unanswered"),
    )


def _coverage(counts: Counts) -> float:
    applicable = counts.pairs - counts.not_applicable
    if not applicable:
        # Nothing applies, so nothing is missing: an area answered wholly not-applicable is
        # complete, not unknown (and there is no pair at all only in an empty selection).
        return 1.0 if counts.pairs else 0.0
    return counts.rated / applicable


def _rated_level(obligations: list[ObligationScore], name: str, series: list[IndicatorTrend], has_baseline: bool) -> LevelScore:
    items = [(o.weight, o.level(name).attainment) for o in obligations if o.level(name).attainment is not None]
    # Series refine the ratings, they do not replace them: an area where no duty is rated at
    # this level (say, a workshop file covering another chapter) stays "no data".
    used = [s for s in series if s.level == "outcome" and s.value is not None] if name == "outcome" and items else []
    values = [(w, a) for w, a in items if a is not None] + [(SERIES_WEIGHT, s.value) for s in used if s.value is not None]
    expected = sum(1 for o in obligations if o.level(name).status != "not-applicable")
    value = _weighted(values)
    eff = _area_effect(obligations, name) if has_baseline else None
    return LevelScore(value, band(value), len(items), expected, len(used), eff)


def _area_effect(obligations: list[ObligationScore], name: str) -> Effect:
    """E for an area: attainment now and at the baseline over the duties rated at both times."""
    now: list[tuple[float, float]] = []
    then: list[tuple[float, float]] = []
    for o in obligations:
        e = o.level(name).effect
        if e is not None and e.current is not None and e.baseline is not None:
            now.append((o.weight, e.current))
            then.append((o.weight, e.baseline))
    return effect(_weighted(now), _weighted(then))


def _impact_level(series: list[IndicatorTrend], expected: int) -> LevelScore:
    used = [s for s in series if s.level == "impact" and s.value is not None]
    value = _weighted([(1.0, s.value) for s in used if s.value is not None])
    return LevelScore(value, band(value), len(used), max(expected, len(used)), len(used))


def reading(output: float | None, outcome: float | None, counts: Counts | None = None) -> str:
    """A one-word reading of an area's output and outcome levels, for the sentence per chapter.

    'no-data': nothing rated; 'not-applicable': every duty answered not applicable;
    'paper': law at least a rating step (0.25) ahead of practice and at least half in place
    (the thesis's 'appropriate but not yet effective'); 'effective': both 0.6 or more;
    'weak': both below 0.4; 'lagging': practice 0.1 or more behind the law; 'law-only' and
    'practice-only': one level has no data; 'partial' otherwise.
    """
    if output is None and outcome is None:
        return "not-applicable" if counts is not None and counts.pairs and counts.pairs == counts.not_applicable else "no-data"
    if outcome is None:
        return "law-only"
    if output is None:
        return "practice-only"
    if output - outcome >= PAPER_COMPLIANCE_GAP / 2 and output >= 0.5:
        return "paper"
    if output >= 0.6 and outcome >= 0.6:
        return "effective"
    if output < 0.4 and outcome < 0.4:
        return "weak"
    if output - outcome >= 0.1:
        return "lagging"
    return "partial"


def _area(chapter_id: str, title: str, obligations: list[ObligationScore], series: list[IndicatorTrend],
          linked: dict[str, int], has_baseline: bool) -> AreaScore:
    counts = _counts(obligations)
    coverage = _coverage(counts)
    output = _rated_level(obligations, "output", series, has_baseline)
    outcome = _rated_level(obligations, "outcome", series, has_baseline)
    impact = _impact_level(series, linked.get("impact", 0))
    return AreaScore(
        id=chapter_id, title=title, output=output, outcome=outcome, impact=impact,
        coverage=coverage, confidence="low" if coverage < LOW_CONFIDENCE_BELOW else "sufficient",
        counts=counts, obligations=tuple(o.id for o in obligations),
        reading=reading(output.value, outcome.value, counts),
    )


def _overall(chapters: tuple[AreaScore, ...], obligations: tuple[ObligationScore, ...],
             indicators: tuple[IndicatorTrend, ...], catalog: Catalog, has_baseline: bool) -> AreaScore:
    """The whole treaty: each chapter counts the same, so a long chapter does not dominate."""
    counts = _counts(obligations)
    coverage = _coverage(counts)
    levels: dict[str, LevelScore] = {}
    for name in RATED_LEVELS:
        parts = [c.level(name) for c in chapters]
        value = _weighted([(1.0, p.value) for p in parts if p.value is not None])
        eff = None
        if has_baseline:
            # The same rule one step up: chapter attainments now and then, each chapter equal.
            now = [(1.0, p.effect.current) for p in parts if p.effect and p.effect.current is not None and p.effect.baseline is not None]
            then = [(1.0, p.effect.baseline) for p in parts if p.effect and p.effect.current is not None and p.effect.baseline is not None]
            eff = effect(_weighted(now), _weighted(then))
        # Count a series once, however many chapters it entered.
        rated_chapters = {c.id for c in chapters if c.level(name).rated}
        series = {s.id for s in indicators if s.level == "outcome" and s.value is not None and rated_chapters & set(s.chapters)} \
            if name == "outcome" else set()
        levels[name] = LevelScore(value, band(value), sum(p.rated for p in parts), sum(p.expected for p in parts), len(series), eff)
    # Impact overall reads every impact series, linked to a duty or not (prevalence estimates
    # measure the problem as a whole, not one paragraph).
    impact_expected = sum(1 for i in catalog.indicators.values() if i.level == "impact")
    impact = _impact_level(list(indicators), impact_expected)
    return AreaScore(
        id="overall", title="All chapters", output=levels["output"], outcome=levels["outcome"], impact=impact,
        coverage=coverage, confidence="low" if coverage < LOW_CONFIDENCE_BELOW else "sufficient",
        counts=counts, obligations=tuple(o.id for o in obligations),
        reading=reading(levels["output"].value, levels["outcome"].value, counts),
    )


def _recommendations(catalog: Catalog, obligations: tuple[ObligationScore, ...], indicators: tuple[IndicatorTrend, ...],
                     gap_ids: set[ObligationId]) -> tuple[RecommendationResult, ...]:
    """Every catalog-wide recommendation a gap triggers, and the source study's (a) and (b) always."""
    out: list[RecommendationResult] = []
    worsening = [s for s in indicators if s.is_gap]
    for rec in catalog.recommendations.values():
        linked = set(rec.obligations) | {o.id for o in obligations if rec.id in o.recommendations}
        answers = tuple(o.id for o in obligations if o.id in linked and o.id in gap_ids)
        always = rec.id in ALWAYS_ATTACHED
        if not answers and not always:
            continue
        series = tuple(s.id for s in worsening if linked & set(s.obligations))
        out.append(RecommendationResult(
            id=rec.id, label=rec.label, verb=rec.verb, theme=rec.theme, text=rec.text,
            original_lang=rec.original_lang, original_text=rec.original_text,
            source_work=rec.source_work, source_location=rec.source_location,
            answers=answers, series=series, always=always,
        ))
    return tuple(out)


__all__ = [
    "BANDS", "FLAGS", "UNDERDAL_LEVELS", "AreaScore", "BaselineInfo", "Counts", "DataGap", "Effect",
    "IndicatorTrend", "LevelResult", "LevelScore", "MissingSeries", "ModalityInfo", "ObligationScore",
    "RecommendationResult", "ScoreCard", "band", "effect", "reading", "score", "trend",
]
