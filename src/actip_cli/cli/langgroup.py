"""The `actip` command group: `--lang` anywhere on the line, and help in the chosen language.

`--lang` is a global option, but people write it after the command (`actip list --lang vi`,
as the contract shows for `assess`). The group moves it in front of the command before
parsing, so every command accepts it without declaring it. Command help (docstrings and
option help) is looked up in the message catalog when shown; English is kept as the key.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from typer.core import TyperGroup

if TYPE_CHECKING:
    # Only for annotations: recent Typer releases vendor click instead of depending on it.
    import click

LANG_OPTION = "--lang"


def hoist_lang(args: list[str]) -> list[str]:
    """Move every `--lang X` / `--lang=X` given after the command in front of it (not after `--`)."""
    if not args:
        return args
    moved: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == LANG_OPTION and i + 1 < len(args):
            moved += [arg, args[i + 1]]
            i += 2
            continue
        if arg.startswith(LANG_OPTION + "="):
            moved.append(arg)
            i += 1
            continue
        rest.append(arg)
        i += 1
    return moved + rest


def _translate_command(command: click.Command) -> None:
    """Set a command's help texts to the active language, from the English kept aside."""
    from actip_cli.i18n import _

    for obj in (command, *command.params):
        english = getattr(obj, "_english_help", None)
        if english is None:
            english = (getattr(obj, "help", None), getattr(obj, "short_help", None))
            obj._english_help = english  # type: ignore[attr-defined]
        help_text, short = english
        if help_text:
            obj.help = _(help_text)  # type: ignore[attr-defined]
        if short:
            obj.short_help = _(short)  # type: ignore[attr-defined]


def _activate_from(ctx: click.Context) -> None:
    """Activate the language the group's options or the environment ask for (leniently:
    a bad value is reported by the group callback, not here)."""
    from actip_cli import i18n
    from actip_cli.errors import UsageProblem

    try:
        langs = i18n.choose_languages(ctx.params.get("lang"), os.environ)
    except UsageProblem:
        return
    if i18n.active_language() != langs[0]:
        i18n.activate(langs[0])


class LangGroup(TyperGroup):
    """TyperGroup that accepts --lang after the command and shows help in the chosen language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_lang(list(args)))

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            _activate_from(ctx)
            _translate_command(command)
        return name, command, rest

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _activate_from(ctx)
        _translate_command(self)
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None:
                _translate_command(command)
        super().format_help(ctx, formatter)
