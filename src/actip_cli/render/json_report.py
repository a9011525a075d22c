"""The gap report as JSON (contracts.md section 5; `actip schema report` describes it).

Scores are rounded to four decimals so that a report is stable across platforms and
diffs stay readable. Text is passed through as given: JSON escaping makes it inert, and
consumers may need the exact wording (only terminal control characters are removed).

Languages: keys, IDs and keywords (ratings, flags, bands, trends, readings, verbs) are the
same in every language, so a program reads a Vietnamese report as it reads an English one;
human text from the catalog (titles, recommendation text, indicator names and units, the
country's name, reasons) is in the report's language, named by `language`. The fixed labels
(`baseline.label`, `paper_compliance.label`, `method.fail_under`) are constants of the
schema and stay English, and numbers are JSON numbers, in every language.
"""

from __future__ import annotations

from typing import Any

from actip_cli.render import json_text
from actip_cli.i18n import active_language
from actip_cli.render.report_text import GROSS_LABEL, METHOD_DOC, PAPER_WORDS, plain
from actip_cli.scoring import (
    BANDS,
    GAP_BELOW,
    LOW_CONFIDENCE_BELOW,
    PAPER_COMPLIANCE_GAP,
    TREND_VALUE,
    TREND_WINDOW,
    AreaScore,
    Effect,
    IndicatorTrend,
    LevelScore,
    ObligationScore,
    RecommendationResult,
    ScoreCard,
)

DIGITS = 4


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


def _s(text: str) -> str:
    return plain(text, keep_newlines=True)


def _effect(e: Effect | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"value": _r(e.value), "baseline": _r(e.baseline), "current": _r(e.current),
            "deterioration": e.deterioration, "reason": e.reason or None}


def _level(level: LevelScore, with_effect: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"value": _r(level.value), "band": level.band, "rated": level.rated, "expected": level.expected,
                           "coverage": _r(level.coverage), "series": level.series}
    if with_effect:
        out["effect"] = _effect(level.effect)
    return out


def _area(area: AreaScore, with_effect: bool) -> dict[str, Any]:
    c = area.counts
    return {
        "id": area.id, "title": _s(area.title),
        "output": _level(area.output, with_effect),
        "outcome": _level(area.outcome, with_effect),
        "impact": _level(area.impact, False),
        "coverage": _r(area.coverage), "confidence": area.confidence,
        "counts": {"pairs": c.pairs, "rated": c.rated, "unknown": c.unknown, "not_applicable": c.not_applicable, "unanswered": c.unanswered},
        "reading": area.reading,
        "obligations": list(area.obligations),
    }


def _obligation(o: ObligationScore, with_effect: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": o.id, "chapter": o.chapter, "article": o.article, "paragraph": o.paragraph, "citation": o.citation,
        "title": _s(o.title), "modality": o.modality, "qualifier": _s(o.qualifier) or None, "weight": o.weight,
        "verification": o.verification,
        "de_jure": o.output.rating, "de_facto": o.outcome.rating,
        "output": _r(o.output.attainment), "outcome": _r(o.outcome.attainment),
        "status": {"output": o.output.status, "outcome": o.outcome.status},
        "gap_size": _r(o.gap_size), "priority": _r(o.priority), "flags": list(o.flags),
        "recommendation": {"verb": o.recommendation_verb, "text": _s(o.recommendation_text)} if o.recommendation_text else None,
        "recommendations": list(o.recommendations), "indicators": list(o.indicators),
        "evidence": [_s(e) for e in o.evidence], "grade": o.grade, "note": _s(o.note) or None,
        "not_applicable_because": _s(o.skipped_because) or None,
    }
    if with_effect:
        out["baseline"] = {
            "de_jure": o.output.baseline_rating, "de_facto": o.outcome.baseline_rating,
            "effect": {"output": _effect(o.output.effect), "outcome": _effect(o.outcome.effect)},
        }
    return out


def _indicator(s: IndicatorTrend) -> dict[str, Any]:
    return {
        "id": s.id, "name": _s(s.name), "unit": _s(s.unit), "level": s.level, "direction": s.direction,
        "values": [{"year": y, "value": int(v) if float(v).is_integer() else v} for y, v in s.values],
        "trend": s.trend, "window": list(s.window), "value": _r(s.value), "gap": s.is_gap,
        "obligations": list(s.obligations), "chapters": list(s.chapters), "caveat": _s(s.caveat) or None,
    }


def _recommendation(r: RecommendationResult) -> dict[str, Any]:
    return {
        "id": r.id, "label": _s(r.label), "verb": r.verb, "theme": _s(r.theme), "text": _s(r.text),
        "original": {"lang": r.original_lang, "text": _s(r.original_text)} if r.original_text else None,
        "source": {"work": _s(r.source_work), "location": _s(r.source_location)} if r.source_work else None,
        "always": r.always, "obligations": list(r.answers), "series": list(r.series),
    }


def report_data(card: ScoreCard) -> dict[str, Any]:
    """The report as JSON-ready data, in the documented key order."""
    with_effect = card.baseline is not None
    assessor = None
    if card.assessor_name or card.assessor_organisation or card.assessment_date:
        assessor = {"name": _s(card.assessor_name) or None, "organisation": _s(card.assessor_organisation) or None,
                    "date": card.assessment_date or None}
    return {
        "report_version": card.report_version,
        "country": card.country,
        "country_name": _s(card.country_name),
        "period": card.period,
        "catalog_version": card.catalog_version,
        "answers_catalog_version": card.answers_catalog_version,
        "language": active_language(),
        "catalog": {"title": _s(card.catalog_title), "obligations": card.obligation_count, "verified": card.verified_count},
        "illustrative": _s(card.illustrative) or None,
        "assessor": assessor,
        "respondent": _s(card.respondent) or None,
        "merged_from": [_s(m) for m in card.merged_from],
        "baseline": {"period": card.baseline.period, "catalog_version": card.baseline.catalog_version, "label": GROSS_LABEL}
        if card.baseline else None,
        "scores": {
            "overall": _area(card.overall, with_effect),
            "chapters": [_area(c, with_effect) for c in card.chapters],
            "fail_under": _r(card.fail_under_score),
        },
        "obligations": [_obligation(o, with_effect) for o in card.obligations],
        "gaps": [o.id for o in card.gaps],
        "paper_compliance": {"label": PAPER_WORDS, "obligations": [o.id for o in card.paper_compliance]},
        "indicators": [_indicator(s) for s in card.indicators],
        "missing_series": [{"id": m.id, "name": _s(m.name), "level": m.level} for m in card.missing_series],
        "recommendations": [_recommendation(r) for r in card.recommendations],
        "data_gaps": [{"id": d.id, "unknown": list(d.unknown), "unanswered": list(d.unanswered)} for d in card.data_gaps],
        "method": {
            "document": METHOD_DOC,
            "weights": {m.name: m.weight for m in card.modalities},
            "bands": [{"from": lower, "band": name} for lower, name in reversed(BANDS)],
            "paper_compliance_at": PAPER_COMPLIANCE_GAP,
            "gap_below": GAP_BELOW,
            "low_confidence_below": LOW_CONFIDENCE_BELOW,
            "trend_window": TREND_WINDOW,
            "trend_values": dict(TREND_VALUE),
            "fail_under": "the lower of the overall output and outcome levels",
        },
    }


def render_text(card: ScoreCard) -> str:
    """The report as pretty-printed JSON text."""
    return json_text(report_data(card))
