"""The elements of a JSON array, one at a time, a malformed element costing only itself.

The array is cut into its elements by its structure — brackets and braces outside strings,
the commas between the elements — and each element is parsed on its own, so that a syntax
error in one (a missing colon, a trailing comma, a stray word) is reported with its line and
column and the elements after it are read.  An element that does not parse is cut again,
more warily, so that what it left open does not swallow the elements after it: a string
ends at its line's end (JSON strings hold no raw line break); an object ends at a comma
followed by ``{`` or ``[`` (in an object, a comma is followed by a key); and an element that
starts a line ends before the next line that starts as it, or as the last good element, did
(the same indentation and the same bracket).  Valid JSON never meets these rules.  The text
is read once, plus once more for each malformed element.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: A string (perhaps left open, then up to its line's end), or a bracket, brace or comma;
#: for a malformed element, also a line break with the indentation and bracket after it.
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[\[\]{},]')
_WARY_TOKEN = re.compile(rf'{_TOKEN.pattern}|\n[ \t]*[\[{{]')
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_CLOSING = {"]": "[", "}": "{"}


@dataclass(frozen=True)
class Element:
    """An element of the array: its index, the line it starts on, and its value if it is
    JSON (``parsed``); ``problem`` says what is wrong with it, on which line."""

    index: int
    line: int
    parsed: bool
    value: Any = None
    problem: tuple[int, str] | None = None


@dataclass(frozen=True)
class Trouble:
    """Something wrong with the array itself (not closed, text after it), and its line."""

    line: int | None
    problem: str


class _Lines:
    """Line and column of positions taken in increasing order, counted once over the text."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line, self.line_start = text, 0, 1, 0

    def at(self, pos: int) -> tuple[int, int]:
        """``(line, column)`` of ``pos``, both from 1."""
        newlines = self.text.count("\n", self.pos, pos)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.pos, pos) + 1
        self.pos = pos
        return self.line, pos - self.line_start + 1


def skip_whitespace(text: str, pos: int) -> int:
    return _WHITESPACE.match(text, pos).end()  # type: ignore[union-attr]


class _Cut:
    """Cutting one element out of the array, token by token: the brackets left open, and
    for a malformed element (``leads`` given) the warier rules of the module's docstring."""

    def __init__(self, leads: frozenset[str] | None) -> None:
        self.leads = leads
        self.open: list[str] = []
        self.comma_in_object = -1

    def end(self, m: re.Match) -> int | None:
        """Where the element ends, if token ``m`` ends it."""
        token = m.group()
        if self.comma_in_object >= 0 and token[-1] in "[{":
            return self.comma_in_object
        self.comma_in_object = -1
        if token[0] == "\n":
            if self.open and token in self.leads:  # type: ignore[operator]
                return m.start()
            token = token[-1]
        if token in ("[", "{"):
            self.open.append(token)
        elif token in _CLOSING:
            return self._close(token, m.start())
        elif token == ",":
            return self._comma(m.start())
        return None

    def _close(self, token: str, at: int) -> int | None:
        """A closing bracket closes the innermost one of its kind and what is open inside it;
        a ``]`` with none open closes the array."""
        if _CLOSING[token] in self.open:
            while self.open.pop() != _CLOSING[token]:
                pass
            return None
        return at if token == "]" else None

    def _comma(self, at: int) -> int | None:
        if not self.open:
            return at
        if self.leads is not None and self.open[-1] == "{":
            self.comma_in_object = at
        return None


def _element_end(text: str, pos: int, leads: frozenset[str] | None = None) -> int:
    """Where the element starting at ``pos`` ends: the ``,`` or ``]`` after it outside its
    brackets and strings, or the end of the text; with ``leads`` (a malformed element), also
    where the warier rules of the module's docstring end it."""
    cut = _Cut(leads)
    for m in (_TOKEN if leads is None else _WARY_TOKEN).finditer(text, pos):
        end = cut.end(m)
        if end is not None:
            return end
    return len(text)


def _lead(text: str, pos: int) -> str | None:
    """The line break, indentation and bracket an element at ``pos`` starts its line with,
    if it starts one (looking back over its indentation only: the text is read once)."""
    start = pos
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if start == 0 or text[start - 1] != "\n" or text[pos] not in "[{":
        return None
    return text[start - 1:pos + 1]


def _parse(chunk: str) -> tuple[Any, int]:
    """The first JSON value of ``chunk`` and where it ends; JSONDecodeError or a
    ValueError with a one-line message if there is none."""
    try:
        return json.JSONDecoder().raw_decode(chunk)
    except RecursionError:
        raise ValueError("malformed JSON: nested too deeply") from None


def _position(lines: _Lines, start: int, chunk: str, at: int) -> tuple[int, int]:
    """Line and column in the text of the position ``at`` of ``chunk``, which starts at ``start``."""
    line, column = lines.at(start)
    inner = chunk.count("\n", 0, at)
    return line + inner, (at - chunk.rfind("\n", 0, at)) if inner else column + at


def _element(text: str, pos: int, index: int, lines: _Lines, leads: frozenset[str]) -> tuple[Element, int]:
    """The element at ``pos`` and where it ends; a malformed one is cut again with ``leads``."""
    end = _element_end(text, pos)
    line = lines.at(pos)[0]
    try:
        value, stop = _parse(text[pos:end])
    except ValueError:
        end = _element_end(text, pos, leads)
        return _malformed(text, pos, end, index, lines), end
    chunk = text[pos:end]
    rest = skip_whitespace(chunk, stop)
    if rest < len(chunk):  # a comma missing: the value is read, what follows it up to the next one is not
        where = _position(lines, pos, chunk, rest)[0]
        return Element(index, line, True, value, (where, "malformed JSON: expected ',' or ']' after an element; "
                                                         "skipped up to the next ','")), end
    return Element(index, line, True, value), end


def _malformed(text: str, pos: int, end: int, index: int, lines: _Lines) -> Element:
    """An element that is not JSON, with what is wrong with it and where."""
    chunk = text[pos:end]
    line = lines.at(pos)[0]
    try:
        _parse(chunk)
    except json.JSONDecodeError as exc:
        where, column = _position(lines, pos, chunk, exc.pos)
        return Element(index, line, False, problem=(where, f"malformed JSON: {exc.msg} (column {column}); "
                                                           f"element {index} is skipped"))
    except ValueError as exc:
        return Element(index, line, False, problem=(line, f"{exc}; element {index} is skipped"))
    return Element(index, line, False, problem=(line, f"malformed JSON: element {index} is cut short; it is "
                                                      f"skipped"))


def array_elements(text: str, start: int) -> Iterator[Element | Trouble]:
    """The elements of the JSON array whose ``[`` is at ``text[start]``, in order, then what
    is wrong with the array itself, if anything."""
    lines = _Lines(text)
    pos, index, comma, last_lead = skip_whitespace(text, start + 1), 0, False, None
    while pos < len(text) and text[pos] != "]":
        lead = _lead(text, pos)
        element, end = _element(text, pos, index, lines, frozenset(x for x in (lead, last_lead) if x))
        yield element
        if element.parsed and lead:
            last_lead = lead
        index += 1
        if end >= len(text):
            yield Trouble(None, "malformed JSON: the array is not closed")
            return
        comma = text[end] == ","
        pos = end if text[end] == "]" else skip_whitespace(text, end + 1 if comma else end)
    if pos >= len(text):
        yield Trouble(None, "malformed JSON: the array is not closed")
        return
    if comma:
        yield Trouble(lines.at(pos)[0], "malformed JSON: a ',' before the ']' that closes the array")
    if text[pos + 1:].strip():
        yield Trouble(lines.at(skip_whitespace(text, pos + 1))[0], "malformed JSON: text after the array")
