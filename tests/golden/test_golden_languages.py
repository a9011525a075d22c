"""Golden files of the gap report in Vietnamese and Indonesian, and in two languages at once.

The same fixed answers as test_golden.py, over a translated copy of the mini catalog (real
wording for a few items, '[vi] <English>' for the rest), so a change to a translated
message, a number format or a layout shows as a diff. After a deliberate change,
regenerate with `ACTIP_REGENERATE_GOLDEN=1 pytest tests/golden` and review the diff in git.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from translated_catalog import build


HERE = Path(__file__).resolve().parent
REGENERATE = os.environ.get("ACTIP_REGENERATE_GOLDEN") == "1"

CASES = [
    ("vi", "markdown", "report.vi.md", True),
    ("id", "terminal", "report.id.txt", True),
    ("vi,en", "html", "report.vi-en.html", False),
]


@pytest.mark.parametrize(("lang", "fmt", "name", "with_baseline"), CASES, ids=[c[2] for c in CASES])
def test_golden_in_other_languages(run, tmp_path: Path, lang: str, fmt: str, name: str, with_baseline: bool) -> None:
    catalog = build(tmp_path / "catalog")
    out = tmp_path / name
    args = ["--obligations", str(catalog), "--lang", lang, "report", str(HERE / "answers.yaml"), "--format", fmt, "--output", str(out)]
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
