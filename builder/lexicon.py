"""Load the lexicon data files (see ``lexicons/README.md``) into matchers.

Every entry is folded like a token (:func:`builder.arabic.fold_word`), verb inflections are
generated from their stems, and the cue words of all kinds are compiled into one
trie-shaped regular expression whose letters are classes of their variants
(:data:`builder.arabic.FOLD_CLASSES`), so that a single pass over a stripped document finds
every cue anchor, whatever its spelling.  The standard library's ``re`` runs this kind of
alternation several times faster than ``regex``, so the hot patterns use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from builder.arabic import FOLD_CLASSES, fold, fold_word, normalize

#: Version of the rules and their data; it travels with every candidate file as
#: ``model_version`` of the predictions made from it.
RULES_VERSION = "rules-2026.11.2"

_PAST_SUFFIXES = {"": "m", "ت": "f", "ا": "p", "تا": "p", "وا": "p", "ن": "p", "نا": "p"}
_PRESENT_PREFIXES = {"ي": "m", "ت": "f", "ن": "p", "ا": "m"}
_PRESENT_SUFFIXES = {"": "", "ان": "p", "ون": "p", "ين": "f", "ن": "p"}
_PREPOSITION_WINDOW = 60
_PARTICIPLE_SUFFIXES = {"ا": "m", "ه": "f", "ين": "p", "ات": "p", "ان": "p"}


@dataclass(frozen=True, slots=True)
class Cue:
    """What a matched cue form is: its lemma, kind, and the gender/number it agrees with.

    ``kind`` is ``verb``, ``participle``, ``source`` (بحسب، وفقا لـ) or ``trailing``
    (على حد تعبيره); ``gender`` is ``m``, ``f`` or ``p`` (dual/plural), empty if unknown;
    ``present`` marks present-tense verb forms; ``required`` means the word is a cue only
    when ``preposition`` follows within a few words (عبر عن; bare عبر is "via"); ``relay``
    means the speaker is the one after ``preposition`` (نقلت الوكالة عن مصدر قوله إن).
    """

    lemma: str
    kind: str
    gender: str
    present: bool = False
    preposition: str = ""
    required: bool = False
    relay: bool = False

    @property
    def takes_verb(self) -> bool:
        """A source phrase completed by a verb (بحسب ما أورد، حسبما ذكر): the verb is part of it."""
        return self.kind == "source" and (self.lemma.endswith(" ما") or self.lemma == "حسبما")


def _rows(name: str) -> list[list[str]]:
    text = resources.files("builder").joinpath("lexicons", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([col.strip() for col in line.split("\t")])
    return rows


def _words(name: str) -> frozenset[str]:
    return frozenset(fold_word(row[0]) for row in _rows(name))


@lru_cache(maxsize=1 << 16)
def strip_article(token: str) -> str:
    """``الوزير`` → ``وزير``, ``للحكومة`` → ``حكومه``, ``والجيش`` → ``جيش`` (folded tokens)."""
    for prefix in ("وال", "فال", "بال", "كال", "لل", "ال"):
        if token.startswith(prefix) and len(token) > len(prefix) + 1:
            return token[len(prefix):]
    return token


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


def _verb_forms(past: str, present: str, extra: list[str], prep: str) -> dict[str, Cue]:
    required, relay = prep.startswith("!"), prep.startswith("@")
    prep = fold_word(prep.lstrip("!@"))
    forms: dict[str, Cue] = {}
    lemma = fold_word(past)
    for suffix, gender in _PAST_SUFFIXES.items():
        forms.setdefault(lemma + suffix, Cue(lemma, "verb", gender, False, prep, required, relay))
    core = fold_word(present)[1:]
    for prefix, gender in _PRESENT_PREFIXES.items():
        for suffix, number in _PRESENT_SUFFIXES.items():
            g = number or gender
            forms.setdefault(prefix + core + suffix, Cue(lemma, "verb", g, True, prep, required, relay))
    for form in extra:
        folded = fold_word(form)
        present_form = folded[:1] in "يتن" and folded[1:].startswith(core[:2])
        gender = "f" if folded.endswith("ت") or folded.startswith("ت") else (
            "p" if folded.endswith(("وا", "ا", "ون", "ان", "ن")) else "m")
        forms[folded] = Cue(lemma, "verb", gender, present_form, prep, required, relay)
    return forms


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All the word lists the rules consult, folded, and the cue matcher."""

    cues: dict[str, Cue]
    cue_re: re.Pattern
    cue_words: frozenset[str]
    """First words of all cue forms, bare and with و/ف: a cheap test before matching ``cue_re``."""
    cue_tokens: frozenset[str]
    """The one-word cue forms, bare and with و/ف."""
    complementizers: frozenset[str]
    titles: frozenset[str]
    relational_titles: frozenset[str]
    institutions: frozenset[str]
    modifiers: frozenset[str]
    adverbials: frozenset[str]
    adverbial_spellings: frozenset[str]
    """The adverbials as written, unfolded: after a name, only these end a phrase, so that
    the name ``علي`` is not taken for the preposition ``على``."""
    mediums: frozenset[str]
    """Words that, after a preposition, name the occasion of speech (في بيان), article stripped."""
    impersonal: frozenset[str]
    scripture: frozenset[str]
    labels: frozenset[str]
    """Page labels (``الوسوم``، ``اقرأ أيضا``) as written, and those of several words also
    without their articles."""
    furniture_re: re.Pattern
    clause_break_re: re.Pattern
    phrase_stops: frozenset[str]
    """Words that end a speaker phrase: complementizers, adverbials and one-word cues."""

    def cue_of(self, match: re.Match) -> Cue | None:
        """The cue a ``cue_re`` match stands for, or None when its required preposition
        does not follow within a few words (``عبر فضائية`` is "via", not "expressed")."""
        cue = self.cues[fold(" ".join(match.group(CUE).split()))]
        if cue.required:
            window = match.string[match.end():match.end() + _PREPOSITION_WINDOW]
            window = re.split(r"[.:؛\n]", window, maxsplit=1)[0]
            if cue.preposition not in fold(window).split():
                return None
        return cue

    def is_label(self, words: list[str]) -> bool:
        """Whether a line head of folded ``words`` is a page label (``المصدر:``، ``الوسوم:``).
        A label of several words matches without its articles too (``الكلمات المفتاحية``);
        a single word only as listed, so that ``مصدر:`` (a source speaking) is no label."""
        if words[0] in self.labels or " ".join(words) in self.labels:
            return True
        return len(words) > 1 and " ".join(map(strip_article, words)) in self.labels

    def may_be_cue(self, word: str) -> bool:
        """Whether the folded ``word`` (perhaps with و/ف) can start a cue."""
        return word in self.cue_words

    def is_cue_word(self, word: str) -> bool:
        """Whether the folded ``word`` (perhaps with و/ف) is a one-word cue."""
        return word in self.cue_tokens

    def cue_at(self, text: str, pos: int) -> Cue | None:
        """The cue starting exactly at ``pos``, if any."""
        m = self.cue_re.match(text, pos)
        return self.cue_of(m) if m else None


def _cue_table() -> dict[str, Cue]:
    cues: dict[str, Cue] = {}
    for row in _rows("cue_verbs.tsv"):
        row += [""] * (4 - len(row))
        past, present, extra, prep = row[:4]
        cues.update(_verb_forms(past, present, extra.split(), prep))
    for row in _rows("cue_participles.tsv"):
        stem = fold_word(row[0])
        prep = fold_word(row[1]) if len(row) > 1 else ""
        for suffix, gender in _PARTICIPLE_SUFFIXES.items():
            cues.setdefault(stem + suffix, Cue(stem + "ا", "participle", gender, False, prep))
    for phrase, kind in _rows("cue_phrases.tsv"):
        folded = " ".join(fold_word(w) for w in phrase.split())
        cues[folded] = Cue(folded, kind, "")
    return cues


#: Group numbers in ``cue_re``: the و/ف proclitic, and the cue itself.
PROCLITIC, CUE = 1, 2


def _cue_regex(cues: dict[str, Cue]) -> re.Pattern:
    # Phrases ending in a bare preposition (وفقا لـ) may be glued to the next word.
    glued = sorted(form for form in cues if form.endswith(" ل"))
    whole = sorted(form for form in cues if form not in glued)
    return re.compile(
        rf"(?<!\w)([{FOLD_CLASSES['و']}ف](?=\w))?"
        rf"((?:{trie_pattern(whole)})(?!\w)|{trie_pattern(glued)})"
    )


def _line_regex(exact: list[str], prefixes: list[str]) -> re.Pattern:
    """Lines that are one of ``exact`` (give or take ``:`` and ``|``) or start with a prefix."""
    return re.compile(
        rf"^[ \t]*(?:(?:{trie_pattern(exact)})[ \t:|]*$|(?:{trie_pattern(prefixes)}))",
        re.MULTILINE,
    )


def _labels() -> frozenset[str]:
    labels = [[fold_word(w) for w in row[0].split()] for row in _rows("labels.txt")]
    return frozenset([" ".join(words) for words in labels]
                     + [" ".join(map(strip_article, words)) for words in labels if len(words) > 1])


def _with_proclitics(words: Iterable[str]) -> frozenset[str]:
    """``words`` and each with a و or ف proclitic (folded: ``ؤ`` is ``و``)."""
    bare = set(words)
    return frozenset(bare | {p + w for w in bare for p in "وف"})


@cache
def load() -> Lexicon:
    """The lexicon shipped in ``builder/lexicons/`` (loaded once per process)."""
    cues = _cue_table()
    titles = _rows("titles.txt")
    furniture = [" ".join(fold_word(w) for w in r[0].split()) for r in _rows("furniture.txt")]
    breaks = sorted({" ".join(fold_word(w) for w in row[0].split()) for row in _rows("clause_breaks.txt")})
    cue_tokens = _with_proclitics(form for form in cues if " " not in form)
    complementizers = _words("complementizers.txt")
    adverbials = _words("adverbials.txt")
    return Lexicon(
        cues=cues,
        cue_re=_cue_regex(cues),
        cue_words=_with_proclitics(form.split()[0] for form in cues),
        cue_tokens=cue_tokens,
        complementizers=complementizers,
        titles=frozenset(fold_word(r[0]) for r in titles),
        relational_titles=frozenset(fold_word(r[0]) for r in titles if r[1:2] == ["relational"]),
        institutions=frozenset(strip_article(w) for w in _words("institutions.txt")),
        modifiers=_words("modifiers.txt"),
        adverbials=adverbials,
        adverbial_spellings=frozenset(normalize(r[0]).text for r in _rows("adverbials.txt")),
        mediums=frozenset(strip_article(w) for w in _words("mediums.txt")),
        impersonal=_words("impersonal.txt"),
        scripture=_words("scripture.txt"),
        labels=_labels(),
        furniture_re=_line_regex(
            [m for m in furniture if not m.endswith("|")], [m for m in furniture if m.endswith("|")]),
        clause_break_re=re.compile(rf"[،,]\s*(?:{trie_pattern(breaks)})(?!\w)"),
        phrase_stops=complementizers | adverbials | cue_tokens,
    )


def lexicon_dir() -> Path:
    """Where the data files live (for ``--help`` texts and the README)."""
    return Path(str(resources.files("builder").joinpath("lexicons")))
