"""The cache keeps checked objects under a hash of what they depend on and never changes a result."""

from __future__ import annotations

from pathlib import Path

import pytest

from actip_cli import cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ACTIP_NO_CACHE", raising=False)
    monkeypatch.setenv("ACTIP_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_an_object_comes_back_as_stored(cache_dir: Path) -> None:
    cache.store_object("answers", "k1", {"a": (1, 2)})
    assert cache.load_object("answers", "k1") == {"a": (1, 2)}
    assert cache.load_object("answers", "k2") is None
    assert cache.load_object("catalog", "k1") is None
    assert [p.name for p in (cache_dir / "answers").iterdir()] == ["k1.pickle"]  # no temporary file left


def test_an_unreadable_entry_is_a_miss(cache_dir: Path) -> None:
    (cache_dir / "answers").mkdir()
    (cache_dir / "answers" / "k1.pickle").write_bytes(b"not a pickle")
    assert cache.load_object("answers", "k1") is None


def test_turned_off_it_stores_nothing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTIP_NO_CACHE", "1")
    cache.store_object("answers", "k1", 1)
    assert cache.load_object("answers", "k1") is None
    assert not list(cache_dir.iterdir())


def test_an_unwritable_folder_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACTIP_NO_CACHE", raising=False)
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ACTIP_CACHE_DIR", str(blocker / "sub"))
    cache.store_object("answers", "k1", 1)
    assert cache.load_object("answers", "k1") is None


def test_keys_tell_parts_apart() -> None:
    assert cache.digest(b"ab", b"c") != cache.digest(b"a", b"bc")
    assert cache.digest(b"ab", b"c") == cache.digest(b"ab", b"c")
    assert len(cache.digest(b"x")) == 40
