"""Shared fixtures: catalogs, a CLI runner, answers files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actip_cli import catalog as catalog_mod
from actip_cli import i18n
from actip_cli.cli import app, settings
from actip_cli.model import Catalog

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "catalogs" / "mini"
SHIPPED = REPO / "obligations"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never see the developer's catalog, language or colour settings, and leave
    the interface in English for the next test."""
    for name in ("ACTIP_OBLIGATIONS", "ACTIP_LANG", "NO_COLOR", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("ACTIP_NO_CACHE", "1")  # every test validates for real
    settings.__init__()  # type: ignore[misc]
    yield
    i18n.activate("en")


@pytest.fixture(scope="session")
def mini_catalog() -> Catalog:
    """The small test catalog in tests/data/catalogs/mini."""
    return catalog_mod.load_catalog(MINI)


@pytest.fixture(scope="session")
def shipped_catalog() -> Catalog:
    """The catalog shipped in obligations/."""
    return catalog_mod.load_catalog(SHIPPED)


class Run:
    """Runs `actip ...` in-process and keeps stdout, stderr and the exit code apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None, code: int | None = 0):
        result = self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        if code is not None and result.exit_code != code:
            raise AssertionError(
                f"actip {' '.join(args)} exited {result.exit_code}, expected {code}\n"
                f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
            )
        return result


@pytest.fixture
def run() -> Run:
    """Call as run('validate', path, code=1)."""
    return Run()


@pytest.fixture
def mini_args() -> Callable[..., list[str]]:
    """Arguments that point actip at the mini catalog."""
    return lambda *args: ["--obligations", str(MINI), *args]


def write(path: Path, text: str) -> Path:
    """Write a test file, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
