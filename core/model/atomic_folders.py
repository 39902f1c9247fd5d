"""Folders written all at once: a checkpoint is saved into a temporary folder next to its target
and renamed into place only when complete, so a crash mid-save leaves the previous one intact.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from core.messages import MessageError


class CheckpointError(MessageError, RuntimeError):
    """A checkpoint could not be read or written. `str(error)` is a message for the user (English;
    `.message` is the translatable `Message`)."""


@contextlib.contextmanager
def atomic_folder(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a fresh temporary folder; on clean exit it replaces `target` in one rename.

    The temp folder sits next to `target` (same file system, so rename is atomic). If the
    body raises, the temp folder is deleted and `target` is left exactly as it was. The old
    target is moved aside before the new one is renamed in and deleted only afterwards, so a
    crash between the two renames leaves it recoverable by `recover_folder`.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{tmp.name.rsplit('-', 1)[-1]}"
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def recover_folder(target: str | os.PathLike) -> Path:
    """Return `target`, first restoring it from a `.NAME.old-*` backup if a save crashed mid-swap."""
    target = Path(target)
    if not target.exists():
        backups = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
        if backups:
            os.replace(backups[-1], target)
    return target
