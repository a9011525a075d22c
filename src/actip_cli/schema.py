"""The JSON Schemas shipped with the package, and validation that reports every problem."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, NamedTuple

from actip_cli.errors import FileProblem
from actip_cli.i18n import N_, _, ngettext

SCHEMA_NAMES = ("catalog", "answers", "report")

JsonPath = tuple[str | int, ...]


class Violation(NamedTuple):
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
        # Beside this module in every kind of installation; importlib.resources would cost
        # a report a few milliseconds of imports (zipfile among them) for nothing.
        return (Path(__file__).with_name("schemas") / f"{name}.schema.json").read_text("utf-8")
    except OSError:  # pragma: no cover - a broken installation
        raise FileProblem(f"the {name} schema is missing from the installation") from None


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """A shipped schema as a dict."""
    result: dict[str, Any] = json.loads(schema_text(name))
    return result


@functools.cache
def _inlined(name: str, definition: str | None) -> Any:
    """Schema `name` (or one of its `$defs`) with its local references replaced by their content."""
    root = load_schema(name)
    defs = root.get("$defs", {})
    schema = _inline_refs(root if definition is None else defs[definition], defs)
    if isinstance(schema, dict):
        schema.pop("$defs", None)
    return schema


@functools.cache
def _validator(name: str, definition: str | None) -> Any:
    from jsonschema import Draft202012Validator  # imported here: costly, and valid data never needs it

    return Draft202012Validator(_inlined(name, definition), format_checker=Draft202012Validator.FORMAT_CHECKER)


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

    Valid data is recognised without jsonschema (see `schema_subset`); jsonschema, a large
    part of a report's start-up, is loaded only to say what is wrong.
    """
    from actip_cli.schema_subset import conforms

    if conforms(data, _inlined(name, definition)):
        return []
    return _violations(data, name, definition)


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
    # Messages are put into words here, in the language active now (never at import time).
    path: JsonPath = tuple(error.absolute_path)
    kind = str(error.validator)
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        return [
            Violation((*path, key), _unknown_key(key, allowed), "schema-unknown-key", True)
            for key in extra
        ]
    if kind == "required":
        missing = [k for k in error.validator_value if isinstance(error.instance, dict) and k not in error.instance]
        # A misspelt key is reported once, as unknown with its correction, not again as missing.
        allowed = set(error.schema.get("properties", {}))
        misspelt = {close for k in error.instance if k not in allowed for close in _closest(str(k), allowed)}
        return [Violation(path, _("missing required key '{key}'").format(key=key), "schema-required")
                for key in missing if key not in misspelt]
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        if isinstance(error.instance, str):
            return [Violation(path, _("{value} is not allowed here; use one of: {choices}").format(
                value=_quoted(error.instance), choices=choices), "schema-enum")]
        return [Violation(path, _("expected one of: {choices}; found {found}").format(
            choices=choices, found=_found(error.instance)), "schema-enum")]
    if kind == "type":
        return [Violation(path, _("expected {expected}, found {found}").format(
            expected=_type_words(error.validator_value), found=_found(error.instance)), "schema-type")]
    if kind == "pattern":
        form = _FORMS.get(str(error.validator_value))
        if "propertyNames" in error.relative_schema_path:
            # The error is about a key of the mapping at `path`: point at that key, not at the mapping.
            if form:
                message = _("key {key} is not {form}").format(key=_quoted(error.instance), form=_(form))
            else:
                message = _("key {key} does not have the expected form ({pattern})").format(
                    key=_quoted(error.instance), pattern=error.validator_value)
            return [Violation((*path, error.instance), message, "schema-pattern", True)]
        if form:
            message = _("{value} is not {form}").format(value=_quoted(error.instance), form=_(form))
        else:
            message = _("{value} does not have the expected form ({pattern})").format(
                value=_quoted(error.instance), pattern=error.validator_value)
        return [Violation(path, message, "schema-pattern")]
    if kind == "maxLength" and isinstance(error.instance, str):
        # jsonschema's own message quotes the whole text, which can be thousands of characters.
        length = len(error.instance)
        return [Violation(path, ngettext("text is too long ({length} character; at most {limit})",
                                         "text is too long ({length} characters; at most {limit})",
                                         length).format(length=length, limit=error.validator_value),
                          "schema-maxLength")]
    if kind == "minLength" and isinstance(error.instance, str):
        least = error.validator_value
        return [Violation(path, _("text must not be empty") if least == 1
                          else ngettext("text is too short (at least {n} character)",
                                        "text is too short (at least {n} characters)", least).format(n=least),
                          "schema-minLength")]
    if kind == "const":
        return [Violation(path, _("must be {expected}, found {value}").format(
            expected=repr(error.validator_value), value=_quoted(error.instance)), "schema-const")]
    # The same words as jsonschema's own messages, translatable.
    if kind in _BOUNDS and not isinstance(error.instance, bool):
        return [Violation(path, _(_BOUNDS[kind]).format(value=repr(error.instance), bound=repr(error.validator_value)),
                          f"schema-{kind}")]
    if kind == "minItems" and isinstance(error.instance, list):
        message = _("{value} should be non-empty") if error.validator_value == 1 else _("{value} is too short")
        return [Violation(path, message.format(value=repr(error.instance)), "schema-minItems")]
    if kind == "uniqueItems" and isinstance(error.instance, list):
        return [Violation(path, _("{value} has non-unique elements").format(value=repr(error.instance)), "schema-uniqueItems")]
    return [Violation(path, error.message, f"schema-{kind}")]


_BOUNDS = {
    "minimum": N_("{value} is less than the minimum of {bound}"),
    "maximum": N_("{value} is greater than the maximum of {bound}"),
    "exclusiveMinimum": N_("{value} is less than or equal to the minimum of {bound}"),
    "exclusiveMaximum": N_("{value} is greater than or equal to the maximum of {bound}"),
}

# What the schemas' patterns mean, in words a user can act on (a regular expression is not).
# Marked here, translated where a message is made (the language is chosen at run time).
_FORMS = {
    r"^ACTIP-([1-9]|[12][0-9]|3[01])(\.[1-9][0-9]?(\.[a-z])?)?$":
        N_("an obligation ID (ACTIP-, an article from 1 to 31, a paragraph, and a letter where there is one: ACTIP-14.1, ACTIP-5.2.a)"),
    r"^[a-z0-9]+(-[a-z0-9]+)*$": N_("an identifier of lower-case letters and digits joined by hyphens (victims-identified)"),
    r"^[A-Z]{3}$": N_("a three-letter ISO country code in capitals (VNM)"),
    r"^[A-Z]{2}$": N_("a two-letter ISO country code in capitals (VN)"),
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": N_("a date written YYYY-MM-DD (2025-03-31)"),
    r"^(199[0-9]|20[0-9][0-9]|2100)$": N_("a year from 1990 to 2100"),
    r"^[0-9]{1,2}(\.[a-z])?$": N_("a paragraph number, with a letter where there is one (3, 3.a)"),
    r"^[0-9]{4}\.[0-9]+(\.[0-9]+)?$": N_("a catalog version such as 2026.11"),
    r"^[a-z]{2,3}$": N_("a language code such as vi or id"),
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{2}|[0-9]{4}|unknown)$": N_("a date (YYYY-MM-DD, YYYY-MM or YYYY) or 'unknown'"),
    r"^[0-9a-f]{8}$": N_("an eight-digit hexadecimal fingerprint"),
}


def _quoted(value: Any, limit: int = 60) -> str:
    """A value as Python would quote it, shortened: messages must stay one readable line."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def _closest(key: str, allowed: set[str]) -> list[str]:
    """The allowed key a misspelt one most likely meant, if any."""
    import difflib

    return difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.7)


def _unknown_key(key: str, allowed: set[str]) -> str:
    close = _closest(key, allowed)
    if close:
        return _("unknown key {key}; did you mean '{close}'?").format(key=repr(key), close=close[0])
    return _("unknown key {key}; allowed keys: {keys}").format(key=repr(key), keys=", ".join(sorted(allowed)))


_TYPE_WORDS = {"object": N_("a mapping"), "array": N_("a list"), "string": N_("text"), "integer": N_("a whole number"),
               "number": N_("a number"), "boolean": N_("true or false"), "null": N_("nothing")}


def _type_words(expected: Any) -> str:
    def word(name: Any) -> str:
        return _(_TYPE_WORDS[name]) if name in _TYPE_WORDS else str(name)

    if isinstance(expected, list):
        if not expected:
            return ""
        words = word(expected[0])
        for other in expected[1:]:
            words = _("{one} or {other}").format(one=words, other=word(other))
        return words
    return word(expected)


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return _("{value} (a boolean)").format(value=str(value).lower())
    if value is None:
        return _("nothing (empty)")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _("text {text}").format(text=repr(shown))
    return repr(value)
