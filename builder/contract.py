"""The contract every step shares: what an attribution is made of and what its parts are
called, the shape of a document record, reading record files, pairing two lists of
attributions by their content, and the relations between an attribution's parts.

The extractor writes records of this shape, Label Studio tasks are made from them and
read back into them, the dataset and the evaluation read them; the names here are the
scheme's (``ATTRIBUTION_SCHEME.md`` in ``annotation/``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NotRequired, TypedDict, TypeVar

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
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"{path}:{number}: malformed JSON: {exc.msg}") from None
            missing = [key for key in REQUIRED if not isinstance(record, dict) or key not in record]
            if missing:
                raise RecordError(f"{path}:{number}: not a {what} record (missing {', '.join(sorted(missing))})")
            problem = _span_problem(record)
            if problem:
                raise RecordError(f"{path}:{number}: {problem}")
            found = True
            yield record
    if not found:
        raise RecordError(f"{path}: no {what} records" + (" (has any document been annotated?)"
                                                          if what == "verified" else ""))


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


def pair(left: Sequence[T], right: Sequence[U], similarity: Callable[[T, U], float],
         threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(i, j, score)`` of ``left`` and ``right`` items whose similarity is
    at least ``threshold``, taken greedily, best first (on a tie, later items first, as the
    project's scorer takes them)."""
    scored = [(s, i, j) for i, a in enumerate(left) for j, b in enumerate(right)
              if (s := similarity(a, b)) >= threshold]
    scored.sort(reverse=True)
    used_left: set[int] = set()
    used_right: set[int] = set()
    out = []
    for s, i, j in scored:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        out.append((i, j, s))
    return out


def pair_by_content(left: Sequence[Attribution], right: Sequence[Attribution],
                    threshold: float = OVERLAP) -> list[tuple[int, int, float]]:
    """Attributions of two lists of one document that are the same one: content spans
    overlapping at least ``threshold``."""
    return pair(left, right, lambda a, b: overlap(a["content"], b["content"]), threshold)


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
