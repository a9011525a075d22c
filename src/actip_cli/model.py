"""The domain vocabulary: the catalog of ACTIP obligations and a country's answers.

Everything here is immutable and built from validated files by `catalog` and `answers`;
scoring, the walkthrough and the renderers only ever see these objects, never raw YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, NewType

ObligationId = NewType("ObligationId", str)

Level = Literal["de_jure", "de_facto"]
LEVELS: tuple[Level, ...] = ("de_jure", "de_facto")

RATINGS: tuple[str, ...] = ("none", "initial", "partial", "substantial", "full")
"""The scored ratings, in order: their index is the score 0..4."""
NOT_SCORED: tuple[str, ...] = ("unknown", "not-applicable")
ALL_RATINGS: tuple[str, ...] = RATINGS + NOT_SCORED
RATING_VALUE: dict[str, int] = {name: i for i, name in enumerate(RATINGS)}

MODALITIES: tuple[str, ...] = ("mandatory", "qualified", "endeavour", "permissive")
VERIFICATIONS: tuple[str, ...] = ("verified-text", "secondary", "unverified")


@dataclass(frozen=True)
class SourceRef:
    """Where an item is defined in the catalog: file, line, column."""

    path: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Modality:
    """How binding a duty is, and what that weighs in the score."""

    name: str
    weight: float
    verb: str
    label: str
    explanation: str = ""


@dataclass(frozen=True)
class Chapter:
    """A chapter of the Convention (numbering as the catalog records it)."""

    id: str
    title: str
    articles: tuple[int, ...]
    verification: str
    basis: str


@dataclass(frozen=True)
class Guidance:
    """What each rating looks like for one duty, and what evidence counts."""

    none: str
    initial: str
    partial: str
    substantial: str
    full: str
    evidence: str

    def for_rating(self, rating: str) -> str:
        """The guidance text for one of the five scored ratings."""
        return str(getattr(self, rating, ""))


@dataclass(frozen=True)
class Mapping:
    """A crosswalk from an ACTIP duty to the instrument it mirrors."""

    instrument: str
    article: str
    relation: str
    note: str = ""


@dataclass(frozen=True)
class RelevantIf:
    """Ask a duty only when an earlier answer is one of `any_of` (unanswered counts as yes)."""

    obligation: ObligationId
    level: Level
    any_of: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class Obligation:
    """One duty that a paragraph of ACTIP places on a Party."""

    id: ObligationId
    chapter: str
    article: int
    paragraph: str | None
    title: str
    summary: str
    modality: str
    verification: str
    basis: str
    qualifier: str = ""
    de_jure_question: str = ""
    de_facto_question: str = ""
    guidance: Guidance | None = None
    recommendation_verb: str = ""
    recommendation_text: str = ""
    recommendations: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    relevant_if: RelevantIf | None = None
    mappings: tuple[Mapping, ...] = ()
    source: SourceRef = SourceRef("")

    @property
    def citation(self) -> str:
        """The treaty reference in the usual form: Art. 14(1)(a)."""
        if not self.paragraph:
            return f"Art. {self.article}"
        para, _, letter = self.paragraph.partition(".")
        return f"Art. {self.article}({para})" + (f"({letter})" if letter else "")

    def question(self, level: Level) -> str:
        """The de_jure or de_facto question."""
        return self.de_jure_question if level == "de_jure" else self.de_facto_question


@dataclass(frozen=True)
class NoDuty:
    """A paragraph that places no duty on a Party, and why."""

    paragraph: str
    reason: str


@dataclass(frozen=True)
class Article:
    """One article of the Convention with the duties it holds."""

    number: int
    chapter: str
    title: str
    summary: str
    verification: str
    basis: str
    obligations: tuple[Obligation, ...]
    paragraphs: int | None = None
    no_duty: tuple[NoDuty, ...] = ()
    source: SourceRef = SourceRef("")


@dataclass(frozen=True)
class Indicator:
    """A yearly numeric series that measures practice (outcome) or the problem (impact)."""

    id: str
    name: str
    unit: str
    direction: str
    level: str
    description: str
    caveat: str = ""


@dataclass(frozen=True)
class Recommendation:
    """A catalog-wide recommendation, such as the source study's (a) and (b)."""

    id: str
    label: str
    verb: str
    theme: str
    text: str
    original_lang: str = ""
    original_text: str = ""
    source_work: str = ""
    source_location: str = ""
    obligations: tuple[ObligationId, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A finding of the source study, and the duties and series where it shows."""

    id: str
    finding: str
    original: str
    obligations: tuple[ObligationId, ...]
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class DatedEvent:
    """A signature or ratification: a date (or 'unknown') with its source."""

    date: str
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Country:
    """An ASEAN member state."""

    iso2: str
    iso3: str
    name: str
    aliases: tuple[str, ...]
    signature: DatedEvent
    ratification: DatedEvent
    official_name: str = ""
    official_languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class NonMember:
    """A country that is not an ASEAN member state, so it can be named in an error."""

    name: str
    aliases: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Retired:
    """An obligation ID withdrawn from the catalog; never reused."""

    id: ObligationId
    since: str
    reason: str
    replaced_by: tuple[ObligationId, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """The whole catalog: treaty structure, duties, series, recommendations, countries."""

    version: str
    title: str
    short_title: str
    modalities: dict[str, Modality]
    chapters: tuple[Chapter, ...]
    articles: tuple[Article, ...]
    indicators: dict[str, Indicator]
    recommendations: dict[str, Recommendation]
    findings: tuple[Finding, ...]
    countries: tuple[Country, ...]
    non_members: tuple[NonMember, ...] = ()
    retired: tuple[Retired, ...] = ()
    history: tuple[tuple[str, tuple[ObligationId, ...]], ...] = ()
    languages: tuple[str, ...] = ("en",)
    language: str = "en"
    root: str = ""
    fingerprint: str = ""  # changes with any catalog file; keys caches of work done against it
    obligations: dict[ObligationId, Obligation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.obligations:
            for article in self.articles:
                for obligation in article.obligations:
                    self.obligations[obligation.id] = obligation

    def chapter(self, chapter_id: str) -> Chapter:
        """The chapter with this Roman numeral."""
        return next(c for c in self.chapters if c.id == chapter_id)

    def article(self, number: int) -> Article | None:
        """The article with this number, if the catalog has it."""
        return next((a for a in self.articles if a.number == number), None)

    def country(self, iso3: str) -> Country | None:
        """The member state with this alpha-3 code."""
        return next((c for c in self.countries if c.iso3 == iso3), None)

    @property
    def verified_count(self) -> int:
        """How many obligations are verified against a reproduction of the treaty text."""
        return sum(1 for o in self.obligations.values() if o.verification == "verified-text")


@dataclass(frozen=True)
class Provenance:
    """What one respondent said about one duty (kept by `actip merge`)."""

    respondent: str
    de_jure: str | None = None
    de_facto: str | None = None
    evidence: tuple[str, ...] = ()
    grade: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Answer:
    """A country's answer on one duty: a rating per level, evidence and a note."""

    de_jure: str | None = None
    de_facto: str | None = None
    evidence: tuple[str, ...] = ()
    grade: str | None = None
    note: str = ""
    agreement: str | None = None
    provenance: tuple[Provenance, ...] = ()

    def rating(self, level: Level) -> str | None:
        """The rating given for a level, or None when not yet answered."""
        return self.de_jure if level == "de_jure" else self.de_facto

    @property
    def complete(self) -> bool:
        """Both levels rated (unknown and not-applicable count as rated)."""
        return self.de_jure is not None and self.de_facto is not None


@dataclass(frozen=True)
class Assessor:
    """Who filled in the assessment."""

    name: str = ""
    organisation: str = ""
    email: str = ""
    date: str = ""


@dataclass(frozen=True)
class AnswerSet:
    """One assessment: a country, a period, and the answers given so far."""

    country: str
    period: int
    catalog_version: str
    answers: dict[ObligationId, Answer] = field(default_factory=dict)
    indicators: dict[str, dict[int, float]] = field(default_factory=dict)
    assessor: Assessor | None = None
    respondent: str = ""
    illustrative: str = ""
    merged_from: tuple[tuple[str, str], ...] = ()
    merge_rule: str = ""
    format_version: int = 1
    source: str = ""


@dataclass(frozen=True)
class Exclusion:
    """Why `relevant_if` rules a duty out: its condition, and the rating that failed it
    (None when the condition's own duty was ruled out first)."""

    condition: RelevantIf
    rating: str | None


def ruled_out(catalog: Catalog, answers: Mapping[ObligationId, Answer]) -> dict[ObligationId, Exclusion]:
    """Duties that `relevant_if` rules out given these answers; the one rule the walk and
    the report share.

    An unanswered or `unknown` condition keeps the duty in (it cannot be ruled out), and a
    duty whose condition was itself ruled out is ruled out too (conditions always name an
    earlier duty, so treaty order settles them first).
    """
    out: dict[ObligationId, Exclusion] = {}
    for o in catalog.obligations.values():
        cond = o.relevant_if
        if cond is None:
            continue
        if cond.obligation in out:
            out[o.id] = Exclusion(cond, None)
            continue
        given = answers.get(cond.obligation)
        rating = given.rating(cond.level) if given else None
        if rating is not None and rating != "unknown" and rating not in cond.any_of:
            out[o.id] = Exclusion(cond, rating)
    return out
