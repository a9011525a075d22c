"""`actip diff OLD NEW`: what changed between two rounds of one country's assessment.

Both files are scored with the same scoring core as the gap report, so "gap" means here
what it means there. Obligation IDs never change meaning, so answers are matched by ID;
where the catalog itself changed between the two files' catalog versions (an obligation
added, or retired and replaced), the diff says so instead of reporting a new gap that is
really a new question, or a closed gap that is really a withdrawn one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actip_cli import answers as answers_io
from actip_cli import yamlio
from actip_cli.answers import version_tuple
from actip_cli.catalog import obligation_sort_key
from actip_cli.errors import DataProblem, FileProblem, Problem, UsageProblem
from actip_cli.model import (
    LEVELS,
    RATING_VALUE,
    Answer,
    AnswerSet,
    Catalog,
    Level,
    ObligationId,
    Retired,
)

DIFF_VERSION = 1
LEVEL_WORDS: dict[str, str] = {"de_jure": "in law", "de_facto": "in practice"}
_UNDERDAL = {"de_jure": "output", "de_facto": "outcome"}

# The sections of a diff, in the order a reader wants them; an obligation's `tags` are
# drawn from these keys.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("gap-closed", "Gaps closed"),
    ("new-gap", "New gaps"),
    ("regressed", "Regressed"),
    ("improved", "Improved"),
    ("newly-unknown", "Newly unknown"),
    ("newly-answered", "Newly answered"),
    ("no-longer-answered", "No longer answered"),
    ("applicability", "Applicability changed"),
    ("evidence", "Evidence added or removed"),
)


# --------------------------------------------------------------------------- catalog changes


@dataclass(frozen=True)
class CatalogChanges:
    """Obligations added to or retired from the catalog between two catalog versions."""

    old_version: str
    new_version: str
    added: tuple[tuple[ObligationId, str], ...] = ()  # (ID, version that added it)
    retired: tuple[Retired, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.retired)

    @property
    def added_ids(self) -> frozenset[ObligationId]:
        """The IDs added between the two versions."""
        return frozenset(oid for oid, _ in self.added)

    def summary(self) -> str:
        """'ACTIP-14.6 was added (2027.1); ACTIP-14.2 was retired (2027.1)'."""
        parts = [f"{oid} was added ({v})" for oid, v in self.added]
        parts += [f"{r.id} was retired ({r.since})" for r in self.retired]
        return "; ".join(parts) if parts else "no obligation was added or retired"


def catalog_changes(catalog: Catalog, old_version: str, new_version: str) -> CatalogChanges:
    """What the catalog's `history` and `retired` lists record between two versions.

    Versions compare numerically part by part (2026.11 < 2026.12 < 2027.1); the order of
    the two arguments does not matter for what is found, only for how it is labelled.
    """
    low, high = sorted((old_version, new_version), key=version_tuple)
    lo, hi = version_tuple(low), version_tuple(high)
    added = tuple(
        (oid, v)
        for v, ids in sorted(catalog.history, key=lambda h: version_tuple(h[0]))
        if lo < version_tuple(v) <= hi
        for oid in sorted(ids, key=obligation_sort_key)
    )
    retired = tuple(
        sorted((r for r in catalog.retired if lo < version_tuple(r.since) <= hi), key=lambda r: obligation_sort_key(r.id))
    )
    return CatalogChanges(old_version, new_version, added, retired)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Round:
    """One assessment read for a diff: its answers, and its answers to since-retired IDs."""

    file: str
    answers: AnswerSet
    retired_answers: dict[ObligationId, Answer] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()


def read_round(path: Path, catalog: Catalog) -> Round:
    """Read and check one answers file; keep what it said about IDs retired since."""
    doc = yamlio.load(path)
    if not answers_io.is_answers_document(doc.data):
        raise DataProblem("not an answers file: it has no 'actip_answers:' key", location=doc.locate(()))
    result = answers_io.check_document(doc, catalog)
    errors = result.errors
    if errors or result.answers is None:
        first = errors[0]
        more = f" (and {len(errors) - 1} more; 'actip validate {path}' lists them)" if len(errors) > 1 else ""
        cls = FileProblem if first.rule == "read" else DataProblem
        raise cls(first.message + more, location=first.location)
    retired_ids = {r.id for r in catalog.retired}
    raw: dict[str, Any] = doc.data.get("answers", {})
    kept = {
        ObligationId(oid): Answer(a.get("de_jure"), a.get("de_facto"), tuple(a.get("evidence", [])), a.get("grade"), a.get("note", ""))
        for oid, a in raw.items()
        if oid in retired_ids
    }
    return Round(str(path), result.answers, kept, tuple(p for p in result.problems if p.severity != "error"))


# --------------------------------------------------------------------------- the diff


@dataclass(frozen=True)
class LevelChange:
    """One level of one obligation in both rounds."""

    level: Level
    old: str | None
    new: str | None

    @property
    def steps(self) -> int | None:
        """Rating steps gained (negative: lost); None unless both rounds gave a score."""
        if self.old in RATING_VALUE and self.new in RATING_VALUE:
            return RATING_VALUE[self.new] - RATING_VALUE[self.old]  # type: ignore[index]
        return None

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class ObligationChange:
    """How one obligation moved between the rounds; `tags` name the diff sections it is in."""

    id: ObligationId
    title: str
    citation: str
    chapter: str
    levels: tuple[LevelChange, ...]
    tags: tuple[str, ...]
    old_gap: bool
    new_gap: bool
    priority: float | None
    evidence_added: tuple[str, ...] = ()
    evidence_removed: tuple[str, ...] = ()
    old_note: str = ""
    new_note: str = ""
    new_disputed: bool = False  # NEW is a merged file whose respondents disagree on this duty


@dataclass(frozen=True)
class SeriesChange:
    """An indicator series in both rounds."""

    id: str
    name: str
    unit: str
    added: tuple[tuple[int, float], ...]
    removed: tuple[tuple[int, float], ...]
    revised: tuple[tuple[int, float, float], ...]  # (year, old, new)
    old_trend: str | None
    new_trend: str | None

    @property
    def extended(self) -> bool:
        """The new round reports years after the old round's last year."""
        return bool(self.added)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.revised)


@dataclass(frozen=True)
class RetiredAnswer:
    """An obligation retired between the two versions, and what each round said."""

    retired: Retired
    old: Answer | None
    new: Answer | None
    replacements: tuple[tuple[ObligationId, Answer | None], ...]  # replacement ID and NEW's answer


@dataclass(frozen=True)
class AddedAnswer:
    """An obligation added between the two versions, and NEW's answer to it."""

    id: ObligationId
    since: str
    title: str
    new: Answer | None
    new_gap: bool


@dataclass(frozen=True)
class ScoreMove:
    """An area's score at one Underdal level in both rounds."""

    area: str
    title: str
    level: str
    old: float | None
    new: float | None


@dataclass(frozen=True)
class Diff:
    """Everything that changed between two rounds."""

    country: str
    country_name: str
    old_file: str
    new_file: str
    old_period: int
    new_period: int
    old_catalog: str
    new_catalog: str
    catalog_in_use: str
    obligations: tuple[ObligationChange, ...]  # every obligation with a change, treaty order
    series: tuple[SeriesChange, ...]
    catalog: CatalogChanges
    added: tuple[AddedAnswer, ...]
    retired: tuple[RetiredAnswer, ...]
    scores: tuple[ScoreMove, ...]
    warnings: tuple[str, ...] = ()

    def section(self, tag: str) -> tuple[ObligationChange, ...]:
        """The obligations in one section, most important first (new-gap: by priority)."""
        found = [o for o in self.obligations if tag in o.tags]
        if tag in ("new-gap", "regressed"):
            found.sort(key=lambda o: -(o.priority or 0.0))
        return tuple(found)

    def count(self, tag: str) -> int:
        """How many obligations are in a section."""
        return sum(1 for o in self.obligations if tag in o.tags)

    @property
    def disputed(self) -> int:
        """Changed ratings on duties that NEW's respondents disagree on (a merge conflict)."""
        return sum(1 for o in self.obligations if o.new_disputed and any(lc.changed for lc in o.levels))

    @property
    def extended_series(self) -> tuple[SeriesChange, ...]:
        """Series the new round carries further."""
        return tuple(s for s in self.series if s.extended)

    @property
    def empty(self) -> bool:
        """Nothing changed at all."""
        return not (self.obligations or any(s.changed for s in self.series) or self.catalog)


def diff(catalog: Catalog, old: Round, new: Round) -> Diff:
    """Compare two rounds of one country (pure: both are already read)."""
    from actip_cli.scoring import score, trend

    a, b = old.answers, new.answers
    if a.country != b.country:
        raise UsageProblem(
            f"{old.file} is for {a.country} and {new.file} for {b.country}; a diff compares two rounds of one country",
            hint="use 'actip compare' to put countries side by side",
        )
    warnings: list[str] = []
    if b.period < a.period:
        warnings.append(f"NEW ({new.file}, {b.period}) is earlier than OLD ({old.file}, {a.period}); did you swap them?")
    changes = catalog_changes(catalog, a.catalog_version, b.catalog_version)
    if version_tuple(a.catalog_version) > version_tuple(b.catalog_version):
        warnings.append(f"OLD was answered against a newer catalog ({a.catalog_version}) than NEW ({b.catalog_version})")
    card_old, card_new = score(catalog, a), score(catalog, b)
    added_ids = changes.added_ids

    obligations: list[ObligationChange] = []
    for oid, ob in catalog.obligations.items():
        so, sn = card_old.obligation(oid), card_new.obligation(oid)
        ao, an = a.answers.get(oid), b.answers.get(oid)
        levels = tuple(LevelChange(lv, ao.rating(lv) if ao else None, an.rating(lv) if an else None) for lv in LEVELS)
        tags = _tags(levels, so.is_gap, sn.is_gap, sn.gap_size is not None, oid in added_ids,
                     skipped_changed=bool(so.skipped_because) != bool(sn.skipped_because))
        ev_old, ev_new = (ao.evidence if ao else ()), (an.evidence if an else ())
        ev_added, ev_removed = _minus(ev_new, ev_old), _minus(ev_old, ev_new)
        if ev_added or ev_removed:
            tags.append("evidence")
        if tags:
            obligations.append(ObligationChange(
                id=oid, title=ob.title, citation=ob.citation, chapter=ob.chapter, levels=levels, tags=tuple(tags),
                old_gap=so.is_gap, new_gap=sn.is_gap, priority=sn.priority,
                evidence_added=ev_added, evidence_removed=ev_removed,
                old_note=ao.note if ao else "", new_note=an.note if an else "",
                new_disputed=bool(an and an.agreement == "conflict"),
            ))

    series: list[SeriesChange] = []
    for sid in dict.fromkeys([*a.indicators, *b.indicators]):
        vo, vn = a.indicators.get(sid, {}), b.indicators.get(sid, {})
        ind = catalog.indicators.get(sid)
        direction = ind.direction if ind else "higher-is-better"
        series.append(SeriesChange(
            id=sid, name=ind.name if ind else sid, unit=ind.unit if ind else "",
            added=tuple((y, v) for y, v in sorted(vn.items()) if y not in vo),
            removed=tuple((y, v) for y, v in sorted(vo.items()) if y not in vn),
            revised=tuple((y, vo[y], v) for y, v in sorted(vn.items()) if y in vo and vo[y] != v),
            old_trend=trend(vo, direction)[0] if vo else None,
            new_trend=trend(vn, direction)[0] if vn else None,
        ))

    added = tuple(
        AddedAnswer(oid, since, catalog.obligations[oid].title if oid in catalog.obligations else oid,
                    b.answers.get(oid), card_new.obligation(oid).is_gap if oid in catalog.obligations else False)
        for oid, since in changes.added
    )
    retired = tuple(
        RetiredAnswer(
            r,
            old.retired_answers.get(r.id),
            new.retired_answers.get(r.id),
            tuple((rid, b.answers.get(rid)) for rid in r.replaced_by),
        )
        for r in changes.retired
    )
    scores = tuple(
        ScoreMove(area_new.id, area_new.title, level, area_old.level(level).value, area_new.level(level).value)
        for area_old, area_new in [(card_old.overall, card_new.overall), *zip(card_old.chapters, card_new.chapters, strict=True)]
        for level in ("output", "outcome", "impact")
        if area_old.level(level).value is not None or area_new.level(level).value is not None
    )
    country = catalog.country(b.country)
    return Diff(
        country=b.country, country_name=country.name if country else b.country,
        old_file=old.file, new_file=new.file, old_period=a.period, new_period=b.period,
        old_catalog=a.catalog_version, new_catalog=b.catalog_version, catalog_in_use=catalog.version,
        obligations=tuple(sorted(obligations, key=lambda o: obligation_sort_key(o.id))),
        series=tuple(series), catalog=changes, added=added, retired=retired, scores=scores,
        warnings=tuple(warnings),
    )


def _tags(levels: tuple[LevelChange, ...], old_gap: bool, new_gap: bool, new_rated: bool, added: bool,
          *, skipped_changed: bool) -> list[str]:
    tags: list[str] = []
    steps = [lc.steps for lc in levels if lc.steps is not None]
    old_rated = any(lc.old in RATING_VALUE for lc in levels)
    if old_gap and not new_gap and new_rated:
        tags.append("gap-closed")
    elif new_gap and not old_gap and not added:
        tags.append("new-gap")
    elif any(s < 0 for s in steps):
        tags.append("regressed")
    elif any(s > 0 for s in steps):
        tags.append("improved")
    if any(lc.old in RATING_VALUE and lc.new == "unknown" for lc in levels):
        tags.append("newly-unknown")
    if not old_rated and new_rated and not added and "new-gap" not in tags:
        tags.append("newly-answered")
    if all(lc.new is None for lc in levels) and any(lc.old is not None for lc in levels):
        tags.append("no-longer-answered")
    if skipped_changed or any(lc.changed and "not-applicable" in (lc.old, lc.new) for lc in levels):
        tags.append("applicability")
    return tags


def _minus(items: Iterable[str], other: Iterable[str]) -> tuple[str, ...]:
    """Items not in `other`, ignoring spacing and case."""
    have = {" ".join(x.split()).casefold() for x in other}
    return tuple(x for x in items if " ".join(x.split()).casefold() not in have)


def level_word(level: str) -> str:
    """'in law (output)' or 'in practice (outcome)'."""
    return f"{LEVEL_WORDS[level]} ({_UNDERDAL[level]})"


__all__ = [
    "DIFF_VERSION",
    "SECTIONS",
    "CatalogChanges",
    "Diff",
    "LevelChange",
    "ObligationChange",
    "Round",
    "SeriesChange",
    "catalog_changes",
    "diff",
    "read_round",
]
