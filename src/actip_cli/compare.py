"""`actip compare`: several assessments side by side (countries, or periods of one country).

Each file is scored by the same core as the gap report (`scoring.score`); this module only
lines the score cards up: per chapter the three Underdal levels and coverage, and the
obligations on which the assessments differ most. No scoring happens here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from actip_cli.errors import UsageProblem
from actip_cli.model import RATING_VALUE, AnswerSet, Catalog, ObligationId
from actip_cli.scoring import UNDERDAL_LEVELS, AreaScore, ObligationScore, ScoreCard, score

COMPARE_VERSION = 1
DEFAULT_TOP = 10


@dataclass(frozen=True)
class Column:
    """One assessment in the comparison."""

    label: str  # short and distinct: 'VNM', '2024', or 'VNM 2025'
    file: str
    card: ScoreCard


@dataclass(frozen=True)
class AreaRow:
    """The overall score or one chapter, across the assessments (one AreaScore per column)."""

    id: str
    title: str
    areas: tuple[AreaScore | None, ...]  # None: the chapter has no duty in that column's catalog

    def values(self, level: str) -> tuple[float | None, ...]:
        """The level's score per column."""
        return tuple(a.level(level).value if a else None for a in self.areas)

    def spread(self, level: str) -> float | None:
        """Highest minus lowest score at a level, over the columns that have one."""
        present = [v for v in self.values(level) if v is not None]
        return max(present) - min(present) if len(present) > 1 else None


@dataclass(frozen=True)
class Divergence:
    """An obligation rated differently across the assessments."""

    id: ObligationId
    citation: str
    title: str
    chapter: str
    scores: tuple[ObligationScore, ...]  # one per column
    spread: int  # largest difference in rating steps at one level
    level: str  # the level ('output' or 'outcome') with that spread

    def ratings(self, level: str) -> tuple[str | None, ...]:
        """The rating per column at 'output' or 'outcome'."""
        return tuple(s.level(level).rating for s in self.scores)


@dataclass(frozen=True)
class Comparison:
    """Everything `actip compare` shows."""

    columns: tuple[Column, ...]
    overall: AreaRow
    chapters: tuple[AreaRow, ...]
    divergences: tuple[Divergence, ...]  # largest spread first, at most `top`
    divergent_total: int  # how many obligations differ at all
    catalog_version: str
    what: str  # 'countries', 'periods' or 'assessments'
    warnings: tuple[str, ...] = ()

    @property
    def rows(self) -> tuple[AreaRow, ...]:
        """Overall first, then the chapters in treaty order."""
        return (self.overall, *self.chapters)


def labels(answer_sets: Sequence[tuple[str, AnswerSet]]) -> tuple[list[str], str]:
    """Short distinct column labels, and what varies between the files."""
    countries = {a.country for _, a in answer_sets}
    periods = {a.period for _, a in answer_sets}
    if len(periods) == 1 and len(countries) == len(answer_sets):
        return [a.country for _, a in answer_sets], "countries"
    if len(countries) == 1 and len(periods) == len(answer_sets):
        return [str(a.period) for _, a in answer_sets], "periods"
    base = [f"{a.country} {a.period}" for _, a in answer_sets]
    what = "assessments"
    # Same country and period twice (two respondents, or a draft and a final): a letter
    # each, so headers stay short; the legend says which file is which.
    counts = {b: base.count(b) for b in base}
    seen: dict[str, int] = {}
    unique = []
    for b in base:
        if counts[b] == 1:
            unique.append(b)
            continue
        seen[b] = seen.get(b, 0) + 1
        n = seen[b] - 1
        unique.append(b + (chr(ord("a") + n) if n < 26 else f"#{n + 1}"))
    return unique, what


def compare(catalog: Catalog, answer_sets: Sequence[tuple[str, AnswerSet]], *, top: int = DEFAULT_TOP) -> Comparison:
    """Score each assessment and line them up (pure: files are already read)."""
    if len(answer_sets) < 2:
        raise UsageProblem("compare needs at least two answers files", hint="e.g. actip compare vnm.yaml tha.yaml")
    if top < 0:
        raise UsageProblem("--top must be 0 or more")
    names, what = labels(answer_sets)
    columns = tuple(Column(label, file, score(catalog, a)) for label, (file, a) in zip(names, answer_sets, strict=True))
    warnings = []
    versions = sorted({a.catalog_version for _, a in answer_sets})
    if len(versions) > 1:
        warnings.append(f"the files were answered against different catalog versions ({', '.join(versions)}); "
                        f"all are scored with catalog {catalog.version}")
    overall = AreaRow("overall", "All chapters", tuple(c.card.overall for c in columns))
    chapter_ids = list(dict.fromkeys(ch.id for c in columns for ch in c.card.chapters))
    chapters = []
    for cid in chapter_ids:
        areas = tuple(next((ch for ch in c.card.chapters if ch.id == cid), None) for c in columns)
        title = next(a.title for a in areas if a is not None)
        chapters.append(AreaRow(cid, title, areas))

    order = {oid: i for i, oid in enumerate(catalog.obligations)}
    divergent: list[Divergence] = []
    for oid, o in catalog.obligations.items():
        scores = tuple(c.card.obligation(oid) for c in columns)
        best: tuple[int, str] = (0, "output")
        for level in ("output", "outcome"):
            rated = [RATING_VALUE[r] for s in scores if (r := s.level(level).rating) in RATING_VALUE]
            if len(rated) > 1 and max(rated) - min(rated) > best[0]:
                best = (max(rated) - min(rated), level)
        if best[0]:
            divergent.append(Divergence(oid, o.citation, o.title, o.chapter, scores, best[0], best[1]))
    divergent.sort(key=lambda d: (-d.spread, -max((s.priority or 0.0) for s in d.scores), order[d.id]))
    return Comparison(
        columns=columns,
        overall=overall,
        chapters=tuple(chapters),
        divergences=tuple(divergent[:top]),
        divergent_total=len(divergent),
        catalog_version=catalog.version,
        what=what,
        warnings=tuple(warnings),
    )


LEVELS: tuple[str, ...] = UNDERDAL_LEVELS

__all__ = ["COMPARE_VERSION", "DEFAULT_TOP", "LEVELS", "AreaRow", "Column", "Comparison", "Divergence", "compare", "labels"]
