"""``SPEAKER: content`` lines with no cue (headlines, decks, interview lines): id
``headline.colon``.  A line that a cue rule already read, a page label (``المصدر:``) or a
dateline (``الرباط:``: a bare name must be someone the article quotes) is none."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from builder.arabic import ARABIC_LETTER
from builder.content import Sentence, content_at
from builder.layout import colon_lines, tokenize
from builder.mentions import INSTITUTION, TITLE, name_run, parse_phrase

if TYPE_CHECKING:
    from builder.context import Context

_ARABIC_WORD = re.compile(f"[{ARABIC_LETTER}]")
_HEAD_WORDS = (1, 6)


def headlines(ctx: Context) -> None:
    text = ctx.text
    for start, colon in colon_lines(text, len(text)):
        if ctx.layout.in_furniture(start):
            continue
        end = text.find("\n", colon + 1)
        _headline(ctx, start, colon, len(text) if end < 0 else end)


def _headline(ctx: Context, start: int, colon: int, end: int) -> None:
    text, lex = ctx.text, ctx.lex
    if ctx.layout.quote_around(colon):
        return
    if lex.cue_re.search(text, start, colon):
        return  # وقال الوكيل: ... — the cue rules own this line
    if not _ARABIC_WORD.search(text, start, colon) or text.startswith("//", colon + 1):
        return
    head = tokenize(text, start, colon)
    words = [t.text for t in head if t.is_word]
    if not _HEAD_WORDS[0] <= len(words) <= _HEAD_WORDS[1]:
        return
    if lex.is_label(words):
        return
    if ctx.has_candidate(start, end):
        return
    phrase = parse_phrase(ctx.layout, head, 0, lex)
    if not phrase.parts or phrase.next_index != len(head):
        return
    if not any(p.kind == TITLE or p.kind == INSTITUTION for p in phrase.parts):
        # a bare name must be someone the article quotes: الرباط: ... is a dateline
        name = name_run(phrase.parts, lex)
        if name is None or not ctx.speakers.names_someone(name):
            return
    content = content_at(Sentence(ctx.layout, lex, (start, end)), colon + 1)
    if content is None:
        return
    mention = ctx.mention(phrase, "", weak=False, headline=True)  # headlines drop the article
    ctx.propose("headline.colon", content, None, mention, "", start)
