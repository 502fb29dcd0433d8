"""``SPEAKER: content`` lines with no cue (headlines, decks, interview lines): id
``headline.colon``.  A line that a cue rule already read or a page label (``المصدر:``) is
none.  A head with a title or an institution speaks, and so does one in quotation marks
(``"الصحة": لا إصابات جديدة``); a bare name speaks when the article quotes that person, names
them after a title elsewhere (``المايسترو الأستاذ عدنان فتح الله ... فتح الله: ...``), or
stands in a deck of such lines one of which speaks (``عريقات : ...`` over ``صالح : ...``) —
else it is a dateline (``الرباط: ...``).  A head line with nothing after its colon speaks the
list of items below it (``مدرب الفريق/ حسن أحمد :`` over ``* ...`` lines), or names whom a
paragraph below it that reports with a dropped subject means (``جمال الدريدب:`` over ``قال بأنه``).
A head whose colon is followed by a verb in the present (``الناطق باسم الجيش: يتحدث عن ...``) is
that verb's subject, and the cue rules read the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from builder.engine.content import ITEM_START, block_speech, content_at, speech_below
from builder.engine.layout import Sentence, Token, colon_lines, tokenize, trim
from builder.engine.mentions import INSTITUTION, NAME, QUOTED, TITLE, Phrase, name_run, parse_phrase
from builder.lexicon.cue_forms import STAGE, VERB
from builder.text.arabic import ARABIC_LETTER

if TYPE_CHECKING:
    from builder.engine.context import Context

_ARABIC_WORD = re.compile(f"[{ARABIC_LETTER}]")
_FIRST_WORD = re.compile(r"\s*(\w+)")
_HEAD_WORDS = (1, 6)
_SPOKEN_TO_WORDS = 3  # لـ(صدى الشعب)، لإذاعة البلد
_KICKER_ENDS = frozenset("…|–—")
_STAFF_WORDS = 6  # د. خالد بن ثاني آل ثاني
_SEGMENT_END = re.compile(r"\.\.+|…|\|")
_SEGMENT_HEAD = 60  # characters from a segment's start to its colon
_FIRST_PERSON = "نأا"  # the prefixes of a verb in the present whose subject is "we" or "I"


@dataclass(slots=True)
class _Line:
    """A ``HEAD: content`` line that may be a headline: its ``phrase``, the ``sentence`` its
    content stands in, whether its head plainly ``speaks`` or is a bare name to be supported
    by its deck, and whether a ``verb`` opens what follows the colon (the head its subject)."""

    start: int
    colon: int
    end: int
    text: str
    phrase: Phrase
    sentence: Sentence
    speaks: bool
    verb: bool = False

    @property
    def said(self) -> bool:
        """Whether the line holds its content after the colon (else the lines below do)."""
        return trim(self.sentence.text, self.colon + 1, self.sentence.span[1])[0] < self.sentence.span[1]


def headlines(ctx: Context) -> None:
    text = ctx.text
    lines = [line for start, colon in colon_lines(text, len(text)) if not ctx.layout.in_furniture(start)
             for line in _segments(ctx, start, colon)]
    seen: set[str] = set()  # a headline printed twice (title and h1) is one attribution
    for k, line in enumerate(lines):
        if line.text in seen or not (line.speaks or _in_speaking_deck(lines, k)) or _masthead(ctx, lines, k):
            continue
        if line.verb:
            ctx.mention(line.phrase, "", weak=False, headline=True)  # the subject of that verb
            continue
        content = content_at(line.sentence, line.colon + 1) if line.said else speech_below(line.sentence, line.end)
        mention = ctx.mention(line.phrase, "", weak=False, headline=True)  # headlines drop the article
        if content is None:
            continue  # جمال الدريدب: over his words reported below (قال بأنه ...): who they mean
        if ctx.propose("headline.colon", content, None, mention, "", line.start):
            seen.add(line.text)


def _masthead(ctx: Context, lines: list[_Line], k: int) -> bool:
    """Whether line ``k`` and the line before or after it each give a person's name and nothing
    else after the colon (``المدير العام : أحمد بن سالم`` over ``رئيس التحرير: سامي الدوري``):
    the paper's staff, no speech."""
    if not _names_only(ctx, lines[k]):
        return False
    return (k > 0 and _next_line(lines[k - 1], lines[k]) and _names_only(ctx, lines[k - 1])) or (
        k + 1 < len(lines) and _next_line(lines[k], lines[k + 1]) and _names_only(ctx, lines[k + 1]))


def _names_only(ctx: Context, line: _Line) -> bool:
    """Whether the words after a line's colon are a person's name and nothing else."""
    tokens = tokenize(ctx.text, line.colon + 1, line.end, 2 * _STAFF_WORDS)
    if not tokens or sum(t.is_word for t in tokens) > _STAFF_WORDS \
            or not all(t.is_word or t.text == "." for t in tokens):
        return False
    phrase = parse_phrase(ctx.layout, tokens, 0, ctx.lex)
    parts = phrase.parts[1:] if phrase.parts and phrase.parts[0].kind == TITLE else phrase.parts  # د. خالد
    return phrase.next_index == len(tokens) and bool(parts) and all(p.kind == NAME for p in parts) \
        and name_run(phrase.parts, ctx.lex) is not None


def _verb_after_colon(ctx: Context, colon: int, end: int) -> bool:
    """Whether the words after the colon open with a verb in the present, a cue or a verb that
    puts a source on stage, whose subject is the head (``الناطق باسم الجيش: يتحدث عن الضربات``،
    ``رئيس الوزراء: يؤكد أن ...``): the cue rules read what it reports, if anything."""
    m = _FIRST_WORD.match(ctx.text, colon + 1, end)
    if m is None or m.group(1)[:1] in _FIRST_PERSON:
        return False  # وزير المالية: نتوقع نموا: the head speaking in the first person, his words
    return any(c.start == m.start(1) and not c.proclitic and c.cue.present and c.cue.kind in (VERB, STAGE)
               for c in ctx.layout.cues_within(m.start(1), m.end(1)))


def _in_speaking_deck(lines: list[_Line], k: int) -> bool:
    """Whether line ``k`` stands in a run of consecutive ``HEAD: content`` lines one of which
    speaks (a deck of voices: ``عريقات : ...`` then ``صالح : ...``)."""
    def run(step: int) -> bool:
        j = k
        while 0 <= j + step < len(lines) and _next_line(lines[min(j, j + step)], lines[max(j, j + step)]):
            j += step
            if lines[j].speaks:
                return True
        return False

    return run(-1) or run(1)


def _next_line(a: _Line, b: _Line) -> bool:
    """Whether ``b`` is the line right after ``a``."""
    return b.start == a.start + len(a.text) + 1 or b.start == a.sentence.span[1] + 1


def _head(tokens: list[Token]) -> list[Token]:
    """The speaker part of a line head: after a kicker set off by … (or ``...``) or | (``الله يحد لباس…
    عبد اللطيف وهبي``) and a stamp in other letters or digits, before an outlet or person
    spoken to (``للجزيرة``، ``لـ(صدى الشعب)``) or the topic (``عن أزمة القمح``); a slash between title and
    name left out."""
    cut = max((k + 1 for k, t in enumerate(tokens) if t.text in _KICKER_ENDS or _dots(tokens, k)), default=0)
    while cut < len(tokens) and tokens[cut].is_word and not _ARABIC_WORD.search(tokens[cut].text):
        cut += 1  # date 2025-10-29 عبد الحفيظ: a stamp before the name
    tokens = [t for t in tokens[cut:] if t.text != "/"]  # مدرب الفريق/ حسن أحمد: a slash sets off the name
    for k, t in enumerate(tokens):
        if k and t.text == "عن":
            return tokens[:k]  # وزير الزراعة عن أزمة القمح: what the line is about follows the speaker
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


def _segments(ctx: Context, start: int, colon: int) -> list[_Line]:
    """The ``HEAD: content`` segments of the line at ``start``: a mark that ends a segment (``..``،
    ``…``، ``|``) followed by a head that speaks and its colon opens another (``"سامي": الفريق
    جاهز.. "عادل": سنفوز``)."""
    text = ctx.text
    end = text.find("\n", colon + 1)
    end = len(text) if end < 0 else end
    out: list[_Line] = []
    for m in _SEGMENT_END.finditer(text, colon + 1, end):
        head = trim(text, m.end(), end)[0]
        second = text.find(":", head, min(end, head + _SEGMENT_HEAD))
        if second < 0 or _SEGMENT_END.search(text, head, second):
            continue
        line = _line(ctx, head, second)
        if line is not None and line.speaks:
            first = _line(ctx, start, colon, m.start())
            out.extend([first] if first is not None else [])
            start, colon = head, second
    line = _line(ctx, start, colon)
    return [*out, line] if line is not None else out


def _line(ctx: Context, start: int, colon: int, end: int = -1) -> _Line | None:
    """The line at ``start`` (to ``end``, else its end) as a possible headline, or None when its
    head cannot speak."""
    text, lex = ctx.text, ctx.lex
    if end < 0:
        end = text.find("\n", colon + 1)
        end = len(text) if end < 0 else end
    if ctx.layout.quote_around(colon) or ctx.layout.cues_within(start, colon):
        return None  # وقال الوكيل: ... — the cue rules own this line
    if not _ARABIC_WORD.search(text, start, colon) or text.startswith("//", colon + 1):
        return None
    item = ITEM_START.match(text, start, colon)  # • مهلهل المضف: ... — a deck line set off as a list item
    head = _head(tokenize(text, item.end() if item else start, colon))
    words = [t.text for t in head if t.is_word]
    if not _HEAD_WORDS[0] <= len(words) <= _HEAD_WORDS[1] + _SPOKEN_TO_WORDS or lex.is_label(words):
        return None
    sent = Sentence(ctx.layout, lex, (start, end))
    if ctx.layout.one_block:
        sent = _block_headline(ctx, sent, colon + 1)
    verb = _verb_after_colon(ctx, colon, end)
    if ctx.has_candidate(start, sent.span[1]) and not verb:
        return None
    phrase = _speaker(ctx, head)
    if phrase is None:
        return None
    return _Line(start, colon, end, " ".join(text[start:end].split()), phrase, sent, _speaks(ctx, phrase), verb)


def _speaker(ctx: Context, head: list[Token]) -> Phrase | None:
    """The speaker phrase of a line head, if the head is one (and whom it was spoken to)."""
    phrase = parse_phrase(ctx.layout, head, 0, ctx.lex)
    rest = head[phrase.next_index:]
    if not phrase.parts or (rest and not (rest[0].is_word and rest[0].text[:1] == "ل")):  # لإذاعة البلد: spoken to
        return None
    if len(phrase.parts) > _HEAD_WORDS[1] or sum(t.is_word for t in rest) > _SPOKEN_TO_WORDS:
        return None
    return phrase


def _speaks(ctx: Context, phrase: Phrase) -> bool:
    """Whether a head plainly speaks: a title, an institution, a name in quotation marks, or a
    bare name the article quotes or introduces after a title elsewhere."""
    if any(p.kind in (TITLE, INSTITUTION, QUOTED) for p in phrase.parts):
        return True
    name = name_run(phrase.parts, ctx.lex)
    if name is None:
        return False
    if ctx.speakers.names_someone(name):
        return True
    titled = ctx.titled_elsewhere(name)
    if titled is not None:
        ctx.mention(titled, "", weak=False, antecedent=False)  # the name in full, for the group
    return titled is not None
