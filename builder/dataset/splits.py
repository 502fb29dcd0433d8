"""Deterministic train / validation / test splits by document, without leakage.

Documents that report the same event (three articles quoting one press conference) are put
in one group.  Two documents are linked when a quote of one shares at least :data:`SHARED`
of its word 3-grams with the other's quotes (letters folded, punctuation ignored, quotes of
at least :data:`MIN_WORDS` words), or when they quote :data:`SHARED_SPEAKERS` or more of the
same speakers (compared by surname, through the transliteration skeleton) — different
outlets translate one press conference differently, so its quotes are not always
near-identical.  Whole groups are then dealt to the splits, largest first and in an order
fixed by a hash of their documents, each to the split furthest below its share.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from builder.engine.names import surname
from builder.text.arabic import fold, normalize

SHARES = {"train": 0.8, "validation": 0.1, "test": 0.1}
SHARED = 0.5
SHARED_SPEAKERS = 2
GRAM = 3
MIN_WORDS = 8
_WORD = re.compile(r"\w+")


def _grams(text: str) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(fold(normalize(text).text))
    return frozenset(tuple(words[i:i + GRAM]) for i in range(len(words) - GRAM + 1))



def near_duplicate_groups(quotes: dict[str, Iterable[str]],  # noqa: C901 (to be split)
                          speakers: dict[str, Iterable[str]] | None = None) -> list[list[str]]:
    """Groups of document ids (each sorted), given each document's quote texts and speaker names."""
    parent = {doc: doc for doc in quotes}

    def root(doc: str) -> str:
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    owners: dict[tuple[str, ...], set[str]] = {}
    grams_of: list[tuple[str, frozenset]] = []
    for doc, texts in quotes.items():
        for text in texts:
            if len(_WORD.findall(text)) < MIN_WORDS:
                continue
            grams = _grams(text)
            grams_of.append((doc, grams))
            for gram in grams:
                owners.setdefault(gram, set()).add(doc)
    for doc, grams in grams_of:
        shared: dict[str, int] = {}
        for gram in grams:
            for other in owners[gram]:
                if other != doc:
                    shared[other] = shared.get(other, 0) + 1
        for other, count in shared.items():
            if count >= SHARED * len(grams):
                parent[root(doc)] = root(other)
    surnames = {doc: {surname(n) for n in names if n} - {""} for doc, names in (speakers or {}).items()}
    docs = sorted(surnames)
    for i, doc in enumerate(docs):
        for other in docs[i + 1:]:
            if len(surnames[doc] & surnames[other]) >= SHARED_SPEAKERS:
                parent[root(doc)] = root(other)
    groups: dict[str, list[str]] = {}
    for doc in quotes:
        groups.setdefault(root(doc), []).append(doc)
    return [sorted(g) for g in groups.values()]


def assign_splits(groups: list[list[str]], shares: dict[str, float] = SHARES) -> dict[str, str]:
    """``doc_id -> split``; the same groups always give the same answer."""
    def key(group: list[str]) -> tuple[int, str]:
        return (-len(group), hashlib.sha256("|".join(group).encode("utf-8")).hexdigest())

    counts = dict.fromkeys(shares, 0)
    total = sum(len(g) for g in groups) or 1
    out: dict[str, str] = {}
    for group in sorted(groups, key=key):
        split = max(shares, key=lambda s: (shares[s] - counts[s] / total, shares[s]))
        counts[split] += len(group)
        for doc in group:
            out[doc] = split
    return out
