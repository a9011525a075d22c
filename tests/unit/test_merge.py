"""The merge core: rules per level, provenance, conflicts, refusals, and a valid merged file."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actip_cli import answers as answers_io
from actip_cli import merge, yaml_fast, yamlio
from actip_cli.errors import UsageProblem
from actip_cli.model import ALL_RATINGS, RATING_VALUE, RATINGS, Answer, AnswerSet, Catalog, ObligationId, Provenance, Retired

OID = ObligationId("ACTIP-14.1")


def answer_set(country: str = "VNM", period: int = 2025, respondent: str = "", version: str = "2026.11",
               indicators: dict[str, dict[int, float]] | None = None, **answers: Answer) -> AnswerSet:
    return AnswerSet(country, period, version, {ObligationId(k.replace("_", ".").replace("ACTIP.", "ACTIP-")): v for k, v in answers.items()},
                     indicators=indicators or {}, respondent=respondent)


def src(file: str, **kw: object) -> merge.Source:
    return merge.Source(file, answer_set(**kw))  # type: ignore[arg-type]


def said(name: str, de_jure: str | None, de_facto: str | None = None, **kw: object) -> Provenance:
    return Provenance(name, de_jure, de_facto, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- rules per level


def test_cautious_takes_the_lowest_scored_rating() -> None:
    answer, splits = merge.merge_answer([said("A", "full", "partial"), said("B", "initial", "substantial")], "cautious")
    assert (answer.de_jure, answer.de_facto) == ("initial", "partial")
    assert answer.agreement == "conflict"
    assert [s.spread for s in splits] == [3, 1]


@pytest.mark.parametrize(("given", "expected"), [
    (["none", "partial", "full"], "partial"),
    (["initial", "full"], "initial"),  # even count: the lower of the two middle ratings
    (["none", "initial", "substantial", "full"], "initial"),
    (["full", "full", "none", "substantial"], "substantial"),
])
def test_median_rule(given: list[str], expected: str) -> None:
    answer, _ = merge.merge_answer([said(f"R{i}", r) for i, r in enumerate(given)], "median")
    assert answer.de_jure == expected


def test_unknown_is_an_abstention_not_a_conflict() -> None:
    answer, splits = merge.merge_answer([said("A", "partial", "unknown"), said("B", "partial", "initial")], "cautious")
    assert answer.agreement == "agreed"
    assert answer.de_facto == "initial"
    assert not splits[1].disagrees
    assert "A did not know in practice" in answer.note


def test_all_unknown_stays_unknown() -> None:
    answer, _ = merge.merge_answer([said("A", "unknown", None), said("B", "unknown", None)], "cautious")
    assert answer.de_jure == "unknown" and answer.de_facto is None and answer.agreement == "agreed"


def test_not_applicable_against_a_rating_is_a_dispute_and_the_rating_wins() -> None:
    answer, splits = merge.merge_answer(
        [said("NGO", "not-applicable", "not-applicable", note="No foreign victims."), said("Labour", "partial", "initial")], "cautious")
    assert (answer.de_jure, answer.de_facto) == ("partial", "initial")
    assert answer.agreement == "conflict"
    assert splits[0].applicability_disputed and splits[0].spread == 0


def test_all_not_applicable_keeps_a_note_so_the_file_stays_valid() -> None:
    answer, _ = merge.merge_answer([said("A", "not-applicable", note="Reason A."), said("B", "not-applicable", note="Reason B.")], "cautious")
    assert answer.de_jure == "not-applicable"
    assert "A: Reason A." in answer.note and "B: Reason B." in answer.note


def test_single_source_is_taken_as_is() -> None:
    p = said("Police", "substantial", "full", evidence=("x", "X "), grade="B", note="As given.")
    answer, _ = merge.merge_answer([p], "cautious")
    assert answer == Answer("substantial", "full", ("x", "X "), "B", "As given.", "single-source", (p,))


def test_evidence_is_united_in_order_without_duplicates() -> None:
    answer, _ = merge.merge_answer([
        said("A", "full", evidence=("Law 53/2024, art. 24", "Decree 1")),
        said("B", "full", evidence=("law 53/2024,  art. 24", "Survey 2024")),
    ], "cautious")
    assert answer.evidence == ("Law 53/2024, art. 24", "Decree 1", "Survey 2024")


def test_grade_is_the_weakest_given() -> None:
    answer, _ = merge.merge_answer([said("A", "full", grade="A"), said("B", "full", grade="C"), said("C", "full")], "cautious")
    assert answer.grade == "C"


def test_note_says_who_disagrees_and_keeps_each_note() -> None:
    answer, _ = merge.merge_answer([said("Police", "full", note="Teams everywhere."), said("NGO", "initial", note="Not seen.")], "median")
    first = answer.note.splitlines()[0]
    assert "median rule" in first and "In law: full (Police), initial (NGO)" in first
    assert "Police: Teams everywhere." in answer.note and "NGO: Not seen." in answer.note
    assert [p.note for p in answer.provenance] == ["Teams everywhere.", "Not seen."]


def test_note_stays_within_the_schema_limit_with_many_respondents() -> None:
    people = [said(f"Respondent {i}", RATINGS[i % 5], note="n" * 300) for i in range(100)]
    answer, _ = merge.merge_answer(people, "cautious")
    assert len(answer.note) <= 4000
    assert "Respondent 0, Respondent 5, Respondent 10 and 17 more" in answer.note.splitlines()[0]
    assert answer.note.endswith("(each respondent's note is in provenance)")


# --------------------------------------------------------------------------- whole merge


def test_merge_keeps_provenance_and_counts(mini_catalog: Catalog) -> None:
    result = merge.merge(mini_catalog, [
        src("police.yaml", respondent="Police", ACTIP_14_1=Answer("substantial", "full"), ACTIP_5_1=Answer("full", "full")),
        src("ngo.yaml", respondent="NGO", ACTIP_14_1=Answer("partial", "initial"), ACTIP_5_1=Answer("full", "full")),
        src("labour.yaml", ACTIP_24_1=Answer("initial", "none")),
    ])
    m = result.merged
    assert m.merged_from == (("Police", "police.yaml"), ("NGO", "ngo.yaml"), ("labour", "labour.yaml"))
    assert m.merge_rule == "cautious"
    assert (result.agreed, len(result.conflicts), result.single_source) == (1, 1, 1)
    assert [p.respondent for p in m.answers[OID].provenance] == ["Police", "NGO"]
    assert m.answers[ObligationId("ACTIP-24.1")].provenance[0].respondent == "labour"


def test_blank_entries_are_not_statements(mini_catalog: Catalog) -> None:
    """`{}` entries (a blank file from actip init) say nothing: they neither agree nor count."""
    result = merge.merge(mini_catalog, [
        src("police.yaml", respondent="Police", ACTIP_14_1=Answer("partial", "initial"), ACTIP_5_1=Answer()),
        src("blank.yaml", respondent="Justice", ACTIP_14_1=Answer(), ACTIP_5_1=Answer(), ACTIP_24_1=Answer()),
        src("ngo.yaml", respondent="NGO", ACTIP_14_1=Answer("partial", "initial"), ACTIP_24_1=Answer(evidence=("Decree 9/2025",))),
    ])
    m = result.merged
    assert ObligationId("ACTIP-5.1") not in m.answers  # nobody answered it
    assert [p.respondent for p in m.answers[OID].provenance] == ["Police", "NGO"]
    assert m.answers[OID].note.startswith("Agreed by 2 respondents: Police and NGO.")
    assert m.answers[ObligationId("ACTIP-24.1")].agreement == "single-source"
    assert (result.agreed, len(result.conflicts), result.single_source) == (1, 0, 1)


def test_note_names_only_those_who_rated(mini_catalog: Catalog) -> None:
    result = merge.merge(mini_catalog, [
        src("police.yaml", respondent="Police", ACTIP_14_1=Answer("partial", "initial")),
        src("ngo.yaml", respondent="NGO", ACTIP_14_1=Answer(evidence=("Shelter register 2025",))),
    ])
    answer = result.merged.answers[OID]
    assert answer.note.startswith("Rated by Police only.")
    assert answer.evidence == ("Shelter register 2025",)


def test_conflicts_with_large_spreads_come_first(mini_catalog: Catalog) -> None:
    result = merge.merge(mini_catalog, [
        src("a.yaml", ACTIP_5_1=Answer("full"), ACTIP_14_1=Answer("full"), ACTIP_24_1=Answer("partial", "not-applicable", note="x")),
        src("b.yaml", ACTIP_5_1=Answer("substantial"), ACTIP_14_1=Answer("initial"), ACTIP_24_1=Answer("partial", "initial")),
    ])
    assert [c.obligation for c in result.conflicts] == ["ACTIP-14.1", "ACTIP-24.1", "ACTIP-5.1"]
    assert [c.settle_first for c in result.conflicts] == [True, True, False]


def test_same_respondent_in_two_files_is_told_apart_by_file_name(mini_catalog: Catalog) -> None:
    result = merge.merge(mini_catalog, [src("x/a.yaml", respondent="Police"), src("y/b.yaml", respondent="Police"),
                                        src("z/b.yaml", respondent="Police")])
    assert [r for r, _ in result.respondents] == ["Police (a.yaml)", "Police (b.yaml)", "Police (b.yaml) #2"]


def test_respondent_falls_back_to_the_assessor_then_the_file_name() -> None:
    from actip_cli.model import Assessor

    def named(file: str, respondent: str = "", **assessor: str) -> merge.Source:
        return merge.Source(file, dataclasses.replace(answer_set(respondent=respondent), assessor=Assessor(**assessor) if assessor else None))

    assert named("a.yaml", "Police", name="Lan", organisation="MPS").respondent == "Police"
    assert named("a.yaml", name="Lan", organisation="Ministry of Public Security").respondent == "Ministry of Public Security"
    assert named("a.yaml", name="Nguyen Thi Lan").respondent == "Nguyen Thi Lan"
    assert named("in/ngo-pacific.yaml").respondent == "ngo-pacific"


@pytest.mark.parametrize(("field", "a", "b", "words"), [
    ("country", "VNM", "THA", "different countries"),
    ("period", 2024, 2025, "different periods"),
])
def test_refuses_different_countries_and_periods_naming_files(mini_catalog: Catalog, field: str, a: object, b: object, words: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        merge.merge(mini_catalog, [src("one.yaml", **{field: a}), src("two.yaml", **{field: b})])
    assert words in caught.value.message
    assert "one.yaml" in caught.value.message and "two.yaml" in caught.value.message


def versioned(catalog: Catalog) -> Catalog:
    """The mini catalog one version on: ACTIP-24.1 added in 2027.1, ACTIP-14.2 retired then."""
    return dataclasses.replace(
        catalog, version="2027.1",
        history=(("2026.11", ()), ("2026.12", ()), ("2027.1", (ObligationId("ACTIP-24.1"),))),
        retired=(Retired(ObligationId("ACTIP-14.2"), "2027.1", "split in two", (ObligationId("ACTIP-14.4"),)),),
    )


def test_refuses_catalog_versions_whose_obligations_differ(mini_catalog: Catalog) -> None:
    catalog = versioned(mini_catalog)
    with pytest.raises(UsageProblem) as caught:
        merge.merge(catalog, [src("old.yaml", version="2026.11"), src("new.yaml", version="2027.1")])
    message = caught.value.message
    assert "old.yaml" in message and "new.yaml" in message
    assert "ACTIP-24.1 was added (2027.1)" in message and "ACTIP-14.2 was retired (2027.1)" in message


def test_accepts_catalog_versions_with_the_same_obligations(mini_catalog: Catalog) -> None:
    result = merge.merge(versioned(mini_catalog), [src("a.yaml", version="2026.11"), src("b.yaml", version="2026.12")])
    assert result.merged.catalog_version == "2026.12"


def test_indicator_values_merge_by_direction(mini_catalog: Catalog) -> None:
    a = src("a.yaml", indicators={"investigations": {2023: 150, 2024: 120}, "re-trafficked-victims": {2024: 10}})
    b = src("b.yaml", indicators={"investigations": {2024: 110, 2025: 90}, "re-trafficked-victims": {2024: 14}})
    result = merge.merge(mini_catalog, [a, b])
    assert result.merged.indicators["investigations"] == {2023: 150, 2024: 110, 2025: 90}
    # lower-is-better: the cautious value is the higher one
    assert result.merged.indicators["re-trafficked-victims"] == {2024: 14}
    assert [(c.series, c.year, c.merged) for c in result.indicator_conflicts] == [
        ("investigations", 2024, 110), ("re-trafficked-victims", 2024, 14)]
    median = merge.merge(mini_catalog, [a, b, src("c.yaml", indicators={"re-trafficked-victims": {2024: 12}})], "median")
    assert median.merged.indicators["re-trafficked-victims"] == {2024: 12}


def test_a_merged_file_as_input_counts_as_one_respondent(mini_catalog: Catalog) -> None:
    inner = dataclasses.replace(answer_set(ACTIP_5_1=Answer("full")), merged_from=(("A", "a.yaml"), ("B", "b.yaml")), merge_rule="cautious")
    result = merge.merge(mini_catalog, [merge.Source("ministries.yaml", inner), src("ngo.yaml", ACTIP_5_1=Answer("partial"))])
    assert [r for r, _ in result.respondents] == ["ministries", "ngo"]
    assert any("itself a merged file" in w for w in result.warnings)


def test_unknown_rule_is_a_usage_problem(mini_catalog: Catalog) -> None:
    with pytest.raises(UsageProblem):
        merge.merge(mini_catalog, [src("a.yaml")], "loudest")


def test_read_sources_collects_every_bad_file(tmp_path: Path, mini_catalog: Catalog) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("actip_answers: 1\ncountry: VNM\nperiod: 2025\ncatalog: {version: '2026.11'}\nanswers: {}\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("actip_answers: 1\ncountry: VNM\nperiod: 2025\ncatalog: {version: '2026.11'}\nanswers:\n  ACTIP-14.1: {de_jure: maybe}\n")
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers: [\n")
    checked = merge.read_sources([good, bad, broken], mini_catalog)
    assert checked.bad_files == [str(bad), str(broken)]
    assert [s.file for s in checked.sources] == [str(good)]
    with pytest.raises(UsageProblem, match="given twice"):
        merge.read_sources([good, tmp_path / "." / "good.yaml"], mini_catalog)


# --------------------------------------------------------------------------- properties

rating = st.sampled_from(ALL_RATINGS)
maybe_rating = st.one_of(st.none(), rating)
text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
statement = st.fixed_dictionaries({
    "de_jure": maybe_rating, "de_facto": maybe_rating,
    "evidence": st.lists(text, max_size=3), "grade": st.sampled_from([None, "A", "B", "C"]),
    "note": text.filter(lambda t: t.strip()),  # a valid file: not-applicable needs a note that says something
})
respondent_files = st.lists(
    st.dictionaries(st.sampled_from(["ACTIP-5.1", "ACTIP-14.1", "ACTIP-14.4", "ACTIP-18.1", "ACTIP-24.1"]), statement, max_size=5),
    min_size=1, max_size=6,
)


def _sources(files: list[dict[str, dict[str, object]]]) -> list[merge.Source]:
    out = []
    for i, answers in enumerate(files):
        built = {ObligationId(k): Answer(v["de_jure"], v["de_facto"], tuple(v["evidence"]), v["grade"], v["note"])  # type: ignore[arg-type]
                 for k, v in answers.items()}
        out.append(merge.Source(f"r{i}.yaml", AnswerSet("VNM", 2025, "2026.11", built, respondent=f"Respondent {i}")))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=respondent_files, rule=st.sampled_from(merge.RULES))
def test_merged_rating_is_one_given_and_cautious_is_lowest(mini_catalog: Catalog, files: list[dict[str, dict[str, object]]], rule: str) -> None:
    result = merge.merge(mini_catalog, _sources(files), rule)
    for oid, answer in result.merged.answers.items():
        assert len(answer.provenance) == sum(1 for f in files if oid in f)
        for level in ("de_jure", "de_facto"):
            given_ratings = [getattr(p, level) for p in answer.provenance]
            merged = getattr(answer, level)
            scored = [RATING_VALUE[r] for r in given_ratings if r in RATING_VALUE]
            if scored:
                assert merged in RATING_VALUE and min(scored) <= RATING_VALUE[merged] <= max(scored)
                if rule == "cautious":
                    assert RATING_VALUE[merged] == min(scored)
            elif merged is not None:
                assert merged in given_ratings


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=respondent_files, rule=st.sampled_from(merge.RULES))
def test_merged_file_is_a_valid_answers_file(mini_catalog: Catalog, files: list[dict[str, dict[str, object]]], rule: str) -> None:
    # Inputs must be valid too: a not-applicable rating needs a note (the strategy always gives one).
    result = merge.merge(mini_catalog, _sources(files), rule)
    text = yaml_fast.dumps(answers_io.to_data(result.merged))
    doc = yamlio.load(Path("merged.yaml"), text=text)
    check = answers_io.check_document(doc, mini_catalog)
    assert check.errors == []
    assert check.answers is not None
    assert check.answers.answers == result.merged.answers


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=respondent_files)
def test_ratings_do_not_depend_on_file_order(mini_catalog: Catalog, files: list[dict[str, dict[str, object]]]) -> None:
    forward = merge.merge(mini_catalog, _sources(files))
    backward = merge.merge(mini_catalog, list(reversed(_sources(files))))
    for oid, answer in forward.merged.answers.items():
        other = backward.merged.answers[oid]
        assert (answer.de_jure, answer.de_facto, answer.agreement, answer.grade) == (other.de_jure, other.de_facto, other.agreement, other.grade)
        assert {" ".join(e.split()).casefold() for e in answer.evidence} == {" ".join(e.split()).casefold() for e in other.evidence}


# --------------------------------------------------------------------------- the streaming writer

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                         st.floats(allow_nan=False, allow_infinity=False, width=64),
                         st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
json_data = st.recursive(
    json_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12), children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(data=st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12), json_data, min_size=1, max_size=5))
def test_streaming_writer_round_trips_through_both_loaders(data: dict[str, object]) -> None:
    text = yaml_fast.dumps(data)
    normalised = json.loads(json.dumps(data))
    assert yaml.safe_load(text) == normalised
    assert yamlio.load(Path("x.yaml"), text=text).data == normalised


@pytest.mark.parametrize("value", ["no", "Yes", "on", "2024-01-31", "010", "1e5", "1_000", "0x1A", "null", "~", "", " x", "x ",
                                   "a: b", "# c", "- d", "[e]", "{f}", "&g", "*h", "!i", "%j", "@k", "`l", "'m'", '"n"', "|", ">",
                                   "line\nbreak", "tab\there", "\x1b[31mred", "nbsp\u00a0", "ls\u2028", "bom\ufeff"])
def test_awkward_strings_survive(value: str) -> None:
    text = yaml_fast.dumps({"k": value, "l": [value], "m": {"n": value}})
    assert yaml.safe_load(text) == {"k": value, "l": [value], "m": {"n": value}}


def test_plain_words_stay_plain_and_notes_are_literal_blocks() -> None:
    text = yaml_fast.dumps({"respondent": "Ministry of Public Security", "ở": "Bộ Công an", "note": "First.\nSecond."})
    assert text == "respondent: Ministry of Public Security\nở: Bộ Công an\nnote: |-\n  First.\n  Second.\n"
