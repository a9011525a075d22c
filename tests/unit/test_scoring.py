"""The scoring core on the mini catalog: levels, roll-ups, coverage, flags, trends, baseline."""

from __future__ import annotations

import pytest

from actip_cli.model import Answer, AnswerSet, Catalog, ObligationId
from actip_cli.scoring import band, effect, reading, score, trend


def answers(ratings: dict[str, tuple[str | None, str | None]], indicators: dict[str, dict[int, float]] | None = None,
            period: int = 2022, note: str = "") -> AnswerSet:
    return AnswerSet(
        country="VNM", period=period, catalog_version="2026.11",
        answers={ObligationId(k): Answer(de_jure=j, de_facto=f, note=note) for k, (j, f) in ratings.items()},
        indicators=indicators or {},
    )


FULL = {
    "ACTIP-5.1": ("full", "partial"),
    "ACTIP-14.1": ("substantial", "initial"),
    "ACTIP-14.4": ("partial", "partial"),
    "ACTIP-14.5": ("full", "full"),
    "ACTIP-16.4": ("substantial", "initial"),
    "ACTIP-18.1": ("partial", "none"),
    "ACTIP-18.2": ("initial", "none"),
    "ACTIP-24.1": ("partial", "partial"),
}


def test_attainment_is_rating_over_four(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL))
    o = card.obligation("ACTIP-14.1")
    assert (o.output.attainment, o.outcome.attainment) == (0.75, 0.25)
    assert o.output.status == o.outcome.status == "rated"


def test_priority_is_weight_times_gap(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL))
    # qualified (0.75) x (1 - mean(0.5, 0)) = 0.5625
    assert card.obligation("ACTIP-18.1").priority == pytest.approx(0.5625)
    # mandatory x (1 - mean(0.75, 0.25)) = 0.5
    assert card.obligation("ACTIP-14.1").priority == pytest.approx(0.5)
    # permissive (0.25) x (1 - mean(0.25, 0)) = 0.21875
    assert card.obligation("ACTIP-18.2").priority == pytest.approx(0.21875)
    priorities = [o.priority for o in card.gaps]
    assert priorities == sorted(priorities, reverse=True)


def test_gaps_sorted_by_priority_then_treaty_order(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL))
    ids = [o.id for o in card.gaps]
    assert ids[0] == "ACTIP-18.1"
    assert ids.index("ACTIP-14.1") < ids.index("ACTIP-16.4")  # both 0.5: treaty order
    assert "ACTIP-14.5" not in ids  # full/full is no gap


def test_paper_compliance_at_half_a_scale(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL))
    paper = {o.id for o in card.paper_compliance}
    assert paper == {"ACTIP-5.1", "ACTIP-14.1", "ACTIP-16.4", "ACTIP-18.1"}  # differences 0.5 exactly count
    assert "paper-compliance" not in card.obligation("ACTIP-18.2").flags  # 0.25 apart


def test_chapter_is_weighted_mean_and_overall_mean_of_chapters(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL))
    iv = card.chapter("IV")
    # 14.1 mandatory 0.75, 14.4 qualified 0.5, 14.5 endeavour 1.0
    expected = (1.0 * 0.75 + 0.75 * 0.5 + 0.5 * 1.0) / (1.0 + 0.75 + 0.5)
    assert iv.output.value == pytest.approx(expected)
    chapters = [c.output.value for c in card.chapters]
    assert card.overall.output.value == pytest.approx(sum(chapters) / len(chapters))


def test_unknown_is_not_zero_and_lowers_coverage(mini_catalog: Catalog) -> None:
    base = score(mini_catalog, answers(FULL))
    ratings = dict(FULL)
    ratings["ACTIP-14.4"] = ("unknown", "unknown")
    card = score(mini_catalog, answers(ratings))
    iv = card.chapter("IV")
    expected = (1.0 * 0.75 + 0.5 * 1.0) / (1.0 + 0.5)
    assert iv.output.value == pytest.approx(expected)
    assert iv.coverage < base.chapter("IV").coverage
    assert card.obligation("ACTIP-14.4").flags == ("unknown",)
    assert card.obligation("ACTIP-14.4").priority is None
    assert [d.id for d in card.data_gaps] == ["ACTIP-14.4"]
    assert card.data_gaps[0].unknown == ("output", "outcome")


def test_not_applicable_leaves_coverage_denominator(mini_catalog: Catalog) -> None:
    ratings = dict(FULL)
    ratings["ACTIP-24.1"] = ("not-applicable", "not-applicable")
    card = score(mini_catalog, answers(ratings, note="why"))
    assert card.overall.coverage == 1.0
    assert card.overall.counts.not_applicable == 2
    assert "not-applicable" in card.obligation("ACTIP-24.1").flags
    assert card.chapter("VII").output.value is None


def test_relevant_if_skip_counts_as_not_applicable(mini_catalog: Catalog) -> None:
    ratings = dict(FULL)
    ratings["ACTIP-18.1"] = ("none", "none")
    del ratings["ACTIP-18.2"]
    card = score(mini_catalog, answers(ratings))
    o = card.obligation("ACTIP-18.2")
    assert o.output.status == o.outcome.status == "not-applicable"
    assert "ACTIP-18.1" in o.skipped_because
    assert card.overall.counts.unanswered == 0
    assert card.overall.coverage == 1.0


def test_relevant_if_unknown_condition_keeps_the_duty(mini_catalog: Catalog) -> None:
    ratings = dict(FULL)
    ratings["ACTIP-18.1"] = ("unknown", "unknown")
    card = score(mini_catalog, answers(ratings))
    assert card.obligation("ACTIP-18.2").output.status == "rated"


def test_partial_file_unanswered_chapters_are_no_data(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers({"ACTIP-14.1": ("substantial", "initial")}))
    assert card.chapter("II").output.value is None
    assert card.chapter("IV").output.value == pytest.approx(0.75 / 1.0)
    # Overall is the mean of chapters with data, not dragged down by unanswered chapters.
    assert card.overall.output.value == pytest.approx(0.75)
    assert card.overall.confidence == "low"
    assert card.overall.counts.unanswered == 14


def test_low_confidence_below_half(mini_catalog: Catalog) -> None:
    ratings = {k: v for k, v in list(FULL.items())[:4]}  # 4 of 8 duties: exactly 50%
    assert score(mini_catalog, answers(ratings)).overall.confidence == "sufficient"
    ratings = {k: v for k, v in list(FULL.items())[:3]}
    assert score(mini_catalog, answers(ratings)).overall.confidence == "low"


def test_bands() -> None:
    assert [band(v) for v in (0.0, 0.19, 0.2, 0.39, 0.4, 0.6, 0.79, 0.8, 1.0)] == [
        "negligible", "negligible", "low", "low", "moderate", "substantial", "substantial", "high", "high"]
    assert band(None) is None


def test_band_agrees_with_the_two_decimals_shown() -> None:
    assert [band(v) for v in (0.3974, 0.3949, 0.19951, 0.7951)] == ["moderate", "low", "low", "high"]


@pytest.mark.parametrize(("values", "direction", "expected"), [
    ({2019: 200, 2020: 150, 2021: 120}, "higher-is-better", "worsening"),
    ({2019: 120, 2020: 150, 2021: 200}, "higher-is-better", "improving"),
    ({2019: 120, 2020: 150, 2021: 140}, "higher-is-better", "flat"),
    ({2019: 120, 2020: 120}, "higher-is-better", "flat"),
    ({2019: 10, 2020: 8}, "lower-is-better", "improving"),
    ({2021: 5}, "higher-is-better", "insufficient-data"),
    ({}, "higher-is-better", "insufficient-data"),
    # only the last three values count: an old rise does not hide a recent fall
    ({2015: 10, 2016: 500, 2017: 400, 2018: 300}, "higher-is-better", "worsening"),
])
def test_trend(values: dict[int, float], direction: str, expected: str) -> None:
    assert trend(values, direction)[0] == expected


def test_worsening_outcome_series_is_a_gap_with_its_obligations(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL, {"investigations": {2019: 200, 2020: 150, 2021: 120}}))
    (s,) = card.series_gaps
    assert s.id == "investigations"
    assert set(s.obligations) == {"ACTIP-5.1", "ACTIP-16.4"}
    # ...and pulls the outcome level of the chapters it measures down (worsening = 0).
    plain = score(mini_catalog, answers(FULL))
    assert card.chapter("V").outcome.value < plain.chapter("V").outcome.value
    assert card.chapter("V").outcome.series == 1


def test_series_alone_give_no_outcome_level(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers({"ACTIP-14.1": ("full", "full")}, {"investigations": {2019: 200, 2020: 150}}))
    assert card.chapter("V").outcome.value is None


def test_impact_only_from_impact_series(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL))
    assert card.overall.impact.value is None
    assert card.overall.impact.expected == 1 and card.overall.impact.coverage == 0
    card = score(mini_catalog, answers(FULL, {"re-trafficked-victims": {2020: 30, 2021: 20, 2022: 10}}))
    assert card.overall.impact.value == 1.0
    assert card.chapter("IV").impact.value == 1.0
    # output and outcome are untouched by an impact series
    assert card.overall.outcome.value == score(mini_catalog, answers(FULL)).overall.outcome.value


def test_recommendations_a_and_b_always_attached(mini_catalog: Catalog) -> None:
    good = {k: ("full", "full") for k in FULL}
    card = score(mini_catalog, answers(good))
    ids = [r.id for r in card.recommendations]
    assert ids == ["thesis-a", "thesis-b"]
    assert all(r.always and r.answers == () for r in card.recommendations)
    card = score(mini_catalog, answers(FULL))
    a = next(r for r in card.recommendations if r.id == "thesis-a")
    b = next(r for r in card.recommendations if r.id == "thesis-b")
    assert a.answers == ("ACTIP-18.1",)
    assert b.answers == ("ACTIP-18.1", "ACTIP-18.2")
    assert a.original_text and a.source_location


def test_baseline_effect_and_deterioration(mini_catalog: Catalog) -> None:
    before = dict(FULL)
    before["ACTIP-14.1"] = ("partial", "partial")
    before["ACTIP-5.1"] = ("full", "partial")
    card = score(mini_catalog, answers(FULL), baseline=answers(before, period=2016))
    o = card.obligation("ACTIP-14.1")
    assert o.output.effect is not None and o.output.effect.value == pytest.approx(0.5)  # (3-2)/(4-2)
    assert o.outcome.effect is not None and o.outcome.effect.value == pytest.approx(-0.5)  # (1-2)/(4-2)
    assert "deterioration" in o.flags
    assert [d.id for d in card.deteriorations] == ["ACTIP-14.1"]
    no_room = card.obligation("ACTIP-5.1").output.effect
    assert no_room is not None and no_room.value is None and no_room.reason == "no room for improvement"
    assert card.baseline is not None and card.baseline.period == 2016


def test_baseline_equal_to_current_gives_zero(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL), baseline=answers(FULL))
    for area in (card.overall, *card.chapters):
        for level in ("output", "outcome"):
            e = area.level(level).effect
            assert e is not None
            assert e.value is None or e.value == pytest.approx(0.0)
    assert not card.deteriorations


def test_effect_function() -> None:
    assert effect(0.75, 0.5).value == pytest.approx(0.5)
    assert effect(1.0, 1.0).reason == "no room for improvement"
    assert effect(None, 0.5).reason == "not rated in both"


def test_reading() -> None:
    assert reading(0.9, 0.3) == "paper"
    assert reading(0.8, 0.7) == "effective"
    assert reading(0.1, 0.2) == "weak"
    assert reading(None, None) == "no-data"
    assert reading(0.5, None) == "law-only"


def test_fail_under_score_is_lower_of_output_and_outcome(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL))
    assert card.fail_under_score == min(card.overall.output.value or 0, card.overall.outcome.value or 0)
    assert score(mini_catalog, answers({})).fail_under_score is None


def test_card_carries_who_and_what(mini_catalog: Catalog) -> None:
    card = score(mini_catalog, answers(FULL))
    assert card.country_name == "Viet Nam"
    assert card.obligation_count == 8 and card.verified_count == mini_catalog.verified_count
    assert [c.id for c in card.chapters] == ["II", "IV", "V", "VI", "VII"]


def test_walk_and_report_rule_out_the_same_duties(mini_catalog) -> None:
    """relevant_if is one rule: what the walk does not ask, the report counts as not applicable."""
    from actip_cli import session
    from actip_cli.model import Answer, AnswerSet, ruled_out

    answers = AnswerSet("VNM", 2025, mini_catalog.version, {"ACTIP-18.1": Answer(de_jure="none", de_facto="none")})
    assert set(ruled_out(mini_catalog, answers.answers)) == {"ACTIP-18.2"}
    assert set(session.ruled_out(mini_catalog, answers.answers)) == {"ACTIP-18.2"}
    card = score(mini_catalog, answers)
    [o] = [o for o in card.obligations if o.id == "ACTIP-18.2"]
    assert "not-applicable" in o.flags
