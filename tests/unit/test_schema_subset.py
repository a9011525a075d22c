"""The quick yes/no schema check agrees with jsonschema wherever it says "valid".

`schema_subset.conforms` lets valid files through without loading jsonschema. A wrong
"valid" would let a bad file reach scoring, so it is compared with jsonschema itself on
the shipped files, on edge cases of each keyword, and on generated and mutated data.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from actip_cli import schema, yamlio
from actip_cli.catalog import catalog_files, file_kind
from actip_cli.schema_subset import conforms

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "obligations"
EXAMPLE = REPO / "examples" / "vietnam-illustrative.yaml"
EXAMPLES = int(os.environ.get("ACTIP_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def jsonschema_valid(data: Any, name: str, definition: str | None = None) -> bool:
    return Draft202012Validator(schema._inlined(name, definition),
                                format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(data)


def test_the_example_answers_file_is_decided_without_jsonschema() -> None:
    data = yamlio.load(EXAMPLE).data
    assert conforms(data, schema._inlined("answers", None))


@pytest.mark.parametrize("path", catalog_files(SHIPPED), ids=lambda p: str(p.relative_to(SHIPPED)))
def test_every_shipped_catalog_file_is_decided_without_jsonschema(path: Path) -> None:
    # Every keyword the catalog schema uses is one the quick check knows: otherwise each
    # first run would load jsonschema after all.
    data = yamlio.load(path).data
    kind = file_kind(data)
    assert kind is not None
    assert conforms(data, schema._inlined("catalog", kind))


VALID: dict[str, Any] = {
    "actip_answers": 1, "country": "VNM", "period": 2022, "catalog": {"version": "2026.11"},
    "assessor": {"name": "A", "date": "2025-01-31"}, "respondent": "Ministry", "merge_rule": "median",
    "merged_from": [{"respondent": "x", "file": "x.yaml"}],
    "answers": {"ACTIP-14.1": {"de_jure": "full", "de_facto": "partial", "evidence": ["Law 1"], "grade": "A", "note": "n",
                               "agreement": "conflict", "provenance": [{"respondent": "x", "de_jure": "none"}]}},
    "indicators": {"investigations": {"2020": 5, "2021": 6.5}},
}

# One change each, at the edge of what a keyword allows: (path to the parent, key, value).
EDGES: list[tuple[tuple[str, ...], str, Any]] = [
    ((), "period", 2022.0),  # an integer to JSON Schema
    ((), "period", 2022.5),
    ((), "period", True),  # a boolean is never a number
    ((), "period", 1989),
    ((), "period", 2100),
    ((), "period", 2101),
    ((), "actip_answers", 0),
    ((), "actip_answers", 1.0),
    ((), "actip_answers", True),
    ((), "country", "VNM\n"),  # `$` matches before a final newline, in jsonschema too
    ((), "country", "vnm"),
    ((), "country", 704),
    ((), "respondent", ""),
    ((), "respondent", "x" * 301),
    ((), "merge_rule", "mean"),
    ((), "merge_rule", None),
    ((), "extra", 1),
    ((), "$schema", "s"),
    (("answers",), "ACTIP-99.1", {}),
    (("answers",), "ACTIP-5.1", {}),
    (("answers", "ACTIP-14.1"), "de_jure", "ful"),
    (("answers", "ACTIP-14.1"), "de_jure", 1),
    (("answers", "ACTIP-14.1"), "evidence", [""]),
    (("answers", "ACTIP-14.1"), "evidence", "Law 1"),
    (("answers", "ACTIP-14.1"), "grade", "D"),
    (("answers", "ACTIP-14.1"), "provenance", [{"de_jure": "none"}]),
    (("indicators",), "Investigations", {}),
    (("indicators", "investigations"), "1989", 1),
    (("indicators", "investigations"), "2022", -1),
    (("indicators", "investigations"), "2022", -0.0),
    (("indicators", "investigations"), "2022", float("inf")),
    (("indicators", "investigations"), "2022", "5"),
    (("indicators", "investigations"), 2022, 5),  # a key that is not text
    (("catalog",), "version", ""),
    (("assessor",), "date", "31/01/2025"),
]


def changed(path: tuple[str | int, ...], key: Any, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    node: Any = data
    for part in path:
        node = node[part]
    node[key] = value
    return data


@pytest.mark.parametrize(("path", "key", "value"), EDGES, ids=[f"{'.'.join(map(str, p))}.{k}={v!r:.20}" for p, k, v in EDGES])
def test_edges_of_each_keyword_agree_with_jsonschema(path: tuple[str, ...], key: Any, value: Any) -> None:
    data = changed(path, key, value)
    assert conforms(data, schema._inlined("answers", None)) == jsonschema_valid(data, "answers")


def test_a_keyword_it_does_not_know_sends_the_data_to_jsonschema() -> None:
    assert not conforms("x", {"format": "email"})
    assert not conforms([[1], [1]], {"uniqueItems": True})
    assert not conforms([1], {"enum": [[1]]})
    assert conforms("b", {"anyOf": [{"const": "a"}]}) is False
    # And the caller then finds the real verdict.
    assert schema.validate(VALID, "answers") == []


scalars = st.none() | st.booleans() | st.integers(-3, 2200) | st.floats(allow_nan=False) | st.text(max_size=8) | st.sampled_from(
    ["VNM", "full", "none", "unknown", "not-applicable", "A", "2025-01-31", "ACTIP-14.1", "investigations", "2020", "median"])
keys = st.text(max_size=8) | st.sampled_from([*VALID, "de_jure", "de_facto", "evidence", "note", "name", "version", "2021", "ACTIP-5.1"])
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4), max_leaves=20)
PATHS = [(), ("answers",), ("answers", "ACTIP-14.1"), ("answers", "ACTIP-14.1", "provenance", 0), ("indicators",),
         ("indicators", "investigations"), ("catalog",), ("assessor",), ("merged_from", 0)]


@FUZZ
@given(st.sampled_from(PATHS), keys, data)
def test_mutated_answers_get_the_verdict_jsonschema_gives(path: tuple[str | int, ...], key: str, value: Any) -> None:
    # The answers schema uses only keywords the quick check decides, so the verdicts are equal.
    document = changed(path, key, value)
    assert conforms(document, schema._inlined("answers", None)) == jsonschema_valid(document, "answers")


@FUZZ
@given(st.sampled_from(["manifest_file", "article_file", "indicators_file", "countries_file", "translation_file"]), data)
def test_arbitrary_data_is_never_wrongly_called_a_valid_catalog_file(definition: str, value: Any) -> None:
    if conforms(value, schema._inlined("catalog", definition)):
        assert jsonschema_valid(value, "catalog", definition)


@pytest.mark.parametrize("items", [[1, 1.0], [1, True], [True, True], [0, False], [None, None], ["a", "a"], ["1", 1], [2, 3.5, "x", None]])
def test_unique_items_as_jsonschema_counts_them(items: list[Any]) -> None:
    rule = {"type": "array", "uniqueItems": True}
    assert conforms(items, rule) == Draft202012Validator(rule).is_valid(items)


# Small schemas built from every keyword the quick check knows, against arbitrary data.
bounds = st.integers(-2, 5) | st.floats(-2, 5)
leaf_schemas = st.fixed_dictionaries({}, optional={
    "type": st.sampled_from(["string", "integer", "number", "boolean", "null", "object", "array"])
    | st.lists(st.sampled_from(["string", "integer", "null"]), min_size=1, max_size=2, unique=True),
    "enum": st.lists(st.none() | st.booleans() | st.integers(-2, 2) | st.floats(-2, 2) | st.text(max_size=2), min_size=1, max_size=3),
    "const": st.none() | st.booleans() | st.integers(-2, 2) | st.text(max_size=2),
    "pattern": st.sampled_from(["^a", "b$", "^[0-9]{2}$", "x|y"]),
    "minLength": st.integers(0, 3), "maxLength": st.integers(0, 3),
    "minimum": bounds, "maximum": bounds, "exclusiveMinimum": bounds, "exclusiveMaximum": bounds,
    "minItems": st.integers(0, 2), "maxItems": st.integers(0, 2), "uniqueItems": st.booleans(),
    "required": st.lists(st.sampled_from(["a", "b"]), max_size=2, unique=True),
    "description": st.just("ignored"),
})
schemas = st.recursive(leaf_schemas, lambda inner: st.fixed_dictionaries({}, optional={
    "items": inner, "propertyNames": inner,
    "properties": st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=2),
    "additionalProperties": st.just(False) | inner,
}), max_leaves=6)
small_data = st.recursive(st.none() | st.booleans() | st.integers(-3, 6) | st.floats(-3, 6) | st.text("abxy019", max_size=3),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "b", "c", "x"]), inner, max_size=3),
                          max_leaves=8)


@FUZZ
@given(schemas, small_data)
def test_each_keyword_means_what_it_means_to_jsonschema(rule: dict[str, Any], value: Any) -> None:
    from actip_cli.schema_subset import _Unsupported, _valid

    try:
        verdict = _valid(value, rule)
    except _Unsupported:
        return  # left to jsonschema
    assert verdict == Draft202012Validator(rule).is_valid(value)
