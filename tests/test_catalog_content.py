"""Guards on the shipped catalog's content, not just its shape."""

from __future__ import annotations

import pytest

from actip_cli.catalog import check_catalog
from actip_cli.model import Catalog
from tests.conftest import SHIPPED

# Paragraphs that the treaty reference marks as read in the treaty text and as placing a
# duty on a Party (Art. 14(1)-(9), 15(1)-(5), 16(1)-(6), 18(1)); each must have its
# obligation, marked verified-text.
VERIFIED_DUTIES = (
    [f"ACTIP-14.{n}" for n in range(1, 10)]
    + [f"ACTIP-15.{n}" for n in range(1, 6)]
    + [f"ACTIP-16.{n}" for n in range(1, 7)]
    + ["ACTIP-18.1"]
)
# Paragraphs known from secondary sources to hold duties: Art. 11 has five prevention paragraphs.
SECONDARY_DUTIES = [f"ACTIP-11.{n}" for n in range(1, 6)]

THESIS_A = "Vietnam perlu untuk terus memperdalam kerja sama dengan organisasi internasional global"
THESIS_B = "Di masa mendatang, perlu terus ditingkatkan mekanisme kerja sama internasional"


def test_shipped_catalog_is_clean_even_strictly() -> None:
    result = check_catalog(SHIPPED)
    assert [f"{p.path}:{p.line}: {p.message}" for p in result.problems] == []


def test_every_article_has_its_file_in_order(shipped_catalog: Catalog) -> None:
    assert [a.number for a in shipped_catalog.articles] == list(range(1, 32))


@pytest.mark.parametrize("oid", VERIFIED_DUTIES)
def test_verified_paragraphs_have_verified_obligations(shipped_catalog: Catalog, oid: str) -> None:
    assert oid in shipped_catalog.obligations
    assert shipped_catalog.obligations[oid].verification == "verified-text"


@pytest.mark.parametrize("oid", SECONDARY_DUTIES)
def test_known_paragraphs_have_obligations(shipped_catalog: Catalog, oid: str) -> None:
    assert oid in shipped_catalog.obligations


def test_verified_share_does_not_drop(shipped_catalog: Catalog) -> None:
    assert shipped_catalog.verified_count >= len(VERIFIED_DUTIES)


def test_answerable_duties_have_questions_guidance_and_recommendation(shipped_catalog: Catalog) -> None:
    for o in shipped_catalog.obligations.values():
        if o.modality not in ("mandatory", "qualified"):
            continue
        assert o.de_jure_question and o.de_facto_question, o.id
        assert o.guidance is not None, o.id
        for field in ("none", "initial", "partial", "substantial", "full", "evidence"):
            assert getattr(o.guidance, field).strip(), (o.id, field)
        assert o.recommendation_text and o.recommendation_verb == shipped_catalog.modalities[o.modality].verb, o.id


def test_unverified_obligations_say_what_they_rest_on(shipped_catalog: Catalog) -> None:
    for o in shipped_catalog.obligations.values():
        if o.verification != "verified-text":
            assert len(o.basis) > 40, o.id


def test_thesis_recommendations_quote_the_thesis_and_are_linked(shipped_catalog: Catalog) -> None:
    for rid, quote in (("thesis-a", THESIS_A), ("thesis-b", THESIS_B)):
        rec = shipped_catalog.recommendations[rid]
        assert rec.original_lang == "id" and rec.original_text.startswith(quote)
        assert rec.text and "5.2" in rec.source_location
        assert len(rec.obligations) >= 3, rid


def test_every_indicator_measures_something(shipped_catalog: Catalog) -> None:
    linked = {i for o in shipped_catalog.obligations.values() for i in o.indicators}
    assert set(shipped_catalog.indicators) <= linked
    assert any(i.level == "impact" for i in shipped_catalog.indicators.values())
    for required in ("investigations", "prosecutions", "convictions", "victims-identified", "victims-referred",
                     "victims-repatriated", "mla-requests-made", "mla-requests-executed", "extradition-requests",
                     "officials-trained"):
        assert required in shipped_catalog.indicators


def test_thesis_findings_map_to_obligations(shipped_catalog: Catalog) -> None:
    findings = {f.id: f for f in shipped_catalog.findings}
    assert set(findings) >= {"falling-investigations", "slow-victim-identification", "weak-coordination",
                             "poor-legal-knowledge", "awareness-at-socialisation-stage", "no-legal-force"}
    for finding in findings.values():
        assert finding.obligations, finding.id
    assert "investigations" in findings["falling-investigations"].indicators


def test_ten_member_states(shipped_catalog: Catalog) -> None:
    assert sorted(c.iso3 for c in shipped_catalog.countries) == sorted(
        ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"])
    viet_nam = shipped_catalog.country("VNM")
    assert viet_nam is not None and viet_nam.ratification.date == "2017-01-05"
    assert viet_nam.iso2 == "VN" and "vietnam" in [a.casefold() for a in viet_nam.aliases]


def test_modalities_carry_the_method_weights(shipped_catalog: Catalog) -> None:
    assert {m: v.weight for m, v in shipped_catalog.modalities.items()} == {
        "mandatory": 1.0, "qualified": 0.75, "endeavour": 0.5, "permissive": 0.25}


def test_crosswalk_present_where_actip_mirrors_the_protocol(shipped_catalog: Catalog) -> None:
    mapped = [o for o in shipped_catalog.obligations.values() if o.mappings]
    assert len(mapped) >= len(shipped_catalog.obligations) // 2
