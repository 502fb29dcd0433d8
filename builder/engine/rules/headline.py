"""``SPEAKER: content`` lines with no cue (headlines, decks, interview lines): id
``headline.colon``.  A line that a cue rule already read, a page label (``المصدر:``) or a
dateline (``الرباط:``: a bare name must be someone the article quotes) is none."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from builder.engine.content import block_speech, content_at
from builder.engine.layout import Sentence, Token, colon_lines, tokenize, trim
from builder.engine.mentions import INSTITUTION, TITLE, name_run, parse_phrase
from builder.text.arabic import ARABIC_LETTER

if TYPE_CHECKING:
    from builder.engine.context import Context

_ARABIC_WORD = re.compile(f"[{ARABIC_LETTER}]")
_HEAD_WORDS = (1, 6)
_SPOKEN_TO_WORDS = 3  # لـ(صدى الشعب)، لإذاعة البلد
_KICKER_ENDS = frozenset("…|–—")


def headlines(ctx: Context) -> None:
    text = ctx.text
    seen: set[str] = set()  # a headline printed twice (title and h1) is one attribution
    for start, colon in colon_lines(text, len(text)):
        if ctx.layout.in_furniture(start):
            continue
        end = text.find("\n", colon + 1)
        end = len(text) if end < 0 else end
        line = " ".join(text[start:end].split())
        if line not in seen and _headline(ctx, start, colon, end):
            seen.add(line)


def _head(tokens: list[Token]) -> list[Token]:
    """The speaker part of a line head: after a kicker set off by … (or ``...``) or | (``الله يحد لباس…
    عبد اللطيف وهبي``), before an outlet or person spoken to (``للجزيرة``، ``لـ(صدى الشعب)``)."""
    cut = max((k + 1 for k, t in enumerate(tokens) if t.text in _KICKER_ENDS or _dots(tokens, k)), default=0)
    tokens = tokens[cut:]
    for k, t in enumerate(tokens):
        if k and t.is_word and t.text[:1] == "ل" and (t.text == "ل" or k == len(tokens) - 1
                                                      or not tokens[k + 1].is_word):
            return tokens[:k]
    return tokens


def _block_headline(ctx: Context, sent: Sentence, pos: int) -> Sentence:
    """The headline of a text with no line breaks, cut where the article would have started on
    a new line: after a quotation that opens it (``SPEAKER: "..."``), else where unquoted speech
    ends (:func:`builder.engine.content.block_speech`)."""
    start = trim(ctx.text, pos, sent.span[1])[0]
    q = ctx.layout.quote_opening_at(start)
    if q is not None and q.closed:
        return Sentence(sent.layout, sent.lex, (sent.span[0], q.close + 1))
    return block_speech(ctx.sentence(start), start)


def _dots(tokens: list[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is the second (or a later) full stop of a run: ``..`` or ``...``
    written for the ellipsis ``…``."""
    return tokens[k].text == "." and k > 0 and tokens[k - 1].text == "." and tokens[k - 1].end == tokens[k].start


def _headline(ctx: Context, start: int, colon: int, end: int) -> bool:  # noqa: C901 (to be split)
    text, lex = ctx.text, ctx.lex
    if ctx.layout.quote_around(colon):
        return False
    if ctx.layout.cues_within(start, colon):
        return False  # وقال الوكيل: ... — the cue rules own this line
    if not _ARABIC_WORD.search(text, start, colon) or text.startswith("//", colon + 1):
        return False
    head = _head(tokenize(text, start, colon))
    words = [t.text for t in head if t.is_word]
    if not _HEAD_WORDS[0] <= len(words) <= _HEAD_WORDS[1] + _SPOKEN_TO_WORDS:
        return False
    if lex.is_label(words):
        return False
    sent = Sentence(ctx.layout, lex, (start, end))
    if ctx.layout.one_block:
        sent = _block_headline(ctx, sent, colon + 1)
    if ctx.has_candidate(start, sent.span[1]):
        return False
    phrase = parse_phrase(ctx.layout, head, 0, lex)
    rest = head[phrase.next_index:]
    if not phrase.parts or (rest and not (rest[0].is_word and rest[0].text[:1] == "ل")):  # لإذاعة البلد: spoken to
        return False
    if len(phrase.parts) > _HEAD_WORDS[1] or sum(t.is_word for t in rest) > _SPOKEN_TO_WORDS:
        return False
    if not any(p.kind == TITLE or p.kind == INSTITUTION for p in phrase.parts):
        # a bare name must be someone the article quotes: الرباط: ... is a dateline
        name = name_run(phrase.parts, lex)
        if name is None or not ctx.speakers.names_someone(name):
            return False
    content = content_at(sent, colon + 1)
    if content is None:
        return False
    mention = ctx.mention(phrase, "", weak=False, headline=True)  # headlines drop the article
    return ctx.propose("headline.colon", content, None, mention, "", start)
