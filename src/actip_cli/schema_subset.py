"""A yes/no check of data against the part of JSON Schema our own schemas use, without jsonschema.

Importing jsonschema and its dependencies costs more than the rest of a report, and almost
every file it would check is valid. So `conforms` answers one question quickly: is this
data certainly valid? True means exactly what jsonschema (draft 2020-12) would say; False
means "invalid, or a keyword this module does not know", and the caller then asks
jsonschema, which also explains what is wrong. Being unsure is never an error here, only
slower.

The schema must have its `$ref`s inlined (see `schema._inline_refs`). The semantics follow
jsonschema's own validators keyword by keyword: a keyword about strings ignores data that
is not a string, `integer` accepts 3.0 but never True, and so on.
"""

from __future__ import annotations

import re
from typing import Any

# Keywords that only annotate: they never make data invalid.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated"})


class _Unsupported(Exception):
    """The schema uses something this module does not decide; jsonschema must."""


def conforms(data: Any, schema: Any) -> bool:
    """True when `data` is certainly valid against `schema` (see the module's docstring)."""
    try:
        return _valid(data, schema)
    except _Unsupported:
        return False


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _has_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "number":
        return _is_number(value)
    if name == "integer":
        return _is_number(value) and (isinstance(value, int) or value.is_integer())
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    raise _Unsupported(name)


def _valid(data: Any, schema: Any) -> bool:  # noqa: C901 - one branch per keyword reads best
    if schema is True:
        return True
    if not isinstance(schema, dict):
        raise _Unsupported("schema")
    for key, rule in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "type":
            names = rule if isinstance(rule, list) else [rule]
            if not any(_has_type(data, name) for name in names):
                return False
        elif key in ("enum", "const"):
            allowed = rule if key == "enum" else [rule]
            if not any(_same(data, choice) for choice in allowed):
                return False
        elif key == "pattern":
            if isinstance(data, str) and not re.search(rule, data):
                return False
        elif key in ("minLength", "maxLength"):
            if isinstance(data, str) and (len(data) < rule if key == "minLength" else len(data) > rule):
                return False
        elif key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if _is_number(data) and not _within(key, data, rule):
                return False
        elif key in ("minItems", "maxItems"):
            if isinstance(data, list) and (len(data) < rule if key == "minItems" else len(data) > rule):
                return False
        elif key == "uniqueItems":
            if rule and isinstance(data, list) and len({_unique_key(item) for item in data}) != len(data):
                return False
        elif key == "items":
            if isinstance(data, list) and not all(_valid(item, rule) for item in data):
                return False
        elif key == "required":
            if isinstance(data, dict) and any(name not in data for name in rule):
                return False
        elif key == "propertyNames":
            if isinstance(data, dict) and not all(_valid(name, rule) for name in data):
                return False
        elif key == "properties":
            if isinstance(data, dict) and not all(_valid(data[name], sub) for name, sub in rule.items() if name in data):
                return False
        elif key == "additionalProperties":
            if isinstance(data, dict):
                if "patternProperties" in schema:
                    raise _Unsupported(key)
                known = schema.get("properties", {})
                extra = [name for name in data if name not in known]
                if rule is False and extra:
                    return False
                if rule is not False and not all(_valid(data[name], rule) for name in extra):
                    return False
        else:
            raise _Unsupported(key)
    return True


def _same(data: Any, choice: Any) -> bool:
    """Equality as jsonschema has it for scalars: 1 equals 1.0 but never True."""
    if isinstance(choice, str):
        return isinstance(data, str) and data == choice
    if isinstance(choice, bool) or choice is None:
        return data is choice
    if _is_number(choice):
        return _is_number(data) and data == choice
    raise _Unsupported("enum")  # lists and mappings as choices: not in our schemas


def _unique_key(item: Any) -> tuple[str, Any]:
    """What makes scalars equal to jsonschema's uniqueItems: 1 and 1.0 are one value, True another."""
    if isinstance(item, bool) or item is None:
        return ("constant", item)
    if isinstance(item, (str, int, float)):
        return ("text" if isinstance(item, str) else "number", item)
    raise _Unsupported("uniqueItems")  # lists and mappings as items: not in our data


def _within(key: str, value: float, bound: float) -> bool:
    if key == "minimum":
        return value >= bound
    if key == "maximum":
        return value <= bound
    if key == "exclusiveMinimum":
        return value > bound
    return value < bound
