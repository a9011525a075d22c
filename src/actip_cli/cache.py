"""A small on-disk cache of facts that are costly to recompute and cheap to key.

It only ever remembers that some exact content was found valid (keyed by a hash of the
content and of the schema), so a stale or missing cache can cost time but never change a
result. It lives in $ACTIP_CACHE_DIR, else $XDG_CACHE_HOME/actip-cli, else
~/.cache/actip-cli; ACTIP_NO_CACHE=1 turns it off, and an unwritable folder is ignored.
"""

from __future__ import annotations

import hashlib
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
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:40]


def known_valid(kind: str, key: str) -> bool:
    """True when content with this key was found valid before."""
    where = folder()
    return where is not None and (where / kind / key).exists()


def remember_valid(kind: str, key: str) -> None:
    """Record that content with this key is valid; failures to write are ignored."""
    where = folder()
    if where is None:
        return
    target = where / kind
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / key).touch()
        if len(os.listdir(target)) > _MAX_ENTRIES:
            _prune(target)
    except OSError:
        pass


def _prune(target: Path) -> None:
    entries = sorted(target.iterdir(), key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) // 2]:
        old.unlink(missing_ok=True)
