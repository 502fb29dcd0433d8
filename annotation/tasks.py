"""Documents as Label Studio tasks, and candidates as their pre-annotations.

A long document is split at paragraph boundaries into chunks of at most ``max_chars``
characters (never inside an attribution); a chunk's ``chunk_offset`` maps its offsets back
to the whole document.  One task per chunk, keyed by ``doc_id:chunk``.  Inputs with the same
text are one document: its task keeps the first one's ``source`` and ``meta`` and every other
one's in ``same_text``.

Regions are sent in UTF-16 offsets (what the browser counts); :mod:`annotation.results`
reads them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from annotation.config import LABELS_TAG, NAME_TAG, TEXT_TAG, TYPE_TAG
from annotation.offsets import OffsetMap
from builder.contract import QUOTE, labeled_spans

DEFAULT_CHUNK_CHARS = 20_000
SAME_TEXT = "same_text"
_PARAGRAPH_END = re.compile(r"\n+")


@dataclass(frozen=True)
class Chunk:
    doc_id: str
    index: int
    offset: int
    text: str

    @property
    def key(self) -> str:
        return f"{self.doc_id}:{self.index}"


def _attribution_ranges(record: dict[str, Any]) -> list[tuple[int, int]]:
    ranges = []
    for a in record["attributions"]:
        spans = [*a["content"], *(s for s in (a.get("speaker"), a.get("cue")) if s)]
        ranges.append((min(s["start"] for s in spans), max(s["end"] for s in spans)))
    return ranges


def chunk_document(record: dict[str, Any], max_chars: int = DEFAULT_CHUNK_CHARS) -> list[Chunk]:
    """Split at line breaks into chunks of at most ``max_chars`` (a longer paragraph, or
    one attribution spanning paragraphs, stays whole)."""
    text, doc_id = record["text"], record["doc_id"]
    if len(text) <= max_chars:
        return [Chunk(doc_id, 0, 0, text)]
    ranges = _attribution_ranges(record)
    cuts = [m.end() for m in _PARAGRAPH_END.finditer(text)
            if m.end() < len(text) and not any(s < m.end() < e for s, e in ranges)]
    chunks: list[Chunk] = []
    start = 0
    while start < len(text):
        fitting = [c for c in cuts if start < c <= start + max_chars]
        later = [c for c in cuts if c > start]
        end = fitting[-1] if fitting else (later[0] if later else len(text))
        chunks.append(Chunk(doc_id, len(chunks), start, text[start:end]))
        start = end
    return chunks


def _region(rid: str, label: str, span: dict, chunk: Chunk, omap: OffsetMap) -> dict[str, Any]:
    start, end = span["start"] - chunk.offset, span["end"] - chunk.offset
    return {"id": rid, "from_name": LABELS_TAG, "to_name": TEXT_TAG, "type": "labels",
            "value": {"start": omap.to_utf16(start), "end": omap.to_utf16(end),
                      "text": chunk.text[start:end], "labels": [label]}}


def _inside(span: dict | None, chunk: Chunk) -> bool:
    return span is not None and chunk.offset <= span["start"] and span["end"] <= chunk.offset + len(chunk.text)


def prediction_result(attributions: list[dict], chunk: Chunk) -> list[dict[str, Any]]:
    """Label Studio regions and relations for the attributions that start in ``chunk``.

    The first QUOTE region of each carries, besides its type and speaker name, an
    ``iqtibas`` entry with the candidate's id, rule and confidence (Label Studio keeps it
    with the prediction), so that a pull can say which rule proposed what was accepted or
    rejected.
    """
    omap = OffsetMap(chunk.text)
    result: list[dict[str, Any]] = []
    for a in attributions:
        if not _inside(a["content"][0], chunk):
            continue
        base = a["id"][:10]
        head: dict[str, Any] = {}
        quotes = 0
        for part in labeled_spans(a):
            if not _inside(part.span, chunk):
                continue
            rid = f"{base}q{quotes}" if part.label == QUOTE else f"{base}{part.label[0].lower()}"
            quotes += part.label == QUOTE
            region = _region(rid, part.label, part.span, chunk, omap)
            result.append(region)
            if part.relation is None:
                head = region
                region["iqtibas"] = {"id": a["id"], "rule": a["rule"], "confidence": a["confidence"]}
                value = {k: v for k, v in region["value"].items() if k != "labels"}
                result.append({"id": rid, "from_name": TYPE_TAG, "to_name": TEXT_TAG, "type": "choices",
                               "value": {**value, "choices": [a["type"]]}})
                if a.get("speaker_name"):
                    result.append({"id": rid, "from_name": NAME_TAG, "to_name": TEXT_TAG, "type": "textarea",
                                   "value": {**value, "text": [a["speaker_name"]]}})
            else:
                result.append(_relation(rid, head["id"], part.relation))
    return result


def _relation(src: str, dst: str, label: str) -> dict[str, Any]:
    return {"type": "relation", "from_id": src, "to_id": dst, "direction": "right", "labels": [label]}


def prediction_score(attributions: list[dict]) -> float:
    """The least confident candidate's confidence, so that Label Studio's uncertainty
    sampling (``prediction-score-min``) shows the least certain documents first; a
    document with no candidate gets 0.5 (it may hide what the rules missed)."""
    return min((a["confidence"] for a in attributions), default=0.5)


def task_payload(record: dict[str, Any], chunk: Chunk, chunks: int, version: str) -> dict[str, Any]:
    """The task of ``chunk`` (of ``chunks``) with the candidates that start in it as its prediction."""
    attributions = [a for a in record["attributions"]
                    if chunk.offset <= a["content"][0]["start"] < chunk.offset + len(chunk.text)]
    meta = dict(record.get("meta", {}))
    return {
        "data": {"text": chunk.text, "key": chunk.key, "doc_id": record["doc_id"], "source": record["source"],
                 "chunk": chunk.index, "chunks": chunks, "chunk_offset": chunk.offset, "meta": meta},
        "predictions": [{"model_version": version, "score": prediction_score(attributions),
                         "result": prediction_result(attributions, chunk)}],
    }


def task_payloads(record: dict[str, Any], max_chars: int, version: str) -> list[dict[str, Any]]:
    """The tasks of one document."""
    chunks = chunk_document(record, max_chars)
    return [task_payload(record, chunk, len(chunks), version) for chunk in chunks]


def add_same_text(data: dict[str, Any], other: dict[str, Any]) -> bool:
    """Record in the task data ``data`` the input (source and metadata) of ``other``, the data
    of a task with the same text; False if that input is recorded already."""
    entry = {"source": other.get("source"), "meta": other.get("meta") or {}}
    if entry in ({"source": data.get("source"), "meta": data.get("meta") or {}}, *data.get(SAME_TEXT, [])):
        return False
    data[SAME_TEXT] = [*data.get(SAME_TEXT, []), entry]
    return True
