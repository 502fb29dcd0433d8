"""Pairing of quotation marks.

Arabic news text mixes ``"``, ``“ ”``, ``« »``, ``„``, ``‘ ’`` and ``'``; marks come reversed
(``” ... ”``), unbalanced, or missing.  We decide by family and context:

* Double marks (``" “ ” „ « »``) and single marks (``' ‘ ’ ‚``) are separate families; while
  a double quotation is open, single marks inside it are nested and ignored.
* With no quotation open, a mark opens one when the character before it is a space, the
  start of a line, opening punctuation or a one-letter proclitic (``و"``); a mark glued to
  the end of a word is a stray closing mark and makes no quotation.
* With a quotation open, a mark of the same family closes it, unless it plainly opens a new
  one (space before, letter after) and is either a directional opener (``“ « „``) or on a
  later line: then the earlier mark was never closed.
* An opening mark that is never closed runs to the end of its line (the scheme's paragraph),
  unless another quotation opens later on that same line: then it is dropped as stray.
  Single marks must close on their own line (an apostrophe is not a quotation).
* Quotations never cross a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = '"“”„«»‟〝〞＂″‶'
SINGLE = "'‘’‚‹›"
QUOTE_MARKS = DOUBLE + SINGLE
_DIRECTIONAL_OPENERS = "“«„‘‚‹〝"
_OPENING_CONTEXT = " \n([{:،,؛;-–—/"
_PROCLITICS = "وفبلك"
_SINGLE_CLOSERS = "’'›"
#: Directional openers that may nest, and their closers.
_NESTING = {"«": "»", "“": "”"}
_MARK_RE = re.compile(f"[{re.escape(QUOTE_MARKS)}]")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_WORD_CHAR = re.compile(r"\w")
_DOUBLE_RE = re.compile(f"[{re.escape(DOUBLE)}]")


@dataclass(slots=True)
class Quote:
    """A quotation: ``open`` is the index of its opening mark, ``close`` of its closing
    mark, or of the end of the line when it was never closed (``closed`` is then False)."""

    open: int
    close: int
    closed: bool


def _opens_by_context(text: str, pos: int, line_start: int) -> bool:
    if pos == line_start:
        return True
    before = text[pos - 1]
    if before.isspace() or before in _OPENING_CONTEXT:
        return True
    return before in _PROCLITICS and (pos - 1 == line_start or text[pos - 2].isspace() or text[pos - 2] == "(")


def _starts_word(text: str, pos: int) -> bool:
    return pos + 1 < len(text) and (text[pos + 1].isalnum())


def pair_quotes(text: str) -> list[Quote]:
    """All quotations in ``text``, in order, none overlapping."""
    quotes: list[Quote] = []
    block_start = 0
    for brk in [*_BLOCK_BREAK.finditer(text), None]:
        block_end = brk.start() if brk else len(text)
        quotes.extend(_pair_block(text, block_start, block_end))
        if brk:
            block_start = brk.end()
    return quotes


def _line_end(text: str, pos: int, limit: int) -> int:
    end = text.find("\n", pos, limit)
    return limit if end < 0 else end


class _Lines:
    """The line around a position of one block, found once per line (marks are met in
    order), so that a block of one very long line costs no more than many short ones."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.block_start, self.block_end = text, start, end
        self.start, self.end = start, -1
        self.last_single_closer = -1

    def at(self, pos: int) -> int:
        """Move to the line of ``pos``; returns its start."""
        if pos > self.end:
            text = self.text
            self.start = text.rfind("\n", self.block_start, pos) + 1 or self.block_start
            self.start = max(self.start, self.block_start)
            self.end = _line_end(text, pos, self.block_end)
            self.last_single_closer = max(text.rfind(c, self.start, self.end) for c in _SINGLE_CLOSERS)
        return self.start


def _closes_twice(text: str, pos: int, line_end: int, opener: str, outer: str) -> bool:
    """Whether the line after ``pos`` holds a closer for ``opener`` and, after it, the
    closer ``outer`` of the quotation already open: then ``opener`` nests, it does not
    restart."""
    close = text.find(_NESTING[opener], pos + 1, line_end)
    return close >= 0 and text.find(outer, close + 1, line_end) >= 0


def _pair_block(text: str, start: int, end: int) -> list[Quote]:
    pairing = _Pairing(text, start, end)
    for m in _MARK_RE.finditer(text, start, end):
        pairing.mark(m.start())
    return pairing.finish()


class _Pairing:
    """The pairing of the quotation marks of one block, mark by mark: the quotation open (if
    any), the closers of quotations nested in it, and the quotations found."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.end = text, end
        self.out: list[Quote] = []
        self.open_pos = -1
        self.open_double = False
        self.inner: list[str] = []  # the closers of quotations opened inside the open one
        self.lines = _Lines(text, start, end)

    def mark(self, pos: int) -> None:
        ch = self.text[pos]
        double = ch in DOUBLE
        line_start = self.lines.at(pos)
        if self.open_pos < 0:
            self._open(pos, ch, double, line_start)
        elif double == self.open_double:
            self._meet(pos, ch, line_start)

    def _open(self, pos: int, ch: str, double: bool, line_start: int) -> None:
        if not (_opens_by_context(self.text, pos, line_start) or ch in "«„" or self._glued_opener(pos, double)):
            return
        if _WORD_CHAR.search(self.text, pos + 1, self.lines.end) is None \
                and self.text[line_start:pos].rstrip()[-1:].isalnum():
            return  # العقل " .⏎: after a word with nothing after it on its line, a stray closer
        if double or self.lines.last_single_closer > pos:  # a single mark must close on its own line
            self.open_pos, self.open_double = pos, double  # (an apostrophe is no quotation)

    def _glued_opener(self, pos: int, double: bool) -> bool:
        """Whether a double mark glued to the word before it opens a quotation all the same
        (``قائلا" الميزانية واقعية".``): a space and a word follow it, and the next double
        mark of its line is shaped as a closer (glued to the word before, none after)."""
        text, end = self.text, self.lines.end
        if not double or pos + 2 >= end or not text[pos + 1].isspace() or not text[pos + 2].isalnum():
            return False
        m = _DOUBLE_RE.search(text, pos + 1, end)
        return m is not None and text[m.start() - 1].isalnum() and not text[m.end():m.end() + 1].isalnum()

    def _meet(self, pos: int, ch: str, line_start: int) -> None:
        """A mark of the open quotation's kind: it opens a quotation inside it, restarts it (a
        new line, a directional opener), closes a nested one, or closes it."""
        text, open_pos = self.text, self.open_pos
        crossed = open_pos < line_start
        restarts = ((crossed or ch in _DIRECTIONAL_OPENERS) and _opens_by_context(text, pos, line_start)
                    and _starts_word(text, pos))
        outer = self.inner[-1] if self.inner else _NESTING.get(text[open_pos], text[open_pos])
        if restarts and not crossed and ch in _NESTING and _closes_twice(text, pos, self.lines.end, ch, outer):
            self.inner.append(_NESTING[ch])  # «قال: «لن نتراجع» ثم مضى»: a quotation inside the quotation
        elif restarts:
            if crossed:
                self.out.append(Quote(open_pos, _line_end(text, open_pos, self.end), False))
            self.open_pos, self.inner = pos, []
        elif self.inner and ch == self.inner[-1]:
            self.inner.pop()
        else:
            self.out.append(Quote(open_pos, pos, True))
            self.open_pos = -1

    def finish(self) -> list[Quote]:
        if self.open_pos >= 0 and self.open_double:
            self.out.append(Quote(self.open_pos, _line_end(self.text, self.open_pos, self.end), False))
        return self.out
