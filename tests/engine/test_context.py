"""The per-document context on its own: what one rule tells the next — candidates and the
quotations they claim, speaker mentions, each sentence's subject (``builder/engine/context.py``)."""

from __future__ import annotations

from builder.contract import DIRECT, INDIRECT
from builder.documents import make_document
from builder.engine.content import Content
from builder.engine.context import Context
from builder.engine.layout import tokenize
from builder.engine.mentions import Mention, parse_phrase
from builder.lexicon.lexicon import load

CONFIDENCES = {"verb.quote": 0.9, "postposed.quote": 0.8, "verb.that": 0.85}
# two sentences quoting one quotation each, then a line of the writer's
TEXT = 'قالَ الوزيرُ: "الوضع مستقر تماما". وأكد المتحدث "الجيش يسيطر على الحدود" أمس.\nسطر آخر هنا.'


def context(text: str = TEXT) -> Context:
    return Context(make_document(text, "test"), load(), CONFIDENCES)


def mention_at(ctx: Context, word: str) -> Mention:
    """The speaker mention of the phrase that starts at ``word`` (in the stripped text)."""
    tokens = tokenize(ctx.text, ctx.text.index(word), len(ctx.text), 8)
    return ctx.mention(parse_phrase(ctx.layout, tokens, 0, ctx.lex), "m", weak=True)


def cue(ctx: Context, word: str) -> tuple[int, int]:
    start = ctx.text.index(word)
    return start, start + len(word)


def quoted(ctx: Context, k: int) -> Content:
    """The ``k``-th quotation of the text as a direct content."""
    q = ctx.layout.quotes[k]
    return Content(((q.open + 1, q.close),), DIRECT, (q,))


def test_the_context_reads_the_stripped_text():
    ctx = context()
    assert ctx.text.startswith("قال الوزير:")  # diacritics stripped, offsets mapped back by ctx.norm
    assert [ctx.text[q.open + 1:q.close] for q in ctx.layout.quotes] == ["الوضع مستقر تماما",
                                                                         "الجيش يسيطر على الحدود"]


def test_a_candidate_takes_its_quotations_and_its_rules_confidence():
    ctx = context()
    assert ctx.propose("verb.quote", quoted(ctx, 0), cue(ctx, "قال"), None, "m", 0)
    [c] = ctx.candidates
    assert (c.rule, c.type, c.cue, c.position, c.confidence) == ("verb.quote", DIRECT, (0, 3), 0, 0.9)
    assert ctx.text[slice(*c.content[0])] == "الوضع مستقر تماما"
    assert ctx.claimed == {ctx.layout.quotes[0].open}


def test_a_quotation_already_claimed_is_refused():
    ctx = context()
    assert ctx.propose("verb.quote", quoted(ctx, 0), cue(ctx, "قال"), None, "m", 0)
    assert not ctx.propose("postposed.quote", quoted(ctx, 0), cue(ctx, "أكد"), None, "m", 38)
    assert [c.rule for c in ctx.candidates] == ["verb.quote"]
    assert ctx.propose("postposed.quote", quoted(ctx, 1), cue(ctx, "أكد"), None, "m", 38)  # another quotation
    assert [c.rule for c in ctx.candidates] == ["verb.quote", "postposed.quote"]


def test_a_content_that_uses_one_claimed_quotation_among_others_is_refused():
    ctx = context()
    first, second = ctx.layout.quotes
    assert ctx.propose("verb.quote", quoted(ctx, 1), cue(ctx, "أكد"), None, "m", 38)
    both = Content(((first.open + 1, second.close),), DIRECT, (first, second))
    assert not ctx.propose("verb.quote", both, cue(ctx, "قال"), None, "m", 0)
    assert ctx.claimed == {second.open}  # nothing of the refused one was claimed


def test_contents_without_quotations_are_never_refused():
    ctx = context()
    clause = Content(((12, 30),), INDIRECT, ())
    assert ctx.propose("verb.that", clause, cue(ctx, "قال"), None, "m", 0)
    assert ctx.propose("verb.that", clause, cue(ctx, "أكد"), None, "m", 38)
    assert len(ctx.candidates) == 2 and ctx.claimed == set()


def test_a_mention_that_reported_something_is_no_longer_weak():
    ctx = context()
    minister, speaker = mention_at(ctx, "الوزير"), mention_at(ctx, "المتحدث")
    assert minister.weak and speaker.weak
    assert ctx.propose("verb.quote", quoted(ctx, 0), cue(ctx, "قال"), minister, "m", 0)
    assert not ctx.propose("verb.quote", quoted(ctx, 0), cue(ctx, "أكد"), speaker, "m", 38)
    assert not minister.weak and speaker.weak  # refused: the speaker still reported nothing


def test_has_candidate_looks_at_positions_in_a_half_open_range():
    ctx = context()
    for position in (40, 10):
        ctx.propose("verb.that", Content(((position, position + 5),), INDIRECT, ()), None, None, "m", position)
    assert ctx.has_candidate(10, 11) and ctx.has_candidate(0, 100) and ctx.has_candidate(40, 41)
    assert not ctx.has_candidate(11, 40) and not ctx.has_candidate(0, 10) and not ctx.has_candidate(41, 100)


def test_each_sentence_has_its_own_subject():
    ctx = context()
    first, second = ctx.sentence(0), ctx.sentence(ctx.text.index("وأكد"))
    assert first.span != second.span
    assert ctx.subject(first) is None  # no verb yet
    minister = mention_at(ctx, "الوزير")
    ctx.set_subject(first, minister, "m")
    ctx.set_subject(second, None, "f")  # a dropped subject
    assert ctx.subject(first) == (minister, "m")
    assert ctx.subject(ctx.sentence(5)) == (minister, "m")  # the sentence of any position in it
    assert ctx.subject(second) == (None, "f")
    ctx.set_subject(first, None, "m")  # the latest verb's subject
    assert ctx.subject(first) == (None, "m")


def test_a_position_inside_the_latest_mentions_is_inside_a_speaker():
    ctx = context()
    minister = mention_at(ctx, "الوزير")
    assert ctx.text[slice(*minister.span)] == "الوزير"
    assert ctx.inside_speaker(minister.span[0]) and not ctx.inside_speaker(minister.span[1])
    for _ in range(4):  # four later mentions: the first is no longer among the latest
        mention_at(ctx, "المتحدث")
    assert not ctx.inside_speaker(minister.span[0])


def test_a_span_displays_as_the_stored_text_writes_it():
    ctx = context()
    assert ctx.display(mention_at(ctx, "الوزير").span) == "الوزيرُ"  # with its diacritics
    first = ctx.layout.quotes[0]
    assert ctx.display((first.open, first.close + 1)) == "الوضع مستقر تماما"  # marks trimmed
