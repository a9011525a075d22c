"""The walk through the treaty behind `actip assess`: which question comes next and what an answer means.

Pure logic. The walk talks to a `Prompter` (say a line; ask for a line) and calls `save`
after every answer, so it runs the same in a terminal, under a test's scripted prompter,
or anywhere else. It never decides how text looks; the prompter does.

The walk is a flat list of steps in treaty order: the assessor's name and organisation
(new files only), then per article, for each duty: the `de_jure` rating, the `de_facto`
rating, then evidence lines and a note in one prompt; at the end of the article, each
indicator series its duties link to: one yes/no question when it has no figures yet,
then year by year. Which steps are asked is decided when the walk reaches them:
a duty ruled out by `relevant_if` is passed over (and says why), and outside `--review` a
rating already given before this run is not asked again, so a rerun resumes at the first
unanswered question. `b` goes back to the step asked before (or, at the first question
of a resumed run, to the step before it in treaty order), and what it lands on is asked
in full with the current answers as defaults.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Literal, Protocol

from actip_cli import model
from actip_cli.errors import UsageProblem
from actip_cli.i18n import N_, _, pgettext
from actip_cli.model import (
    LEVELS,
    RATINGS,
    Answer,
    AnswerSet,
    Article,
    Assessor,
    Catalog,
    Level,
    Obligation,
    ObligationId,
)

# Every sentence a user can see, whole, so that a message catalog can translate it.
MESSAGES = {
    # start and progress
    "keys": N_("At every question: ? shows help, b goes back, s skips, q saves and quits."),
    "resuming": N_("Resuming: {answered} of {total} answered."),
    "resuming_partly": N_("Resuming: {answered} of {total} answered, {partly} more in part."),
    "reviewing": N_("Reviewing: {answered} of {total} answered. Press Enter to keep an answer, or type a new one."),
    "progress": N_("Article {article} · {answered} of {total} duties answered"),
    "first_question": N_("This is the first question; there is nothing before it."),
    # a merged answer on which respondents disagreed
    "respondents_said": N_("Respondents disagreed: {said}. The current answer is the merged one; "
                           "your rating (Enter keeps it) settles this level."),
    "settled": N_("Both levels settled: the duty is marked agreed. Say in the note how it was settled."),
    # assessor
    "assessor_intro": N_("Who is filling in this assessment? Both questions are optional: press Enter to leave one blank."),
    "assessor_help": N_("Your name and organisation are written into the answers file and shown in reports. "
                        "Leave them blank if the assessment should not name you."),
    "ask_name": N_("Your name"),
    "ask_organisation": N_("Your organisation"),
    # article and duty headers
    "chapter": N_("Chapter {chapter}: {title}"),
    "article": N_("Article {number}. {title}"),
    "article_duties": N_("Duties to assess in this article: {count}"),
    "duty": N_("{id}, {citation}: {title}"),
    "how_binding": N_("How binding: {words}"),
    "source": N_("Source: {words}"),
    "ruled_out": N_("{id} is not asked: {reason}."),
    "ruled_out_reason": N_("{condition} {level} is {rating}"),
    "ruled_out_chain": N_("{condition} does not apply"),
    # ratings
    "in_law": N_("In law (de jure): {question}"),
    "in_practice": N_("In practice (de facto): {question}"),
    "scale": N_("0 none, 1 initial, 2 partial, 3 substantial, 4 full, u unknown, n not applicable"),
    "ask_rating": N_("Rating (0-4, u, n, ?)"),
    "rating_required": N_("Choose a rating: a number 0 to 4, u for unknown or n for not applicable; s skips this duty."),
    "rating_invalid": N_("'{text}' is not a rating: type a number 0 to 4, u for unknown, n for not applicable, or ? for help."),
    "help_title": N_("Help for {id}, {level}"),
    # One ladder serves both questions; it says so, and which half of each step to weigh.
    "help_scale_law": N_("What each rating looks like for this duty. A step may describe law and practice together; "
                         "for this question, weigh what it says about the law:"),
    "help_scale_practice": N_("What each rating looks like for this duty. A step may describe law and practice together; "
                              "for this question, weigh what it says about practice:"),
    "help_no_guidance": N_("The catalog has no guidance for this duty yet; rate it by the question's plain meaning."),
    "help_unknown": N_("u unknown: you do not know, or there is no information. Counted and shown, never scored as zero."),
    "help_not_applicable": N_("n not applicable: the duty does not apply to your country; you are asked why."),
    "help_evidence": N_("Evidence that counts: {text}"),
    "help_binding": N_("How binding: {words}. {explanation}"),
    "help_keys": N_("Enter keeps the answer shown in brackets, if any; b goes back one question; s skips this duty "
                    "(it stays unanswered); q saves and quits."),
    "help_question_law": N_("In law (de jure) asks whether the law, regulation, plan or body is in place."),
    "help_question_practice": N_("In practice (de facto) asks whether it is applied: cases, people reached, budget spent."),
    # not applicable
    "reason_intro": N_("Not applicable needs a reason: say why this duty does not apply to your country."),
    "ask_reason": N_("Reason"),
    "reason_required": N_("A reason is required for not applicable. Type it, or b to choose another rating."),
    "reason_help": N_("The reason is saved as this duty's note and shown in reports beside 'not applicable'."),
    # evidence and note
    "details_intro": N_("Evidence and note (optional): type a source per line, such as a law, decree, plan, report or "
                        "dataset. Start a line with 'note:' to write a note instead, or 'grade:' to grade the evidence "
                        "(? explains). An empty line goes on."),
    "details_so_far": N_("Given so far:"),
    "evidence_item": N_("Evidence {number}: {text}"),
    "note_item": N_("Note: {text}"),
    "details_more": N_("Type more, 'clear' to remove the evidence, 'note:' alone to remove the note, "
                       "or press Enter to keep them."),
    "ask_details": N_("Evidence or note"),
    "note_prefix": N_("note:"),
    "evidence_saved": N_("Saved as evidence {number}."),
    "note_saved": N_("Saved as the note."),
    "evidence_cleared": N_("Evidence removed."),
    "note_cleared": N_("Note removed."),
    "evidence_help": N_("Cite each source on its own line, e.g. 'Law 53/2024/QH15, art. 24' or 'Ministry report 2024, p. 12'."),
    "note_help": N_("A note explains a rating to a reader of the report, e.g. 'note: law drafted, not yet adopted'. "
                    "A new note replaces the old one."),
    "note_required": N_("A note is required while a rating is not applicable."),
    "grade_prefix": N_("grade:"),
    "grade_item": N_("Evidence grade: {grade}"),
    "grade_saved": N_("Evidence grade {grade} saved."),
    "grade_cleared": N_("Evidence grade removed."),
    "grade_help": N_("'grade: A', 'grade: B' or 'grade: C' says how strong the evidence is: A independent or official "
                     "data, B the government's own report, C expert judgement. 'grade:' alone removes it."),
    # indicator series
    "series": N_("Indicator: {name} ({unit}; {direction}; {level})"),
    "series_intro": N_("Give the value for each year, or press Enter to leave a year out. s skips the rest of this series. "
                       "For another year, type it with its value, e.g. 2019=200."),
    "other_year_saved": N_("Saved {year}: {value}."),
    "year_outside": N_("{year} is outside 1990 to 2100."),
    "series_gate": N_("Do you have yearly figures for this series? y gives them year by year; Enter skips the series."),
    "ask_gate": N_("Figures (y, or Enter to skip)"),
    "yes_words": N_("y, yes"),
    "gate_invalid": N_("Type y to give the figures year by year, or press Enter to skip this series."),
    "higher-is-better": N_("higher is better"),
    "lower-is-better": N_("lower is better"),
    "outcome": N_("outcome: practice"),
    "impact": N_("impact: the problem itself"),
    "series_caveat": N_("Caveat: {text}"),
    "series_help": N_("Numbers only, 0 or more, e.g. 1200 or 1,200 or 12.5. Blank leaves the year out. "
                      "2019=200 gives the value for another year."),
    "number_invalid": N_("'{text}' is not a number: type digits such as 1200 or 12.5, or press Enter to leave the year out."),
    "number_negative": N_("A count cannot be negative: type 0 or more."),
    "with_default": N_("{prompt} [Enter keeps: {default}]"),
    # input limits
    "too_long": N_("That is {length} characters; the limit here is {limit}. Please shorten it."),
    # scope
    "unknown_chapter": N_("unknown chapter '{text}'"),
    "unknown_chapter_hint": N_("give a chapter as a number (4) or a Roman numeral (IV); the catalog has chapters {chapters}"),
    "unknown_article": N_("no Article {number} in the catalog"),
    "unknown_article_hint": N_("articles run from 1 to 31"),
    "empty_scope": N_("the articles chosen place no duty on a country to assess"),
    "empty_scope_hint": N_("'actip list' shows which articles hold duties"),
}

LEVEL_WORDS = {"de_jure": N_("in law (de jure)"), "de_facto": N_("in practice (de facto)")}
VERIFICATION_WORDS = {
    "verified-text": N_("verified against the treaty text"),
    "secondary": N_("from a secondary source, not the treaty text"),
    "unverified": N_("NOT verified: reconstructed, check against the official text"),
}
RATING_KEYS: dict[str, str] = {
    "0": "none", "1": "initial", "2": "partial", "3": "substantial", "4": "full",
    "u": "unknown", "n": "not-applicable",
}
RATING_ALIASES: dict[str, str] = {"na": "not-applicable", "n/a": "not-applicable", "not applicable": "not-applicable"}
ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
LIMITS = {"evidence": 2000, "note": 4000, "assessor": 300}
YEARS_ASKED = 5
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _msg(key: str, **values: object) -> str:
    return _(MESSAGES[key]).format(**values)


class Prompter(Protocol):
    """What the walk needs from a user interface: show a line, read a line.

    `kind` tells the interface what a line is, so it can style it (or not): heading,
    progress, text, detail, question, choices, help, item (one entry of a list), warning,
    error. `ask` raises EOFError
    when input has ended and KeyboardInterrupt on Ctrl-C.
    """

    def say(self, text: str, kind: str = "text") -> None: ...

    def ask(self, prompt: str) -> str: ...


class Outcome(Enum):
    """How a walk ended."""

    FINISHED = "finished"  # every step in scope was reached
    QUIT = "quit"  # the user typed q
    INPUT_ENDED = "input-ended"  # end of input (Ctrl-D, or a script ran out)


class _Move(Enum):
    NEXT = "next"
    BACK = "back"
    SKIP = "skip"
    QUIT = "quit"


_NAVIGATION = {"b": _Move.BACK, "s": _Move.SKIP, "q": _Move.QUIT}


class _Quit(Exception):
    """Raised from a nested prompt when the user typed q."""


# --- text -----------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """User or catalog text made safe to store and show: NFC, no control characters, one line."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch)[0] == "C" or ch in "\u2028\u2029" else ch for ch in text)
    return _SPACES.sub(" ", text).strip()


def rating_words(rating: str) -> str:
    """'3 substantial', 'u unknown', 'n not applicable'; '3 phần lớn' in Vietnamese."""
    key = next(k for k, v in RATING_KEYS.items() if v == rating)
    return f"{key} {rating_word(rating)}"


def rating_word(rating: str) -> str:
    """A rating keyword in the active language ('not applicable' in English, 'không áp dụng')."""
    shown = pgettext("rating", rating)
    return rating.replace("-", " ") if shown == rating else shown


def parse_rating(text: str) -> str | None:
    """A rating from what a user typed: 0-4, u, n, or the rating's name."""
    t = text.strip().lower()
    if t in RATING_KEYS:
        return RATING_KEYS[t]
    if t in RATING_KEYS.values():
        return t
    return RATING_ALIASES.get(t)


def parse_number(text: str) -> float | None:
    """A yearly value: digits with an optional decimal point; spaces, '_' and thousands commas allowed.

    In Vietnamese and Indonesian, where documents write 1.200 and 12,5, those are read as
    such too: a dot or comma followed by groups of exactly three digits separates thousands,
    any other comma is the decimal mark (so '1.200' is never silently read as 1.2 there)."""
    from actip_cli.i18n import active_language

    t = text.strip().replace(" ", "").replace("_", "").replace("\u00a0", "")
    if active_language() in ("vi", "id"):
        if re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", t) and len(set(re.findall(r"[.,]", t))) == 1:
            t = re.sub(r"[.,]", "", t)
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+", t):
            t = t.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?\d+,\d+", t):
            t = t.replace(",", ".")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", t):
        return None
    value = float(t)
    return value if math.isfinite(value) else None


def format_number(value: float) -> str:
    """1200.0 -> '1200', 12.5 -> '12.5'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def unaccented(text: str) -> str:
    """Lower case without accents, so that 'ghi chu:' typed on a keyboard without Vietnamese
    input is the same word as 'ghi chú:'."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def short(text: str, width: int = 50) -> str:
    """A long default shortened for a prompt."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def how_binding(catalog: Catalog, obligation: Obligation) -> str:
    """The modality in plain words: "binding: 'shall'", "softened: 'subject to domestic law'"."""
    if obligation.modality == "qualified" and obligation.qualifier:
        return _("softened: '{qualifier}'").format(qualifier=obligation.qualifier)
    modality = catalog.modalities.get(obligation.modality)
    return modality.label if modality else obligation.modality


# --- scope ----------------------------------------------------------------------------


def parse_chapter(catalog: Catalog, text: str) -> str:
    """A chapter given as a number (4) or a Roman numeral (IV), checked against the catalog."""
    t = text.strip().upper()
    if t.isdigit() and 1 <= int(t) <= len(ROMANS):
        t = ROMANS[int(t) - 1]
    known = [c.id for c in catalog.chapters]
    if t not in known:
        raise UsageProblem(_msg("unknown_chapter", text=clean(text)),
                           hint=_msg("unknown_chapter_hint", chapters=", ".join(known)))
    return t


@dataclass(frozen=True)
class Scope:
    """The part of the treaty a walk covers: everything, or some chapters and articles (added up)."""

    chapters: frozenset[str] = frozenset()
    articles: frozenset[int] = frozenset()

    @classmethod
    def parse(cls, catalog: Catalog, chapters: Iterable[str] = (), articles: Iterable[int] = ()) -> Scope:
        """A scope from --chapter and --article values; a UsageProblem for unknown ones or no duties."""
        wanted_articles = frozenset(articles)
        for number in sorted(wanted_articles):
            if catalog.article(number) is None:
                raise UsageProblem(_msg("unknown_article", number=number), hint=_msg("unknown_article_hint"))
        scope = cls(frozenset(parse_chapter(catalog, c) for c in chapters), wanted_articles)
        if not scope.obligations(catalog):
            raise UsageProblem(_msg("empty_scope"), hint=_msg("empty_scope_hint"))
        return scope

    @property
    def everything(self) -> bool:
        """No filter given."""
        return not self.chapters and not self.articles

    def includes(self, article: Article) -> bool:
        """True when the article is part of the walk."""
        return self.everything or article.chapter in self.chapters or article.number in self.articles

    def article_list(self, catalog: Catalog) -> list[Article]:
        """The articles in scope that hold duties, in treaty order."""
        return [a for a in catalog.articles if a.obligations and self.includes(a)]

    def obligations(self, catalog: Catalog) -> list[Obligation]:
        """The duties in scope, in treaty order."""
        return [o for a in self.article_list(catalog) for o in a.obligations]


# --- relevance, progress, what is missing ----------------------------------------------


def ruled_out(catalog: Catalog, answers: Mapping[ObligationId, Answer]) -> dict[ObligationId, str]:
    """Duties that `relevant_if` rules out given the answers so far (the report's rule,
    `model.ruled_out`), with the reason in words."""
    out: dict[ObligationId, str] = {}
    for oid, why in model.ruled_out(catalog, answers).items():
        cond = why.condition
        if why.rating is None:
            out[oid] = _msg("ruled_out_chain", condition=cond.obligation)
            continue
        reason = _msg("ruled_out_reason", condition=cond.obligation, level=_(LEVEL_WORDS[cond.level]),
                      rating=rating_word(why.rating))
        out[oid] = f"{reason} ({clean(cond.reason)})" if cond.reason else reason
    return out


@dataclass(frozen=True)
class Progress:
    """Duties answered (both levels rated) of the duties in scope that are not ruled out, and
    those rated at one level only (answered in part)."""

    answered: int
    total: int
    partly: int = 0


def progress(catalog: Catalog, answers: Mapping[ObligationId, Answer], scope: Scope = Scope()) -> Progress:
    """How far an assessment has come within a scope."""
    out = ruled_out(catalog, answers)
    duties = [o.id for o in scope.obligations(catalog) if o.id not in out]
    done = sum(1 for oid in duties if oid in answers and answers[oid].complete)
    partly = sum(1 for oid in duties if oid in answers and not answers[oid].complete
                 and (answers[oid].de_jure is not None or answers[oid].de_facto is not None))
    return Progress(done, len(duties), partly)


def missing(catalog: Catalog, answer_set: AnswerSet, scope: Scope = Scope()) -> list[ObligationId]:
    """Duties in scope, not ruled out, without both ratings: what `--no-input` reports."""
    out = ruled_out(catalog, answer_set.answers)
    return [
        o.id for o in scope.obligations(catalog)
        if o.id not in out and not (o.id in answer_set.answers and answer_set.answers[o.id].complete)
    ]


# --- the walk ---------------------------------------------------------------------------

StepKind = Literal["name", "organisation", "rating", "details", "gate", "series"]


@dataclass(frozen=True)
class Step:
    """One question of the walk."""

    kind: StepKind
    article: int = 0
    obligation: ObligationId | None = None
    level: Level | None = None
    series: str | None = None
    year: int | None = None

    @property
    def unit(self) -> str:
        """What `s` skips the rest of: a duty, a series, or the assessor questions."""
        return self.obligation or self.series or "assessor"


class Session:
    """One run of the walk over an answer set; `run()` asks, saves after every answer, returns how it ended."""

    def __init__(
        self,
        catalog: Catalog,
        answer_set: AnswerSet,
        prompter: Prompter,
        save: Callable[[AnswerSet], None],
        *,
        scope: Scope = Scope(),
        review: bool = False,
        ask_assessor: bool = False,
        today: str = "",
    ) -> None:
        self.catalog = catalog
        self.base = answer_set
        self.prompter = prompter
        self._save_callback = save
        self.scope = scope
        self.review = review
        self.today = today
        self.answers: dict[ObligationId, Answer] = dict(answer_set.answers)
        self.indicators: dict[str, dict[int, float]] = {k: dict(v) for k, v in answer_set.indicators.items()}
        self.assessor = answer_set.assessor
        self.steps = self._plan(ask_assessor)
        duties = scope.obligations(catalog)
        # Outside --review, what was answered before this run is passed over going forward.
        self._done_before = set() if review else {o.id for o in duties if o.id in self.answers and self.answers[o.id].complete}
        self._series_before = set() if review else {sid for sid, values in answer_set.indicators.items() if values}
        self._rated_before = set() if review else {
            (oid, level) for oid, a in self.answers.items() for level in LEVELS if a.rating(level) is not None
        }
        self._reopened: set[str] = set()  # units entered with b: asked in full from then on
        self._history: list[int] = []
        self._shown_article = 0
        self._shown_unit = ""
        self._told_ruled_out: set[ObligationId] = set()
        self._settling: dict[ObligationId, set[str]] = {}  # levels of disputed duties rated in this run

    # -- public ---------------------------------------------------------------------------

    def answer_set(self) -> AnswerSet:
        """The answers as they stand, ready to save."""
        order = list(self.catalog.indicators)
        series = sorted(self.indicators, key=lambda s: order.index(s) if s in order else len(order))
        return dataclasses.replace(
            self.base,
            answers=dict(self.answers),
            indicators={s: dict(sorted(self.indicators[s].items())) for s in series if self.indicators[s]},
            assessor=self.assessor,
        )

    def progress(self) -> Progress:
        """Duties answered in scope."""
        return progress(self.catalog, self.answers, self.scope)

    def run(self) -> Outcome:
        """Ask every step that applies, from the first unanswered one; save after every answer."""
        now = self.progress()
        if self.review:
            self._say("reviewing", "progress", answered=now.answered, total=now.total)
        elif self.answers:
            self._say("resuming_partly" if now.partly else "resuming", "progress",
                      answered=now.answered, total=now.total, partly=now.partly)
        self._say("keys", "detail")
        handlers: dict[str, Callable[[Step], _Move]] = {
            "name": self._assessor_step, "organisation": self._assessor_step, "rating": self._rating,
            "details": self._details, "gate": self._gate, "series": self._series,
        }
        i = self._forward(-1)
        while i < len(self.steps):
            step = self.steps[i]
            self._announce(step)
            try:
                move = handlers[step.kind](step)
            except _Quit:
                move = _Move.QUIT
            except EOFError:
                return Outcome.INPUT_ENDED
            if move is _Move.QUIT:
                return Outcome.QUIT
            if move is _Move.NEXT:
                self._history.append(i)
                i = self._forward(i)
            elif move is _Move.SKIP:
                self._history.append(i)
                end = i
                while end + 1 < len(self.steps) and self.steps[end + 1].unit == step.unit:
                    end += 1
                i = self._forward(end)
            else:
                j = self._backward(i)
                if j is None:
                    self._say("first_question", "warning")
                    continue
                self._reopened.add(self.steps[j].unit)
                i = j
        return Outcome.FINISHED

    # -- navigation ---------------------------------------------------------------------

    def _plan(self, ask_assessor: bool) -> list[Step]:
        steps: list[Step] = []
        if ask_assessor:
            steps += [Step("name"), Step("organisation")]
        seen_series: set[str] = set()
        for article in self.scope.article_list(self.catalog):
            for o in article.obligations:
                steps += [Step("rating", article.number, o.id, level) for level in LEVELS]
                steps.append(Step("details", article.number, o.id))
            for sid in dict.fromkeys(s for o in article.obligations for s in o.indicators):
                if sid in seen_series or sid not in self.catalog.indicators:
                    continue
                seen_series.add(sid)
                steps.append(Step("gate", article.number, series=sid))
                steps += [Step("series", article.number, series=sid, year=y) for y in self._years(sid)]
        return steps

    def _years(self, sid: str) -> list[int]:
        period = self.base.period
        recent = range(max(FIRST_YEAR, period - YEARS_ASKED + 1), min(LAST_YEAR, period) + 1)
        return sorted(set(recent) | set(self.indicators.get(sid, {})))

    def _exists(self, step: Step) -> bool:
        """Whether the step can be asked at all now (duties ruled out by relevant_if cannot)."""
        return step.obligation is None or step.obligation not in ruled_out(self.catalog, self.answers)

    def _applies(self, step: Step) -> bool:
        """Whether moving forward asks this step."""
        if step.obligation is not None:
            reason = ruled_out(self.catalog, self.answers).get(step.obligation)
            if reason is not None:
                if step.obligation not in self._told_ruled_out:
                    self._told_ruled_out.add(step.obligation)
                    self._say("ruled_out", "detail", id=step.obligation, reason=reason)
                return False
            if step.obligation in self._reopened:
                return True
            if step.obligation in self._done_before:
                return False
            return not (step.kind == "rating" and (step.obligation, step.level) in self._rated_before)
        if step.kind in ("gate", "series") and step.series in self._series_before and step.series not in self._reopened:
            return False  # figures given before this run: passed over, as answered duties are (b or --review reopen them)
        if step.kind == "gate" and self.indicators.get(step.series or ""):
            return False  # a series with figures goes straight to its years, showing them
        if step.kind in ("gate", "series") and step.series not in self._reopened:
            # An article answered in full before this run is passed over, its series too.
            article = self.catalog.article(step.article)
            return not (article and all(o.id in self._done_before for o in article.obligations))
        return True

    def _forward(self, i: int) -> int:
        j = i + 1
        while j < len(self.steps) and not self._applies(self.steps[j]):
            j += 1
        return j

    def _backward(self, i: int) -> int | None:
        while self._history:
            j = self._history.pop()
            if self._exists(self.steps[j]):
                return j
        # Nothing asked yet in this run: the step before in treaty order, passing over the
        # series of articles answered in full before (they are not asked going forward either).
        j = i - 1
        while j >= 0 and not (self._exists(self.steps[j]) and (self.steps[j].kind not in ("gate", "series") or self._applies(self.steps[j]))):
            j -= 1
        return j if j >= 0 else None

    # -- output helpers -----------------------------------------------------------------

    def _say(self, key: str, kind: str = "text", **values: object) -> None:
        self.prompter.say(_msg(key, **values), kind)

    def _ask(self, key: str, default: str = "", **values: object) -> str:
        prompt = _msg(key, **values)
        if default:
            prompt = _msg("with_default", prompt=prompt, default=default)
        return self.prompter.ask(prompt + ": ")

    def _save(self) -> None:
        self._save_callback(self.answer_set())

    def _announce(self, step: Step) -> None:
        if step.article and step.article != self._shown_article:
            self._shown_article = step.article
            self._shown_unit = ""
            article = self.catalog.article(step.article)
            if article is not None:
                self._article_header(article)
        if step.unit != self._shown_unit:
            self._shown_unit = step.unit
            if step.kind in ("name", "organisation"):
                self._say("assessor_intro", "heading")
            elif step.obligation is not None:
                self._duty_header(self.catalog.obligations[step.obligation])
            elif step.series is not None:
                self._series_header(step.series)

    def _article_header(self, article: Article) -> None:
        chapter = self.catalog.chapter(article.chapter)
        self.prompter.say("", "text")
        self._say("chapter", "detail", chapter=chapter.id, title=clean(chapter.title))
        self._say("article", "heading", number=article.number, title=clean(article.title))
        self.prompter.say(clean(article.summary), "text")
        self._say("article_duties", "detail", count=len(article.obligations))

    def _duty_header(self, o: Obligation) -> None:
        now = self.progress()
        self.prompter.say("", "text")
        self._say("progress", "progress", article=o.article, answered=now.answered, total=now.total)
        from actip_cli.render.report_text import citation  # in the language's legal style: khoản 1 Điều 14

        self._say("duty", "heading", id=o.id, citation=citation(o.article, o.paragraph), title=clean(o.title))
        self._say("how_binding", "detail", words=clean(how_binding(self.catalog, o)))
        kind = "warning" if o.verification == "unverified" else "detail"
        self._say("source", kind, words=_(VERIFICATION_WORDS[o.verification]) if o.verification in VERIFICATION_WORDS else o.verification)
        self.prompter.say(clean(o.summary), "text")

    def _series_header(self, sid: str) -> None:
        ind = self.catalog.indicators[sid]
        self.prompter.say("", "text")
        self._say("series", "heading", name=clean(ind.name), unit=clean(ind.unit),
                  direction=_msg(ind.direction) if ind.direction in MESSAGES else ind.direction,
                  level=_msg(ind.level) if ind.level in MESSAGES else ind.level)
        self.prompter.say(clean(ind.description), "text")
        if self.indicators.get(sid):
            self._say("series_intro", "detail")

    def _answer(self, oid: ObligationId) -> Answer:
        return self.answers.get(oid, Answer())

    def _set(self, oid: ObligationId, **changes: object) -> None:
        self.answers[oid] = self._answer(oid)._replace(**changes)  # type: ignore[arg-type]
        self._save()

    # -- steps ----------------------------------------------------------------------------

    def _assessor_step(self, step: Step) -> _Move:
        field_name = step.kind  # "name" or "organisation"
        current = self.assessor or Assessor()
        while True:
            raw = self._ask("ask_name" if field_name == "name" else "ask_organisation",
                            short(getattr(current, field_name)))
            command = raw.strip().lower()
            if command == "?":
                self._say("assessor_help", "help")
                continue
            if command in _NAVIGATION:
                return _NAVIGATION[command]
            text = clean(raw)
            if not text:
                return _Move.NEXT
            if len(text) > LIMITS["assessor"]:
                self._say("too_long", "error", length=len(text), limit=LIMITS["assessor"])
                continue
            self.assessor = current._replace(**{field_name: text, "date": current.date or self.today})
            self._save()
            return _Move.NEXT

    def _rating(self, step: Step) -> _Move:
        assert step.obligation is not None and step.level is not None
        o = self.catalog.obligations[step.obligation]
        level = step.level
        self._say("in_law" if level == "de_jure" else "in_practice", "question", question=clean(o.question(level)))
        self._disagreement(o.id, level)
        self._say("scale", "choices")
        while True:
            current = self._answer(o.id).rating(level)
            raw = self._ask("ask_rating", rating_words(current) if current else "")
            command = raw.strip().lower()
            if command == "?":
                self._rating_help(o, level)
                self._say("in_law" if level == "de_jure" else "in_practice", "question", question=clean(o.question(level)))
                self._say("scale", "choices")
                continue
            if command in ("b", "s", "q"):
                return _NAVIGATION[command]
            if not command:
                if current:
                    self._settle(o.id, level)
                    return _Move.NEXT
                self._say("rating_required", "error")
                continue
            rating = parse_rating(command)
            if rating is None:
                self._say("rating_invalid", "error", text=short(clean(raw), 30))
                continue
            if rating == "not-applicable":
                # Asked now, not later: a not-applicable rating saved without its reason
                # would make the file invalid until the note step.
                note = self._reason(o)
                if note is None:
                    continue
                self._set(o.id, **{level: rating, "note": note})
                self._settle(o.id, level)
                return _Move.NEXT
            if rating != current:
                self._set(o.id, **{level: rating})
            self._settle(o.id, level)
            return _Move.NEXT

    def _disagreement(self, oid: ObligationId, level: Level) -> None:
        """Under a disputed merged answer, who said what at this level (from `actip merge`)."""
        answer = self._answer(oid)
        if answer.agreement != "conflict":
            return
        from actip_cli.merge import by_rating, given_at

        groups = by_rating(given_at(level, answer.provenance))
        if len(groups) > 1:
            said = "; ".join(f"{rating_words(r)} ({', '.join(clean(n) for n in names)})" for r, names in groups)
            self._say("respondents_said", "detail", said=said)

    def _settle(self, oid: ObligationId, level: Level) -> None:
        """A disputed duty rated at both levels in this run is settled: marked agreed."""
        if self._answer(oid).agreement != "conflict":
            return
        levels = self._settling.setdefault(oid, set())
        levels.add(level)
        if levels >= set(LEVELS):
            self._set(oid, agreement="agreed")
            self._say("settled", "detail")

    def _reason(self, o: Obligation) -> str | None:
        """The note a not-applicable rating needs; None to choose another rating."""
        existing = self._answer(o.id).note
        self._say("reason_intro", "detail")
        while True:
            raw = self._ask("ask_reason", short(existing))
            command = raw.strip().lower()
            if command == "?":
                self._say("reason_help", "help")
                continue
            if command == "b":
                return None
            if command == "q":
                raise _Quit
            text = clean(raw)
            if not text:
                if existing:
                    return existing
                self._say("reason_required", "error")
                continue
            if len(text) > LIMITS["note"]:
                self._say("too_long", "error", length=len(text), limit=LIMITS["note"])
                continue
            return text

    def _rating_help(self, o: Obligation, level: Level) -> None:
        say = self.prompter.say
        self._say("help_title", "heading", id=o.id, level=_(LEVEL_WORDS[level]))
        self._say("help_question_law" if level == "de_jure" else "help_question_practice", "help")
        if o.guidance:
            self._say("help_scale_law" if level == "de_jure" else "help_scale_practice", "help")
            for number, rating in enumerate(RATINGS):
                say(f"{number} {rating_word(rating)}: {clean(o.guidance.for_rating(rating))}", "item")
        else:
            self._say("help_no_guidance", "help")
        self._say("help_unknown", "item")
        self._say("help_not_applicable", "item")
        if o.guidance and o.guidance.evidence:
            self._say("help_evidence", "help", text=clean(o.guidance.evidence))
        modality = self.catalog.modalities.get(o.modality)
        self._say("help_binding", "help", words=clean(how_binding(self.catalog, o)),
                  explanation=clean(modality.explanation) if modality else "")
        self._say("help_keys", "help")

    def _details(self, step: Step) -> _Move:
        """Evidence lines and the note, in one prompt: most duties get neither on a first pass."""
        assert step.obligation is not None
        oid = step.obligation
        given = self._answer(oid)
        self._say("details_intro", "detail")
        if given.evidence or given.note or given.grade:
            self._say("details_so_far", "text")
            for number, text in enumerate(given.evidence, 1):
                self._say("evidence_item", "item", number=number, text=clean(text))
            if given.note:
                self._say("note_item", "item", text=clean(given.note))
            if given.grade:
                self._say("grade_item", "item", grade=given.grade)
            self._say("details_more", "detail")
        note_words = {unaccented(_msg("note_prefix")), MESSAGES["note_prefix"]}
        grade_words = {unaccented(_msg("grade_prefix")), MESSAGES["grade_prefix"]}
        while True:
            answer = self._answer(oid)
            raw = self._ask("ask_details")
            command = raw.strip().lower()
            if command == "?":
                self._say("evidence_help", "help")
                o = self.catalog.obligations[oid]
                if o.guidance and o.guidance.evidence:
                    self._say("help_evidence", "help", text=clean(o.guidance.evidence))
                self._say("note_help", "help")
                self._say("grade_help", "help")
                continue
            if command in _NAVIGATION:
                return _NAVIGATION[command]
            needed = "not-applicable" in (answer.de_jure, answer.de_facto)
            if command == "clear":
                self._set(oid, evidence=())
                self._say("evidence_cleared", "detail")
                continue
            head, colon, rest = raw.strip().partition(":")
            word = unaccented(head.strip() + colon) if colon else ""
            if word in grade_words:
                grade = rest.strip().upper()
                if grade not in ("", "A", "B", "C"):
                    self._say("grade_help", "error")
                else:
                    self._set(oid, grade=grade or None)
                    if grade:
                        self._say("grade_saved", "detail", grade=grade)
                    else:
                        self._say("grade_cleared", "detail")
                continue
            if word in note_words:
                note = clean(rest)
                if not note and needed:
                    self._say("note_required", "error")
                elif len(note) > LIMITS["note"]:
                    self._say("too_long", "error", length=len(note), limit=LIMITS["note"])
                else:
                    self._set(oid, note=note)
                    self._say("note_saved" if note else "note_cleared", "detail")
                continue
            text = clean(raw)
            if not text:
                if needed and not answer.note:
                    self._say("note_required", "error")
                    continue
                return _Move.NEXT
            if len(text) > LIMITS["evidence"]:
                self._say("too_long", "error", length=len(text), limit=LIMITS["evidence"])
                continue
            self._set(oid, evidence=(*answer.evidence, text))
            self._say("evidence_saved", "detail", number=len(answer.evidence) + 1)

    def _gate(self, step: Step) -> _Move:
        """One question before a series without figures, so a walk without data is not five Enters per series."""
        assert step.series is not None
        self._say("series_gate", "question")
        while True:
            raw = self._ask("ask_gate")
            command = raw.strip().lower()
            if command == "?":
                self._series_help(step.series)
                continue
            if command in _NAVIGATION:
                return _NAVIGATION[command]
            if command in ("", "n", "no"):
                return _Move.SKIP
            if command in ("y", "yes", *(w.strip() for w in _msg("yes_words").lower().split(","))):
                self._say("series_intro", "detail")
                return _Move.NEXT
            self._say("gate_invalid", "error")

    def _other_year(self, sid: str, year: int, text: str) -> None:
        """A value for a year outside the ones asked (figures often come from older reports)."""
        value = parse_number(text)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self._say("year_outside", "error", year=year)
        elif value is None:
            self._say("number_invalid", "error", text=short(clean(text), 30))
        elif value < 0:
            self._say("number_negative", "error")
        else:
            self.indicators.setdefault(sid, {})[year] = value
            self._save()
            self._say("other_year_saved", "detail", year=year, value=format_number(value))

    def _series_help(self, sid: str) -> None:
        ind = self.catalog.indicators[sid]
        self.prompter.say(clean(ind.description), "help")
        if ind.caveat:
            self._say("series_caveat", "help", text=clean(ind.caveat))
        self._say("series_help", "help")

    def _series(self, step: Step) -> _Move:
        assert step.series is not None and step.year is not None
        sid, year = step.series, step.year
        while True:
            current = self.indicators.get(sid, {}).get(year)
            prompt = str(year) if current is None else _msg("with_default", prompt=year, default=format_number(current))
            raw = self.prompter.ask(prompt + ": ")
            command = raw.strip().lower()
            if command == "?":
                self._series_help(sid)
                continue
            if command in _NAVIGATION:
                return _NAVIGATION[command]
            if not command:
                return _Move.NEXT
            other = re.fullmatch(r"(\d{4})\s*[=:]\s*(.+)", command)
            if other:
                self._other_year(sid, int(other.group(1)), other.group(2))
                continue
            value = parse_number(command)
            if value is None:
                self._say("number_invalid", "error", text=short(clean(raw), 30))
                continue
            if value < 0:
                self._say("number_negative", "error")
                continue
            if value != current:
                self.indicators.setdefault(sid, {})[year] = value
                self._save()
            return _Move.NEXT


__all__ = [
    "MESSAGES", "Outcome", "Progress", "Prompter", "Scope", "Session", "Step", "clean", "how_binding",
    "missing", "parse_chapter", "parse_number", "parse_rating", "progress", "rating_words", "ruled_out",
]
