"""The validation cache remembers only valid content and never changes a result."""

from __future__ import annotations

from pathlib import Path

import pytest

from actip_cli import cache, schema

VALID = {"actip_answers": 1, "country": "VNM", "period": 2025, "catalog": {"version": "1"}, "answers": {}}


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ACTIP_NO_CACHE", raising=False)
    monkeypatch.setenv("ACTIP_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_valid_content_is_remembered(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert schema.validate(VALID, "answers") == []
    assert len(list((cache_dir / "schema").iterdir())) == 1
    # A remembered document is not validated again.
    monkeypatch.setattr(schema, "_violations", lambda *a: pytest.fail("validated twice"))
    assert schema.validate(VALID, "answers") == []


def test_invalid_content_is_never_remembered(cache_dir: Path) -> None:
    bad = {**VALID, "period": "soon"}
    assert schema.validate(bad, "answers")
    assert schema.validate(bad, "answers")
    assert not (cache_dir / "schema").exists()


def test_key_depends_on_schema_part(cache_dir: Path) -> None:
    schema.validate(VALID, "answers")
    assert schema.validate(VALID, "catalog", "manifest_file")  # not valid there, whatever the cache holds


def test_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACTIP_NO_CACHE", raising=False)
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ACTIP_CACHE_DIR", str(blocker / "sub"))
    assert schema.validate(VALID, "answers") == []
    assert not cache.known_valid("schema", "x")
