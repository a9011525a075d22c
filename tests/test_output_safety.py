"""Output safety: hostile text that users write comes out inert in everything actip writes.

Officers send reports to other governments; trainers put comparisons on a shared screen;
a merged file goes from hand to hand. So the text people type (notes, evidence, assessor
and respondent names, even file names) is written into every report format, the merge's
conflicts report, and the diff and compare outputs, and each is checked:

- HTML: no element, attribute or URL comes from user text (no `<script`, no `on...=`,
  no `href`/`src`), only the page's own markup;
- Markdown: no live links or images, no raw HTML, no table broken by a `|`, no heading or
  list started by a user's line;
- CSV: no cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first);
- terminal (a real pseudo-terminal, colours on): no escape sequence but the tool's own
  colours, no bell, backspace, lone carriage return or right-to-left override; lines fit
  the width even for a 4,000-character note;
- JSON: parses, and carries no control characters.

And YAML is only ever read through the project's own strict loader, which never builds
Python objects.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest

from actip_cli import yamlio
from tests.conftest import MINI, REPO

# --------------------------------------------------------------------------- hostile text

SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = "</td></tr></table><h1>owned</h1><!--"
MD_LINK = "[click here](http://evil.example/phish)"
MD_IMAGE = "![pixel](http://evil.example/track.png)"
AUTOLINK = "<http://evil.example>"
PIPES = "| col | umns | x |"
FORMULA = '=HYPERLINK("http://evil.example","open")'
ANSI = "\x1b[2J\x1b[H\x1b]0;owned\x07\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\\x1b[31mred\x1b[0m"
C1 = "\x9b31mC1"
CONTROL = "bell\x07back\x08space\rover"
BIDI = "abc\u202edcba\u2066x\u2069\u200bzero"
LONG = "W" * 3900

NOTE = f"{SCRIPT} {IMG} {BREAKOUT} {MD_LINK} {MD_IMAGE} {AUTOLINK} {PIPES} `code` **bold** {ANSI} {C1} {CONTROL} {BIDI}\n# heading\n- item\n> quote"
EVIDENCE = [FORMULA, "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", SCRIPT, MD_LINK, PIPES, ANSI, BIDI, LONG[:1900]]
NAME = f"{IMG}|{MD_LINK}|{ANSI}|{BIDI}"[:300]
ORG = f"{FORMULA}{SCRIPT}"[:300]
RESPONDENT_A = f"=cmd|' /C calc'!A0 {SCRIPT} {ANSI}"[:300]
RESPONDENT_B = f"@SUM(1) {PIPES} {MD_IMAGE} {BIDI}"[:300]
# A file name a participant could choose: markup, pipes, a formula and a terminal escape.
EVIL_NAME = "=1+1 <b>x<b> |pipe| [l](j) \x1b[2J.yaml"


def answers(respondent: str, period: int, country: str, ratings: dict[str, tuple[str, str]], long_note: bool = False) -> dict:
    data: dict = {
        "actip_answers": 1, "country": country, "period": period,
        "illustrative": f"{SCRIPT} {MD_LINK} {FORMULA} {ANSI}",
        "assessor": {"name": NAME, "organisation": ORG},
        "respondent": respondent,
        "catalog": {"version": "2026.11"},
        "answers": {},
        "indicators": {"investigations": {period - 2: 200, period - 1: 150, period: 120}},
    }
    for oid, (de_jure, de_facto) in ratings.items():
        data["answers"][oid] = {"de_jure": de_jure, "de_facto": de_facto, "evidence": EVIDENCE, "grade": "C",
                                "note": LONG if long_note and oid == "ACTIP-14.1" else NOTE}
    return data


RATINGS_A = {"ACTIP-5.1": ("full", "none"), "ACTIP-14.1": ("substantial", "initial"), "ACTIP-14.4": ("partial", "partial"),
             "ACTIP-16.4": ("none", "none"), "ACTIP-18.1": ("initial", "initial")}
RATINGS_B = {"ACTIP-5.1": ("none", "full"), "ACTIP-14.1": ("initial", "substantial"), "ACTIP-14.5": ("full", "full"),
             "ACTIP-18.1": ("full", "partial")}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    made = {
        "a": (RESPONDENT_A, 2022, "VNM", RATINGS_A, True),
        "b": (RESPONDENT_B, 2022, "VNM", RATINGS_B, False),
        "old": (RESPONDENT_B, 2021, "VNM", RATINGS_B, False),
        "tha": (RESPONDENT_A, 2022, "THA", RATINGS_B, False),
    }
    paths = {}
    for key, (who, period, country, ratings, long_note) in made.items():
        name = EVIL_NAME if key == "b" else f"{key}.yaml"
        path = folder / name
        path.write_text(yamlio.dump(answers(who, period, country, ratings, long_note)), "utf-8")
        paths[key] = path
    return paths


@pytest.fixture(scope="module")
def outputs(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every file-format output of every command, written with --output through the CLI."""
    from typer.testing import CliRunner

    from actip_cli.cli import app, settings

    out = tmp_path_factory.mktemp("out")
    runner = CliRunner()
    results: dict[str, str] = {}

    def cli(*args: str) -> None:
        settings.__init__()  # type: ignore[misc]
        result = runner.invoke(app, ["--obligations", str(MINI), *args], catch_exceptions=False,
                               env={"ACTIP_NO_CACHE": "1", "COLUMNS": "80", "NO_COLOR": "1"})
        assert result.exit_code == 0, result.stdout + result.stderr

    a, b, old, tha = (str(files[k]) for k in ("a", "b", "old", "tha"))
    for fmt, ext in (("markdown", "md"), ("html", "html"), ("json", "json"), ("csv", "csv"), ("terminal", "txt")):
        cli("report", a, "--baseline", old, "--format", fmt, "--output", str(out / f"report.{ext}"))
        results[f"report.{ext}"] = (out / f"report.{ext}").read_text("utf-8-sig")
    cli("merge", a, b, "--output", str(out / "merged.yaml"), "--conflicts", str(out / "conflicts.md"))
    cli("merge", a, b, "--output", str(out / "merged2.yaml"), "--conflicts", str(out / "conflicts.json"))
    for name in ("merged.yaml", "conflicts.md", "conflicts.json"):
        results[name] = (out / name).read_text("utf-8")
    for fmt, ext in (("markdown", "md"), ("json", "json"), ("terminal", "txt")):
        cli("diff", old, b, "--format", fmt, "--output", str(out / f"diff.{ext}"))
        results[f"diff.{ext}"] = (out / f"diff.{ext}").read_text("utf-8")
    for fmt, ext in (("markdown", "md"), ("html", "html"), ("json", "json"), ("csv", "csv"), ("terminal", "txt")):
        cli("compare", a, b, tha, "--format", fmt, "--output", str(out / f"compare.{ext}"))
        results[f"compare.{ext}"] = (out / f"compare.{ext}").read_text("utf-8-sig")
    return results


def by_ext(outputs: dict[str, str], ext: str) -> list[tuple[str, str]]:
    return [(name, text) for name, text in outputs.items() if name.endswith("." + ext)]


def test_every_output_was_made(outputs: dict[str, str]) -> None:
    assert len(outputs) == 16
    # The hostile text really went in: the report carries the note's words.
    assert "alert" in outputs["report.json"] and "evil.example" in outputs["report.json"]


# --------------------------------------------------------------------------- every format

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


FILES = ["report.md", "report.html", "report.json", "report.txt", "merged.yaml", "conflicts.md", "conflicts.json",
         "diff.md", "diff.json", "diff.txt", "compare.md", "compare.html", "compare.json", "compare.txt"]


@pytest.mark.parametrize("name", FILES)
def test_no_file_carries_terminal_escapes_or_control_characters(outputs: dict[str, str], name: str) -> None:
    text = outputs[name]
    if name.endswith(".json") or name == "merged.yaml":
        # Data files keep what people wrote, right-to-left marks included; JSON and YAML
        # write control characters as escapes (\u001b), never as raw bytes. (The gap
        # report's JSON drops them altogether; the workshop commands' JSON keeps them
        # escaped, as docs/workshop.md says.)
        text = re.sub(r"[\u202a-\u202e\u2066-\u2069]", "", text)
    found = _CONTROLS.findall(text.replace("\r\n", "\n"))
    assert not found, f"{name}: {sorted(set(found))}"


def test_html_has_only_its_own_markup(outputs: dict[str, str]) -> None:
    for name, page in by_ext(outputs, "html"):
        low = page.lower()
        assert "<script" not in low and "<img" not in low and "<h1>owned" not in low and "<iframe" not in low, name
        for tag in re.findall(r"<[a-zA-Z][^>]*>", page):
            assert not re.search(r"\s(on[a-z]+|href|src|action|formaction|srcdoc)\s*=", tag, re.I), f"{name}: {tag}"
            assert "evil.example" not in tag, f"{name}: {tag}"
        assert "&lt;script&gt;" in page, f"{name}: the script tag was dropped, not shown as text"


def test_markdown_has_no_live_links_html_or_broken_tables(outputs: dict[str, str]) -> None:
    for name, text in by_ext(outputs, "md"):
        for line in text.splitlines():
            line = re.sub(r"(`+).*?\1", "`code`", line)  # inside a code span nothing is markup
            live = re.findall(r"(?<!\\)\]\((?!#)", line)  # [text](url) not escaped
            assert not live or "evil.example" not in line, f"{name}: {line[:200]}"
            assert not re.search(r"<(script|img|h1|b|iframe|a)\b", line, re.I), f"{name}: {line[:200]}"
            assert not re.search(r"(?<!\\)<https?:", line), f"{name}: {line[:200]}"
            assert not line.startswith(("# heading", "- item", "> quote")), f"{name}: a user's line became Markdown: {line}"
        # Every table keeps the shape of its header: no user pipe opens a new column.
        for block in re.split(r"\n\s*\n", text):
            rows = [line for line in block.splitlines() if line.startswith("|")]
            if rows:
                widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
                assert len(widths) == 1, f"{name}: table rows with different column counts:\n{block[:600]}"


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_csv_cells_never_start_a_formula(outputs: dict[str, str]) -> None:
    for name, text in by_ext(outputs, "csv"):
        rows = _cells(text)
        assert len({len(r) for r in rows}) == 1, f"{name}: rows of different lengths"
        for row in rows:
            for cell in row:
                if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell):
                    continue  # a number, e.g. a negative effect
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), f"{name}: {cell[:80]!r}"
                assert not _CONTROLS.search(cell.replace("\r\n", "\n").replace("\n", " ")), f"{name}: {cell[:80]!r}"
    report = _cells(outputs["report.csv"])
    evidence = report[1][report[0].index("evidence")]
    assert evidence.startswith("'=HYPERLINK"), "the formula is kept as text behind an apostrophe"


def test_json_parses(outputs: dict[str, str]) -> None:
    for name, text in by_ext(outputs, "json"):
        def refuse(constant: str) -> None:
            raise AssertionError(f"{name}: {constant}")

        json.loads(text, parse_constant=refuse)


def test_merged_file_keeps_what_each_respondent_said_and_escapes_it(outputs: dict[str, str]) -> None:
    text = outputs["merged.yaml"]
    assert "\x1b" not in text and "\x07" not in text  # YAML writes them as escapes...
    data = yamlio.load(Path("merged.yaml"), text=text).data  # ...and reads them back exactly
    said = [p["respondent"] for p in data["answers"]["ACTIP-5.1"]["provenance"]]
    assert said[0] == RESPONDENT_A


def test_terminal_text_fits_its_width_even_for_a_4000_character_note(outputs: dict[str, str]) -> None:
    for name in ("report.txt",):
        too_wide = [line for line in outputs[name].splitlines() if len(line) > 80]
        assert not too_wide, f"{name}: {len(too_wide)} lines wider than 80, e.g. {too_wide[0][:100]}"
    for name in ("diff.txt", "compare.txt"):
        too_wide = [line for line in outputs[name].splitlines() if len(line) > 100]
        assert not too_wide, f"{name}: {len(too_wide)} lines wider than 100, e.g. {too_wide[0][:120]}"


# --------------------------------------------------------------------------- a real terminal, colours on

pexpect = pytest.importorskip("pexpect")
_OWN = re.compile(r"\x1b\[[0-9;]*m")  # SGR: the colours and bold Rich writes


def _on_a_terminal(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "ACTIP_LANG", "LANGUAGE", "LC_ALL")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8", ACTIP_NO_CACHE="1", COLUMNS="80")
    child = pexpect.spawn(sys.executable, ["-m", "actip_cli", "--obligations", str(MINI), *args], env=env,
                          encoding="utf-8", timeout=60, dimensions=(50, 80))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before[-2000:]
    return child.before


@pytest.mark.parametrize("command", ["report", "merge", "diff", "compare", "validate"])
def test_terminal_with_colour_carries_no_escape_but_its_own(files: dict[str, Path], tmp_path: Path, command: str) -> None:
    a, b, old, tha = (str(files[k]) for k in ("a", "b", "old", "tha"))
    args = {
        "report": ["report", a, "--baseline", old],
        "merge": ["merge", a, b, "--output", str(tmp_path / "m.yaml")],
        "diff": ["diff", old, b],
        "compare": ["compare", a, b, tha],
        "validate": ["validate", a, b],
    }[command]
    screen = _on_a_terminal(*args)
    assert _OWN.search(screen) or command == "validate", "colours were expected on a terminal"
    rest = _OWN.sub("", screen).replace("\r\n", "\n")
    found = _CONTROLS.findall(rest)
    assert not found, f"{command}: {sorted(set(found))} in {rest[:400]!r}"
    assert "owned" not in rest or "\x1b]0;owned" not in screen


# --------------------------------------------------------------------------- YAML is only read safely

_UNSAFE_YAML = re.compile(
    r"yaml\.(load|load_all|full_load|full_load_all|unsafe_load|unsafe_load_all|safe_load|safe_load_all|compose|compose_all|parse|scan)\s*\("
    r"|\b(Unsafe|Full)Loader\b|yaml\.(C?Loader)\b|Loader\s*=\s*yaml\.(C?Loader|C?UnsafeLoader|C?FullLoader)"
)


def test_yaml_is_only_loaded_through_the_strict_safe_loader() -> None:
    sources = sorted((REPO / "src" / "actip_cli").rglob("*.py"))
    assert len(sources) > 20
    offenders = []
    for path in sources:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            anywhere = re.search(r"yaml\.(unsafe_load|full_load)|(Unsafe|Full)Loader", code)
            if anywhere or (_UNSAFE_YAML.search(code) and path.name != "yamlio.py"):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "YAML read outside yamlio's strict loader:\n" + "\n".join(offenders)


def test_the_strict_loader_cannot_build_python_objects() -> None:
    import yaml

    loader = yamlio._strict_loader()
    assert issubclass(loader, yaml.constructor.SafeConstructor)
    assert not issubclass(loader, (yaml.constructor.FullConstructor, yaml.constructor.UnsafeConstructor))
    doc = yamlio.load(Path("x.yaml"), text="a: !!python/object/apply:os.system ['echo owned']\n")
    # The tag is refused (an issue, so the file is rejected) and nothing was built or run.
    assert doc.data == {"a": ["echo owned"]} and doc.issues and "unsupported YAML tag" in doc.issues[0].message


def test_nothing_else_deserialises_code() -> None:
    """pickle, marshal, eval and exec run code; only the cache may unpickle (its own files)."""
    allowed = {"cache.py": "pickle"}
    offenders = []
    for path in sorted((REPO / "src" / "actip_cli").rglob("*.py")):
        text = path.read_text("utf-8")
        for word in ("pickle", "marshal", "shelve", "dill"):
            if re.search(rf"\bimport {word}\b", text) and allowed.get(path.name) != word:
                offenders.append(f"{path.name}: {word}")
        if re.search(r"(?<![\w.])(eval|exec)\s*\(", text):
            offenders.append(f"{path.name}: eval/exec")
    assert not offenders, offenders
