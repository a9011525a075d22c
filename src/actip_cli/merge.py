"""`actip merge`: several respondents' answers files for one country and period, made one.

In treaty monitoring a focal point collects answers from ministries and NGOs; in a workshop
a trainer collects them from participants. This module combines those files so that
nothing anyone said is lost:

- every merged answer keeps, in `provenance`, what each respondent said;
- where respondents disagree the merged rating follows a stated rule and the answer is
  marked `conflict`, so the report and the focal point can see it;
- evidence is united, notes are kept per respondent, indicator values that differ are
  merged by a stated rule and listed.

The rules (also in docs/workshop.md):

- Per level, `unknown` is an abstention: it never outvotes a rating and is no disagreement.
- `not-applicable` beside a scored rating is a disagreement (is the duty ours at all?);
  the merged rating then comes from the scored ratings, so a duty is not excused on one
  respondent's word.
- cautious (default): the lowest scored rating.
- median: the median of the scored ratings; with an even count, the lower of the two
  middle ratings (the cautious side, and always a real rating, never a half step).
- The evidence grade of a merged answer is the weakest any respondent gave (C < B < A).
- Indicator values for the same series and year that differ: cautious takes the value
  that paints the less favourable picture (the lower one for a higher-is-better series, the
  higher one for lower-is-better); median takes the median, and with an even count the
  less favourable of the two middle values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actip_cli import answers as answers_io
from actip_cli.answers import version_tuple
from actip_cli.catalog import obligation_sort_key
from actip_cli.errors import Problem, UsageProblem
from actip_cli.i18n import _
from actip_cli.model import (
    LEVELS,
    RATING_VALUE,
    RATINGS,
    Answer,
    AnswerSet,
    Catalog,
    Level,
    ObligationId,
    Provenance,
)

RULES: tuple[str, ...] = ("cautious", "median")
LEVEL_WORDS: dict[str, str] = {"de_jure": "in law", "de_facto": "in practice"}
_GRADE_STRENGTH = {"A": 3, "B": 2, "C": 1}
# Limits of the answers schema; a merged file must stay a valid answers file.
_MAX_NOTE = 4000
_MAX_RESPONDENT = 300
_MAX_FILE = 1000
_MAX_ILLUSTRATIVE = 2000
_NAMES_SHOWN = 3


@dataclass(frozen=True)
class Source:
    """One answers file going into a merge, as the user named it."""

    file: str
    answers: AnswerSet

    @property
    def respondent(self) -> str:
        """Who answered: the file's `respondent`, else the assessor's organisation or name
        (what `actip assess` asks first), else the file name without the extension."""
        a = self.answers
        who = a.assessor.organisation or a.assessor.name if a.assessor else ""
        return a.respondent or who or Path(self.file).stem or self.file


@dataclass(frozen=True)
class LevelSplit:
    """What respondents said at one level (de_jure or de_facto) of one duty."""

    level: Level
    merged: str | None
    given: tuple[tuple[str, str], ...]  # (respondent, rating) for each who rated this level
    spread: int  # steps between the highest and the lowest scored rating; 0 if fewer than two
    applicability_disputed: bool  # someone said not-applicable, someone else gave a rating

    @property
    def disagrees(self) -> bool:
        """Respondents gave different answers here (unknown is an abstention, not a view)."""
        return self.spread > 0 or self.applicability_disputed

    def by_rating(self) -> list[tuple[str, list[str]]]:
        """Respondents grouped by the rating they gave, highest rating first."""
        return by_rating(self.given)


def given_at(level: Level, said: Sequence[Provenance]) -> tuple[tuple[str, str], ...]:
    """(respondent, rating) for each respondent who rated this level."""
    return tuple((p.respondent, r) for p in said if (r := (p.de_jure if level == "de_jure" else p.de_facto)) is not None)


def by_rating(given: Sequence[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """Respondents grouped by the rating they gave, highest rating first."""
    groups: dict[str, list[str]] = {}
    for respondent, rating in given:
        groups.setdefault(rating, []).append(respondent)
    order = {r: -RATING_VALUE[r] if r in RATING_VALUE else 10 + len(r) for r in groups}
    return sorted(groups.items(), key=lambda item: order[item[0]])


@dataclass(frozen=True)
class Conflict:
    """A duty on which respondents disagree: the focal point's agenda."""

    obligation: ObligationId
    levels: tuple[LevelSplit, ...]
    merged: Answer

    @property
    def spread(self) -> int:
        """The largest spread over the two levels, in rating steps."""
        return max(s.spread for s in self.levels)

    @property
    def applicability_disputed(self) -> bool:
        """Someone says the duty does not apply while someone else rated it."""
        return any(s.applicability_disputed for s in self.levels)

    @property
    def settle_first(self) -> bool:
        """Two or more steps apart, or disputed applicability: settle these in the room."""
        return self.spread >= 2 or self.applicability_disputed

    @property
    def provenance(self) -> tuple[Provenance, ...]:
        """What each respondent said."""
        return self.merged.provenance


@dataclass(frozen=True)
class IndicatorConflict:
    """Respondents reported different values for the same series and year."""

    series: str
    year: int
    values: tuple[tuple[str, float], ...]
    merged: float


@dataclass(frozen=True)
class MergeResult:
    """The merged answers and everything a focal point needs to settle them."""

    merged: AnswerSet
    rule: str
    respondents: tuple[tuple[str, str], ...]  # (respondent, file) in command-line order
    conflicts: tuple[Conflict, ...]  # settle-first ones first, then by spread, then treaty order
    indicator_conflicts: tuple[IndicatorConflict, ...]
    agreed: int
    single_source: int
    warnings: tuple[str, ...] = field(default=())

    @property
    def settle_first(self) -> tuple[Conflict, ...]:
        """The conflicts to settle first."""
        return tuple(c for c in self.conflicts if c.settle_first)


@dataclass
class SourcesCheck:
    """Answers files read for a merge, and every problem found in them."""

    sources: list[Source]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity error."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def bad_files(self) -> list[str]:
        """Files with at least one error, in the order given."""
        return list(dict.fromkeys(p.path for p in self.errors))


def read_sources(paths: Sequence[Path], catalog: Catalog) -> SourcesCheck:
    """Read and check every file (schema and catalog rules), collecting all problems."""
    seen: dict[Path, str] = {}
    for path in paths:
        key = path.resolve()
        if key in seen:
            raise UsageProblem(_("{path} is given twice (also as {other}); give each file once").format(path=path, other=seen[key]))
        seen[key] = str(path)
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in paths:
        result = answers_io.check_file(path, catalog)
        problems.extend(result.problems)
        if result.answers is not None and not result.errors:
            sources.append(Source(str(path), result.answers))
    return SourcesCheck(sources, problems)


def merge(catalog: Catalog, sources: Sequence[Source], rule: str = "cautious") -> MergeResult:
    """Merge checked answers files into one answer set (pure: no files are read or written)."""
    if rule not in RULES:
        raise UsageProblem(_("unknown merge rule '{rule}'").format(rule=rule), hint=_("use one of: {rules}").format(rules=", ".join(RULES)))
    if not sources:
        raise UsageProblem(_("nothing to merge"), hint=_("give the answers files to merge"))
    check_compatible(catalog, sources)
    labels = respondent_labels(sources)
    warnings: list[str] = []
    said: dict[ObligationId, list[Provenance]] = {}
    reported: dict[str, dict[int, list[tuple[str, float]]]] = {}
    for source, label in zip(sources, labels, strict=True):
        if source.answers.merged_from:
            warnings.append(_(
                "{file} is itself a merged file ({count} respondents); it counts as one respondent, '{label}'. "
                "Merge the original files instead to keep each respondent's provenance."
            ).format(file=source.file, count=len(source.answers.merged_from), label=label))
        if not source.answers.answers and not source.answers.indicators:
            warnings.append(_("{file} ({label}) holds no answers").format(file=source.file, label=label))
        for oid, a in source.answers.answers.items():
            if a.de_jure is None and a.de_facto is None and not (a.evidence or a.grade or a.note):
                continue  # a blank entry (`{}` from actip init): this respondent said nothing on the duty
            said.setdefault(oid, []).append(Provenance(label, a.de_jure, a.de_facto, a.evidence, a.grade, a.note))
        for series, values in source.answers.indicators.items():
            years = reported.setdefault(series, {})
            for year, value in values.items():
                years.setdefault(year, []).append((label, value))

    merged_answers: dict[ObligationId, Answer] = {}
    conflicts: list[Conflict] = []
    agreed = single = 0
    for oid in sorted(said, key=obligation_sort_key):
        answer, splits = merge_answer(said[oid], rule)
        merged_answers[oid] = answer
        if answer.agreement == "single-source":
            single += 1
        elif answer.agreement == "agreed":
            agreed += 1
        else:
            conflicts.append(Conflict(oid, splits, answer))
    conflicts.sort(key=lambda c: (not c.settle_first, -c.spread, obligation_sort_key(c.obligation)))

    series_order = {sid: i for i, sid in enumerate(catalog.indicators)}
    indicators: dict[str, dict[int, float]] = {}
    indicator_conflicts: list[IndicatorConflict] = []
    for series in sorted(reported, key=lambda s: (series_order.get(s, len(series_order)), s)):
        direction = catalog.indicators[series].direction if series in catalog.indicators else "higher-is-better"
        indicators[series] = {}
        for year in sorted(reported[series]):
            values = reported[series][year]
            value = merge_values([v for _, v in values], rule, direction)
            indicators[series][year] = value
            if len({v for _, v in values}) > 1:
                indicator_conflicts.append(IndicatorConflict(series, year, tuple(values), value))

    first = sources[0].answers
    version = max((s.answers.catalog_version for s in sources), key=version_tuple)
    illustrative = "; ".join(dict.fromkeys(s.answers.illustrative for s in sources if s.answers.illustrative))
    respondents = tuple((label, _shorten(source.file, _MAX_FILE)) for source, label in zip(sources, labels, strict=True))
    merged = AnswerSet(
        country=first.country,
        period=first.period,
        catalog_version=version,
        answers=merged_answers,
        indicators=indicators,
        illustrative=_shorten(illustrative, _MAX_ILLUSTRATIVE),
        merged_from=respondents,
        merge_rule=rule,
    )
    return MergeResult(
        merged=merged,
        rule=rule,
        respondents=respondents,
        conflicts=tuple(conflicts),
        indicator_conflicts=tuple(indicator_conflicts),
        agreed=agreed,
        single_source=single,
        warnings=tuple(warnings),
    )


def check_compatible(catalog: Catalog, sources: Sequence[Source]) -> None:
    """Refuse files for different countries, periods, or catalog versions whose duties differ."""
    from actip_cli.diff import catalog_changes

    for message, key, hint in (
        (_("cannot merge files for different countries: {groups}"), lambda s: s.answers.country,
         _("merge each country's files separately; 'actip compare' puts countries side by side")),
        (_("cannot merge files for different periods: {groups}"), lambda s: str(s.answers.period),
         _("merge each period separately; 'actip diff OLD NEW' shows what changed between rounds")),
    ):
        groups = _group(sources, key)
        if len(groups) > 1:
            raise UsageProblem(message.format(groups=_describe_groups(groups)), hint=hint)
    groups = _group(sources, lambda s: s.answers.catalog_version)
    if len(groups) > 1:
        lowest = min(groups, key=version_tuple)
        highest = max(groups, key=version_tuple)
        changes = catalog_changes(catalog, lowest, highest)
        if changes:
            raise UsageProblem(
                _("cannot merge answers given against catalog versions with different obligations: {groups}; "
                  "between {lowest} and {highest}: {changes}").format(
                    groups=_describe_groups(groups, prefix="catalog "), lowest=lowest, highest=highest, changes=changes.summary()),
                hint=_("bring the older files up to catalog {highest} first (answer the new obligations, then set "
                       "'catalog: {{version: \"{highest}\"}}'), or merge each version separately").format(highest=highest),
            )


def respondent_labels(sources: Sequence[Source]) -> list[str]:
    """A distinct name per file: its respondent, told apart by file name when two share one."""
    names = [_shorten(s.respondent, _MAX_RESPONDENT) for s in sources]
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    labels = [
        name if counts[name] == 1 else _shorten(f"{name} ({Path(s.file).name})", _MAX_RESPONDENT)
        for name, s in zip(names, sources, strict=True)
    ]
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else _shorten(label, _MAX_RESPONDENT - 6) + f" #{seen[label]}")
    return unique


def merge_answer(said: Sequence[Provenance], rule: str) -> tuple[Answer, tuple[LevelSplit, ...]]:
    """One duty's merged answer from what each respondent said, and the split per level."""
    splits = tuple(_split(level, said, rule) for level in LEVELS)
    if len(said) == 1:
        p = said[0]  # taken as is
        return Answer(p.de_jure, p.de_facto, p.evidence, p.grade, p.note, "single-source", (p,)), splits
    conflict = any(s.disagrees for s in splits)
    grades = [p.grade for p in said if p.grade]
    answer = Answer(
        de_jure=splits[0].merged,
        de_facto=splits[1].merged,
        evidence=unite(p.evidence for p in said),
        grade=min(grades, key=lambda g: _GRADE_STRENGTH[g]) if grades else None,
        note=merged_note(said, splits, rule),
        agreement="conflict" if conflict else "agreed",
        provenance=tuple(said),
    )
    return answer, splits


def _split(level: Level, said: Sequence[Provenance], rule: str) -> LevelSplit:
    given = given_at(level, said)
    scored = [RATING_VALUE[r] for _, r in given if r in RATING_VALUE]
    said_na = any(r == "not-applicable" for _, r in given)
    if scored:
        merged: str | None = RATINGS[pick(scored, rule)]
    elif said_na:
        merged = "not-applicable"
    elif given:
        merged = "unknown"
    else:
        merged = None
    spread = max(scored) - min(scored) if scored else 0
    return LevelSplit(level, merged, given, spread, said_na and bool(scored))


def pick(values: Sequence[float], rule: str) -> float:
    """The cautious (lowest) or median value; an even count takes the lower middle value.

    Callers order values so that lower means less favourable.
    """
    ordered = sorted(values)
    if rule == "cautious":
        return ordered[0]
    return ordered[(len(ordered) - 1) // 2]


def merge_values(values: Sequence[float], rule: str, direction: str) -> float:
    """An indicator value from differing reports: the less favourable one (cautious) or the median."""
    if direction == "lower-is-better":
        return -pick([-v for v in values], rule)
    return pick(values, rule)


def unite(lists: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """Evidence from all respondents in order, each item once (spacing and case ignored)."""
    seen: set[str] = set()
    out: list[str] = []
    for items in lists:
        for item in items:
            key = " ".join(item.split()).casefold()
            if key not in seen:
                seen.add(key)
                out.append(item)
    return tuple(out)


def merged_note(said: Sequence[Provenance], splits: Sequence[LevelSplit], rule: str) -> str:
    """What the focal point reads first: who agreed or how they differ, then each respondent's note."""
    raters = [p.respondent for p in said if p.de_jure is not None or p.de_facto is not None]
    disputed = [s for s in splits if s.disagrees]
    if disputed:
        how = "lowest rating" if rule == "cautious" else "median rating"
        parts = [f"{LEVEL_WORDS[s.level].capitalize()}: " + ", ".join(f"{r} ({name_list(who)})" for r, who in s.by_rating())
                 for s in disputed]
        head = f"Respondents disagree; merged by the {rule} rule ({how}). " + ". ".join(parts) + ". Settle and edit."
    elif raters:
        head = f"Agreed by {len(raters)} respondents: {name_list(raters)}." if len(raters) > 1 else f"Rated by {raters[0]} only."
    else:
        head = f"Not rated; evidence or notes from {name_list([p.respondent for p in said])}."
    abstained = [f"{name_list([r for r, v in s.given if v == 'unknown'])} did not know {LEVEL_WORDS[s.level]}"
                 for s in splits if any(v == "unknown" for _, v in s.given) and s.merged != "unknown"]
    if abstained:
        head += " " + "; ".join(abstained) + "."
    lines = [head] + [f"{p.respondent}: {p.note}" for p in said if p.note]
    return _shorten("\n".join(lines), _MAX_NOTE, tail=" … (each respondent's note is in provenance)")


def name_list(names: Sequence[str], shown: int = _NAMES_SHOWN) -> str:
    """'A, B and C' or 'A, B, C and 997 more'."""
    if len(names) <= shown + 1:
        return names[0] if len(names) == 1 else _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
    return _("{names} and {count} more").format(names=", ".join(names[:shown]), count=len(names) - shown)


def _group(sources: Sequence[Source], key: object) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for s in sources:
        groups.setdefault(key(s), []).append(s.file)  # type: ignore[operator]
    return groups


def _describe_groups(groups: dict[str, list[str]], prefix: str = "") -> str:
    return ", ".join(f"{prefix}{value} ({name_list(files)})" for value, files in groups.items())


def _shorten(text: str, limit: int, tail: str = "…") -> str:
    return text if len(text) <= limit else text[: limit - len(tail)].rstrip() + tail


__all__ = [
    "RULES",
    "Conflict",
    "IndicatorConflict",
    "LevelSplit",
    "MergeResult",
    "Source",
    "SourcesCheck",
    "check_compatible",
    "merge",
    "merge_answer",
    "read_sources",
]
