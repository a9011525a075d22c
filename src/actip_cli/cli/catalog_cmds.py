"""Commands over the catalog itself: validate, list, show, schema."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from actip_cli.cli import app, err, guarded, load_catalog, make_console, settings, usage_error
from actip_cli.errors import ExitCode
from actip_cli.i18n import N_, _, ngettext


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class SchemaName(str, Enum):
    catalog = "catalog"
    answers = "answers"
    report = "report"


@app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help=N_("Catalog folders, catalog files or answers files. Default: the catalog in use."), show_default=False)] = None,
    format: Annotated[ProblemFormat, typer.Option("--format", "-f", help=N_("text, json (one object per problem) or github (workflow annotations)."))] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Treat warnings as failures."))] = False,
    require_verified: Annotated[bool, typer.Option("--require-verified", help=N_("Fail on every obligation not verified against the treaty text."))] = False,
    require_lang: Annotated[list[str] | None, typer.Option("--require-lang", help=N_("Fail on missing, empty or stale translations into this language (vi, id); repeatable."), show_default=False)] = None,
) -> None:
    """Check obligation files and answers files: YAML, schema and cross-file rules.

    Every problem is reported as path:line:column. Exit 0 when clean, 1 when problems
    were found, 4 when a file could not be read.
    """
    import functools
    import re

    from actip_cli import checks, translation_check

    required = [code.strip().lower() for code in require_lang or []]
    for code in required:
        if not re.fullmatch(r"[a-z]{2,3}", code) or code == "en":
            usage_error(_("--require-lang {code}: not a translation language").format(code=code),
                        _("give a language code such as vi or id"))
    with guarded():
        report = checks.validate(paths or [], catalog_root=settings.obligations, require_verified=require_verified,
                                 extra_checks=[functools.partial(translation_check.check_translations, required=required)])
    sys.stdout.write(checks.FORMATTERS[format.value](report.problems))
    errors, warnings = report.count("error"), report.count("warning")
    err(_("{files} checked: {errors}, {warnings}").format(
        files=ngettext("{n} file", "{n} files", report.files).format(n=report.files),
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    ))
    for catalog in report.catalogs:
        total = len(catalog.obligations)
        err(_("catalog {version}: {verified} of {total} obligations verified against the treaty text").format(
            version=catalog.version, verified=catalog.verified_count, total=total))
    if report.read_failures:
        raise typer.Exit(int(ExitCode.FILE))
    if errors or (strict and warnings):
        raise typer.Exit(int(ExitCode.PROBLEMS))


def _chapter_filter(chapters: list[str] | None) -> set[str]:
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    wanted: set[str] = set()
    for c in chapters or []:
        c = c.strip().upper()
        if c.isdigit() and 1 <= int(c) <= len(romans):
            wanted.add(romans[int(c) - 1])
        elif c in romans:
            wanted.add(c)
        else:
            usage_error(_("unknown chapter '{chapter}'").format(chapter=c), _("give a chapter as a number (4) or a Roman numeral (IV)"))
    return wanted


def _second_language():  # noqa: ANN202 - Catalog | None, imported lazily
    """The catalog in the second language of a bilingual view (--lang vi,en), else None."""
    return load_catalog(lang=settings.languages[1]) if len(settings.languages) > 1 else None


@app.command("list")
def list_(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=N_("table or json."))] = ListFormat.table,
    chapter: Annotated[list[str] | None, typer.Option("--chapter", help=N_("Only this chapter (4 or IV); repeatable."))] = None,
    article: Annotated[list[int] | None, typer.Option("--article", help=N_("Only this article; repeatable."))] = None,
) -> None:
    """List the treaty's articles and obligations with modality and verification status."""
    with guarded():
        catalog = load_catalog()
        chapters = _chapter_filter(chapter)
        articles = [a for a in catalog.articles
                    if (not chapters or a.chapter in chapters) and (not article or a.number in article)]
        if format == ListFormat.json:
            items = [
                {"id": o.id, "article": o.article, "paragraph": o.paragraph, "chapter": o.chapter, "title": o.title,
                 "modality": o.modality, "qualifier": o.qualifier or None, "verification": o.verification,
                 "indicators": list(o.indicators), "recommendations": list(o.recommendations)}
                for a in articles for o in a.obligations
            ]
            import json

            sys.stdout.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
            return
        from actip_cli.render.browse import list_table

        console = make_console()
        console.print(list_table(catalog, articles, also=_second_language()))


@app.command()
def show(
    what: Annotated[str, typer.Argument(help=N_("An article number (14), an obligation ID (ACTIP-14.1), or 'method'."), show_default=False)],
) -> None:
    """Show an article with its obligations, or one obligation with its questions and guidance."""
    from actip_cli.render import browse

    with guarded():
        catalog = load_catalog()
        console = make_console()
        key = what.strip()
        if key.lower() == "method":
            console.print(browse.method_text(catalog))
            return
        if key.isdigit():
            found = catalog.article(int(key))
            if found is None:
                usage_error(_("no Article {number} in the catalog").format(number=key), _("articles run from 1 to 31"))
            browse.print_article(console, catalog, found, also=_second_language())
            return
        # IDs are ACTIP-<article>.<paragraph>[.<letter>]: accept any case, with or without prefix.
        number = key[len("actip-"):] if key.lower().startswith("actip-") else key
        oid = "ACTIP-" + number.lower()
        obligation = catalog.obligations.get(oid)  # type: ignore[call-overload]
        if obligation is None:
            import difflib

            close = difflib.get_close_matches(oid, list(catalog.obligations), n=3, cutoff=0.6)
            usage_error(_("no obligation {id} in the catalog").format(id=key),
                        _("did you mean {ids}?").format(ids=", ".join(close)) if close else _("try 'actip list'"))
        browse.print_obligation(console, catalog, obligation, also=_second_language())


@app.command("schema")
def schema_(
    name: Annotated[SchemaName, typer.Argument(help=N_("catalog, answers or report."))],
) -> None:
    """Print a JSON Schema shipped with actip (for editors and other tools)."""
    from actip_cli import schema

    with guarded():
        sys.stdout.write(schema.schema_text(name.value))
