"""Candidates inside other candidates' content.

A candidate whose cue opens another's content is a report inside a report:

* with a speaker of its own, both are kept — the outer one with the whole clause, the inner
  one with its own content (``وأشار إلى أن صندوق النقد الدولي يتوقع أن ...``) — unless the
  outer speaker is no one but the news itself (``أفادت المعلومات أن أكار أكد ... أن``, a
  frame: :attr:`builder.lexicon.lexicon.Lexicon.frames`), when only the inner one is kept;
* with no subject of its own (``مشيرا إلى أنه أبلغ فلانا أن``), it is the outer speaker
  telling it again, and only the outer one is kept.

A cue deeper inside a content is speech within speech, and it is dropped.  Which contents
hold a cue is found in one sweep over the spans sorted by start, so that the work grows with
the number of candidates, not with its square.
"""

from __future__ import annotations

from collections.abc import Callable
from heapq import heappop, heappush

from builder.engine.context import Candidate

#: A cue this close to the start of a content is what that content frames.
NESTED_FRAME_CHARS = 60


def _holders(candidates: list[Candidate]) -> dict[int, list[tuple[int, int]]]:
    """For each candidate with a cue, ``(index, span start)`` of the content spans that hold
    its cue, in candidate order."""
    spans = sorted((s, e, k) for k, c in enumerate(candidates) for s, e in c.content)
    cues = sorted((c.cue[0], k) for k, c in enumerate(candidates) if c.cue is not None)
    active: list[tuple[int, int, int]] = []  # (end, start, index) of the spans open at the cue
    holders: dict[int, list[tuple[int, int]]] = {}
    i = 0
    for pos, k in cues:
        while i < len(spans) and spans[i][0] <= pos:
            s, e, a = spans[i]
            heappush(active, (e, s, a))
            i += 1
        while active and active[0][0] <= pos:
            heappop(active)
        holders[k] = sorted((a, s) for _, s, a in active)
    return holders


def settle_nesting(candidates: list[Candidate], is_frame: Callable[[Candidate], bool]) -> list[Candidate]:
    """``candidates`` without the frames, the reports told again and the inner speech (see
    the module docstring); ``is_frame(c)`` tells whether ``c``'s speaker is the news itself."""
    dropped: set[int] = set()
    holders = _holders(candidates)
    for k, b in enumerate(candidates):
        if b.cue is None:
            continue
        for a, start in holders[k]:
            if a == k or a in dropped:
                continue
            if b.cue[0] - start > NESTED_FRAME_CHARS or b.mention is None:
                dropped.add(k)
            elif is_frame(candidates[a]):
                dropped.add(a)
    return [c for k, c in enumerate(candidates) if k not in dropped]
