"""A fast block-style YAML writer for large JSON-shaped data (the output of `actip merge`).

`yamlio.dump` builds PyYAML's node tree for the whole document before emitting it: fine for
one assessment, but a merge of 1,000 respondents writes a file of several megabytes, where
that tree costs seconds and hundreds of megabytes. This writer streams the same block
layout (mappings in the given key order, list items at their key's indentation) and
chooses, per string, a form every YAML reader reads back as the same string:

- plain, only when PyYAML's own resolver would read it back as that string (so `no`,
  `2024-01-31`, `010` or `1e5` are quoted) and it holds only characters that cannot start
  or end a YAML construct;
- a literal block (`|-`) for multi-line text a person will edit (notes);
- otherwise double-quoted with JSON escapes, plus escapes for the characters YAML does not
  allow raw or reads as line breaks.

The property tests check that `yamlio.load` and `yaml.safe_load` read back what was written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import yaml
from yaml.nodes import ScalarNode

_STR_TAG = "tag:yaml.org,2002:str"
# Latin letters with accents (Vietnamese, Bahasa, Filipino names) are as safe as ASCII ones.
_WORD = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_PLAIN = re.compile(f"[{_WORD}(][{_WORD} _.,;()/'+&-]*[{_WORD}.)]|[{_WORD}]")  # used with fullmatch
# What PyYAML's reader refuses raw, and what YAML 1.1 reads as a line break.
_NEEDS_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_LITERAL_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_RESOLVER = yaml.resolver.Resolver()
_INDENT = "  "


@lru_cache(maxsize=65536)
def scalar(text: str) -> str:
    """A string as a one-line YAML scalar: plain when safe, else double-quoted."""
    if _PLAIN.fullmatch(text) and _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR_TAG and text.lower() not in _YAML11_WORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _NEEDS_ESCAPE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


# Words some readers (YAML 1.1) take as booleans or null even where PyYAML's resolver is
# configured otherwise; always quoted.
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "none", "~"})


def _literal_ok(text: str) -> bool:
    return "\n" in text and text[0] not in " \n\t" and not _LITERAL_BAD.search(text) and "\r" not in text


def _number(value: int | float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    if text in ("inf", "-inf", "nan"):
        raise ValueError(f"cannot write {text} in an actip file")
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def _key(key: Any) -> str:
    if isinstance(key, str):
        return scalar(key)
    if isinstance(key, (int, float)):
        return _number(key)
    raise TypeError(f"unsupported key {key!r}")


def emit(data: Any, write: Callable[[str], Any]) -> None:
    """Write `data` as a YAML document through `write` (called with pieces of text)."""
    if isinstance(data, dict) and data:
        _mapping(data, 0, write)
    elif isinstance(data, list) and data:
        _sequence(data, 0, write)
    else:
        write(_inline(data) + "\n")


def dumps(data: Any) -> str:
    """`data` as YAML text."""
    parts: list[str] = []
    emit(data, parts.append)
    return "".join(parts)


def _inline(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return scalar(value)
    if isinstance(value, (bool, int, float)):
        return _number(value)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _value(value: Any, depth: int, write: Callable[[str], Any], *, in_sequence: bool) -> None:
    """Write what follows 'key:' or '- ', ending the line."""
    if isinstance(value, dict) and value:
        if in_sequence:
            _mapping(value, depth, write, first_inline=True)
        else:
            write("\n")
            _mapping(value, depth, write)
    elif isinstance(value, list) and value:
        write("\n")
        _sequence(value, depth, write)
    elif isinstance(value, str) and _literal_ok(value):
        chomp = "-" if not value.endswith("\n") else ("+" if value.endswith("\n\n") else "")
        pad = _INDENT * depth
        body = value[:-1] if value.endswith("\n") and chomp == "" else value
        if chomp == "+":
            body = value[:-1]
        lines = body.split("\n")
        write(f" |{chomp}\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in lines))
    else:
        write(" " + _inline(value) + "\n")


def _mapping(data: dict[Any, Any], depth: int, write: Callable[[str], Any], *, first_inline: bool = False) -> None:
    pad = _INDENT * depth
    for i, (key, value) in enumerate(data.items()):
        write(("" if first_inline and i == 0 else pad) + _key(key) + ":")
        # A list under a key sits at the key's own indentation, as yaml.dump writes it.
        _value(value, depth if isinstance(value, list) else depth + 1, write, in_sequence=False)


def _sequence(items: list[Any], depth: int, write: Callable[[str], Any]) -> None:
    pad = _INDENT * depth
    for item in items:
        write(pad + "-")
        if isinstance(item, dict) and item:
            write(" ")
            _mapping(item, depth + 1, write, first_inline=True)
        else:
            _value(item, depth + 1, write, in_sequence=True)


__all__ = ["dumps", "emit", "scalar"]
