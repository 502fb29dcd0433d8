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

from typing import TYPE_CHECKING

from builder.contract import DIRECT, MIXED
from builder.engine.anchors import Anchor
from builder.engine.content import Content, Intro, content_after, find_intro, is_speech_quote, quote_spans
from builder.engine.layout import WORD, Sentence, Token, tokenize
from builder.engine.mentions import Phrase
from builder.engine.subjects import in_relative_clause, relative_antecedent, subject_of
from builder.lexicon.lexicon import Lexicon
from builder.text.arabic import LAST_WORD, fold
from builder.text.quotes import QUOTE_MARKS, Quote

if TYPE_CHECKING:
    from builder.engine.context import Context

_NEGATION_REACH = 8  # characters: a space and لم، ولن، فلم
_CREDIT_WORDS = 4
_OBJECT_WORDS = 8  # a noun object a quotation continues (أهمية المهرجان، تعرض بلاده لهجوم وصفه بغير المسبوق)


def rule_id(subject: str, intro: Intro, content: Content) -> str:
    """``SUBJECT.quote`` when the content is a quotation (whatever introduced it),
    ``SUBJECT.that`` or ``SUBJECT.colon`` for a reported clause; ``object.quote`` when a
    verb's quotation follows its object."""
    if content.type == DIRECT or (intro.kind == "quote"):
        if intro.after_object and subject != "participle":
            return "object.quote"
        return f"{subject}.quote"
    return f"{subject}.{intro.kind}"


def verb(ctx: Context, anchor: Anchor) -> None:
    cue, start, end = anchor.cue, anchor.start, anchor.end
    sent = ctx.sentence(start)
    subject = subject_of(ctx, sent, anchor)
    if _reports_nothing(ctx, anchor, subject.phrase):
        return
    intro = find_intro(sent, subject.after, ctx.claimed)
    gender = subject.gender or cue.gender
    phrase = subject.phrase if subject.phrase.parts else relative_antecedent(ctx, sent, anchor)
    mention = ctx.mention(phrase, gender, weak=True) if phrase is not None else None
    if subject.clause_subject is not None:
        ctx.mention(subject.clause_subject, gender, weak=True)  # رفضت مصادر وزارية ...، وقالت: whom it means
    if ctx.subject(sent) is None or not ctx.in_content(anchor.start):
        ctx.set_subject(sent, mention, gender)  # a verb in what another reports gives no participle its subject
    if _negated(ctx, sent, anchor.token_start):
        return  # لم يؤكد أن ...: what was not said is no attribution (its subject still counts)
    found = _content(ctx, sent, anchor, intro, "verb" if mention else "dropped", subject.after, gender)
    if found is not None:
        ctx.propose(found[0], found[1], (start, end), mention, gender, start)
    elif mention is not None and in_relative_clause(ctx, sent, anchor):
        mention.antecedent = False  # التجار الذين طالب البعض منهم بـ...: no one a later وأضاف means


def _reports_nothing(ctx: Context, anchor: Anchor, phrase: Phrase) -> bool:
    """An impersonal passive with no subject (يُذكر أن، يُعتقد أن), quoted scripture (قال
    تعالى), or a credit line (``كتب : فلان``، ``كتب فلان:`` — a byline, whose name is no
    speaker and no antecedent)."""
    text, lex = ctx.text, ctx.lex
    if not phrase.parts and anchor.cue.present and fold(text[anchor.start:anchor.end]) in lex.impersonal:
        return True
    if phrase.parts and fold(text[phrase.parts[0].start:phrase.parts[0].end]) in lex.scripture:
        return True
    return anchor.cue.lemma in lex.credits and _credit_line(text, anchor.end)


def _credit_line(text: str, end: int) -> bool:
    """Whether the line goes on after a writing verb with a name alone, colons around it."""
    line_end = text.find("\n", end)
    rest = text[end:len(text) if line_end < 0 else line_end]
    words = WORD.findall(rest)
    return 1 <= len(words) <= _CREDIT_WORDS and not any(mark in rest for mark in QUOTE_MARKS + ".،,")


def _content(ctx: Context, sent: Sentence, anchor: Anchor, intro: Intro | None,
             subject: str, after: int, gender: str = "") -> tuple[str, Content] | None:
    """The rule id and content the verb reports: what its intro opens (a quotation with the
    noun object it continues, from ``after``), with a quotation right before the cue (an
    interrupted quotation), or that quotation alone (postposed)."""
    before = _quote_before(ctx, anchor.token_start)
    if intro is None:
        if before is None:
            return None
        spans = tuple(quote_spans(ctx.text, before.open + 1, before.close))
        return "postposed.quote", Content(spans, DIRECT, (before,))
    content = content_after(sent, intro, gender)
    if content is None or (intro.kind == "that" and intro.after_object and content.type != DIRECT
                           and not intro.token.text.startswith("ب") and not anchor.cue.tells
                           and not (subject == "verb" and _after_comma(ctx.text, intro.token.start))):
        # أكد ضرورة أن: the object's own clause — but وصف الوضع بأنه، برر قراره بأنه، أخبر الوكالة أن
        # report, and so does a subject with a clause about it set off by a comma (مسؤول شارك، إن)
        return None
    if intro.kind == "quote" and content.type == DIRECT:
        start = _object_start(ctx, after, intro.token.start, subject == "verb")
        if start is not None:  # أشار إلى أهمية المهرجان "الذي ...": the object in the writer's words, then his
            spans = (*quote_spans(ctx.text, start, intro.token.start), *content.spans)
            content = Content(spans, MIXED, content.quotes)
    rule = rule_id(subject, intro, content)
    if intro.kind == "quote" and before is not None:
        spans = (*quote_spans(ctx.text, before.open + 1, before.close), *content.spans)
        return "interrupted.quote", Content(spans, content.type, (before, *content.quotes))
    return rule, content


def _object_start(ctx: Context, after: int, quote: int, named: bool) -> int | None:
    """Where a noun object that a quotation continues starts, between the cue (and its
    speaker) at ``after`` and the quotation's mark at ``quote`` (``دعا إلى تصنيف الميليشيا
    "منظمة إرهابية"``): past the cue's prepositions, a few words that are no time word, no
    medium (``وأتم تصريحاته "..."``), not opening with an addressee, no cue; None without one.  With no
    subject ``named``, a noun right after the verb may be the subject (``وصرخت إحداهن "..."``):
    only one after a preposition is an object."""
    lex = ctx.lex
    tokens = tokenize(ctx.text, after, quote)
    k = 0
    while k < len(tokens) and tokens[k].is_word and tokens[k].text in lex.adverbials:
        k += 1
    if k == 0 and not named:
        return None
    words = tokens[k:]
    if not 1 <= len(words) <= _OBJECT_WORDS or words[0].text.startswith("ل") \
            or not all(_object_word(t, lex) and ctx.layout.cue_starting(t.start) is None for t in words):
        return None  # للصحفيين "...": whom it was said to, no object
    return words[0].start


def _object_word(tok: Token, lex: Lexicon) -> bool:
    return tok.is_word and len(tok.text) > 1 and tok.text not in lex.adverbials \
        and not lex.is_medium(lex.strip_article(tok.text))


def _after_comma(text: str, pos: int) -> bool:
    """Whether a comma stands right before ``pos`` (spaces aside)."""
    k = pos
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k > 0 and text[k - 1] in "،,"


def _negated(ctx: Context, sent: Sentence, token_start: int) -> bool:
    """Whether the word right before the cue negates it (لم يؤكد) or makes it a clause that is
    another verb's object (كذبت الوزارة ما جاء في تصريحات ...: what was said, reported by none)."""
    m = LAST_WORD.search(ctx.text, max(sent.span[0], token_start - _NEGATION_REACH), token_start)
    return m is not None and (fold(m.group(1)) in ctx.lex.negations or fold(m.group(1)) in ctx.lex.indefinites)


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
