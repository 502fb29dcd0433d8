"""Train / validation / test splits by document: without leakage, and stable from one
release to the next.

Documents that report the same event (three articles quoting one press conference) are put
in one group.  Two documents are linked when a quote of one shares at least :data:`SHARED`
of its word 3-grams with a quote of the other (letters folded, punctuation ignored, quotes
of at least :data:`MIN_WORDS` words), or when they quote :data:`SHARED_SPEAKERS` or more of
the same speakers (compared by surname, through the transliteration skeleton) — different
outlets translate one press conference differently, so its quotes are not always
near-identical.  Both are found in time linear in the corpus: quotes meet in buckets keyed
by the :data:`SKETCH` smallest hashes of their 3-grams (a bottom-k min-hash sketch; quotes
sharing half their 3-grams nearly always share one of them) and each is compared with at
most :data:`REPRESENTATIVES` quotes of a bucket (its first quotes unlike each other: only a
gram common to many unrelated quotes fills a bucket that far); documents meet in buckets keyed by
each pair of the surnames they quote.

A group's split is a function of its own key — the smallest SHA-256 of its documents' ids
— cut at the :data:`SHARES`: adding documents never moves a document it is not grouped
with.  A frozen test list (a test set of an earlier release) keeps those documents, and any
document grouped with one, in test; a group that would fall in test is then dealt to train
or validation, and every other group stays where it was.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from itertools import combinations

from builder.engine.names import surname
from builder.text.arabic import fold, normalize

TRAIN, VALIDATION, TEST = "train", "validation", "test"
SHARES = {TRAIN: 0.8, VALIDATION: 0.1, TEST: 0.1}
SHARED = 0.5
SHARED_SPEAKERS = 2
GRAM = 3
MIN_WORDS = 8
SKETCH = 8
REPRESENTATIVES = 16
_WORD = re.compile(r"\w+")


class _Groups:
    """Union-find over document ids."""

    def __init__(self, docs: Iterable[str]) -> None:
        self.parent = {doc: doc for doc in docs}

    def root(self, doc: str) -> str:
        while self.parent[doc] != doc:
            self.parent[doc] = self.parent[self.parent[doc]]
            doc = self.parent[doc]
        return doc

    def link(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for doc in self.parent:
            out.setdefault(self.root(doc), []).append(doc)
        return sorted(sorted(g) for g in out.values())


def _grams(text: str) -> frozenset[int]:
    """The word 3-grams of a quote, each as a stable 64-bit hash."""
    words = _WORD.findall(fold(normalize(text).text))
    return frozenset(int.from_bytes(hashlib.blake2b(" ".join(words[i:i + GRAM]).encode("utf-8"),
                                                    digest_size=8).digest(), "big")
                     for i in range(len(words) - GRAM + 1))


def _near(a: frozenset[int], b: frozenset[int]) -> bool:
    return len(a & b) >= SHARED * min(len(a), len(b))


def _link_quotes(quotes: dict[str, Iterable[str]], groups: _Groups) -> None:
    """Link documents whose quotes are near-identical, meeting in sketch buckets."""
    grams: list[tuple[str, frozenset[int]]] = []
    buckets: dict[int, list[int]] = {}
    for doc in sorted(quotes):
        for text in quotes[doc]:
            if len(_WORD.findall(text)) < MIN_WORDS:
                continue
            g = _grams(text)
            grams.append((doc, g))
            for h in sorted(g)[:SKETCH]:
                buckets.setdefault(h, []).append(len(grams) - 1)
    for members in buckets.values():
        representatives: list[int] = []
        for q in members:
            root = groups.root(grams[q][0])
            match = next((r for r in representatives
                          if groups.root(grams[r][0]) == root or _near(grams[r][1], grams[q][1])), None)
            if match is not None:
                groups.link(grams[match][0], grams[q][0])
            elif len(representatives) < REPRESENTATIVES:
                representatives.append(q)


def _link_speakers(speakers: dict[str, Iterable[str]], groups: _Groups) -> None:
    """Link documents that quote two or more of the same speakers, meeting in buckets keyed
    by a pair of surnames."""
    first_of: dict[tuple[str, str], str] = {}
    for doc in sorted(speakers):
        names = sorted({surname(n) for n in speakers[doc] if n} - {""})
        for pair in combinations(names, SHARED_SPEAKERS):
            if pair in first_of:
                groups.link(first_of[pair], doc)
            else:
                first_of[pair] = doc


def near_duplicate_groups(quotes: dict[str, Iterable[str]],
                          speakers: dict[str, Iterable[str]] | None = None) -> list[list[str]]:
    """Groups of document ids (each sorted, the groups in order), given each document's quote
    texts and speaker names."""
    groups = _Groups(quotes)
    _link_quotes(quotes, groups)
    _link_speakers({doc: names for doc, names in (speakers or {}).items() if doc in quotes}, groups)
    return groups.groups()


def _key(doc: str) -> str:
    return hashlib.sha256(doc.encode("utf-8")).hexdigest()


def _share(key: str, shares: dict[str, float]) -> str:
    """The split a hex key falls in, the unit interval cut at the ``shares`` in order."""
    point = int(key[:15], 16) / 16 ** 15 * sum(shares.values())
    for split, share in shares.items():
        if point < share:
            return split
        point -= share
    return split


def assign_splits(groups: list[list[str]], frozen_test: Iterable[str] = ()) -> dict[str, str]:
    """``doc_id -> split``: a group's split is that of its smallest document key.  With a
    ``frozen_test`` list, a group holding one of its documents is test, and a group whose key
    falls in test is dealt to train or validation by a second hash of it — the other groups
    stay where they are without the list."""
    frozen = set(frozen_test)
    rest = {s: share for s, share in SHARES.items() if s != TEST}
    out: dict[str, str] = {}
    for group in groups:
        key = min(map(_key, group))
        split = TEST if frozen.intersection(group) else _share(key, SHARES)
        if split == TEST and frozen and not frozen.intersection(group):
            split = _share(_key(key), rest)
        out.update(dict.fromkeys(group, split))
    return out
