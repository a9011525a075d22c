"""The quick YAML reader gives exactly what PyYAML gives, or steps aside.

`yaml_subset.read` lets the report skip importing PyYAML. A wrong reading would change a
user's answers without a word, so wherever it returns something, the data (with its
types), every value's position and every key's position are compared with the PyYAML
reading: on every YAML file in the repository, on edge cases of each construct, on files
written by both of actip's writers, and on randomly damaged files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actip_cli import yaml_fast, yaml_subset, yamlio
from actip_cli.errors import FileProblem

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "vietnam-illustrative.yaml"
EXAMPLES = int(os.environ.get("ACTIP_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def typed(value: Any) -> Any:
    """A value with its types spelt out: 1, 1.0 and True compare equal in Python, not here."""
    if isinstance(value, dict):
        return ("map", [(k, typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [typed(v) for v in value])
    return (type(value).__name__, value)


def pyyaml_reading(text: str) -> tuple[Any, Any, Any] | None:
    """What yamlio reads with PyYAML; None when it refuses the text or finds a problem in it."""
    try:
        doc = yamlio._load_with_pyyaml("x.yaml", text)
    except FileProblem:
        return None
    if doc.issues:
        return None
    return typed(doc.data), doc.positions, doc.key_positions


def quick_reading(text: str) -> tuple[Any, Any, Any] | None:
    result = yaml_subset.read(text)
    return None if result is None else (typed(result[0]), result[1], result[2])


def assert_agrees(text: str) -> bool:
    """The quick reading equals PyYAML's, or there is none; True when there is one."""
    quick = quick_reading(text)
    if quick is not None:
        assert quick == pyyaml_reading(text), text
    return quick is not None


def repository_yaml() -> list[Path]:
    return sorted(p for p in REPO.rglob("*.yaml") if ".git" not in p.parts and "node_modules" not in p.parts)


def test_every_yaml_file_in_the_repository_reads_the_same() -> None:
    accepted = 0
    for path in repository_yaml():
        text = path.read_bytes().decode("utf-8", "replace")
        accepted += assert_agrees(text)
    assert accepted > 100  # the subset covers real files, not only toy ones


@pytest.mark.parametrize("path", [EXAMPLE, REPO / "examples" / "vietnam-2016-baseline-illustrative.yaml"],
                         ids=lambda p: p.name)
def test_the_examples_are_inside_the_subset(path: Path) -> None:
    assert assert_agrees(path.read_text("utf-8"))


def test_files_written_by_actip_are_inside_the_subset() -> None:
    data = yamlio.load(EXAMPLE).data
    assert assert_agrees(yamlio.dump(data))  # what `actip assess` and `init` write
    assert assert_agrees(yaml_fast.dumps(data))  # what `actip merge` writes


# Each construct of the subset, and its neighbours just outside it.
INSIDE = [
    "a: 1\nb: 2\nc: 1.5\nd: .5\ne: 1.\nf: 1e5\ng: 1.0e3\nh: 010\ni: 0\nj: +3\n",
    "a: true\nb: False\nc: TRUE\nd: yes\ne: no\nf: on\ng: null\nh: ~\ni: Null\nj: NULL\nk: nULL\n",
    "2019: 1\n1.5: x\ntrue: y\nnull: z\n010: w\n",
    "a: 2024-01-31\nb: 12:30\nc: 0x1F\nd: 1_000\ne: .inf\nf: .nan\ng: http://x.org/a#b\n",
    "key: value # comment\nother: text#not-a-comment\n",
    "# head\n\nkey:   spaced value   \n  # indented comment\nnext: x\n",
    "a: plain text that goes on\n  over lines\n\n  and a paragraph\nb: x\n",
    "- a\n- b: 1\n  c: 2\n-   d: 3\n- [x, 'y', \"z\"]\n",
    "list:\n- a\n- b\nafter: 1\n",
    "list:\n  - a\n  - b\nafter: 1\n",
    "a: 'it''s'\nb: \"tab\\tnew\\nline \\\"q\\\" \\\\ \\u00e9 \\x41 \\U0001F600\"\nc: ''\nd: \"\"\n",
    "a: 'one\n  two\n\n  three'\nb: \"four \\\n  five\n  six\"\n",
    "a: |\n  line one\n\n  line two\n\n\nb: |-\n  kept\n  # not a comment\nc: >\n  folded\n  text\n\n  para\nd: >-\n  x\n",
    "a: {}\nb: []\nc: {2021: 77, 2022: 90}\nd: [1, 2.5, true, null, 'q']\ne: {x: [1, {y: z}]}\n",
    "\"quoted key\": 1\n'single': 2\n\"2019\": 3\nUN-TIP-Protocol 5(1): x\n",
    "nested:\n  deeper:\n    deepest: [a]\n  back: 1\nroot: Việt Nam — Bộ Tư pháp\n",
    "  indented: root\n  second: key\n",
]

OUTSIDE = [
    "",  # empty
    "a:\n",  # empty value
    "a: &x 1\nb: *x\n",  # anchor and alias
    "a: !!str 1\n",  # tag
    "a: 1\na: 2\n",  # duplicate key
    "%YAML 1.1\n---\na: 1\n",  # directive, document marker
    "a: 1\r\nb: 2\r\n",  # carriage returns
    "\ufeffa: 1\n",  # byte-order mark
    "a:\tb\n",  # tab
    "a: b: c\n",  # ': ' inside a value
    "a: [1,\n  2]\n",  # flow list over lines
    "a: |2\n    x\n",  # indentation indicator
    "a: |+\n  x\n\n",  # keep chomping
    "a: >\n  x\n    more indented\n",  # folding of a more-indented line
    "a: \"\\q\"\n",  # unknown escape
    "- - nested\n",  # sequence in a sequence on one line
    "? complex\n: key\n",  # complex key
    "a: 1\n b: 2\n",  # bad indentation
    "a: 'never closed\n",
    "a: x\x85y\n",  # NEL, a line break in YAML 1.1
    "a: no\xa0break\n",  # not printable to Python: left to PyYAML, to be safe
    "<<: {a: 1}\n",  # merge key
    "a: -1\n",  # a value starting with '-'
    "a: 1.0e999\n",  # too large
]


@pytest.mark.parametrize("text", INSIDE)
def test_constructs_inside_the_subset_read_as_pyyaml_reads_them(text: str) -> None:
    assert assert_agrees(text)


@pytest.mark.parametrize("text", OUTSIDE)
def test_constructs_outside_the_subset_are_left_to_pyyaml(text: str) -> None:
    assert yaml_subset.read(text) is None


def test_a_folded_multi_line_value_keeps_its_words_and_paragraphs() -> None:
    data, positions, key_positions = yaml_subset.read("note: first line\n  second line\n\n  new paragraph\nn: 2\n")
    assert data == {"note": "first line second line\nnew paragraph", "n": 2}
    assert positions[("note",)] == (1, 7) and key_positions[("n",)] == (5, 1)


# Random data through both writers: what they write reads back the same way.
words = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "S"]), max_size=30)
scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False) | words
keys = st.text(st.characters(codec="ascii", categories=["L", "N"]) | st.sampled_from("-_. "), min_size=1, max_size=12)
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                         max_leaves=25)


@FUZZ
@given(st.dictionaries(keys, documents, min_size=1, max_size=5))
def test_what_the_writers_write_reads_the_same(data: dict[str, Any]) -> None:
    assert_agrees(yamlio.dump(data))
    assert_agrees(yaml_fast.dumps(data))


# Damage a real file at random with the characters that matter to YAML.
PIECES = [" ", "  ", "\n", "\n  ", "- ", ": ", ":", "#", " #", "'", '"', "\\", "|", ">", "-", "[", "]", "{", "}", ",",
          "&a ", "*a", "!", "?", "%", "@", "`", "~", "null", "yes", "010", "1e3", "\t", "\r", "é", "\u2028", "---", "..."]
SAMPLE = "\n".join(EXAMPLE.read_text("utf-8").splitlines()[13:60]) + "\nindicators:\n  x: {2021: 77, 2022: 90}\n"


@FUZZ
@given(st.lists(st.sampled_from(["a", "b", "1", " ", "\n", ": ", "- ", "#", "'", '"', "|", ">", "[", "]", "{", "}", ",", "\\"]),
                max_size=40).map("".join))
def test_arbitrary_text_is_read_as_pyyaml_reads_it_or_left_to_pyyaml(text: str) -> None:
    assert_agrees(text)


# Lines built from YAML's pieces at random indentations: keys, items, quotes over lines,
# block scalars, flow collections, comments and blank lines in every order.
line_values = st.sampled_from([
    "", "a", "b c", "1", "2.5", "true", "no", "null", "~", "x # c", "x#y", "a:b", "'q'", "'q''s", "'open", "close'",
    '"d"', '"e\\n"', '"f \\', '"g\\"', '"open', 'close"', "|", "|-", ">", ">-", "|2", "[]", "{}", "[a, 'b']", "{k: v}",
    "{1: 2, 3: [4]}", "[a,", "&a x", "*a", "!t x", "- x", "-1", "é ư", "\\",
])
line_heads = st.sampled_from(["", "- ", "k: ", "key2: ", "2019: ", "'qk': ", '"qk2": ', "- k: ", "# ", "k:"])
lines = st.tuples(st.integers(0, 6), line_heads, line_values).map(lambda t: " " * t[0] + t[1] + t[2])


@FUZZ
@given(st.lists(lines, min_size=1, max_size=8).map("\n".join), st.booleans())
def test_lines_of_yaml_pieces_are_read_as_pyyaml_reads_them_or_left_to_pyyaml(text: str, final_newline: bool) -> None:
    assert_agrees(text + "\n" if final_newline else text)


# Whole documents written in a random mix of styles, most of them valid YAML: each scalar
# plain, quoted, folded over lines or as a block; lists indented or not; comments and blank
# lines between. They exercise the reader where it says yes, not only where it steps aside.
WORDS = ["a", "word", "Việt", "x:y", "C#", "it's", 'say "hi"', "50%", "1", "2.5", "true", "no", "null", "é\\", "(a)", "a,b"]


@st.composite
def styled_documents(draw: st.DrawFn) -> str:
    out: list[str] = []

    def text() -> str:
        return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)))

    def comment_or_blank(indent: int) -> None:
        extra = draw(st.sampled_from(["", "", "", "\n", f"{' ' * indent}# note\n", "\n\n"]))
        if extra:
            out.append(extra)

    def scalar(indent: int, block_ok: bool) -> str:
        words = text()
        style = draw(st.sampled_from(["plain", "single", "double", "folded", "fold-quoted", "literal", "flow"]
                                     if block_ok else ["plain", "single", "double"]))
        pad = " " * (indent + draw(st.integers(1, 3)))
        if style == "single":
            return "'" + words.replace("'", "''") + "'"
        if style == "double":
            return '"' + words.replace("\\", "\\\\").replace('"', '\\"') + draw(st.sampled_from(["", "\\n", "\\t", "\\u00e9"])) + '"'
        if style == "folded":
            return words + "".join(draw(st.sampled_from(["\n", "\n\n"])) + pad + text() for _ in range(draw(st.integers(0, 2))))
        if style == "fold-quoted":
            return "'" + words.replace("'", "''") + "\n" + draw(st.sampled_from(["", "\n"])) + pad + text().replace("'", "''") + "'"
        if style == "literal":
            header = draw(st.sampled_from(["|", "|-", ">", ">-", "| # c"]))
            body = [text() for _ in range(draw(st.integers(1, 3)))]
            gap = draw(st.sampled_from(["\n", "\n\n"]))
            return header + "\n" + gap.join(pad + line for line in body)
        if style == "flow":
            return "[" + ", ".join(draw(st.lists(st.sampled_from(["a", "1", "'b c'", '"d"', "{k: v}", "[]"]), max_size=3))) + "]"
        return words

    def node(indent: int, depth: int, key_line: str) -> None:
        kind = draw(st.sampled_from(["scalar", "scalar", "map", "seq"] if depth < 3 else ["scalar"]))
        if kind == "scalar":
            out.append(f"{key_line} {scalar(indent, True)}\n")
            return
        out.append(f"{key_line}{draw(st.sampled_from(['', ' # c']))}\n")
        inner = indent + draw(st.integers(1, 3)) if kind == "map" or draw(st.booleans()) else indent
        if kind == "map":
            mapping(inner, depth + 1)
        else:
            for _ in range(draw(st.integers(1, 3))):
                comment_or_blank(inner)
                if draw(st.booleans()):
                    out.append(f"{' ' * inner}- {scalar(inner, True)}\n")
                else:
                    key = draw(st.sampled_from(["k", "2019", "de_jure"]))
                    out.append(f"{' ' * inner}- {key}: {scalar(inner + 2, False)}\n")

    def mapping(indent: int, depth: int) -> None:
        keys = draw(st.lists(st.sampled_from(["a", "b", "de_jure", "ACTIP-5.1", "2019", "'q k'", '"d k"', "x y"]),
                             min_size=1, max_size=4, unique=True))
        for key in keys:
            comment_or_blank(indent)
            node(indent, depth, f"{' ' * indent}{key}:")

    mapping(draw(st.integers(0, 1)), 0)
    return "".join(out)


@FUZZ
@given(styled_documents())
def test_documents_in_mixed_styles_are_read_as_pyyaml_reads_them(text: str) -> None:
    assert_agrees(text)


@FUZZ
@given(st.just(SAMPLE) | styled_documents(),
       st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3), st.sampled_from(PIECES)), min_size=1, max_size=4))
def test_a_damaged_file_is_read_as_pyyaml_reads_it_or_left_to_pyyaml(text: str, edits: list[tuple[int, int, str]]) -> None:
    for at, removed, piece in edits:
        at %= len(text) + 1
        text = text[:at] + piece + text[at + removed:]
    assert_agrees(text)
