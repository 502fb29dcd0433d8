"""The contract every step shares: what an attribution is made of and what its parts are
called, the shape of a document record, reading record files, pairing two lists of
attributions by their content, and the relations between an attribution's parts.

The extractor writes records of this shape, Label Studio tasks are made from them and
read back into them, the dataset and the evaluation read them; the names here are the
scheme's (``ATTRIBUTION_SCHEME.md`` in ``annotation/``).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NotRequired, TypedDict, TypeVar

from builder.json_lines import read_values
from builder.similar_pairs import overlapping

#: The types of an attribution (the scheme's *direct*, *indirect* and *mixed*).
DIRECT, INDIRECT, MIXED = TYPES = ("direct", "indirect", "mixed")
#: Region labels: a content span, the speaker mention, the cue.
QUOTE, SPEAKER, CUE = LABELS = ("QUOTE", "SPEAKER", "CUE")
#: Relations from a part to the first content span of its attribution.
REL_SPEAKER, REL_CUE, REL_CONTINUES = RELATIONS = ("speaker", "cue", "continues")
#: What the review made of an attribution; ``unreviewed`` is the rules' output nobody checked.
ACCEPTED, CORRECTED, ADDED, REJECTED, UNREVIEWED = STATUSES = (
    "accepted", "corrected", "added", "rejected", "unreviewed")
#: The statuses of attributions an annotator stands behind.
VERIFIED = (ACCEPTED, CORRECTED, ADDED)
#: What a corrected attribution keeps of the candidate it was (its ``proposed`` field).
PROPOSED = ("type", "content", "speaker", "speaker_name", "cue")
#: Two contents are one attribution's when their spans overlap at least this much (Jaccard).
OVERLAP = 0.5

REQUIRED = ("doc_id", "text", "attributions")


class Span(TypedDict):
    """``text[start:end] == text``: Python string offsets into the stored document."""

    start: int
    end: int
    text: str


class Attribution(TypedDict):
    id: str
    type: str
    content: list[Span]
    speaker: Span | None
    speaker_name: str | None
    cue: Span | None
    rule: str | None
    confidence: float | None
    # set by the review (pull)
    status: NotRequired[str]
    annotator: NotRequired[str | None]
    annotated_at: NotRequired[str | None]
    proposed: NotRequired[dict[str, Any]]  # a corrected one: the candidate's PROPOSED fields


class Record(TypedDict):
    """One document: what ``extract`` writes (candidates), ``pull`` writes (verified)."""

    doc_id: str
    source: str
    text: str
    meta: dict[str, Any]
    attributions: list[Attribution]


def document_record(doc_id: str, source: str, text: str, meta: dict[str, Any],
                    attributions: list[Attribution]) -> Record:
    """A document record, its keys in the order every file writes them."""
    return {"doc_id": doc_id, "source": source, "text": text, "meta": meta, "attributions": attributions}


class RecordError(ValueError):
    """A records file that cannot be used; the message names the file and line."""


def read_records(path: str | Path, what: str = "document") -> list[Record]:
    """Every record of the JSON-lines file ``path``, each checked for the contract's keys
    and for spans that reproduce their text."""
    return list(iter_records(path, what))


def iter_records(path: str | Path, what: str = "document") -> Iterator[Record]:
    """The records of :func:`read_records`, one at a time (a file of any size in little memory)."""
    path = Path(path)
    if not path.is_file():
        raise RecordError(f"{path}: no such file")
    found = False
    with path.open("rb") as fh:
        for number, record, problem in read_values(enumerate(fh, 1)):
            found = True
            yield _checked(record, problem, f"{path}:{number}", what)
    if not found:
        raise RecordError(f"{path}: no {what} records" + (" (has any document been annotated?)"
                                                          if what == "verified" else ""))


def _checked(record: Any, problem: str | None, where: str, what: str) -> Record:
    """A record read from ``where`` (``FILE:LINE``), or :class:`RecordError` saying what is
    wrong with it: ``problem`` (it is not JSON), a key missing, a span."""
    if problem:
        raise RecordError(f"{where}: {problem}")
    missing = [key for key in REQUIRED if not isinstance(record, dict) or key not in record]
    if missing:
        raise RecordError(f"{where}: not a {what} record (missing {', '.join(sorted(missing))})")
    problem = _span_problem(record)
    if problem:
        raise RecordError(f"{where}: {problem}")
    return record


def _span_problem(record: dict) -> str | None:
    """What is wrong with a record's spans, if anything.  Spans are offsets (``start``,
    ``end``, ``text``) or, in hand annotation written as strings, substrings of the text."""
    text = record["text"]
    for a in record["attributions"]:
        if not isinstance(a, dict):
            return "an attribution must be an object"
        for span in [*a.get("content", []), a.get("speaker"), a.get("cue")]:
            if isinstance(span, str):
                if span not in text:
                    return f"{span[:30]!r} is not in the text"
            elif span and not (isinstance(span, dict) and {"start", "end", "text"} <= span.keys()):
                return f"a span must have start, end and text: {str(span)[:60]}"
            elif span and text[span["start"]:span["end"]] != span["text"]:
                return f"span {span['start']}-{span['end']} does not reproduce its text {span['text'][:30]!r}"
    return None


def overlap(a: Sequence[Span], b: Sequence[Span]) -> float:
    """Jaccard overlap of two lists of character spans."""
    inter = sum(max(0, min(x["end"], y["end"]) - max(x["start"], y["start"])) for x in a for y in b)
    union = sum(s["end"] - s["start"] for s in a) + sum(s["end"] - s["start"] for s in b) - inter
    return inter / union if union else 0.0


T = TypeVar("T")
U = TypeVar("U")


def pair(left: Sequence[T], right: Sequence[U], similarity: Callable[[T, U], float], threshold: float,
         candidates: Iterable[tuple[int, int]] | None = None) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(i, j, score)`` of ``left`` and ``right`` items whose similarity is
    at least ``threshold``, taken greedily, best first (on a tie, later items first, as the
    project's scorer takes them).  ``candidates``: the pairs ``(i, j)`` that may reach the
    threshold, each once (default: every pair) — the others are not scored."""
    if candidates is None:
        candidates = ((i, j) for i in range(len(left)) for j in range(len(right)))
    scored = [(s, i, j) for i, j in candidates if (s := similarity(left[i], right[j])) >= threshold]
    return pair_groups([(i,) for i in range(len(left))], [(j,) for j in range(len(right))], scored)


class _Free:
    """The items of groups not yet taken, the latest of each group on top: one flat list
    (no list a group, as a document has thousands of groups of one)."""

    def __init__(self, groups: Sequence[Sequence[int]]) -> None:
        self.items: list[int] = []
        self.bottom: list[int] = []
        self.top: list[int] = []  # one past the latest item not yet taken
        for group in groups:
            self.bottom.append(len(self.items))
            self.items.extend(group)
            self.top.append(len(self.items))

    def latest(self, group: int) -> int:
        """The latest item of ``group`` not yet taken, or -1."""
        return self.items[self.top[group] - 1] if self.top[group] > self.bottom[group] else -1

    def take(self, group: int) -> int:
        self.top[group] -= 1
        return self.items[self.top[group]]


def pair_groups(left: Sequence[Sequence[int]], right: Sequence[Sequence[int]],
                scored: Iterable[tuple[float, int, int]]) -> list[tuple[int, int, float]]:
    """:func:`pair` for items in groups of equals: ``left`` and ``right`` are the groups (the
    numbers of their items, in increasing order), ``scored`` the ``(score, a, b)`` of the
    groups ``a`` and ``b`` that reach the threshold.  The pairs of items are those :func:`pair`
    takes, in its order, found in time near-linear in the groups, the scores and the pairs
    taken: a document that repeats one quotation a thousand times is not a million comparisons."""
    levels: dict[float, dict[int, list[int]]] = {}
    for s, a, b in scored:
        levels.setdefault(s, {}).setdefault(a, []).append(b)
    left_free, right_free = _Free(left), _Free(right)
    out = []
    for s in sorted(levels, reverse=True):
        partners = levels[s]
        waiting = [(-i, a) for a in partners if (i := left_free.latest(a)) >= 0]
        heapq.heapify(waiting)
        while waiting:  # the latest item of all groups first; it takes the latest free partner
            _, a = heapq.heappop(waiting)
            j, b = max((right_free.latest(b), b) for b in partners[a])
            if j < 0:  # none left at this score: nor for the group's earlier items
                continue
            out.append((left_free.take(a), right_free.take(b), s))
            if (i := left_free.latest(a)) >= 0:
                heapq.heappush(waiting, (-i, a))
    return out


def pair_by_content(left: Sequence[Attribution], right: Sequence[Attribution],
                    threshold: float = OVERLAP) -> list[tuple[int, int, float]]:
    """Attributions of two lists of one document that are the same one: content spans
    overlapping at least ``threshold``.  Only attributions whose contents share a character
    are compared."""
    spans = [[(s["start"], s["end"]) for s in a["content"]] for a in left]
    others = [[(s["start"], s["end"]) for s in b["content"]] for b in right]
    candidates = overlapping(spans, others) if threshold > 0 else None
    return pair(left, right, lambda a, b: overlap(a["content"], b["content"]), threshold, candidates)


@dataclass(frozen=True, slots=True)
class LabeledSpan:
    """A region of an attribution: its label, its span, and its relation to the attribution's
    first content span (None for that span itself)."""

    label: str
    span: Span
    relation: str | None


def labeled_spans(a: Attribution) -> list[LabeledSpan]:
    """The regions of an attribution in order: its content spans (the first heads it, the
    later ones *continue* it), then its speaker and its cue, related to the head."""
    out = [LabeledSpan(QUOTE, span, REL_CONTINUES if k else None) for k, span in enumerate(a["content"])]
    for key, label, relation in (("speaker", SPEAKER, REL_SPEAKER), ("cue", CUE, REL_CUE)):
        span = a.get(key)
        if span:
            out.append(LabeledSpan(label, span, relation))
    return out
