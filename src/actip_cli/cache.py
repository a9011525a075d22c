"""A small on-disk cache of facts that are costly to recompute and cheap to key.

It keeps the results of checking a catalog and an answers file, keyed by a hash of
everything they depend on, so a stale or missing cache can cost time but never change a
result. It lives in $ACTIP_CACHE_DIR, else $XDG_CACHE_HOME/actip-cli, else
~/.cache/actip-cli; ACTIP_NO_CACHE=1 turns it off, and an unwritable folder is ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

_MAX_ENTRIES = 4000


def folder() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("ACTIP_NO_CACHE"):
        return None
    explicit = os.environ.get("ACTIP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "actip-cli"


def digest(*parts: bytes) -> str:
    """A hex key over several byte strings."""
    try:
        # The built-in module behind hashlib.blake2b: hashlib itself first loads OpenSSL, which
        # costs a report start-up about 2 ms for nothing.
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - an interpreter without it
        from hashlib import blake2b
    h = blake2b(digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def _prune(target: Path) -> None:
    entries = sorted(target.iterdir(), key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) // 2]:
        old.unlink(missing_ok=True)


def load_object(kind: str, key: str) -> object | None:
    """An object stored under this key, or None (missing, unreadable or from another version)."""
    import pickle

    where = folder()
    if where is None:
        return None
    try:
        with (where / kind / f"{key}.pickle").open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - our own cache folder, written by store_object
    except Exception:  # noqa: BLE001 - any unreadable entry is just a miss
        return None


def store_object(kind: str, key: str, value: object) -> None:
    """Store an object under this key, atomically; failures to write are ignored."""
    import pickle

    where = folder()
    if where is None:
        return
    target = where / kind
    # A random name of our own rather than tempfile's (whose import costs a report ~1 ms).
    tmp = target / f"{key}.{os.urandom(6).hex()}.tmp"
    try:
        target.mkdir(parents=True, exist_ok=True)
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target / f"{key}.pickle")
        if len(os.listdir(target)) > _MAX_ENTRIES:
            _prune(target)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)  # a full disk, say: leave no partial entry behind
        except OSError:
            pass


def tree_fingerprint(root: Path, *extra: str) -> str:
    """A key that changes whenever any file under root is added, removed or modified."""
    from actip_cli import __version__, model

    # The model's source is part of the key: a cached object must match the classes it is
    # loaded into, also between releases during development.
    model_stamp = str(os.stat(model.__file__).st_mtime_ns)
    parts = [__version__.encode(), model_stamp.encode(), str(root.resolve()).encode(), *(e.encode() for e in extra)]
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            info = os.stat(os.path.join(dirpath, name))
            parts.append(f"{os.path.join(dirpath, name)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest(*parts)
