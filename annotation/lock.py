"""A lock between processes of one machine: an exclusive ``flock`` on a file.

The local server gives two for free, beside its data folder: one that every push to it holds
(so that two pushes at once take turns instead of racing each other's imports — SQLite
serialises writes anyway, and a locked database makes the server repeat a request by itself),
and one that starting or stopping it holds (so that two ``iqtibas studio`` at once end with one
server).  The kernel releases a lock when its process dies, so a killed push leaves none
behind.  Pushes from two machines share no lock file: reconciliation makes them agree.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)


@contextmanager
def holding(path: Path | None, waiting: str) -> Iterator[None]:
    """Hold the lock ``path`` (created owner-only if missing) for the ``with`` block; if
    another process holds it, log ``waiting`` once and wait.  ``None``: no lock."""
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("%s", waiting)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
