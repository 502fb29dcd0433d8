"""The forms of the cues, generated from the lexicon's rows, and the one pattern that finds
them all.

A reporting verb is listed once, by its past and present stems; its forms in every person,
gender and number, with the و/ف proclitics, are generated here.  A participle is listed by
its stem and takes its gender and number endings; a phrase is listed as it is written.
Every form is folded like a token (:func:`builder.text.arabic.fold_word`), and all of them are
compiled into one trie-shaped regular expression whose letters are classes of their
variants (:data:`builder.text.arabic.FOLD_CLASSES`), so that a single pass over a stripped
document finds every cue anchor, whatever its spelling.  The standard library's ``re`` runs
this kind of alternation several times faster than ``regex``, so the hot patterns use it.

Compiling costs more than matching, though: Python's regular expression compiler takes
about a second for twenty thousand forms, and memory in proportion.  A lexicon with more
forms than :data:`MAX_PATTERN_FORMS` (thousands of verbs) is matched word by word instead
(:class:`CueWords`): each word of the text looked up among the forms, the few phrases of
several words by a small pattern of their own — the same matches, found in time linear in
the text, and loaded in time linear in the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Protocol

from builder.lexicon.files import Row
from builder.text.arabic import FOLD_CLASSES, fold, fold_word
from builder.text.morphology import PRONOUN_SUFFIXES

_PAST_SUFFIXES = {"": "m", "ت": "f", "ا": "p", "تا": "p", "وا": "p", "ن": "p", "نا": "p"}
_PRESENT_PREFIXES = {"ي": "m", "ت": "f", "ن": "p", "ا": "m"}
_PRESENT_SUFFIXES = {"": "", "ان": "p", "ون": "p", "ين": "f", "ن": "p"}
_PARTICIPLE_SUFFIXES = {"ا": "m", "ه": "f", "ين": "p", "ات": "p", "ان": "p"}
_MASCULINE = ("ا", "ين")
_DERIVED_FROM = 4  # letters of the past

#: The kinds of cue (:attr:`Cue.kind`); the rule table answers them.
VERB, PARTICIPLE, SOURCE, TRAILING, STAGE = CUE_KINDS = ("verb", "participle", "source", "trailing", "stage")

#: Group numbers in the cue pattern: the و/ف proclitic, and the cue itself.
PROCLITIC, CUE = 1, 2
#: Cue forms compiled into one pattern at most; a lexicon with more is matched word by word.
MAX_PATTERN_FORMS = 20_000
#: A phrase ending in a bare preposition, which may be glued to the next word (وفقا لـ).
_GLUED = " ل"


@dataclass(frozen=True, slots=True)
class Cue:
    """What a matched cue form is: its lemma, kind, and the gender/number it agrees with.

    ``kind`` is ``verb``, ``participle``, ``source`` (بحسب، وفقا لـ), ``trailing``
    (على حد تعبيره) or ``stage`` (أصدر، استقبل: a verb that reports nothing);
    ``gender`` is ``m``, ``f`` or ``p`` (dual/plural), empty if unknown;
    ``present`` marks present-tense verb forms; ``required`` means the word is a cue only
    when ``preposition`` follows within a few words (عبر عن; bare عبر is "via"), or right
    after it when ``"="`` (جاء في البيان; جاء ذلك في ... is no report); ``relay``
    means the speaker is the one after ``preposition`` (نقلت الوكالة عن مصدر قوله إن);
    ``object_first`` that an object comes before ``preposition`` (وصف الخبير الوضع بأنه);
    ``with_object`` that the form carries its object as a pronoun (أبلغهم، ويصفهم); ``tells``
    that the verb takes the person told before its content (أبلغ المسؤولين أن، أخبر الوكالة أن).
    """

    lemma: str
    kind: str
    gender: str
    present: bool = False
    preposition: str = ""
    required: bool | str = False
    relay: bool = False
    object_first: bool = False
    with_object: bool = False
    tells: bool = False

    @property
    def takes_verb(self) -> bool:
        """A source phrase completed by a verb (بحسب ما أورد، حسبما ذكر، وفقا لما نقلته): the verb
        is part of it."""
        return self.kind == SOURCE and (self.lemma.endswith((" ما", " لما")) or self.lemma == "حسبما")


_OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما")


def _verb_forms(past: str, present: str, extra: list[str], prep: str, kind: str = VERB) -> dict[str, Cue]:
    marks = prep[:len(prep) - len(prep.lstrip("!=@+*"))]
    required, relay, first = ("=" if "=" in marks else "!" in marks), "@" in marks, "+" in marks
    tells = "*" in marks
    prep = fold_word(prep[len(marks):])
    forms: dict[str, Cue] = {}
    lemma = fold_word(past)
    for suffix, gender in _PAST_SUFFIXES.items():
        if suffix == "ا" and len(lemma) == 2:
            continue  # a doubled verb's dual is its verbal noun in the accusative: ردا على "..." (in reply to)
        forms.setdefault(lemma + suffix, Cue(lemma, kind, gender, False, prep, required, relay, first, tells=tells))
    core = fold_word(present)[1:]
    for prefix, gender in _PRESENT_PREFIXES.items():
        for suffix, number in _PRESENT_SUFFIXES.items():
            g = number or gender
            forms.setdefault(prefix + core + suffix, Cue(lemma, kind, g, True, prep, required, relay, first,
                                                         tells=tells))
    for form in extra:
        folded = fold_word(form)
        present_form = folded[:1] in "يتن" and folded[1:].startswith(core[:2])
        gender = "f" if folded.endswith("ت") or folded.startswith("ت") else (
            "p" if folded.endswith(("وا", "ا", "ون", "ان", "ن")) else "m")
        forms[folded] = Cue(lemma, kind, gender, present_form, prep, required, relay, first, tells=tells)
    if tells:  # أبلغهم، وطمأنتهم أن: the person told as a pronoun on the verb
        forms.update({form + pronoun: replace(cue, with_object=True) for form, cue in list(forms.items())
                      for pronoun in _OBJECT_PRONOUNS if not form.endswith(("وا", "ون", "ين", "ان"))})
    return forms


def _stage_forms(forms: dict[str, Cue]) -> dict[str, Cue]:
    """A stage verb's third-person forms (its subject is someone else: أصدرت الهيئة), the
    singular ones also with an object pronoun (أصدرتها، تنشرها، أصدرته).  A bare ه only
    after ت: folded, it is also the ة of a noun (زاره / وزارة)."""
    third = {form: cue for form, cue in forms.items()
             if not (form[:1] in "ان" if cue.present else form.endswith("ن") or form.endswith("نا"))}
    out = dict(third)
    for form, cue in third.items():
        if cue.gender in ("m", "f") and not form.endswith("ا"):
            for suffix in PRONOUN_SUFFIXES:
                if suffix != "ه" or form.endswith("ت"):
                    out.setdefault(form + suffix, cue)
    return out


def cue_table(verbs: Iterable[Row], participles: Iterable[Row], phrases: Iterable[Row],
              stage: Iterable[Row] = ()) -> dict[str, Cue]:
    """Every folded cue form and what it is, from the rows of the cue files (``stage`` verbs
    are the ``stage`` kind: they report nothing, see ``stage_verbs.tsv``).  A form two rows
    give is the first one's, in this order: reporting verbs, listed participles, phrases,
    stage verbs, participles derived from the verbs (أوضح's يوضح is not وضّح's)."""
    cues: dict[str, Cue] = {}
    shared: dict[Cue, Cue] = {}  # one object for the forms of a verb that agree alike (a large lexicon has millions)

    def add(forms: dict[str, Cue]) -> None:
        for form, cue in forms.items():
            if form not in cues:
                cues[form] = shared.setdefault(cue, cue)

    verbs = list(verbs)
    for row in verbs:
        add(_verb_forms(row[0], row[1], row[2].split(), row[3]))
    for row in participles:
        stem = fold_word(row[0])
        endings = _MASCULINE if row[2] == "m" else _PARTICIPLE_SUFFIXES
        add({stem + suffix: Cue(stem + "ا", PARTICIPLE, _PARTICIPLE_SUFFIXES[suffix], False, fold_word(row[1]))
             for suffix in endings})
    for row in phrases:
        folded = fold_phrase(row[0])
        add({folded: Cue(folded, row[1], "")})
    for row in stage:
        add(_stage_forms(_verb_forms(row[0], row[1], row[2].split(), row[3], STAGE)))
    for row in verbs:  # derived participles take the masculine endings only (a feminine
        stem = _participle_stem(row)  # مطالبة is also the noun "demand")
        if stem:
            add({stem + suffix: Cue(stem + "ا", PARTICIPLE, _PARTICIPLE_SUFFIXES[suffix], False,
                                    fold_word(row[3].lstrip("!@"))) for suffix in _MASCULINE})
    return cues


def fold_phrase(phrase: str) -> str:
    """A lexicon phrase folded word by word, its words joined by one space."""
    return " ".join(fold_word(w) for w in phrase.split())


def _participle_stem(row: Row) -> str:
    """The active participle of a verb row: its own column, or, for a past of four letters or
    more (forms III–X: أوضح، استطرد، تابع), مُ and the present stem (يوضح → موضح); none for
    ``-`` or a three-letter past, whose form the letters do not tell (قال → قائل, أكّد → مؤكد)."""
    given = row[4]
    if given == "-":
        return ""
    if given:
        return fold_word(given)
    past, present = fold_word(row[0]), fold_word(row[1])
    return "م" + present[1:] if len(past) >= _DERIVED_FROM and present[:1] == "ي" else ""


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of folded ``words`` shaped as a prefix trie (fast to match);
    each letter matches all its variants, each space any run of whitespace."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def char(ch: str) -> str:
        if ch == " ":
            return r"\s+"
        return f"[{FOLD_CLASSES[ch]}]" if ch in FOLD_CLASSES else re.escape(ch)

    def build(node: dict) -> str:
        ends = "" in node
        branches = [char(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def cue_pattern(cues: dict[str, Cue]) -> re.Pattern:
    """The pattern of every cue form, with its optional و/ف/ل proclitic (groups
    :data:`PROCLITIC` and :data:`CUE`).  Phrases ending in a bare preposition (وفقا لـ) may
    be glued to the next word.

    A match starts with the character before the cue, which is no word character: a pattern
    that starts with one character class is scanned at C speed from one candidate position
    to the next, where a lookbehind would be tried at every position.  So the text is
    scanned with one character put before it (see :func:`builder.engine.layout.scan_cues`)."""
    glued = sorted(form for form in cues if form.endswith(_GLUED))
    whole = sorted(form for form in cues if form not in glued)
    return re.compile(
        rf"[^\w]([{FOLD_CLASSES['و']}فل](?=\w))?"
        rf"((?:{trie_pattern(whole)})(?!\w)|{trie_pattern(glued)})"
    )


class CueMatch(Protocol):
    """What the engine reads of a cue match: a ``re.Match`` of :func:`cue_pattern`, or a
    :class:`CueFound` of :class:`CueWords`."""

    string: str

    def start(self, group: int = 0) -> int: ...

    def end(self, group: int = 0) -> int: ...

    def group(self, group: int = 0) -> str | None: ...


class CueMatcher(Protocol):
    """What finds the cues of a text: :func:`cue_pattern`'s pattern or :class:`CueWords`."""

    def finditer(self, string: str, pos: int = 0, endpos: int = ...) -> Iterator[CueMatch]: ...


@dataclass(frozen=True, slots=True)
class CueFound:
    """A cue :class:`CueWords` found, read as a match of :func:`cue_pattern` is read: the
    match starts at the character before the cue; group :data:`PROCLITIC` is the و/ف (-1
    without), group :data:`CUE` the cue."""

    string: str
    proclitic: int
    cue: int
    stop: int

    def start(self, group: int = 0) -> int:
        if group == PROCLITIC:
            return self.proclitic
        if group == CUE:
            return self.cue
        return (self.cue if self.proclitic < 0 else self.proclitic) - 1

    def end(self, group: int = 0) -> int:
        if group == PROCLITIC:
            return self.cue if self.proclitic >= 0 else -1
        return self.stop

    def group(self, group: int = 0) -> str | None:
        start = self.start(group)
        return None if start < 0 else self.string[start:self.end(group)]


class CueWords:
    """The matches of :func:`cue_pattern` found word by word, for a lexicon too large to
    compile into one pattern.  At each word, in the pattern's order: with a و/ف proclitic
    first, then without; the longest form of whole words (a phrase of several, or the word
    alone), else a phrase glued to the next word.  Phrases are few: they keep a pattern."""

    _WORD = re.compile(r"[^\w](\w+)")
    _PROCLITICS = frozenset("وفل")  # folded: ؤ is و

    def __init__(self, cues: Iterable[str]) -> None:
        forms = list(cues)
        self.words = frozenset(form for form in forms if " " not in form)
        phrases = [form for form in forms if " " in form]
        self.first_words = frozenset(form.split(" ", 1)[0] for form in phrases)
        whole = sorted(form for form in phrases if not form.endswith(_GLUED))
        glued = sorted(form for form in phrases if form.endswith(_GLUED))
        self.whole = re.compile(rf"(?:{trie_pattern(whole)})(?!\w)") if whole else None
        self.glued = re.compile(trie_pattern(glued)) if glued else None

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[CueFound]:
        """The cues of ``string[pos:endpos]``, as ``cue_pattern(...).finditer`` finds them."""
        endpos = len(string) if endpos is None else endpos
        while (m := self._WORD.search(string, pos, endpos)) is not None:
            start, stop = m.span(1)
            word = fold(m.group(1))
            found = None
            if len(word) > 1 and word[0] in self._PROCLITICS:
                found = self._cue(string, start + 1, stop, word[1:], endpos, start)
            found = found or self._cue(string, start, stop, word, endpos, -1)
            if found:
                yield found
            pos = found.stop if found else stop

    def _cue(self, string: str, start: int, stop: int, word: str, endpos: int, proclitic: int) -> CueFound | None:
        """The cue starting at ``start``, whose first word (folded) is ``word`` and ends at ``stop``."""
        phrase = word in self.first_words
        if phrase and self.whole and (m := self.whole.match(string, start, endpos)):
            return CueFound(string, proclitic, start, m.end())
        if word in self.words:
            return CueFound(string, proclitic, start, stop)
        if phrase and self.glued and (m := self.glued.match(string, start, endpos)):
            return CueFound(string, proclitic, start, m.end())
        return None


def cue_matcher(cues: dict[str, Cue]) -> CueMatcher:
    """What finds the cues: one pattern of all the forms, or, past
    :data:`MAX_PATTERN_FORMS` forms, :class:`CueWords` (the same matches)."""
    return cue_pattern(cues) if len(cues) <= MAX_PATTERN_FORMS else CueWords(cues)
