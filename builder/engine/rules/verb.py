"""Verb cues (``قال``، ``أكد``، ``نقلت ... عن``): the speaker after the verb (or before it, or
relayed, or dropped), then the content after it — a quotation, an إن/أن clause or colon
speech — or a quotation right before it (``"..."، قال الوزير``), or both (an interrupted
quotation, one attribution).

Ids: ``verb.*`` with an explicit speaker, ``dropped.*`` without one (named later from the
text before it), ``object.quote`` when the quotation follows the verb's object, then
``postposed.quote`` and ``interrupted.quote``; ``*.quote``, ``*.that``, ``*.colon`` by what
introduces the content (see :func:`rule_id`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from builder.contract import DIRECT
from builder.engine.anchors import Anchor
from builder.engine.content import Content, Intro, content_after, find_intro, is_speech_quote, quote_spans
from builder.engine.layout import Sentence, trim
from builder.engine.mentions import INSTITUTION, NAME, TITLE, Phrase, parse_phrase, possessed
from builder.text.arabic import fold
from builder.text.morphology import PRONOUN_SUFFIXES
from builder.text.quotes import Quote

if TYPE_CHECKING:
    from builder.engine.context import Context

_PHRASE_WINDOWS = (7, 16, 48)  # tokens from the cue
_LAST_WORD = re.compile(r"(\w+)\s*$")
_NEGATION_REACH = 8  # characters: a space and لم، ولن، فلم


def rule_id(subject: str, intro: Intro, content: Content) -> str:
    """``SUBJECT.quote`` when the content is a quotation (whatever introduced it),
    ``SUBJECT.that`` or ``SUBJECT.colon`` for a reported clause; ``object.quote`` when a
    verb's quotation follows its object."""
    if content.type == DIRECT or (intro.kind == "quote"):
        if intro.after_object and subject != "participle":
            return "object.quote"
        return f"{subject}.quote"
    return f"{subject}.{intro.kind}"


def verb(ctx: Context, anchor: Anchor) -> None:  # noqa: C901 (to be split)
    cue, start, end = anchor.cue, anchor.start, anchor.end
    sent = ctx.sentence(start)
    phrase = phrase_after(ctx, sent, anchor.token_start, cue.preposition)
    if not phrase.parts and cue.present and fold(ctx.text[start:end]) in ctx.lex.impersonal:
        return  # يُذكر أن، يُعتقد أن: no subject, so the passive reading
    if phrase.parts and fold(ctx.text[phrase.parts[0].start:phrase.parts[0].end]) in ctx.lex.scripture:
        return  # قال تعالى: "..." is quoted scripture
    if phrase.parts and _possessed(ctx, phrase):
        phrase = Phrase((), phrase.next_index)  # وأكد شعور بلاده: the object; the subject is dropped
    after = phrase.parts[-1].end if phrase.parts else end
    if cue.relay and phrase.parts:
        phrase, after = _relayed(ctx, sent, phrase, after, cue.preposition)
    if not phrase.parts:
        phrase = subject_before(ctx, sent, anchor.token_start) or phrase
    intro = find_intro(sent, after, ctx.claimed)
    mention = ctx.mention(phrase, cue.gender, weak=True) if phrase.parts else None
    ctx.set_subject(sent, mention, cue.gender)
    if _negated(ctx, sent, anchor.token_start):
        return  # لم يؤكد أن ...: what was not said is no attribution (its subject still counts)
    subject = "verb" if mention else "dropped"
    before = _quote_before(ctx, anchor.token_start)
    if intro is None:
        if before is None:
            return
        spans = tuple(quote_spans(ctx.text, before.open + 1, before.close))
        ctx.propose("postposed.quote", Content(spans, DIRECT, (before,)), (start, end), mention, cue.gender, start)
        return
    content = content_after(sent, intro)
    if content is None or (intro.kind == "that" and intro.after_object and content.type != DIRECT):
        return
    rule = rule_id(subject, intro, content)
    if intro.kind == "quote" and before is not None:
        spans = (*quote_spans(ctx.text, before.open + 1, before.close), *content.spans)
        content = Content(spans, content.type, (before, *content.quotes))
        rule = "interrupted.quote"
    ctx.propose(rule, content, (start, end), mention, cue.gender, start)


def _possessed(ctx: Context, phrase: Phrase) -> bool:
    """A phrase of plain nouns one of which carries a possessive pronoun (``شعور بلاده``،
    ``موقفه``) is the verb's object: the pronoun refers back to the dropped subject."""
    if any(p.kind in (TITLE, INSTITUTION) for p in phrase.parts):
        return False
    return any(not p.definite and possessed(ctx.text[p.start:p.end]) for p in phrase.parts)


def _negated(ctx: Context, sent: Sentence, token_start: int) -> bool:
    """Whether the word right before the cue negates it (لم يؤكد)."""
    m = _LAST_WORD.search(ctx.text, max(sent.span[0], token_start - _NEGATION_REACH), token_start)
    return m is not None and fold(m.group(1)) in ctx.lex.negations


def phrase_after(ctx: Context, sent: Sentence, token_start: int, preposition: str = "") -> Phrase:
    """The speaker phrase after the cue token at ``token_start``: parsed in a short token
    window, widened while the phrase runs to its end (most phrases are short)."""
    for window in _PHRASE_WINDOWS:
        tokens = sent.tokens_from(token_start, window)
        phrase = parse_phrase(ctx.layout, tokens, 1, ctx.lex, preposition)
        if not phrase.cut or len(tokens) < window:  # fewer tokens: the sentence ended
            break
    return phrase


def _relayed(ctx: Context, sent: Sentence, phrase: Phrase, after: int, preposition: str) -> tuple[Phrase, int]:
    """``نقلت الوكالة عن مصدر ... قوله إن``: the speaker is the source after the
    preposition, and its verbal noun (قوله، تأكيده) leads to the content."""
    tokens = sent.tokens_from(after, 24)
    if not tokens or tokens[0].text != preposition:
        return phrase, after
    k = next((j for j, t in enumerate(tokens) if t.text in ctx.lex.complementizers or not t.is_word), len(tokens))
    noun = k > 2 and tokens[k - 1].raw.endswith(PRONOUN_SUFFIXES)
    if noun:
        k -= 1  # قوله، تأكيده: the verbal noun before إن is not part of the source
    source = parse_phrase(ctx.layout, tokens[:k], 1, ctx.lex)
    if not source.parts:
        return phrase, after
    return source, tokens[k].end if noun and source.next_index == k else source.parts[-1].end


def subject_before(ctx: Context, sent: Sentence, token_start: int) -> Phrase | None:
    """Subject–verb order inside a clause (``أن أكار أكد لوزير الدفاع ...``), after a topic
    (``أما قائد الفريق فقال ...``), or from the start of a sentence (``الصحفي ماجد المالكي
    قال:``، a headline ``الوزير يغرّد: ...``) when the subject is a title or a full name."""
    lex = ctx.lex
    tokens = sent.tokens_before(token_start, 8)
    j = len(tokens) - 1
    while j >= 0 and tokens[j].is_word and tokens[j].text not in lex.complementizers \
            and tokens[j].text not in lex.topics and not lex.is_cue_word(tokens[j].text):
        j -= 1
    if j == len(tokens) - 1:
        return None
    if j < 0:
        return _sentence_subject(ctx, sent, tokens, token_start)
    opener = tokens[j].text
    if opener not in lex.complementizers and not (opener in lex.topics and ctx.text[token_start] == "ف"):
        return None
    phrase = parse_phrase(ctx.layout, tokens, j + 1, lex)
    if not phrase.parts:
        return None
    k = phrase.next_index  # the subject may be followed by a prepositional phrase: أن مواطنين في الحي أكدوا
    if k < len(tokens) and tokens[k].text in lex.adverbials \
            and all(t.is_word and not lex.is_cue_word(t.text) for t in tokens[k:]):
        k = len(tokens)
    return phrase if k == len(tokens) else None


def _sentence_subject(ctx: Context, sent: Sentence, tokens: list, token_start: int) -> Phrase | None:
    """The words from the start of the sentence to a verb without و/ف as its subject, if
    they are one phrase with a title, an institution or a name of two words or more."""
    if not tokens or tokens[0].start != trim(ctx.text, *sent.span)[0] or ctx.text[token_start] in "وف":
        return None
    if tokens[0].text[:1] in "وف" and ctx.lex.strip_article(tokens[0].text) != tokens[0].text:
        return None  # والحكومة ...: a conjunct, not the start of a subject
    phrase = parse_phrase(ctx.layout, tokens, 0, ctx.lex)
    if phrase.next_index != len(tokens) or not phrase.parts:
        return None
    named = sum(p.kind == NAME for p in phrase.parts)
    return phrase if named >= 2 or any(p.kind in (TITLE, INSTITUTION) for p in phrase.parts) else None


def _quote_before(ctx: Context, token_start: int) -> Quote | None:
    """An unclaimed quotation of speech that closes right before the cue (``"..."، قال``)."""
    text = ctx.text
    pos = token_start - 1
    while pos >= 0 and (text[pos].isspace() or text[pos] in "،,"):
        pos -= 1
    if pos < 0 or pos == token_start - 1 or "\n" in text[pos:token_start]:
        return None  # nothing between, or a line break: a quotation of another paragraph
    q = ctx.layout.quote_closing_at(pos)
    if q is None or q.open in ctx.claimed or not is_speech_quote(text, q, ctx.lex):
        return None
    return q
