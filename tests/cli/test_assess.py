"""`actip assess` and `actip init` through the CLI, with scripted input."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from actip_cli import answers as answers_mod
from actip_cli.catalog import load_catalog
from tests.conftest import MINI, write

YEAR = datetime.date.today().year


def walk_inputs() -> str:
    """Typed answers for a whole walk of the mini catalog (no assessor, evidence on the first duty)."""
    def duty(a: str, b: str, *evidence: str) -> list[str]:
        return [a, b, *evidence, ""]

    lines = ["", "",  # assessor name and organisation: skipped
             *duty("3", "1", "Law 53/2024/QH15, art. 24"), "s",
             *duty("4", "2"), *duty("2", "2"), *duty("1", "0"), "s", "s",
             *duty("3", "3"),
             *duty("2", "1"), *duty("1", "1"), "s",
             *duty("u", "u")]
    return "\n".join(lines) + "\n"


COMPLETE = f"""\
actip_answers: 1
country: VNM
period: 2025
catalog: {{version: "2026.11"}}
answers:
  ACTIP-5.1: {{de_jure: full, de_facto: partial}}
  ACTIP-14.1: {{de_jure: full, de_facto: initial}}
  ACTIP-14.4: {{de_jure: partial, de_facto: partial}}
  ACTIP-14.5: {{de_jure: none, de_facto: none}}
  ACTIP-16.4: {{de_jure: substantial, de_facto: initial}}
  ACTIP-18.1: {{de_jure: none, de_facto: none}}
  ACTIP-24.1: {{de_jure: unknown, de_facto: unknown}}
"""


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_full_walk_writes_a_valid_file_and_prints_the_report(run, mini_args, here) -> None:
    result = run(*mini_args("assess", "vietnam", "--input"), input=walk_inputs())
    path = here / f"actip-vnm-{YEAR}.yaml"
    assert path.is_file()
    assert "Assessment complete: all 8 duties answered" in result.stderr
    # Conversation on stderr, the report on stdout.
    assert "Rating (0-4, u, n, ?)" in result.stderr and "Rating (0-4" not in result.stdout
    assert result.stdout.strip()
    run(*mini_args("validate", str(path)))
    loaded, _ = answers_mod.load(path, load_catalog(MINI))
    assert len(loaded.answers) == 8
    assert loaded.answers["ACTIP-5.1"].evidence == ("Law 53/2024/QH15, art. 24",)


@pytest.mark.parametrize("spelling", ["Viet Nam", "VN", "vnm", "Việt Nam", "viet-nam"])
def test_spellings_of_the_country_pick_the_same_file(run, mini_args, here, spelling) -> None:
    run(*mini_args("assess", spelling, "--input"), input="q\n")
    assert (here / f"actip-vnm-{YEAR}.yaml").is_file()


def test_unknown_country_is_exit_2_with_suggestions(run, mini_args, here) -> None:
    result = run(*mini_args("assess", "vietnm"), code=2)
    assert "error: 'vietnm' is not an ASEAN member state" in result.stderr
    assert "did you mean Viet Nam (VNM)" in result.stderr
    assert not list(here.iterdir())


def test_non_member_is_told_actip_is_for_asean_members(run, mini_args, here) -> None:
    result = run(*mini_args("assess", "china"), code=2)
    assert "ACTIP is open to ASEAN member states only" in result.stderr


def test_resume_command_keeps_the_language(run, mini_args, here) -> None:
    from actip_cli import i18n

    try:
        result = run(*mini_args("--lang", "vi", "assess", "vn", "--input", "--period", "2024"), input="\n\nq\n")
    finally:
        i18n.activate("en")
    assert f"actip --obligations {MINI} --lang vi assess vn --period 2024" in result.stderr


def test_quit_prints_where_and_how_to_resume(run, mini_args, here) -> None:
    result = run(*mini_args("assess", "vn", "--input", "--period", "2024"), input="\n\n2\nq\n")
    assert "Saved in actip-vnm-2024.yaml: 0 of 8 duties answered, 1 more in part." in result.stderr
    assert f"To continue, run: actip --obligations {MINI} assess vn --period 2024" in result.stderr
    again = run(*mini_args("assess", "vn", "--input", "--period", "2024"), input="q\n")
    assert "Resuming: 0 of 8 answered, 1 more in part." in again.stderr
    assert "In practice (de facto): Is criminalising trafficking applied in practice?" in again.stderr


def test_end_of_input_saves_and_says_so(run, mini_args, here) -> None:
    result = run(*mini_args("assess", "vn", "--input", "--answers", "a.yaml"), input="\n\n3\n")
    assert "Input ended. Saved in a.yaml: 0 of 8 duties answered, 1 more in part." in result.stderr
    assert "--answers a.yaml" in result.stderr
    assert (here / "a.yaml").read_text().count("de_jure: substantial") == 1


def test_a_new_file_exists_before_the_first_answer(run, mini_args, here) -> None:
    run(*mini_args("assess", "vn", "--input", "--answers", "new.yaml"), input="")
    run(*mini_args("validate", "new.yaml"))


def test_no_input_with_missing_answers_lists_them_and_exits_1(run, mini_args, here) -> None:
    write(here / "a.yaml", COMPLETE.replace("  ACTIP-24.1: {de_jure: unknown, de_facto: unknown}\n", "")
          .replace("ACTIP-14.4: {de_jure: partial, de_facto: partial}", "ACTIP-14.4: {de_jure: partial}"))
    result = run(*mini_args("assess", "vn", "--answers", "a.yaml", "--no-input"), code=1)
    assert result.stdout == ""
    assert "a.yaml: 2 of 7 duties are not answered yet:" in result.stderr
    assert "  ACTIP-14.4\n  ACTIP-24.1\n" in result.stderr


def test_stdin_that_is_not_a_terminal_never_prompts(run, mini_args, here) -> None:
    write(here / "a.yaml", COMPLETE.replace("  ACTIP-24.1: {de_jure: unknown, de_facto: unknown}\n", ""))
    result = run(*mini_args("assess", "vn", "--answers", "a.yaml"), input="3\n3\n", code=1)
    assert "Rating" not in result.stderr
    assert "ACTIP-24.1" in result.stderr


def test_no_input_with_a_complete_file_prints_the_report(run, mini_args, here) -> None:
    write(here / "a.yaml", COMPLETE)
    result = run(*mini_args("assess", "vn", "--answers", "a.yaml", "--no-input"))
    assert result.stdout.strip()
    assert "VNM" in result.stdout or "Viet Nam" in result.stdout


def test_no_input_without_a_file_is_exit_4(run, mini_args, here) -> None:
    result = run(*mini_args("assess", "vn", "--no-input"), code=4)
    assert f"actip-vnm-{YEAR}.yaml: error: no answers file to read" in result.stderr
    assert "actip init vn" in result.stderr


def test_a_file_for_another_country_is_refused(run, mini_args, here) -> None:
    write(here / "a.yaml", COMPLETE.replace("country: VNM", "country: THA"))
    result = run(*mini_args("assess", "vn", "--answers", "a.yaml", "--input"), code=2)
    assert "a.yaml is an assessment of Thailand (THA), not Viet Nam (VNM)" in result.stderr
    assert "actip assess tha --answers a.yaml" in result.stderr


def test_a_file_for_another_period_is_refused(run, mini_args, here) -> None:
    write(here / "a.yaml", COMPLETE)
    result = run(*mini_args("assess", "vn", "--answers", "a.yaml", "--period", "2024", "--input"), code=2)
    assert "a.yaml is the assessment for 2025, not 2024" in result.stderr


@pytest.mark.parametrize(("text", "code", "message"), [
    ("actip_answers: 2\ncountry: VNM\n", 1, "newer than this actip reads"),
    (COMPLETE.replace('"2026.11"', '"2099.1"'), 1, "newer than this catalog"),
    ("answers: [\n", 4, "YAML syntax"),
    (COMPLETE.replace("de_jure: full", "de_jure: great", 1), 1, "a.yaml:6:"),
])
def test_broken_or_newer_files_are_refused_without_traceback(run, mini_args, here, text, code, message) -> None:
    write(here / "a.yaml", text)
    before = (here / "a.yaml").read_text()
    result = run(*mini_args("assess", "vn", "--answers", "a.yaml", "--input"), input="3\n", code=code)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert (here / "a.yaml").read_text() == before


def test_older_catalog_version_is_moved_forward_with_a_message(run, mini_args, here) -> None:
    write(here / "a.yaml", COMPLETE.replace('"2026.11"', '"2026.1"').replace("  ACTIP-24.1: {de_jure: unknown, de_facto: unknown}\n", ""))
    result = run(*mini_args("assess", "vn", "--answers", "a.yaml", "--input"), input="q\n")
    assert "a.yaml was answered against catalog 2026.1; from now on it is saved against catalog 2026.11." in result.stderr


def test_all_answered_says_so_and_prints_the_report(run, mini_args, here) -> None:
    write(here / "a.yaml", COMPLETE)
    result = run(*mini_args("assess", "vn", "--answers", "a.yaml", "--input"), input="")
    assert "All 7 duties are answered in a.yaml. Use --review" in result.stderr
    assert result.stdout.strip()


def test_review_changes_one_answer(run, mini_args, here) -> None:
    write(here / "a.yaml", COMPLETE)
    result = run(*mini_args("assess", "vn", "--answers", "a.yaml", "--input", "--review"), input="\n4\nq\n")
    assert "assess vn --answers a.yaml --review" in result.stderr
    loaded, _ = answers_mod.load(here / "a.yaml", load_catalog(MINI))
    assert (loaded.answers["ACTIP-5.1"].de_jure, loaded.answers["ACTIP-5.1"].de_facto) == ("full", "full")


def test_chapter_filter_records_only_its_answers(run, mini_args, here) -> None:
    inputs = "\n\n" + "3\n3\n\n" * 3 + "\n\n"
    result = run(*mini_args("assess", "vn", "--input", "--chapter", "IV", "--answers", "iv.yaml"), input=inputs)
    assert "Assessment complete: all 3 duties answered" in result.stderr
    loaded, _ = answers_mod.load(here / "iv.yaml", load_catalog(MINI))
    assert sorted(loaded.answers) == ["ACTIP-14.1", "ACTIP-14.4", "ACTIP-14.5"]
    # Other commands treat the rest as unanswered.
    missing = run(*mini_args("assess", "vn", "--answers", "iv.yaml", "--no-input"), code=1)
    assert "5 of 8 duties are not answered yet" in missing.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--article", "99"], "no Article 99"), (["--chapter", "12"], "unknown chapter '12'"),
    (["--article", "2"], "place no duty"), (["--period", "1850"], "--period 1850 is outside 1990 to 2100"),
])
def test_usage_errors(run, mini_args, here, args, message) -> None:
    result = run(*mini_args("assess", "vn", *args), code=2)
    assert message in result.stderr


def test_init_writes_a_blank_file_that_validates_and_fills_in(run, mini_args, here) -> None:
    result = run(*mini_args("init", "Viet Nam"))
    path = here / f"actip-vnm-{YEAR}.yaml"
    assert f"Wrote actip-vnm-{YEAR}.yaml: 8 duties to answer." in result.stderr
    text = path.read_text()
    assert "# ACTIP-14.4, Art. 14(4): Permission to remain" in text
    assert "# How binding: softened: 'shall consider'" in text
    assert "# de_jure, in law: Is permission to remain in law?" in text
    assert "# Values: none | initial | partial | substantial | full | unknown | not-applicable" in text
    assert "# Answer only if ACTIP-18.1 de_jure is initial, partial, substantial, full" in text
    assert "  ACTIP-14.4: {}" in text
    check = run(*mini_args("validate", str(path)))
    assert "0 errors, 0 warnings" in check.stderr
    missing = run(*mini_args("assess", "vn", "--no-input"), code=1)
    assert "8 of 8 duties are not answered yet" in missing.stderr
    # An officer fills in one duty in an editor, and one series.
    filled = text.replace("  ACTIP-14.4: {}", "  ACTIP-14.4:\n    de_jure: partial\n    de_facto: none\n    evidence:\n      - Decree 1")
    filled = filled.replace("# indicators:", "indicators:").replace("#   investigations: {}", "  investigations: {2023: 10, 2024: 12}")
    path.write_text(filled)
    run(*mini_args("validate", str(path)))
    loaded, _ = answers_mod.load(path, load_catalog(MINI))
    assert loaded.answers["ACTIP-14.4"].de_jure == "partial"
    assert loaded.indicators == {"investigations": {2023: 10.0, 2024: 12.0}}
    missing = run(*mini_args("assess", "vn", "--no-input"), code=1)
    assert "7 of 8 duties are not answered yet" in missing.stderr


def test_init_refuses_to_overwrite_unless_forced(run, mini_args, here) -> None:
    write(here / "mine.yaml", "precious\n")
    result = run(*mini_args("init", "vn", "-o", "mine.yaml"), code=4)
    assert "mine.yaml already exists" in result.stderr and "--force" in result.stderr
    assert (here / "mine.yaml").read_text() == "precious\n"
    run(*mini_args("init", "vn", "-o", "mine.yaml", "--force"))
    assert "actip_answers: 1" in (here / "mine.yaml").read_text()


def test_init_to_stdout(run, mini_args, here) -> None:
    result = run(*mini_args("init", "thailand", "-o", "-", "--period", "2024"))
    assert "country: THA\nperiod: 2024\n" in result.stdout
    assert not list(here.iterdir())


def test_init_unknown_country(run, mini_args, here) -> None:
    result = run(*mini_args("init", "atlantis"), code=2)
    assert "'atlantis' is not an ASEAN member state" in result.stderr
