"""Arabic normalisation for matching, with an exact map back to the stored text.

Matching must see through diacritics, tatweel, dot-broken words (``مكـ.ـافحة``), alef and
hamza variants, ya/alef maqsura and invisible characters, but every span we report must
index the text exactly as stored.  Two mechanisms, both cheap:

* :func:`normalize` *deletes* the characters that never matter for matching (diacritics,
  tatweel, the dot of a dot-broken word, zero-width and bidi controls) and records where,
  so a position in the stripped text maps back to the stored text with one binary search
  (:meth:`NormalizedText.span`);
* :func:`normalize` also writes, one for one, the characters that other outlets' keyboards
  and tools put for a plain one (:data:`SUBSTITUTES`: every Unicode space as a space, the
  Persian and Urdu forms of ``ي ك ه``, the presentation forms of letters in text copied from
  PDFs) — and, in a text that never writes ``ة`` (some outlets write it ``ه``), a long
  word's final ``ه`` as ``ة`` (:func:`restore_ta_marbuta`): the stripped text is the same
  length as before, so the offsets do not move;
* :func:`fold` maps letter variants one-for-one (``أ`` → ``ا``, ``ى`` → ``ي``, ``ة`` → ``ه``)
  for the words that are looked up in a lexicon, and :data:`FOLD_CLASSES` lets a regular
  expression over the stripped text match every variant (``[اأإآٱ]``) without copying it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from builder.text.morphology import DEFINITE_PREFIXES

ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
_MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed"
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad"

#: Characters deleted for matching, in runs: diacritics, tatweel, invisible controls.
DELETABLE = re.compile(f"[{_MARKS}\u0640{_INVISIBLE}]+")
_DELETABLE_SPLIT = re.compile(f"({DELETABLE.pattern})")
#: The dot of a dot-broken word goes too, but only with a tatweel beside it
#: (``مكـ.ـافحة``), so that a missing space after a full stop (``ليبيا.وقال``) still ends
#: the sentence.
DOT_BROKEN = re.compile(  # the dot first, so that the scan skips to dots at C speed
    f"\\.(?:(?<=\u0640\\.)(?=\u0640*[{ARABIC_LETTER}])"
    f"|(?<=[{ARABIC_LETTER}]\\.)(?=\u0640+[{ARABIC_LETTER}]))"
)

#: Marks that belong to the letter before them: a span that ends on a letter keeps them.
_TRAILING_MARK = re.compile(f"[{_MARKS}\u0640]+")
_TRAILING_CHARS = frozenset(chr(c) for c in range(0x600, 0x700) if _TRAILING_MARK.match(chr(c)))

#: Each folded character and the characters that fold to it.
FOLD_CLASSES = {
    "ا": "اأإآٱٲٳ",
    "ي": "يىئیې",
    "و": "وؤ",
    "ه": "هةۀھ",
    "ك": "كکڪ",
}
_FOLD_PAIRS = {variant: base for base, variants in FOLD_CLASSES.items() for variant in variants if variant != base}
_FOLD_PAIRS.update({chr(0x0660 + d): str(d) for d in range(10)})
_FOLD_PAIRS.update({chr(0x06F0 + d): str(d) for d in range(10)})
_FOLD_PAIRS.update({ch: " " for ch in "\u00a0\u2007\u202f\u205f\u3000\t" + "".join(map(chr, range(0x2000, 0x200B)))})
FOLD = str.maketrans(_FOLD_PAIRS)


def _presentation_forms() -> dict[str, str]:
    """Each presentation form (U+FB50–U+FDFF, U+FE70–U+FEFF) that stands for one letter, and
    that letter (a ligature such as ``ﻻ`` stands for two: it is left as it is)."""
    letter = re.compile(f"[{ARABIC_LETTER}]")
    out = {}
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        base = unicodedata.normalize("NFKC", chr(cp))
        if len(base) == 1 and letter.match(base):
            out[chr(cp)] = base
    return out


#: Characters the stripped text writes as another, one for one: every Unicode space
#: separator as a space, the Persian and Urdu letter forms as the Arabic letters they stand
#: for (``ی`` → ``ي``, ``ک`` → ``ك``, ``ھ`` → ``ه``), and the presentation forms of letters.
SUBSTITUTES = {
    **{ch: " " for ch in "\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))},
    **{"ی": "ي", "ک": "ك", "ڪ": "ك", "ھ": "ه", "ہ": "ه"},
    **_presentation_forms(),
}
_SUBSTITUTABLE = re.compile(f"[{''.join(SUBSTITUTES)}]")


def substitute(text: str) -> str:
    """``text`` with the characters of :data:`SUBSTITUTES` replaced, one for one."""
    for char in set(_SUBSTITUTABLE.findall(text)):  # a few kinds a text: str.replace runs at C speed,
        text = text.replace(char, SUBSTITUTES[char])  # where str.translate looks every character up
    return text


#: A word ending in ه, not after ت (``ثقته``: the pronoun on a feminine noun).
_WORD_IN_HA = re.compile(f"[{ARABIC_LETTER}]+(?<!ت)ه(?![{ARABIC_LETTER}])")
#: Words ending in ه enough to tell a text that writes ة as ه from one with no ة by chance.
TA_AS_HA_WORDS = 8
_LONG_WORD = 5


def restore_ta_marbuta(text: str) -> str:
    """In a text with no ``ة`` and :data:`TA_AS_HA_WORDS` words ending in ``ه`` or more, the
    final ``ه`` written for ``ة``: of a definite word (``للقناه``; a word with the article
    takes no possessive pronoun) or of a nisba ending (``مصادر محليه``) of five letters or
    more.  Such a text writes ``ة`` as ``ه``, and the rules that tell a possessive pronoun from
    ``ة`` by the letter as written (:func:`builder.engine.mentions.possessed`) would take each for a
    pronoun.  Other words keep their ``ه``: it is as often a pronoun (``بلاده``، ``حديثه``)."""
    if "ة" in text or "ه" not in text:
        return text
    words = list(_WORD_IN_HA.finditer(text))
    if len(words) < TA_AS_HA_WORDS:
        return text
    chars = None
    for m in words:
        word = m.group()
        if len(word) >= _LONG_WORD and (word.startswith(DEFINITE_PREFIXES) or word.endswith("يه")):
            chars = chars or list(text)
            chars[m.end() - 1] = "ة"
    return "".join(chars) if chars else text


def _plain(text: str) -> str:
    return restore_ta_marbuta(substitute(text))


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Letter variants folded: ``أكّد`` (once stripped: ``أكد``) → ``اكد``."""
    return word.translate(FOLD)


@dataclass(slots=True)
class NormalizedText:
    """A stripped view of ``original`` with a map back to it."""

    original: str
    text: str
    """``original`` with the deletable characters removed, the :data:`SUBSTITUTES` written
    in place and ``ة`` restored where the text writes it ``ه`` (letters not folded)."""
    cuts: tuple[int, ...]
    """Positions in ``text`` before which a deleted run stood, ascending."""
    shifts: tuple[int, ...]
    """Characters deleted up to and including the run at the same index of ``cuts``."""

    def position(self, i: int) -> int:
        """Index in ``original`` of the character at index ``i`` of ``text``."""
        k = bisect_right(self.cuts, i)
        return i + (self.shifts[k - 1] if k else 0)

    def marked(self, mark: str) -> frozenset[int]:
        """The positions of ``text`` before which a deleted run held ``mark`` (a diacritic the
        matching drops but a rule may read: the tanwin of an accusative, ``بياناً``)."""
        if mark not in self.original:
            return frozenset()
        found = []
        done = 0
        for cut, shift in zip(self.cuts, self.shifts, strict=True):
            if mark in self.original[cut + done:cut + shift]:
                found.append(cut)
            done = shift
        return frozenset(found)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``text[start:end]`` to ``original``.

        The span starts on the first kept character and ends after the last one, plus
        any diacritics or tatweel that belong to that last letter.
        """
        if not self.cuts:  # nothing was deleted: the same offsets
            return start, max(start, end)
        if end <= start:
            pos = self.position(start) if start < len(self.text) else len(self.original)
            return pos, pos
        o_start = self.position(start)
        o_end = self.position(end - 1) + 1
        if self.original[o_end:o_end + 1] in _TRAILING_CHARS:  # cheap test before the regex
            m = _TRAILING_MARK.match(self.original, o_end)
            o_end = m.end() if m else o_end
        return o_start, o_end


def normalize(original: str) -> NormalizedText:
    """Strip ``original`` for matching; see the module docstring."""
    pieces = _DELETABLE_SPLIT.split(original)  # kept, deleted, kept, ..., kept
    dotted = ("\u0640." in original or ".\u0640" in original) and DOT_BROKEN.search(original)
    if not dotted:  # the common case: the deleted runs are the split's odd pieces
        if len(pieces) == 1:
            return NormalizedText(original, _plain(original), (), ())
        kept = pieces[::2]
        return NormalizedText(original, _plain("".join(kept)), tuple(accumulate(map(len, kept[:-1]))),
                              tuple(accumulate(map(len, pieces[1::2]))))
    # dots of dot-broken words are deleted too: merge them with the runs, in order
    runs = [m.span() for m in DOT_BROKEN.finditer(original)]
    pos = 0
    for k, piece in enumerate(pieces):
        if k % 2:
            runs.append((pos, pos + len(piece)))
        pos += len(piece)
    runs.sort()
    shifts = tuple(accumulate(end - start for start, end in runs))
    cuts = tuple(start - shift + (end - start) for (start, end), shift in zip(runs, shifts, strict=True))
    ends = [0] + [end for _, end in runs]
    starts = [start for start, _ in runs] + [len(original)]
    text = "".join(original[e:s] for e, s in zip(ends, starts, strict=True))
    return NormalizedText(original, _plain(text), cuts, shifts)


def is_deleted(text: str, pos: int) -> bool:
    """Whether :func:`normalize` drops the character at ``pos`` of ``text``."""
    return bool(DELETABLE.match(text, pos) or DOT_BROKEN.match(text, pos))


def fold_word(word: str) -> str:
    """A lexicon entry or a token as the rules compare it: stripped, then folded."""
    return fold(normalize(word).text.strip())


# The project's scorer's normalisation, step for step (``score.py``: ``norm``).
_SCORER_STEPS = (
    re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"),  # invisible controls
    re.compile("\u0640+[.\u00b7\u2022]?\u0640*"),  # tatweel, and the dot of a dot-broken word
    re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"),  # diacritics
)
_SCORER_FOLD = str.maketrans({"إ": "ا", "أ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_PUNCTUATION = re.compile(r"[^\w\s]|_")
#: The last word before a position (``LAST_WORD.search(text, start, pos)``), in group 1.
LAST_WORD = re.compile(r"(\w+)\s*$")


def comparable(text: str) -> str:
    """``text`` as the project's scorer compares it: NFKC, without invisible controls,
    tatweel (with the dot of a dot-broken word) and diacritics, letter variants folded,
    punctuation turned into spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    for step in _SCORER_STEPS:
        text = step.sub("", text)
    return " ".join(_PUNCTUATION.sub(" ", text.translate(_SCORER_FOLD)).split())
