"""The lexicon: every word list the rules consult, folded, and the cue matcher.

The lists are data (``builder/lexicon/data/``, read and checked by
:mod:`builder.lexicon.files`); :func:`load` turns them into the sets and patterns the rules
use, once per process and folder.  Every entry is folded like a token
(:func:`builder.text.arabic.fold_word`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from builder.lexicon.cue_forms import (
    CUE,
    PROCLITIC,
    VERB,
    Cue,
    CueMatch,
    CueMatcher,
    cue_matcher,
    cue_table,
    fold_phrase,
    trie_pattern,
)
from builder.lexicon.files import read_rows, shipped
from builder.text.arabic import LAST_WORD, fold, fold_word, normalize
from builder.text.morphology import PRONOUN_SUFFIXES

_PREPOSITION_WINDOW = 60
_HOMOGRAPH_WORDS = 6
_WORD_OR_MARK = re.compile(r"\w+|[:\"“”«»„]")
_OPENING_MARKS = frozenset(':"“”«»„')
_RELATIVE_REACH = 12  # characters: a space and واللواتي
_FIRST_WORD = re.compile(r"\s*(\w+)")
_MEDIUM_ENDINGS = (*PRONOUN_SUFFIXES, "ا")  # تغريدته، صفحتها، بيانا


def _strip(token: str, articles: tuple[str, ...]) -> str:
    for prefix in articles:
        if token.startswith(prefix) and len(token) > len(prefix) + 1:
            return token[len(prefix):]
    return token


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All the word lists the rules consult, folded, and the cue matcher."""

    cues: dict[str, Cue]
    cue_re: CueMatcher
    """Finds the cues of a text (``finditer``): one pattern, or word by word for a large
    lexicon (:func:`builder.lexicon.cue_forms.cue_matcher`)."""
    cue_tokens: frozenset[str]
    """The one-word cue forms, bare and with و/ف."""
    articles: tuple[str, ...]
    """The article with its proclitics (وال، لل، ال), longest first."""
    complementizers: frozenset[str]
    titles: frozenset[str]
    relational_titles: frozenset[str]
    honorifics: frozenset[str]
    """Titles that stand before the name itself (معالي، سمو): any other title without the
    article takes a genitive (سفير إيران، أمير قطر), not the person's name."""
    institutions: frozenset[str]
    outlets: frozenset[str]
    """The institutions that are news outlets (قناة، وكالة، صحيفة), without the article."""
    modifiers: frozenset[str]
    adverbials: frozenset[str]
    adverbial_spellings: frozenset[str]
    """The adverbials as written, unfolded: after a name, only these end a phrase, so that
    the name ``علي`` is not taken for the preposition ``على``.  Each is also spelt without
    its hamza (``الى``) and, ending in ``ي``, with ``ى`` as Egyptian spelling writes a final
    ``ي`` (``فى``): see :func:`_spellings`."""
    mediums: frozenset[str]
    """Words that, after a preposition, name the occasion of speech (في بيان), article stripped."""
    impersonal: frozenset[str]
    scripture: frozenset[str]
    labels: frozenset[str]
    """Page labels (``الوسوم``، ``اقرأ أيضا``) as written, and those of several words also
    without their articles."""
    relatives: frozenset[str]
    inner_prepositions: frozenset[str]
    """Prepositions that stay inside a speaker phrase before a definite noun (في، باسم)."""
    speech_openers: frozenset[str]
    """Words that make a quotation of one or two words speech rather than a name (لن، لا)."""
    topics: frozenset[str]
    """أما: its noun phrase is the subject of the verb after ف."""
    auxiliaries: frozenset[str]
    """Words between a subject and its verb (``كانت الوكالة قد أفادت``، ``كان قد صرح``)."""
    credits: frozenset[str]
    """Cue verbs that, with a name alone on their line, credit the writer (كتب : فلان)."""
    homographs: frozenset[str]
    """Cue forms that are also common words (بين، أبرز، نصف، تابع): cues only before a content."""
    frames: frozenset[str]
    """Subjects that are the news itself (المعلومات، الأنباء): a report they frame is the one listed."""
    leaders: frozenset[str]
    """Words that name who leads the head before them (بزعامة، برئاسة، بقيادة): not its name."""
    opener_re: re.Pattern
    """A word that opens a clause whose subject may stand before its verb (a complementizer,
    أما, كان, a connector: لكن): group 1, after the character before it (the scan starts with
    one class)."""
    resumptives: frozenset[str]
    """The pronoun that refers back to the source (بحسب ما أفادت به الوكالة)."""
    pronouns: frozenset[str]
    """Personal pronouns (هو، هي): before an adverbial they stress the subject (``قال الوزير هو
    الآخر إن``); before anything else they open a clause of their own (``، هو إيصال رسالة أن``)."""
    completing_verbs: frozenset[str]
    """Verbs that are no cue but complete a source phrase (بحسب ما ورد في)."""
    connectors: frozenset[str]
    """The writer's connectors between a comma and a new cue (، لكنه أشار، ، إلا أنه أوضح)."""
    participle_shape_re: re.Pattern
    """A comma, then a word shaped like an active participle (مُفعِلا، مُفتعِلة) followed by a
    content clause, a colon or a quotation: a participial cue, listed or not."""
    negations: frozenset[str]
    """Particles that negate the cue after them (لم يؤكد): what it reports was not said."""
    quantifiers: frozenset[str]
    """جميع، كل، بعض: after a speaker phrase they open the verb's object (فند الخبير جميع الادعاءات)."""
    object_nouns: frozenset[str]
    """Verbal nouns that open a cue's object, never its subject (أكد ضرورة، أكد أهمية)."""
    indefinites: frozenset[str]
    """ما، ماذا: a cue right after one is a clause another verb takes as its object (ما جاء في)."""
    negation_nouns: frozenset[str]
    directions: frozenset[str]
    """شمال، جنوب، غرب: after a preposition in a speaker phrase, with their genitive, the title's place."""
    issued: frozenset[str]
    """صادر، صدر: after a document, with عن, whose it is. Folded, no article."""
    near: frozenset[str]
    """مقرب، قريبة: "close to"; a name after them and من is not the speaker's. Folded, no article."""
    unfinished: frozenset[str]
    """Words that never end a sentence (في، على، أن): a line break after one is a space. Folded."""
    """Negations that are nouns (عدم): the word before one is a verb (مصدر طلب عدم ذكر اسمه)."""
    subordinators: frozenset[str]
    """Words that make the أن after them a subordinate clause (بعد أن), not reported content."""
    furniture_re: re.Pattern
    clause_break_re: re.Pattern
    phrase_stops: frozenset[str]
    """Words that end a speaker phrase: complementizers, adverbials, one-word cues,
    resumptive pronouns (فيه), negations, coordinators (أو), free pronouns (هو، ما) and the
    verbal nouns that open an object (ضرورة، أهمية)."""
    strip_article: Callable[[str], str] = field(init=False, repr=False)
    """``الوزير`` → ``وزير``, ``للحكومة`` → ``حكومه``, ``والجيش`` → ``جيش`` (folded tokens)."""

    def __post_init__(self) -> None:
        articles = self.articles

        @lru_cache(maxsize=1 << 16)
        def strip_article(token: str) -> str:
            return _strip(token, articles)

        object.__setattr__(self, "strip_article", strip_article)  # a cached function of this lexicon's articles

    def cue_of(self, match: CueMatch) -> Cue | None:
        """The cue a ``cue_re`` match stands for, or None when its required preposition
        does not follow within a few words (``عبر فضائية`` is "via", not "expressed")."""
        form = fold(" ".join(match.group(CUE).split()))
        cue = self.cues[form]
        if match.start(PROCLITIC) >= 0 and match.string[match.start(PROCLITIC)] == "ل" \
                and not (cue.kind == VERB and cue.present):
            return None  # ليؤكد أن: لـ proclitic only before a verb in the present (to say)
        if cue.with_object and match.start(PROCLITIC) < 0 and not self._after_relative(match.string, match.start(CUE)):
            return None  # لهجوم وصفه بغير المسبوق: without و or الذي, a relative clause
        if cue.required and (not self._preposition_follows(cue, match.string, match.end())
                             or self._medium_follows(match.string, match.end())):
            return None
        if form in self.homographs:
            return cue if _verb_position(match) and self.content_follows(match.string, match.end()) else None
        return cue

    def _medium_follows(self, string: str, end: int) -> bool:
        """Whether the word after a cue names a medium (``عبر منشور``، ``عبر حسابه``، ``عبر البيان``):
        the preposition "via", not the verb, whatever preposition comes later."""
        m = _FIRST_WORD.match(string, end)
        if m is None:
            return False
        return self.is_medium(self.strip_article(fold(m.group(1))))

    def is_medium(self, word: str) -> bool:
        """Whether a folded word names the occasion of speech, in any case or with a pronoun
        (``كلمة``، ``بيانا``، ``تصريحاته``، ``تغريدته``: ة before a pronoun is written ت)."""
        if word in self.mediums:
            return True
        for ending in _MEDIUM_ENDINGS:
            stem = word[:-len(ending)]
            if word.endswith(ending) and len(stem) > 2 and (
                    stem in self.mediums or (stem[-1:] == "ت" and stem[:-1] + "ه" in self.mediums)):
                return True
        return False

    def _after_relative(self, string: str, start: int) -> bool:
        """Whether the word before ``start`` is a relative pronoun (``التي وصفها الوزير بأنها
        "..."``): the clause has its relative and reports with its own subject."""
        m = LAST_WORD.search(string, max(0, start - _RELATIVE_REACH), start)
        return m is not None and fold(m.group(1)).removeprefix("و") in self.relatives

    def whole_word_cue(self, string: str, start: int, end: int) -> Cue | None:
        """The cue that ``string[start:end]`` — a word whose first letter was read as و/ف and
        whose rest was no cue there — is as a whole (``وجاء``/``ورد``: و + رد or ورد في)."""
        cue = self.cues.get(fold(string[start:end]))
        if cue is None or cue.with_object or fold(string[start:end]) in self.homographs:
            return None
        return cue if not cue.required or self._preposition_follows(cue, string, end) else None

    def _preposition_follows(self, cue: Cue, string: str, end: int) -> bool:
        """Whether a cue's required preposition follows within a few words (right after it for
        ``"="``), before a sentence mark or colon."""
        window = string[end:end + _PREPOSITION_WINDOW]
        words = fold(re.split(r"[.:؛\n]", window, maxsplit=1)[0]).split()
        return cue.preposition in (words[:1] if cue.required == "=" else words)

    def content_follows(self, text: str, end: int) -> bool:
        """Whether a complementizer, a colon or a quotation mark follows ``end`` within
        :data:`_HOMOGRAPH_WORDS` words of the same sentence."""
        window = re.split(r"[.؛\n]", text[end:end + _PREPOSITION_WINDOW], maxsplit=1)[0]
        for k, m in enumerate(_WORD_OR_MARK.finditer(window)):
            if k > _HOMOGRAPH_WORDS:
                break
            if m.group() in _OPENING_MARKS or fold(m.group()) in self.complementizers:
                return True
        return False

    def is_label(self, words: list[str]) -> bool:
        """Whether a line head of folded ``words`` is a page label (``المصدر:``، ``الوسوم:``).
        A label of several words matches without its articles too (``الكلمات المفتاحية``);
        a single word only as listed, so that ``مصدر:`` (a source speaking) is no label, and
        a head that only starts with a label is none (``شاهد عيان:``)."""
        if " ".join(words) in self.labels:
            return True
        return len(words) > 1 and " ".join(map(self.strip_article, words)) in self.labels

    def is_cue_word(self, word: str) -> bool:
        """Whether the folded ``word`` (perhaps with و/ف) is a one-word cue."""
        return word in self.cue_tokens



def _line_regex(exact: list[str], prefixes: list[str]) -> re.Pattern:
    """Lines that are one of ``exact`` (give or take ``:`` and ``|``) or start with a prefix,
    each matched with the line break before it (the text is scanned with one put before it):
    a pattern that starts with a literal character skips to its candidates at C speed."""
    return re.compile(
        rf"\n[ \t]*(?:(?:{trie_pattern(exact)})[ \t:|]*$|(?:{trie_pattern(prefixes)}))",
        re.MULTILINE,
    )


def _verb_position(match: CueMatch) -> bool:
    """Whether a cue match stands where a verb does: with و/ف (also written apart), or opening
    its clause (the text's start, a line, a sentence, after a comma or a colon) — not ``من بين
    أبرز ...``."""
    if match.start(PROCLITIC) >= 0:
        return True
    before = match.string[:match.start(CUE)].rstrip(" \t")
    if before[-1:] in ("و", "ف") and not before[-2:-1].isalnum():
        return True  # "..."، و تابع "...": the و written apart
    return not before or before[-1] in "\n.،,:؛!?؟"


def _participle_shape(complementizers: frozenset[str]) -> re.Pattern:
    """See :attr:`Lexicon.participle_shape_re`; group 1 is the participle."""
    intro = rf"(?:{trie_pattern(sorted(complementizers))})(?!\w)|[:\"“”«»]"
    return re.compile(rf"[،,]\s*(?:و)?(م[^\W\d_]{{3,}}(?:ا|ة|ين))\s+(?:[^\W\d_]+\s+)?(?:{intro})")


_HAMZA_LESS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def _spellings(words: Iterable[str]) -> frozenset[str]:
    """``words`` as writers spell them: also without the hamza on alef (``إلى``, ``الى``),
    and ending in ``ي`` also with ``ى`` (``في``, ``فى``) — not the other way round: ``على``
    spelt ``علي`` is the name."""
    bare = set(words)
    bare |= {w.translate(_HAMZA_LESS) for w in bare}
    return frozenset(bare | {w[:-1] + "ى" for w in bare if w.endswith("ي")})


def _with_proclitics(words: Iterable[str]) -> frozenset[str]:
    """``words`` and each with a و or ف proclitic (folded: ``ؤ`` is ``و``)."""
    bare = set(words)
    return frozenset(bare | {p + w for w in bare for p in "وف"})


@cache
def _load(folder: Path | None) -> Lexicon:
    rows = read_rows(folder)

    def words(name: str) -> frozenset[str]:
        return frozenset(fold_word(row[0]) for row in rows[name])

    roles: dict[str, list[str]] = {}
    for row in rows["particles.tsv"]:
        roles.setdefault(row[1], []).append(fold_word(row[0]))
    articles = tuple(sorted(roles.get("article", []), key=len, reverse=True))
    cues = cue_table(rows["cue_verbs.tsv"], rows["cue_participles.tsv"], rows["cue_phrases.tsv"],
                     rows["stage_verbs.tsv"])
    cue_tokens = _with_proclitics(form for form in cues if " " not in form)
    complementizers = words("complementizers.txt")
    adverbials = words("adverbials.txt")
    furniture = [(fold_phrase(r[0]), r[1] == "prefix") for r in rows["furniture.txt"]]
    breaks = sorted({fold_phrase(row[0]) for row in rows["clause_breaks.txt"]})
    labels = [[fold_word(w) for w in row[0].split()] for row in rows["labels.txt"]]

    topics = frozenset(fold_word(w) for w in roles.get("topic", []))
    auxiliaries = frozenset(fold_word(w) for w in roles.get("auxiliary", []))

    def stripped(ws: Iterable[str]) -> list[str]:
        return [_strip(w, articles) for w in ws]

    connectors = frozenset(roles.get("connector", []))
    openers = complementizers | topics | auxiliaries | connectors  # what may stand before a subject and its verb
    return Lexicon(
        cues=cues,
        cue_re=cue_matcher(cues),
        cue_tokens=cue_tokens,
        articles=articles,
        complementizers=complementizers,
        titles=frozenset(fold_word(r[0]) for r in rows["titles.txt"]),
        relational_titles=frozenset(fold_word(r[0]) for r in rows["titles.txt"] if r[1] == "relational"),
        honorifics=frozenset(fold_word(r[0]) for r in rows["titles.txt"] if r[1] == "honorific"),
        institutions=frozenset(stripped(words("institutions.txt"))),
        outlets=frozenset(stripped(fold_word(r[0]) for r in rows["institutions.txt"] if r[1] == "outlet")),
        modifiers=words("modifiers.txt"),
        adverbials=adverbials,
        adverbial_spellings=_spellings(normalize(r[0]).text for r in rows["adverbials.txt"]),
        mediums=frozenset(stripped(words("mediums.txt"))),
        impersonal=words("impersonal.txt"),
        scripture=words("scripture.txt"),
        labels=frozenset([" ".join(ws) for ws in labels] + [" ".join(stripped(ws)) for ws in labels if len(ws) > 1]),
        relatives=frozenset(roles.get("relative", [])),
        inner_prepositions=frozenset(roles.get("inner_preposition", [])),
        speech_openers=frozenset(roles.get("speech_opener", [])),
        topics=topics,
        auxiliaries=auxiliaries,
        credits=frozenset(roles.get("credit", [])),
        homographs=frozenset(fold_word(w) for w in roles.get("homograph", [])),
        frames=frozenset(stripped(fold_word(w) for w in roles.get("frame", []))),
        leaders=frozenset(fold_word(w) for w in roles.get("leader", [])),
        opener_re=re.compile(rf"[^\w]({trie_pattern(sorted(openers))})(?!\w)"),
        resumptives=frozenset(roles.get("resumptive", [])),
        pronouns=frozenset(roles.get("pronoun", [])),
        completing_verbs=frozenset(roles.get("completing_verb", [])),
        connectors=connectors,
        participle_shape_re=_participle_shape(complementizers),
        negations=frozenset(roles.get("negation", []) + roles.get("negation_noun", [])),
        negation_nouns=frozenset(roles.get("negation_noun", [])),
        directions=frozenset(roles.get("direction", [])),
        near=frozenset(fold_word(w) for w in roles.get("near", [])),
        issued=frozenset(fold_word(w) for w in roles.get("issued", [])),
        unfinished=frozenset(fold_word(w) for w in [*roles.get("unfinished", []), *complementizers]),
        indefinites=frozenset(roles.get("indefinite", [])),
        object_nouns=frozenset(roles.get("object_noun", [])),
        quantifiers=frozenset(roles.get("quantifier", [])),
        subordinators=frozenset(roles.get("subordinator", [])),
        furniture_re=_line_regex([m for m, prefix in furniture if not prefix],
                                 [m for m, prefix in furniture if prefix]),
        clause_break_re=re.compile(rf"[،,]\s*(?:{trie_pattern(breaks)})(?!\w)"),
        # a homograph alone is a word of the phrase where it is no cue (المهندس عزت سالم، مسؤول تابع للوزارة)
        phrase_stops=(complementizers | adverbials
                      | (cue_tokens - frozenset(fold_word(w) for w in roles.get("homograph", [])))
                      | frozenset(roles.get("resumptive", []))
                      | frozenset(roles.get("negation", [])) | frozenset(roles.get("negation_noun", []))
                      | frozenset(roles.get("coordinator", []))
                      | frozenset(roles.get("pronoun", [])) | frozenset(roles.get("indefinite", []))
                      | frozenset(roles.get("object_noun", []))),
    )


def load(folder: str | Path | None = None) -> Lexicon:
    """The lexicon shipped in ``builder/lexicon/data/``, or with the files of ``folder`` in place
    of the shipped ones (see :mod:`builder.lexicon.files`); loaded once per process and folder.
    Raises :class:`builder.lexicon.files.LexiconError` naming every bad row."""
    return _load(Path(folder).resolve() if folder is not None else None)


def lexicon_dir() -> Path:
    """Where the shipped data files live (for ``--help`` texts and the README)."""
    return shipped()
