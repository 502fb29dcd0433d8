"""Documents as Label Studio tasks, candidates as pre-annotations, and back.

A long document is split at paragraph boundaries into chunks of at most ``max_chars``
characters (never inside an attribution); a chunk's ``chunk_offset`` maps its offsets back
to the whole document.  One task per chunk, keyed by ``doc_id:chunk``.

Regions are sent in UTF-16 offsets (what the browser counts) and read back through
:mod:`annotation.offsets`, checked against the text, realigned where they drifted, and
reported where they cannot be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from annotation.config import (
    CUE,
    LABELS_TAG,
    NAME_TAG,
    QUOTE,
    REL_CONTINUES,
    REL_CUE,
    REL_SPEAKER,
    SPEAKER,
    TEXT_TAG,
    TYPE_TAG,
    TYPES,
)
from annotation.offsets import OffsetMap, realign
from builder.quotes import QUOTE_MARKS

DEFAULT_CHUNK_CHARS = 20_000
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
        quotes = [_region(f"{base}q{k}", QUOTE, span, chunk, omap)
                  for k, span in enumerate(a["content"]) if _inside(span, chunk)]
        head = quotes[0]
        head["iqtibas"] = {"id": a["id"], "rule": a["rule"], "confidence": a["confidence"]}
        result.extend(quotes)
        value = {k: v for k, v in head["value"].items() if k != "labels"}
        result.append({"id": head["id"], "from_name": TYPE_TAG, "to_name": TEXT_TAG, "type": "choices",
                       "value": {**value, "choices": [a["type"]]}})
        if a.get("speaker_name"):
            result.append({"id": head["id"], "from_name": NAME_TAG, "to_name": TEXT_TAG, "type": "textarea",
                           "value": {**value, "text": [a["speaker_name"]]}})
        for later in quotes[1:]:
            result.append(_relation(later["id"], head["id"], REL_CONTINUES))
        for part, label, relation in (("speaker", SPEAKER, REL_SPEAKER), ("cue", CUE, REL_CUE)):
            if _inside(a.get(part), chunk):
                region = _region(f"{base}{label[0].lower()}", label, a[part], chunk, omap)
                result.extend((region, _relation(region["id"], head["id"], relation)))
    return result


def _relation(src: str, dst: str, label: str) -> dict[str, Any]:
    return {"type": "relation", "from_id": src, "to_id": dst, "direction": "right", "labels": [label]}


def prediction_score(attributions: list[dict]) -> float:
    """The least confident candidate's confidence, so that Label Studio's uncertainty
    sampling (``prediction-score-min``) shows the least certain documents first; a
    document with no candidate gets 0.5 (it may hide what the rules missed)."""
    return min((a["confidence"] for a in attributions), default=0.5)


@dataclass
class Region:
    id: str
    label: str
    start: int
    end: int
    text: str


@dataclass
class Conversion:
    """Attributions read from one Label Studio result, and the regions that did not fit."""

    attributions: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _fit(value: dict, chunk: Chunk, omap: OffsetMap) -> tuple[int, int] | None:
    """Python offsets in ``chunk`` for a region's value: its UTF-16 offsets converted, else
    its offsets taken as Python indices, else the nearest exact occurrence of its text."""
    expected = value.get("text", "")
    start, end = omap.from_utf16(value["start"]), omap.from_utf16(value["end"])
    for s, e in ((start, end), (value["start"], value["end"])):
        if chunk.text[s:e] == expected:
            return s, e
    return realign(chunk.text, start, end, expected)


def read_result(result: list[dict[str, Any]], chunk: Chunk) -> Conversion:
    """Attributions (in whole-document offsets) from a Label Studio annotation or prediction."""
    omap = OffsetMap(chunk.text)
    out = Conversion()
    regions: dict[str, Region] = {}
    provenance: dict[str, dict] = {}
    types: dict[str, str] = {}
    names: dict[str, str] = {}
    relations: list[tuple[str, str, str]] = []
    for item in result:
        kind = item.get("type")
        if kind == "relation":
            relations.append((item["from_id"], item["to_id"], (item.get("labels") or [""])[0]))
        elif kind == "labels" and item.get("from_name") == LABELS_TAG:
            fitted = _fit(item["value"], chunk, omap)
            if fitted is None:
                out.problems.append(
                    f"{chunk.key}: region {item['id']} ({item['value'].get('labels')}) at "
                    f"{item['value'].get('start')}-{item['value'].get('end')} does not fit the text: "
                    f"{item['value'].get('text', '')[:40]!r}")
                continue
            regions[item["id"]] = Region(item["id"], item["value"]["labels"][0], *fitted, item["value"].get("text", ""))
            if isinstance(item.get("iqtibas"), dict):
                provenance[item["id"]] = item["iqtibas"]
        elif kind == "choices" and item.get("from_name") == TYPE_TAG and item["value"].get("choices"):
            types[item["id"]] = item["value"]["choices"][0]
        elif kind == "textarea" and item.get("from_name") == NAME_TAG and item["value"].get("text"):
            names[item["id"]] = " ".join(item["value"]["text"]).strip()
    head = {rid: rid for rid, r in regions.items() if r.label == QUOTE}

    def root(rid: str) -> str:
        while head[rid] != rid:
            rid = head[rid]
        return rid

    for src, dst, label in relations:
        if label == REL_CONTINUES and src in head and dst in head:
            head[root(src)] = root(dst)
    groups: dict[str, list[Region]] = {}
    for rid in head:
        groups.setdefault(root(rid), []).append(regions[rid])
    linked: dict[str, dict[str, Region]] = {}
    for src, dst, label in relations:
        if label in (REL_SPEAKER, REL_CUE) and src in regions and dst in head:
            linked.setdefault(root(dst), {})[label] = regions[src]
    for rid, members in groups.items():
        members.sort(key=lambda r: r.start)
        ids = [r.id for r in members]
        typ = next((types[i] for i in ids if i in types), None) or _guess_type(members, chunk.text)
        speaker = linked.get(rid, {}).get(REL_SPEAKER)
        cue = linked.get(rid, {}).get(REL_CUE)
        name = next((names[i] for i in ids if i in names), None)
        if name is None and speaker is not None:
            name = speaker.text.strip(QUOTE_MARKS + " ")
        out.attributions.append({
            "type": typ if typ in TYPES else "indirect",
            "content": [_span(r, chunk) for r in members],
            "speaker": _span(speaker, chunk) if speaker else None,
            "speaker_name": name,
            "cue": _span(cue, chunk) if cue else None,
            "provenance": next((provenance[i] for i in ids if i in provenance), None),
        })
    out.attributions.sort(key=lambda a: a["content"][0]["start"])
    return out


def _span(region: Region, chunk: Chunk) -> dict[str, Any]:
    return {"start": chunk.offset + region.start, "end": chunk.offset + region.end,
            "text": chunk.text[region.start:region.end]}


def _guess_type(members: list[Region], text: str) -> str:
    """An annotator who gave no type: quotation marks around the span make it direct."""
    first, last = members[0], members[-1]
    before = text[first.start - 1:first.start]
    after = text[last.end:last.end + 1]
    return "direct" if before and before in QUOTE_MARKS and after and after in QUOTE_MARKS else "indirect"
