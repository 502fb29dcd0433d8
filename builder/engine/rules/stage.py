"""Stage verbs (``أصدر``، ``استقبل``، ``أثنى``): they report nothing, but their subject is a
source the text goes on to quote — ``أصدرت الهيئة بيانا قالت فيه إن``، ``أثنى الوزير على
الفريق، مؤكدا أن`` — so it becomes a mention that a dropped subject can refer to, and the
subject of its sentence for the participles that follow (``عُقد اجتماع ...، خاطب خلاله
الرئيس التنفيذي ...، مؤكدا``), unless it stands in what a verb before it reports (``قال ميلر
إن بلينكن تحدث ...، مؤكدا``).  A past passive (``عُقد``) has no subject to give, and a form after a preposition is a
verbal noun (``كشف عن تلقي معلومات``).  Only a subject that is
plainly one counts — a title, an institution, a full name: after a verb whose subject is
dropped, a plain noun is its object (``نشرت معلومات غير دقيقة``).  It makes no candidate."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from builder.engine.anchors import Anchor
from builder.engine.layout import Sentence
from builder.engine.mentions import INSTITUTION, NAME, TITLE, Phrase
from builder.engine.subjects import subject_of
from builder.text.arabic import fold

_LAST_WORD = re.compile(r"(\w+)\s*$")
_WORD_REACH = 24  # characters back to the word before a verb

if TYPE_CHECKING:
    from builder.engine.context import Context


def stage(ctx: Context, anchor: Anchor) -> None:
    sent = ctx.sentence(anchor.start)
    if not anchor.cue.present and ctx.passive(anchor.start):
        return  # عُقد اجتماع: what was held, not who held it
    previous = _previous_word(ctx.text, sent, anchor.token_start)
    if previous in ctx.lex.adverbials:
        return  # كشف عن تلقي معلومات: after a preposition, a verbal noun
    phrase = subject_of(ctx, sent, anchor).phrase
    if not _plainly_a_subject(phrase):
        return
    mention = ctx.mention(phrase, anchor.cue.gender, weak=True)
    if ctx.subject(sent) is None or not (ctx.in_content(anchor.start) or _in_relative_clause(ctx, sent, anchor)):
        ctx.set_subject(sent, mention, anchor.cue.gender)


def _in_relative_clause(ctx: Context, sent: Sentence, anchor: Anchor) -> bool:
    """Whether the verb opens a relative clause (``والتي تستضيفها البرازيل``): its subject is
    not the sentence's."""
    return _previous_word(ctx.text, sent, anchor.token_start).removeprefix("و") in ctx.lex.relatives


def _previous_word(text: str, sent: Sentence, pos: int) -> str:
    """The word right before ``pos`` in its sentence, folded (empty if none)."""
    m = _LAST_WORD.search(text, max(sent.span[0], pos - _WORD_REACH), pos)
    return fold(m.group(1)) if m else ""


def _plainly_a_subject(phrase: Phrase) -> bool:
    return any(p.kind in (TITLE, INSTITUTION) for p in phrase.parts) or sum(p.kind == NAME for p in phrase.parts) >= 2
