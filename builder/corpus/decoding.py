"""Bytes to text, saying what was done to them.

* A file is UTF-8 (with or without a BOM) when most of its non-ASCII bytes form valid UTF-8
  characters (ASCII bytes read the same in every encoding and say nothing): the few bad
  bytes are replaced by U+FFFD and reported with their lines.
* Windows-1256 only when the file reads as Windows-1256 as a whole: next to no valid UTF-8
  sequence, Arabic words (a byte that would be an Arabic letter alone, between ASCII bytes,
  is a stray byte, not Windows-1256), and hardly any letter of another script.
* A file with a NUL byte now and then is text with stray NULs: they are dropped and
  reported.  A file with many control bytes (NUL, 0x01…) is binary and not read.
* UTF-16 is named as such, with or without a byte order mark, not read (save it as UTF-8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# C0 control bytes other than tab, line feed, vertical tab, form feed and carriage return.
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
MAX_CONTROL_SHARE = 0.05  # more control bytes than this: binary
MAX_UTF8_IN_CP1256 = 0.1  # Windows-1256 Arabic has valid UTF-8 pairs for ~2% of its bad bytes
MIN_ARABIC_SHARE = 0.8  # of the letters outside ASCII, in Windows-1256
MIN_UTF16_TEXT_SHARE = 0.9  # of the characters, read as UTF-16, that are of a script news is written in
MIN_UTF16_CHARS = 4
LINES_NAMED = 5

_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that were not UTF-8, under surrogateescape
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))
_CONTROL = re.compile(b"[\x00-\x08\x0e-\x1f]")
_ARABIC_WORD = re.compile("[\u0621-\u064a]{2}")
#: Characters of the scripts news is written in: ASCII, Latin, Arabic (with its presentation
#: forms) and general punctuation — what UTF-16 text decodes to, and random bytes seldom do.
_TEXT_CHAR = re.compile("[\t\n\r\x20-\x7e\xa0-\u024f\u0600-\u06ff\u0750-\u077f\u2000-\u206f"
                        "\ufb50-\ufdff\ufe70-\ufeff]")


class DecodeError(ValueError):
    """Bytes that are not text in a supported encoding; ``line`` is where the trouble starts."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class UTF16Error(DecodeError):
    """UTF-16 text: the whole file is in it, not only the line where it was seen."""


@dataclass(frozen=True)
class Note:
    """Something decoding changed (``what``) and the lines of the input it changed."""

    what: str
    lines: tuple[int, ...]

    def line(self, first: int = 1) -> int:
        """The first line concerned, counting the input's first line as ``first``."""
        return self.lines[0] + first - 1

    def message(self, first: int = 1) -> str:
        return f"{self.what} on {_lines_phrase([n + first - 1 for n in self.lines])}"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # utf-8, utf-8-sig or cp1256
    notes: tuple[Note, ...] = ()


def _lines_at(seq: bytes | str, positions: list[int], newline: bytes | str) -> list[int]:
    """The distinct line numbers of ``positions`` (sorted offsets into ``seq``)."""
    lines: list[int] = []
    line, last = 1, 0
    for at in positions:
        line += seq.count(newline, last, at)  # type: ignore[arg-type]
        last = at
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _lines_phrase(lines: list[int]) -> str:
    """``line 3`` / ``lines 3, 7 and 12`` / ``lines 3, 7, 12, 15, 20 and 4 more``."""
    if len(lines) == 1:
        return f"line {lines[0]}"
    named, rest = lines[:LINES_NAMED], len(lines) - LINES_NAMED
    if rest > 0:
        return f"lines {', '.join(map(str, named))} and {rest} more"
    return f"lines {', '.join(map(str, named[:-1]))} and {named[-1]}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _drop_nuls(data: bytes) -> tuple[bytes, Note | None]:
    positions = [m.start() for m in re.finditer(b"\x00", data)]
    if not positions:
        return data, None
    lines = _lines_at(data, positions, b"\n")
    return data.replace(b"\x00", b""), Note(f"{_plural(len(positions), 'NUL byte')} dropped", tuple(lines))


def _utf8_with_replacements(data: bytes, escaped: str, runs: list[re.Match]) -> tuple[str, Note]:
    bad = sum(len(m.group()) for m in runs)
    lines = _lines_at(escaped, [m.start() for m in runs], "\n")
    note = Note(f"{_plural(bad, 'byte')} not valid in UTF-8 replaced by U+FFFD", tuple(lines))
    return data.decode("utf-8", errors="replace"), note


def _reads_as_cp1256(text: str) -> bool:
    """Arabic words, and hardly a letter of another script: a lone byte between ASCII ones
    that Windows-1256 would read as an Arabic letter is a stray byte, not an encoding."""
    letters = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    arabic = sum(1 for ch in letters if 0x0600 <= ord(ch) <= 0x06FF)
    return arabic >= MIN_ARABIC_SHARE * len(letters) and _ARABIC_WORD.search(text) is not None


def _utf16_without_bom(data: bytes) -> str | None:
    """The byte order ``data`` reads as UTF-16 text in (``little-endian``/``big-endian``),
    or None: it must decode, and decode to the scripts news is written in."""
    even = data[:len(data) // 2 * 2]
    for codec, order in (("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")):
        try:
            text = even.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(text) >= MIN_UTF16_CHARS and len(_TEXT_CHAR.findall(text)) >= MIN_UTF16_TEXT_SHARE * len(text):
            return order
    return None


def decode(data: bytes) -> Decoded:
    """Decode file bytes (see the module's docstring); raises :class:`DecodeError` for
    binary data and for text in an encoding other than UTF-8 and Windows-1256."""
    if data.startswith(UTF16_BOMS):
        raise UTF16Error("UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8", 1)
    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM):] if bom else data
    controls = len(body) - len(body.translate(None, CONTROL_BYTES))
    if controls and controls > MAX_CONTROL_SHARE * len(body):
        order = _utf16_without_bom(body)
        if order:
            raise UTF16Error(f"UTF-16 text ({order}, without a byte order mark): save it as UTF-8", 1)
        first = _CONTROL.search(body).start()  # type: ignore[union-attr]
        raise DecodeError(f"binary data ({_plural(controls, 'control byte')} such as NUL), not text",
                          body.count(b"\n", 0, first) + 1)
    body, nul_note = _drop_nuls(body)
    notes = (nul_note,) if nul_note else ()
    encoding = "utf-8-sig" if bom else "utf-8"
    try:
        return Decoded(body.decode("utf-8"), encoding, notes)
    except UnicodeDecodeError:
        pass
    escaped = body.decode("utf-8", errors="surrogateescape")
    runs = list(_ESCAPED.finditer(escaped))
    bad = sum(len(m.group()) for m in runs)
    ascii_chars = len(body.translate(None, _NON_ASCII_BYTES))
    valid = len(escaped) - ascii_chars - bad  # non-ASCII characters that are valid UTF-8
    if valid > bad:
        text, note = _utf8_with_replacements(body, escaped, runs)
        return Decoded(text, encoding, (*notes, note))
    first_bad = escaped.count("\n", 0, runs[0].start()) + 1
    if bom:
        raise DecodeError(f"starts with a UTF-8 byte order mark but is mostly not UTF-8 (from line {first_bad})",
                          first_bad)
    if valid > MAX_UTF8_IN_CP1256 * bad:
        raise DecodeError(f"mixes UTF-8 ({valid} characters) with bytes of another encoding ({bad}), "
                          f"the first on line {first_bad}", first_bad)
    text = body.decode("cp1256")
    if not _reads_as_cp1256(text):
        raise DecodeError(f"neither UTF-8 nor Windows-1256 (the first byte that is not UTF-8 is on line "
                          f"{first_bad})", first_bad)
    return Decoded(text, "cp1256", notes)
