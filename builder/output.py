"""Output folders that are replaced whole, without deleting anything that is not ours.

A build writes into a new folder, an empty one, or one an earlier build made: such a folder
holds a marker file listing what was written into it.  A folder holding anything else is
refused unless the user says ``--overwrite``; a file the run needs (its input, the verified
file and raw exports ``export`` has just written) is never inside the folder replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".iqtibas-output.json"
SHOWN = 3


class OutputError(ValueError):
    """An output folder that cannot be written without losing something; one line."""


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
    if overwrite or not os.path.lexists(out):
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


def write_whole(path: Path, text: str) -> None:
    """Write the file ``path`` whole or not at all: to ``PATH.partial``, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


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
