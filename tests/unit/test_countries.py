"""Country resolution: codes, names and aliases; helpful refusals."""

from __future__ import annotations

import pytest

from actip_cli import countries
from actip_cli.errors import ExitCode, UsageProblem


@pytest.mark.parametrize("text", ["vietnam", "Viet Nam", "viet-nam", "VIET NAM", "VN", "vn", "vnm", "VNM",
                                  "Việt Nam", "  viet nam  ", "viet.nam"])
def test_every_spelling_of_viet_nam_resolves(mini_catalog, text) -> None:
    assert countries.resolve(mini_catalog, text).iso3 == "VNM"


@pytest.mark.parametrize(("text", "iso3"), [("laos", "LAO"), ("Lao PDR", "LAO"), ("burma", "MMR"), ("MM", "MMR"),
                                            ("the philippines", "PHL"), ("brunei", "BRN"), ("KHM", "KHM")])
def test_aliases_and_codes_of_other_members(mini_catalog, text, iso3) -> None:
    assert countries.resolve(mini_catalog, text).iso3 == iso3


def test_unknown_country_is_a_usage_error_with_the_closest_members(mini_catalog) -> None:
    with pytest.raises(UsageProblem) as caught:
        countries.resolve(mini_catalog, "vietnm")
    assert caught.value.exit_code == ExitCode.USAGE
    assert "'vietnm' is not an ASEAN member state" in caught.value.message
    assert caught.value.hint.startswith("did you mean Viet Nam (VNM)")


def test_prefix_suggests_the_member(mini_catalog) -> None:
    assert [c.iso3 for c in countries.suggest(mini_catalog, "phil")] == ["PHL"]


def test_nothing_close_lists_all_members(mini_catalog) -> None:
    with pytest.raises(UsageProblem) as caught:
        countries.resolve(mini_catalog, "zzzzzzzz")
    assert "the member states are:" in caught.value.hint
    assert "Viet Nam (VNM)" in caught.value.hint and "Brunei Darussalam (BRN)" in caught.value.hint


@pytest.mark.parametrize("text", ["China", "PRC", "east timor", "Timor-Leste"])
def test_non_members_are_told_actip_is_for_asean_members(mini_catalog, text) -> None:
    with pytest.raises(UsageProblem) as caught:
        countries.resolve(mini_catalog, text)
    assert "ACTIP is open to ASEAN member states only" in caught.value.message
    assert "ACTIP is open to ASEAN member states only" in caught.value.message


def test_empty_input(mini_catalog) -> None:
    with pytest.raises(UsageProblem, match="no country given"):
        countries.resolve(mini_catalog, "   ")


def test_control_characters_are_not_echoed(mini_catalog) -> None:
    with pytest.raises(UsageProblem) as caught:
        countries.resolve(mini_catalog, "x\x1b[31mred")
    assert "\x1b" not in str(caught.value)


def test_every_member_resolves_by_each_of_its_keys(mini_catalog) -> None:
    for country in mini_catalog.countries:
        for text in (country.iso2, country.iso3, country.name, *country.aliases):
            assert countries.resolve(mini_catalog, text) == country
