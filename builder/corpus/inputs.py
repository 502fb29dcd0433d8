"""Reading corpora: which inputs are read, and how.

An input is ``-`` (standard input), a file, a folder, a folder saved with
``datasets.save_to_disk`` or ``hf:NAME[:SPLIT]``.  A file is read as what its suffix says:

* ``.txt`` — one document (UTF-8 with or without BOM, or Windows-1256: see
  :mod:`builder.corpus.decoding`);
* ``.jsonl`` / ``.ndjson`` — one JSON object a line;
* ``.json`` — an array of objects (or one object, or JSON lines);
* ``.csv`` / ``.tsv`` — a header row, one row a document;
* ``.parquet`` — one row a document;

the records' text in ``text_field``, their other fields kept as metadata.  A file of any
other kind given by name is reported and not read.  A folder is read recursively, sorted by
path, taking the files of those kinds and the saved datasets inside it; other files are left
out and counted in one line of the log, hidden files and folders (``.git``, ``.cache``…)
are left out, and links to folders are not followed.

Reading never stops at a bad input: a file, folder, line or row that cannot be read is
reported (file and line) through ``on_skip`` and the rest is read.  Documents are yielded
one by one, so a corpus is never held in memory whole.
"""

from __future__ import annotations

import logging
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from builder.corpus.readers import (
    HF_PREFIX,
    OnSkip,
    Skip,
    is_saved_dataset,
    read_dataset,
    read_delimited_file,
    read_error,
    read_json_file,
    read_jsonl_file,
    read_parquet_file,
    read_stdin,
    read_text_file,
)
from builder.documents import Document

__all__ = ["READERS", "Skip", "read_corpus"]

log = logging.getLogger(__name__)

Reader = Callable[[Path, str, OnSkip], Iterator[Document]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".json": read_json_file,
    ".csv": lambda path, field, on_skip: read_delimited_file(path, field, on_skip, ","),
    ".tsv": lambda path, field, on_skip: read_delimited_file(path, field, on_skip, "\t"),
    ".parquet": read_parquet_file,
}
KINDS = ", ".join(READERS)


def _walk(folder: Path, on_skip: OnSkip, excluded: set[Path], others: Counter) -> Iterator[Path]:
    """The inputs inside ``folder``, depth first in name order (the order of their paths):
    files of a kind in READERS, and saved datasets (yielded as their folder)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        on_skip(Skip(str(folder), None, f"{read_error(exc)} (a folder: nothing inside it is read)"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_folder, is_link = entry.is_dir(), entry.is_symlink()
        except OSError as exc:
            on_skip(Skip(str(path), None, read_error(exc)))
            continue
        if is_folder:
            if is_link:  # links to folders are not followed (a link may point back up)
                continue
            if is_saved_dataset(path):
                yield path
            else:
                yield from _walk(path, on_skip, excluded, others)
            continue
        if path.resolve() in excluded:
            continue
        suffix = path.suffix.lower()
        if suffix not in READERS:
            others[suffix or "no suffix"] += 1
        else:
            yield path


def _read_path(path: Path, text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """One file or saved dataset; an error reading it costs only this input."""
    if is_saved_dataset(path):
        yield from read_dataset(str(path), text_field, on_skip)
        return
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        on_skip(Skip(str(path), None, f"not a kind of file iqtibas reads ({path.suffix or 'no suffix'}); it reads "
                                      f"{KINDS}, folders of them and saved datasets"))
        return
    try:
        yield from reader(path, text_field, on_skip)
    except OSError as exc:
        on_skip(Skip(str(path), None, read_error(exc)))


def _read_folder(folder: Path, text_field: str, on_skip: OnSkip, excluded: set[Path]) -> Iterator[Document]:
    others: Counter = Counter()
    found = False
    for path in _walk(folder, on_skip, excluded, others):
        found = True
        yield from _read_path(path, text_field, on_skip)
    if others:
        log.info("%s: left out %d file(s) of other kinds (%s)", folder, sum(others.values()),
                 ", ".join(f"{suffix} {n}" for suffix, n in sorted(others.items())))
    if not found:
        on_skip(Skip(str(folder), None, f"folder holds no file of a kind iqtibas reads ({KINDS})"))


def read_corpus(inputs: Iterable[str], on_skip: OnSkip, text_field: str = "text",
                exclude: Iterable[Path] = ()) -> Iterator[Document]:
    """Documents from every input, in order (see the module's docstring), leaving out the
    files in ``exclude`` (the output being written, when it lies inside a folder read)."""
    excluded = {p.resolve() for p in exclude}
    for spec in inputs:
        if spec == "-":
            yield from read_stdin(text_field, on_skip)
            continue
        if spec.startswith(HF_PREFIX):
            yield from read_dataset(spec, text_field, on_skip)
            continue
        path = Path(spec)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except FileNotFoundError:
            on_skip(Skip(spec, None, "no such file or folder"))
            continue
        except OSError as exc:
            on_skip(Skip(spec, None, read_error(exc)))
            continue
        if is_folder and not is_saved_dataset(path):
            yield from _read_folder(path, text_field, on_skip, excluded)
        else:
            yield from _read_path(path, text_field, on_skip)
