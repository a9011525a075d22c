"""Where the obligations catalog is: kept apart from the loader so `actip --version` stays light."""

from __future__ import annotations

import os
from pathlib import Path

from actip_cli.errors import FileProblem, Location
from actip_cli.i18n import _

ENV_VAR = "ACTIP_OBLIGATIONS"


def locate_root(explicit: Path | None = None) -> Path:
    """The catalog folder: --obligations, then $ACTIP_OBLIGATIONS, then the packaged copy,
    then the source checkout (an editable install has no packaged copy)."""
    chosen = explicit or (Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else None)
    if chosen is not None:
        if not chosen.is_dir():
            # The global option reads the variable too, so an explicit path may come from it.
            how = "--obligations" if explicit and os.environ.get(ENV_VAR) != str(explicit) else ENV_VAR
            raise FileProblem(
                _("catalog folder not found (given by {option})").format(option=how),
                location=Location(str(chosen)),
                hint=_("point it at a folder holding catalog.yaml and articles/"),
            )
        return chosen
    here = Path(__file__).resolve().parent  # an installed package is a folder on disk (the wheel is not zip-safe)
    packaged = here / "obligations"
    if (packaged / "catalog.yaml").is_file():
        return packaged
    checkout = here.parents[1] / "obligations"
    if (checkout / "catalog.yaml").is_file():
        return checkout
    raise FileProblem(
        _("the built-in catalog is missing from this installation"),
        hint=_("reinstall actip-cli, or pass --obligations DIR (or set {variable})").format(variable=ENV_VAR),
    )
