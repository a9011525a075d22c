"""The `actip` command line: options in, one core call, output out, errors to exit codes.

Each command lives in a module of this package and registers itself on `app`. This module
holds what they share: global options, consoles, and the one place where errors become
messages and exit codes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from actip_cli import __version__
from actip_cli.cli.langgroup import LangGroup
from actip_cli.errors import ActipError, ExitCode, printable
from actip_cli.i18n import N_

if TYPE_CHECKING:
    from rich.console import Console

    from actip_cli.model import Catalog

app = typer.Typer(
    name="actip",
    cls=LangGroup,
    help=N_("Check a country against the ASEAN Convention Against Trafficking in Persons (ACTIP)."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    """Global options, set once by the callback."""

    obligations: Path | None = None
    no_color: bool = False
    debug: bool = False
    lang: str | None = None
    languages: tuple[str, ...] = ()  # ('vi', 'en') for a bilingual view; lang is the first
    interrupt_reported: bool = False  # a command has already said it was interrupted


settings = Settings()


def _catalog_version_quick(root: Path) -> str:
    """The catalog version read without a YAML parser, so --version stays fast."""
    try:
        text = (root / "catalog.yaml").read_text("utf-8")
    except OSError:
        return "unknown"
    match = re.search(r"^version:\s*[\"']?([^\"'\s#]+)", text, re.MULTILINE)
    return match.group(1) if match else "unknown"


def _version_callback(value: bool) -> None:
    if not value:
        return
    from actip_cli.locate import locate_root

    try:
        root = locate_root(settings.obligations)
        catalog_version = _catalog_version_quick(root)
    except ActipError:
        catalog_version = "not found"
    typer.echo(f"actip-cli {__version__} (catalog {catalog_version})")
    raise typer.Exit()


@app.callback()
def _global_options(
    obligations: Annotated[
        Path | None,
        typer.Option("--obligations", envvar="ACTIP_OBLIGATIONS", help=N_("Catalog folder to use instead of the built-in one."), show_default=False),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help=N_("No colour in output (NO_COLOR is honoured too)."))] = False,
    debug: Annotated[bool, typer.Option("--debug", help=N_("Show a Python traceback on errors."))] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help=N_("Language: en, vi or id; vi,en shows Vietnamese beside English (or ACTIP_LANG; default: your locale)."),
                     show_default=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help=N_("Show the version and the catalog version."))
    ] = False,
) -> None:
    """Check a country against ACTIP: browse the treaty, assess, report, merge and compare."""
    settings.obligations = obligations
    settings.no_color = no_color or bool(os.environ.get("NO_COLOR"))
    settings.debug = debug
    from actip_cli import i18n

    try:
        settings.languages = i18n.choose_languages(lang)
    except ActipError as exc:
        fail(exc)
    settings.lang = settings.languages[0]
    i18n.activate(settings.lang, notice=lambda text: err(i18n._("note: {text}").format(text=text)))


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A Rich console honouring --no-color and NO_COLOR."""
    from rich.console import Console

    class QuietOnClosedPipe(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits 1 here; a reader that stopped reading (`actip report | head`) is not
            # an error for actip, so it goes to the one place that says so (guarded).
            self.quiet = True
            raise BrokenPipeError

    return QuietOnClosedPipe(
        stderr=stderr,
        no_color=settings.no_color,
        highlight=False,
        width=width,
        soft_wrap=False,
    )


def err(message: str) -> None:
    """Write a line of conversation or a message to stderr (never to the report stream)."""
    sys.stderr.write(printable(message) + "\n")
    sys.stderr.flush()


def err_problem(where: object, severity: str, message: str) -> None:
    """A problem found in a file, on one line, in the interface language."""
    from actip_cli.i18n import _

    pattern = _("{where}: error: {message}") if severity == "error" else _("{where}: warning: {message}")
    err(pattern.format(where=where, message=message))


def err_warning(message: str) -> None:
    """A warning that names no place in a file."""
    from actip_cli.i18n import _

    err(_("warning: {message}").format(message=message))


def fail(exc: ActipError) -> NoReturn:
    """Print an error as one line (plus a hint) and exit with its code."""
    from actip_cli.i18n import _

    if exc.location is not None:
        # Located like every other problem in a file (`path:line:column: error: ...`), the
        # form editors and CI problem matchers read.
        err_problem(exc.location, "error", exc.message)
    else:
        err(_("error: {message}").format(message=exc))
    if exc.hint:
        err(_("  hint: {hint}").format(hint=exc.hint))
    raise typer.Exit(int(exc.exit_code))


def usage_error(message: str, hint: str = "") -> NoReturn:
    """A usage problem: exit 2."""
    from actip_cli.errors import UsageProblem

    fail(UsageProblem(message, hint=hint))


@contextmanager
def guarded() -> Iterator[None]:
    """Turn domain errors and Ctrl-C into a message and the documented exit code."""
    try:
        yield
    except ActipError as exc:
        if settings.debug:
            raise
        fail(exc)
    except KeyboardInterrupt:
        from actip_cli.i18n import _

        err(_("interrupted"))
        settings.interrupt_reported = True
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader went away (e.g. `actip list | head`); that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as exc:
        # A file-system failure no command foresaw (a name too long to look up, a folder
        # that vanished): still a file that could not be read or written, not a crash.
        if settings.debug:
            raise
        from actip_cli.errors import FileProblem, Location

        where = Location(str(exc.filename)) if exc.filename else None
        fail(FileProblem(exc.strerror or str(exc), location=where))


def load_catalog(lang: str | None = None) -> Catalog:
    """The catalog chosen by --obligations / ACTIP_OBLIGATIONS / the built-in one, in the
    language chosen by --lang (or `lang`), English where a translation is missing."""
    from actip_cli import catalog

    loaded = catalog.load_catalog(catalog.locate_root(settings.obligations))
    lang = lang or settings.lang or "en"
    if lang == "en":
        return loaded
    from actip_cli import i18n

    return i18n.localize(loaded, lang)


def main() -> Any:
    """Console-script entry point."""
    try:
        return app()
    except KeyboardInterrupt:  # before or after a command's own handling (while parsing options)
        err("interrupted")
        sys.exit(int(ExitCode.INTERRUPTED))
    except SystemExit as exc:
        # Typer ends a Ctrl-C that came outside a command's guard (while the command imports
        # what it needs, say) with exit 130 and not a word: say it, as everywhere else.
        if exc.code == ExitCode.INTERRUPTED and not settings.interrupt_reported:
            err("interrupted")
        raise
    except Exception as exc:  # a bug, not a user error: say so briefly
        if settings.debug or os.environ.get("ACTIP_DEBUG"):
            raise
        err(f"error: internal error ({type(exc).__name__}: {exc}); rerun with --debug and report it")
        sys.exit(int(ExitCode.PROBLEMS))


# Command modules register themselves on `app` when imported; `actip --help` lists the
# commands in this order: the main job first, the catalog tools last.
from actip_cli.cli import assess  # noqa: E402,F401
from actip_cli.cli import report  # noqa: E402,F401
from actip_cli.cli import workshop  # noqa: E402,F401
from actip_cli.cli import catalog_cmds  # noqa: E402,F401
