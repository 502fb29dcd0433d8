"""The pairs of two lists that may be similar enough to pair, found without comparing every
pair with every other: the evaluation and ``pull`` pair attributions of one document, and a
long document has thousands of them.

* :func:`overlapping` — items made of character spans: the pairs that share a character,
  found in one sweep over the spans sorted by start.  Any overlap above zero needs one.
* :func:`dice_candidates` — word multisets: the pairs whose Dice coefficient may reach a
  threshold, by prefix filtering (Xiao et al., *Efficient similarity joins for near
  duplicate detection*, 2008): with the words of every set in one order, rarest first, two
  sets that share enough words share one among the first few of each, and only the sets
  that share one of those are compared; a pair whose sizes are too far apart is not.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence


def overlapping(left: Sequence[Iterable[tuple[int, int]]],
                right: Sequence[Iterable[tuple[int, int]]]) -> set[tuple[int, int]]:
    """``(i, j)`` for each item ``i`` of ``left`` and ``j`` of ``right`` (each a list of
    ``(start, end)`` spans) of which a span of one shares a character with a span of the
    other; in time near-linear in the spans and the pairs found."""
    starts = sorted((start, end, side, k) for side, items in enumerate((left, right))
                    for k, spans in enumerate(items) for start, end in spans if end > start)
    open_spans: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])  # (end, item) heaps, per side
    pairs: set[tuple[int, int]] = set()
    for start, end, side, k in starts:
        for heap in open_spans:
            while heap and heap[0][0] <= start:
                heapq.heappop(heap)
        pairs.update((k, other) if side == 0 else (other, k) for _, other in open_spans[1 - side])
        heapq.heappush(open_spans[side], (end, k))
    return pairs


def _least_overlap(size: int, threshold: float) -> int:
    """The fewest words a set of ``size`` words shares with any set it reaches the Dice
    ``threshold`` with (the partner has at least ``threshold / (2 - threshold)`` times its words)."""
    return max(1, math.ceil(threshold * size / (2 - threshold) - 1e-9))


def _tokens(words: Sequence[Hashable], rank: dict[Hashable, int]) -> list[tuple[int, int]]:
    """A multiset as a set of ``(word rank, occurrence)``, rarest word first: the
    intersection of two such sets is the multisets' intersection."""
    seen: Counter = Counter()
    tokens = []
    for word in words:
        tokens.append((rank[word], seen[word]))
        seen[word] += 1
    return sorted(tokens)


def dice_candidates(left: Sequence[Sequence[Hashable]], right: Sequence[Sequence[Hashable]],
                    threshold: float) -> set[tuple[int, int]]:
    """``(i, j)`` for each pair of word multisets of ``left`` and ``right`` whose Dice
    coefficient may reach ``threshold`` (> 0): every pair that does is among them, and few
    that do not.  Empty sets reach no threshold."""
    counts = Counter(word for words in (*left, *right) for word in words)
    rank = {word: k for k, (word, _) in enumerate(sorted(counts.items(), key=lambda wc: (wc[1], str(wc[0]))))}
    ratio = threshold / (2 - threshold)

    def prefix(words: Sequence[Hashable]) -> list[tuple[int, int]]:
        tokens = _tokens(words, rank)
        return tokens[:len(tokens) - _least_overlap(len(tokens), threshold) + 1]

    index: dict[tuple[int, int], list[int]] = {}
    for j, words in enumerate(right):
        for token in prefix(words) if words else ():
            index.setdefault(token, []).append(j)
    pairs = set()
    for i, words in enumerate(left):
        if not words:
            continue
        for token in prefix(words):
            pairs.update((i, j) for j in index.get(token, ())
                         if ratio * len(words) - 1e-9 <= len(right[j]) <= len(words) / ratio + 1e-9)
    return pairs
