"""Cue anchors: the cues the rules work around, from the one scan of the layout
(:attr:`builder.engine.layout.Layout.cues`: article text outside quotations — words quoted are not
cues — and outside page furniture; a match whose required preposition is missing, such as
``عبر فضائية`` ("via"), is no cue there).  The verb that completes a source phrase (``بحسب ما أورد``)
belongs to the phrase, so it is no anchor of its own.  Nor is a cue word inside the
speaker mention of an earlier cue (a title such as ``المستشار``, a name): the anchors are
read lazily, so that the mentions found so far count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from builder.engine.layout import Layout, trim
from builder.lexicon.cue_forms import Cue
from builder.lexicon.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Anchor:
    """A cue in the stripped text: ``start``/``end`` of the cue itself, ``token_start`` of
    its token (with a و/ف proclitic)."""

    cue: Cue
    token_start: int
    start: int
    end: int


def anchors(lay: Layout, lex: Lexicon, in_speaker: Callable[[int], bool]) -> Iterator[Anchor]:
    """The cue anchors of a document, in text order; ``in_speaker(pos)`` tells whether a
    position lies in a speaker mention found so far."""
    skip_until = 0
    for found in lay.cues:
        start, end = found.cue_start, found.end
        if start < skip_until or in_speaker(start):
            continue
        if found.cue.takes_verb:  # بحسب ما أورد: the verb belongs to the phrase
            verb = lay.cue_starting(trim(lay.text, end, len(lay.text))[0])
            skip_until = verb.end if verb else end
        yield Anchor(found.cue, found.start, start, end)
