"""Where things are in a document: quotations, sentences, page furniture, cues, and tokens.

Everything here works on the stripped text (see :mod:`builder.text.arabic`).  A *sentence* ends
at ``. ! ? ؟ …`` followed by a space or the end, at a full stop glued to the next word, or at
a line break (not inside a hard-wrapped paragraph) — but never inside a quotation, so a quote
with several sentences, or one that runs over a line break, stays in one sentence; and it is
cut at :data:`MAX_SENTENCE` characters.  Page furniture comes in blocks, and the article
goes on after them.  The cues are found in one scan of the article text.  Tokens are made
only for the few words the rules look at around a cue, never for a whole document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from builder.lexicon.cue_forms import CUE, PARTICIPLE, PROCLITIC, VERB, Cue
from builder.lexicon.lexicon import Lexicon
from builder.text.arabic import ARABIC_LETTER, fold
from builder.text.quotes import Quote, pair_quotes

#: ``[.!?؟…]+`` before a space or the end (not the stop of a one-letter abbreviation: ``م.
#: أحمد``، ``د. سامي``), or a line break, or a full stop glued to the next word after a word of
#: three letters or more or a quotation (``الموجودة.وأضاف``، ``".وأكدت`` — not ``أ.مختار``،
#: ``إن.بي.إن``);
#: written to start with one character class, so that the scan skips to candidates at C speed.
_SENTENCE_END = re.compile(
    rf"[\n.!?؟…](?:(?<=\n)|(?<![^{ARABIC_LETTER}][{ARABIC_LETTER}]\.)(?<!^[{ARABIC_LETTER}]\.)[.!?؟…]*(?=\s|$)"
    rf"|(?:(?<=[{ARABIC_LETTER}]{{3}}\.)|(?<=[\"”»]\.))(?=[{ARABIC_LETTER}]))")
#: The longest a sentence may be: a longer stretch with no sentence end (a page without
#: punctuation, a runaway quotation) is cut, so that the work around one cue stays bounded.
MAX_SENTENCE = 5000
_WRAP_LINES = 3
_WRAP_WIDTH = (25, 160)  # the width a paragraph is wrapped at
_WRAP_SLACK = 15  # characters from its widest line
_CUE_LINE_WORDS = 4  # a line of a cue and the start of its subject: أعلن الناطق
_SENTENCE_CLOSERS = ".!?؟…:\"”»"
#: The last word of a line, with what follows it to the break (group 1 ends at the break).
_LINE_END_WORD = re.compile(r"(?<!\w)((\w+)[ \t]*)(?=\n)")
#: A line of this many words or more is article prose: page furniture ends before it.
PROSE_WORDS = 16
PROSE_ENDS = ".!?؟\"”»"
TOKEN = re.compile(r"(\w+(?:[-_/]\w+)*)|\S")  # group 1: a word
WORD = re.compile(r"\w+(?:[-_/]\w+)*")
_TRIM = " \t\n.,،؛;:!?؟…-–—"
_YA_PREPOSITIONS = re.compile(r"(?<!\w)(?:علي|إلي|الي|حتي|لدي)(?!\w)")
_HABIT_WORDS = 3


class CueMatch(NamedTuple):
    """A cue found in the text (its required preposition present): where its token starts
    (with a و/ف proclitic), where the cue itself starts and ends, and whether a proclitic
    precedes it."""

    start: int
    cue_start: int
    end: int
    proclitic: bool
    cue: Cue


class Token(NamedTuple):
    start: int
    end: int
    text: str
    """The token folded (:func:`builder.text.arabic.fold`), as lexicons compare it."""
    raw: str
    """The token as written (stripped of diacritics, not folded): ``على`` vs the name ``علي``."""
    is_word: bool
    """A word, not a punctuation mark."""


_new = tuple.__new__  # builds a Token without the Python-level constructor: this is a hot path


def tokenize(text: str, start: int, end: int, limit: int = 1 << 30) -> list[Token]:
    """Up to ``limit`` words (with inner ``-``/``_``) and punctuation marks of ``text[start:end]``."""
    out = []
    for m in TOKEN.finditer(text, start, end):
        raw = m.group()
        out.append(_new(Token, (m.start(), m.end(), fold(raw), raw, m.lastindex == 1)))
        if len(out) >= limit:
            break
    return out


def iter_tokens(text: str, start: int, end: int) -> Iterator[Token]:
    """:func:`tokenize`, lazily."""
    for m in TOKEN.finditer(text, start, end):
        raw = m.group()
        yield _new(Token, (m.start(), m.end(), fold(raw), raw, m.lastindex == 1))


def trim(text: str, start: int, end: int, extra: str = "") -> tuple[int, int]:
    """Shrink ``(start, end)`` past spaces, sentence punctuation and ``extra`` characters."""
    chars = _TRIM + extra
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


@dataclass
class Layout:
    """Quotations, sentences and page furniture of one stripped text."""

    text: str
    quotes: list[Quote]
    sentences: list[tuple[int, int]]
    furniture: list[tuple[int, int]]
    """Blocks of page furniture (a heading such as ``اقرأ أيضا`` and the short lines after
    it), in order: not article text."""
    cues: list[CueMatch] = field(default_factory=list)
    """Every cue of the article text (outside quotations and furniture), in order: the one
    scan for cues that the anchors, content ends, intros and colon speech all read."""
    tanwin: frozenset[int] = frozenset()
    """Positions right after a letter the original wrote with the accusative tanwin (``اجتماعاً``،
    ``اجتماعًا``): a noun in the accusative, never a name."""
    one_block: bool = field(init=False)
    """The text has no line break at all (a feed or crawl that writes every break as a
    space): no line or paragraph end bounds what runs to one."""
    ya_for_maqsura: bool = field(init=False)
    """The text writes ى as ي: no ى anywhere and prepositions spelled with ي a few times
    (``علي``، ``إلي``): there ``علي`` may be على, elsewhere it is a name."""
    _quote_opens: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    _quote_by_open: dict[int, Quote] = field(default_factory=dict)
    _furniture_starts: list[int] = field(default_factory=list)
    _cue_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.one_block = "\n" not in self.text
        self.ya_for_maqsura = "ى" not in self.text and len(_YA_PREPOSITIONS.findall(self.text)) >= _HABIT_WORDS
        self._furniture_starts = [s for s, _ in self.furniture]
        self._cue_starts = [c.start for c in self.cues]
        self._quote_opens = [q.open for q in self.quotes]
        self._sentence_starts = [s for s, _ in self.sentences]
        self._quote_by_open = {q.open: q for q in self.quotes}

    def accusative(self, tok: Token) -> bool:
        """Whether the word ``tok`` carries the accusative tanwin on its last letters."""
        return bool(self.tanwin) and (tok.end in self.tanwin or tok.end - 1 in self.tanwin)

    def cue_starting(self, pos: int) -> CueMatch | None:
        """The cue that starts at ``pos`` (its و/ف proclitic included), if any."""
        found = self.next_cue(pos)
        return found if found is not None and found.start == pos else None

    def next_cue(self, pos: int) -> CueMatch | None:
        """The first cue that starts at or after ``pos``, if any."""
        k = bisect_left(self._cue_starts, pos)
        return self.cues[k] if k < len(self.cues) else None

    def cues_within(self, start: int, end: int) -> list[CueMatch]:
        """The cue matches that start in ``[start, end)``."""
        return self.cues[bisect_left(self._cue_starts, start):bisect_left(self._cue_starts, end)]

    def in_furniture(self, pos: int) -> bool:
        k = bisect_right(self._furniture_starts, pos) - 1
        return k >= 0 and pos < self.furniture[k][1]

    def quote_opening_at(self, pos: int) -> Quote | None:
        """The quotation whose opening mark is at ``pos``."""
        return self._quote_by_open.get(pos)

    def quote_around(self, pos: int) -> Quote | None:
        """The quotation whose marks enclose ``pos`` (marks excluded)."""
        k = bisect_right(self._quote_opens, pos) - 1
        if k >= 0:
            q = self.quotes[k]
            if q.open < pos < q.close:
                return q
        return None

    def quote_closing_at(self, pos: int) -> Quote | None:
        """The closed quotation whose closing mark is at ``pos``."""
        k = bisect_right(self._quote_opens, pos) - 1
        if k >= 0 and self.quotes[k].closed and self.quotes[k].close == pos:
            return self.quotes[k]
        return None

    def sentence_of(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[max(k, 0)]

    def sentences_after(self, pos: int) -> Iterator[tuple[int, int]]:
        """The sentences that start after ``pos``, in order."""
        for k in range(bisect_right(self._sentence_starts, pos), len(self.sentences)):
            yield self.sentences[k]

    def quotes_within(self, start: int, end: int) -> list[Quote]:
        """Quotations that open at or after ``start`` and close before ``end``."""
        k = bisect_right(self._quote_opens, start - 1)
        out = []
        while k < len(self.quotes) and self.quotes[k].open < end:
            if self.quotes[k].close < end:
                out.append(self.quotes[k])
            k += 1
        return out


def body(quotes: list[Quote], furniture: list[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """The stretches of ``[0, length)`` outside ``quotes`` and the ``furniture`` blocks."""
    blocks = iter(furniture)
    block = next(blocks, None)
    for start, end in outside(quotes, length):
        while start < end:
            while block is not None and block[1] <= start:
                block = next(blocks, None)
            if block is None or block[0] >= end:
                yield start, end
                break
            if block[0] > start:
                yield start, block[0]
            start = block[1]


def colon_lines(text: str, end: int, head: int = 80) -> Iterator[tuple[int, int]]:
    """``(line start, colon)`` of each line before ``end`` whose first colon comes after 1 to
    ``head`` characters and stands between no two digits (``12:30``; ``الوزير :1400 فحص`` is a head)."""
    colon = text.find(":", 0, end)
    while colon >= 0:
        line = text.rfind("\n", 0, colon) + 1
        if 0 < colon - line <= head \
                and not (colon + 1 < end and text[colon + 1].isdecimal() and text[colon - 1].isdecimal()):
            yield line, colon
        next_line = text.find("\n", colon, end)
        colon = text.find(":", next_line, end) if next_line >= 0 else -1


def outside(quotes: list[Quote], end: int) -> Iterator[tuple[int, int]]:
    """The stretches of ``[0, end)`` that none of ``quotes`` encloses (marks excluded)."""
    pos = 0
    for q in quotes:
        if q.open >= end:
            break
        if q.open >= pos:
            yield pos, q.open + 1
        pos = max(pos, q.close)
    if pos < end:
        yield pos, end


def _sentences(text: str, quotes: list[Quote], end: int, joined: frozenset[int] = frozenset()
               ) -> list[tuple[int, int]]:
    """Sentence spans (not trimmed: callers trim what they take); ends inside a quotation
    do not count, so those stretches are not even scanned.  The line breaks at ``joined``
    end no sentence either."""
    bounds = [m.span() for start, stop in outside(quotes, end) for m in _SENTENCE_END.finditer(text, start, stop)]
    soft = soft_breaks(text) | joined
    if soft:  # a line break inside a hard-wrapped paragraph ends no sentence
        bounds = [b for b in bounds if b[0] not in soft]
    starts = [0] + [e for _, e in bounds]
    ends = [s for s, _ in bounds] + [end]
    spans = [(s, e) for s, e in zip(starts, ends, strict=True) if e > s] or [(0, 0)]
    if any(e - s > MAX_SENTENCE for s, e in spans):
        spans = [piece for span in spans for piece in _cut(text, *span)]
    return spans


def _unfinished_breaks(text: str, unfinished: frozenset[str]) -> frozenset[int]:
    """The line breaks right after a word that cannot end a sentence (``وأكد بصل في⏎تصريح``،
    ``ولفت إلى أن⏎هناك``): the line goes on below, in any text."""
    if not unfinished:
        return frozenset()
    return frozenset(m.end(1) for m in _LINE_END_WORD.finditer(text) if fold(m.group(2)) in unfinished)


def _cue_line_breaks(text: str, cues: list[CueMatch]) -> frozenset[int]:
    """The line breaks after a short line that opens with a verb cue and has no end mark
    (``أعلن الناطق⏎باسم الدفاع المدني ... أن``، ``وقال⏎الوزير إن``): no paragraph is a cue and
    the start of its subject, so the sentence goes on below."""
    found = set()
    for c in cues:
        if c.cue.kind != VERB:
            continue
        line_start, line_end = text.rfind("\n", 0, c.start) + 1, text.find("\n", c.start)
        if line_end < 0 or text[line_start:c.start].strip() or not text[line_end + 1:line_end + 2].strip():
            continue
        line = text[line_start:line_end].rstrip()
        if len(line.split()) <= _CUE_LINE_WORDS and line[-1:] not in _SENTENCE_CLOSERS:
            found.add(line_end)
    return frozenset(found)


def soft_breaks(text: str) -> frozenset[int]:
    """The line breaks of hard-wrapped paragraphs (lines broken at a fixed width in mid-sentence,
    as some feeds and archives store text, at 30 characters or at 100): those breaks are
    spaces.  In a paragraph of three lines or more, the break after a line is soft when the
    line runs to about the paragraph's widest line and does not end a sentence; a short last
    line (the paragraph's end, a footer such as ``(العلم)``) keeps its break.  A paragraph
    with a single such break is not wrapped."""
    if text.count("\n") < _WRAP_LINES - 1:
        return frozenset()
    soft: set[int] = set()
    start, lines = 0, []
    for line in [*text.split("\n"), ""]:  # a last blank line closes the last paragraph
        if line.strip():
            lines.append(line)
            continue
        if len(lines) >= _WRAP_LINES:
            soft.update(_soft_in(lines, start))
        start += sum(len(x) + 1 for x in lines) + len(line) + 1
        lines = []
    return frozenset(soft)


def _soft_in(lines: list[str], start: int) -> list[int]:
    """The soft breaks of one paragraph of ``lines`` starting at ``start`` (see :func:`soft_breaks`)."""
    widths = [len(line.rstrip()) for line in lines]
    width = max(widths)
    if not _WRAP_WIDTH[0] <= width <= _WRAP_WIDTH[1]:
        return []
    found, pos = [], start
    for line, w in zip(lines[:-1], widths, strict=False):
        pos += len(line)
        if w >= max(_WRAP_WIDTH[0], width - _WRAP_SLACK) and line.rstrip()[-1:] not in _SENTENCE_CLOSERS:
            found.append(pos)
        pos += 1
    return found if len(found) >= _WRAP_LINES - 1 else []


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` in pieces of at most :data:`MAX_SENTENCE` characters, cut after a
    space where there is one."""
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE) + 1 or start + MAX_SENTENCE
        yield start, cut
        start = cut
    yield start, end


@dataclass(slots=True)
class Sentence:
    """One sentence of a document, with what the rules need to look around it."""

    layout: Layout
    lex: Lexicon
    span: tuple[int, int]

    @property
    def text(self) -> str:
        return self.layout.text

    def tokens_from(self, pos: int, limit: int = 16) -> list[Token]:
        return tokenize(self.layout.text, pos, self.span[1], limit)

    def iter_tokens(self, pos: int) -> Iterator[Token]:
        return iter_tokens(self.layout.text, pos, self.span[1])

    def tokens_before(self, pos: int, limit: int) -> list[Token]:
        return tokenize(self.layout.text, max(self.span[0], pos - 16 * limit), pos)[-limit:]


def layout(text: str, lex: Lexicon, tanwin: frozenset[int] = frozenset()) -> Layout:
    """The layout of the stripped ``text``; ``tanwin``: where the original wrote an accusative
    tanwin (:meth:`builder.text.arabic.NormalizedText.marked`)."""
    quotes = pair_quotes(text)
    if any(not q.closed for q in quotes):
        quotes = [q if q.closed else _bounded(text, q, lex) for q in quotes]
    furniture = _furniture(text, lex)
    cues = scan_cues(text, body(quotes, furniture, len(text)), lex)
    sentences = _sentences(text, quotes, len(text),
                           _unfinished_breaks(text, lex.unfinished) | _cue_line_breaks(text, cues))
    return Layout(text, quotes, sentences, furniture, cues, tanwin)


def _bounded(text: str, q: Quote, lex: Lexicon) -> Quote:
    """An unclosed quotation ends where the writer's framing takes over — a verb cue with و/ف
    (``... وأضاف أن``) or a participle (``، مُشيراً إلى أن``) — before the end of its line (or
    of a text with no line breaks), not at a sentence end (a quotation may hold several)."""
    framing = next((c.start for c in scan_cues(text, [(q.open + 1, q.close)], lex)
                    if c.cue.kind == PARTICIPLE or (c.cue.kind == VERB and c.proclitic)), q.close)
    if framing < q.close:
        framing = trim(text, q.open + 1, framing)[1]
    return Quote(q.open, framing, False)


def scan_cues(text: str, stretches: Iterable[tuple[int, int]], lex: Lexicon) -> list[CueMatch]:
    """The cues in ``stretches`` of ``text``, in order.  The cue pattern starts with the
    character before a cue (:func:`builder.lexicon.cue_forms.cue_pattern`): it scans the text with a
    space put before it, so that a cue at the start has one; a match's positions there are
    one more than in ``text``."""
    padded = " " + text
    found = []
    for start, end in stretches:
        for m in lex.cue_re.finditer(padded, start, end + 1):
            cue = lex.cue_of(m)
            proclitic = m.start(PROCLITIC) >= 0
            if cue is None and proclitic:  # ورد في التقرير: not و + رد على, the verb ورد
                cue, proclitic = lex.whole_word_cue(padded, m.start(PROCLITIC), m.end()), False
                if cue is not None:
                    found.append(CueMatch(m.start(PROCLITIC) - 1, m.start(PROCLITIC) - 1, m.end() - 1, False, cue))
                continue
            if cue is not None:
                found.append(CueMatch(m.start(PROCLITIC if proclitic else CUE) - 1, m.start(CUE) - 1, m.end() - 1,
                                      proclitic, cue))
    return found


def _prose(text: str, start: int, end: int) -> bool:
    """A line of article prose: :data:`PROSE_WORDS` words or more, or half as many ending a
    sentence (a title or a teaser has no full stop; an excerpt ends in …)."""
    words = len(WORD.findall(text, start, end))
    if words >= PROSE_WORDS:
        return True
    last = text[start:end].rstrip()[-1:]
    return words >= PROSE_WORDS // 2 and last in PROSE_ENDS


def _furniture(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Blocks of page furniture: each heading line and the lines after it up to the next
    line of article prose: a list of related articles, a comment box, a teaser — never the
    article around them."""
    blocks: list[tuple[int, int]] = []
    for m in lex.furniture_re.finditer("\n" + text):  # a match's line starts at m.start() in text
        if blocks and m.start() < blocks[-1][1]:
            continue
        end = text.find("\n", m.end() - 1)
        end = len(text) if end < 0 else end
        while end < len(text):
            stop = text.find("\n", end + 1)
            stop = len(text) if stop < 0 else stop
            if _prose(text, end + 1, stop):
                break
            end = stop
        blocks.append((m.start(), end))
    return blocks
