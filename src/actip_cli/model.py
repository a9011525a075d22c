"""The domain vocabulary: the catalog of ACTIP obligations and a country's answers.

Everything here is immutable and built from validated files by `catalog` and `answers`;
scoring, the walkthrough and the renderers only ever see these objects, never raw YAML.
The records are NamedTuples: every command imports this module, and a NamedTuple class is
several times cheaper to create than a dataclass.
"""

# No `from __future__ import annotations` here: NamedTuple compiles every annotation given
# as a string, which doubles the cost of creating the classes this module is mostly made of.

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, NewType

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


class SourceRef(NamedTuple):
    """Where an item is defined in the catalog: file, line, column."""

    path: str
    line: int = 0
    column: int = 0


class Modality(NamedTuple):
    """How binding a duty is, and what that weighs in the score."""

    name: str
    weight: float
    verb: str
    label: str
    explanation: str = ""


class Chapter(NamedTuple):
    """A chapter of the Convention (numbering as the catalog records it)."""

    id: str
    title: str
    articles: tuple[int, ...]
    verification: str
    basis: str


class Guidance(NamedTuple):
    """What each rating looks like for one duty, and what evidence counts."""

    none: str
    initial: str
    partial: str
    substantial: str
    full: str
    evidence: str

    def for_rating(self, rating: str) -> str:
        """The guidance text for one of the five scored ratings ('' for any other)."""
        # Checked against RATINGS, not getattr's default: a tuple has attributes of its own (count, index).
        return str(getattr(self, rating)) if rating in RATINGS else ""


class Mapping(NamedTuple):
    """A crosswalk from an ACTIP duty to the instrument it mirrors."""

    instrument: str
    article: str
    relation: str
    note: str = ""


class RelevantIf(NamedTuple):
    """Ask a duty only when an earlier answer is one of `any_of` (unanswered counts as yes)."""

    obligation: ObligationId
    level: Level
    any_of: tuple[str, ...]
    reason: str = ""


class Obligation(NamedTuple):
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


class NoDuty(NamedTuple):
    """A paragraph that places no duty on a Party, and why."""

    paragraph: str
    reason: str


class Article(NamedTuple):
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


class Indicator(NamedTuple):
    """A yearly numeric series that measures practice (outcome) or the problem (impact)."""

    id: str
    name: str
    unit: str
    direction: str
    level: str
    description: str
    caveat: str = ""


class Recommendation(NamedTuple):
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


class Finding(NamedTuple):
    """A finding of the source study, and the duties and series where it shows."""

    id: str
    finding: str
    original: str
    obligations: tuple[ObligationId, ...]
    indicators: tuple[str, ...] = ()


class DatedEvent(NamedTuple):
    """A signature or ratification: a date (or 'unknown') with its source."""

    date: str
    source: str = ""
    note: str = ""


class Country(NamedTuple):
    """An ASEAN member state."""

    iso2: str
    iso3: str
    name: str
    aliases: tuple[str, ...]
    signature: DatedEvent
    ratification: DatedEvent
    official_name: str = ""
    official_languages: tuple[str, ...] = ()


class NonMember(NamedTuple):
    """A country that is not an ASEAN member state, so it can be named in an error."""

    name: str
    aliases: tuple[str, ...]
    note: str = ""


class Retired(NamedTuple):
    """An obligation ID withdrawn from the catalog; never reused."""

    id: ObligationId
    since: str
    reason: str
    replaced_by: tuple[ObligationId, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """The whole catalog: treaty structure, duties, series, recommendations, countries.

    A dataclass, not a NamedTuple like the records above: it builds its index of obligations
    from the articles when it is made."""

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


class Provenance(NamedTuple):
    """What one respondent said about one duty (kept by `actip merge`)."""

    respondent: str
    de_jure: str | None = None
    de_facto: str | None = None
    evidence: tuple[str, ...] = ()
    grade: str | None = None
    note: str = ""


class Answer(NamedTuple):
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


class Assessor(NamedTuple):
    """Who filled in the assessment."""

    name: str = ""
    organisation: str = ""
    email: str = ""
    date: str = ""


@dataclass(frozen=True)
class AnswerSet:
    """One assessment: a country, a period, and the answers given so far.

    A dataclass, not a NamedTuple: a new assessment starts with fresh empty dicts."""

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


class Exclusion(NamedTuple):
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
