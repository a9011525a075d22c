"""The wheel carries the catalog and the schemas, so `pip install .` works outside a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{proc.stderr[-2000:]}")
    [found] = out.glob("actip_cli-*.whl")
    return found


def test_wheel_carries_catalog_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "actip_cli/obligations/" + str(p.relative_to(REPO / "obligations"))
        for p in (REPO / "obligations").rglob("*.yaml")
    }
    assert shipped <= names, sorted(shipped - names)[:5]
    for schema in ("catalog", "answers", "report"):
        assert f"actip_cli/schemas/{schema}.schema.json" in names
    assert "actip_cli/obligations/catalog.yaml" in names
