"""Stage verbs (``أصدر``، ``استقبل``، ``أثنى``): they report nothing, but their subject is a
source the text goes on to quote — ``أصدرت الهيئة بيانا قالت فيه إن``، ``أثنى الوزير على
الفريق، مؤكدا أن`` — so it becomes a mention that a dropped subject can refer to, and the
subject of its sentence for the participles that follow, unless a verb before it already
gave the sentence one (``قال ميلر إن بلينكن تحدث ...، مؤكدا``).  Only a subject that is
plainly one counts — a title, an institution, a full name: after a verb whose subject is
dropped, a plain noun is its object (``نشرت معلومات غير دقيقة``).  It makes no candidate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from builder.engine.anchors import Anchor
from builder.engine.mentions import INSTITUTION, NAME, TITLE, Phrase
from builder.engine.subjects import subject_of

if TYPE_CHECKING:
    from builder.engine.context import Context


def stage(ctx: Context, anchor: Anchor) -> None:
    sent = ctx.sentence(anchor.start)
    phrase = subject_of(ctx, sent, anchor.token_start, anchor.end, anchor.cue).phrase
    if not _plainly_a_subject(phrase):
        return
    mention = ctx.mention(phrase, anchor.cue.gender, weak=True)
    if ctx.subject(sent) is None:
        ctx.set_subject(sent, mention, anchor.cue.gender)


def _plainly_a_subject(phrase: Phrase) -> bool:
    return any(p.kind in (TITLE, INSTITUTION) for p in phrase.parts) or sum(p.kind == NAME for p in phrase.parts) >= 2
