"""Outputs replaced only by a complete, successful run, without deleting anything that is
not ours.  Every command that writes a file or a folder writes it through here.

* **A file** (``extract -o``, ``pull -o``; the calibration and the report, whole, through
  :func:`write_whole`) is written beside itself, as ``NAME.partial`` (locked, so that two
  runs cannot write one output at once), and renamed into place only when the run has
  finished and has something to write (:class:`PendingFile`): a run that read nothing,
  failed or was interrupted leaves the old file as it was.  The output must be a regular
  file or not exist yet — a device, a FIFO or a folder is refused, and so is a link to one
  (a link to a regular file is followed: the file is replaced, the link stays) — and it may
  not be one of the run's inputs.
* **A folder** (``build -o``, ``export -o``, ``suggest -o``) is written as a new folder and
  renamed into place (:func:`folder_replaced`).  It goes into a new folder, an empty one,
  or one an earlier build made: such a folder holds a marker file listing what was written
  into it.  A folder holding anything else is refused unless the user says
  ``--overwrite``; a file the run needs (its input, the verified file and raw exports
  ``export`` has just written) is never inside the folder replaced.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TextIO

MARKER = ".iqtibas-output.json"
PARTIAL = ".partial"
SHOWN = 3


class OutputError(ValueError):
    """An output that cannot be written without losing something; one line."""


class NothingToWrite(ValueError):
    """A run that had nothing to write, so that its output was left as it was; one line."""


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, from its ``st_mode``."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a directory" if stat.S_ISDIR(mode) else "not a regular file"


def file_target(path: Path, inputs: Iterable[Path] = ()) -> Path:
    """The regular file an output written to ``path`` replaces: ``path`` itself, or the file
    a link there names.  Raises :class:`OutputError` when that is a folder, a device, a FIFO
    or a socket, or one of ``inputs`` (they are read by the same run)."""
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path} is a folder: give the file to write (or - for standard output)")
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path} is not a regular file ({file_kind(mode)}): iqtibas replaces only regular files; "
                          f"write to a file, or to standard output with -o -")
    for source in inputs:
        if os.path.exists(source) and os.path.samefile(source, target):
            raise OutputError(f"{path} is also an input of this run: write the output to another file")
    return target


def left_as_it_was(path: Path) -> str:
    """What a run that did not replace its output ``path`` says about it."""
    return f"{path} was left as it was" if os.path.exists(path) else f"{path} was not written"


def _open_locked(partial: Path) -> TextIO:
    """``partial`` created or emptied and locked for this process; a file another run holds
    is refused, and so is one renamed into place while it was being opened."""
    while True:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o666)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                raise OutputError(f"{partial} is not a regular file ({file_kind(opened.st_mode)}): remove it")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError(f"another run is writing {partial.name[:-len(PARTIAL)]} (it holds {partial}): "
                                  f"wait for it to finish, or write elsewhere") from None
            try:
                current = os.stat(partial, follow_symlinks=False)
            except FileNotFoundError:
                current = None
            if current is None or (current.st_dev, current.st_ino) != (opened.st_dev, opened.st_ino):
                os.close(fd)  # the run that held it has renamed it into place: open a new one
                continue
            os.ftruncate(fd, 0)
            os.set_blocking(fd, True)
            return os.fdopen(fd, "w", encoding="utf-8")
        except BaseException:
            os.close(fd)
            raise


class PendingFile:
    """An output file written beside itself and renamed into place by :meth:`commit`::

        with PendingFile(path, inputs) as pending:   # checked here, before anything is read
            pending.file.write(...)
            pending.commit()                          # only when the run is complete

    Left without :meth:`commit`, the ``.partial`` file is removed and the output stays as
    it was; interrupted (Ctrl-C), the ``.partial`` file is kept for the user to look at.
    """

    def __init__(self, path: Path, inputs: Iterable[Path] = ()) -> None:
        self.path = path
        self._inputs = list(inputs)
        self.target = file_target(path, self._inputs)
        self.partial = self.target.with_name(self.target.name + PARTIAL)
        self._file: TextIO | None = None
        self.committed = False

    @property
    def file(self) -> TextIO:
        if self._file is None:
            raise RuntimeError("a PendingFile is written inside its with block")
        return self._file

    def __enter__(self) -> PendingFile:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._file = _open_locked(self.partial)
        return self

    def commit(self) -> None:
        """Rename the finished ``.partial`` file into place (checked again just before, so
        that what was put there during the run is not replaced), with the old file's mode."""
        fh = self.file
        fh.flush()
        os.fsync(fh.fileno())
        file_target(self.path, self._inputs)
        if self.target.exists():
            os.fchmod(fh.fileno(), stat.S_IMODE(os.stat(self.target).st_mode))
        os.replace(self.partial, self.target)
        fh.close()
        self.committed = True

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.committed or self._file is None:
            return
        self._file.close()
        if exc_type is not KeyboardInterrupt:
            self.partial.unlink(missing_ok=True)


def _files(folder: Path) -> list[str]:
    """Every file (and link) under ``folder``, as paths relative to it; empty folders are not listed."""
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        links = [d for d in dirs if (here / d).is_symlink()]
        dirs[:] = [d for d in dirs if d not in links]
        found += [(here / name).relative_to(folder).as_posix() for name in [*files, *links]]
    return sorted(found)


def _listed(folder: Path) -> set[str] | None:
    """The files the marker says were written, or None if ``folder`` has no readable marker."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = marker.get("files") if isinstance(marker, dict) else None
    return set(files) if isinstance(files, list) else None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(out: Path, overwrite: bool = False, keep: Iterable[Path | None] = ()) -> None:
    """Raise :class:`OutputError` unless replacing ``out`` deletes only what an earlier run
    wrote there (or the user said ``overwrite``); a path in ``keep`` must not lie inside it."""
    out = out.resolve()
    for path in keep:
        if path is not None and _inside(path.resolve(), out):
            raise OutputError(f"{path} lies inside the output folder {out}, which is replaced whole: write the "
                              f"output elsewhere (-o) or keep that file outside it")
    if not os.path.lexists(out):
        return
    mode = os.stat(out).st_mode
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        raise OutputError(f"{out} is not a folder ({file_kind(mode)}): choose another output folder")
    if overwrite:
        return
    if not out.is_dir() or out.is_symlink():
        raise OutputError(f"{out} exists and is not a folder: choose another output folder, or pass --overwrite "
                          f"to replace it")
    files = _files(out)
    if not files:
        return
    listed = _listed(out)
    foreign = [f for f in files if f != MARKER and (listed is None or f not in listed)]
    if not foreign:
        return
    shown = ", ".join(foreign[:SHOWN]) + (f" and {len(foreign) - SHOWN} more" if len(foreign) > SHOWN else "")
    why = "was not made by iqtibas" if listed is None else "holds files iqtibas did not write"
    raise OutputError(f"{out} {why} ({shown}): replacing it would delete them. Choose a new or empty folder, or "
                      f"pass --overwrite to replace it anyway")


def mark(work: Path, what: str) -> None:
    """Write the marker into the finished ``work`` folder, listing every file in it."""
    (work / MARKER).write_text(json.dumps({"written_by": what, "files": _files(work)}, indent=1) + "\n",
                               encoding="utf-8")


def replace_folder(work: Path, out: Path, overwrite: bool = False, keep: Iterable[Path | None] = ()) -> None:
    """Move the finished ``work`` folder to ``out``, replacing what was there — checked again
    just before, so that a file put there during the run is not lost."""
    check_output(out, overwrite, keep)
    old = None
    if os.path.lexists(out):
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        out.rename(old)
    work.rename(out)
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        else:
            old.unlink()


def write_whole(path: Path, text: str, inputs: Iterable[Path] = ()) -> None:
    """Write the file ``path`` whole or not at all (a :class:`PendingFile` holding ``text``)."""
    with PendingFile(path, inputs) as pending:
        pending.file.write(text)
        pending.commit()


@contextmanager
def folder_replaced(out: Path, what: str, overwrite: bool = False, keep: Iterable[Path | None] = ()) -> Iterator[Path]:
    """A temporary folder beside ``out`` to write into: leaving the block normally marks it
    (as written by ``what``) and moves it to ``out`` (:func:`replace_folder`); leaving it by
    an exception removes it, and ``out`` is left as it was."""
    check_output(out, overwrite, keep)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        yield work
        mark(work, what)
        replace_folder(work, out, overwrite, keep)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
