"""`actip report`: score an answers file and print the gap report in one of five formats."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from actip_cli.cli import app, err, err_problem, guarded, load_catalog, settings
from actip_cli.errors import ExitCode
from actip_cli.i18n import N_, _


class ReportFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"


def _fraction(value: float | None) -> float | None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise typer.BadParameter(_("{value} is not between 0 and 1 (scores run from 0 to 1, e.g. 0.5)").format(value=f"{value:g}"))
    return value


@app.command()
def report(
    answers: Annotated[Path, typer.Argument(help=N_("The answers file to report on."), show_default=False)],
    baseline: Annotated[Path | None, typer.Option("--baseline", help=N_("An earlier answers file for the same country: before-and-after effectiveness (Oslo-Potsdam E)."), show_default=False)] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help=N_("terminal, markdown, html, json or csv."))] = ReportFormat.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Write the report to this file (only once it is complete) instead of stdout."), show_default=False)] = None,
    fail_under: Annotated[float | None, typer.Option("--fail-under", callback=_fraction, help=N_("Exit 3 when the overall score (the lower of output and outcome, 0 to 1) is below this."), show_default=False)] = None,
) -> None:
    """Score an answers file and print the gap report: Underdal's three levels, ranked gaps,
    paper compliance, indicator trends, data gaps and the source study's recommendations.

    Exit 0 when done, 3 when the score is below --fail-under, 4 when a file cannot be read
    or written, 1 when the answers file has problems.
    """
    from actip_cli import answers as answers_mod
    from actip_cli import scoring

    with guarded():
        _refuse_overwriting_input(output, [answers, baseline])
        catalog = load_catalog()
        answer_set, warnings = answers_mod.load(answers, catalog)
        base = None
        if baseline is not None:
            base, base_warnings = answers_mod.load(baseline, catalog)
            warnings += base_warnings
            _check_baseline(answer_set, base, baseline)
        for w in warnings:
            err_problem(w.location, "warning", w.message)
        card = scoring.score(catalog, answer_set, baseline=base)
        second = _second_language(format)
        if second is not None:
            from actip_cli.i18n import speaking
            from actip_cli.render import render_bilingual

            with speaking(second):
                other = scoring.score(load_catalog(lang=second), answer_set, baseline=base)
            text = render_bilingual([(settings.languages[0], card), (second, other)], format.value)
            _emit(text, output)
        elif format == ReportFormat.terminal and output is None:
            from actip_cli.render import terminal
            from actip_cli.render.styled import screen_for

            terminal.render(card, sys.stdout, screen=screen_for(sys.stdout, no_color=settings.no_color))
        else:
            from actip_cli.render import render_report

            text = render_report(card, format.value)  # rendered in full before anything is written
            _emit(text, output)
    if fail_under is not None:
        value = card.fail_under_score
        if value is None or value < fail_under:
            from actip_cli.render.report_text import num

            err(_("score {score} is below --fail-under {threshold} (the lower of the overall output and outcome levels)").format(
                score=num(value), threshold=f"{fail_under:g}"))
            raise typer.Exit(int(ExitCode.BELOW_THRESHOLD))


def _emit(text: str, output: Path | None) -> None:
    """A rendered report to stdout, or to --output (atomically)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from actip_cli import yamlio

    yamlio.write_text(output, text)
    err(_("wrote {file}").format(file=output))


def _second_language(format: ReportFormat) -> str | None:
    """The language beside the first for `--lang vi,en`, in the formats that can hold two;
    in the others the report is in the first language, and a note says so."""
    if len(settings.languages) < 2:
        return None
    from actip_cli.render import BILINGUAL_FORMATS
    from actip_cli.render.report_text import lang_name, say

    if format.value in BILINGUAL_FORMATS:
        return settings.languages[1]
    err(_("note: {text}").format(text=say("bilingual.one_language", format=format.value, language=lang_name(settings.languages[0]))))
    return None


def _refuse_overwriting_input(output: Path | None, inputs: list[Path | None]) -> None:
    """`--output` naming the answers file would replace a year's answers with a report."""
    from actip_cli.errors import UsageProblem

    if output is None:
        return
    for given in inputs:
        if given is not None and _same_file(output, given):
            raise UsageProblem(_("--output {output} is the answers file {given}; refusing to replace answers with a report").format(
                output=output, given=given), hint=_("write the report under another name, e.g. --output report.html"))


def _same_file(a: Path, b: Path) -> bool:
    import os

    try:
        return os.path.samefile(a, b) if a.exists() and b.exists() else a.resolve() == b.resolve()
    except OSError:
        return False


def _check_baseline(current: object, base: object, path: Path) -> None:
    from actip_cli.errors import UsageProblem
    from actip_cli.model import AnswerSet

    assert isinstance(current, AnswerSet) and isinstance(base, AnswerSet)
    if base.country != current.country:
        raise UsageProblem(_("{file}: the baseline is for {baseline}, the report for {country}").format(
            file=path, baseline=base.country, country=current.country),
            hint=_("give an earlier assessment of the same country as --baseline"))
    if base.period >= current.period:
        err(_("warning: {file}: the baseline period ({baseline}) is not earlier than the report's ({period})").format(
            file=path, baseline=base.period, period=current.period))
