"""Speaker names: a spelling-tolerant key for name words, and when two names are one person.

Names of people in Arabic news are often transliterated, and outlets spell them differently
(``جاويش``/``تشاووش``, ``سيرجي``/``سيرغي``, ``ڤ``/``ف``).  A *skeleton* keeps a word's first
letter and its consonants, with ``تش``/``غ``/``گ`` read as ``ج``, no long vowels and no
doubled letters, after the article and its proclitics are gone.  Names are compared as
tuples of skeletons (:func:`name_words`):

* one name :func:`contains` another when all the other's words are in it — a longer and a
  shorter form of one speaker (``وزارة الداخلية`` / ``وزارة الداخلية في حكومة الوفاق``,
  ``لافروف`` / ``سيرغي لافروف``): the evaluation's test of a predicted speaker name;
* two names are :func:`compatible` — one person — when one contains the other and they end
  in the same word, the surname (a first name is shared by many): the resolver groups
  mentions of a document with it, and the splits and the dataset card count speakers with it;
* :func:`names_match` is the project's scorer's test (``score.py``): an acceptable name runs,
  word for word, inside the predicted one, which carries at most two words more.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from builder.engine.layout import WORD
from builder.lexicon.lexicon import Lexicon, load
from builder.text.arabic import comparable, fold, fold_word
from builder.text.morphology import NISBA_ENDINGS
from builder.text.quotes import QUOTE_MARKS

_SKELETON_DROP = str.maketrans("", "", "اوي")
_NOT_NAME = str.maketrans({ch: " " for ch in QUOTE_MARKS + "()"})


@lru_cache(maxsize=1 << 16)
def skeleton(word: str, lex: Lexicon | None = None) -> str:
    """The spelling-tolerant key of a folded name word (the article as ``lex`` lists it;
    by default the shipped lexicon's)."""
    w = (lex or load()).strip_article(word)
    w = w.replace("تش", "ج").replace("غ", "ج").replace("ڤ", "ف").replace("پ", "ب").replace("گ", "ج")
    w = w[:1] + w[1:].translate(_SKELETON_DROP)
    out: list[str] = []
    for ch in w:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def name_words(name: str | None, lex: Lexicon | None = None) -> tuple[str, ...]:
    """The skeletons of the words of a name as written (quotation marks and brackets are
    not part of it)."""
    if not name:
        return ()
    return tuple(skeleton(w, lex) for w in WORD.findall(fold_word(name.translate(_NOT_NAME))))


def contains(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether the shorter of two names (as :func:`name_words`) has all its words in the longer."""
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return set(short) <= set(long_)


def compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two names (as :func:`name_words`) are one person's: one contains the other and
    they end in the same word."""
    return bool(a) and bool(b) and a[-1] == b[-1] and contains(a, b)


#: How many words a predicted name may carry beyond an acceptable one (a title or two).
EXTRA_NAME_WORDS = 2


def names_match(acceptable: Sequence[str], predicted: str | None) -> bool:
    """The scorer's test: one of the ``acceptable`` names runs word for word inside the
    ``predicted`` one, which has at most :data:`EXTRA_NAME_WORDS` words more (both as
    :func:`builder.text.arabic.comparable`)."""
    p = comparable(predicted or "")
    if not p:
        return False
    words = len(p.split())
    for name in acceptable:
        a = comparable(name)
        if a and f" {a} " in f" {p} " and words <= len(a.split()) + EXTRA_NAME_WORDS:
            return True
    return False


def last_word(name: str, lex: Lexicon | None = None) -> str:
    """The last word of ``name``, folded and without its article."""
    return (lex or load()).strip_article(fold(name.split()[-1]))


def nisba_of(name: str, word: str, lex: Lexicon | None = None) -> bool:
    """Whether ``name`` ends in the adjective of ``word`` (folded, no article): ``الكويتي``
    of ``كويت`` — a skeleton cannot tell them apart, and a place is not a person."""
    return last_word(name, lex) in (word + "ي", word + "يه")


def surname(name: str) -> str:
    """The skeleton of a person's last name; empty for an institution or a description,
    whose last word is a definite adjective (``قناة 218 الليبية``، ``وزارة الداخلية``)."""
    words = WORD.findall(fold_word(name))
    if not words or (words[-1].startswith("ال") and words[-1].endswith(NISBA_ENDINGS)):
        return ""
    return skeleton(words[-1])
