"""Pairing without comparing every pair: the same pairs as comparing every pair, on any input."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from builder.contract import overlap, pair, pair_by_content, pair_groups
from builder.similar_pairs import dice_candidates, overlapping


def every_pair(left, right, similarity, threshold):
    """The pairing as it was: every pair scored, sorted best first, taken greedily."""
    scored = sorted(((similarity(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)
                     if similarity(a, b) >= threshold), reverse=True)
    used_left, used_right, out = set(), set(), []
    for s, i, j in scored:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            out.append((i, j, s))
    return out


def dice(a, b):
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b)) if a and b else 0.0


SPAN = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: {"start": t[0], "end": t[0] + t[1]})
CONTENTS = st.lists(st.lists(SPAN, min_size=1, max_size=3).map(lambda c: {"content": c}), max_size=12)
WORDS = st.lists(st.lists(st.sampled_from("abcdefg"), max_size=7), max_size=14)


@given(CONTENTS, CONTENTS, st.sampled_from([0.5, 0.3, 0.01]))
def test_pairing_by_content_takes_the_pairs_comparing_every_pair_takes(left, right, threshold):
    expected = every_pair(left, right, lambda a, b: overlap(a["content"], b["content"]), threshold)
    assert pair_by_content(left, right, threshold) == expected


@given(CONTENTS, CONTENTS)
def test_overlapping_finds_every_pair_that_shares_a_character(left, right):
    spans = [[(s["start"], s["end"]) for s in a["content"]] for a in left]
    others = [[(s["start"], s["end"]) for s in b["content"]] for b in right]
    sharing = {(i, j) for i, a in enumerate(spans) for j, b in enumerate(others)
               if any(min(x[1], y[1]) > max(x[0], y[0]) for x in a for y in b)}
    assert overlapping(spans, others) == sharing
    assert {(i, j) for i, a in enumerate(left) for j, b in enumerate(right)
            if overlap(a["content"], b["content"]) > 0} <= sharing


@given(WORDS, WORDS, st.sampled_from([0.5, 0.8, 0.2]))
def test_dice_candidates_hold_every_pair_that_reaches_the_threshold(left, right, threshold):
    candidates = dice_candidates(left, right, threshold)
    assert {(i, j) for i, a in enumerate(left) for j, b in enumerate(right) if dice(a, b) >= threshold} <= candidates


@given(WORDS, WORDS)
def test_groups_of_equals_pair_as_their_items_would(left, right):
    keys_left = sorted({tuple(sorted(w)) for w in left})
    keys_right = sorted({tuple(sorted(w)) for w in right})
    groups_left = [[i for i, w in enumerate(left) if tuple(sorted(w)) == k] for k in keys_left]
    groups_right = [[j for j, w in enumerate(right) if tuple(sorted(w)) == k] for k in keys_right]
    scored = [(dice(a, b), x, y) for x, a in enumerate(keys_left) for y, b in enumerate(keys_right)
              if dice(a, b) >= 0.5]
    assert pair_groups(groups_left, groups_right, scored) == every_pair(left, right, dice, 0.5)
    assert pair(left, right, dice, 0.5) == every_pair(left, right, dice, 0.5)
