"""Participle cues (``مؤكدا``، ``مشيرا إلى أن``، ``مضيفا``): a content after the participle,
spoken by the subject of the verb the participle hangs on (its sentence's latest verb cue
before it); ids ``participle.quote``, ``participle.that``, ``participle.colon``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from builder.engine.anchors import Anchor
from builder.engine.content import content_after, find_intro
from builder.engine.rules.verb import rule_id

if TYPE_CHECKING:
    from builder.engine.context import Context


def participle(ctx: Context, anchor: Anchor) -> None:
    cue, start, end = anchor.cue, anchor.start, anchor.end
    sent = ctx.sentence(start)
    intro = find_intro(sent, end, ctx.claimed)
    if intro is None:
        return
    content = content_after(sent, intro)
    if content is None:
        return
    mention, gender = ctx.subject(sent) or (None, cue.gender)
    if mention is not None and mention.span[0] > start:
        mention = None
    ctx.propose(rule_id("participle", intro, content), content, (start, end), mention, gender or cue.gender, start)
