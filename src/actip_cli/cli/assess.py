"""`actip assess COUNTRY` (the walk through the treaty) and `actip init COUNTRY` (a blank file to fill in)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from actip_cli.cli import app, err, err_problem, guarded, load_catalog, make_console, settings
from actip_cli.errors import ExitCode, FileProblem, Location, UsageProblem
from actip_cli.i18n import N_, _

if TYPE_CHECKING:
    from actip_cli.model import AnswerSet, Catalog, Country
    from actip_cli.session import Progress, Scope

# Every sentence a user can see, whole, so that a message catalog can translate it.
MESSAGES = {
    "saving_to": N_("Answers are saved in {file} after every answer."),
    "catalog_moved": N_("{file} was answered against catalog {old}; from now on it is saved against catalog {new}."),
    "other_country": N_("{file} is an assessment of {other}, not {wanted}"),
    "other_country_hint": N_("run 'actip assess {other_code} --answers {file}', or give another file with --answers"),
    "other_period": N_("{file} is the assessment for {other}, not {wanted}"),
    "other_period_hint": N_("leave out --period to continue it, or give another file with --answers"),
    "bad_period": N_("--period {period} is outside 1990 to 2100"),
    "bad_period_hint": N_("give the reporting year, e.g. --period 2025"),
    "no_file": N_("no answers file to read"),
    "no_file_hint": N_("run 'actip assess {country}' in a terminal to answer the questions, "
                       "or 'actip init {country}' to write a file to fill in by hand"),
    "all_answered": N_("All {total} duties are answered in {file}. Use --review to go through them again."),
    "complete": N_("Assessment complete: all {total} duties answered and saved in {file}."),
    "still_missing": N_("Still unanswered ({count}): {ids}"),
    "continue_with": N_("To continue, run: {command}"),
    "quit": N_("Saved in {file}: {progress}."),
    "input_ended": N_("Input ended. Saved in {file}: {progress}."),
    "interrupted": N_("Interrupted. Every answer given is saved in {file}: {progress}."),
    "progress": N_("{answered} of {total} duties answered"),
    # A duty rated at one level only is not answered yet; saying so shows that rating was kept.
    "progress_partly": N_("{answered} of {total} duties answered, {partly} more in part"),
    "missing_header": N_("{file}: {count} of {total} duties are not answered yet:"),
    "missing_hint": N_("Answer them with 'actip assess {country} --answers {file}' in a terminal, or edit the file."),
    "init_exists": N_("{file} already exists"),
    "init_exists_hint": N_("choose another name with --output, or add --force to replace it"),
    "init_wrote": N_("Wrote {file}: {duties} duties to answer. Fill it in, then check it with 'actip validate {file}'."),
}


def _msg(key: str, **values: object) -> str:
    return _(MESSAGES[key]).format(**values)


def _current_year() -> int:
    import datetime

    return datetime.date.today().year


def _check_period(period: int) -> None:
    if not 1990 <= period <= 2100:
        raise UsageProblem(_msg("bad_period", period=period), hint=_msg("bad_period_hint"))


def _resume_command(country_arg: str, answers: Path | None, period: int | None,
                    chapters: list[str], articles: list[int], review: bool = False) -> str:
    """The exact command that continues this assessment."""
    parts = ["actip"]
    if settings.obligations:
        parts += ["--obligations", str(settings.obligations)]
    if settings.languages and settings.languages != ("en",):
        parts += ["--lang", ",".join(settings.languages)]  # continue in the language it was started in
    parts += ["assess", country_arg]
    if answers is not None:
        parts += ["--answers", str(answers)]
    if period is not None:
        parts += ["--period", str(period)]
    for chapter in chapters:
        parts += ["--chapter", chapter]
    for article in articles:
        parts += ["--article", str(article)]
    if review:
        parts.append("--review")
    return " ".join(shlex.quote(p) for p in parts)


def print_report(catalog: Catalog, answer_set: AnswerSet) -> None:
    """The terminal gap report on stdout."""
    from actip_cli.render.styled import Screen
    from actip_cli.render.terminal import render
    from actip_cli.scoring import score

    console = make_console()
    screen = Screen(width=console.width, styles=console.color_system is not None, colours=not console.no_color)
    render(score(catalog, answer_set), sys.stdout, screen=screen)


def _load_existing(path: Path, catalog: Catalog, country: Country, period: int | None) -> AnswerSet:
    from actip_cli import answers as answers_mod
    from actip_cli.countries import label

    answer_set, warnings = answers_mod.load(path, catalog)
    for w in warnings:
        err_problem(w.location, "warning", w.message)
    if answer_set.country != country.iso3:
        other = catalog.country(answer_set.country)
        raise UsageProblem(
            _msg("other_country", file=path, other=label(other) if other else answer_set.country, wanted=label(country)),
            hint=_msg("other_country_hint", other_code=answer_set.country.lower(), file=shlex.quote(str(path))),
        )
    if period is not None and answer_set.period != period:
        raise UsageProblem(_msg("other_period", file=path, other=answer_set.period, wanted=period),
                           hint=_msg("other_period_hint"))
    return answer_set


@app.command()
def assess(
    country: Annotated[str, typer.Argument(help=N_("An ASEAN member state: name, alias or ISO code (vietnam, 'Viet Nam', VN, VNM)."),
                                           show_default=False)],
    answers: Annotated[Path | None, typer.Option("--answers", "-a", help=N_("Answers file to write and resume. "
                                                    "[default: actip-<iso3>-<period>.yaml in this folder]"),
                                                 show_default=False, dir_okay=False)] = None,
    period: Annotated[int | None, typer.Option("--period", help=N_("Reporting year assessed. [default: this year]"),
                                               show_default=False)] = None,
    chapter: Annotated[list[str] | None, typer.Option("--chapter", help=N_("Only this chapter (4 or IV); repeatable."))] = None,
    article: Annotated[list[int] | None, typer.Option("--article", help=N_("Only this article; repeatable."))] = None,
    review: Annotated[bool, typer.Option("--review", help=N_("Go through answered questions again, current answers as defaults."))] = False,
    interactive: Annotated[bool | None, typer.Option(
        "--input/--no-input",
        help=N_("--no-input never asks: print the gap report if the file is complete, else list what is missing "
                "and exit 1. [default: ask when stdin is a terminal]"), show_default=False)] = None,
) -> None:
    """Answer the questions duty by duty; every answer is saved at once, and a rerun resumes."""
    from actip_cli import answers as answers_mod
    from actip_cli import session as walk
    from actip_cli.blank import default_name
    from actip_cli.countries import resolve

    chapters, articles = list(chapter or []), list(article or [])
    with guarded():
        catalog = load_catalog()
        found = resolve(catalog, country)
        if period is not None:
            _check_period(period)
        scope = walk.Scope.parse(catalog, chapters, articles)
        path = answers if answers is not None else Path(default_name(found, period or _current_year()))
        shown = str(path)
        asking = interactive if interactive is not None else _stdin_is_terminal()

        existing = path.exists()
        if existing:
            answer_set = _load_existing(path, catalog, found, period)
        elif not asking:
            raise FileProblem(_msg("no_file"), location=Location(shown), hint=_msg("no_file_hint", country=country))
        else:
            from actip_cli.model import AnswerSet

            answer_set = AnswerSet(country=found.iso3, period=period or _current_year(), catalog_version=catalog.version)

        if not asking:
            _no_input(catalog, answer_set, scope, shown, country)
            return

        now = walk.progress(catalog, answer_set.answers, scope)
        if existing and not review and now.answered == now.total:
            err(_msg("all_answered", total=now.total, file=shown))
            print_report(catalog, answer_set)
            return
        if answer_set.catalog_version != catalog.version:
            err(_msg("catalog_moved", file=shown, old=answer_set.catalog_version, new=catalog.version))
            import dataclasses

            answer_set = dataclasses.replace(answer_set, catalog_version=catalog.version)
        if not existing:
            answers_mod.save(path, answer_set)
        err(_msg("saving_to", file=shown))
        _walk(catalog, answer_set, scope, path, review=review, new=not existing,
              resume=_resume_command(country, answers, period, chapters, articles, review))


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _no_input(catalog: Catalog, answer_set: AnswerSet, scope: Scope, shown: str, country_arg: str) -> None:
    from actip_cli import session as walk

    gaps = walk.missing(catalog, answer_set, scope)
    if gaps:
        total = walk.progress(catalog, answer_set.answers, scope).total
        err(_msg("missing_header", file=shown, count=len(gaps), total=total))
        for oid in gaps:
            err(f"  {oid}")
        err(_msg("missing_hint", country=shlex.quote(country_arg), file=shlex.quote(shown)))
        raise typer.Exit(int(ExitCode.PROBLEMS))
    print_report(catalog, answer_set)


def _progress_words(now: Progress) -> str:
    key = "progress_partly" if now.partly else "progress"
    return _msg(key, answered=now.answered, total=now.total, partly=now.partly)


def _walk(catalog: Catalog, answer_set: AnswerSet, scope: Scope, path: Path, *, review: bool, new: bool, resume: str) -> None:
    import datetime

    from actip_cli import answers as answers_mod
    from actip_cli import session as walk
    from actip_cli.prompting import TerminalPrompter

    shown = str(path)
    prompter = TerminalPrompter(make_console(stderr=True))
    sess = walk.Session(catalog, answer_set, prompter, lambda a: answers_mod.save(path, a), scope=scope,
                        review=review, ask_assessor=new, today=datetime.date.today().isoformat())
    try:
        outcome = sess.run()
    except KeyboardInterrupt:
        now = sess.progress()
        err("")
        err(_msg("interrupted", progress=_progress_words(now), file=shown))
        err(_msg("continue_with", command=resume))
        settings.interrupt_reported = True
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    now = sess.progress()
    err("")
    if outcome is not walk.Outcome.FINISHED:
        key = "quit" if outcome is walk.Outcome.QUIT else "input_ended"
        err(_msg(key, progress=_progress_words(now), file=shown))
        err(_msg("continue_with", command=resume))
        return
    final = sess.answer_set()
    gaps = walk.missing(catalog, final, scope)
    if gaps:
        err(_msg("still_missing", count=len(gaps), ids=", ".join(gaps)))
        err(_msg("continue_with", command=resume))
        return
    err(_msg("complete", total=now.total, file=shown))
    print_report(catalog, final)


@app.command()
def init(
    country: Annotated[str, typer.Argument(help=N_("An ASEAN member state: name, alias or ISO code."), show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("File to write ('-' for stdout). "
                                                   "[default: actip-<iso3>-<period>.yaml in this folder]"),
                                                show_default=False, dir_okay=False)] = None,
    period: Annotated[int | None, typer.Option("--period", help=N_("Reporting year assessed. [default: this year]"),
                                               show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace the file if it exists."))] = False,
) -> None:
    """Write a blank answers file with every duty's questions as comments, to fill in by hand."""
    from actip_cli import yamlio
    from actip_cli.blank import blank_answers, default_name
    from actip_cli.countries import resolve

    with guarded():
        catalog = load_catalog()
        found = resolve(catalog, country)
        if period is not None:
            _check_period(period)
        year = period or _current_year()
        to_stdout = output is not None and str(output) == "-"
        path = output if output is not None else Path(default_name(found, year))
        text = blank_answers(catalog, found, year, file_name="FILE" if to_stdout else str(path), country_arg=country)
        if to_stdout:
            sys.stdout.write(text)
            return
        if path.exists() and not force:
            raise FileProblem(_msg("init_exists", file=path), location=None, hint=_msg("init_exists_hint"))
        yamlio.write_text(path, text)
        err(_msg("init_wrote", file=path, duties=len(catalog.obligations)))
