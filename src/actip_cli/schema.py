"""The JSON Schemas shipped with the package, and validation that reports every problem."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from actip_cli.errors import FileProblem

SCHEMA_NAMES = ("catalog", "answers", "report")

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Violation:
    """One schema violation: where (a JSON path, and whether it is about a key) and what."""

    path: JsonPath
    message: str
    rule: str
    at_key: bool = False


@functools.cache
def schema_text(name: str) -> str:
    """The text of a shipped schema, as `actip schema NAME` prints it."""
    if name not in SCHEMA_NAMES:
        raise FileProblem(f"no schema named {name!r}; choose one of {', '.join(SCHEMA_NAMES)}")
    try:
        return (resources.files("actip_cli") / "schemas" / f"{name}.schema.json").read_text("utf-8")
    except OSError:  # pragma: no cover - a broken installation
        raise FileProblem(f"the {name} schema is missing from the installation") from None


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """A shipped schema as a dict."""
    result: dict[str, Any] = json.loads(schema_text(name))
    return result


@functools.cache
def _validator(name: str, definition: str | None) -> Any:
    from jsonschema import Draft202012Validator  # imported here: costly, and not every command validates

    root = load_schema(name)
    defs = root.get("$defs", {})
    schema = _inline_refs(root if definition is None else defs[definition], defs)
    if isinstance(schema, dict):
        schema.pop("$defs", None)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """Replace local `#/$defs/...` references by their content (our schemas are not recursive).

    Resolving a reference is the costliest step of validation; doing it once here makes
    checking the whole catalog about a third faster.
    """
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline_refs(value, defs) for key, value in node.items() if key != "$ref"}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {**target, **out}
    if ref is not None:
        out["$ref"] = ref
    return out


def validate(data: Any, name: str, definition: str | None = None) -> list[Violation]:
    """Every violation of schema `name` (or one of its `$defs`) by `data`, in document order.

    Content already found valid against the same schema is not checked again (see
    `cache`): that spares loading jsonschema, the largest part of a report's start-up.
    """
    from actip_cli import cache

    key = cache.digest(
        schema_text(name).encode(),
        (definition or "").encode(),
        json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode(),
    )
    if cache.known_valid("schema", key):
        return []
    violations = _violations(data, name, definition)
    if not violations:
        cache.remember_valid("schema", key)
    return violations


def _violations(data: Any, name: str, definition: str | None) -> list[Violation]:
    from jsonschema.exceptions import best_match

    violations: list[Violation] = []
    for error in _validator(name, definition).iter_errors(data):
        if error.validator in ("oneOf", "anyOf") and error.context:
            error = best_match(error.context)
        violations.extend(_describe(error))
    # A value of the wrong type also fails its enum; say it once, with the allowed values.
    listed = {v.path for v in violations if v.rule == "schema-enum"}
    violations = [v for v in violations if not (v.rule == "schema-type" and v.path in listed)]
    violations.sort(key=lambda v: [str(p) for p in v.path])
    return violations


def _describe(error: Any) -> list[Violation]:
    path: JsonPath = tuple(error.absolute_path)
    kind = str(error.validator)
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        return [
            Violation((*path, key), f"unknown key {key!r}{_suggest(key, allowed)}", "schema-unknown-key", True)
            for key in extra
        ]
    if kind == "required":
        missing = [k for k in error.validator_value if isinstance(error.instance, dict) and k not in error.instance]
        return [Violation(path, f"missing required key '{key}'", "schema-required") for key in missing]
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        if isinstance(error.instance, str):
            return [Violation(path, f"{_quoted(error.instance)} is not allowed here; use one of: {choices}", "schema-enum")]
        return [Violation(path, f"expected one of: {choices}; found {_found(error.instance)}", "schema-enum")]
    if kind == "type":
        return [Violation(path, f"expected {_type_words(error.validator_value)}, found {_found(error.instance)}", "schema-type")]
    if kind == "pattern":
        form = _FORMS.get(str(error.validator_value))
        expected = f"is not {form}" if form else f"does not have the expected form ({error.validator_value})"
        if "propertyNames" in error.relative_schema_path:
            # The error is about a key of the mapping at `path`: point at that key, not at the mapping.
            return [Violation((*path, error.instance), f"key {_quoted(error.instance)} {expected}", "schema-pattern", True)]
        return [Violation(path, f"{_quoted(error.instance)} {expected}", "schema-pattern")]
    if kind == "maxLength" and isinstance(error.instance, str):
        # jsonschema's own message quotes the whole text, which can be thousands of characters.
        return [Violation(path, f"text is too long ({len(error.instance)} characters; at most {error.validator_value})",
                          "schema-maxLength")]
    if kind == "minLength" and isinstance(error.instance, str):
        return [Violation(path, "text must not be empty" if error.validator_value == 1
                          else f"text is too short (at least {error.validator_value} characters)", "schema-minLength")]
    if kind == "const":
        return [Violation(path, f"must be {error.validator_value!r}, found {_quoted(error.instance)}", "schema-const")]
    return [Violation(path, error.message, f"schema-{kind}")]


# What the schemas' patterns mean, in words a user can act on (a regular expression is not).
_FORMS = {
    r"^ACTIP-([1-9]|[12][0-9]|3[01])(\.[1-9][0-9]?(\.[a-z])?)?$":
        "an obligation ID (ACTIP-, an article from 1 to 31, a paragraph, and a letter where there is one: ACTIP-14.1, ACTIP-5.2.a)",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "an identifier of lower-case letters and digits joined by hyphens (victims-identified)",
    r"^[A-Z]{3}$": "a three-letter ISO country code in capitals (VNM)",
    r"^[A-Z]{2}$": "a two-letter ISO country code in capitals (VN)",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date written YYYY-MM-DD (2025-03-31)",
    r"^(199[0-9]|20[0-9][0-9]|2100)$": "a year from 1990 to 2100",
    r"^[0-9]{1,2}(\.[a-z])?$": "a paragraph number, with a letter where there is one (3, 3.a)",
    r"^[0-9]{4}\.[0-9]+(\.[0-9]+)?$": "a catalog version such as 2026.11",
    r"^[a-z]{2,3}$": "a language code such as vi or id",
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{2}|[0-9]{4}|unknown)$": "a date (YYYY-MM-DD, YYYY-MM or YYYY) or 'unknown'",
    r"^[0-9a-f]{8}$": "an eight-digit hexadecimal fingerprint",
}


def _quoted(value: Any, limit: int = 60) -> str:
    """A value as Python would quote it, shortened: messages must stay one readable line."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def _suggest(key: str, allowed: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.7)
    return f"; did you mean '{close[0]}'?" if close else f"; allowed keys: {', '.join(sorted(allowed))}"


def _type_words(expected: Any) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
             "number": "a number", "boolean": "true or false", "null": "nothing"}
    if isinstance(expected, list):
        return " or ".join(names.get(e, e) for e in expected)
    return names.get(expected, str(expected))


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if value is None:
        return "nothing (empty)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    return repr(value)
