"""Reading and writing users' files safely: bounded, UTF-8, never half-written.

Kept apart from the YAML parser so that commands that find their work in the cache do
not pay for loading it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from actip_cli.errors import FileProblem, Location
from actip_cli.i18n import _

MAX_FILE_BYTES = 16 * 1024 * 1024


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a user's file as UTF-8 text, turning every way it can fail into a FileProblem."""
    shown = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileProblem(_("no such file"), location=Location(shown)) from None
    except OSError as exc:
        raise FileProblem(_("cannot read: {reason}").format(reason=exc.strerror), location=Location(shown)) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(_("is a folder, not a file"), location=Location(shown))
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO or device would block or stream forever.
        raise FileProblem(_("is not a regular file"), location=Location(shown))
    if info.st_size > max_bytes:
        raise FileProblem(
            _("file is too large ({size} MB; the limit is {limit} MB)").format(
                size=f"{info.st_size / 1_048_576:.1f}", limit=max_bytes // 1_048_576),
            location=Location(shown),
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileProblem(_("cannot read: {reason}").format(reason=exc.strerror), location=Location(shown)) from None
    if b"\x00" in raw:
        raise FileProblem(_("is a binary file, not YAML text"), location=Location(shown))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileProblem(
            _("is not UTF-8 text; save it as UTF-8"),
            location=Location(shown, line, column),
        ) from None
    return text.removeprefix("\ufeff")


@contextmanager
def atomic_writer(path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> Iterator[TextIO]:
    """Open a temporary file beside `path`; on success flush, fsync and rename it into place.

    A crash, Ctrl-C or kill at any moment leaves either the old file or the new complete
    one, never a half-written file; on failure the temporary file is removed.
    """
    folder = path.parent if str(path.parent) else Path()
    # The name is known before the file is made: a Ctrl-C arriving the moment it is made
    # (which tempfile.mkstemp would hide until it returned) cannot leave it behind.
    tmp = folder / f".{path.name}.{os.urandom(6).hex()}.tmp"
    created = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        created = True
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            # Keep the permissions the user gave the file.
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        else:
            os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
        _remove_abandoned(folder, path.name)
    except BaseException as exc:
        if not isinstance(exc, FileExistsError):  # that one is another writer's file, not ours
            with suppress(OSError):  # not made, or a read-only folder: nothing to remove
                tmp.unlink()
        if isinstance(exc, OSError):
            if not created:
                raise FileProblem(_("cannot write here: {reason}").format(reason=exc.strerror),
                                  location=Location(str(path))) from None
            raise FileProblem(
                _("cannot write: {reason}; the previous file, if any, is unchanged").format(reason=exc.strerror),
                location=Location(str(path)),
            ) from None
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)  # make the rename itself durable
    except OSError:
        pass
    finally:
        os.close(dir_fd)


ABANDONED_AFTER = 3600
"""Seconds after which a temporary file beside an output is taken as left by a killed run."""


def _remove_abandoned(folder: Path, name: str) -> None:
    """Remove temporary files a killed run (kill -9, power loss) left beside `name`.

    Only old ones: a young one may belong to another actip writing the same file now.
    """
    import glob
    import time

    limit = time.time() - ABANDONED_AFTER
    try:
        for stale in folder.glob(f".{glob.escape(name)}.*.tmp"):
            if stale.stat().st_mtime < limit:
                stale.unlink()
    except OSError:
        pass  # tidying up is a courtesy, never a reason to fail a write


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write text to path atomically."""
    with atomic_writer(path, encoding=encoding) as handle:
        handle.write(text)
