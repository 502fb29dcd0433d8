"""Source phrases (``بحسب``، ``وفقا لـ``، ``نقلا عن``، ``بحسب ما أورد``): a plain statement
framed by a source, before the phrase (``..., بحسب وكالة رويترز``) or after it (``وفقا
للمصدر، ...``); id ``source.phrase``.  It runs after the other rules: a sentence that has an
attribution of its own is what the phrase frames, and only that one is listed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from builder.anchors import Anchor
from builder.arabic import fold
from builder.content import Content, clause_end, content_type, quote_spans, word_count
from builder.layout import Token, tokenize, trim
from builder.mentions import parse_phrase

if TYPE_CHECKING:
    from builder.context import Context

_MIN_WORDS = 3
_PHRASE_TOKENS = 24


def source(ctx: Context, anchor: Anchor) -> None:
    cue, start, end = anchor.cue, anchor.start, anchor.end
    text, lex = ctx.text, ctx.lex
    sent = ctx.sentence(start)
    if ctx.has_candidate(*sent.span):
        return
    tokens = tokenize(text, end, sent.span[1], _PHRASE_TOKENS)
    if tokens and tokens[0].start < end:  # a glued preposition: وفقا للمصدر
        raw = text[end:tokens[0].end]
        tokens[0] = Token(end, tokens[0].end, fold(raw), raw, tokens[0].is_word)
    k = 0
    if cue.takes_verb and tokens and (lex.is_cue_word(tokens[0].text) or tokens[0].text in lex.completing_verbs):
        k = 2 if len(tokens) > 1 and tokens[1].text in lex.resumptives else 1
    phrase = parse_phrase(ctx.layout, tokens, k, lex)
    if not phrase.parts:
        return
    before = text[sent.span[0]:anchor.token_start].rstrip()
    if before.endswith(("،", ",")) and phrase.parts[-1].end >= trim(text, *sent.span)[1]:
        s, e = trim(text, sent.span[0], len(before) + sent.span[0] - 1)
    elif not before and phrase.next_index < len(tokens) and tokens[phrase.next_index].text in "،,":
        first = tokens[phrase.next_index].end
        s, e = trim(text, first, clause_end(sent, first))
    else:
        return
    if word_count(text, s, e, _MIN_WORDS) < _MIN_WORDS:
        return
    kind, quotes = content_type(sent, s, e)
    mention = ctx.mention(phrase, "", weak=False, antecedent=False)
    ctx.propose("source.phrase", Content(tuple(quote_spans(text, s, e)), kind, quotes), (start, end), mention, "",
                start)
