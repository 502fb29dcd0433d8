"""The elements of a JSON array in a file, one at a time: a Label Studio export of any size
read in little memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

CHUNK = 1 << 20
_SPACE = " \t\r\n"
_AFTER = ",]" + _SPACE


class _Buffer:
    """The text of a file read a chunk at a time, and a position in it."""

    def __init__(self, fh: TextIO, chunk: int) -> None:
        self.fh, self.chunk = fh, chunk
        self.text, self.pos = "", 0

    def fill(self) -> bool:
        """Read one more chunk (dropping what lies before ``pos``); False at the end."""
        more = self.fh.read(self.chunk)
        self.text, self.pos = self.text[self.pos:] + more, 0
        return bool(more)

    def mark(self, skip: str) -> str:
        """The next character that is not in ``skip`` ("" at the end of the file)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in skip:
                self.pos += 1
            if self.pos < len(self.text) or not self.fill():
                return self.text[self.pos:self.pos + 1]

    def value(self, decoder: json.JSONDecoder) -> Any:
        """The JSON value at ``pos``, read whole however many chunks it spans."""
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError:
                if self.fill():
                    continue
                raise
            # a value ends where a comma, a bracket or a space was read after it ("0" of "0.5"
            # at a chunk's end goes on in the next chunk)
            if (end < len(self.text) and self.text[end] in _AFTER) or not self.fill():
                self.pos = end
                return value


def array_elements(path: Path, chunk: int = CHUNK) -> Iterator[Any]:
    """Each element of the JSON array in ``path``; :class:`json.JSONDecodeError` (a
    ``ValueError``) if the file is not one."""
    decoder = json.JSONDecoder()
    with path.open(encoding="utf-8") as fh:
        buffer = _Buffer(fh, chunk)
        if buffer.mark(_SPACE) != "[":
            raise json.JSONDecodeError("not a JSON array", buffer.text, buffer.pos)
        buffer.pos += 1
        while (mark := buffer.mark(_SPACE + ",")) != "]":
            if not mark:
                raise json.JSONDecodeError("the array does not end", buffer.text, buffer.pos)
            yield buffer.value(decoder)
        buffer.pos += 1
        if buffer.mark(_SPACE):
            raise json.JSONDecodeError("more after the array", buffer.text, buffer.pos)
