"""Speaker noun phrases: where a speaker mention starts and ends, and what its parts are.

A speaker phrase follows its cue verb (``قال وزير الخارجية التركي مولود جاويش أوغلو إن``)
and ends at a complementizer, a colon, a content quotation, a comma (unless an appositive
title follows: ``مولود جاويش أوغلو، وزير الخارجية التركي،``), or a word that starts an
adverbial (``في``، ``خلال``، ``اليوم``).  Prepositions stay inside after a title or an
institution when another institution or definite noun follows (``مصدر كبير في وزارة
الدفاع``، ``المتحدث باسم الجيش``، ``النائب في المجلس الرئاسي لحكومة الوفاق``), and so does
a relative clause (``المصدر الذي طلب عدم ذكر اسمه``).

Each kept word gets a class — title, institution, modifier, gentilic adjective, connector
or name — from which :func:`name_run` picks the proper name of the mention, and
:func:`mention_of` makes the :class:`Mention` that the resolver (:mod:`builder.engine.speakers`)
groups with the others of its document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from builder.engine.layout import WORD, Layout, Token
from builder.lexicon.lexicon import Lexicon
from builder.text.arabic import fold
from builder.text.morphology import (
    FEMININE_PARTICIPLE_SHAPE,
    NISBA_ENDINGS,
    PERSON_PLURALS,
    PRONOUN_SUFFIXES,
    VERBAL_NOUN_SHAPE,
    participle_shaped,
)
from builder.text.quotes import QUOTE_MARKS, Quote

TITLE, INSTITUTION, MODIFIER, GENTILIC, COMPLEMENT, CONNECTOR, NAME, QUOTED, RELATIVE = (
    "title", "institution", "modifier", "gentilic", "complement", "connector", "name", "quoted", "relative")
#: Kinds that describe the speaker (kept as its title words for coreference).
DESCRIPTIVE = (TITLE, INSTITUTION, MODIFIER, GENTILIC, COMPLEMENT)
_DESCRIPTIVE_OR_NAME = (*DESCRIPTIVE, NAME)
_DESCRIPTIVE_OR_CONNECTOR = (*DESCRIPTIVE, CONNECTOR)
_MAX_PARTS = 14
_NAME_QUOTE_WORDS = 5
_PERSON_QUOTE_WORDS = 3  # a quoted name right after a person's title or name: "فلاديمير بوتين"
_LOOK_AHEAD = 8
_LONG_WORD = 5
_GENITIVE = (INSTITUTION, CONNECTOR, COMPLEMENT)  # what follows a head noun, not a name
_ACCUSATIVE_LENGTH = 5  # ending in ا and this long: بيانا، قرارا (not رضا)
_DIVINE_NAME = "الله"
#: Words that join the parts of one name (محمد بن سلمان، أبو رمزي، آل ثاني، عبد الله): what
#: follows them is a name word.
_NAME_LINKERS = frozenset({"بن", "بنت", "ابن", "ابو", "ام", "ال", "عبد"})
_SHORTEST_OBJECT = 4  # بدور، بجهود: a ب and three letters at least
_NAME_REACH = 4  # words a name after ب may run before the object with ب
_MASDAR_LENGTH = 6  # بمواصلة، بمحاسبة: a ب and a verbal noun of the مفاعلة/مفعلة shapes


@dataclass(slots=True)
class Part:
    start: int
    end: int
    kind: str
    word: str  # folded, article stripped; for a quoted name its inner text
    definite: bool = False


@dataclass(slots=True)
class Phrase:
    """A parsed speaker phrase: its parts and the index of the first token after it."""

    parts: tuple[Part, ...]
    next_index: int
    cut: bool = False
    """The tokens ran out before the parse could decide where the phrase ends: a longer
    window of tokens may give a longer phrase."""


_PLURAL_ENDINGS = ("ون", "ين", "و")
_OBJECT_SUFFIXES = ("هما", "هم", "ها", "ه")
_LONE_PREPOSITIONS = frozenset({"ب", "ك"})
_ON_BEHALF = "باسم"
_SHORT_POSSESSED = 4  # أسفه، حزنه: a noun with ه this long after a titled full name is no name
#: A participle as an adjective, the article stripped (مختص، مكلف، معروف، متخصص، مهتمة).
_DEFINITE_PARTICIPLE = re.compile(r"م\w{3,5}")
#: The verbal nouns of the derived stems استفعال، انفعال، افتعال (استمرار، انسحاب، اختراق، اضطراب).
_VERBAL_NOUN = re.compile(r"ا(?:ست..|ن..|.[تطد].)ا.")


def _plural_stem(word: str) -> str:
    return word[:-1] if word.endswith("و") else word[:-2]


def oblique_plural(stem: str, lex: Lexicon) -> bool:
    """Whether a folded word without its article is a title in the oblique sound plural or dual
    (``لاعبين``، ``وزيرين``): right after a verb or a definite subject it is the verb's object —
    a subject is nominative (``اللاعبون``، ``الوزيران``)."""
    return stem.endswith("ين") and stem[:-2] in lex.titles


@lru_cache(maxsize=1 << 16)
def word_class(word: str, lex: Lexicon) -> str:
    """The class of a folded word; the word as written decides before its article-less form
    (``بالنيابة`` is listed as a modifier, ``نيابة`` as an institution)."""
    for form in (word, lex.strip_article(word)):
        if form in lex.titles or (form.endswith(_PLURAL_ENDINGS) and _plural_stem(form) in lex.titles):
            return TITLE  # لاعبو المنتخب، المدربون: a title in the sound plural
        if form in lex.institutions:
            return INSTITUTION
        if form in lex.modifiers:
            return MODIFIER
    if word[:1] in "بل" and len(word) > 4 and word[1:] in lex.institutions:
        return INSTITUTION  # بوزارة الأوقاف: an institution after a preposition
    if word[:1] == "و" and len(word) > 3 and word[1:] in lex.titles:
        return TITLE  # نائب رئيس الوزراء ووزير الصحة: a second title, coordinated
    if word.startswith("ال") and word.endswith(NISBA_ENDINGS) and len(word) > 4:
        return GENTILIC
    return NAME


def _stops(tok: Token, lex: Lexicon, after_subject: bool, first: bool = False) -> bool:
    w = tok.text
    if first and w.startswith("بم") and len(w) >= _MASDAR_LENGTH:
        return True  # تعهد بمواصلة اللعب: a verbal noun after ب is the verb's object
    if w not in lex.phrase_stops:
        # أشادت ... بالإصلاحات: a prepositional object — but بالإنابة is part of a title
        return w.startswith("بال") and len(w) > 5 and w not in lex.modifiers
    # أحمد علي، وزير المالية علي حسن خليل، قال علي حسن: after a name or a title, or first, a name
    # spelled like a folded preposition does not stop — unless the text writes ى as ي (علي is then على)
    return not (after_subject and w in lex.adverbials and tok.raw not in lex.adverbial_spellings)


def _addressee(word: str, raw: str, lex: Lexicon) -> str:
    """``pronoun`` for ``لنظيره``/``له`` and for a ``لـ`` written apart (``لـ"الجزيرة"``),
    ``noun`` for ``للنمروش``/``لوزير``/``للشركة``, else empty.  ``raw`` is the word unfolded:
    its ``ة`` is not the pronoun ``ه``."""
    if word == "ل":
        return "pronoun"
    if len(word) < 2 or word[0] != "ل" or word in lex.negations or word in lex.adverbials:
        return ""
    if word[1:].isascii():
        return "noun"  # لـmtv، لـBBC: an outlet in Latin letters
    if word in lex.titles or word in lex.institutions:
        return ""  # لجنة written لجنه, لواء: a listed word itself, not لـ and a noun
    if raw.endswith(PRONOUN_SUFFIXES) and word_class(word[1:], lex) == NAME and len(word) <= 8:
        return "pronoun"
    if word.startswith("لل") or word_class(word[1:], lex) in (TITLE, INSTITUTION):
        return "noun"
    return ""


def _ends_sentence(text: str, pos: int) -> bool:
    rest = text[pos:pos + _LOOK_AHEAD].lstrip(" \t")
    return not rest or rest[0] in ".!?؟…\n"


def _opens_speech(text: str, q: Quote, lex: Lexicon) -> bool:
    m = WORD.search(text, q.open + 1, q.close)
    return m is not None and fold(m.group()) in lex.speech_openers


def _quoted_name(layout: Layout, tokens: list[Token], i: int) -> tuple[Quote, int] | None:
    """If a quotation opening at token ``i`` reads as a quoted name: it, and the index after it."""
    q = layout.quote_opening_at(tokens[i].start)
    if q is None or not q.closed:
        return None
    words = len(WORD.findall(layout.text, q.open + 1, q.close))
    if not 1 <= words <= _NAME_QUOTE_WORDS:
        return None
    for j in range(i + 1, len(tokens)):
        if tokens[j].start > q.close:
            return q, j
    return q, len(tokens)


def parse_phrase(layout: Layout, tokens: list[Token], i: int, lex: Lexicon, stop: str = "") -> Phrase:
    """Parse the speaker phrase starting at ``tokens[i]`` (may be empty); ``stop`` is the
    preposition of the cue before it (``كشف ... عن``): it opens the cue's object."""
    return _Parser(layout, tokens, lex, stop).run(i)


_UNDECIDED = object()  # a step that leaves the token to the next one


class _Parser:
    """One parse of a speaker phrase: a step for each kind of token, each deciding whether the
    phrase goes on (None, the step having taken its tokens) or ends before ``tokens[i]``
    (False; True when the tokens ran out before that could be decided: :attr:`Phrase.cut`)."""

    __slots__ = ("i", "last", "layout", "lex", "n", "parts", "stop", "tokens")

    def __init__(self, layout: Layout, tokens: list[Token], lex: Lexicon, stop: str) -> None:
        self.layout, self.tokens, self.lex, self.stop = layout, tokens, lex, stop
        self.n = len(tokens)
        self.parts: list[Part] = []
        self.last = ""  # the kind of the last part
        self.i = 0

    def run(self, i: int) -> Phrase:
        self.i = i
        cut: bool | None = None
        while cut is None and self.i < self.n and len(self.parts) < _MAX_PARTS:
            tok = self.tokens[self.i]
            cut = self._word(tok) if tok.is_word else self._mark(tok)
        return _phrase(self.parts, self.tokens, self.i, self.i >= self.n if cut is None else cut, self.lex)

    def _take(self, start: int, end: int, kind: str, word: str, next_index: int, definite: bool = False) -> None:
        self.parts.append(Part(start, end, kind, word, definite))
        self.last = kind
        self.i = next_index

    def _mark(self, tok: Token) -> bool | None:
        """A punctuation mark: a quoted name, a comma before an appositive, a parenthesis."""
        if tok.text in QUOTE_MARKS:
            return self._quoted(tok)
        if tok.text in "،," and self.parts:
            named = _names_a_person(self.parts)
            link = self.i + 1 < self.n and _appositive_link(self.tokens[self.i + 1].text, self.lex)
            follows = _appositive_follows(self.tokens, self.i + 1 + link, self.lex, named, self.stop)
            if follows is None:
                return True
            if follows:  # the comma stays as a part: a name on each side is two runs
                end = self.tokens[self.i + link]  # ، وهي ليلى حداد: the pronoun goes with the comma
                self._take(tok.start, end.end, CONNECTOR, tok.text, self.i + 1 + link)
                return None
        if tok.text == "(" and self.parts:
            return self._parenthesis(tok)
        return False

    def _quoted(self, tok: Token) -> bool | None:
        quoted = _quoted_name(self.layout, self.tokens, self.i)
        if quoted is None or (self.parts and self.last not in (*_DESCRIPTIVE_OR_NAME, CONNECTOR)):
            return False
        q, after = quoted
        if _opens_speech(self.layout.text, q, self.lex):
            return False  # وأكدت الوزارة "لا إصابات جديدة"، وتابع "لن نسكت": speech, no quoted name
        if self.last in (TITLE, NAME, GENTILIC) and self._speech_after_person(q, after):
            return False  # وقال الوزير "الوضع صعب".: after a person, a quotation of speech
        self._take(tok.start, q.close + 1, QUOTED, fold(self.layout.text[q.open + 1:q.close].strip()), after)
        return None

    def _speech_after_person(self, q: Quote, after: int) -> bool:
        """Whether a quotation right after a person is what they said, not their quoted name:
        longer than a name after a person runs (``قال الوزير "الوضع مستقر في العاصمة" مؤكدا``),
        or ending the sentence, give or take a time word (``قال الوزير "الوضع صعب" أمس.``)."""
        text = self.layout.text
        if len(WORD.findall(text, q.open + 1, q.close)) > _PERSON_QUOTE_WORDS:
            return True
        rest = self.tokens[after:after + 2]
        k = 0
        while k < len(rest) and rest[k].is_word and rest[k].text in self.lex.adverbials:
            k += 1
        return _ends_sentence(text, rest[k - 1].end if k else q.close + 1)

    def _parenthesis(self, tok: Token) -> bool | None:
        close = next((j for j in range(self.i + 1, min(self.n, self.i + 6)) if self.tokens[j].text == ")"), -1)
        if close > self.i + 1:
            inside = " ".join(t.text for t in self.tokens[self.i + 1:close])
            self._take(tok.start, self.tokens[close].end, CONNECTOR, f"({inside})", close + 1)
            return None
        return self.n < self.i + 6  # the tokens ran out before the closing one

    def _relative(self, tok: Token) -> bool | None:
        """A relative clause up to the complementizer (``المصدر الذي طلب عدم ذكر اسمه إن``)."""
        if not self.parts:
            return False
        j = self.i + 1
        while j < self.n and (self.tokens[j].is_word and self.tokens[j].text not in self.lex.complementizers):
            j += 1
        if j == self.n:
            return True
        if j == self.i + 1:
            return False
        self._take(tok.start, self.tokens[j - 1].end, RELATIVE, "", j)
        return None

    def _abbreviation(self, tok: Token) -> bool:
        """A one-letter word glued to a full stop before a name: an abbreviated title (``م. سامي
        عواد``، ``د. ليلى``), standing for a definite one (المهندس)."""
        if self.i + 1 >= self.n or self.tokens[self.i + 1].text != "." or self.tokens[self.i + 1].start != tok.end:
            return False
        self._take(tok.start, self.tokens[self.i + 1].end, TITLE, tok.text, self.i + 2, definite=True)
        return True

    def _preposition(self, tok: Token) -> bool | object | None:
        """A preposition after a descriptive word: inside the phrase, with a place, or the end of it
        (:data:`_UNDECIDED`: the word's other readings decide)."""
        if self.i + 1 == self.n or (self.i + 2 == self.n and self.tokens[self.i + 1].text in self.lex.directions):
            return True  # what follows the preposition decides (a region: the word after it too)
        if self._inner_preposition():
            self._take(tok.start, tok.end, CONNECTOR, tok.text, self.i + 1)
            return None
        if self._region():
            region, place = self.tokens[self.i + 1], self.tokens[self.i + 2]  # عضو المنظمة في شمال أفريقيا
            self._take(tok.start, tok.end, CONNECTOR, tok.text, self.i + 1)
            self._take(region.start, region.end, COMPLEMENT, region.text, self.i + 1)
            self._take(place.start, place.end, COMPLEMENT, place.text, self.i + 1,
                       definite=self.lex.strip_article(place.text) != place.text)
            return None
        if self._place_before_name():
            place = self.tokens[self.i + 1]  # السفير الإيراني لدى بغداد محمد كاظم: to Baghdad, then the name
            self._take(tok.start, tok.end, CONNECTOR, tok.text, self.i + 1)
            self._take(place.start, place.end, COMPLEMENT, place.text, self.i + 1)
            return None
        return _UNDECIDED

    def _inner_preposition(self) -> bool:
        """Whether the preposition at ``tokens[i]`` (after a descriptive word, not the cue's own)
        stays inside because an institution, a title or a definite noun follows (``مصدر في
        وزارة الدفاع``، ``المتحدث باسم الجيش``) — not the occasion of speech (``قالت الوزارة في
        بيان``)."""
        nxt = self.tokens[self.i + 1]
        if not nxt.is_word:  # النائب عن “دولة القانون”: a quoted name
            return _quoted_name(self.layout, self.tokens, self.i + 1) is not None
        after = nxt.text
        return ((after.startswith("ال") or word_class(after, self.lex) in (INSTITUTION, TITLE))
                and self.lex.strip_article(after) not in self.lex.mediums)

    def _region(self) -> bool:
        """Whether the preposition at ``tokens[i]`` opens a region and its place (``في شمال
        أفريقيا``، ``في جنوب البلاد``): both belong to the title before them and name no one."""
        if self.i + 2 >= self.n or self.tokens[self.i + 1].text not in self.lex.directions:
            return False
        place = self.tokens[self.i + 2]
        return place.is_word and word_class(place.text, self.lex) == NAME and place.text not in self.lex.phrase_stops

    def _place_before_name(self) -> bool:
        """Whether the preposition at ``tokens[i]`` and a one-word place after it belong to the
        title of a person before them, a name or a title following (``السفير الإيراني لدى بغداد محمد كاظم``،
        ``مدير المستشفى في غزة محمد``)."""
        if self.i + 2 >= self.n or not (self.tokens[self.i + 1].is_word and self.tokens[self.i + 2].is_word):
            return False
        if not any(p.kind == TITLE for p in self.parts):
            return False  # أعلنت وزارة التجارة عن إجراءات جديدة: an institution takes no name after a place
        place = self.tokens[self.i + 1].text
        return (word_class(place, self.lex) == NAME and self.lex.strip_article(place) == place
                and place not in self.lex.phrase_stops and place not in self.lex.mediums
                and self._name_at(self.i + 2))

    def _name_at(self, k: int) -> bool:
        """Whether ``tokens[k]`` may start a name or a title after a place: no phrase stop, no
        occasion of speech (``في سلسلة تغريدات``), no noun with a pronoun (``في ختام بيانها``)."""
        after = self.tokens[k]
        return (after.is_word and word_class(after.text, self.lex) in (NAME, TITLE)
                and after.text not in self.lex.phrase_stops and after.text not in self.lex.mediums
                and not possessed(after.raw))

    def _glued_place(self, tok: Token) -> bool:
        """Whether a word with بال after a person's title is the title's place, a name
        following without the article (``وزير الخارجية والتونسيين بالخارج نبيل عمار``) — not
        the object of a cue that takes ب, nor a title or institution (``أشاد الوزير بالرئيس``)."""
        stem = tok.text[3:]
        return (self.stop != "ب" and tok.text.startswith("بال") and self.last in DESCRIPTIVE
                and any(p.kind == TITLE for p in self.parts) and word_class(stem, self.lex) == NAME
                and stem not in self.lex.mediums and self.i + 1 < self.n and self._name_at(self.i + 1)
                and not self.tokens[self.i + 1].text.startswith("ال"))

    def _word(self, tok: Token) -> bool | None:
        w, lex = tok.text, self.lex
        if len(w) == 1 and self._abbreviation(tok):
            return None
        if w in _LONE_PREPOSITIONS or (w in lex.quantifiers and self.parts):
            return False  # ويصفهم بـ"خونة"، فند الخبير جميع الادعاءات: a preposition apart, a quantifier
        if w in lex.relatives or (w in lex.leaders and self.parts):
            return self._relative(tok)  # الذي ...، بزعامة ...: a clause about the head, no name of it
        if w in lex.inner_prepositions and (w != self.stop or self._issued()) and not self._second_on_behalf(w) and (
                self.last in DESCRIPTIVE or (self.last == CONNECTOR and self._region())):  # للاتحاد في شرق أوروبا
            step = self._preposition(tok)
            if step is not _UNDECIDED:
                return step
        step = self._complement_or_place(tok)
        if step is not _UNDECIDED:
            return step
        named_here = (self.last in _DESCRIPTIVE_OR_NAME or not self.parts) and not self.layout.ya_for_maqsura
        if (w in lex.phrase_stops or w[:1] == "ب") and _stops(tok, lex, named_here, not self.parts):
            return False
        if w[:1] == "ل":
            step = self._lam(tok)
            if step is not _UNDECIDED:
                return step
        return self._classed(tok)

    def _adjective_complement(self, tok: Token) -> bool:
        """Whether a word with بـ completes the adjective that ends the phrase — a definite
        participle (``المختص بأمراض القلب``، ``المكلف بالملف``، ``المعروف بجرأته``) — rather than
        opening the verb's object; not where the cue itself takes بـ."""
        if self.stop == "ب" or tok.text[:1] != "ب" or len(tok.text) < 4 or not self.parts:
            return False
        last = self.parts[-1]
        return (last.definite and last.kind not in (NAME, INSTITUTION) and not last.word.endswith(NISBA_ENDINGS)
                and _DEFINITE_PARTICIPLE.fullmatch(last.word) is not None)  # not المدني، المحكمة

    def _second_on_behalf(self, w: str) -> bool:
        """Whether ``w`` is a second باسم in the phrase: one speaks for one body, so it is the
        given name Basim (``الناطق باسم الشرطة باسم الحداد``)."""
        return w == _ON_BEHALF and any(p.kind == CONNECTOR and p.word == _ON_BEHALF for p in self.parts)

    def _issued(self) -> bool:
        """Whether the phrase ends in "issued" (``تقرير صدر``، ``بيان صادر``): the preposition
        after it is its own (``عن``), even where the cue takes the same one (``كشف ... عن``)."""
        return bool(self.parts) and self.parts[-1].kind == MODIFIER and self.parts[-1].word in self.lex.issued

    def _complement_or_place(self, tok: Token) -> bool | object | None:
        """What the verb governs, which ends the phrase (False), or a place glued to the title or
        an adjective's بـ complement (None: taken); else :data:`_UNDECIDED`."""
        if self._adjective_complement(tok):
            self._take(tok.start, tok.end, COMPLEMENT, tok.text, self.i + 1, definite=tok.text.startswith("بال"))
            return None  # الطبيب المختص بأمراض القلب: what the adjective is "in charge of"
        if self._verb_complement(tok.text):
            return False
        if self._glued_place(tok):
            self._take(tok.start, tok.end, COMPLEMENT, tok.text, self.i + 1, definite=True)
            return None
        return _UNDECIDED

    def _verb_complement(self, w: str) -> bool:
        """Whether ``w`` opens what the verb governs, not its subject: the object of a cue that
        takes ب, or a circumstantial participle in the subject's place."""
        if w[:1] == "ب":
            return self.stop == "ب" and self._cue_object()
        return not self.parts and self._leading_participle()

    def _leading_participle(self) -> bool:
        """Whether the phrase would open with a circumstantial participle and what it governs
        (``وتابع مخاطبا المجتمعين:``، ``وأضاف موجها حديثه``): the verb's subject is dropped. A
        name of that shape is followed by another name (``ميلانيا ترامب``), not by a definite
        noun, a noun with a pronoun or a mark."""
        word = self.tokens[self.i].text
        if word[:1] != "م" or not participle_shaped(word):
            return False
        after = self.tokens[self.i + 1] if self.i + 1 < self.n else None
        return after is not None and (not after.is_word or after.text.startswith("ال") or possessed(after.raw))

    def _cue_object(self) -> bool:
        """Whether the word with ب at ``tokens[i]``, after a cue that takes its object with ب
        (``أشاد``، ``ندد``، ``طالب``), opens that object: the phrase so far is complete (a
        definite last word, a title and the name it takes, or two name words) and no other
        word with ب follows within a few words, before any punctuation (``أشاد السفير بجهود الحكومة`` — but ``أشاد وزير
        الخارجية بسام الصباغ بالقرار``: the later ب-word is the object, this one a name)."""
        word, after = self.tokens[self.i].text, self.tokens[self.i + 1:self.i + 1 + _NAME_REACH]
        if len(word) < _SHORTEST_OBJECT or word.startswith("بن") or not self.parts:
            return False
        if word.startswith("بو") and not (after and after[0].text.startswith("ال")):
            return False  # بوتين، بوريس جونسون — but بوقف القتال
        last = self.parts[-1]
        head = self.parts[0]
        genitive = (len(self.parts) == 2 and last.kind in (NAME, COMPLEMENT) and head.kind == TITLE
                    and not head.definite and head.word not in self.lex.honorifics)  # محافظ صعدة، سفير فرنسا
        if not (last.definite or genitive or _trailing_names(self.parts) >= 2):
            return False
        for tok in after:
            if not tok.is_word:
                return True
            if tok.text[:1] == "ب":
                return False
        return True

    def _lam(self, tok: Token) -> bool | object | None:
        """A word with لـ: an addressee that ends the phrase (``لوزير الدفاع``، ``للنمروش``،
        ``لنظيره``), or a genitive that continues it (``لحكومة الوفاق``، ``للصناعات الدفاعية``،
        ``لشؤون الاستخراج``، ``المدير الفني لـ منتخب مصر``); else :data:`_UNDECIDED`."""
        w, lex = tok.text, self.lex
        if w == "ل" and self._wants_genitive():
            self._take(tok.start, tok.end, CONNECTOR, w, self.i + 1)
            return None
        addressee = _addressee(w, tok.raw, lex)
        if addressee:
            if addressee == "pronoun" or self.last not in DESCRIPTIVE or self._family_name_last() \
                    or _outlet_spoken_to(self.parts, w, lex):
                return False
            self._take(tok.start, tok.end, CONNECTOR, w, self.i + 1)
            return None
        if (self.last in DESCRIPTIVE and self.i + 1 < self.n
                and self.tokens[self.i + 1].text.startswith("ال") and word_class(w, lex) == NAME):
            self._take(tok.start, tok.end, COMPLEMENT, w, self.i + 1)
            return None
        return _UNDECIDED

    def _family_name_last(self) -> bool:
        """Whether the phrase ends in a name whose last word is shaped like an adjective
        (``رضا الدريدي``): a name takes no genitive, so a لـ and a noun after it is whom the
        speaker spoke to (``رضا الدريدي لديوان اف ام``)."""
        parts = self.parts
        return len(parts) > 1 and parts[-1].kind == GENTILIC and parts[-2].kind == NAME

    def _before_negation_noun(self) -> bool:
        """Whether the word at ``tokens[i]`` stands before ``عدم``: a verb (``طلب عدم ذكر اسمه``)."""
        return self.i + 1 < self.n and self.tokens[self.i + 1].text in self.lex.negation_nouns

    def _title_in_construct(self) -> bool:
        """Whether the phrase so far ends in a title without the article that takes a genitive
        (``سفير``، ``مندوب``) rather than the name itself (an honorific: ``معالي``)."""
        last = self.parts[-1] if self.parts else None
        return last is not None and last.kind == TITLE and not last.definite and last.word not in self.lex.honorifics

    def _coordinated_genitive(self, tok: Token) -> bool:
        """Whether ``tok`` is و and a verbal noun after a genitive (``الأوبئة ومحاربة``، ``الصحة
        والسكان وإصلاح المستشفيات``)."""
        last = self.parts[-1] if self.parts else None
        return (last is not None and last.definite and last.kind in (COMPLEMENT, INSTITUTION, GENTILIC, TITLE)
                and tok.text[:1] == "و" and VERBAL_NOUN_SHAPE.fullmatch(tok.text[1:]) is not None)

    def _wants_genitive(self) -> bool:
        """Whether the phrase is a title that takes a genitive and has none yet, only adjectives
        (``المدير الفني``), and a word follows: a لـ written apart before it is "of"."""
        parts = self.parts
        return (bool(parts) and parts[0].kind == TITLE and parts[0].word in self.lex.relational_titles
                and all(p.kind in (MODIFIER, GENTILIC) for p in parts[1:])
                and self.i + 1 < self.n and self.tokens[self.i + 1].is_word)

    def _object_head(self, kind: str, stem: str, definite: bool) -> bool:
        """Whether a title or institution word starts the verb's object, not the subject's next
        word: the people told in the oblique plural after a definite subject (``أبلغ الوزير
        المسؤولين``), or an indefinite institution after an indefinite head and its adjective
        (``أخبر مصدر أمني وكالة الأنباء``)."""
        last = self.parts[-1]
        if kind == TITLE and definite and last.definite:
            return oblique_plural(stem, self.lex)
        if kind != INSTITUTION or definite or last.definite or len(self.parts) < 2:
            return False  # مصدر دبلوماسي مسؤول: a title after an adjective may be one more
        head = self.parts[-2]
        return (head.kind == TITLE and not head.definite and last.kind in (NAME, GENTILIC, MODIFIER)
                and last.word.endswith(NISBA_ENDINGS))

    def _after_institution(self) -> bool:
        """Whether the indefinite word at ``tokens[i]``, with a word after it, starts the verb's
        object after an institution's complete name (``أعلن الاتحاد الأردني لكرة القدم استقالة
        المدرب``، ``الهيئة العامة للأرصاد بدولة الكويت انتهاء موجة الغبار``): no title in the
        phrase, its last word definite or the genitive of an indefinite institution inside it.
        An institution takes no person's name; an acronym after it (``حركة المقاومة الإسلامية
        حماس``) stands alone before what ends the phrase, a name spelled out (``سي بي آر إي``)
        has short words, and a word with و is one more genitive."""
        parts = self.parts
        if parts[0].kind != INSTITUTION or any(p.kind == TITLE for p in parts):
            return False
        last = parts[-1]
        done = last.definite or (len(parts) >= 3 and last.kind in (NAME, COMPLEMENT)
                                 and parts[-2].kind == INSTITUTION and not parts[-2].definite)
        word, after = self.tokens[self.i].text, self.tokens[self.i + 1] if self.i + 1 < self.n else None
        if not done or len(word) < _SHORTEST_OBJECT or word[:1] == "و":
            return False  # سي بي آر إي: a name spelled out; وشؤون المغتربين: a second genitive
        return after is not None and after.is_word and after.text not in self.lex.phrase_stops

    def _classed(self, tok: Token) -> bool | None:
        """A word of the phrase by its class — unless it is the verb's object, or the verb of a
        clause about the head (``مصدر وصفه بالخاص``، ``مصدر طلب عدم ذكر اسمه``)."""
        kind = word_class(tok.text, self.lex)
        if kind == NAME and self.parts and (_cue_with_pronoun(tok, self.lex) or self._before_negation_noun()):
            return False
        stem = self.lex.strip_article(tok.text)
        definite = stem != tok.text  # والمعاصر، للصحة: a conjunct or a preposition with the article
        if self.parts and self._object_head(kind, stem, definite):
            return False
        if kind == NAME and self.parts:
            if definite:
                if _disagrees(self.parts, self.tokens, self.i):
                    return False  # الحكومة الهجوم: the verb's object, not an adjective of the head
                if self.last in _DESCRIPTIVE_OR_CONNECTOR and _headed(self.parts):
                    kind = COMPLEMENT  # الهيئة العامة: the head's complement, so a genitive may follow it
            else:
                if (self.layout.accusative(tok) or _complement_starts(self.parts, self.tokens, self.i, self.lex)
                        or self._after_institution()):
                    return False  # أصدرت النقابة بيانا، قال هادي مخاطبا الشعب: what follows the subject
                if self.last == TITLE and self._title_in_construct() and not stem.endswith(NISBA_ENDINGS):
                    kind = COMPLEMENT  # مندوب فرنسا لدى الأمم المتحدة: a title's genitive, its phrase goes on
                elif tok.text[:1] == "و" and self._coordinated_genitive(tok):
                    kind = COMPLEMENT  # مديرية الأوبئة ومحاربة الأمراض: a second genitive, no name
        self._take(tok.start, tok.end, kind, stem, self.i + 1, definite)
        return None


def _cue_with_pronoun(tok: Token, lex: Lexicon) -> bool:
    """Whether a word is a one-word cue with an object pronoun (``وصفه``، ``نقلها``)."""
    raw = tok.raw
    if not raw.endswith(_OBJECT_SUFFIXES):
        return False
    return any(raw.endswith(suffix) and lex.is_cue_word(tok.text[:-len(suffix)])
               for suffix in _OBJECT_SUFFIXES if len(raw) > len(suffix) + 2)


def _names_a_person(parts: list[Part]) -> bool:
    """Whether the phrase so far has a person's name: a name word not in the genitive of an
    institution (``القاهرة`` in ``جامعة القاهرة``، ``آبل`` in ``الرئيس التنفيذي لشركة آبل``)."""
    return any(p.kind == NAME and not p.definite and not (k and _institutional(parts[k - 1]))
               for k, p in enumerate(parts))


def _institutional(part: Part) -> bool:
    return part.kind == INSTITUTION or (part.kind == CONNECTOR and part.word[:1] == "ل" and len(part.word) > 2)


def _spoken_to(word: str, lex: Lexicon) -> bool:
    """Whether a connector word ending a phrase is a preposition or someone spoken to: a
    person (``للصحفيين``) or an outlet (``لوكالة``), not a domain in the genitive (``للموانئ``)."""
    if not word.startswith("ل") or len(word) < 4:
        return True
    stem = lex.strip_article(word) if word.startswith("لل") else word[1:]
    return (word_class(stem, lex) in (TITLE, INSTITUTION) or stem.endswith(PERSON_PLURALS)
            or word_class(lex.strip_article(stem), lex) == TITLE)


def _outlet_spoken_to(parts: list[Part], word: str, lex: Lexicon) -> bool:
    """Whether ``لـ`` and an outlet (``للقناة``، ``لوكالة``) after the phrase so far is who the
    speaker spoke to, not the genitive of its head: the phrase already names its speaker
    through an institution, a name, or a title in the construct state — no article, a definite
    genitive after it (``مدير الشرطة للقناة الأولى``، ``وزيرة الصحة للتلفزيون``، ``وزير الخارجية
    التركي لوكالة``), or by a definite title that takes no genitive (``الأمير لقناة``); a
    relational one with only adjectives still wants its genitive (``المدير العام لوكالة الأنباء``)."""
    stem = lex.strip_article(word) if word.startswith("لل") else word[1:]
    if stem not in lex.outlets:
        return False
    head = parts[0]
    if head.kind == TITLE and head.definite and head.word not in lex.relational_titles and not word.startswith("لل"):
        return True  # الأمير لقناة "...": an outlet named after it (not المفوض العام للوكالة فلان)
    return any(p.kind == INSTITUTION or (p.kind == NAME and not p.definite)
               or (p.kind == TITLE and not p.definite and k + 1 < len(parts) and parts[k + 1].definite)
               for k, p in enumerate(parts))


def _headed(parts: list[Part]) -> bool:
    return any(p.kind == TITLE or p.kind == INSTITUTION for p in parts)


def _aside(word: str) -> bool:
    """Whether a part in parentheses is an aside (``(32 عاما)``): it holds a number."""
    return word[:1] == "(" and any(ch.isdigit() for ch in word)


def _phrase(parts: list[Part], tokens: list[Token], i: int, cut: bool, lex: Lexicon) -> Phrase:
    """The phrase of ``parts`` ending before ``tokens[i]``, trimmed of what cannot end it: a
    preposition, or an addressee (``للصحفيين``، ``لوكالة``) — not a genitive with لـ (``الهيئة
    العامة للموانئ``)."""
    while parts and parts[-1].kind == CONNECTOR and (_aside(parts[-1].word) or (
            parts[-1].word[:1] not in ("", "(") and _spoken_to(parts[-1].word, lex)
            and not (len(parts) == 2 and parts[0].word in lex.mediums))):  # بيان للوزارة: whose it is
        parts.pop()  # الأمير الشاب (32 عاما) إن: an aside in parentheses (a number) is none of it; (وام) is
    parts = _reclassify(parts, lex)
    if _object_noun_last(parts, tokens, i):
        parts.pop()
        i -= 1
    return Phrase(tuple(parts), i, cut)


def _disagrees(parts: list[Part], tokens: list[Token], i: int) -> bool:
    """A definite word after a definite feminine head that cannot be its adjective: a definite
    head takes no genitive, and a feminine one takes a feminine adjective (``النيابة العامة``،
    ``الهيئة العليا``), so ``الحكومة الهجوم`` is a subject and its object."""
    if not parts or not parts[-1].definite or parts[-1].kind not in (TITLE, INSTITUTION):
        return False
    head = tokens[i - 1]
    return head.start == parts[-1].start and head.raw.endswith("ة") and not tokens[i].raw.endswith(("ة", "ا"))


def _complement_starts(parts: list[Part], tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether the indefinite word ``tokens[i]``, which no list knows, starts what follows a
    subject rather than continuing it: the occasion of speech as the verb's object (``ألقى
    الأديب رامز شكري كلمة``), a circumstantial participle (``قال هادي مخاطبا الشعب``، ``قالت
    الوزيرة ليلى حمدان موجهة حديثها``), an object in the accusative after a complete subject
    (``أصدرت النقابة بيانا``، ``ألقت النائبة هدى سليم خطابا``) or carrying a pronoun (``التقى
    الوزير سمير نصار نظيره``), or a prepositional object
    (``أقر المدير رامز شكري بتأخر الشركة``)."""
    if not parts or parts[-1].word in _NAME_LINKERS:
        return False
    w, raw = tokens[i].text, tokens[i].raw
    if lex.is_medium(w):
        return True
    if _VERBAL_NOUN.fullmatch(w) and _trailing_names(parts) >= 2:
        return True  # أكد الناطق طارق المزرم اختراق الحساب: after a full name, the verbal noun it governs
    if _trailing_names(parts) >= 2 and parts[0].kind == TITLE and _quotation_next(tokens, i):
        return True  # أطلق المدرب سامر نعيم اسم «معركة البقاء»: a titled full name, then a noun and its quotation
    first, last = w[:1], raw[-1:]
    if first not in "مب" and last not in "اهمن":  # the common name word: none of the shapes below
        return False
    named = _trailing_names(parts)
    complete = named >= 2 or (parts[-1].definite and parts[-1].kind in (TITLE, INSTITUTION))
    if w.endswith("نا") and parts[-1].kind == TITLE and not parts[-1].definite:
        return False  # رئيس مجلسنا البلدي: a title's genitive with "our", no participle
    if first == "م" and (participle_shaped(w) or (named >= 2 and FEMININE_PARTICIPLE_SHAPE.fullmatch(raw))):
        return True
    if complete and last == "ا" and not raw.endswith(("يا", "وا")) and len(raw) >= _ACCUSATIVE_LENGTH - (named >= 2):
        return True  # after a full name a shorter one too: استقبل الوزير أحمد سالم وفدا
    short = raw.endswith("ه") and len(raw) >= _SHORT_POSSESSED and parts[0].kind == TITLE
    if named >= 2 and (possessed(raw) or short):
        return True  # التقى الوزير سمير نصار نظيره، أبدى المدرب كريم ناصف أسفه: after a titled full name, its object
    return first == "ب" and (named >= 1 or complete) and _prepositional_object(tokens, i)


def _quotation_next(tokens: list[Token], i: int) -> bool:
    """Whether a quotation mark follows ``tokens[i]``."""
    return i + 1 < len(tokens) and tokens[i + 1].text in QUOTE_MARKS


def _trailing_names(parts: list[Part]) -> int:
    """How many name words end the phrase so far."""
    k = len(parts)
    while k and parts[k - 1].kind == NAME:
        k -= 1
    return len(parts) - k


def _prepositional_object(tokens: list[Token], i: int) -> bool:
    """``ب`` and a verbal noun in the construct state (``بتأخر الشركة``، ``بضرورة الحوار``،
    ``باستمرار الدعم``): the object of a verb such as أقر or طالب, not a name — a name after ب
    does not take the shape of a verbal noun and a definite genitive (``بشار الأسد``)."""
    w = tokens[i].text
    if not w.startswith("ب") or len(w) < _MASDAR_LENGTH - 1 or w.startswith(("بن", "بو")):
        return False
    stem = w[1:]
    masdar = stem.startswith(("ت", "ا", "م")) or stem.endswith("ه")
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return masdar and after is not None and after.is_word and after.text.startswith("ال")


def _object_noun_last(parts: list[Part], tokens: list[Token], i: int) -> bool:
    """A noun with a possessive pronoun after a title, an institution or a definite noun is the
    verb's object or a verbal noun, not a name: ``أبدى المدرب ثقته``، ``عن مصدر في المجموعة
    قوله``، ``ختم المحاضر حديثه``."""
    if len(parts) < 2 or parts[-1].kind != NAME or parts[-1].definite:
        return False
    if parts[-2].kind not in DESCRIPTIVE and not parts[-2].definite:
        return False
    tok = tokens[i - 1]
    return tok.start == parts[-1].start and possessed(tok.raw)


def possessed(raw: str) -> bool:
    """Whether a word as written ends in a possessive pronoun (``ثقته``، ``بلاده``، ``قولها``).
    A bare ه ends many names too (طه، نبيه، عبدالله), so it counts after the ت of a feminine
    noun (ثقته) or on a longer word that does not end in the name of God."""
    if not raw.endswith(PRONOUN_SUFFIXES) or raw.endswith(_DIVINE_NAME):
        return False  # عبدالله، فتح الله: a name
    return not raw.endswith("ه") or raw.endswith("ته") or len(raw) >= _LONG_WORD


def _appositive_link(word: str, lex: Lexicon) -> bool:
    """``وهو``، ``وهي`` after a comma: it introduces the appositive (``إحدى الموظفات، وهي ليلى``)."""
    return word[:1] == "و" and word[1:] in lex.pronouns


def _appositive_follows(tokens: list[Token], i: int, lex: Lexicon, named: bool, stop: str = "") -> bool | None:
    """``، وزير الخارجية التركي،``: a title phrase closed by a comma or complementizer; or,
    after a title with no name yet, the name itself (``المديرة الإقليمية، ليني كينزلي،``, also
    closed by the cue's own preposition: ``عبر مدرب الوداد، نادر الفاسي عن غضبه``).
    None when the tokens run out before that is decided."""
    if i >= len(tokens):
        return None
    kind = word_class(tokens[i].text, lex)
    if kind == TITLE:
        return _closed(tokens, i + 1, i + 8, lex, lambda tok: True)
    if kind == NAME:  # after a name, only a full name set off by commas (نادي أهلي جدة، طارق كيال، أن)
        return _closed(tokens, i, i + 5, lex, lambda tok: _name_word(tok, tokens[i], lex), two=named,
                       preposition="" if named else stop)
    return False


def _name_word(tok: Token, first: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` can be a word of a name that starts with ``first``: a name word, or
    after the first a surname spelled like a title or a nisba (``سامر الخطيب``، ``سعد الدين
    العثماني``)."""
    if tok.text in lex.phrase_stops or tok.text in lex.relatives:
        return False
    kind = word_class(tok.text, lex)
    return kind == NAME or (tok is not first and (kind == GENTILIC or (
        kind == TITLE and lex.strip_article(tok.text) != tok.text)))


def _closed(tokens: list[Token], start: int, stop: int, lex: Lexicon, fits, two: bool = False,
            preposition: str = "") -> bool | None:
    """Whether ``tokens[start:stop]`` run, every word fitting, to a comma, a colon, a
    complementizer or the cue's ``preposition`` (after two words) — with ``two``, two words at
    least and to a comma; None when the tokens end first."""
    for k, tok in enumerate(tokens[start:stop]):
        if two and (tok.text in "،," or not tok.is_word or not fits(tok)):
            return tok.text in "،," and k >= 2
        if tok.text in "،,:" or tok.text in lex.complementizers or (preposition and tok.text == preposition and k >= 2):
            return True
        if not tok.is_word or not fits(tok):
            return False
    return None if stop > len(tokens) else False


def _name_like_title(parts: list[Part], k: int, lex: Lexicon) -> bool:
    """Whether the title word ``parts[k]`` is a name: before ``بن`` (``سلطان بن زايد``), or
    indefinite right after one given name and no title that takes a genitive (``عمر سلطان
    العلماء``, not ``سامح مهران رئيس المهرجان``)."""
    p = parts[k]
    if p.kind != TITLE or p.definite:
        return False
    if k + 1 < len(parts) and parts[k + 1].word in ("بن", "بنت"):
        return True
    return (k >= 1 and parts[k - 1].kind == NAME and not parts[k - 1].definite
            and (k < 2 or parts[k - 2].kind != NAME) and p.word not in lex.relational_titles)


def _reclassify(parts: list[Part], lex: Lexicon) -> list[Part]:
    """With no title or institution at all, every word is part of a name (``المسماري``) — but
    definite words before an indefinite name describe the person, as a title the lists lack
    does (``الأديب رامز شكري``، ``الخبيرة الاقتصادية منى بدير``). Otherwise a definite word
    right after a title is its complement, not a name (``وزير الصحة``، ``رئيس النقابة``),
    and a gentilic-looking word after a name belongs to it (``أحمد المسماري``). The parts
    are this parse's own, so they are changed in place."""
    if not any(p.kind == TITLE or p.kind == INSTITUTION for p in parts):
        lead = next((k for k, p in enumerate(parts) if not p.definite), len(parts))
        if not (lead > 0 and parts[0].kind == NAME and _full_name(parts[lead:])):
            return _all_name(parts)
        parts[0].kind = TITLE  # الخبيرة الاقتصادية منى بدير: definite words before a name describe her
    prev = ""
    prev_definite = renamed = False
    for k, p in enumerate(parts):
        if p.kind == NAME and p.definite and prev in _DESCRIPTIVE_OR_CONNECTOR:
            p.kind = COMPLEMENT
        elif (p.kind == NAME and not p.definite and prev in (TITLE, INSTITUTION, GENTILIC) and not prev_definite
              and p.word.endswith(NISBA_ENDINGS) and len(p.word) > 3):
            p.kind = GENTILIC  # مصدر أمني، مسؤول عسكري، مصدر أمني عراقي
        elif (p.kind == GENTILIC or (p.kind == MODIFIER and p.definite)) and prev == NAME:
            p.kind, p.definite = NAME, True  # أحمد المسماري، عبد الله الكبير: a surname
        elif p.kind == TITLE and p.definite and prev == NAME and not prev_definite and k + 1 == len(parts):
            p.kind = NAME  # سامر الخطيب، علي القاضي: a surname spelled like a title ends the phrase
        elif _name_like_title(parts, k, lex):
            p.kind = NAME  # عمر سلطان العلماء، الشيخ سلطان بن زايد: a given name spelled like a title
            renamed = True
        elif renamed and p.kind == COMPLEMENT and prev == NAME:
            p.kind = NAME  # ... and what was read as its complement is the rest of the name
        prev, prev_definite = p.kind, p.definite
    return parts


def _all_name(parts: list[Part]) -> list[Part]:
    """A phrase with no title or institution: its adjective-looking words are names too (``أحمد
    المسماري``) — unless a quoted name stands in it (``“وكالة أنباء فارس” الحكومية``)."""
    if not any(p.kind == QUOTED for p in parts):
        for p in parts:
            if p.kind == GENTILIC or p.kind == MODIFIER:
                p.kind, p.definite = NAME, False
    return parts


def name_run(parts: tuple[Part, ...], lex: Lexicon) -> tuple[int, int] | None:
    """The span of the proper name inside a phrase, or None for a nominal mention.

    The name is the first run of name words (but see :func:`_person_run`): after the titles that lead the phrase
    (``وزير الخارجية التركي مولود جاويش أوغلو``), or at its start before an appositive
    title (``سامح مهران رئيس المهرجان``) — later runs stand in that title (``... بوزارة
    الأوقاف``).  A quoted name wins (``الرئيس الروسي “فلاديمير بوتين”``) unless names follow
    it (``مدرب “الخضر” رضا زڤيلي``: the quoted words are the team).  A relational title
    followed by a single name is a genitive, not a name (``مستشار أردوغان`` is Erdoğan's
    adviser), and so is the first name word after an indefinite institution (``حاكم مصرف
    لبنان``، ``رئيس جامعة بغداد منير السعدي``، ``المدير الفني لمنتخب مصر``).
    """
    core = [p for p in parts if p.kind not in (RELATIVE,) and not (p.kind == CONNECTOR and not p.word)]
    quoted = next((k for k, p in enumerate(core) if p.kind == QUOTED), None)
    if quoted is not None:
        if quoted + 1 < len(core) and core[quoted + 1].kind == NAME:
            core = core[quoted + 1:]
        else:
            p = core[quoted]
            return p.start + 1, p.end - 1
    if not core or core[0].kind == INSTITUTION:
        return None
    runs = [run for run in _name_runs(core) if not _genitive_of_title(core, run[0], lex)
            and not _near_to(core, run[0], lex)]
    if not runs:
        return None
    i, j = _person_run(core, runs)
    before = core[i - 1] if i > 0 else None
    if before is not None and _indefinite_institution(before, lex):
        i += 1  # جامعة بغداد منير السعدي: an indefinite head's genitive, then the name
        while i < j and core[i].definite:
            i += 1  # حكومة تصريف الأعمال بسام مولوي، جمهورية أرض الصومال: a given name takes no article
        if i == j:
            return None  # حاكم مصرف لبنان
    elif before is not None and j - i == 1 and before.kind == TITLE and before.word in lex.relational_titles:
        return None
    return core[i].start, core[j - 1].end


def _indefinite_institution(part: Part, lex: Lexicon) -> bool:
    """Whether ``part`` is an institution word without the article, written alone (``مصرف``)
    or after a glued لـ (``لمنتخب``): the name after it is its genitive (``لمنتخب مصر``)."""
    if part.kind == CONNECTOR:
        return part.word[:1] == "ل" and part.word[:2] != "لل" and word_class(part.word[1:], lex) == INSTITUTION
    return part.kind == INSTITUTION and not part.definite


def _person_run(core: list[Part], runs: list[tuple[int, int]]) -> tuple[int, int]:
    """The run of name words that names the person: in a phrase that does not start with a name
    (``سعد الشهري المدير الفني لمنتخبنا``), the last one right after a definite title
    (``المتحدث باسم قيادة عمليات بغداد اللواء قاسم عطا``، ``أمير قطر الشيخ تميم بن حمد``: the
    runs before are genitives of the titles); else the first run not followed by a genitive,
    else the last one — a run before a genitive is a head noun the titles list lacks (``وكيل
    الوزارة``، ``المفوض العام للوكالة``)."""
    titled = [run for run in runs if _after_definite_title(core, run[0])]
    if titled and runs[0][0] > 0:
        return titled[-1]
    return next((run for run in runs if run[1] == len(core) or core[run[1]].kind not in _GENITIVE
                 or (run[0] == 0 and core[run[1]].word in "،,")), runs[-1])  # سالم الكعبي، محافظ إقليم دارفور


def _genitive_of_title(core: list[Part], k: int, lex: Lexicon) -> bool:
    """Whether the name words from ``core[k]`` are the genitive of a title without the article
    (``سفير إيران``، ``أمير قطر``، ``وزير خارجية فرنسا``): a place or a body, not the person —
    an honorific (``معالي عمر سلطان العلماء``) stands before the name itself."""
    before = core[k - 1] if k else None
    return before is not None and before.kind == TITLE and not before.definite and before.word not in lex.honorifics


def _near_to(core: list[Part], k: int, lex: Lexicon) -> bool:
    """Whether the name words from ``core[k]`` are whom the speaker is close to: after
    ``مقرب``/``قريبة`` and ``من`` (``مصادر مقربة من محافظ عدن عبدالعزيز المفلحي``)."""
    return any(core[j].word in lex.near and core[j + 1].word == "من" for j in range(k - 1))


def _after_definite_title(core: list[Part], k: int) -> bool:
    """Whether ``core[k]`` follows a definite title, past its definite adjectives (``اللواء
    الركن``، ``الشيخ الدكتور``)."""
    k -= 1
    while k >= 0 and core[k].definite and core[k].kind in (MODIFIER, COMPLEMENT, GENTILIC):
        k -= 1
    return k >= 0 and core[k].kind == TITLE and core[k].definite


def _full_name(parts: list[Part]) -> bool:
    """Whether ``parts`` are a name of two words or more and nothing else (no possessive:
    ``التزام وزارته`` is an object)."""
    return len(parts) >= 2 and all(p.kind == NAME and not p.definite and not possessed(p.word) for p in parts)


def _name_runs(core: list[Part]) -> list[tuple[int, int]]:
    """``(start, end)`` indices of the runs of name words in ``core``."""
    runs = []
    k = 0
    while k < len(core):
        if core[k].kind == NAME:
            start = k
            while k < len(core) and core[k].kind == NAME:
                k += 1
            runs.append((start, k))
        else:
            k += 1
    return runs


@dataclass(eq=False)
class Group:
    """Mentions of one speaker; ``span`` is where the name the group goes by stands."""

    span: tuple[int, int]
    words: tuple[str, ...] = ()


@dataclass(eq=False)
class Mention:
    """A speaker mention in the normalised text.

    ``span`` is the whole phrase, ``label`` the part of it before a clause about its head
    (``الحركة`` of ``الحركة بقيادة أمينها العام``), ``name`` the proper name in it (None for
    a nominal or institutional mention), ``titles`` its title/institution/adjective words, ``heads``
    the title and institution words among them; ``institution`` when an institution word
    heads it, ``definite`` when it starts with the article or is a title in the construct state
    with a definite genitive (``الوزير``، ``وزير الإعلام`` refer back, ``مصدر`` introduces
    someone new), ``genitive`` in that second case the words of the genitive (outside a
    headline, which abridges titles, it refers back only to a named person whose title has them
    all: ``وزير الثقافة والإعلام عادل شركس``); ``gender`` is the agreement of its verb;
    ``weak`` marks a mention from a cue that reported nothing (used only to find antecedents), and
    ``antecedent`` whether a dropped subject may refer to it.  ``group`` is set by the resolver.
    """

    span: tuple[int, int]
    label: tuple[int, int]
    name: tuple[int, int] | None
    titles: frozenset[str]
    heads: frozenset[str]
    institution: bool
    definite: bool
    gender: str
    genitive: frozenset[str] = frozenset()
    weak: bool = False
    antecedent: bool = True
    group: Group | None = field(default=None, repr=False)


def genitive_words(parts: tuple[Part, ...] | list[Part]) -> frozenset[str]:
    """The words after a title in the construct state: its genitive and their adjectives
    (``وزير الخارجية الأردني``)."""
    return frozenset(p.word for p in parts[1:] if p.kind in DESCRIPTIVE)


def _owner_start(parts: tuple[Part, ...], labelled: int, text: str, lex: Lexicon) -> int:
    """Where the label of a phrase starts: at its first word, or — for a document of someone
    (``بيان لوزارة الصحة``، ``تقرير ديوان المحاسبة``، ``بيان صادر عن الوزارة``) — at whose
    document it is."""
    if labelled > 3 and parts[1].word in lex.issued and parts[2].word == "عن":
        return parts[3].start  # بيان صادر عن الوزارة، دراسة صدرت عن جامعة القاهرة
    if labelled < 2 or parts[0].word not in lex.mediums or parts[1].kind not in (INSTITUTION, CONNECTOR, TITLE):
        return parts[0].start
    owner = parts[1]
    if owner.kind == CONNECTOR:  # لوزارة، للوزارة: the owner after لـ, glued or written apart
        if owner.word == "ل":
            return parts[2].start if labelled > 2 else parts[0].start
        return owner.start + 1 if text[owner.start] == "ل" else parts[0].start  # للوزارة: shown as الوزارة
    return owner.start


def mention_of(phrase: Phrase, text: str, lex: Lexicon, gender: str, weak: bool, antecedent: bool = True,
               headline: bool = False) -> Mention:
    """The mention a parsed phrase of ``text`` makes; ``headline`` phrases count as definite
    (headlines drop the article)."""
    parts = phrase.parts
    name = name_run(parts, lex)
    labelled = next((k for k, p in enumerate(parts) if p.kind == RELATIVE and k), len(parts))
    article = text.startswith("ال", parts[0].start)
    construct = not article and len(parts) > 1 and parts[0].kind == TITLE and parts[1].definite
    return Mention(
        span=(parts[0].start, parts[-1].end),
        label=(_owner_start(parts, labelled, text, lex), parts[labelled - 1].end),
        name=name,
        titles=frozenset(p.word for p in parts if p.kind in DESCRIPTIVE),
        heads=frozenset(p.word for p in parts if p.kind in (TITLE, INSTITUTION)),
        institution=name is None and parts[0].kind == INSTITUTION,
        definite=headline or article or construct,
        gender=gender,
        genitive=genitive_words(parts) if construct and not headline else frozenset(),
        weak=weak,
        antecedent=antecedent,
    )
