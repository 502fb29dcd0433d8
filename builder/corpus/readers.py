"""One reader per kind of input file: plain text, JSON lines, JSON, CSV/TSV, Parquet, a saved
or named Hugging Face dataset, standard input.

A reader never stops the run: what it cannot read — a file, a line, a row — it reports as a
:class:`Skip` (file and line) through ``on_skip`` and goes on; what it read with a repair
(bytes replaced, NULs dropped) it reports too, as a kept Skip.  Files are opened only if they
are regular files: a FIFO or a device is reported, never opened for reading (a FIFO would
block, a device may never end).
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from builder.corpus.decoding import UTF8_BOM, Decoded, DecodeError, Note, UTF16Error, decode
from builder.corpus.json_array import Trouble, array_elements, skip_whitespace
from builder.documents import Document, make_document
from builder.json_lines import loads, read_values
from builder.output import file_kind

HF_PREFIX = "hf:"
_CSV_FIELD_LIMIT = 1 << 30  # the csv module's default (128 KiB) is shorter than a long article
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # the only way a lone surrogate gets into JSON
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Skip:
    """An input, or part of one, that was not read as it is: where, and why.  ``kept`` means
    the input was read all the same, with what ``reason`` says done to it."""

    source: str
    line: int | None
    reason: str
    kept: bool = False

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}" if self.kept else f"skipped {where}: {self.reason}"


OnSkip = Callable[[Skip], None]


class NotRegularFile(OSError):
    """A path that is a FIFO, a device or a socket, not a file to read."""


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for binary reading if it is a regular file, else :class:`NotRegularFile`.
    The open does not block: a FIFO is recognised before anything is read from it."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotRegularFile(f"not a regular file ({file_kind(mode)})")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_error(exc: OSError) -> str:
    """The reason of a Skip for an input that could not be read."""
    if isinstance(exc, NotRegularFile):
        return str(exc)
    return f"cannot read: {exc.strerror or exc}"


def _report(notes: Iterable[Note], source: str, on_skip: OnSkip, first: int = 1) -> None:
    for note in notes:
        on_skip(Skip(source, note.line(first), note.message(first), kept=True))


def _decoded(data: bytes, source: str, on_skip: OnSkip, empty: str = "empty file") -> Decoded | None:
    try:
        decoded = decode(data)
    except DecodeError as exc:
        on_skip(Skip(source, exc.line, f"cannot decode: {exc}"))
        return None
    _report(decoded.notes, source, on_skip)
    if not decoded.text.strip():
        on_skip(Skip(source, None, empty))
        return None
    return decoded


def read_text_file(path: Path, text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """A plain-text file: one document (``text_field`` does not apply)."""
    with open_regular(path) as fh:
        data = fh.read()
    decoded = _decoded(data, str(path), on_skip)
    if decoded:
        meta = {"encoding": decoded.encoding} if decoded.encoding != "utf-8" else {}
        yield make_document(decoded.text, str(path), meta)


def _without_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with every lone surrogate replaced by U+FFFD, and how many there were."""
    if isinstance(value, str):
        return _SURROGATE.subn("\ufffd", value)
    if isinstance(value, list):
        cleaned = [_without_surrogates(v) for v in value]
        return [v for v, _ in cleaned], sum(n for _, n in cleaned)
    if isinstance(value, dict):
        out, total = {}, 0
        for key, item in value.items():
            (key, n), (item, m) = _without_surrogates(key), _without_surrogates(item)
            out[key] = item
            total += n + m
        return out, total
    return value, 0


def _parse_json(text: str) -> tuple[Any, int]:
    """The value of one JSON text and how many lone surrogates it held (now U+FFFD); raises
    ValueError with a one-line message for anything that is not JSON."""
    value = loads(text)
    return _without_surrogates(value) if _SURROGATE_ESCAPE.search(text) else (value, 0)


class _RecordParser:
    """:func:`_parse_json` as a ``jsonlines`` parser: the value, and how many lone
    surrogates the last line held in ``repaired``."""

    def __init__(self) -> None:
        self.repaired = 0

    def __call__(self, text: str) -> Any:
        value, self.repaired = _parse_json(text)
        return value


def _document(record: Any, source: str, where: tuple[str, int], text_field: str, on_skip: OnSkip,
              what: str, repaired: int = 0) -> Document | None:
    """A record (a dict read from JSON or CSV) as a document, or None (reported); ``what``
    names the record in messages (``a JSON line``, ``element 3 of the array``)."""
    file, line = where
    if not isinstance(record, dict):
        on_skip(Skip(file, line, f"{what} must be an object"))
        return None
    text = record.get(text_field)
    if not isinstance(text, str) or not text.strip():
        on_skip(Skip(file, line, f"no text in field {text_field!r}" + (f" of {what}" if what.startswith("element")
                                                                          else "")))
        return None
    if repaired:
        on_skip(Skip(file, line, f"{repaired} lone surrogate escape(s) such as \\ud800 replaced by U+FFFD",
                     kept=True))
    return make_document(text, source, {k: v for k, v in record.items() if k != text_field})


def json_records(lines: Iterable[tuple[int, str]], source: str, text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """Documents from numbered JSON lines (blank ones left out); each line that is not an
    object with text is reported and skipped.  The datatrove reader uses it too."""
    parse = _RecordParser()
    for number, record, problem in read_values(lines, parse):
        if problem:
            on_skip(Skip(source, number, problem))
            continue
        doc = _document(record, f"{source}:{number}", (source, number), text_field, on_skip, "a JSON line",
                        parse.repaired)
        if doc:
            yield doc


def decoded_lines(fh: BinaryIO, source: str, on_skip: OnSkip) -> Iterator[tuple[int, str]]:
    """The lines of a file, split at ``\\n`` only (line ends kept; U+2028, U+0085 and the like
    are text), decoded one at a time: the file is streamed.  A line that cannot be decoded is
    reported and left out; one in another encoding than the lines before it (Windows-1256
    among UTF-8 lines, or the other way round) is read and reported; UTF-16 is the whole file's."""
    first: tuple[str, int] | None = None  # the encoding of the first line that is not ASCII, and its number
    for number, raw in enumerate(fh, 1):
        try:
            decoded = decode(raw)
        except DecodeError as exc:
            whole_file = number == 1 and isinstance(exc, UTF16Error)
            on_skip(Skip(source, None if whole_file else number, f"cannot decode: {exc}"))
            if whole_file:
                return
            continue
        _report(decoded.notes, source, on_skip, first=number)
        if not raw.isascii():
            encoding = "Windows-1256" if decoded.encoding == "cp1256" else "UTF-8"
            if first is None:
                first = (encoding, number)
            elif encoding != first[0]:
                on_skip(Skip(source, number, f"read as {encoding}, while line {first[1]} is {first[0]}", kept=True))
        yield number, decoded.text


def read_jsonl_file(path: Path, text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """JSON lines: one object a line, the text in ``text_field``, the other fields kept as metadata."""
    with open_regular(path) as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            on_skip(Skip(str(path), None, "empty file"))
            return
        yield from json_records(decoded_lines(fh, str(path), on_skip), str(path), text_field, on_skip)


def _json_lines_in(data: bytes, source: str, text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """The documents of JSON lines held in memory, read as a ``.jsonl`` file is."""
    return json_records(decoded_lines(io.BytesIO(data), source, on_skip), source, text_field, on_skip)


def _opens_object(data: bytes) -> bool:
    """Whether ``data`` starts (after a UTF-8 BOM and white space) with ``{``."""
    return data.removeprefix(UTF8_BOM).lstrip(b" \t\r\n").startswith(b"{")


def _one_value(data: bytes) -> bool:
    """Whether ``data`` is one JSON value (decoded quietly: the reader says what it repairs)."""
    try:
        _parse_json(decode(data).text)
    except ValueError:  # DecodeError included
        return False
    return True


def read_json_file(path: Path, text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """A ``.json`` file: an array of objects, one object, or JSON lines under a .json name."""
    source = str(path)
    with open_regular(path) as fh:
        data = fh.read()
    if _opens_object(data) and not _one_value(data):
        yield from _json_lines_in(data, source, text_field, on_skip)
        return
    decoded = _decoded(data, source, on_skip)
    if not decoded:
        return
    text = decoded.text
    start = skip_whitespace(text, 0)
    if text[start] == "[":
        yield from _array_documents(text, start, source, text_field, on_skip)
        return
    try:
        record, repaired = _parse_json(text)
    except ValueError:  # not one JSON value: JSON lines, each line reported on its own
        yield from json_records(enumerate(text.split("\n"), 1), source, text_field, on_skip)
        return
    doc = _document(record, source, (source, 1), text_field, on_skip, "the JSON value", repaired)
    if doc:
        yield doc


def _array_documents(text: str, start: int, source: str, text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """The documents of the JSON array at ``text[start]``; a malformed element costs only itself."""
    escapes = _SURROGATE_ESCAPE.search(text) is not None
    for item in array_elements(text, start):
        if isinstance(item, Trouble):
            on_skip(Skip(source, item.line, item.problem))
            continue
        if item.problem:
            on_skip(Skip(source, *item.problem))
        if not item.parsed:
            continue
        value, repaired = _without_surrogates(item.value) if escapes else (item.value, 0)
        doc = _document(value, f"{source}[{item.index}]", (source, item.line), text_field, on_skip,
                        f"element {item.index} of the array", repaired)
        if doc:
            yield doc


class _Table:
    """The rows of one CSV or TSV file, each with the line it starts on (a quoted field may
    span several), a malformed row reported and left out."""

    def __init__(self, source: str, kind: str, on_skip: OnSkip) -> None:
        self.source, self.kind, self.on_skip = source, kind, on_skip
        self.line = 0  # the number of the last line handed to the csv reader

    def lines(self, fh: BinaryIO) -> Iterator[str]:
        for number, line in decoded_lines(fh, self.source, self.on_skip):
            self.line = number
            yield line

    def rows(self, reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
        """``(line, row)`` of every row that is not empty."""
        while True:
            start = self.line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.on_skip(Skip(self.source, self.line, f"malformed {self.kind}: {exc}"))
                continue
            if row:
                yield start, row


def read_delimited_file(path: Path, text_field: str, on_skip: OnSkip, delimiter: str) -> Iterator[Document]:
    """CSV or TSV as the ``csv`` module and pandas write them (a header row; fields quoted with
    ``"`` where they hold the delimiter, a quote or a line break); the text in the column
    ``text_field``, the other columns kept as metadata."""
    source = str(path)
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    table = _Table(source, "CSV" if delimiter == "," else "TSV", on_skip)
    with open_regular(path) as fh:
        rows = table.rows(csv.reader(table.lines(fh), delimiter=delimiter, strict=True))
        first = next(rows, None)
        if first is None:
            if table.line or not os.fstat(fh.fileno()).st_size:  # not when decoding refused the file
                on_skip(Skip(source, None, "empty file"))
            return
        start, header = first
        if text_field not in header:
            on_skip(Skip(source, start, f"no column {text_field!r} (columns: {_columns(header)})"))
            return
        for start, row in rows:
            if len(row) > len(header):
                on_skip(Skip(source, start, f"{len(row)} fields where the header has {len(header)}"))
                continue
            doc = _document(dict(zip(header, row, strict=False)), f"{source}:{start}", (source, start), text_field,
                            on_skip, "a row")
            if doc:
                yield doc


def _json_safe(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def table_rows(rows: Iterable[dict], label: str, text_field: str, on_skip: OnSkip, first: int) -> Iterator[Document]:
    """Documents from table rows (a dataset or a Parquet file); the source names the row."""
    for index, row in enumerate(rows, first):
        text = row.get(text_field)
        if not isinstance(text, str) or not text.strip():
            on_skip(Skip(label, index + (1 - first), f"no text in column {text_field!r}"))
            continue
        meta = {k: v for k, v in row.items() if k != text_field and _json_safe(v)}
        yield make_document(text, f"{label}:{index}", meta)


def read_parquet_file(path: Path, text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """A Parquet file, read in batches: the text in the column ``text_field``, the other
    scalar columns kept as metadata; sources and warnings count rows from 1."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source, done = str(path), 0
    with open_regular(path) as fh:
        try:
            table = pq.ParquetFile(fh)
            names = table.schema_arrow.names
            if text_field not in names:
                on_skip(Skip(source, None, f"no column {text_field!r} (columns: {_columns(names)})"))
                return
            for batch in table.iter_batches(batch_size=1024):
                rows = batch.to_pylist()
                yield from table_rows(rows, source, text_field, on_skip, done + 1)
                done += len(rows)
        except (pa.ArrowException, ValueError) as exc:
            where = f" after row {done}" if done else ""
            on_skip(Skip(source, None, f"not a readable Parquet file{where}: {_one_line(exc)}"))


def _columns(names: list[str]) -> str:
    return _one_line(", ".join(names)) if names else "none"


def _one_line(exc: BaseException | str, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"


def is_saved_dataset(path: Path) -> bool:
    return os.path.isdir(path) and any(os.path.isfile(path / name) for name in ("dataset_info.json",
                                                                                  "dataset_dict.json"))


def read_dataset(spec: str, text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """``hf:NAME[:SPLIT]`` (a named dataset) or a folder saved with ``save_to_disk``."""
    import datasets

    try:
        if spec.startswith(HF_PREFIX):
            name, _, split = spec[len(HF_PREFIX):].partition(":")
            data = datasets.load_dataset(name, split=split or "train")
            label = f"hf:{name}/{split or 'train'}"
        else:
            data = datasets.load_from_disk(spec)
            label = spec
    except Exception as exc:  # the loaders raise anything, from network errors to format errors
        on_skip(Skip(spec, None, f"cannot load the dataset: {_one_line(exc)}"))
        return
    parts = list(data.items()) if isinstance(data, datasets.DatasetDict) else [(None, data)]
    for split, part in parts:
        part_label = f"{label}/{split}" if split else label
        if text_field not in part.column_names:
            on_skip(Skip(part_label, None, f"no column {text_field!r} (columns: {_columns(part.column_names)})"))
            continue
        yield from table_rows(part, part_label, text_field, on_skip, 0)


def read_stdin(text_field: str, on_skip: OnSkip) -> Iterator[Document]:
    """Standard input: JSON lines if it starts with ``{`` (read as a ``.jsonl`` file is), else
    plain text."""
    data = sys.stdin.buffer.read()
    if _opens_object(data):
        yield from _json_lines_in(data, "<stdin>", text_field, on_skip)
        return
    decoded = _decoded(data, "<stdin>", on_skip, empty="empty input")
    if decoded:
        yield make_document(decoded.text, "<stdin>")
