"""Property-based fuzzing of everything that reads a user's file, and of what is computed from it.

- the YAML loader, on arbitrary text, YAML-like token soup and arbitrary bytes, either
  returns JSON-shaped data (str keys; dicts, lists, text, finite numbers, booleans, null)
  or raises our FileProblem: never anything else;
- the answers checker, on arbitrary mappings and on mutations of a valid file, returns
  problems, never raises;
- an answer set survives a round trip: save, load, and the same answers come back;
- scoring any valid answers (with or without a baseline, over the test catalog and the
  shipped one) raises nothing, keeps every score in [0, 1] and its counts consistent,
  and the JSON report holds no NaN or infinity.

ACTIP_FUZZ_EXAMPLES sets the examples per property (default 150; e.g. 5000 for a long run).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actip_cli import answers as answers_mod
from actip_cli import catalog as catalog_mod
from actip_cli import yamlio
from actip_cli.errors import FileProblem
from actip_cli.model import ALL_RATINGS, Answer, AnswerSet, Assessor, Catalog, ObligationId
from actip_cli.scoring import ScoreCard, score
from tests.conftest import MINI, SHIPPED

EXAMPLES = int(os.environ.get("ACTIP_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

CATALOG: Catalog = catalog_mod.load_catalog(MINI)


def _shipped() -> Catalog | None:
    try:
        return catalog_mod.load_catalog(SHIPPED)
    except Exception:  # noqa: BLE001 - the real catalog may be mid-edit; the test catalog is enough then
        return None


CATALOGS = [c for c in (CATALOG, _shipped()) if c is not None]


# --------------------------------------------------------------------------- the YAML loader

def assert_json_shaped(value: Any, depth: int = 0) -> None:
    """What the loader returns must be plain JSON data (no dates, sets, bytes or objects)."""
    assert depth <= yamlio.MAX_DEPTH + 1
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), repr(key)
            assert_json_shaped(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            assert_json_shaped(item, depth + 1)
    elif isinstance(value, float):
        assert math.isfinite(value), value
    else:
        assert value is None or isinstance(value, (str, int, bool)), type(value)


def load_or_problem(text: str) -> None:
    try:
        doc = yamlio.load(Path("fuzz.yaml"), text=text)
    except FileProblem as exc:
        assert str(exc).startswith("fuzz.yaml"), str(exc)
        assert "\n" not in exc.message, exc.message
        return
    assert_json_shaped(doc.data)
    json.dumps(doc.data, allow_nan=False)
    for issue in doc.issues:
        assert issue.line >= 1 and issue.column >= 1 and "\n" not in issue.message


# Pieces of YAML syntax, so that random text reaches the parser's deeper states.
TOKENS = [
    "a", "b", "ACTIP-14.1", "de_jure", "full", ": ", ":", "- ", "-", "\n", "  ", "    ", "{", "}", "[", "]", ", ",
    "&x ", "*x", "&y ", "*y", "!!python/object/apply:os.system ", "!!python/name:os.system ", "!local ", "!!str ",
    "!!int ", "!!float ", "!!bool ", "!!binary ", "!!timestamp ", "!!set ", "!!omap ", "!<tag:x> ", "'", '"', "\\",
    "# c", "---\n", "...\n", "|\n", "|-\n", ">\n", "? ", "<<: ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\t",
    "null", "~", "true", "no", "off", "yes", "010", "0x1F", "0o7", "1e3", "1.0e999", "-1.5", ".inf", ".nan",
    "2024-01-31", "1_000", "12:30:00", "\ufeff", "\x00", "\x1b[2J", "\x07", "\u2028", "\u202e", "é", "Việt",
    "%1B", "&a [*a]", "9" * 400,
]
yaml_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


@FUZZ
@given(st.text(max_size=400))
def test_loader_on_arbitrary_text_returns_json_data_or_a_file_problem(text: str) -> None:
    load_or_problem(text)


@FUZZ
@given(yaml_soup)
def test_loader_on_yaml_token_soup_returns_json_data_or_a_file_problem(text: str) -> None:
    load_or_problem(text)


@FUZZ
@given(st.binary(max_size=400))
def test_reading_arbitrary_bytes_gives_text_or_a_file_problem(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        text = yamlio.read_text(path)
    except FileProblem:
        return
    assert isinstance(text, str) and "\x00" not in text
    try:
        doc = yamlio.load(path, text=text)
    except FileProblem:
        return
    assert_json_shaped(doc.data)


# --------------------------------------------------------------------------- the answers checker

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20)
json_data = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                         max_leaves=30)

VALID = {
    "actip_answers": 1, "country": "VNM", "period": 2022, "catalog": {"version": CATALOG.version},
    "answers": {"ACTIP-14.1": {"de_jure": "full", "de_facto": "partial", "evidence": ["Law 1"], "note": "n"}},
    "indicators": {"investigations": {"2020": 5}},
}
PATHS = [(), ("answers",), ("answers", "ACTIP-14.1"), ("answers", "ACTIP-14.1", "de_jure"), ("answers", "ACTIP-14.1", "evidence"),
         ("indicators",), ("indicators", "investigations"), ("catalog",), ("catalog", "version"), ("country",), ("period",)]
interesting_values = json_data | st.sampled_from(["ACTIP-99.9", "ACTIP-14.1", "not-applicable", "unknown", "2099.1", "THA", "CHN",
                                                  10**400, -1, 1989, 2101, "", " ", "\x1b[2J"])


def check(data: Any, catalog: Catalog = CATALOG) -> answers_mod.AnswersCheck:
    doc = yamlio.Document("fuzz.yaml", data)
    result = answers_mod.check_document(doc, catalog)
    for p in result.problems:
        assert p.severity in ("error", "warning", "info") and p.message and "\n" not in p.message
    if result.answers is not None:
        assert not result.errors
    return result


@FUZZ
@given(st.dictionaries(st.sampled_from([*VALID, "respondent", "assessor", "extra"]) | st.text(max_size=10), json_data, max_size=8))
def test_answers_checker_on_arbitrary_mappings_gives_problems_not_exceptions(data: dict[str, Any]) -> None:
    check({"actip_answers": 1, **data})


@FUZZ
@given(st.sampled_from(PATHS), st.text(max_size=12) | st.sampled_from(["de_jure", "note", "2020", "ACTIP-5.1", "ACTIP-99.1"]), interesting_values)
def test_answers_checker_on_mutated_valid_files_gives_problems_not_exceptions(path: tuple[str, ...], key: str, value: Any) -> None:
    data = json.loads(json.dumps(VALID))
    node: Any = data
    for part in path:
        node = node[part]
    if isinstance(node, dict):
        node[key] = value
    else:  # a scalar or list at the path: replace it in its parent
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = value
    check(data)


# --------------------------------------------------------------------------- the round trip

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)
blank_or_text = st.just("") | text


@st.composite
def answer_sets(draw: st.DrawFn, catalog: Catalog = CATALOG) -> AnswerSet:
    ids = list(catalog.obligations)
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    answers: dict[ObligationId, Answer] = {}
    for oid in chosen:
        de_jure = draw(st.sampled_from((None, *ALL_RATINGS)))
        de_facto = draw(st.sampled_from((None, *ALL_RATINGS)))
        note = draw(blank_or_text)
        if "not-applicable" in (de_jure, de_facto) and not note.strip():
            note = "Not in force in the period."
        answers[ObligationId(oid)] = Answer(
            de_jure=de_jure, de_facto=de_facto,
            evidence=tuple(draw(st.lists(text, max_size=3))),
            grade=draw(st.sampled_from((None, "A", "B", "C"))),
            note=note,
        )
    values = st.integers(0, 10**9).map(float) | st.floats(0, 1e12, allow_nan=False, allow_infinity=False)
    indicators = {sid: draw(st.dictionaries(st.integers(1990, 2100), values, min_size=1, max_size=6))
                  for sid in catalog.indicators if draw(st.booleans())}
    # builds() draws every field of a NamedTuple, defaults included: pin the ones left blank.
    assessor = draw(st.none() | st.builds(Assessor, name=blank_or_text, organisation=blank_or_text,
                                          email=st.just(""), date=st.just("")))
    if assessor is not None and not (assessor.name or assessor.organisation):
        assessor = None
    return AnswerSet(
        country=draw(st.sampled_from([c.iso3 for c in catalog.countries])),
        period=draw(st.integers(1990, 2100)),
        catalog_version=catalog.version,
        answers=answers,
        indicators=indicators,
        assessor=assessor,
        respondent=draw(blank_or_text),
        illustrative=draw(blank_or_text),
    )


@FUZZ
@given(answer_sets())
def test_answers_round_trip(tmp_path_factory: pytest.TempPathFactory, answer_set: AnswerSet) -> None:
    path = tmp_path_factory.mktemp("round") / "answers.yaml"
    answers_mod.save(path, answer_set)
    loaded, warnings = answers_mod.load(path, CATALOG)
    assert warnings == []
    assert loaded.answers == answer_set.answers
    assert loaded.indicators == answer_set.indicators
    assert (loaded.country, loaded.period, loaded.catalog_version) == (answer_set.country, answer_set.period, answer_set.catalog_version)
    assert (loaded.assessor, loaded.respondent, loaded.illustrative) == (answer_set.assessor, answer_set.respondent, answer_set.illustrative)
    answers_mod.save(path, loaded)  # and saving what was loaded writes the same file again
    assert path.read_text("utf-8") == answers_mod.dumps(answer_set)


# --------------------------------------------------------------------------- scoring

def card_values(card: ScoreCard) -> list[float | None]:
    values: list[float | None] = []
    for area in (card.overall, *card.chapters):
        values += [area.coverage, *(area.level(lv).value for lv in ("output", "outcome", "impact"))]
        values += [area.level(lv).coverage for lv in ("output", "outcome", "impact")]
    for o in card.obligations:
        values += [o.output.attainment, o.outcome.attainment, o.gap_size]
    values += [s.value for s in card.indicators]
    return values


def assert_consistent(card: ScoreCard, catalog: Catalog) -> None:
    for value in card_values(card):
        assert value is None or (math.isfinite(value) and 0.0 <= value <= 1.0), value
    for o in card.obligations:
        assert o.priority is None or (math.isfinite(o.priority) and o.priority >= 0)
    areas = (card.overall, *card.chapters)
    for area in areas:
        k = area.counts
        assert k.pairs == 2 * len(area.obligations) == k.rated + k.unknown + k.not_applicable + k.unanswered
        applicable = k.pairs - k.not_applicable
        if applicable:
            assert area.coverage == pytest.approx(k.rated / applicable)
        for lv in ("output", "outcome", "impact"):
            level = area.level(lv)
            assert 0 <= level.rated <= level.expected or level.expected == 0
            assert (level.value is None) == (level.rated == 0)
    overall = card.overall.counts
    for field in ("pairs", "rated", "unknown", "not_applicable", "unanswered"):
        assert getattr(overall, field) == sum(getattr(c.counts, field) for c in card.chapters), field
    statuses = [o.level(lv).status for o in card.obligations for lv in ("output", "outcome")]
    assert statuses.count("rated") == overall.rated
    assert len(card.obligations) == len(catalog.obligations)


@FUZZ
@given(st.data())
def test_scoring_random_valid_answers_keeps_every_bound(data: st.DataObject) -> None:
    from actip_cli.render.json_report import render_text

    catalog = data.draw(st.sampled_from(CATALOGS))
    answer_set = data.draw(answer_sets(catalog))
    baseline = data.draw(st.none() | answer_sets(catalog))
    if baseline is not None:
        baseline = AnswerSet(answer_set.country, answer_set.period - 1 if answer_set.period > 1990 else 1990,
                             catalog.version, baseline.answers, baseline.indicators)
    card = score(catalog, answer_set, baseline=baseline)
    assert_consistent(card, catalog)
    report = render_text(card)

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON report")

    json.loads(report, parse_constant=refuse)

