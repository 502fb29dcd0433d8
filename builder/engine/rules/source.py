"""Source phrases (``بحسب``، ``وفقا لـ``، ``نقلا عن``، ``بحسب ما أورد``): a plain statement
framed by a source, before the phrase (``..., بحسب وكالة رويترز``) or after it (``وفقا
للمصدر، ...``); id ``source.phrase``.  It runs after the other rules: a sentence that has an
attribution of its own in the statement the phrase frames is what it frames, and only that
one is listed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from builder.engine.anchors import Anchor
from builder.engine.content import Content, clause_end, content_after, content_type, find_intro, quote_spans, word_count
from builder.engine.layout import Sentence, Token, tokenize, trim
from builder.engine.mentions import NAME, QUOTED, Phrase, parse_phrase
from builder.lexicon.lexicon import Lexicon
from builder.text.arabic import fold
from builder.text.morphology import PRONOUN_SUFFIXES

if TYPE_CHECKING:
    from builder.engine.context import Context, Offsets

_MIN_WORDS = 3
_PHRASE_TOKENS = 24
_TRAILING_WORDS = 3  # حسبما أعلنه، وفق ما نقلته
_CONTENT_AFTER = frozenset({"،", ",", "فقد", "فان"})  # what may open the content after the source
_ABOUT_SOURCE_WORDS = 6  # a clause about the source before its statement opens


def _after_verb(tokens: list[Token], lex: Lexicon) -> int:
    """Where the source starts after ``بحسب ما`` / ``وفق ما``: past the verb that completes
    the phrase (``أورد``، ``نقلته``، ``جاء في``) and the pronoun that refers back (``به``)."""
    if not tokens:
        return 0
    w = tokens[0].text
    verb = lex.is_cue_word(w) or w in lex.completing_verbs or any(
        w.endswith(suffix) and lex.is_cue_word(w[:-len(suffix)]) for suffix in PRONOUN_SUFFIXES)
    if not verb:
        return 0
    after = tokens[1].text if len(tokens) > 1 else ""
    if after in lex.resumptives or (w in lex.completing_verbs and after == "في"):
        return 2
    return 1


def _relays(verb: str, lex: Lexicon) -> bool:
    """Whether the verb of a source phrase relays another's words (``نقلته``، ``نقل``)."""
    forms = [verb, *(verb[:-len(s)] for s in PRONOUN_SUFFIXES if s and verb.endswith(s))]
    return any(cue.relay for cue in (lex.cues.get(form) for form in forms) if cue is not None)


def _relayed(ctx: Context, tokens: list[Token], outlet: Phrase) -> Phrase:
    """The source an outlet relays (``وفقا لما نقلته الوكالة، عن مصدر أمني، فإن``): the phrase
    after عن is who speaks; with none, the outlet does."""
    k = outlet.next_index
    if k < len(tokens) and tokens[k].text in "،,":
        k += 1
    if k + 1 >= len(tokens) or tokens[k].text != "عن":
        return outlet
    source = parse_phrase(ctx.layout, tokens, k + 1, ctx.lex)
    return source if source.parts else outlet


def _ends_sentence(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """Whether the source phrase ends its sentence, give or take a time word or two
    (``، حسبما أعلنه وزير إماراتي يوم الأحد``)."""
    rest = [t for t in tokens[k:] if t.is_word]
    if len(tokens) >= _PHRASE_TOKENS:
        return False  # the sentence runs on past what was read
    return not rest or (len(rest) <= _TRAILING_WORDS and rest[0].text in lex.adverbials)


def source(ctx: Context, anchor: Anchor) -> None:
    cue, start, end = anchor.cue, anchor.start, anchor.end
    text, lex = ctx.text, ctx.lex
    sent = ctx.sentence(start)
    tokens = tokenize(text, end, sent.span[1], _PHRASE_TOKENS)
    if tokens and tokens[0].start == end and cue.lemma.endswith(" ل") and tokens[0].raw.startswith("ل"):
        # glued to its preposition: وفقا للمصدر is وفقا لـ المصدر, read on as المصدر
        tokens[0] = tokens[0]._replace(text=fold("ا" + tokens[0].raw))
    k = _after_verb(tokens, lex) if cue.takes_verb else 0
    relay = k > 0 and _relays(tokens[0].text, lex)
    phrase = parse_phrase(ctx.layout, tokens, k, lex, "عن" if relay else "")
    if relay and phrase.parts:
        phrase = _relayed(ctx, tokens, phrase)
    if not phrase.parts:
        return
    quoted = _quoted_outlet(phrase, tokens, lex)
    if quoted is not None:
        phrase = quoted  # ووفقا لـ"واع" شهدت الأسعار ...: the quoted outlet, then its statement
    found = _around(ctx, sent, anchor, tokens, phrase, quoted is not None)
    speaks = found is None
    if found is None:
        found = _clause_after(sent, tokens, phrase, ctx.claimed)
    if found is None:
        return
    s, e = found
    if ctx.has_candidate(min(s, start), max(e, end)):
        return  # وبحسب الأناضول، أوضح أن ...: what it frames is a report, listed alone
    if not speaks and word_count(text, s, e, _MIN_WORDS) < _MIN_WORDS:
        return  # a statement framed by the phrase has a few words at least (a label has not)
    kind, quotes = content_type(sent, s, e)
    mention = ctx.mention(phrase, "", weak=False, antecedent=speaks)
    ctx.propose("source.phrase", Content(tuple(quote_spans(text, s, e)), kind, quotes), (start, end), mention, "",
                start)


def _around(ctx: Context, sent: Sentence, anchor: Anchor, tokens: list[Token], phrase: Phrase,
            quoted: bool = False) -> Offsets | None:
    """The statement a source phrase frames: the sentence before it (``...، بحسب وكالة
    رويترز``), or after it when the phrase opens the sentence (``وفقا للمصدر، ...``; right
    after an outlet in quotation marks, ``quoted``)."""
    text, lex = ctx.text, ctx.lex
    before = text[sent.span[0]:anchor.token_start].rstrip()
    if before.endswith(("،", ",")) and _ends_sentence(tokens, phrase.next_index, lex):
        return trim(text, sent.span[0], len(before) + sent.span[0] - 1)
    k = _opener(tokens, phrase.next_index, lex)
    if k is None and quoted and not before:
        first = tokens[phrase.next_index].start
        return trim(text, first, clause_end(sent, first))
    if not before and k is not None:  # وفقا للمصدر، ...؛ ووفق ما نقلته الوكالة فقد ...؛ وفقا للمصدر، فإن ...
        if tokens[k].text in "،," and k + 1 < len(tokens) and tokens[k + 1].text in lex.complementizers:
            k += 1
        opener = tokens[k]
        first = opener.end if opener.text in "،," or opener.text in lex.complementizers else opener.start
        return trim(text, first, clause_end(sent, first))
    return None


def _quoted_outlet(phrase: Phrase, tokens: list[Token], lex: Lexicon) -> Phrase | None:
    """The phrase cut after an outlet in quotation marks when words it cannot hold follow
    (``وفقا لـ"واع" شهدت أسعار الصرف``: a verb no list knows, its statement), else None."""
    parts = phrase.parts
    k = next((k for k, p in enumerate(parts) if p.kind == QUOTED), None)
    if k is None or k + 1 >= len(parts) or parts[k + 1].kind != NAME or parts[k + 1].definite:
        return None
    after = next(j for j, t in enumerate(tokens) if t.start >= parts[k].end)
    return Phrase(parts[:k + 1], after)


def _opener(tokens: list[Token], k: int, lex: Lexicon) -> int | None:
    """Where the statement after a source phrase opens — a comma right after the phrase, فقد,
    فإن, or a comma before فإن — past a few words about the source or the time (``عن مصدر
    وصفه بالخاص فقد``، ``بحسب مصدر طلب عدم ذكر اسمه، فإن``، ``بحسب بيان اليوم، الأربعاء، فإن``)."""
    for j in range(k, min(len(tokens), k + _ABOUT_SOURCE_WORDS + 1)):
        word = tokens[j].text
        if word in _CONTENT_AFTER and word not in "،,":
            return j
        if word in "،,":
            if j == k or (j + 1 < len(tokens) and tokens[j + 1].text in lex.complementizers):
                return j
        elif not tokens[j].is_word:
            return None
    return None


def _clause_after(sent: Sentence, tokens: list[Token], phrase: Phrase, claimed: set[int]) -> Offsets | None:
    """A content clause the source itself opens after its phrase (``وجاء ذلك على لسان
    المحافظ عادل شركس في مقابلة، إن ...``): then the source is the speaker."""
    if phrase.next_index >= len(tokens):
        return None
    intro = find_intro(sent, tokens[phrase.next_index].start, claimed)
    if intro is None or intro.kind != "that":
        return None
    content = content_after(sent, intro)
    return (content.spans[0][0], content.spans[-1][1]) if content is not None else None
