"""Golden files: the gap report of one fixed answers file over the mini catalog, in every format.

A difference fails the test and shows a diff. After a deliberate change of the report,
regenerate with `ACTIP_REGENERATE_GOLDEN=1 pytest tests/golden` and review the diff in git.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REGENERATE = os.environ.get("ACTIP_REGENERATE_GOLDEN") == "1"

CASES = [
    ("terminal", "report.txt", False),
    ("markdown", "report.md", False),
    ("html", "report.html", False),
    ("json", "report.json", False),
    ("csv", "report.csv", False),
    ("terminal", "report-baseline.txt", True),
    ("json", "report-baseline.json", True),
]


@pytest.mark.parametrize(("fmt", "name", "with_baseline"), CASES, ids=[c[1] for c in CASES])
def test_golden(run, mini_args, tmp_path: Path, fmt: str, name: str, with_baseline: bool) -> None:
    out = tmp_path / name
    args = mini_args("report", str(HERE / "answers.yaml"), "--format", fmt, "--output", str(out))
    if with_baseline:
        args += ["--baseline", str(HERE / "baseline.yaml")]
    run(*args)
    actual = out.read_bytes()
    golden = HERE / name
    if REGENERATE:
        golden.write_bytes(actual)
        return
    assert golden.exists(), f"{golden.name} is missing; create it with ACTIP_REGENERATE_GOLDEN=1"
    expected = golden.read_bytes()
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.decode("utf-8").splitlines(True), actual.decode("utf-8").splitlines(True),
                                            f"golden/{name}", "actual", n=2))
        pytest.fail(f"{name} differs from the golden file (ACTIP_REGENERATE_GOLDEN=1 to accept):\n{diff[:6000]}")
