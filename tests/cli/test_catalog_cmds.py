"""validate, list, show, schema and --version through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import MINI, SHIPPED, write

ANSWERS = """\
actip_answers: 1
country: VNM
period: 2025
catalog: {version: "2026.11"}
answers:
  ACTIP-14.1:
    de_jure: full
    de_facto: partial
"""


def test_version_names_package_and_catalog(run) -> None:
    result = run("--version")
    assert result.stdout.startswith("actip-cli ")
    assert "(catalog 2026.11)" in result.stdout


def test_validate_clean_catalog(run, mini_args) -> None:
    result = run(*mini_args("validate"))
    assert result.stdout == ""
    assert "0 errors, 0 warnings" in result.stderr
    assert "6 of 8 obligations verified against the treaty text" in result.stderr


def test_validate_answers_file_told_apart_by_content(run, mini_args, tmp_path: Path) -> None:
    path = write(tmp_path / "weird-name.txt", ANSWERS)
    run(*mini_args("validate", str(path)))
    bad = write(tmp_path / "bad.yaml", ANSWERS.replace("partial", "halfway"))
    result = run(*mini_args("validate", str(bad)), code=1)
    assert f"{bad}:8:15: error: 'halfway' is not allowed here" in result.stdout


def test_every_problem_is_reported_not_just_the_first(run, mini_args, tmp_path: Path) -> None:
    text = ANSWERS.replace("full", "ful").replace("partial", "parcial") + "  ACTIP-99.1: {de_jure: none}\n"
    result = run(*mini_args("validate", str(write(tmp_path / "a.yaml", text))), code=1)
    assert result.stdout.count(": error: ") == 3


def test_json_format_is_one_object_per_problem(run, mini_args, tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", ANSWERS.replace("de_jure: full", "de_jury: full"))
    result = run(*mini_args("validate", "--format", "json", str(path)), code=1)
    [problem] = json.loads(result.stdout)
    assert problem == {"path": str(path), "line": 7, "column": 5, "severity": "error",
                       "message": "unknown key 'de_jury'; did you mean 'de_jure'?", "rule": "schema-unknown-key"}


def test_github_format_is_workflow_annotations(run, mini_args, tmp_path: Path) -> None:
    path = write(tmp_path / "a,b.yaml", ANSWERS.replace("de_jure: full", "de_jury: full"))
    result = run(*mini_args("validate", "--format", "github", str(path)), code=1)
    assert result.stdout.startswith(f"::error file={str(path).replace(',', '%2C')},line=7,col=5,title=schema-unknown-key::unknown key")


def test_warnings_pass_unless_strict(run, tmp_path: Path) -> None:
    import shutil

    catalog = tmp_path / "cat"
    shutil.copytree(MINI, catalog)
    path = catalog / "articles" / "article-05.yaml"
    path.write_text(path.read_text().replace("none: Nothing.", "none: ''"))
    result = run("--obligations", str(catalog), "validate")
    assert "warning: guidance for 'none' is empty" in result.stdout
    run("--obligations", str(catalog), "validate", "--strict", code=1)


def test_require_verified_fails_on_unverified(run, mini_args) -> None:
    result = run(*mini_args("validate", "--require-verified"), code=1)
    assert "ACTIP-5.1 is unverified, not verified against the treaty text" in result.stdout
    assert "ACTIP-24.1 is secondary" in result.stdout


def test_file_inside_a_catalog_is_checked_with_its_catalog(run, tmp_path: Path) -> None:
    import shutil

    catalog = tmp_path / "cat"
    shutil.copytree(MINI, catalog)
    (catalog / "indicators.yaml").write_text((catalog / "indicators.yaml").read_text().replace("id: investigations", "id: investigation"))
    result = run("validate", str(catalog / "articles" / "article-05.yaml"), code=1)
    assert "unknown indicator 'investigations'" in result.stdout


def test_list_json_contract(run, mini_args) -> None:
    items = json.loads(run(*mini_args("list", "--format", "json")).stdout)
    assert [i["id"] for i in items] == ["ACTIP-5.1", "ACTIP-14.1", "ACTIP-14.4", "ACTIP-14.5", "ACTIP-16.4", "ACTIP-18.1", "ACTIP-18.2", "ACTIP-24.1"]
    for key in ("id", "article", "paragraph", "chapter", "title", "modality", "verification"):
        assert key in items[0]


@pytest.mark.parametrize(("args", "ids"), [(("--chapter", "IV"), 3), (("--chapter", "4"), 3), (("--article", "18"), 2)])
def test_list_filters(run, mini_args, args: tuple[str, str], ids: int) -> None:
    assert len(json.loads(run(*mini_args("list", "--format", "json", *args)).stdout)) == ids


def test_list_table_shows_articles_without_duties(run, mini_args) -> None:
    out = run(*mini_args("list")).stdout
    assert "Art. 1" in out and "(no national duty)" in out
    assert "ACTIP-18.1" in out and "softened: 'subject to domestic" in out


def test_show_article_and_obligation(run, mini_args) -> None:
    out = run(*mini_args("show", "18")).stdout
    assert "Article 18." in out and "ACTIP-18.1" in out and "ACTIP-18.2" in out
    out = run(*mini_args("show", "actip-14.1")).stdout
    assert "What each rating looks like" in out and "0 none: Nothing." in out


def test_show_unknown_suggests(run, mini_args) -> None:
    result = run(*mini_args("show", "ACTIP-14.2"), code=2)
    assert "no obligation ACTIP-14.2" in result.stderr


@pytest.mark.parametrize("name", ["catalog", "answers", "report"])
def test_schemas_are_valid_and_strict(run, name: str) -> None:
    schema = json.loads(run("schema", name).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, node.get("description", node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if name != "report":
        walk(schema)


def test_shipped_catalog_files_pass_the_exported_schema(run) -> None:
    """What editors see (the exported schema) agrees with what validate checks."""
    import yaml

    schema = json.loads(run("schema", "catalog").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(MINI.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        assert not list(validator.iter_errors(data)), path


@pytest.mark.parametrize("given", ["ACTIP-20.1.a", "actip-20.1.A", "20.1.a"])
def test_show_lettered_obligation_in_any_case(run, given: str) -> None:
    assert "ACTIP-20.1.a" in run("show", given).stdout



def _exit_130() -> None:
    raise SystemExit(130)  # what Typer does with a KeyboardInterrupt that escapes a command


def test_ctrl_c_outside_a_commands_guard_still_says_interrupted(monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from actip_cli import cli

    monkeypatch.setattr(cli, "app", _exit_130)
    monkeypatch.setattr(cli.settings, "interrupt_reported", False)
    with pytest.raises(SystemExit) as caught:
        cli.main()
    assert caught.value.code == 130
    assert capsys.readouterr().err == "interrupted\n"

    monkeypatch.setattr(cli.settings, "interrupt_reported", True)  # the command said so already
    with pytest.raises(SystemExit):
        cli.main()
    assert capsys.readouterr().err == ""
