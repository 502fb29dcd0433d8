"""Leads printed twice.

Pages often print an article's lead twice — a teaser cut short (``... بسبب فيروس...``), then
the full paragraph — and the rules find the same report in both.  Of two candidates whose
cue is the same word and whose content words are one the start of the other's (at least
:data:`REPEAT_WORDS` of them; the teaser's last word may be cut), only the one with the
longer content is kept (the later one when both are whole): one attribution, as a reader
counts it.  Each content's leading words are looked up in one table, so the work grows with
the number of candidates.
"""

from __future__ import annotations

from itertools import islice, pairwise

from builder.engine.context import Candidate
from builder.engine.layout import WORD
from builder.text.arabic import fold

#: How many words two contents must share from their start to be one lead printed twice.
REPEAT_WORDS = 6


def drop_repeats(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` (in text order) without the shorter copy of each lead printed twice."""
    by_key: dict[tuple[str, ...], list[int]] = {}
    for k, c in enumerate(candidates):
        lead = _words(text, c, REPEAT_WORDS)
        if len(lead) == REPEAT_WORDS and c.cue is not None:
            by_key.setdefault((fold(text[c.cue[0]:c.cue[1]]), *lead), []).append(k)
    dropped: set[int] = set()
    for group in by_key.values():
        words = {k: _words(text, candidates[k]) for k in group} if len(group) > 1 else {}
        for i, j in pairwise(group):
            shorter, longer = (i, j) if len(words[i]) <= len(words[j]) else (j, i)
            if _starts(words[longer], words[shorter]):
                dropped.add(shorter)
    return [c for k, c in enumerate(candidates) if k not in dropped] if dropped else candidates


def _starts(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` is the start of ``longer``, its last word perhaps cut (``فيرو``)."""
    n = len(shorter)
    return longer[:n - 1] == shorter[:n - 1] and longer[n - 1].startswith(shorter[n - 1])


def _words(text: str, c: Candidate, most: int | None = None) -> tuple[str, ...]:
    """The folded words of ``c``'s content, the first ``most`` of them if given."""
    found = (fold(m.group()) for s, e in c.content for m in WORD.finditer(text, s, e))
    return tuple(islice(found, most))
