"""Workshop and follow-up commands: merge respondents' files, diff two rounds, compare countries."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from actip_cli.cli import app, err, err_problem, err_warning, guarded, load_catalog, make_console, usage_error
from actip_cli.errors import DataProblem, FileProblem
from actip_cli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from actip_cli.errors import Problem

# How many warnings of one kind are shown before the rest are counted (1,000 files that
# were answered against last year's catalog should not print 1,000 lines).
_WARNINGS_SHOWN = 3


class Rule(str, Enum):
    cautious = "cautious"
    median = "median"


class DiffFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


class CompareFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _refuse_overwrite(target: Path | None, files: list[Path], option: str = "--output",
                      what: str = "") -> None:
    """Stop before a command's output replaces one of the answers files it reads."""
    if target is not None and str(target) != "-" and any(_same_file(target, f) for f in files):
        what = what or _("one of the answers files given; refusing to overwrite it")
        usage_error(_("{option} {target} is {what}").format(option=option, target=target, what=what),
                    _("write the output under a new name"))


def _print_warnings(problems: list[Problem]) -> None:
    """Warnings to stderr, each kind shown a few times and then counted."""
    by_kind: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        if p.severity != "error":
            by_kind.setdefault((p.rule, p.message), []).append(p)
    for (_rule, message), found in by_kind.items():
        for p in found[:_WARNINGS_SHOWN]:
            err_problem(p.location, p.severity, message)
        if len(found) > _WARNINGS_SHOWN:
            err(_("  (the same in {count} more files)").format(count=len(found) - _WARNINGS_SHOWN))


def _write(path: Path | None, text: str, *, encoding: str = "utf-8") -> None:
    """Write to a file atomically, or to stdout for '-' or no path."""
    from actip_cli import yamlio

    if path is None or str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    yamlio.write_text(path, text, encoding=encoding)


# --------------------------------------------------------------------------- merge


@app.command()
def merge(
    files: Annotated[list[Path], typer.Argument(help=N_("Answers files to merge: one per respondent, same country and period."), show_default=False, metavar="FILE...")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Where to write the merged answers file ('-' for stdout)."), show_default=False)] = None,
    rule: Annotated[Rule, typer.Option("--rule", help=N_("cautious: the lowest rating given; median: the middle one (lower middle for an even count)."))] = Rule.cautious,
    conflicts: Annotated[Path | None, typer.Option("--conflicts", help=N_("Write the conflicts report here: .json for JSON, else Markdown."), show_default=False)] = None,
) -> None:
    """Merge several respondents' answers files into one, keeping who said what.

    Where respondents disagree, the merged rating follows --rule, the answer is marked
    'conflict' and listed in the conflicts report (stderr, or --conflicts FILE), largest
    spreads first. Evidence is united; notes are kept per respondent. Nothing is written
    if any file has a problem. Exit 0 when merged, 1 when files have problems, 2 when the
    files cannot be merged (different countries, periods or catalog versions), 4 when a
    file cannot be read or written.
    """
    from actip_cli import answers as answers_io
    from actip_cli import merge as merge_core
    from actip_cli.render import workshop_conflicts as report

    with guarded():
        if output is None:
            usage_error(_("merge needs --output FILE (or --output - for stdout)"),
                        _("e.g. actip merge answers/*.yaml --output merged.yaml"))
        respondent_file = _("one of the files to merge; refusing to overwrite a respondent's file")
        _refuse_overwrite(output, files, what=respondent_file)
        _refuse_overwrite(conflicts, files, "--conflicts", what=respondent_file)
        catalog = load_catalog()
        checked = merge_core.read_sources(files, catalog)
        _print_warnings(checked.problems)
        if checked.errors:
            for p in checked.errors:
                err_problem(p.location, "error", p.message)
            bad = checked.bad_files
            cls = FileProblem if any(p.rule == "read" for p in checked.errors) else DataProblem
            raise cls(ngettext("{bad} of {total} files has problems ({names}); nothing was written",
                               "{bad} of {total} files have problems ({names}); nothing was written", len(bad)).format(
                bad=len(bad), total=len(files), names=merge_core.name_list(bad)),
                hint=_("fix them ('actip validate FILE' lists every problem) or leave them out, then merge again"))
        result = merge_core.merge(catalog, checked.sources, rule.value)
        for warning in result.warnings:
            err_warning(warning)
        # The merged file can hold thousands of statements: written by the streaming writer,
        # and refused when actip could not read it back.
        from actip_cli import yaml_fast, yamlio

        text = yaml_fast.dumps(answers_io.to_data(result.merged))
        size = len(text.encode("utf-8"))
        if size > yamlio.MAX_FILE_BYTES:
            raise FileProblem(
                _("the merged file would be {size} MB, over the {limit} MB that actip reads; nothing was written").format(
                    size=f"{size / 1_048_576:.1f}", limit=yamlio.MAX_FILE_BYTES // 1_048_576),
                hint=_("merge fewer respondents per file, e.g. one chapter's participants at a time"),
            )
        conflicts_text = None
        if conflicts is not None:
            conflicts_text = report.render(result, catalog, "json" if conflicts.suffix.lower() == ".json" else "markdown")
        _write(output, text)
        if conflicts is not None and conflicts_text is not None:
            _write(conflicts, conflicts_text)
        console = make_console(stderr=True)
        if conflicts is None:
            for line, style in report.terminal_lines(result, catalog):
                console.print(line, style=style or None, highlight=False, soft_wrap=True)
        else:
            console.print(report.terminal_lines(result, catalog).__next__()[0], style="bold", soft_wrap=True)
            if result.settle_first:
                ids = ", ".join(c.obligation for c in result.settle_first)
                console.print(_("Settle first: {ids}").format(ids=ids), soft_wrap=True)
            console.print(_("Conflicts report: {file}").format(file=conflicts), soft_wrap=True, markup=False)
        if str(output) != "-":
            console.print(_("Merged answers: {file}").format(file=output), soft_wrap=True, markup=False)


# --------------------------------------------------------------------------- diff


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help=N_("The earlier answers file."), show_default=False, metavar="OLD")],
    new: Annotated[Path, typer.Argument(help=N_("The later answers file (same country)."), show_default=False, metavar="NEW")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help=N_("terminal, markdown or json."))] = DiffFormat.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Write to this file instead of stdout."), show_default=False)] = None,
) -> None:
    """Show what changed between two rounds: gaps closed and opened, ratings up and down,
    evidence, indicator series, and obligations the catalog added or retired in between.

    Exit 0 when shown (changes are not an error), 1 when a file has problems, 2 when the
    files are for different countries, 4 when a file cannot be read or written.
    """
    from actip_cli import diff as diff_core
    from actip_cli.render import workshop_diff as view

    with guarded():
        _refuse_overwrite(output, [old, new])
        catalog = load_catalog()
        rounds = [diff_core.read_round(path, catalog) for path in (old, new)]
        for r in rounds:
            _print_warnings(list(r.warnings))
        result = diff_core.diff(catalog, rounds[0], rounds[1])
        for warning in result.warnings:
            err_warning(warning)
        if format == DiffFormat.json:
            _write(output, view.to_json(result))
        elif format == DiffFormat.markdown:
            _write(output, view.markdown(result))
        elif output is not None and str(output) != "-":
            _write(output, view.render_text(result))
        else:
            view.terminal(result, make_console())


# --------------------------------------------------------------------------- compare


@app.command()
def compare(
    files: Annotated[list[Path], typer.Argument(help=N_("Two or more answers files: several countries, or several periods of one."), show_default=False, metavar="FILE...")],
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help=N_("terminal, markdown, html, json or csv."))] = CompareFormat.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Write to this file instead of stdout."), show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", help=N_("How many of the most divergent duties to list."), min=0)] = 10,
) -> None:
    """Put assessments side by side: per chapter the three Underdal levels and coverage,
    and the duties where they differ most.

    Exit 0 when shown, 1 when a file has problems, 2 for fewer than two files, 4 when a
    file cannot be read or written.
    """
    from actip_cli import compare as compare_core
    from actip_cli import merge as merge_core
    from actip_cli.render import workshop_compare as view

    with guarded():
        if len(files) < 2:
            usage_error(_("compare needs at least two answers files"), _("e.g. actip compare vnm.yaml tha.yaml"))
        _refuse_overwrite(output, files)
        catalog = load_catalog()
        checked = merge_core.read_sources(files, catalog)
        _print_warnings(checked.problems)
        if checked.errors:
            for p in checked.errors:
                err_problem(p.location, "error", p.message)
            bad = checked.bad_files
            cls = FileProblem if any(p.rule == "read" for p in checked.errors) else DataProblem
            raise cls(ngettext("{bad} of {total} files has problems ({names})", "{bad} of {total} files have problems ({names})", len(bad)).format(
                bad=len(bad), total=len(files), names=merge_core.name_list(bad)),
                hint=_("'actip validate FILE' lists every problem"))
        result = compare_core.compare(catalog, [(s.file, s.answers) for s in checked.sources], top=top)
        for warning in result.warnings:
            err_warning(warning)
        to_file = output is not None and str(output) != "-"
        if format == CompareFormat.csv:
            text = view.to_csv(result)
            if to_file:
                _write(output, text, encoding=view.CSV_ENCODING)
            else:
                _write(None, "\ufeff" + text)
        elif format == CompareFormat.json:
            _write(output, view.to_json(result))
        elif format == CompareFormat.markdown:
            _write(output, view.markdown(result))
        elif format == CompareFormat.html:
            _write(output, view.html(result))
        elif to_file:
            _write(output, view.render_text(result))
        else:
            view.terminal(result, make_console())
