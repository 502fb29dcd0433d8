"""Offsets across the browser boundary.

Python indexes a string by code points; Label Studio, in the browser, by UTF-16 code units,
so every character outside the Basic Multilingual Plane (an emoji) shifts the offsets that
follow it by one (Label Studio issues #1347, #4929, #4988).  We send predictions in UTF-16
units, read annotations back into Python indices, and check every region's text against the
document; where they disagree, :func:`realign` finds the exact text nearest the offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Converts between Python and UTF-16 offsets of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]

    def to_utf16(self, i: int) -> int:
        return i + bisect_left(self.astral, i)

    def from_utf16(self, u: int) -> int:
        if not self.astral:  # one unit a character: the same offsets, within the text
            return min(max(u, 0), len(self.text))
        # Python index i has UTF-16 offset i + (#astral before i); invert by search.
        lo, hi = 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.to_utf16(mid) < u:
                lo = mid + 1
            else:
                hi = mid
        return lo


def realign(text: str, start: int, end: int, expected: str, window: int = 200) -> tuple[int, int] | None:
    """Offsets of ``expected`` in ``text``: ``(start, end)`` if they already fit, else the
    occurrence nearest ``start`` within ``window`` characters, else None."""
    if text[start:end] == expected:
        return start, end
    if not expected:
        return None
    best: tuple[int, int] | None = None
    lo = max(0, start - window - len(expected))
    pos = text.find(expected, lo, min(len(text), end + window + len(expected)))
    while pos >= 0:
        if best is None or abs(pos - start) < abs(best[0] - start):
            best = (pos, pos + len(expected))
        pos = text.find(expected, pos + 1, min(len(text), end + window + len(expected)))
    return best
