"""`actip report` through the command line: formats, --output, --baseline, --fail-under, errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
ANSWERS = str(GOLDEN / "answers.yaml")
BASELINE = str(GOLDEN / "baseline.yaml")


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json", "csv"])
def test_every_format_to_stdout(run, mini_args, fmt: str) -> None:
    result = run(*mini_args("report", ANSWERS, "--format", fmt))
    assert ("VNM" if fmt == "csv" else "Viet Nam") in result.stdout
    assert result.stderr == ""


def test_terminal_is_the_default_and_shows_the_headline(run, mini_args) -> None:
    out = run(*mini_args("report", ANSWERS)).stdout
    assert "ACTIP gap report: Viet Nam, 2022" in out
    assert "ILLUSTRATIVE EXAMPLE: not an official assessment." in out
    assert "appropriate but not yet effective" in out


def test_no_color_env(run, mini_args) -> None:
    out = run(*mini_args("report", ANSWERS), env={"NO_COLOR": "1"}).stdout
    assert "\x1b" not in out


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


@pytest.mark.parametrize(("env", "flags", "bold", "colour"), [
    ({"FORCE_COLOR": "1", "TERM": "xterm"}, [], True, True),
    ({"FORCE_COLOR": "1", "TERM": "xterm", "NO_COLOR": "1"}, [], True, False),  # NO_COLOR keeps bold, as Rich does
    ({"FORCE_COLOR": "1", "TERM": "xterm"}, ["--no-color"], True, False),
    ({"FORCE_COLOR": "1", "TERM": "dumb"}, [], False, False),
    ({"TERM": "xterm"}, [], False, False),  # not a terminal
])
def test_terminal_styles_follow_the_environment(run, mini_args, env: dict[str, str], flags: list[str], bold: bool, colour: bool) -> None:
    out = run(*flags, *mini_args("report", ANSWERS), env=env).stdout
    codes = {c for group in _SGR.findall(out) for c in group.split(";")}
    assert ("1" in codes) == bold
    assert bool(codes & {"31", "32", "33", "36"}) == colour
    assert _SGR.sub("", out).startswith("╭───")


@pytest.mark.parametrize(("columns", "widest"), [("60", 60), ("120", 120)])
def test_terminal_width_from_columns(run, mini_args, columns: str, widest: int) -> None:
    out = run(*mini_args("report", ANSWERS), env={"COLUMNS": columns}).stdout
    assert max(len(line) for line in out.splitlines()) == widest  # the panels span the width


def test_output_written_atomically_only_after_rendering(run, mini_args, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = run(*mini_args("report", ANSWERS, "-f", "html", "-o", str(target)))
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind


def test_output_not_touched_when_answers_are_bad(run, mini_args, tmp_path: Path) -> None:
    target = write(tmp_path / "report.md", "previous report\n")
    bad = write(tmp_path / "bad.yaml", "actip_answers: 1\ncountry: VNM\nperiod: 2022\ncatalog: {version: '2026.11'}\nanswers:\n  ACTIP-99.1: {de_jure: full}\n")
    result = run(*mini_args("report", str(bad), "-f", "markdown", "-o", str(target)), code=1)
    assert "bad.yaml:6" in result.stderr and "ACTIP-99.1" in result.stderr
    assert target.read_text("utf-8") == "previous report\n"


def test_output_unwritable_exits_4(run, mini_args, tmp_path: Path) -> None:
    result = run(*mini_args("report", ANSWERS, "-f", "json", "-o", str(tmp_path / "no" / "such" / "dir" / "r.json")), code=4)
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_output_read_only_folder_exits_4(run, mini_args, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        run(*mini_args("report", ANSWERS, "-f", "csv", "-o", str(folder / "r.csv")), code=4)
    finally:
        folder.chmod(0o700)


def test_missing_answers_file_exits_4(run, mini_args, tmp_path: Path) -> None:
    result = run(*mini_args("report", str(tmp_path / "nope.yaml")), code=4)
    assert "nope.yaml" in result.stderr and "no such file" in result.stderr


def test_terminal_to_file_is_plain_80_columns(run, mini_args, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    run(*mini_args("report", ANSWERS, "-o", str(target)))
    text = target.read_text("utf-8")
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_fail_under(run, mini_args) -> None:
    ok = run(*mini_args("report", ANSWERS, "-f", "json", "--fail-under", "0.2"))
    score = json.loads(ok.stdout)["scores"]["fail_under"]
    assert score == pytest.approx(0.25625, abs=1e-4)
    low = run(*mini_args("report", ANSWERS, "-f", "json", "--fail-under", "0.3"), code=3)
    assert json.loads(low.stdout)  # the report is still printed
    assert "below --fail-under 0.3" in low.stderr
    run(*mini_args("report", ANSWERS, "--fail-under", "1.5"), code=2)


def test_fail_under_with_nothing_rated_fails(run, mini_args, tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.yaml", "actip_answers: 1\ncountry: VNM\nperiod: 2022\ncatalog: {version: '2026.11'}\nanswers: {}\n")
    result = run(*mini_args("report", str(empty), "-f", "csv", "--fail-under", "0"), code=3)
    assert "no data" in result.stderr


def test_baseline(run, mini_args) -> None:
    data = json.loads(run(*mini_args("report", ANSWERS, "-f", "json", "--baseline", BASELINE)).stdout)
    assert data["baseline"]["period"] == 2016
    o = next(o for o in data["obligations"] if o["id"] == "ACTIP-14.1")
    assert "deterioration" in o["flags"]
    assert o["baseline"]["effect"]["outcome"]["value"] == -0.5


def test_baseline_of_another_country_is_a_usage_error(run, mini_args, tmp_path: Path) -> None:
    other = write(tmp_path / "tha.yaml", "actip_answers: 1\ncountry: THA\nperiod: 2016\ncatalog: {version: '2026.11'}\nanswers: {}\n")
    result = run(*mini_args("report", ANSWERS, "--baseline", str(other)), code=2)
    assert "baseline is for THA" in result.stderr


def test_baseline_not_earlier_warns(run, mini_args) -> None:
    result = run(*mini_args("report", ANSWERS, "-f", "json", "--baseline", ANSWERS))
    assert "is not earlier" in result.stderr


def test_partial_workshop_file_counts_unanswered_not_zero(run, mini_args, tmp_path: Path) -> None:
    part = write(tmp_path / "ch4.yaml", "actip_answers: 1\ncountry: VNM\nperiod: 2022\ncatalog: {version: '2026.11'}\n"
                 "answers:\n  ACTIP-14.1: {de_jure: full, de_facto: full}\n  ACTIP-14.5: {de_jure: full, de_facto: full}\n")
    data = json.loads(run(*mini_args("report", str(part), "-f", "json")).stdout)
    overall = data["scores"]["overall"]
    assert overall["output"]["value"] == 1.0 and overall["outcome"]["value"] == 1.0
    assert overall["confidence"] == "low"
    assert overall["counts"]["unanswered"] == 12


def test_schema_report_prints_the_schema(run, mini_args) -> None:
    data = json.loads(run("schema", "report").stdout)
    assert data["title"] == "actip-cli gap report (JSON)"
    assert data["additionalProperties"] is False


def test_a_closed_pipe_is_not_an_error() -> None:
    """Rich ends a program with exit 1 when the reader goes away (`actip list | head`);
    actip's consoles hand that to the guard, which exits 0 as for every other output."""
    from actip_cli.cli import make_console

    console = make_console()
    with pytest.raises(BrokenPipeError):
        console.on_broken_pipe()
    assert console.quiet


def _actip(*args: str) -> list[str]:
    return [sys.executable, "-m", "actip_cli", "--obligations", str(GOLDEN.parents[0] / "data" / "catalogs" / "mini"), *args]


def test_terminal_report_to_a_closed_pipe_exits_0() -> None:
    """`actip report x | head -1`: the reader goes away before the report is written."""
    child = subprocess.Popen(_actip("report", ANSWERS), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    child.stdout.close()  # before the child writes anything
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 0, stderr.decode()
    assert stderr == b""


def test_a_report_on_a_valid_edited_file_imports_neither_pyyaml_nor_jsonschema(tmp_path: Path) -> None:
    """The first report after an officer edits the answers file: read by yaml_subset,
    checked by schema_subset (both compared with the libraries in their own tests)."""
    example = Path(__file__).resolve().parents[2] / "examples" / "vietnam-illustrative.yaml"
    edited = tmp_path / "edited.yaml"
    edited.write_text(example.read_text("utf-8").replace("illustrative: >-\n", "illustrative: >-\n  Edited.\n", 1), "utf-8")
    env = {**os.environ, "ACTIP_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("ACTIP_NO_CACHE", None)
    # The first run reads the catalog (with PyYAML) and caches it; the second is the one checked.
    subprocess.run([sys.executable, "-m", "actip_cli", "report", str(example), "--format", "json"],
                   capture_output=True, env=env, check=True)
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "actip_cli", "report", str(edited), "--format", "json"],
                         capture_output=True, text=True, env=env, check=True)
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    assert "actip_cli.scoring" in imported  # the report was made...
    assert "yaml" not in imported  # ...without PyYAML
    assert "jsonschema" not in imported  # ...and without jsonschema


def test_terminal_report_does_not_import_rich() -> None:
    code = ("import sys, runpy; sys.argv = ['actip', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('actip_cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, *_actip("report", ANSWERS)[3:]], capture_output=True, text=True, check=True)
    assert "ACTIP gap report" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "[]"
