"""Where the subject of a verb stands, found by the structure of its clause.

Arabic news writes a verb's subject after it (``قال الوزير إن``) or before it, and it
drops it when the text has named it already (``وأضاف أن``).  In the order this module
looks:

1. **a pronoun** on the word right before the verb — the complementizer or connector that
   opens its clause (``مشيرا إلى أنه أبلغ الرئيس أن``، ``، لكنها أشارت``): the subject is
   that pronoun, which refers back like a dropped subject, and the noun after the verb is its
   object (the one told);
2. **before the verb**, after what opens its clause — a complementizer, ``أما ... ف``,
   ``كان`` or a connector (``أن المدير رامز شكري أقر``، ``وكانت "الوكالة الوطنية" قد أفادت``،
   ``لكن محللي مورجان ستانلي قالوا``،
   ``أن سفير الاتحاد الأوروبي بتونس باتريس برغاميني كان قد صرح``): the whole noun phrase
   between, however long, with its quoted name, its bracketed acronym, its appositions;
   the auxiliaries ``قد``، ``لقد``، ``كان`` may stand between it and the verb;
3. **at the start of the sentence**, a phrase headed by a title or an institution
   (``مصدر أمني يكشف تفاصيل الهجوم``);
4. **after the verb**: the noun phrase that follows it, past a resumptive pronoun
   (``أعلن فيها كوك``، ``خاطب خلاله الرئيس``), up to where its complement starts
   (:func:`builder.engine.mentions.parse_phrase`) — not the people told (``أبلغ المسؤولين``),
   an object that opens with a verbal noun (``أكد ضرورة``), a possessed noun (``أكد موقفه``),
   nor the object of a verb that takes one before its preposition (``وصف الخبير الوضع بأنه``);
   a relaying verb's speaker is the source after its preposition (``نقلت الوكالة عن مصدر
   قوله``، ``ونقلت الجريدة عن «نافذة تواصل» أنه``), a document's the document (``وجاء في البيان``);
5. **the start of the sentence** again, any phrase with a name of two words;
6. else **dropped**: the resolver (:mod:`builder.engine.speakers`) finds its antecedent — as
   for a past passive (``ونُقل عنه قوله``), whose noun after it is no agent; the subject of
   the verb the sentence opened with is offered as that antecedent (``رفضت مصادر وزارية
   الاتهام، وقالت``، ``الحكومة رفضت العرض، وقالت``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from builder.engine.layout import Sentence, Token, tokenize, trim
from builder.engine.mentions import (
    COMPLEMENT,
    GENTILIC,
    INSTITUTION,
    MODIFIER,
    NAME,
    QUOTED,
    TITLE,
    Part,
    Phrase,
    oblique_plural,
    parse_phrase,
    possessed,
    word_class,
)
from builder.lexicon.cue_forms import Cue
from builder.lexicon.lexicon import Lexicon
from builder.text.arabic import LAST_WORD, fold
from builder.text.morphology import PRONOUN_SUFFIXES
from builder.text.quotes import QUOTE_MARKS

if TYPE_CHECKING:
    from builder.engine.anchors import Anchor
    from builder.engine.context import Context

_PHRASE_WINDOWS = (7, 16, 48)  # tokens from the cue
#: How far back (characters) a subject before its verb may start: a clause of fifty words.
_BEFORE_CHARS = 320
#: How near the sentence's start a verb must stand for the words before it to be its subject.
_SENTENCE_SUBJECT_CHARS = 160
_ACCUSATIVE_LETTERS = 4  # جدلا، بيانا (not رضا)
_RELAY_TOKENS = 24
_INSIDE_PHRASE = frozenset(QUOTE_MARKS + "،,()")
_NEXT_TOKEN = re.compile(r"[ \t]*(\w+|\S)")
_EMPTY = Phrase((), 0)
_WORD_REACH = 24  # characters back to the word before a verb
_WHAT = frozenset({"ما", "مما", "عما"})  # relative "what" before a verb
_ANTECEDENT_TOKENS = 5  # the longest noun phrase a relative pronoun refers back to
_HONORIFIC_PRONOUNS = (("ها", "f"), ("هم", "p"), ("ه", "m"))  # معاليها، سموهم، معاليه


@dataclass(frozen=True, slots=True)
class Subject:
    """A verb's subject: its ``phrase`` (no parts when it is dropped or a pronoun), where the
    verb's complement is read from (``after``), the ``gender`` of a pronoun subject (``أنه``:
    m, ``أنها``: f, ``أنهم``: p; empty for the verb's own agreement), and whether it stands
    ``before`` the verb; for a dropped subject, the ``clause_subject`` of the verb its sentence
    opened with (``رفضت مصادر وزارية ...، وقالت``، ``فجر الوزير مفاجأة عندما أكد``), whom it means."""

    phrase: Phrase
    after: int
    gender: str = ""
    before: bool = False
    clause_subject: Phrase | None = None


def subject_of(ctx: Context, sent: Sentence, anchor: Anchor) -> Subject:
    """The subject of the verb of ``anchor`` (see the module docstring for the order); a past
    passive (``نُقل عنه``) has none."""
    cue, token_start, end = anchor.cue, anchor.token_start, anchor.end
    if not cue.present and ctx.passive(anchor.start):
        return _relayed(ctx, sent, Subject(_EMPTY, end), cue)
    proclitic = ctx.text[token_start] if anchor.start > token_start else ""
    if proclitic == "ل":  # خرج الفنان ليعلن غضبه، ليؤكد أن: a purpose clause has its main verb's subject
        return Subject(_EMPTY, end)
    tokens: list[Token] = []
    if proclitic != "و":  # وأكد ...: a clause of its own, its subject after it or dropped
        tokens = _clause_before(ctx, sent, token_start)
        k = _before_auxiliaries(tokens, ctx.lex)
        gender = _pronoun_gender(tokens, k, ctx.lex)
        if gender:
            return _relayed(ctx, sent, Subject(_EMPTY, end, gender), cue)
        before = _subject_before(ctx, tokens, k, proclitic) or _headed_sentence_start(ctx, sent, tokens, token_start)
        if before is not None:
            return _relayed(ctx, sent, Subject(before, end, before=True), cue)
    subject = _relayed(ctx, sent, _subject_after(ctx, sent, cue, phrase_after(
        ctx, sent, token_start, cue.preposition, end), end), cue)
    if not subject.phrase.parts and tokens:
        start = _sentence_subject(ctx, sent, tokens, token_start)
        if start is not None:
            return Subject(start, end, before=True)
    if not subject.phrase.parts and token_start > sent.span[0] and ctx.subject(sent) is None:
        return Subject(subject.phrase, subject.after, subject.gender, clause_subject=_verb_initial_subject(
            ctx, sent, token_start, cue.gender))
    return subject


def _verb_initial_subject(ctx: Context, sent: Sentence, token_start: int, gender: str) -> Phrase | None:
    """The subject of the first verb of a sentence — a word no list knows, agreeing with the
    verb of ``gender`` — headed by a title or an institution, after that verb (``رفضت مصادر
    وزارية الاتهام، وقالت``) or before it (``الحكومة رفضت العرض، وقالت``): whom a later verb
    with no subject of its own means."""
    start = trim(ctx.text, *sent.span)[0]
    tokens = tokenize(ctx.text, start, token_start, _PHRASE_WINDOWS[1])
    if len(tokens) < 2:
        return None
    if _first_verb(ctx, tokens[0], gender):
        parts = parse_phrase(ctx.layout, tokens, 1, ctx.lex).parts
        # رفضت مصادر وزارية اتهام الحكومة، أثار النائب جدلا واسعا: a word no list knows, alone after
        # the head or in the accusative, starts the object
        k = next((k for k in range(1, len(parts)) if parts[k].kind == NAME and parts[k - 1].kind != NAME and (
            k + 1 == len(parts) or parts[k + 1].kind != NAME or _accusative(parts[k]))), len(parts))
        parts = parts[:k]
    else:
        phrase = parse_phrase(ctx.layout, tokens, 0, ctx.lex)
        parts = phrase.parts
        # الحكومة رفضت العرض: after a definite institution or genitive, a word no list knows that
        # agrees with the verb is the first verb, not a name
        k = next((k for k in range(1, len(parts)) if parts[k].kind == NAME and not parts[k].definite
                  and parts[k - 1].definite and parts[k - 1].kind in (INSTITUTION, COMPLEMENT, GENTILIC)
                  and _first_verb(ctx, _token_at(tokens, parts[k].start), gender)), None)
        after = phrase.next_index
        if k is not None:
            parts = parts[:k]
        elif not (after < len(tokens) and _first_verb(ctx, tokens[after], gender)):
            parts = ()
    if not parts or parts[0].kind not in (TITLE, INSTITUTION):
        return None
    return Phrase(tuple(parts), len(parts))


def _accusative(part: Part) -> bool:
    """A word no list knows in the indefinite accusative (``جدلا``، ``بيانا``): ending in ا."""
    return not part.definite and part.word.endswith("ا") and len(part.word) >= _ACCUSATIVE_LETTERS


def _token_at(tokens: list[Token], start: int) -> Token:
    return next(t for t in tokens if t.start == start)


def _first_verb(ctx: Context, tok: Token, gender: str) -> bool:
    """Whether ``tok`` may be a clause's verb that agrees with ``gender``: a word no list
    knows, without the article, no cue (its feminine ends in ت)."""
    lex = ctx.lex
    if not tok.is_word or len(tok.text) < 3 or word_class(tok.text, lex) != NAME:
        return False
    if lex.strip_article(tok.text) != tok.text or lex.is_cue_word(tok.text):
        return False
    return not gender or tok.raw.endswith("ت") == (gender == "f")


def _object_before_preposition(ctx: Context, sent: Sentence, phrase: Phrase) -> bool:
    """Whether the last word of a speaker phrase is the object of a verb that takes one before
    its preposition (``وصف الخبير الوضع بأنه``، ``اتهم الوزير سامي عواد المعارضة بأنها``،
    ``ووصف الأمسية بأنها``): a definite noun alone, or after an indefinite head or adjective (no
    adjective of it), a definite title or institution, or a title and a name of two words, then
    the complementizer with ب, right after it or past an occasion set off by commas (not past
    another object: ``برر المدير قراره بأنه``)."""
    parts = phrase.parts
    definite = bool(parts) and (parts[-1].definite or ctx.text.startswith("ال", parts[-1].start))
    if not definite or parts[-1].kind not in (NAME, COMPLEMENT, TITLE, INSTITUTION):
        return False
    if len(parts) > 1:
        before = parts[-2]
        named = before.kind == NAME and len(parts) >= 4 and parts[-3].kind == NAME and parts[0].kind == TITLE
        headed = before.kind in (TITLE, INSTITUTION, GENTILIC, MODIFIER) and (
            not before.definite or before.kind in (TITLE, INSTITUTION))
        if parts[-1].kind in (TITLE, INSTITUTION) or not (named or headed):
            return False
    m = ctx.lex.opener_re.search(ctx.text, parts[-1].end - 1, sent.span[1])
    if m is None or not m.group(1).startswith("ب"):
        return False
    between = ctx.text[parts[-1].end:m.start(1)].strip()
    return not between or between[0] in "،,"  # an occasion set off by commas may stand between


def _clause_before(ctx: Context, sent: Sentence, token_start: int) -> list[Token]:
    """The tokens before a verb from what opens its clause — the latest complementizer, ``أما``
    or ``كان`` within :data:`_BEFORE_CHARS` (found by one scan, not token by token), or the
    sentence's start when the verb stands near it — else none: no subject can stand before it."""
    text, lex = ctx.text, ctx.lex
    low = max(sent.span[0], token_start - _BEFORE_CHARS)
    found = list(lex.opener_re.finditer(text, max(low - 1, 0), token_start))
    boundary = token_start
    while found and fold(found[-1].group(1)) in lex.auxiliaries and not text[found[-1].end():boundary].strip():
        boundary = found.pop().start(1)  # كان قد صرح: the auxiliaries before the verb open nothing
    if found:
        start = found[-1].start(1)
    elif token_start - sent.span[0] <= _SENTENCE_SUBJECT_CHARS:
        start = sent.span[0]
    else:
        return []
    return tokenize(text, start, token_start)


def phrase_after(ctx: Context, sent: Sentence, token_start: int, preposition: str = "", end: int = -1) -> Phrase:
    """The speaker phrase after the cue token at ``token_start`` (ending at ``end`` when
    known: a colon or a complementizer right after it means none, found without reading
    tokens), past a resumptive pronoun (``أعلن فيها كوك``): parsed in a short token
    window, widened while the phrase runs to its end (most phrases are short)."""
    if end >= 0 and _nothing_next(ctx, end, preposition):
        return _EMPTY
    for window in _PHRASE_WINDOWS:
        tokens = sent.tokens_from(token_start, window)
        first = 2 if len(tokens) > 2 and _resumptive(tokens[1].text, preposition, ctx.lex) and tokens[2].is_word else 1
        phrase = parse_phrase(ctx.layout, tokens, first, ctx.lex, preposition)
        if not phrase.cut or len(tokens) < window:  # fewer tokens: the sentence ended
            break
    if phrase.parts and phrase.parts[0].kind == TITLE and oblique_plural(phrase.parts[0].word, ctx.lex):
        return _EMPTY  # أبلغت اللاعبين أن: the verb's object, its subject dropped
    return phrase


def _nothing_next(ctx: Context, end: int, preposition: str) -> bool:
    """Whether what comes right after ``end`` opens no speaker phrase, seen without reading
    tokens: a colon, or a word that ends a phrase (a complementizer, a preposition: ``قال إن``،
    ``أكد في بيان``) and is no resumptive pronoun (``أعلن فيها كوك``).  A quotation may open a
    quoted subject (``قالت "الوكالة الوطنية" إن``)."""
    m = _NEXT_TOKEN.match(ctx.text, end)
    if m is None:
        return False
    word = m.group(1)
    if word == ":":
        return True
    folded = fold(word)
    if folded in ctx.lex.adverbials and word not in ctx.lex.adverbial_spellings and not ctx.layout.ya_for_maqsura:
        return False  # قال علي حسن: the name, not the preposition على
    return folded in ctx.lex.phrase_stops and len(folded) > 1 and not _resumptive(folded, preposition, ctx.lex)


def _resumptive(word: str, preposition: str, lex: Lexicon) -> bool:
    """A pronoun pointing back to the occasion (``أعلن فيها``، ``خاطب خلاله``) — not the cue's
    own preposition with a pronoun, which is the source relayed (``نقل عنه قوله``)."""
    return word in lex.resumptives and not (preposition and word.startswith(preposition))


def _before_auxiliaries(tokens: list[Token], lex: Lexicon) -> int:
    """Where the auxiliaries right before the verb start (``كان قد صرح``، ``قد أفادت``)."""
    k = len(tokens)
    while k and tokens[k - 1].text in lex.auxiliaries:
        k -= 1
    return k


def _pronoun_gender(tokens: list[Token], k: int, lex: Lexicon) -> str:
    """The gender of the pronoun on the complementizer or connector right before the verb
    (``أنه``، ``لكنها``، ``بأنهم``), else empty."""
    if not k:
        return ""
    w = tokens[k - 1].text
    if w not in lex.complementizers and w not in lex.connectors:
        return ""
    suffix = next((s for s in sorted(PRONOUN_SUFFIXES, key=len, reverse=True) if w.endswith(s)), "")
    return {"": "", "ه": "m", "ها": "f"}.get(suffix, "p")


def _subject_before(ctx: Context, tokens: list[Token], k: int, proclitic: str) -> Phrase | None:
    """The noun phrase between what opens the verb's clause and the verb (or its auxiliaries,
    ``tokens[k:]``): a complementizer, ``أما`` when the verb takes ``ف``, or ``كان``.  A verb
    with و starts a clause of its own (``أنه شاهد الهجوم، وأوضح``)."""
    lex = ctx.lex
    j = k - 1
    while j >= 0:
        t = tokens[j]
        if t.is_word and (t.text in lex.complementizers or t.text in lex.topics or t.text in lex.auxiliaries
                          or t.text in lex.connectors or _coordinated_complementizer(t.text, lex)):
            break
        if (t.is_word and lex.is_cue_word(t.text)) or (not t.is_word and t.text not in _INSIDE_PHRASE):
            return None  # another verb, or punctuation that ends a clause
        j -= 1
    if j < 0 or j == k - 1:
        return None
    if (tokens[j].text in lex.topics) != (proclitic == "ف" and k == len(tokens)):
        return None  # أما ... فقال: the topic's verb takes ف
    phrase = parse_phrase(ctx.layout, tokens[:k], j + 1, lex)
    if any(p.kind == QUOTED and p.start in ctx.claimed for p in phrase.parts):
        return None  # أكد أن "..."، قالت الوزيرة: a quotation another cue reported is no subject
    return phrase if phrase.parts and _reaches(tokens, phrase.next_index, k, lex) else None


def _coordinated_complementizer(word: str, lex: Lexicon) -> bool:
    """``وأن``، ``وإن``: a second content clause, its subject after it (``وأن النائب برر``)."""
    return word[:1] == "و" and word[1:] in lex.complementizers


def _reaches(tokens: list[Token], i: int, k: int, lex: Lexicon) -> bool:
    """Whether a subject ending before ``tokens[i]`` runs to the verb's auxiliaries at ``k``:
    only commas between (an apposition closed: ``الرئيس التنفيذي، تيم كوك، قال``), or a
    prepositional phrase with no verb in it (``أن مواطنين في الحي أكدوا``)."""
    rest = tokens[i:k]
    if all(t.text in "،," for t in rest):
        return True
    return rest[0].text in lex.adverbials and all(t.is_word and not lex.is_cue_word(t.text) for t in rest)


def _headed_sentence_start(ctx: Context, sent: Sentence, tokens: list[Token], token_start: int) -> Phrase | None:
    """A phrase from the start of the sentence to the verb headed by a title or an institution
    (``مصدر أمني يكشف تفاصيل الهجوم``): then the noun after the verb is its object."""
    if not tokens or word_class(tokens[0].text, ctx.lex) not in (TITLE, INSTITUTION):
        return None
    phrase = _sentence_subject(ctx, sent, tokens, token_start)
    return phrase if phrase is not None and phrase.parts[0].kind in (TITLE, INSTITUTION) else None


def _sentence_subject(ctx: Context, sent: Sentence, tokens: list[Token], token_start: int) -> Phrase | None:
    """The words from the start of the sentence to a verb without و/ف as its subject, if
    they are one phrase with a title, an institution or a name of two words or more, or the
    one name of someone the text named before."""
    if not tokens or tokens[0].start != trim(ctx.text, *sent.span)[0] or ctx.text[token_start] in "وف":
        return None
    first = tokens[0].text
    if first[:1] in "وف" and (ctx.lex.strip_article(first) != first or (
            word_class(first, ctx.lex) == NAME and word_class(first[1:], ctx.lex) == NAME)):
        return None  # والحكومة ...: a conjunct; وفجر الوزير ...: a verb with و, not the start of a subject
    phrase = parse_phrase(ctx.layout, tokens, 0, ctx.lex)
    if not phrase.parts or not _reaches(tokens, phrase.next_index, len(tokens), ctx.lex):
        return None
    named = sum(p.kind == NAME for p in phrase.parts)
    if named == 1 and len(phrase.parts) == 1:  # الكعبي أشار إلى أن: a surname the text named before
        return phrase if ctx.speakers.names_someone((phrase.parts[0].start, phrase.parts[0].end)) else None
    return phrase if named >= 2 or any(p.kind in (TITLE, INSTITUTION) for p in phrase.parts) else None


def _subject_after(ctx: Context, sent: Sentence, cue: Cue, phrase: Phrase, end: int) -> Subject:
    """The subject the speaker ``phrase`` after a verb ending at ``end`` makes: a pronoun
    (``وأكد معاليه أن``), or none when the phrase is the verb's object (``وأكد شعور بلاده``)."""
    gender = _honorific_pronoun(ctx, phrase)
    if gender:  # وأكد معاليه أن: "his excellency", a pronoun for whom the text named before
        return Subject(_EMPTY, phrase.parts[0].end, gender)
    if _quotation_alone(ctx, sent, phrase):  # وكتب "شكرا لجمهوري في عمان".: what he wrote, no quoted name
        return Subject(_EMPTY, end)
    if phrase.parts and _possessed(ctx, phrase):
        phrase = Phrase((), phrase.next_index)  # وأكد شعور بلاده: the object; the subject is dropped
    elif cue.object_first and not cue.with_object and _object_before_preposition(ctx, sent, phrase):
        phrase = Phrase(phrase.parts[:-1], phrase.next_index - 1)  # وصف الخبير الوضع بأنه: the object
    return Subject(phrase, phrase.parts[-1].end if phrase.parts else end)


def _quotation_alone(ctx: Context, sent: Sentence, phrase: Phrase) -> bool:
    """Whether the phrase after the verb is one quotation that ends its sentence: the verb's
    content, not a quoted name as its subject (that has a clause after it)."""
    if len(phrase.parts) != 1 or phrase.parts[0].kind != QUOTED:
        return False
    return not ctx.text[phrase.parts[0].end:sent.span[1]].strip(" \t.!؟?…")


def _honorific_pronoun(ctx: Context, phrase: Phrase) -> str:
    """The gender of a phrase that is an honorific with a pronoun (``معاليه``، ``سموه``،
    ``فخامته``: m; ``معاليها``: f) — a pronoun subject — else empty."""
    if len(phrase.parts) != 1:
        return ""
    word = fold(ctx.text[phrase.parts[0].start:phrase.parts[0].end])
    for suffix, gender in _HONORIFIC_PRONOUNS:
        stem = word.removesuffix(suffix)
        feminine = stem[:-1] + "ه" if stem[-1:] == "ت" else stem  # فخامته: فخامة
        if stem != word and (stem in ctx.lex.honorifics or feminine in ctx.lex.honorifics):
            return gender
    return ""


def _possessed(ctx: Context, phrase: Phrase) -> bool:
    """A phrase of plain nouns one of which carries a possessive pronoun (``شعور بلاده``،
    ``موقفه``، ``رأيه الواضح``) is the verb's object: the pronoun refers back to the dropped
    subject.  Only adjectives may follow such a noun."""
    parts = phrase.parts
    if any(p.kind in (TITLE, INSTITUTION) for p in parts):
        return False
    # a noun with a pronoun takes no genitive after it: خوسيه مورايس is a name
    return any(not p.definite and _with_pronoun(ctx, ctx.text[p.start:p.end])
               and all(q.definite for q in parts[k + 1:]) for k, p in enumerate(parts))


def _with_pronoun(ctx: Context, raw: str) -> bool:
    """Whether a word carries a possessive pronoun: :func:`possessed`, or a short occasion of
    speech with a bare ه (``قوله``، ``كلامه``), which names no one."""
    return possessed(raw) or (raw.endswith(PRONOUN_SUFFIXES) and ctx.lex.is_medium(fold(raw)))


def _relayed(ctx: Context, sent: Sentence, subject: Subject, cue: Cue) -> Subject:
    """``نقلت الوكالة عن مصدر ... قوله إن``، ``ونقلت عن أهالي المنطقة أن``: a relaying verb's
    speaker is the source after its preposition, and the source's verbal noun (قوله، تأكيده)
    leads to the content."""
    if not cue.relay:
        return subject
    tokens = sent.tokens_from(subject.after, _RELAY_TOKENS)
    if tokens and tokens[0].text in "،,":
        tokens = tokens[1:]  # ونقلت صحيفة "الفجر"، عن ...: a comma before the source
    if not tokens or tokens[0].text != cue.preposition:
        return subject
    k = next((j for j, t in enumerate(tokens)  # a source in quotation marks: ونقلت الجريدة عن «نافذة تواصل» أنه
              if t.text in ctx.lex.complementizers or not (t.is_word or t.text in QUOTE_MARKS)), len(tokens))
    noun = k > 2 and tokens[k - 1].raw.endswith(PRONOUN_SUFFIXES)
    if noun:
        k -= 1  # قوله، تأكيده: the verbal noun before إن is not part of the source
    source = parse_phrase(ctx.layout, tokens[:k], 1, ctx.lex)
    if not source.parts:
        return subject
    after = tokens[k].end if noun and source.next_index == k else source.parts[-1].end
    return Subject(source, after)


def in_relative_clause(ctx: Context, sent: Sentence, anchor: Anchor) -> bool:
    """Whether the verb of ``anchor`` opens a relative clause (``والتي تستضيفها البرازيل``،
    ``الذين طالب البعض منهم``، ``ما نشرته الصحف``): its subject is not the sentence's."""
    word = previous_word(ctx.text, sent, anchor.token_start).removeprefix("و")
    return word in ctx.lex.relatives or word in _WHAT  # نفى الوزير ما نشرته الصحف: "what the papers published"


def relative_antecedent(ctx: Context, sent: Sentence, anchor: Anchor) -> Phrase | None:
    """The subject of a verb right after a relative pronoun with no subject of its own: the
    definite noun phrase the pronoun follows (``كذب الشاهد الأول، والذي قال إن``، ``عن رئيس
    المحكمة الذي أكد أن``), a comma between or not; None when no such phrase stands there."""
    if not in_relative_clause(ctx, sent, anchor) or previous_word(ctx.text, sent, anchor.token_start) in _WHAT:
        return None
    after = sent.tokens_from(anchor.end, 1)
    if after and after[0].text in ctx.lex.resumptives:
        return None  # القوائم الذي أشارت إليه: a pronoun after the verb, the phrase is its object
    tokens = sent.tokens_before(anchor.token_start, _ANTECEDENT_TOKENS + 2)[:-1]  # the pronoun left out
    if tokens and tokens[-1].text in "،,":
        tokens = tokens[:-1]
    k = len(tokens)
    while k > 0 and tokens[k - 1].is_word and (tokens[k - 1].raw.startswith("ال")
                                                or word_class(tokens[k - 1].text, ctx.lex) in (TITLE, INSTITUTION)):
        k -= 1
    if k == len(tokens) or len(tokens) - k > _ANTECEDENT_TOKENS:
        return None
    phrase = parse_phrase(ctx.layout, tokens, k, ctx.lex)
    return phrase if phrase.parts and phrase.next_index == len(tokens) else None


def previous_word(text: str, sent: Sentence, pos: int) -> str:
    """The word right before ``pos`` in its sentence, folded (empty if none)."""
    m = LAST_WORD.search(text, max(sent.span[0], pos - _WORD_REACH), pos)
    return fold(m.group(1)) if m else ""
