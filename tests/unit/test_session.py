"""The walk logic, driven by a scripted prompter: order, skip logic, navigation, resume, saving."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actip_cli import answers, yamlio
from actip_cli.errors import UsageProblem
from actip_cli.model import Answer, AnswerSet, Catalog, ObligationId
from actip_cli.session import (
    Outcome,
    Scope,
    Session,
    clean,
    missing,
    parse_number,
    parse_rating,
    progress,
    ruled_out,
)

DUTIES = ["ACTIP-5.1", "ACTIP-14.1", "ACTIP-14.4", "ACTIP-14.5", "ACTIP-16.4", "ACTIP-18.1", "ACTIP-18.2", "ACTIP-24.1"]


class Scripted:
    """A Prompter that answers from a list and records everything said and asked."""

    def __init__(self, inputs: list[str]) -> None:
        self.inputs = list(inputs)
        self.lines: list[tuple[str, str]] = []
        self.prompts: list[str] = []

    def say(self, text: str, kind: str = "text") -> None:
        self.lines.append((kind, text))

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        self.lines.append(("prompt", prompt))
        if not self.inputs:
            raise EOFError
        answer = self.inputs.pop(0)
        if answer == "^C":
            raise KeyboardInterrupt
        return answer

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.lines)


def new_set(**kw) -> AnswerSet:
    return AnswerSet(country="VNM", period=2025, catalog_version="2026.11", **kw)


def make(catalog: Catalog, inputs: list[str], answer_set: AnswerSet | None = None, **kw) -> tuple[Session, Scripted, list[AnswerSet]]:
    saved: list[AnswerSet] = []
    prompter = Scripted(inputs)
    session = Session(catalog, answer_set or new_set(), prompter, saved.append, today="2025-06-01", **kw)
    return session, prompter, saved


def duty(de_jure: str, de_facto: str, *evidence: str, note: str = "") -> list[str]:
    """The inputs for one duty: two ratings, evidence lines and the note, the empty line that ends them."""
    return [de_jure, de_facto, *evidence, *([f"note: {note}"] if note else []), ""]


# Series asked at the end of an article: one question each while they have no figures.
AFTER_5 = [""]  # investigations
AFTER_14 = ["", "n"]  # victims-identified, re-trafficked-victims
AFTER_18 = ["s"]  # mla-requests-executed


def full_walk() -> list[str]:
    return [
        *duty("3", "1", "Law 53/2024/QH15, art. 24", note="Adopted 2024"), *AFTER_5,
        *duty("4", "2"), *duty("2", "2"), *duty("1", "0"), *AFTER_14,
        *duty("3", "3"),
        *duty("2", "1"), *duty("1", "1"), *AFTER_18,
        *duty("u", "u"),
    ]


def test_full_walk_answers_every_duty_in_treaty_order(mini_catalog) -> None:
    session, prompter, saved = make(mini_catalog, full_walk())
    assert session.run() is Outcome.FINISHED
    result = session.answer_set()
    assert list(result.answers) == DUTIES
    assert result.answers[ObligationId("ACTIP-5.1")] == Answer("substantial", "initial", ("Law 53/2024/QH15, art. 24",),
                                                               note="Adopted 2024")
    assert result.answers[ObligationId("ACTIP-24.1")].de_facto == "unknown"
    assert missing(mini_catalog, result) == []
    assert prompter.inputs == []


def test_saved_after_every_answer_and_never_loses_one(mini_catalog) -> None:
    session, _, saved = make(mini_catalog, full_walk())
    session.run()
    # 16 ratings, one citation and one note: one save each; Enter on empty optional prompts saves nothing.
    assert len(saved) == 18
    for before, after in zip(saved, saved[1:]):
        for oid, answer in before.answers.items():
            for level in ("de_jure", "de_facto"):
                if answer.rating(level) is not None:
                    assert after.answers[oid].rating(level) == answer.rating(level)


def test_headers_and_progress_line(mini_catalog) -> None:
    session, prompter, _ = make(mini_catalog, full_walk())
    session.run()
    text = prompter.text
    assert "Article 14. Article 14 of the test catalog" in text
    assert "Chapter IV: Protection" in text
    assert "Duties to assess in this article: 3" in text
    assert "Article 14 · 1 of 8 duties answered" in text
    assert "ACTIP-14.4, Art. 14(4): Permission to remain" in text
    assert "How binding: softened: 'shall consider'" in text
    assert "How binding: best effort: 'shall endeavour'" in text
    assert "Source: verified against the treaty text" in text
    assert "In law (de jure): Is identifying victims in law?" in text
    assert "In practice (de facto): Is identifying victims applied in practice?" in text
    assert "0 none, 1 initial, 2 partial, 3 substantial, 4 full, u unknown, n not applicable" in text
    assert ("warning", "Source: NOT verified: reconstructed, check against the official text") in prompter.lines


def test_relevant_if_rules_out_a_duty_and_says_why(mini_catalog) -> None:
    inputs = [*duty("3", "1"), *AFTER_5, *duty("4", "2"), *duty("2", "2"), *duty("1", "0"), *AFTER_14,
              *duty("3", "3"), *duty("0", "0"), *AFTER_18, *duty("2", "2")]
    session, prompter, _ = make(mini_catalog, inputs)
    assert session.run() is Outcome.FINISHED
    result = session.answer_set()
    assert "ACTIP-18.2" not in result.answers
    assert "ACTIP-18.2 is not asked: ACTIP-18.1 in law (de jure) is none." in prompter.text
    assert missing(mini_catalog, result) == []
    assert progress(mini_catalog, result.answers) .total == 7


def test_unknown_condition_keeps_the_duty_in(mini_catalog) -> None:
    answers_ = {ObligationId("ACTIP-18.1"): Answer("unknown", "none")}
    assert ruled_out(mini_catalog, answers_) == {}
    answers_ = {ObligationId("ACTIP-18.1"): Answer("none", "none")}
    assert list(ruled_out(mini_catalog, answers_)) == ["ACTIP-18.2"]


def test_back_goes_to_the_previous_question_with_its_answer_as_default(mini_catalog) -> None:
    session, prompter, _ = make(mini_catalog, ["3", "b", "", "2"], scope=Scope(articles=frozenset({5})))
    session.run()
    assert prompter.prompts[:3] == ["Rating (0-4, u, n, ?): ", "Rating (0-4, u, n, ?): ",
                                    "Rating (0-4, u, n, ?) [Enter keeps: 3 substantial]: "]
    assert session.answers[ObligationId("ACTIP-5.1")] == Answer("substantial", "partial")


def test_back_at_the_first_question_says_so(mini_catalog) -> None:
    session, prompter, _ = make(mini_catalog, ["b", "q"])
    assert session.run() is Outcome.QUIT
    assert "This is the first question; there is nothing before it." in prompter.text


def test_back_from_a_resumed_run_reaches_the_duty_before(mini_catalog) -> None:
    start = new_set(answers={ObligationId("ACTIP-5.1"): Answer("full", "full", note="old")})
    session, prompter, _ = make(mini_catalog, ["b", "Note: new note", "q"], start)
    session.run()
    assert prompter.prompts[0] == "Rating (0-4, u, n, ?): "
    assert prompter.prompts[1] == "Evidence or note: "
    assert ("item", "Note: old") in prompter.lines
    assert "Saved as the note." in prompter.text
    assert session.answers[ObligationId("ACTIP-5.1")].note == "new note"


def test_back_into_a_finished_duty_then_forward_asks_it_in_full(mini_catalog) -> None:
    # Going back to de_jure of a duty answered earlier in this run must not jump past its de_facto.
    session, prompter, _ = make(mini_catalog, ["3", "1", "", "b", "b", "b", "", "", "", "q"],
                                scope=Scope(articles=frozenset({5})))
    session.run()
    rating, keeps = "Rating (0-4, u, n, ?)", "Rating (0-4, u, n, ?) [Enter keeps"
    assert [p.split(":")[0] for p in prompter.prompts] == [
        rating, rating, "Evidence or note", "Figures (y, or Enter to skip)",
        "Evidence or note", keeps, keeps,
        keeps, "Evidence or note", "Figures (y, or Enter to skip)",
    ]


def test_skip_leaves_the_duty_unanswered(mini_catalog) -> None:
    session, _, _ = make(mini_catalog, ["3", "s", "q"], scope=Scope(chapters=frozenset({"IV"})))
    session.run()
    assert session.answers[ObligationId("ACTIP-14.1")] == Answer("substantial", None)
    assert missing(mini_catalog, session.answer_set(), Scope(chapters=frozenset({"IV"})))[0] == "ACTIP-14.1"


def test_quit_and_end_of_input(mini_catalog) -> None:
    session, _, saved = make(mini_catalog, ["2", "q"])
    assert session.run() is Outcome.QUIT
    assert saved[-1].answers[ObligationId("ACTIP-5.1")].de_jure == "partial"
    session, _, _ = make(mini_catalog, ["2"])
    assert session.run() is Outcome.INPUT_ENDED


def test_ctrl_c_propagates_after_the_last_answer_was_saved(mini_catalog) -> None:
    session, _, saved = make(mini_catalog, ["2", "^C"])
    with pytest.raises(KeyboardInterrupt):
        session.run()
    assert saved[-1].answers[ObligationId("ACTIP-5.1")].de_jure == "partial"


def test_not_applicable_asks_for_the_reason_before_saving(mini_catalog) -> None:
    session, prompter, saved = make(mini_catalog, ["n", "", "b", "n", "No such body", "q"])
    session.run()
    assert "A reason is required for not applicable." in prompter.text
    assert prompter.prompts[1:3] == ["Reason: ", "Reason: "]
    assert len(saved) == 1  # the rating and its reason, together
    assert saved[0].answers[ObligationId("ACTIP-5.1")] == Answer("not-applicable", None, note="No such body")


def test_note_cannot_be_cleared_while_not_applicable(mini_catalog) -> None:
    session, prompter, _ = make(mini_catalog, ["n", "why", "2", "note:", "q"])
    session.run()
    assert "A note is required while a rating is not applicable." in prompter.text
    assert session.answers[ObligationId("ACTIP-5.1")].note == "why"


def test_invalid_rating_is_asked_again(mini_catalog) -> None:
    session, prompter, _ = make(mini_catalog, ["7", "partial", "N/A", "because", "q"])
    session.run()
    assert "'7' is not a rating" in prompter.text
    assert session.answers[ObligationId("ACTIP-5.1")] == Answer("partial", "not-applicable", note="because")


def test_help_shows_the_guidance_and_asks_again(mini_catalog) -> None:
    session, prompter, _ = make(mini_catalog, ["?", "q"])
    session.run()
    text = prompter.text
    assert "Help for ACTIP-5.1, in law (de jure)" in text
    assert ("item", "2 partial: Adopted, not used.") in prompter.lines
    assert "Evidence that counts: A statute and numbers." in text
    assert "The Party must do this" in text
    assert "weigh what it says about the law" in text
    assert len(prompter.prompts) == 2


def test_help_at_the_practice_question_points_at_practice(mini_catalog) -> None:
    session, prompter, _ = make(mini_catalog, ["2", "?", "q"])
    session.run()
    assert "Help for ACTIP-5.1, in practice (de facto)" in prompter.text
    assert "weigh what it says about practice" in prompter.text


def test_evidence_lines_clear_and_too_long(mini_catalog) -> None:
    session, prompter, _ = make(mini_catalog, ["1", "1", "Law A", "x" * 2001, "Decree B", "", "b",
                                               "clear", "Report C", "", "q"], scope=Scope(articles=frozenset({5})))
    session.run()
    assert "the limit here is 2000" in prompter.text
    assert "Saved as evidence 2." in prompter.text
    assert "Given so far:" in prompter.text and ("item", "Evidence 2: Decree B") in prompter.lines
    assert "Evidence removed." in prompter.text
    assert session.answers[ObligationId("ACTIP-5.1")].evidence == ("Report C",)


def test_typed_text_is_cleaned_of_control_characters(mini_catalog) -> None:
    session, _, _ = make(mini_catalog, ["1", "1", "Law\x1b[31m 1\x07", "NOTE: a\tb\r", "q"])
    session.run()
    answer = session.answers[ObligationId("ACTIP-5.1")]
    assert answer.evidence == ("Law [31m 1",)
    assert answer.note == "a b"


def test_assessor_is_asked_once_at_the_start_and_skippable(mini_catalog) -> None:
    session, _, saved = make(mini_catalog, ["Nguyen Lan", "", "q"], ask_assessor=True)
    session.run()
    assert saved[-1].assessor is not None
    assert (saved[-1].assessor.name, saved[-1].assessor.organisation, saved[-1].assessor.date) == ("Nguyen Lan", "", "2025-06-01")
    session, prompter, saved = make(mini_catalog, ["s", "q"], ask_assessor=True)
    session.run()
    assert saved == [] and prompter.prompts[1].startswith("Rating")


def test_resume_starts_at_the_first_unanswered_question(mini_catalog) -> None:
    start = new_set(answers={ObligationId("ACTIP-5.1"): Answer("full", "full"),
                             ObligationId("ACTIP-14.1"): Answer("partial", None)})
    session, prompter, _ = make(mini_catalog, ["q"], start)
    session.run()
    assert prompter.lines[0] == ("progress", "Resuming: 1 of 8 answered, 1 more in part.")
    assert "In practice (de facto): Is identifying victims applied in practice?" in prompter.text
    assert "Is identifying victims in law?" not in prompter.text


def test_resume_passes_over_answered_duties_and_their_series(mini_catalog) -> None:
    done = {ObligationId(oid): Answer("full", "full") for oid in DUTIES[:4]}
    session, prompter, _ = make(mini_catalog, ["q"], new_set(answers=done))
    session.run()
    assert "Indicator:" not in prompter.text
    assert "ACTIP-16.4, Art. 16(4)" in prompter.text


def test_resume_passes_over_series_given_before_even_in_an_unfinished_article(mini_catalog) -> None:
    done = {ObligationId(oid): Answer("full", "full") for oid in ("ACTIP-5.1", "ACTIP-14.1", "ACTIP-14.4")}
    start = new_set(answers=done, indicators={"victims-identified": {2023: 80, 2024: 95}})
    # ACTIP-14.5 is still open: its two ratings and details, then Article 14's series.
    session, prompter, saved = make(mini_catalog, [*duty("2", "1"), "", "q"], start)
    session.run()
    assert "Indicator: Victims identified" not in prompter.text  # had figures before this run
    assert "Indicator: Victims trafficked again" in prompter.text  # had none: still asked
    assert saved[-1].indicators["victims-identified"] == {2023: 80, 2024: 95}


def test_details_take_an_evidence_grade(mini_catalog) -> None:
    inputs = ["3", "1", "Law 53/2024/QH15, art. 24", "grade: d", "grade: b", "", "q"]
    session, prompter, saved = make(mini_catalog, inputs)
    session.run()
    answer = saved[-1].answers[ObligationId("ACTIP-5.1")]
    assert (answer.evidence, answer.grade) == (("Law 53/2024/QH15, art. 24",), "B")
    assert any(t.startswith("'grade: A', 'grade: B' or 'grade: C'") for k, t in prompter.lines if k == "error")  # 'd' refused
    assert ("detail", "Evidence grade B saved.") in prompter.lines
    again, prompter2, saved2 = make(mini_catalog, ["", "", "grade:", "", "q"], saved[-1], review=True)
    again.run()
    assert ("item", "Evidence grade: B") in prompter2.lines
    assert saved2[-1].answers[ObligationId("ACTIP-5.1")].grade is None


def test_vietnamese_note_and_grade_words_work_without_accents(mini_catalog) -> None:
    from actip_cli import i18n

    i18n.activate("vi")
    inputs = ["3", "1", "tin cay: b", "GHI CHU: Đã ban hành năm 2024", "Luật 53/2024/QH15: điều 5", "", "q"]
    session, _, saved = make(mini_catalog, inputs)
    session.run()
    answer = saved[-1].answers[ObligationId("ACTIP-5.1")]
    assert (answer.grade, answer.note, answer.evidence) == ("B", "Đã ban hành năm 2024", ("Luật 53/2024/QH15: điều 5",))


def test_review_walks_answered_questions_with_defaults(mini_catalog) -> None:
    start = new_set(answers={ObligationId("ACTIP-5.1"): Answer("full", "initial", ("Law 1",), note="n1")})
    session, prompter, saved = make(mini_catalog, ["", "3", "", "q"], start, review=True)
    session.run()
    assert prompter.lines[0][1].startswith("Reviewing: 1 of 8 answered.")
    assert prompter.prompts[:3] == [
        "Rating (0-4, u, n, ?) [Enter keeps: 4 full]: ",
        "Rating (0-4, u, n, ?) [Enter keeps: 1 initial]: ",
        "Evidence or note: ",
    ]
    assert ("item", "Evidence 1: Law 1") in prompter.lines and ("item", "Note: n1") in prompter.lines
    assert saved[-1].answers[ObligationId("ACTIP-5.1")] == Answer("full", "substantial", ("Law 1",), note="n1")
    assert len(saved) == 1  # Enter keeps without writing


def test_review_shows_who_disagreed_and_settles_a_merged_conflict(mini_catalog) -> None:
    from actip_cli.model import Provenance

    said = (Provenance("NGO", "full", "none"), Provenance("Police", "full", "partial"), Provenance("Justice", "full", None))
    disputed = Answer("full", "none", note="Respondents disagree", agreement="conflict", provenance=said)
    start = new_set(answers={ObligationId("ACTIP-5.1"): disputed})
    session, prompter, saved = make(mini_catalog, ["", "1", "", "q"], start, review=True)
    session.run()
    disagreement = [t for k, t in prompter.lines if t.startswith("Respondents disagreed")]
    assert disagreement == ["Respondents disagreed: 2 partial (Police); 0 none (NGO). The current answer is the merged one; "
                            "your rating (Enter keeps it) settles this level."]  # in law they all said full: no line
    settled = saved[-1].answers[ObligationId("ACTIP-5.1")]
    assert (settled.de_jure, settled.de_facto, settled.agreement) == ("full", "initial", "agreed")
    assert settled.provenance == said  # what each respondent said is kept
    assert ("detail", "Both levels settled: the duty is marked agreed. Say in the note how it was settled.") in prompter.lines


def test_a_disputed_duty_left_at_one_level_stays_in_conflict(mini_catalog) -> None:
    from actip_cli.model import Provenance

    said = (Provenance("Police", "full", "partial"), Provenance("NGO", "initial", "none"))
    start = new_set(answers={ObligationId("ACTIP-5.1"): Answer("initial", "none", agreement="conflict", provenance=said)})
    session, prompter, saved = make(mini_catalog, ["3", "q"], start, review=True)
    session.run()
    answer = saved[-1].answers[ObligationId("ACTIP-5.1")]
    assert (answer.de_jure, answer.agreement) == ("substantial", "conflict")


def test_chapter_and_article_filters_add_up(mini_catalog) -> None:
    scope = Scope.parse(mini_catalog, ["4"], [24])
    assert [o.id for o in scope.obligations(mini_catalog)] == ["ACTIP-14.1", "ACTIP-14.4", "ACTIP-14.5", "ACTIP-24.1"]
    assert Scope.parse(mini_catalog, ["iv"]) == Scope.parse(mini_catalog, ["IV"]) == Scope.parse(mini_catalog, [" 4 "])


@pytest.mark.parametrize(("chapters", "articles", "message"), [
    (["IX"], [], "unknown chapter 'IX'"), (["eleven"], [], "unknown chapter"), ([], [99], "no Article 99"),
    ([], [1], "place no duty"), (["I"], [], "place no duty"),
])
def test_bad_scopes_are_usage_errors(mini_catalog, chapters, articles, message) -> None:
    with pytest.raises(UsageProblem, match=message):
        Scope.parse(mini_catalog, chapters, articles)


def test_filtered_walk_records_only_its_answers(mini_catalog) -> None:
    scope = Scope.parse(mini_catalog, [], [18])
    session, _, _ = make(mini_catalog, [*duty("2", "1"), *duty("1", "1"), *AFTER_18], scope=scope)
    assert session.run() is Outcome.FINISHED
    assert list(session.answer_set().answers) == ["ACTIP-18.1", "ACTIP-18.2"]
    assert missing(mini_catalog, session.answer_set(), scope) == []
    assert len(missing(mini_catalog, session.answer_set())) == 6


def test_series_are_asked_year_by_year_with_validation(mini_catalog) -> None:
    inputs = [*duty("1", "1"), "maybe", "y", "", "abc", "-5", "1,200", "", "12.5", ""]
    session, prompter, saved = make(mini_catalog, inputs, scope=Scope(articles=frozenset({5})))
    assert session.run() is Outcome.FINISHED
    assert session.answer_set().indicators == {"investigations": {2022: 1200.0, 2024: 12.5}}
    assert [p for p in prompter.prompts if p[:2] == "20"] == ["2021: ", "2022: ", "2022: ", "2022: ", "2023: ", "2024: ", "2025: "]
    assert "'abc' is not a number" in prompter.text and "cannot be negative" in prompter.text
    assert "Type y to give the figures year by year" in prompter.text
    assert "Indicator: Trafficking investigations opened (cases; higher is better; outcome: practice)" in prompter.text


def test_another_year_can_be_given_at_any_year_prompt(mini_catalog) -> None:
    inputs = [*duty("1", "1"), "y", "2019=200", "1850=3", "2018: x", "2017=-1", "5", "s"]
    session, prompter, _ = make(mini_catalog, inputs, scope=Scope(articles=frozenset({5})))
    assert session.run() is Outcome.FINISHED
    assert session.answer_set().indicators == {"investigations": {2019: 200.0, 2021: 5.0}}
    text = prompter.text
    assert "Saved 2019: 200." in text and "1850 is outside 1990 to 2100." in text
    assert "'x' is not a number" in text and "cannot be negative" in text


def test_series_show_existing_values_as_defaults_and_keep_other_years(mini_catalog) -> None:
    start = new_set(answers={ObligationId("ACTIP-5.1"): Answer("full", "full")},
                    indicators={"investigations": {2019: 200.0, 2024: 150.0}})
    session, prompter, _ = make(mini_catalog, ["", "", "", "", "", "", "", "99", "q"], start,
                                review=True, scope=Scope(articles=frozenset({5})))
    session.run()
    years = [p for p in prompter.prompts if p[:2] in ("19", "20")]
    assert years[0] == "2019 [Enter keeps: 200]: "
    assert "2024 [Enter keeps: 150]: " in years
    assert session.answer_set().indicators["investigations"] == {2019: 200.0, 2024: 99.0}


def test_a_series_linked_from_two_articles_is_asked_once(mini_catalog) -> None:
    session, prompter, _ = make(mini_catalog, full_walk())
    session.run()
    assert sum("Trafficking investigations opened" in t for _, t in prompter.lines) == 1


@pytest.mark.parametrize(("text", "value"), [("0", 0.0), ("1200", 1200.0), ("1,200", 1200.0), ("1 200", 1200.0),
                                             ("12.5", 12.5), (".5", 0.5), ("1,2", None), ("abc", None), ("nan", None),
                                             ("1e9", None), ("", None), ("-3", -3.0)])
def test_parse_number(text, value) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "rating"), [("0", "none"), ("4", "full"), ("U", "unknown"), ("n", "not-applicable"),
                                              ("Partial", "partial"), ("n/a", "not-applicable"), ("5", None), ("", None)])
def test_parse_rating(text, rating) -> None:
    assert parse_rating(text) == rating


def test_clean() -> None:
    assert clean("  a\nb\u2028c\x00d  ") == "a b c d"


# Every file the walk saves must load again, whatever is typed: the invariant behind
# "Ctrl-C or kill -9 at any moment leaves a valid file".
TOKENS = st.sampled_from(["0", "1", "2", "3", "4", "u", "n", "b", "s", "?", "", "", "", "why", "Law 1", "clear",
                          "x", "-5", "1,200", "12", "q", "partial", "\x1b[2J"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(inputs=st.lists(TOKENS, max_size=80), review=st.booleans())
def test_every_saved_file_loads_whatever_is_typed(mini_catalog, inputs, review) -> None:
    session, _, saved = make(mini_catalog, inputs, review=review, ask_assessor=not review)
    session.run()
    for answer_set in saved[-3:]:
        text = answers.dumps(answer_set)
        doc = yamlio.load(Path("walk.yaml"), text=text)
        check = answers.check_document(doc, mini_catalog)
        assert check.errors == [], (text, check.errors)
        assert check.answers is not None
        assert dataclasses.replace(check.answers, source="").answers == answer_set.answers


def test_progress_counts_duties_rated_at_one_level_apart(mini_catalog) -> None:
    ids = sorted(mini_catalog.obligations)
    given = {ids[0]: Answer(de_jure="full", de_facto="none"), ids[1]: Answer(de_jure="partial"),
             ids[2]: Answer(de_facto="unknown"), ids[3]: Answer(note="only a note")}
    now = progress(mini_catalog, given)
    assert (now.answered, now.partly) == (1, 2)
