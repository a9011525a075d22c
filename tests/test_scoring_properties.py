"""Invariants of the scoring, checked on many generated assessments of the mini catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actip_cli import catalog as catalog_mod
from actip_cli import schema
from actip_cli.model import ALL_RATINGS, RATINGS, Answer, AnswerSet, Catalog, ObligationId
from actip_cli.render import render_report
from actip_cli.render.json_report import report_data
from actip_cli.scoring import ScoreCard, score

MINI = Path(__file__).resolve().parent / "data" / "catalogs" / "mini"
CATALOG: Catalog = catalog_mod.load_catalog(MINI)
IDS = list(CATALOG.obligations)
CONDITIONS = {(o.relevant_if.obligation, o.relevant_if.level) for o in CATALOG.obligations.values() if o.relevant_if}
LEVEL_FIELD = {"output": "de_jure", "outcome": "de_facto"}

rating = st.sampled_from((None, *ALL_RATINGS))
series = st.dictionaries(st.integers(2010, 2024), st.integers(0, 1000).map(float), max_size=5)


@st.composite
def answer_sets(draw: st.DrawFn) -> AnswerSet:
    answers = {}
    for oid in IDS:
        j, f = draw(rating), draw(rating)
        if j is not None or f is not None:
            answers[ObligationId(oid)] = Answer(de_jure=j, de_facto=f, note="n")
    indicators = {sid: draw(series) for sid in CATALOG.indicators if draw(st.booleans())}
    return AnswerSet("VNM", 2022, CATALOG.version, answers, {k: v for k, v in indicators.items() if v})


def all_scores(card: ScoreCard) -> list[float | None]:
    values: list[float | None] = []
    for area in (card.overall, *card.chapters):
        values += [area.output.value, area.outcome.value, area.impact.value, area.coverage]
    for o in card.obligations:
        values += [o.output.attainment, o.outcome.attainment, o.priority, o.gap_size]
    values += [s.value for s in card.indicators]
    return values


def level_values(card: ScoreCard) -> dict[tuple[str, str], float | None]:
    return {(a.id, lv): a.level(lv).value for a in (card.overall, *card.chapters) for lv in ("output", "outcome", "impact")}


def replace(answer_set: AnswerSet, oid: str, level: str, value: str | None) -> AnswerSet:
    answers = dict(answer_set.answers)
    old = answers.get(ObligationId(oid), Answer())
    fields = {"de_jure": old.de_jure, "de_facto": old.de_facto}
    fields[LEVEL_FIELD[level]] = value
    answers[ObligationId(oid)] = Answer(note="n", **fields)
    return AnswerSet(answer_set.country, answer_set.period, answer_set.catalog_version, answers, answer_set.indicators)


@given(answer_sets())
def test_scores_stay_in_zero_one(answer_set: AnswerSet) -> None:
    card = score(CATALOG, answer_set, baseline=answer_set)
    for value in all_scores(card):
        assert value is None or 0.0 <= value <= 1.0


@given(answer_sets(), st.sampled_from(IDS), st.sampled_from(("output", "outcome")), st.data())
def test_raising_a_rating_never_lowers_a_score(answer_set: AnswerSet, oid: str, level: str, data: st.DataObject) -> None:
    # A condition of relevant_if is left out: raising it can bring a further duty into scope,
    # which is then scored as answered. That is the skip logic working, not a lower score.
    if (oid, LEVEL_FIELD[level]) in CONDITIONS:
        return
    low = data.draw(st.integers(0, len(RATINGS) - 2))
    high = data.draw(st.integers(low + 1, len(RATINGS) - 1))
    before = score(CATALOG, replace(answer_set, oid, level, RATINGS[low]))
    after = score(CATALOG, replace(answer_set, oid, level, RATINGS[high]))
    old, new = level_values(before), level_values(after)
    for key, value in old.items():
        if value is not None and new[key] is not None:
            assert new[key] >= value - 1e-9, key
        if value is not None:
            assert new[key] is not None
    b, a = before.obligation(oid), after.obligation(oid)
    if b.priority is not None and a.priority is not None:
        assert a.priority <= b.priority + 1e-9


@given(answer_sets(), st.sampled_from(IDS), st.sampled_from(("output", "outcome")))
def test_unknown_changes_coverage_not_the_score(answer_set: AnswerSet, oid: str, level: str) -> None:
    if (oid, LEVEL_FIELD[level]) in CONDITIONS:
        return  # 'unknown' keeps a conditional duty in scope while 'none' may rule it out
    unknown = score(CATALOG, replace(answer_set, oid, level, "unknown"))
    unanswered = score(CATALOG, replace(answer_set, oid, level, None))
    rated = score(CATALOG, replace(answer_set, oid, level, "none"))
    # unknown scores exactly as if the question had not been answered...
    assert level_values(unknown) == level_values(unanswered)
    # ...never as zero: a 'none' can only pull a level down from there. (The overall mean
    # is compared only when the same chapters have data: a chapter left with nothing rated
    # drops out of the mean by design, which can move it either way.)
    with_data = {a.id for a in unknown.chapters if a.outcome.value is not None} == \
        {a.id for a in rated.chapters if a.outcome.value is not None}
    for key, value in level_values(rated).items():
        u = level_values(unknown)[key]
        if value is not None and u is not None and (key[0] != "overall" or with_data):
            assert u >= value - 1e-9, key
    # ...and it shows in coverage.
    if rated.obligation(oid).level(level).status == "rated":
        assert unknown.overall.coverage < rated.overall.coverage
        assert unknown.overall.counts.unknown == rated.overall.counts.unknown + 1


@given(answer_sets())
def test_baseline_equal_to_current_gives_zero_where_defined(answer_set: AnswerSet) -> None:
    card = score(CATALOG, answer_set, baseline=answer_set)
    for o in card.obligations:
        for level in ("output", "outcome"):
            e = o.level(level).effect
            assert e is not None
            assert e.value is None or e.value == pytest.approx(0.0)
    for area in (card.overall, *card.chapters):
        for level in ("output", "outcome"):
            e = area.level(level).effect
            assert e is not None and (e.value is None or e.value == pytest.approx(0.0))
    assert not card.deteriorations


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets(), st.text(max_size=60))
def test_every_format_renders_and_json_validates(answer_set: AnswerSet, note: str) -> None:
    answers = {oid: Answer(a.de_jure, a.de_facto, evidence=(note,) if note else (), note=note) for oid, a in answer_set.answers.items()}
    answer_set = AnswerSet("VNM", 2022, CATALOG.version, answers, answer_set.indicators, illustrative=note)
    card = score(CATALOG, answer_set, baseline=answer_set)
    assert schema.validate(report_data(card), "report") == []
    for fmt in ("terminal", "markdown", "html", "json", "csv"):
        assert render_report(card, fmt)
