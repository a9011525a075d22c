"""The diff core: sections, series, catalog changes, refusals; and its renderers."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from actip_cli import diff
from actip_cli.errors import DataProblem, UsageProblem
from actip_cli.model import Answer, AnswerSet, Catalog, ObligationId, Retired
from actip_cli.render import workshop_diff as view


def rnd(file: str = "x.yaml", country: str = "VNM", period: int = 2025, version: str = "2026.11",
        indicators: dict[str, dict[int, float]] | None = None, retired: dict[str, Answer] | None = None,
        **answers: Answer) -> diff.Round:
    built = {ObligationId("ACTIP-" + k[1:].replace("_", ".")): v for k, v in answers.items()}
    return diff.Round(file, AnswerSet(country, period, version, built, indicators=indicators or {}),
                      {ObligationId(k): v for k, v in (retired or {}).items()})


def tags(d: diff.Diff, oid: str) -> tuple[str, ...]:
    return next((o.tags for o in d.obligations if o.id == oid), ())


def test_gap_closed_new_gap_improved_regressed(mini_catalog: Catalog) -> None:
    old = rnd(period=2024, A5_1=Answer("full", "partial"), A14_1=Answer("full", "full"), A14_4=Answer("none", "none"),
              A16_4=Answer("full", "substantial"))
    new = rnd(A5_1=Answer("full", "substantial"), A14_1=Answer("full", "initial"), A14_4=Answer("initial", "none"),
              A16_4=Answer("full", "full"))
    d = diff.diff(mini_catalog, old, new)
    assert tags(d, "ACTIP-5.1") == ("gap-closed",)
    assert tags(d, "ACTIP-14.1") == ("new-gap",)
    assert tags(d, "ACTIP-14.4") == ("improved",)
    assert tags(d, "ACTIP-16.4") == ("improved",)
    assert d.count("regressed") == 0
    down = diff.diff(mini_catalog, new, old)
    assert tags(down, "ACTIP-14.4") == ("regressed",)
    assert tags(down, "ACTIP-5.1") == ("new-gap",)
    assert any("earlier than OLD" in w for w in down.warnings)


def test_unknown_answered_missing_and_applicability(mini_catalog: Catalog) -> None:
    old = rnd(A5_1=Answer("full", "full"), A14_1=Answer("unknown", None), A14_4=Answer("full", "full"),
              A24_1=Answer("full", "full"))
    new = rnd(A5_1=Answer("full", "unknown"), A14_1=Answer("full", "full"), A14_4=Answer("not-applicable", "not-applicable", note="x"))
    d = diff.diff(mini_catalog, old, new)
    assert tags(d, "ACTIP-5.1") == ("newly-unknown",)
    assert tags(d, "ACTIP-14.1") == ("newly-answered",)
    assert "applicability" in tags(d, "ACTIP-14.4")
    assert tags(d, "ACTIP-24.1") == ("no-longer-answered",)


def test_evidence_added_and_removed_ignore_spacing_and_case(mini_catalog: Catalog) -> None:
    old = rnd(A5_1=Answer("full", "full", ("Penal Code art. 150", "Old decree")))
    new = rnd(A5_1=Answer("full", "full", ("penal code  art. 150", "New circular")))
    d = diff.diff(mini_catalog, old, new)
    (change,) = d.obligations
    assert change.tags == ("evidence",)
    assert change.evidence_added == ("New circular",) and change.evidence_removed == ("Old decree",)


def test_series_extended_revised_and_trend(mini_catalog: Catalog) -> None:
    old = rnd(indicators={"investigations": {2021: 250, 2022: 200, 2023: 160}})
    new = rnd(indicators={"investigations": {2022: 200, 2023: 150, 2024: 170, 2025: 190}, "victims-identified": {2025: 9}})
    d = diff.diff(mini_catalog, old, new)
    inv = next(s for s in d.series if s.id == "investigations")
    assert inv.added == ((2024, 170), (2025, 190)) and inv.revised == ((2023, 160, 150),) and inv.removed == ((2021, 250),)
    assert (inv.old_trend, inv.new_trend) == ("worsening", "improving")
    assert [s.id for s in d.extended_series] == ["investigations", "victims-identified"]


def test_different_countries_are_refused(mini_catalog: Catalog) -> None:
    with pytest.raises(UsageProblem, match="one country"):
        diff.diff(mini_catalog, rnd("a.yaml"), rnd("b.yaml", country="THA"))


def versioned(catalog: Catalog) -> Catalog:
    return dataclasses.replace(
        catalog, version="2027.1",
        history=(("2026.11", ()), ("2027.1", (ObligationId("ACTIP-24.1"),))),
        retired=(Retired(ObligationId("ACTIP-14.2"), "2027.1", "split in two", (ObligationId("ACTIP-14.4"),)),),
    )


def test_catalog_changes_between_versions(mini_catalog: Catalog) -> None:
    catalog = versioned(mini_catalog)
    changes = diff.catalog_changes(catalog, "2026.11", "2027.1")
    assert changes.added == (("ACTIP-24.1", "2027.1"),)
    assert [r.id for r in changes.retired] == ["ACTIP-14.2"]
    assert not diff.catalog_changes(catalog, "2027.1", "2027.1")
    assert diff.catalog_changes(catalog, "2027.1", "2026.11").added == changes.added


def test_diff_survives_a_catalog_update(mini_catalog: Catalog) -> None:
    catalog = versioned(mini_catalog)
    old = rnd(version="2026.11", period=2024, retired={"ACTIP-14.2": Answer("partial", "initial")})
    new = rnd(version="2027.1", A14_4=Answer("substantial", "partial"), A24_1=Answer("none", "none"))
    d = diff.diff(catalog, old, new)
    # a new obligation is not a "new gap": OLD could not have answered it
    assert "new-gap" not in tags(d, "ACTIP-24.1")
    (added,) = d.added
    assert added.id == "ACTIP-24.1" and added.new_gap
    (retired,) = d.retired
    assert retired.old == Answer("partial", "initial")
    assert retired.replacements == (("ACTIP-14.4", Answer("substantial", "partial")),)
    text = view.markdown(d)
    assert "ACTIP-14.2 retired in 2027.1 (split in two), replaced by ACTIP-14.4" in text
    assert "not counted as a new gap" in text
    data = view.to_data(d)
    assert data["catalog_changes"]["retired"][0]["old"]["de_jure"] == "partial"


def test_read_round_keeps_answers_to_retired_ids(tmp_path: Path, mini_catalog: Catalog) -> None:
    catalog = versioned(mini_catalog)
    path = tmp_path / "old.yaml"
    path.write_text("actip_answers: 1\ncountry: VNM\nperiod: 2024\ncatalog: {version: '2026.11'}\n"
                    "answers:\n  ACTIP-14.2: {de_jure: partial, de_facto: initial}\n  ACTIP-5.1: {de_jure: full}\n")
    r = diff.read_round(path, catalog)
    assert list(r.answers.answers) == ["ACTIP-5.1"]
    assert r.retired_answers == {"ACTIP-14.2": Answer("partial", "initial")}
    assert any(p.rule == "retired" for p in r.warnings)
    bad = tmp_path / "bad.yaml"
    bad.write_text("actip_answers: 1\ncountry: VNM\nperiod: 2024\ncatalog: {version: '2026.11'}\nanswers: {ACTIP-30.9: {}}\n")
    with pytest.raises(DataProblem, match="unknown obligation"):
        diff.read_round(bad, catalog)


def test_no_changes(mini_catalog: Catalog) -> None:
    same = rnd(A5_1=Answer("full", "full"))
    d = diff.diff(mini_catalog, same, same)
    assert d.empty and view.summary(d) == "No changes."
    assert json.loads(view.to_json(d))["summary"]["gap-closed"] == 0


def test_summary_counts_are_singular_for_one() -> None:
    from actip_cli.render.workshop_diff import _count_words

    assert [_count_words("gap-closed", 1), _count_words("gap-closed", 2), _count_words("new-gap", 1), _count_words("new-gap", 0)] == [
        "1 gap closed", "2 gaps closed", "1 new gap", "0 new gaps"]
