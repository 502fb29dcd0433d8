"""Splits without leakage, the same from one release to the next."""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations

from builder.dataset.splits import (
    SHARED_SPEAKERS,
    SHARES,
    TEST,
    _grams,
    _near,
    assign_splits,
    near_duplicate_groups,
)
from builder.engine.names import surname

QUOTE = "لا يحق لحفتر أو أية دولة أخرى المطالبة بمغادرة تركيا الأراضي الليبية"


def test_near_identical_quotes_and_shared_speakers_group_documents():
    groups = near_duplicate_groups({"a": [QUOTE], "b": ["وقال: " + QUOTE.replace("أية", "لأية")],
                                    "c": ["نص آخر مختلف تماما عن غيره هنا"], "d": [], "e": []},
                                   {"d": ["سيرغي لافروف", "مولود جاويش أوغلو"], "e": ["لافروف", "جاويش أوغلو"]})
    assert groups == [["a", "b"], ["c"], ["d", "e"]]


def _reference(quotes: dict[str, list[str]], speakers: dict[str, list[str]]) -> list[list[str]]:
    """The groups by comparing every pair of quotes and of documents: the definition."""
    parent = {d: d for d in quotes}

    def root(d: str) -> str:
        while parent[d] != d:
            d = parent[d]
        return d

    grams = [(d, _grams(q)) for d, qs in quotes.items() for q in qs if len(q.split()) >= 8]
    links = [(a, b) for (a, ga), (b, gb) in combinations(grams, 2) if _near(ga, gb)]
    names = {d: {surname(n) for n in ns} - {""} for d, ns in speakers.items()}
    links += [(a, b) for a, b in combinations(sorted(names), 2) if len(names[a] & names[b]) >= SHARED_SPEAKERS]
    for a, b in links:
        parent[root(a)] = root(b)
    out: dict[str, list[str]] = {}
    for d in quotes:
        out.setdefault(root(d), []).append(d)
    return sorted(sorted(g) for g in out.values())


def synthetic_corpus(documents: int, seed: int = 7) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Documents quoting, now and then, one of a few press statements with a word changed, and
    speakers drawn from a small cast: the shape of the scale probe, small."""
    rng = random.Random(seed)
    vocabulary = [f"كلمة{k}" for k in range(400)]
    statements = [[rng.choice(vocabulary) for _ in range(16)] for _ in range(documents // 10)]
    cast = [f"سمير المتحدث{k}" for k in range(documents // 4)]
    quotes, speakers = {}, {}
    for k in range(documents):
        texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(4, 20))) for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.5:
            words = list(rng.choice(statements))
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
            texts.append(" ".join(words))
        quotes[f"doc{k:05d}"] = texts
        speakers[f"doc{k:05d}"] = rng.sample(cast, rng.randint(0, 3))
    return quotes, speakers


def test_the_bucketed_grouping_finds_what_comparing_every_pair_finds():
    quotes, speakers = synthetic_corpus(400)
    groups = near_duplicate_groups(quotes, speakers)
    assert groups == _reference(quotes, speakers)
    assert max(map(len, groups)) > 5 and sum(len(g) == 1 for g in groups) > 20  # both kinds are there


def test_a_group_keeps_its_split_when_documents_are_added():
    quotes, speakers = synthetic_corpus(400)
    before = assign_splits(near_duplicate_groups(quotes, speakers))
    more_quotes, more_speakers = synthetic_corpus(200, seed=8)
    more_quotes = {f"new{d}": q for d, q in more_quotes.items()}
    more_speakers = {f"new{d}": [f"{n}x" for n in s] for d, s in more_speakers.items()}  # speakers of their own
    groups = near_duplicate_groups({**quotes, **more_quotes}, {**speakers, **more_speakers})
    after = assign_splits(groups)
    joined = {d for g in groups if any(x.startswith("new") for x in g) for d in g}
    assert [d for d in before if before[d] != after[d] and d not in joined] == []
    assert sum(before[d] != after[d] for d in before) <= len(joined & set(before))


def test_shares_are_met_and_a_frozen_test_list_stays_test():
    groups = [[f"d{i}"] for i in range(5000)] + [["g1", "g2"]]
    splits = assign_splits(groups)
    counts = Counter(splits.values())
    for split, share in SHARES.items():
        assert abs(counts[split] / len(splits) - share) < 0.02
    frozen = [*[d for d, s in splits.items() if s == TEST][:100], "g2"]
    again = assign_splits([*groups, *([f"n{i}"] for i in range(500))], frozen)
    assert {d for d, s in again.items() if s == TEST} == {*frozen, "g1"}
    assert all(again[d] == s for d, s in splits.items() if s != TEST and d not in ("g1", "g2"))
