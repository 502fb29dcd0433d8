"""The per-document context the rules read and add to.

A rule is a function of a :class:`Context` (and of the cue anchor it answers): the context
holds the document as matched (the stripped text, where its quotations and sentences are,
the lexicon) and what the rules have found so far — the candidates, the quotations they
use, the speaker mentions and each sentence's subject — behind a few methods, so that
what one rule tells the next is explicit:

* :meth:`Context.propose` adds a candidate unless a quotation it uses is already taken;
* :meth:`Context.mention` makes a speaker mention (also one whose cue reports nothing:
  it can still be the antecedent of a dropped subject);
* :meth:`Context.set_subject` / :meth:`Context.subject` carry a verb's subject to the
  participles of its sentence (``قال الوزير ...، مؤكدا أن``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from builder.documents import Document
from builder.engine.content import Content, without_marks
from builder.engine.layout import WORD, Layout, Sentence, layout, tokenize
from builder.engine.mentions import (
    GENTILIC,
    INSTITUTION,
    MODIFIER,
    NAME,
    TITLE,
    Mention,
    Part,
    Phrase,
    mention_of,
    name_run,
    parse_phrase,
    word_class,
)
from builder.engine.speakers import Speakers
from builder.lexicon.cue_forms import trie_pattern
from builder.lexicon.lexicon import Lexicon
from builder.text.arabic import fold, normalize
from builder.text.quotes import QUOTE_MARKS

Offsets = tuple[int, int]
DAMMA = "\u064f"
FATHATAN = "\u064b"
_PHRASE_TOKENS = 24
_PREFIX_LETTERS = 3  # وال، لل
_OPENING_SENTENCES = 2  # how many sentences back a dropped subject looks for an opening subject
_FULL_NAME_WORDS = 4
_OPENING_TITLE_PARTS = 3  # the most words of a title phrase with no name taken as an opening subject
_INTRODUCED_TRIES = 6  # the nearest places a title stands (a chain: نائب رئيس الوزراء ووزير)
_RECENT = 8  # candidates whose content a later cue may stand in
#: How far back (characters) a title is looked for where the person it names was introduced.
INTRODUCED_REACH = 3000


@dataclass(eq=False, slots=True)
class Candidate:
    """A candidate attribution in the stripped text.  ``position`` orders it (its cue, or its
    line); ``gender`` is its verb's agreement (for a dropped subject's antecedent); ``name``
    is the span of its speaker's name, set when speakers are named."""

    rule: str
    type: str
    content: tuple[Offsets, ...]
    cue: Offsets | None
    mention: Mention | None
    gender: str
    position: int
    confidence: float
    name: Offsets | None = None


def _first_full_name(parts: tuple[Part, ...]) -> Offsets | None:
    """The full name right after the titles that open a phrase — two to four name words, the
    first without the article (``الوزير سامي حداد`` of ``الوزير سامي حداد السفير نادر سليم``: the
    verb's object follows); None when a body or anything else comes first (``عميد بلدية سبها``)."""
    k = 0
    while k < len(parts) and parts[k].kind in (TITLE, MODIFIER, GENTILIC):
        k += 1
    j = k
    while j < len(parts) and parts[j].kind == NAME:
        j += 1
    if not 2 <= j - k <= _FULL_NAME_WORDS or parts[k].definite:
        return None
    return parts[k].start, parts[j - 1].end


@lru_cache(maxsize=512)
def _title_pattern(heads: frozenset[str]) -> re.Pattern:
    """The folded words ``heads`` in any spelling (the word's end is checked by the caller)."""
    return re.compile(trie_pattern(sorted(heads)))


def _word_char(ch: str) -> bool:
    """A character of ``\\w``: a letter, a digit or ``_``."""
    return ch.isalnum() or ch == "_"


def _word_start(text: str, k: int) -> int:
    """Where the word holding ``text[k]`` starts, if the letters before ``k`` can be an
    article or a proclitic (three at most), else -1."""
    j = k
    while j > 0 and text[j - 1].isalnum():
        j -= 1
    return j if k - j <= _PREFIX_LETTERS else -1


class Context:
    """One document while the rules read it (see the module docstring)."""

    def __init__(self, doc: Document, lex: Lexicon, confidences: Mapping[str, float]) -> None:
        self.doc = doc
        self.lex = lex
        self.norm = normalize(doc.text)
        self.text = self.norm.text
        self.layout: Layout = layout(self.text, lex, self.norm.marked(FATHATAN))
        self.speakers = Speakers(self.text, lex, self._introduced, self._opening_subject)
        self.candidates: list[Candidate] = []
        self.claimed: set[int] = set()
        """Opening marks of the quotations a candidate uses: no other cue takes them."""
        self._confidences = confidences
        self._subjects: dict[Offsets, tuple[Mention | None, str]] = {}
        self._speaker_spans: list[Offsets] = []
        self._positions: list[int] = []  # of the candidates, sorted
        self._titled: dict[int, tuple[Offsets, frozenset[str]] | None] = {}
        self._dammas = DAMMA in doc.text  # title word start -> the name its phrase has

    def sentence(self, pos: int) -> Sentence:
        return Sentence(self.layout, self.lex, self.layout.sentence_of(pos))

    def display(self, span: Offsets) -> str:
        """A span of the stripped text as the stored text writes it, spaces collapsed and
        quotation marks and commas trimmed: a speaker's name as output.  A name whose article
        lost its alif to a glued لـ (``وفقا للبنك المركزي``: the span reads ``لبنك المركزي``) gets
        it back (``البنك المركزي``)."""
        start, end = self.norm.span(*span)
        name = " ".join(self.doc.text[start:end].split()).strip(QUOTE_MARKS + " ،,")
        text = self.text
        if span[0] > 0 and text[span[0] - 1] == "ل" and text.startswith("ل", span[0]) and name.startswith("ل"):
            return "ا" + name
        return name

    def mention(self, phrase: Phrase, gender: str, weak: bool, antecedent: bool = True,
                headline: bool = False) -> Mention:
        """The speaker mention of a parsed phrase, known from now on to the resolver."""
        mention = mention_of(phrase, self.text, self.lex, gender, weak, antecedent, headline)
        self.speakers.add(mention)
        self._speaker_spans.append(mention.span)
        return mention

    def _introduced(self, heads: frozenset[str], before: int, genitive: frozenset[str]) -> Offsets | None:
        """The name of the latest person introduced before ``before`` with one of the title
        words ``heads`` (``عبر وزير النقل هشام بن أحمد ... عن استنكاره``) and every word of
        ``genitive`` (``وزير الإعلام``), though no cue made them speak: the text is searched
        back that far, :data:`INTRODUCED_REACH` at most, for the title word in any spelling,
        and parsed only where it stands."""
        text = self.text
        found = [m for m in _title_pattern(heads).finditer(text, max(0, before - INTRODUCED_REACH), before)
                 if m.end() == len(text) or not text[m.end()].isalnum()]
        for m in reversed(found[-_INTRODUCED_TRIES:]):
            titled = self._titled_name(_word_start(text, m.start()), before)
            if titled is not None and genitive <= titled[1]:
                return titled[0]
        return None

    def _titled_name(self, start: int, before: int) -> tuple[Offsets, frozenset[str]] | None:
        """The name in the phrase a title word at ``start`` opens, if any, with the phrase's
        words (parsed once a place)."""
        if start < 0:
            return None
        if start not in self._titled:
            tokens = tokenize(self.text, start, before, _PHRASE_TOKENS)
            self._titled[start] = None
            if tokens and word_class(tokens[0].text, self.lex) == TITLE:
                parts = parse_phrase(self.layout, tokens, 0, self.lex).parts
                name = name_run(parts, self.lex)
                if name is not None:
                    self._titled[start] = name, frozenset(p.word for p in parts)
        return self._titled[start]

    def titled_elsewhere(self, name: Offsets) -> Phrase | None:
        """The phrase that names the person at ``name`` after a title (or the body after an
        institution word) somewhere else in the text (``المايسترو الأستاذ عدنان فتح الله`` for a
        head ``فتح الله:``، ``قوات الدعم السريع`` for ``الدعم السريع:`` — all its words): no
        place (``بلدية سبها`` for ``سبها:``)."""
        words = WORD.findall(self.text, *name)
        if not words:
            return None
        text, word = self.text, words[-1]
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            whole = (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end]))
            start, at = at, text.find(word, end)
            if not whole or start == name[1] - len(word):
                continue
            tokens = tokenize(text, max(0, start - INTRODUCED_REACH // 10), end)
            k = len(tokens) - 1
            while k and tokens[k - 1].is_word and word_class(tokens[k - 1].text, self.lex) == NAME \
                    and tokens[k - 1].text not in self.lex.phrase_stops:
                k -= 1  # not past a preposition: وزارة الثقافة في الرباط does not name الرباط
            head = word_class(tokens[k - 1].text, self.lex) if k and tokens[k - 1].is_word else ""
            if head == TITLE or (head == INSTITUTION and len(words) > 1 and len(tokens) - k == len(words)):
                # قوات الدعم السريع for الدعم السريع: (a body of several words), not بلدية سبها for سبها:
                return parse_phrase(self.layout, tokens, k - 1, self.lex)
        return None

    def _opening_subject(self, before: int, after: int) -> Offsets | None:
        """The titled person who opens the sentence at ``before`` (before it) or one of the
        :data:`_OPENING_SENTENCES` sentences before it, after ``after``, as a verb's subject — a
        word or two, then the title (``خرج الفنان ماهر عيسى ليعلن ...``، ``وهنا تدخل رئيس المحكمة
        ووجه حديثه قائلا``): whom a dropped subject after it means.  Their name, else the title
        phrase."""
        start, end = self.layout.sentence_of(before)
        for _ in range(_OPENING_SENTENCES + 1):
            if start < after:
                return None  # the speaker named since is nearer
            found = self._opens_with_title(start, min(end, before))
            if found is not None or start <= 0:
                return found
            start, end = self.layout.sentence_of(start - 1)
        return None

    def _opens_with_title(self, start: int, end: int) -> Offsets | None:
        """The person a title among the first words of ``[start, end)`` introduces, before any cue."""
        tokens = tokenize(self.text, start, end, _PHRASE_TOKENS)
        cue = next((k for k, t in enumerate(tokens) if k and self.layout.cue_starting(t.start)), len(tokens))
        k = next((k for k in (1, 2) if k < cue and tokens[k].is_word
                  and word_class(tokens[k].text, self.lex) == TITLE), None)
        if k is None or not all(t.is_word and not self.lex.is_cue_word(t.text) for t in tokens[:k]):
            return None
        parts = parse_phrase(self.layout, tokens[:cue], k, self.lex).parts
        name = _first_full_name(parts)
        if name is not None:
            return name
        short = 1 < len(parts) <= _OPENING_TITLE_PARTS and parts[-1].definite  # رئيس المحكمة, no object after it
        return (parts[0].start, parts[-1].end) if short else None

    def inside_speaker(self, pos: int) -> bool:
        """Whether ``pos`` lies in one of the latest speaker mentions (a cue word there is
        part of a name or title, not a cue)."""
        return any(s <= pos < e for s, e in self._speaker_spans[-4:])

    def propose(self, rule: str, content: Content, cue: Offsets | None, mention: Mention | None, gender: str,
                position: int) -> bool:
        """Add a candidate made by ``rule``, unless a quotation it uses is already taken — by
        another than a report it stands in (``أن الزعيم وصفهم بأنهم "خونة"``: the inner report
        has its own words); its mention then reported something (it is no longer weak)."""
        if any(q.open in self.claimed for q in content.quotes) and not self.in_content(position):
            return False
        self.claimed.update(q.open for q in content.quotes)
        if mention is not None:
            self.speakers.reported(mention)
        self.candidates.append(Candidate(rule, content.type, without_marks(self.text, content), cue, mention,
                                         gender, position, self._confidences[rule]))
        insort(self._positions, position)
        return True

    def passive(self, start: int) -> bool:
        """Whether the verb at ``start`` (no proclitic) is written with a damma on its first
        letter (``عُقد``، ``أُعلن``، ``نُقل``): a past passive, whose noun after it is what was
        done, not who did it."""
        if not self._dammas:
            return False
        pos = self.norm.position(start)
        return self.doc.text[pos + 1:pos + 2] == DAMMA and self.doc.text[pos] != "ا"  # a bare alif takes no vowel

    def is_frame(self, c: Candidate) -> bool:
        """Whether ``c``'s speaker is the news itself (``أفادت المعلومات``), no one who speaks."""
        if c.mention is None:
            return False
        words = WORD.findall(self.text, *c.mention.span)
        return bool(words) and self.lex.strip_article(fold(words[0])) in self.lex.frames

    def in_content(self, pos: int) -> bool:
        """Whether ``pos`` lies in the content of one of the latest candidates."""
        return any(s <= pos < e for c in self.candidates[-_RECENT:] for s, e in c.content)

    def set_subject(self, sentence: Sentence, mention: Mention | None, gender: str) -> None:
        """The subject of the latest verb cue of ``sentence`` (None: dropped) and its gender."""
        self._subjects[sentence.span] = (mention, gender)

    def subject(self, sentence: Sentence) -> tuple[Mention | None, str] | None:
        return self._subjects.get(sentence.span)

    def has_candidate(self, start: int, end: int) -> bool:
        """Whether a candidate so far stands (by its position) in ``[start, end)``."""
        k = bisect_left(self._positions, start)
        return k < len(self._positions) and self._positions[k] < end
