"""Cached catalogs and answers written by an earlier version, whose records were other
classes, are misses: never an error, never an object of the old classes."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

import actip_cli
from actip_cli import answers as answers_io
from actip_cli import catalog as catalog_mod
from actip_cli import model
from actip_cli.model import Answer, Obligation
from tests.conftest import MINI, REPO

ANSWERS = REPO / "tests" / "golden" / "answers.yaml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ACTIP_NO_CACHE", raising=False)
    monkeypatch.setenv("ACTIP_CACHE_DIR", str(tmp_path))
    return tmp_path


def entries(cache_dir: Path, kind: str) -> list[Path]:
    return sorted((cache_dir / kind).glob("*.pickle"))


def old_record_class(cls: type, monkeypatch: pytest.MonkeyPatch) -> type:
    """A frozen dataclass with the fields and name of a record class, as earlier versions had
    it; while the patch lasts its instances pickle under the record's own name."""
    old = dataclasses.make_dataclass(cls.__name__, cls._fields, frozen=True)  # type: ignore[attr-defined]
    old.__module__ = cls.__module__
    monkeypatch.setattr(model, cls.__name__, old)
    return old


def test_a_new_package_version_keys_new_entries(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers_io.load(ANSWERS, catalog_mod.load_catalog(MINI))
    monkeypatch.setattr(actip_cli, "__version__", actip_cli.__version__ + ".post1")
    answers_io.load(ANSWERS, catalog_mod.load_catalog(MINI))
    assert len(entries(cache_dir, "catalog")) == 2
    assert len(entries(cache_dir, "answers")) == 2  # its key holds the catalog's


def test_a_catalog_pickled_with_old_record_classes_is_rebuilt(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = catalog_mod.load_catalog(MINI)
    [entry] = entries(cache_dir, "catalog")
    with monkeypatch.context() as patch:
        old = old_record_class(Obligation, patch)
        stale = dataclasses.replace(fresh, articles=(), obligations={oid: old(*o) for oid, o in fresh.obligations.items()})
        entry.write_bytes(pickle.dumps(stale, protocol=pickle.HIGHEST_PROTOCOL))
    again = catalog_mod.load_catalog(MINI)
    assert again == fresh
    assert all(type(o) is Obligation for o in again.obligations.values())


def test_answers_pickled_with_old_record_classes_are_read_again(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = catalog_mod.load_catalog(MINI)
    fresh, warnings = answers_io.load(ANSWERS, catalog)
    [entry] = entries(cache_dir, "answers")
    with monkeypatch.context() as patch:
        # Answer has a default for every field, so the old pickle gets further than for Obligation.
        old = old_record_class(Answer, patch)
        stale = dataclasses.replace(fresh, answers={oid: old(*a) for oid, a in fresh.answers.items()})
        entry.write_bytes(pickle.dumps((stale, warnings), protocol=pickle.HIGHEST_PROTOCOL))
    again, _ = answers_io.load(ANSWERS, catalog)
    assert again == fresh
    assert all(type(a) is Answer for a in again.answers.values())
