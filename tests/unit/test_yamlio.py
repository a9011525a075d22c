"""The strict YAML loader: what a user writes is what the tool reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actip_cli import yamlio
from actip_cli.errors import FileProblem


def load(tmp_path: Path, text: str) -> yamlio.Document:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return yamlio.load(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: no", "no"),
        ("a: off", "off"),
        ("a: yes", "yes"),
        ("a: 2024-01-31", "2024-01-31"),
        ("a: 010", "010"),
        ("a: 0x1F", "0x1F"),
        ("a: 1_000", "1_000"),
        ("a: 12:30", "12:30"),
        ("a: true", True),
        ("a: false", False),
        ("a: 2025", 2025),
        ("a: -3", -3),
        ("a: 1.5", 1.5),
        ("a: ~", None),
        ("a:", None),
    ],
)
def test_implicit_types_are_only_the_obvious_ones(tmp_path: Path, text: str, expected: object) -> None:
    assert load(tmp_path, text).data == {"a": expected}


def test_positions_point_at_values_and_keys(tmp_path: Path) -> None:
    doc = load(tmp_path, "top:\n  inner: [1, 2]\n  other: x\n")
    assert doc.positions[("top", "inner", 1)] == (2, 14)
    assert doc.key_positions[("top", "other")] == (3, 3)


def test_locate_falls_back_to_the_nearest_parent(tmp_path: Path) -> None:
    doc = load(tmp_path, "top:\n  inner: 1\n")
    assert doc.locate(("top", "nope")).line == 2


def test_duplicate_keys_are_reported_not_dropped_silently(tmp_path: Path) -> None:
    doc = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 1, "b": 2}
    [issue] = doc.issues
    assert (issue.line, issue.column, issue.rule) == (3, 1, "duplicate-key")
    assert "first at line 1" in issue.message


def test_tags_that_build_objects_are_refused(tmp_path: Path) -> None:
    doc = load(tmp_path, "a: !!python/object/apply:os.system ['true']\n")
    assert doc.issues and doc.issues[0].rule == "yaml-tag"


def test_alias_bomb_is_stopped(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for p, q in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{p}: &{p} [" + ",".join([f"*{q}"] * 10) + "]")
    with pytest.raises(FileProblem, match="too many values"):
        load(tmp_path, "\n".join(lines))


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01", "binary"), (b"a: \xff\n", "not UTF-8"), (b"a: [1,\n", "YAML syntax")],
)
def test_unreadable_content(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(FileProblem, match=message):
        yamlio.load(path)


def test_folder_and_fifo_are_not_files(tmp_path: Path) -> None:
    import os

    with pytest.raises(FileProblem, match="folder"):
        yamlio.load(tmp_path)
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        yamlio.load(fifo)


def test_atomic_write_replaces_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old\n")
    yamlio.write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_a_write_removes_temporaries_a_killed_run_left_long_ago(tmp_path: Path) -> None:
    import os
    import time

    target = tmp_path / "a[1].yaml"  # glob characters in the name must not matter
    old = tmp_path / ".a[1].yaml.k1ll3d.tmp"
    young = tmp_path / ".a[1].yaml.wr1t1ng.tmp"  # another actip writing the same file now
    other = tmp_path / ".b.yaml.k1ll3d.tmp"
    for stale in (old, young, other):
        stale.write_text("half")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    os.utime(other, (hours_ago, hours_ago))
    yamlio.write_text(target, "new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a[1].yaml.wr1t1ng.tmp", ".b.yaml.k1ll3d.tmp", "a[1].yaml"]


def test_ctrl_c_the_moment_the_temporary_file_is_made_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from actip_cli import files

    real_open = os.open

    def made_then_interrupted(path, flags, mode=0o777):  # type: ignore[no-untyped-def]
        os.close(real_open(path, flags, mode))
        raise KeyboardInterrupt  # the signal lands before the descriptor is handed back

    target = tmp_path / "out.yaml"
    target.write_text("old\n")
    monkeypatch.setattr(files.os, "open", made_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        yamlio.write_text(target, "new\n")
    monkeypatch.undo()
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), yamlio.atomic_writer(target) as handle:
        handle.write("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root can write to read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(FileProblem, match="cannot write"):
            yamlio.write_text(folder / "x.yaml", "x")
    finally:
        folder.chmod(0o700)


_scalars = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
    st.integers(-10**9, 10**9),
    st.booleans(),
    st.none(),
)
_json = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(data=st.dictionaries(st.text(min_size=1, max_size=10), _json, min_size=1, max_size=5))
def test_dump_then_load_round_trips(tmp_path_factory: pytest.TempPathFactory, data: dict[str, object]) -> None:
    path = tmp_path_factory.mktemp("rt") / "f.yaml"
    yamlio.write_text(path, yamlio.dump(data))
    loaded = yamlio.load(path)
    assert loaded.issues == []
    assert loaded.data == data
