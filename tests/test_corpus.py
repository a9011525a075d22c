"""The bad-input corpus: every folder under tests/corpus/ is one case.

A case's `case.yaml` gives the command line (`args`, with `{case}` for the case folder,
`{mini}` for the test catalog and `{catalog}` for a copy of a catalog with the case's
`catalog/` files laid over it and `delete` removed), the expected exit code and a message
that must appear. Every case must end in one clear message and never in a traceback, so
adding a case means adding files, not code.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "case.yaml").is_file())


def _prepare(case: Path, spec: dict[str, Any], tmp_path: Path) -> dict[str, str]:
    values = {"case": str(case), "mini": str(DATA / "catalogs" / "mini")}
    if "catalog" in spec:
        target = tmp_path / "catalog"
        shutil.copytree(DATA / "catalogs" / spec["catalog"], target)
        overlay = case / "catalog"
        if overlay.is_dir():
            shutil.copytree(overlay, target, dirs_exist_ok=True)
        for name in spec.get("delete", []):
            (target / name).unlink()
        values["catalog"] = str(target)
    if "generate" in spec:
        work = tmp_path / "case"
        shutil.copytree(case, work)
        values["case"] = str(work)
        gen = spec["generate"]
        with (work / gen["file"]).open("w") as handle:
            line = "# " + "x" * 1000 + "\n"
            for _ in range(gen["megabytes"] * 1024):
                handle.write(line)
    return values


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_one_clear_message(case: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = yaml.safe_load((case / "case.yaml").read_text("utf-8"))
    values = _prepare(case, spec, tmp_path)
    monkeypatch.chdir(tmp_path)
    args = [str(a).format(**values) for a in spec["args"]]
    result = run(*args, input=spec.get("input"), code=spec["exit"])
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for key in ("message", "also"):
        if key in spec:
            expected = str(spec[key]).format(**values)
            assert expected in output, f"expected {expected!r} in:\n{output}"
    errors = [line for line in output.splitlines() if ": error: " in line or line.startswith("error:")]
    assert errors, "no error line"
