"""Content finding: where the content a cue reports starts and ends, and its type.

After a cue (and its speaker), :func:`find_intro` skips adverbial material to what
introduces the content — a colon, a complementizer (إن/أن) or a quotation of speech;
:func:`content_at` takes the content from there to where the writer's own words take over
(:func:`clause_end`), as one span per line; :func:`content_type` tells *indirect* from
*mixed* by the quotations inside.  Everything works on the stripped text of one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from builder.contract import DIRECT, INDIRECT, MIXED
from builder.engine.layout import PROSE_ENDS, WORD, CueMatch, Sentence, Token, trim
from builder.engine.mentions import NAME, oblique_plural, word_class
from builder.lexicon.cue_forms import PARTICIPLE, SOURCE, STAGE, VERB
from builder.lexicon.lexicon import Lexicon
from builder.text.arabic import ARABIC_LETTER, LAST_WORD, fold
from builder.text.morphology import FEMININE_PARTICIPLE_SHAPE, participle_shaped
from builder.text.quotes import QUOTE_MARKS, Quote

#: A quoted stretch counts as the speaker's words (making a content mixed) from this many
#: words, or when it opens with a particle of speech; shorter ones are names and terms.
SPEECH_QUOTE_WORDS = 3
_TIME_WORDS = 2  # after a quotation that ends its clause: أمس، مساء اليوم
_OPENER_WORDS = 4  # words between a verb and what opens its content
_WORD_OR_MARK = re.compile(r"\w+|[^\w\s]")
_CONNECTOR_REACH = 16  # characters: a comma and one or two connectors before a cue
_FRONTED_REACH = 60  # characters: a fronted phrase between a comma and a new report
_LEADING_WORD = re.compile(r"\s*(\w+)")
_TWO_WORDS = re.compile(r"\s*(\w+)\s+(\w+)")
_PURPOSE_CUE = re.compile(r"[،,]\s*ل(\w+)")
_PARTICIPLE_AFTER_COMMA = re.compile(r"[،,]\s*(م\w{3,})")
#: Words after إن that make it the conditional "if", part of the quotation: إن لم، إن كان، إن شاء الله.
_AFTER_CONDITIONAL = frozenset({"لم", "كان", "كانت", "كنت", "كنا", "كانوا", "شاء"})
_THAT = ("ان", "بان", "فان")  # the complementizers proper, folded: أن، إنه، بأنها، فإن
_TRAILING_WORD = re.compile(r"(\w+)\s*$")
_NEGATION_NOUN_REACH = 8  # characters: عدم and a space
#: Marks that set off list items or page parts: in a text without line breaks, where a line
#: would have ended.
_ITEM_MARKS = "•|"
#: What opens a list item on its line: a bullet or dash (``- ``، ``• ``، ``* ``) or a number with
#: its stop (``1- ``، ``2. ``، ``3) ``).
_ITEM_WORDS, _LINE_WORDS = 2, 3
_ARABIC_WORD = re.compile(f"[{ARABIC_LETTER}]+")
ITEM_START = re.compile(r"[ \t]*(?:[-–—•●▪◦*·]|\d{1,2}[ \t]*[-.)\u066b])[ \t]*(?=\S)")


@dataclass(slots=True)
class Intro:
    kind: str  # "quote", "that" or "colon"
    token: Token  # the colon, the complementizer or the opening mark
    after_object: bool


@dataclass(slots=True)
class Content:
    spans: tuple[tuple[int, int], ...]
    type: str
    quotes: tuple[Quote, ...]
    """The quotations whose words the content uses (claimed, so no other cue takes them)."""


def first_words(text: str, start: int, end: int, most: int) -> list[str]:
    """The first ``most`` words of ``text[start:end]`` (a long stretch is not read to its end)."""
    return [m.group() for m in islice(WORD.finditer(text, start, end), most)]


def word_count(text: str, start: int, end: int, most: int) -> int:
    """How many words ``text[start:end]`` has, counting to ``most`` at the most."""
    return sum(1 for _ in islice(WORD.finditer(text, start, end), most))


def is_speech_quote(text: str, q: Quote, lex: Lexicon) -> bool:
    """Whether a quotation holds the speaker's words rather than a name or a term."""
    words = first_words(text, q.open + 1, q.close, SPEECH_QUOTE_WORDS)
    return len(words) >= SPEECH_QUOTE_WORDS or (bool(words) and fold(words[0]) in lex.speech_openers)


def clause_end(sent: Sentence, start: int, gender: str = "") -> int:
    """Where a content starting at ``start`` ends, outside quotations: the sentence end, or
    where the writer's framing takes over — a clause break after a comma (``، وذلك``); a
    reporting verb with و/ف (``... واضاف أن``، ``، وأكد``; a stage verb is the speaker's own
    words: ``، ويهنئهم``); a participle, a trailing or source phrase after a comma (``، مشيرا``،
    ``، على حد تعبيره``، ``، وفقا لـ``), also a participle the lexicon lacks (``، معترفا أن``);
    a cue after a comma and a connector (``، لكنه أشار``، ``، إلا أنه أوضح``، ``، فيما أكدت``);
    without the comma, a participle or a cue after a connector that opens a report of its own
    (``قريبا مشيرا إلى أن``، ``وحدها حيث أكد أن``); a cue in the present with لـ after a comma
    (``، ليؤكد أن``، ``، ليلمح إلى``).
    A connector with no cue after it (``، في حين``، ``، حيث``) leaves the clause the speaker's,
    and so does a verb with و that reports nothing of its own and agrees with another than the
    reporting verb of ``gender`` (``أشار المتحدث أن مصر رفضت التدخل وطالبت بمنعه``: Egypt's)."""
    text, lex, layout = sent.text, sent.lex, sent.layout
    end = next((m.start() for m in lex.clause_break_re.finditer(text, start, sent.span[1])
                if not layout.quote_around(m.start())), sent.span[1])
    for found in layout.cues_within(start, end):
        if found.start != start and found.cue.kind != STAGE:
            stop = _framing_at(sent, start, found, gender)
            if stop is not None:
                return stop
    for m in lex.participle_shape_re.finditer(text, start, end):
        if not layout.quote_around(m.start()) and m.group(1) not in lex.adverbial_spellings:
            end = m.start()
            break
    for m in _PURPOSE_CUE.finditer(text, start, end):
        cue = lex.cues.get(fold(m.group(1)))
        if cue is not None and cue.kind == VERB and cue.present and not layout.quote_around(m.start()):
            return m.start()  # ، ليؤكد أن ...: the writer goes on, "so as to say"
    return end


def _opens_content(sent: Sentence, pos: int) -> bool:
    """Whether a content opener (a complementizer, a colon, a quotation mark) follows ``pos``
    within a few words of the same clause (no comma between)."""
    for k, m in enumerate(_WORD_OR_MARK.finditer(sent.text, pos, sent.span[1])):
        w = m.group()
        if k > _OPENER_WORDS or w in "،,.؛":
            return False
        if w == ":" or w in QUOTE_MARKS or fold(w) in sent.lex.complementizers:
            return True
    return False


def _framing_at(sent: Sentence, start: int, found: CueMatch, gender: str) -> int | None:
    """Where a content from ``start`` ends because of the cue ``found`` inside it (see
    :func:`clause_end`), or None when the cue is the speaker's own words."""
    text, lex = sent.text, sent.lex
    pos, kind = found.start, found.cue.kind
    if (found.proclitic and kind == VERB and gender and found.cue.gender and found.cue.gender != gender
            and not _opens_content(sent, found.end)):
        return None  # أن مصر رفضت التدخل وطالبت بمنعه، وتجمع المياه ...: the content's subject acts on
    if kind == VERB and found.cue.present and not _opens_content(sent, found.end):
        return None  # للتجارة، ويرجع هذا النمو إلى الخطة: a verb in the present reporting nothing, his words
    comma = _comma_before(text, start, pos, lex)
    if kind == SOURCE and _no_source_after(sent, found.end):
        return None  # ، وفقا للحاجة وأولويات العمل: "according to need", the speaker's words
    if comma is not None and (kind != VERB or found.proclitic or comma[1]):
        return comma[0]
    if kind == PARTICIPLE and _after_quotation(sent, start, pos):
        return pos  # أن القرار كان « ضروريا » قائلا: the participle after a closing mark is the writer's
    if kind == PARTICIPLE and not found.proclitic and text[pos] != "ب" and _opens_content(sent, found.end) \
            and not (gender and found.cue.gender and found.cue.gender != gender):
        return pos  # ستنخفض قريبا مشيرا إلى أن: no comma, but it opens a report of its own (بقوله: the same one)
    if found.proclitic and kind == VERB:
        return pos
    if kind == VERB and lex.content_follows(text, found.end):
        connector = _connector_before(text, start, pos, lex)
        return connector if connector is not None else _fronted_comma(sent, start, pos)
    return None


def _connector_before(text: str, start: int, pos: int, lex: Lexicon) -> int | None:
    """Where a connector right before ``pos`` starts (``ليست وحدها حيث أكد أن``، ``كما أوضح أن``):
    the writer's words that open a new report, comma or not."""
    m = LAST_WORD.search(text, max(start, pos - _CONNECTOR_REACH), pos)
    return m.start(1) if m is not None and m.start(1) > start and fold(m.group(1)) in lex.connectors else None


def _no_source_after(sent: Sentence, end: int) -> bool:
    """Whether the word after a source phrase's cue is a common noun with the article — no
    institution, title, medium or name (``وفقا للحاجة``، ``حسب الخطة``): no source follows."""
    m = _LEADING_WORD.match(sent.text, end, sent.span[1])
    if m is None:
        return False
    word, lex = fold(m.group(1)), sent.lex
    if sent.text[end - 1:end] == "ل" and m.start(1) == end and word[:1] == "ل":
        word = "ا" + word  # وفقا للحاجة: the cue took the لـ, the article's lam is left
    stem = lex.strip_article(word)
    return stem != word and word_class(stem, lex) == NAME and not lex.is_medium(stem) and stem not in lex.frames \
        and not oblique_plural(stem, lex) and not word.startswith("ال" + "ب")


def _after_quotation(sent: Sentence, start: int, pos: int) -> bool:
    """Whether a quotation closes right before ``pos`` (spaces aside), after ``start``."""
    k = pos
    while k > start and sent.text[k - 1].isspace():
        k -= 1
    return k > start and sent.layout.quote_closing_at(k - 1) is not None


def _fronted_comma(sent: Sentence, start: int, pos: int) -> int | None:
    """The comma before a new report whose verb comes after a fronted prepositional phrase
    with و (``...، وبخصوص موعد الذروة قال الوزير إن``، ``، وعن الخطط أكد أن``): the last comma
    within :data:`_FRONTED_REACH` characters before the verb — not a clause of time or a
    relative one (``، عندما كان الجيش يعتقد أن``)."""
    text = sent.text
    low = max(start, pos - _FRONTED_REACH)
    comma = max(text.rfind("،", low, pos), text.rfind(",", low, pos))
    if comma < 0 or sent.layout.quote_around(comma):
        return None
    m = _LEADING_WORD.match(text, comma + 1, pos)
    word = fold(m.group(1)) if m is not None else ""
    return comma if word[:1] == "و" and word[1:] in sent.lex.adverbials else None


def _comma_before(text: str, start: int, pos: int, lex: Lexicon) -> tuple[int, bool] | None:
    """The comma right before ``pos`` — or before one or two of the writer's connectors
    (``، لكنه``، ``، إلا أنه``) — and whether connectors stand between."""
    k = pos
    while k > start and text[k - 1].isspace():
        k -= 1
    if k > start and text[k - 1] in "،,":
        return k - 1, False
    window = max(start, k - _CONNECTOR_REACH)
    seg = text[window:k]
    c = max(seg.rfind("،"), seg.rfind(","))
    between = [fold(w) for w in seg[c + 1:].split()] if c >= 0 else []
    if " ".join(between) in lex.connectors or (between and between[0] in lex.connectors and (
            len(between) == 1 or (len(between) == 2 and between[1] in lex.complementizers))):
        return window + c, True  # ، لكنه أشار؛ ، إلا أنه أوضح؛ ، في حين أكد
    return None


def quote_start(text: str, q: Quote, lex: Lexicon) -> int:
    """Where the words of quotation ``q`` start: past a complementizer just inside its mark
    (``:" أنه لا يشترط``، ``: “إن الحكومة متمسكة``), which introduces the content and is none of
    it — but not past a conditional إن (``“إن لم ينته الاحتلال``، ``"إن شاء الله``)."""
    m = _TWO_WORDS.match(text, q.open + 1, q.close)
    first = fold(m.group(1)) if m else ""
    conditional = m is not None and m.group(1) in ("إن", "ان") and fold(m.group(2)) in _AFTER_CONDITIONAL
    if first not in lex.complementizers or not first.startswith(_THAT) or conditional:
        return q.open + 1  # عما تبذله: a relative, the speaker's
    return m.start(2)


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as one span per line, each trimmed."""
    spans = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        s, e = trim(text, pos, stop, QUOTE_MARKS)
        if e > s:
            spans.append((s, e))
        pos = stop + 1
    return spans


def without_marks(text: str, content: Content) -> tuple[tuple[int, int], ...]:
    """The spans of a mixed ``content`` cut at the marks of its quotations, which no span
    holds: the writer's words and the quoted ones are separate spans (``تكشف بلاده قريبا``،
    ``عما تبذله ...``)."""
    if content.type != MIXED:
        return content.spans
    marks = sorted({pos for q in content.quotes for pos in (q.open, q.close)})
    spans = []
    for start, end in content.spans:
        cuts = [pos for pos in marks if start <= pos < end]
        for s, e in zip([start, *(c + 1 for c in cuts)], [*cuts, end], strict=True):
            s, e = trim(text, s, e, QUOTE_MARKS)
            if e > s:
                spans.append((s, e))
    return tuple(spans)


def content_type(sent: Sentence, start: int, end: int) -> tuple[str, tuple[Quote, ...]]:
    """``indirect``, or ``mixed`` when the stretch holds a quotation of the speaker's words."""
    inside = tuple(q for q in sent.layout.quotes_within(start, end) if q.closed)
    speech = any(is_speech_quote(sent.text, q, sent.lex) for q in inside)
    return (MIXED if speech else INDIRECT), inside


def content_after(sent: Sentence, intro: Intro, gender: str = "") -> Content | None:
    """The content an intro opens: a quotation from its opening mark, a clause after its
    complementizer, speech after its colon — unquoted, that runs to the end of its
    paragraph unless a new cue or source starts on the way (:func:`_paragraph_speech`).
    ``gender``: the reporting verb's (:func:`clause_end`)."""
    if intro.kind == "quote":
        return content_at(sent, intro.token.start)
    if intro.kind == "colon":
        start = trim(sent.text, intro.token.end, sent.span[1])[0]
        if start >= sent.span[1] and sent.text.find("\n", intro.token.end) == sent.span[1]:
            return speech_below(sent, sent.span[1])
        if sent.layout.quote_opening_at(start) is None:
            # a text with no line breaks: its first sentence holds the headline, which has no end
            # of its own; later colon speech runs on over its paragraph's sentences as ever
            headline = sent.layout.one_block and sent.span[0] == 0
            sent = block_speech(sent, start) if headline else _paragraph_speech(sent, intro.token.end)
    return content_at(sent, intro.token.end, gender)


def block_speech(sent: Sentence, pos: int) -> Sentence:
    """``sent`` run on (:func:`_paragraph_speech`) and cut where unquoted speech from ``pos``
    ends in a text with no line breaks, which has no paragraph end: at the next cue of a
    report in the past tense (the article's first sentence after a headline: ``... أكد
    المتحدث``), or at a mark that sets off list items or page parts (``•``، ``|``), where a
    line would have ended."""
    sent = _paragraph_speech(sent, pos)
    end = sent.span[1]
    cue = next((c for c in sent.layout.cues_within(pos + 1, end) if c.cue.kind != STAGE and not c.cue.present),
               None)  # a present-tense verb (لم نزعم) is the speech's own
    end = cue.start if cue is not None else end
    marks = [k for k in (sent.text.find(m, pos, end) for m in _ITEM_MARKS) if k >= 0]
    end = min(marks, default=end)
    return Sentence(sent.layout, sent.lex, (sent.span[0], end)) if end < sent.span[1] else sent


def speech_below(sent: Sentence, pos: int) -> Content | None:
    """Speech set below a line that ends in its colon at ``pos`` (``وقال الوزير:`` over the
    next line): a list of items (``- ...``، ``• ...``، ``1. ...``), a span each, blank lines
    between them allowed, what they say in the first person theirs; else the next paragraph,
    as colon speech runs, unless it has a cue of its own.  Page furniture is no speech."""
    text, layout = sent.text, sent.layout
    items: list[tuple[int, int]] = []
    while (line := _next_line(text, pos)) is not None:
        start, end = line
        if layout.in_furniture(start):
            break
        item = ITEM_START.match(text, start, end)
        if item is None:
            if items or _reports(sent, start, end) or not _speech_line(text, start, end):
                break
            first = Sentence(layout, sent.lex, layout.sentence_of(start))
            return content_at(_paragraph_speech(first, start), start)
        if _arabic_words(text, item.end(), end, _ITEM_WORDS) < _ITEM_WORDS:
            break
        items.append(trim(text, item.end(), end, QUOTE_MARKS))
        pos = end
    if not items:
        return None
    whole = [layout.quote_opening_at(s - 1) for s, _ in items]  # an item that is one quotation
    if all(q is not None and q.closed and q.close == e for q, (_, e) in zip(whole, items, strict=True)):
        return Content(tuple(items), DIRECT, tuple(q for q in whole if q is not None))
    kind, quotes = content_type(sent, items[0][0], items[-1][1])
    return Content(tuple(items), kind, quotes)


def _arabic_words(text: str, start: int, end: int, most: int) -> int:
    return sum(1 for _ in islice(_ARABIC_WORD.finditer(text, start, end), most))


def _speech_line(text: str, start: int, end: int) -> bool:
    """Whether a line below a colon reads as speech, not a name, a caption or a link (``د.
    صائب عريقات``): a few Arabic words and a sentence's end, or twice as many."""
    words = _arabic_words(text, start, end, 2 * _LINE_WORDS)
    return words >= 2 * _LINE_WORDS or (words >= _LINE_WORDS and text[start:end].rstrip()[-1:] in PROSE_ENDS)


def _next_line(text: str, pos: int) -> tuple[int, int] | None:
    """The next line after the line break at ``pos`` that holds more than spaces, as
    ``(start, end)``."""
    while pos < len(text) and text[pos] == "\n":
        end = text.find("\n", pos + 1)
        end = len(text) if end < 0 else end
        if text[pos + 1:end].strip():
            return pos + 1, end
        pos = end
    return None


def _paragraph_speech(sent: Sentence, pos: int) -> Sentence:
    """``sent`` run on over the next sentences of its paragraph that hold no cue."""
    text, lex = sent.text, sent.lex
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    end = sent.span[1]
    for start, stop in sent.layout.sentences_after(pos):
        if start >= line_end or _reports(sent, start, stop):
            break
        end = stop
    return Sentence(sent.layout, lex, (sent.span[0], end)) if end > sent.span[1] else sent


def _reports(sent: Sentence, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a reporting cue outside quotations."""
    return any(found.cue.kind != STAGE for found in sent.layout.cues_within(start, end))


def content_at(sent: Sentence, pos: int, gender: str = "") -> Content | None:
    """The content that starts at ``pos`` (after a colon, a complementizer, or nothing);
    ``gender``: the reporting verb's (:func:`clause_end`)."""
    text, lex = sent.text, sent.lex
    while True:
        m = _LEADING_WORD.match(text, pos, sent.span[1])
        if not m or fold(m.group(1)) not in lex.complementizers:
            break
        pos = m.end()
    pos = trim(text, pos, sent.span[1])[0]
    if pos >= sent.span[1]:
        return None
    q = sent.layout.quote_opening_at(pos)
    if q is None:
        s, e = trim(text, pos, clause_end(sent, pos, gender))
        if word_count(text, s, e, 2) < 2:
            return None
        kind, quotes = content_type(sent, s, e)
        return Content(tuple(quote_spans(text, s, e)), kind, quotes)
    # an unclosed quotation ends where the writer's framing starts (or its line ends); after a
    # closed one, a new report (``"..."، قالت الوزارة "..."``) ends what the content may take
    rest_end = q.close + 1 if not q.closed else _report_starts(sent, q.close + 1, clause_end(sent, q.close + 1))
    later = [p for p in sent.layout.quotes_within(q.close + 1, rest_end) if p.closed and is_speech_quote(text, p, lex)]
    start = quote_start(text, q, lex)
    if later:
        return Content(tuple(quote_spans(text, start, later[-1].close)), MIXED, (q, *later))
    if word_count(text, q.close + 1, rest_end, SPEECH_QUOTE_WORDS + 1) > SPEECH_QUOTE_WORDS:
        return Content(tuple(quote_spans(text, start, rest_end)), MIXED, (q,))
    spans = quote_spans(text, start, q.close)
    if not spans:
        return None
    more = _coordinated_clause(sent, q.close + 1) if q.closed and rest_end == sent.span[1] else None
    if more is not None:  # أنه "لا وجود لهذه التصريحات". وأنها لم تصدر عنه: the report goes on, mixed
        return Content((*spans, *quote_spans(text, *more)), MIXED, (q,))
    return Content(tuple(spans), DIRECT, (q,))


def _coordinated_clause(sent: Sentence, pos: int) -> tuple[int, int] | None:
    """The next sentence of the paragraph after ``pos`` when it opens with و and a
    complementizer (``. وأنها لم تصدر عن هذا الأستاذ``): a content clause coordinated with the
    report's, as ``(start, end)``."""
    text, layout = sent.text, sent.layout
    nxt = next(layout.sentences_after(pos), None)
    if nxt is None or "\n" in text[pos:nxt[0]]:
        return None
    m = _LEADING_WORD.match(text, nxt[0], nxt[1])
    word = fold(m.group(1)) if m else ""
    if word[:1] != "و" or word[1:] not in sent.lex.complementizers:
        return None
    start = nxt[0] + (m.start(1) - nxt[0])
    return trim(text, start, clause_end(Sentence(layout, sent.lex, nxt), m.end()))


def _report_starts(sent: Sentence, start: int, end: int) -> int:
    """Where the next report in ``[start, end)`` begins (a verb or a participle cue, past a
    comma: ``، قالت الوزارة``) or the writer's participle after a comma (``، محملا الوزارة``),
    else ``end``."""
    cue = next((c for c in sent.layout.cues_within(start, end) if c.cue.kind in (VERB, PARTICIPLE)), None)
    if cue is not None:
        end = trim(sent.text, start, cue.start)[1]
    m = _PARTICIPLE_AFTER_COMMA.search(sent.text, start, end)
    if m is not None and participle_shaped(fold(m.group(1))):
        return m.start()  # "..."، محملا الوزارة مسؤولية ...: the writer's participle, no speech of its own
    return end


def _is_content_quote(sent: Sentence, q: Quote) -> bool:
    """A quotation met after a cue holds content (not a quoted name or outlet) when it is
    longer than a name, or when the clause ends right after it, give or take a time word
    (``دان "الاعتداء".``، ``قال "الوضع مستقر" أمس.``)."""
    text = sent.text
    words = word_count(text, q.open, q.close, SPEECH_QUOTE_WORDS + 1)
    if words > SPEECH_QUOTE_WORDS:
        return True
    after = first_words(text, q.close + 1, clause_end(sent, q.close + 1), _TIME_WORDS + 1)
    timed = len(after) <= _TIME_WORDS and all(fold(w) in sent.lex.adverbials for w in after)
    return words >= 1 and (not after or (timed and words > 1)) and not _followed_by_colon(text, q)


def _followed_by_colon(text: str, q: Quote) -> bool:
    pos = q.close + 1
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos < len(text) and text[pos] == ":"


def _abbreviated(text: str, tok: Token) -> bool:
    """Whether a word is glued to a full stop before the next letter (``إن.بي.إن``، ``م.``):
    an abbreviation, not the word it spells."""
    return text[tok.end:tok.end + 1] == "." and text[tok.end + 1:tok.end + 2].isalpha()


def _stresses_subject(sent: Sentence, tok: Token) -> bool:
    """Whether a personal pronoun after the subject stresses it (``هو الآخر``، ``هي أيضا``):
    an adverbial follows."""
    m = _LEADING_WORD.match(sent.text, tok.end, sent.span[1])
    return m is not None and fold(m.group(1)) in sent.lex.adverbials


def find_intro(sent: Sentence, pos: int, claimed: set[int]) -> Intro | None:
    """From ``pos`` (after the cue, or after its speaker) skip adverbial material —
    prepositional phrases, addressees, time words, quoted names — to what introduces the
    content.  Another cue first means this one reports nothing."""
    scan = _IntroScan(sent, claimed)
    start: int | None = pos
    while start is not None and scan.intro is None:
        start = scan.read(start)
    return scan.intro


_DONE = -1  # what :meth:`_IntroScan.read` returns when the scan is over


class _IntroScan:
    """One reading of the words after a cue (:func:`find_intro`): ``intro`` once found, and
    whether a word before it was the verb's object."""

    __slots__ = ("after_object", "aside", "claimed", "first", "intro", "previous", "sent")

    def __init__(self, sent: Sentence, claimed: set[int]) -> None:
        self.sent, self.claimed = sent, claimed
        self.intro: Intro | None = None
        self.after_object = False
        self.first = True
        self.previous = ""
        self.aside = False  # inside a source phrase set off by commas (وتابع، بحسب موقع "..."، "...")

    def read(self, start: int) -> int | None:
        """Read from ``start``: where to read on after a quoted name or outlet, else None (the
        scan is over, :attr:`intro` set if found)."""
        layout = self.sent.layout
        ahead = layout.next_cue(start)  # looked up again only when a token passes it
        for tok in self.sent.iter_tokens(start):
            if self.aside and not self._ends_aside(tok):
                continue
            opened = self._opens(tok)
            if opened is not None:
                return None if opened == _DONE else opened
            if ahead is not None and ahead.start < tok.start:
                ahead = layout.next_cue(tok.start)
            found = ahead if tok.is_word and ahead is not None and ahead.start == tok.start else None
            if not self._passes(tok, found):
                return None
            self.previous = tok.text
        return None

    def _opens(self, tok: Token) -> int | None:
        """Whether ``tok`` introduces the content (:data:`_DONE`, :attr:`intro` set) or is a
        quoted name to read on after (the position after it); else None."""
        sent, lex, w = self.sent, self.sent.lex, tok.text
        if w == ":" and not _in_number(sent.text, tok):
            self.intro = Intro("colon", tok, self.after_object)
            return _DONE
        if w in lex.complementizers and self.previous not in lex.subordinators and not _abbreviated(sent.text, tok):
            self.intro = Intro("that", tok, self.after_object)
            return _DONE
        q = sent.layout.quote_opening_at(tok.start) if w in QUOTE_MARKS else None
        if q is None:
            return None
        term = (self.after_object and self.previous not in lex.adverbials
                and word_count(sent.text, q.open, q.close, SPEECH_QUOTE_WORDS + 1) <= SPEECH_QUOTE_WORDS)
        if q.open not in self.claimed and _is_content_quote(sent, q) and not term:
            self.intro = Intro("quote", tok, self.after_object)  # نافيا تسجيل إصابات بفيروس "كورونا": after an
            return _DONE  # object (not its preposition: دعاهم إلى "..."), a short quotation is a term
        return q.close + 1  # a quoted name or outlet: read on after it

    def _passes(self, tok: Token, found: CueMatch | None) -> bool:
        """Whether the scan reads on past ``tok`` (``found``: the cue starting there): not past
        another report, nor a pronoun that opens a clause of its own; the first word after the
        cue tells whether an object stands before the content."""
        lex, w = self.sent.lex, tok.text
        if found is not None and found.cue.kind == SOURCE and self.previous in ("،", ","):
            self.aside = True  # وتابع، بحسب موقع "..."، "...": a source phrase set off by a comma, read past
            return True
        is_cue = found is not None and found.cue.kind != STAGE and not self._next_to_negation_noun(tok)
        # في كلمة ألقاها: no other report; طالبا عدم ذكر اسمه: a request and a verbal noun, no report
        if found is not None and is_cue and (not self.first or found.cue.kind == PARTICIPLE or found.proclitic):
            return False  # another cue reports it (وتابع موضحا أن: the participle does; وقال الوزير وأكد)
        if w in lex.pronouns:
            return _stresses_subject(self.sent, tok)  # ، هو إيصال رسالة أن: a clause of its own
        if w in lex.resumptives:
            return True  # ذكرت فيه الكويت: the word after فيه is the object
        if w in lex.negation_nouns:
            self.after_object = False  # مسؤول فضل عدم الكشف عن هويته إن: the word before عدم was a verb
        if self.first and tok.is_word and not is_cue and _object_word(tok, lex):
            self.after_object = True
        self.first = False
        return True

    def _ends_aside(self, tok: Token) -> bool:
        """Whether a source phrase read past ends at ``tok``: a comma (read past too) or a colon
        or complementizer (read as such: ``وأكد المدير، حسبما نقلته الوكالة أن``)."""
        w = tok.text
        if w in ("،", ","):
            self.aside = False
            return False
        self.aside = not (w == ":" or w in self.sent.lex.complementizers)  # a quoted outlet is the phrase's
        return not self.aside

    def _next_to_negation_noun(self, tok: Token) -> bool:
        """Whether ``عدم`` stands right after ``tok`` (``طالبا عدم``) or right before it (``عدم ذكر``)."""
        text, nouns = self.sent.text, self.sent.lex.negation_nouns
        after = _LEADING_WORD.match(text, tok.end, self.sent.span[1])
        before = _TRAILING_WORD.search(text, max(self.sent.span[0], tok.start - _NEGATION_NOUN_REACH), tok.start)
        return (after is not None and fold(after.group(1)) in nouns) or (
            before is not None and fold(before.group(1)) in nouns)


def _in_number(text: str, tok: Token) -> bool:
    """Whether a mark stands between two digits (``12:55``: a time, no colon of speech)."""
    return tok.start > 0 and tok.end < len(text) and text[tok.start - 1].isdigit() and text[tok.end].isdigit()


def _object_word(tok: Token, lex: Lexicon) -> bool:
    """Whether the first word after a cue is its object: not an adverbial, an addressee with
    لـ, a participle (``موجهة حديثها``: the circumstance), the occasion (``وأتم تصريحاته``) or
    the people told (``أبلغ المسؤولين``)."""
    w = tok.text
    return (len(w) > 1 and w not in lex.adverbials and not w.startswith("ل") and not participle_shaped(w)
            and not lex.is_medium(lex.strip_article(w))
            and not FEMININE_PARTICIPLE_SHAPE.fullmatch(tok.raw) and not oblique_plural(lex.strip_article(w), lex))
