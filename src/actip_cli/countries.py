"""Which ASEAN member state a user means: ISO codes, names and aliases from the catalog.

Matching folds case, spaces, hyphens, dots and accents (`catalog.normalise_name`), so
`vietnam`, `Viet Nam`, `viet-nam`, `Việt Nam`, `VN` and `vnm` all mean Viet Nam. Anything
else is a usage error that names the closest member states, or, for a country the catalog
lists as a non-member, says that ACTIP is open to ASEAN member states only.
"""

from __future__ import annotations

import difflib

from actip_cli.catalog import normalise_name
from actip_cli.errors import UsageProblem
from actip_cli.i18n import N_, _
from actip_cli.model import Catalog, Country, NonMember

# Every sentence a user can see, whole, so that a message catalog can translate it.
MESSAGES = {
    "empty": N_("no country given"),
    "empty_hint": N_("name an ASEAN member state, e.g. 'vietnam', 'VN' or 'VNM'"),
    "unknown": N_("'{text}' is not an ASEAN member state in the catalog"),
    "did_you_mean": N_("did you mean {names}?"),
    "members": N_("the member states are: {names}"),
    "non_member": N_("{name} is not one of the ASEAN member states that are Parties in this catalog; ACTIP is open to ASEAN member states only"),
    "non_member_hint": N_("assess one of the member states: {names}"),
}


def _msg(key: str, **values: object) -> str:
    return _(MESSAGES[key]).format(**values)


def country_keys(country: Country) -> list[str]:
    """Every folded spelling that names this member state."""
    spellings = [country.iso2, country.iso3, country.name, country.official_name, *country.aliases]
    return [normalise_name(s) for s in spellings if s]


def _index(catalog: Catalog) -> dict[str, Country]:
    return {key: country for country in catalog.countries for key in country_keys(country)}


def lookup(catalog: Catalog, text: str) -> Country | None:
    """The member state `text` names, or None."""
    return _index(catalog).get(normalise_name(text))


def non_member(catalog: Catalog, text: str) -> NonMember | None:
    """The non-member country `text` names (for a helpful refusal), or None."""
    key = normalise_name(text)
    for nm in catalog.non_members:
        if key in {normalise_name(s) for s in (nm.name, *nm.aliases)}:
            return nm
    return None


def suggest(catalog: Catalog, text: str, limit: int = 3) -> list[Country]:
    """The member states whose names or aliases are closest to `text`, best first."""
    index = _index(catalog)
    key = normalise_name(text)
    found: list[Country] = []
    # Names rather than two- and three-letter codes: a short typo is close to many codes.
    names = [k for k in index if len(k) > 3] if len(key) > 3 else list(index)
    for match in difflib.get_close_matches(key, names, n=limit * 3, cutoff=0.6):
        country = index[match]
        if country not in found:
            found.append(country)
    # A prefix ("phil", "indo") is a clear intention even when the ratio is low.
    if len(key) >= 3:
        for k, country in index.items():
            if k.startswith(key) and country not in found:
                found.append(country)
    return found[:limit]


def label(country: Country) -> str:
    """'Viet Nam (VNM)'."""
    return f"{country.name} ({country.iso3})"


def resolve(catalog: Catalog, text: str) -> Country:
    """The member state a user named; a UsageProblem (exit 2) that helps otherwise."""
    if not text.strip():
        raise UsageProblem(_msg("empty"), hint=_msg("empty_hint"))
    found = lookup(catalog, text)
    if found is not None:
        return found
    members = ", ".join(label(c) for c in catalog.countries)
    outsider = non_member(catalog, text)
    if outsider is not None:
        message = _msg("non_member", name=outsider.name)
        if outsider.note:
            message = f"{message}. {outsider.note.rstrip('.')}"  # the note is a sentence or two of its own
        raise UsageProblem(message, hint=_msg("non_member_hint", names=members))
    close = suggest(catalog, text)
    hint = _msg("did_you_mean", names=", ".join(label(c) for c in close)) if close else _msg("members", names=members)
    shown = "".join(ch for ch in text.strip() if ch.isprintable())  # never echo control characters
    raise UsageProblem(_msg("unknown", text=shown), hint=hint)


__all__ = ["country_keys", "label", "lookup", "non_member", "resolve", "suggest"]
