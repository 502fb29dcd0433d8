"""Reading corpora: folders of ``.txt`` files, ``.jsonl`` files, Hugging Face datasets and
standard input, in UTF-8 (with or without BOM) or Windows-1256, detected per file.

Reading never stops at a bad input: an undecodable or empty file, a malformed JSON line or
one without text is reported (file and line) through ``on_skip`` and the rest is read.
Documents are yielded one by one, so a corpus is never held in memory whole.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.documents import Document, make_document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
HF_PREFIX = "hf:"
_ARABIC = range(0x0600, 0x0700)
_MIN_PLAUSIBLE = 0.85


@dataclass(frozen=True)
class Skip:
    """An input that was not read: where, and why."""

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"


class DecodeError(ValueError):
    """Bytes that are not text in a supported encoding; ``offset`` is the first bad byte."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset


def _plausible(text: str) -> bool:
    """Text decoded as Windows-1256 is plausible if it is mostly letters, digits, spaces
    and punctuation, and has Arabic letters: anything else is a binary or another encoding."""
    if not text or "\x00" in text:
        return False
    ok = sum(1 for ch in text if ch.isalnum() or ch.isspace() or ch.isprintable())
    arabic = sum(1 for ch in text if ord(ch) in _ARABIC)
    return ok / len(text) >= _MIN_PLAUSIBLE and arabic > 0


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes; returns ``(text, encoding)`` or raises :class:`DecodeError`."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-8 after a UTF-8 BOM ({exc.reason})", exc.start + 3) from None
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes), not text", data.index(b"\x00"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" in text or not _plausible(text):
        raise DecodeError(f"neither UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor Windows-1256",
                          utf8_error.start)
    return text, "cp1256"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode_file(path: Path, on_skip: Callable[[Skip], None]) -> tuple[str, str] | None:
    """The file's text and encoding, or None (reported) if undecodable or empty."""
    data = path.read_bytes()
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        line = _line_of(data, exc.offset) if exc.offset is not None else None
        on_skip(Skip(str(path), line, f"cannot decode: {exc}"))
        return None
    if not text.strip():
        on_skip(Skip(str(path), None, "empty file"))
        return None
    return text, encoding


def _read_text_file(path: Path, on_skip: Callable[[Skip], None]) -> Iterator[Document]:
    decoded = _decode_file(path, on_skip)
    if decoded:
        text, encoding = decoded
        yield make_document(text, str(path), {"encoding": encoding} if encoding != "utf-8" else {})


def _records(lines: Iterable[tuple[int, str]], source: str, text_field: str,
             on_skip: Callable[[Skip], None]) -> Iterator[Document]:
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            on_skip(Skip(source, number, f"malformed JSON: {exc.msg} (column {exc.colno})"))
            continue
        if not isinstance(record, dict):
            on_skip(Skip(source, number, "a JSON line must be an object"))
            continue
        text = record.get(text_field)
        if not isinstance(text, str) or not text.strip():
            on_skip(Skip(source, number, f"no text in field {text_field!r}"))
            continue
        meta = {k: v for k, v in record.items() if k != text_field}
        yield make_document(text, f"{source}:{number}", meta)


def _decoded_lines(path: Path, on_skip: Callable[[Skip], None]) -> Iterator[tuple[int, str]]:
    """The lines of a JSON-lines file, decoded one at a time (the file is streamed)."""
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield number, decode(raw)[0]
            except DecodeError as exc:
                on_skip(Skip(str(path), number, f"cannot decode: {exc}"))


def _read_jsonl_file(path: Path, text_field: str, on_skip: Callable[[Skip], None]) -> Iterator[Document]:
    if path.stat().st_size == 0:
        on_skip(Skip(str(path), None, "empty file"))
        return
    yield from _records(_decoded_lines(path, on_skip), str(path), text_field, on_skip)


def _read_hf(spec: str, text_field: str, on_skip: Callable[[Skip], None]) -> Iterator[Document]:
    """``hf:NAME[:SPLIT]`` (a named dataset) or a folder saved with ``save_to_disk``."""
    import datasets

    if spec.startswith(HF_PREFIX):
        name, _, split = spec[len(HF_PREFIX):].partition(":")
        data = datasets.load_dataset(name, split=split or "train")
        label = f"hf:{name}/{split or 'train'}"
    else:
        data = datasets.load_from_disk(spec)
        label = spec
    if isinstance(data, datasets.DatasetDict):
        parts = [(f"{label}/{split}", part) for split, part in data.items()]
    else:
        parts = [(label, data)]
    for part_label, part in parts:
        if text_field not in part.column_names:
            on_skip(Skip(part_label, None, f"no column {text_field!r} (columns: {', '.join(part.column_names)})"))
            continue
        for index, row in enumerate(part):
            text = row.get(text_field)
            if not isinstance(text, str) or not text.strip():
                on_skip(Skip(part_label, index + 1, f"no text in column {text_field!r}"))
                continue
            meta = {k: v for k, v in row.items() if k != text_field and _json_safe(v)}
            yield make_document(text, f"{part_label}:{index}", meta)


def _json_safe(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _is_saved_dataset(path: Path) -> bool:
    return path.is_dir() and any((path / name).exists() for name in ("dataset_info.json", "dataset_dict.json"))


def _read_stdin(text_field: str, on_skip: Callable[[Skip], None]) -> Iterator[Document]:
    data = sys.stdin.buffer.read()
    try:
        text, _ = decode(data)
    except DecodeError as exc:
        on_skip(Skip("<stdin>", None, f"cannot decode: {exc}"))
        return
    if not text.strip():
        on_skip(Skip("<stdin>", None, "empty input"))
    elif text.lstrip().startswith("{"):
        yield from _records(enumerate(text.splitlines(), 1), "<stdin>", text_field, on_skip)
    else:
        yield make_document(text, "<stdin>")


def read_corpus(inputs: Iterable[str], on_skip: Callable[[Skip], None], text_field: str = "text",
                exclude: Iterable[Path] = ()) -> Iterator[Document]:
    """Documents from every input, in order; folders are read recursively, sorted by path,
    leaving out the files in ``exclude`` (the output being written, when it lies inside).

    An input is ``-`` (standard input: plain text, or JSON lines if it starts with ``{``),
    a ``.txt`` or ``.jsonl`` file, a folder of them, a folder saved by
    ``datasets.save_to_disk``, or ``hf:NAME[:SPLIT]``.
    """
    for spec in inputs:
        if spec == "-":
            yield from _read_stdin(text_field, on_skip)
            continue
        if spec.startswith(HF_PREFIX):
            yield from _read_hf(spec, text_field, on_skip)
            continue
        path = Path(spec)
        if not path.exists():
            on_skip(Skip(spec, None, "no such file or folder"))
        elif _is_saved_dataset(path):
            yield from _read_hf(spec, text_field, on_skip)
        elif path.is_dir():
            excluded = {p.resolve() for p in exclude}
            suffixes = TEXT_SUFFIXES + JSONL_SUFFIXES
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix in suffixes and p.resolve() not in excluded)
            if not files:
                on_skip(Skip(spec, None, "folder holds no .txt or .jsonl files"))
            for file in files:
                yield from _read_file(file, text_field, on_skip)
        else:
            yield from _read_file(path, text_field, on_skip)


def _read_file(path: Path, text_field: str, on_skip: Callable[[Skip], None]) -> Iterator[Document]:
    if path.suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, text_field, on_skip)
    else:
        yield from _read_text_file(path, on_skip)
