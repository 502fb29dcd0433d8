"""Candidates inside other candidates' content.

A candidate whose cue lies inside another's content is either what the outer one frames —
its cue opens that content (``أفادت المعلومات أن أكار أكد ... أن``): only the inner one is
kept — or, deeper inside, speech within speech, and it is dropped.
"""

from __future__ import annotations

from builder.context import Candidate

#: A cue this close to the start of a content is what that content frames.
NESTED_FRAME_CHARS = 60


def settle_nesting(candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` without the outer frames and the inner speech (see the module docstring)."""
    dropped: set[int] = set()
    for b in candidates:
        if b.cue is None:
            continue
        for a in candidates:
            if a is b or id(a) in dropped:
                continue
            for s, e in a.content:
                if s <= b.cue[0] < e:
                    dropped.add(id(a) if b.cue[0] - s <= NESTED_FRAME_CHARS else id(b))
    return [c for c in candidates if id(c) not in dropped]
