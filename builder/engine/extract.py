"""The extraction engine: from one document to its candidate attributions.

The pipeline, in the order it runs:

1. **context** — the text stripped for matching, its quotations and sentences
   (:class:`builder.engine.context.Context`);
2. **anchors** — the cues the layout's one scan found (:func:`builder.engine.anchors.anchors`);
3. **rules** — the table of :mod:`builder.engine.rules`: the anchor rules on each anchor in text
   order, then the line rules, then the framing rules;
4. **nesting** — candidates inside others' content (:mod:`builder.engine.nesting`);
5. **speakers** — mentions grouped, every candidate given its speaker's name
   (:func:`builder.engine.speakers.name_speakers`);
6. **records** — every span mapped back to the stored text, in the output contract.
"""

from __future__ import annotations

import hashlib

from builder.contract import Attribution, Span
from builder.documents import Document
from builder.engine.anchors import anchors
from builder.engine.context import Candidate, Context
from builder.engine.nesting import settle_nesting
from builder.engine.rules import RULE_IDS, RULES, When
from builder.engine.speakers import name_speakers
from builder.lexicon.lexicon import Lexicon, load

_CONFIDENCES = {rule_id: v.confidence for rule_id, v in RULE_IDS.items()}
_BY_CUE = {kind: [r for r in RULES if r.when == When.ANCHOR and kind in r.cues]
           for kind in {k for r in RULES for k in r.cues}}
_FRAMING = [r for r in RULES if r.when == When.FRAMING]
_FRAMED_KINDS = frozenset(kind for r in _FRAMING for kind in r.cues)
_LINES = [r for r in RULES if r.when == When.LINES]


def extract(doc: Document, lex: Lexicon | None = None) -> list[Attribution]:
    """Candidate attributions of ``doc`` in the output contract, in text order."""
    ctx = Context(doc, lex or load(), _CONFIDENCES)
    framed = []
    for anchor in anchors(ctx.layout, ctx.lex, ctx.inside_speaker):
        for rule in _BY_CUE.get(anchor.cue.kind, ()):
            rule.apply(ctx, anchor)
        if anchor.cue.kind in _FRAMED_KINDS:
            framed.append(anchor)
    for rule in _LINES:
        rule.apply(ctx)
    for rule in _FRAMING:
        for anchor in framed:
            if anchor.cue.kind in rule.cues:
                rule.apply(ctx, anchor)
    candidates = sorted(settle_nesting(ctx.candidates, ctx.is_frame), key=lambda c: (c.content[0][0], c.position))
    name_speakers(ctx.speakers, candidates)
    return [_record(ctx, c) for c in candidates]


def _record(ctx: Context, c: Candidate) -> Attribution:
    def span(s: int, e: int) -> Span:
        start, end = ctx.norm.span(s, e)
        return {"start": start, "end": end, "text": ctx.doc.text[start:end]}

    content = [span(s, e) for s, e in c.content]
    key = f"{ctx.doc.doc_id}|{c.rule}|{[(x['start'], x['end']) for x in content]}"
    return {
        "id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        "type": c.type,
        "content": content,
        "speaker": span(*c.mention.span) if c.mention is not None else None,
        "speaker_name": ctx.display(c.name) if c.name is not None else None,
        "cue": span(*c.cue) if c.cue else None,
        "rule": c.rule,
        "confidence": round(max(0.0, min(1.0, c.confidence)), 3),
    }
