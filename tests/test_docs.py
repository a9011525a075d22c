"""The README keeps up with the command line."""

from __future__ import annotations

import re

import pytest

from actip_cli.cli import app
from actip_cli.errors import ExitCode
from tests.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")
COMMANDS = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]


def test_every_command_is_registered() -> None:
    assert sorted(COMMANDS) == sorted(
        ["assess", "init", "report", "merge", "diff", "compare", "validate", "list", "show", "schema"])


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme_and_has_help(run, name: str) -> None:
    assert f"actip {name}" in README
    result = run(name, "--help")
    assert len(result.stdout.strip().splitlines()) > 3


def test_exit_code_table_matches_the_code() -> None:
    rows = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", README, re.MULTILINE))
    assert sorted(int(code) for code in rows) == sorted(int(code) for code in ExitCode)


def test_readme_names_its_two_commands() -> None:
    assert "pip install ." in README and "actip assess vietnam" in README
    assert "pip install '.[test]'" in README and "python -m pytest" in README
