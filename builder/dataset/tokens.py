"""The token view of a document: Arabic-aware tokens with their character offsets.

A token is a word (letters with the marks on them — ``أكّد`` is one token, not three — and
tatweel; invisible joiners inside a word stay in it), a number (digits, with a decimal or
thousands separator between digits), or any other single character that is not a space.
A word is then cut after its proclitics where the reading is sure (:func:`proclitic_cuts`):
the conjunctions ``و``/``ف``, the prepositions ``ب``/``ل``/``ك`` and the article ``ال``
(``لل`` after ``ل``) become tokens of their own, so that a cue written ``وقال`` starts on a
token (``و`` | ``قال``) and ``والحكومة`` reads ``و`` | ``ال`` | ``حكومة``.

Tokens never overlap, keep their text exactly (``text[start:end]``) and leave out only
spaces.  :func:`cut_at` cuts tokens further where a span starts or ends inside one, so that
every span is a run of whole tokens.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import cache, lru_cache

import regex

from builder.lexicon.lexicon import Lexicon, load
from builder.text.arabic import ARABIC_LETTER, fold

Offsets = tuple[int, int]

_TOKEN = regex.compile(
    r"(?P<word>[\p{L}\p{M}]+(?:\p{Cf}+[\p{L}\p{M}]+)*)"
    r"|\p{Nd}+(?:[.,\u066b\u066c]\p{Nd}+)*"
    r"|[^\s\x1c-\x1f\p{L}\p{M}\p{Nd}]"  # a space is what str.isspace says: \s and the separators 1C-1F
)
_ARABIC = regex.compile(f"[{ARABIC_LETTER}]")
_BASE_LETTER = regex.compile(r"[\p{L}--\u0640]", regex.V1)  # a letter that is not tatweel
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"
_ARTICLE_ALEFS = "\u0627\u0671"  # ا ٱ as written: أ of ألف is no article
#: The least letters a word keeps after its proclitics are cut off.
MIN_STEM = 2

DESCRIPTION = (
    "Tokens are words (letters with their diacritics and tatweel), numbers (digits with a decimal or thousands "
    "separator between them) and single characters of punctuation or symbols; spaces are no token. A word is cut "
    "after its proclitics where the reading is sure: the conjunction و or ف before the article, before a "
    "preposition with the article, or before a word of the iqtibas lexicon (a cue verb, a complementizer, an "
    "adverbial: وقال → و قال, وأن → و أن); the preposition ب, ل or ك before the article (بال، كال، and لل: ل ل); "
    "the article ال before a stem of two letters or more (not in الذي، التي، الله …). A word the lexicon lists "
    "whole (وصف، بحسب) is not cut. Offsets are Python string indices: text[start:end] is the token.")


def tokenize(text: str) -> list[Offsets]:
    """The tokens of ``text`` as ``(start, end)`` offsets, in order."""
    out: list[Offsets] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if match.group("word") is None or not _ARABIC.match(text, start):
            out.append((start, end))
            continue
        at = start
        for cut in proclitic_cuts(match.group()):
            out.append((at, start + cut))
            at = start + cut
        out.append((at, end))
    return out


@cache
def _known(lex: Lexicon) -> frozenset[str]:
    """The words the lexicon lists whole (folded): the words of its cues (``قال``، ``وفقا``
    of ``وفقا ل``), complementizers, adverbials and the relative pronouns."""
    cue_words = {word for form in lex.cues for word in form.split() if len(word) >= MIN_STEM}
    return frozenset(cue_words) | lex.complementizers | lex.adverbials | lex.relatives


@lru_cache(maxsize=1 << 16)
def proclitic_cuts(word: str) -> tuple[int, ...]:
    """Where the Arabic ``word`` is cut after its proclitics: offsets into ``word``, ascending."""
    letters = [m.start() for m in _BASE_LETTER.finditer(word)]
    folded = fold("".join(word[i] for i in letters))
    known = _known(load())
    if len(folded) <= MIN_STEM or folded in known:
        return ()
    cuts = _segment(folded, [word[i] for i in letters], known)
    return tuple(letters[k] for k in cuts)


def _segment(folded: str, raw: list[str], known: frozenset[str]) -> list[int]:
    """The letter indices a word is cut before: conjunction, preposition, article."""
    cuts: list[int] = []
    at = 0
    if folded[0] in _CONJUNCTIONS and _cut_conjunction(folded[1:], raw[1:], known):
        cuts.append(1)
        at = 1
    if folded[at] in _PREPOSITIONS and _cut_preposition(folded[at:], raw[at:], known):
        at += 1
        cuts.append(at)
        if folded[at - 1] == "ل" and folded[at] == "ل" and len(folded) - at - 1 >= MIN_STEM:  # لل: ل + article
            return [*cuts, at + 1]
    article = _article_length(folded[at:], raw[at:], known)
    if article:
        if at and cuts[-1] != at:
            cuts.append(at)
        cuts.append(at + article)
    return [c for c in cuts if 0 < c < len(folded)]


def _article_length(folded: str, raw: list[str], known: frozenset[str]) -> int:
    """2 when ``folded`` starts with the article ``ال`` before a stem of :data:`MIN_STEM`
    letters or more (a relative pronoun, ``الله`` and words the lexicon lists whole are not
    cut), else 0."""
    if (folded.startswith("ال") and raw[0] in _ARTICLE_ALEFS and len(folded) - 2 >= MIN_STEM
            and folded not in known and folded not in _NOT_ARTICLE):
        return 2
    return 0


_NOT_ARTICLE = frozenset({"الله", "اللهم", "اللذان", "اللتان", "اللائي"})


def _starts_with_article(folded: str, raw: list[str], known: frozenset[str]) -> bool:
    if _article_length(folded, raw, known):
        return True
    return folded[:1] in _PREPOSITIONS and _cut_preposition(folded, raw, known)


def _cut_conjunction(rest: str, raw: list[str], known: frozenset[str]) -> bool:
    """Whether ``و``/``ف`` before ``rest`` is a conjunction: ``rest`` starts with the article
    (perhaps after a preposition) or is a word the lexicon lists."""
    return len(rest) >= MIN_STEM and (rest in known or _starts_with_article(rest, raw, known))


def _cut_preposition(rest: str, raw: list[str], known: frozenset[str]) -> bool:
    """Whether the first letter of ``rest`` (ب، ل، ك) is a preposition: the article follows
    (``بال``، ``كال``, and ``لل`` for ل + the article) or a word the lexicon lists."""
    tail = rest[1:]
    if len(tail) < MIN_STEM:
        return False
    if rest[0] == "ل" and tail[0] == "ل":
        return len(tail) - 1 >= MIN_STEM and rest not in _NOT_ARTICLE
    return tail in known or bool(_article_length(tail, raw[1:], known))


def cut_at(tokens: list[Offsets], positions: Iterable[int]) -> tuple[list[Offsets], int]:
    """``tokens`` cut wherever one of ``positions`` falls strictly inside a token, and how
    many cuts that made."""
    starts = [s for s, _ in tokens]
    inside: dict[int, list[int]] = {}
    for pos in set(positions):
        k = bisect_left(starts, pos) - 1
        if k >= 0 and starts[k] < pos < tokens[k][1]:
            inside.setdefault(k, []).append(pos)
    if not inside:
        return tokens, 0
    out: list[Offsets] = []
    for k, (start, end) in enumerate(tokens):
        for pos in sorted(inside.get(k, ())):
            out.append((start, pos))
            start = pos
        out.append((start, end))
    return out, sum(len(v) for v in inside.values())
