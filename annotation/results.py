"""One Label Studio result (an annotation's or a prediction's regions and relations) read
back into attributions of the contract, in whole-document offsets.

What the browser stores is read as the scheme: a label or type by its value or its Arabic
name (:mod:`annotation.config`); a relation by the labels of the two regions it links (an
arrow drawn in the browser carries no label, and SPEAKER–QUOTE can only be *speaker*), in
either direction.  Nothing is defaulted silently:

* a region that cannot be read — an unknown label, no offsets, a text that is nowhere near
  its offsets — is left out and named in ``problems`` (it stays in the raw export);
* an attribution whose type cannot be read, or one linked to a region that cannot be read
  (a SPEAKER with unreadable offsets), is *withheld*: left out, named in ``problems``, and
  the prediction it matches is neither accepted nor rejected — its status does not change;
* a SPEAKER or CUE the annotator drew and linked to no QUOTE, a relation between two labels
  that do not go together, a second speaker or cue on one quote: named in ``problems``;
* a QUOTE given no type gets *direct* when quotation marks enclose it, else *indirect*, and
  that is said in ``notes``.

A SPEAKER or CUE of the prediction left without its QUOTE is what remains of a rejected
candidate: it is not a problem.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from annotation.config import LABELS_TAG, NAME_TAG, TYPE_TAG, read_label, read_type
from annotation.offsets import OffsetMap, realign
from annotation.tasks import Chunk
from builder.contract import CUE, DIRECT, INDIRECT, LABELS, QUOTE, REL_CONTINUES, REL_CUE, REL_SPEAKER, SPEAKER, TYPES
from builder.text.quotes import QUOTE_MARKS

# the relation two labels make, whichever way the arrow was drawn
_RELATION = {frozenset((SPEAKER, QUOTE)): REL_SPEAKER, frozenset((CUE, QUOTE)): REL_CUE,
             frozenset((QUOTE,)): REL_CONTINUES}


@dataclass(frozen=True)
class Region:
    id: str
    label: str
    start: int  # Python offsets in the chunk
    end: int
    text: str


@dataclass
class Reading:
    """What one result gave: the attributions read in full, the ids of the regions each is
    made of (same order), the regions of withheld attributions and of unreadable regions,
    and what could not be read (``problems``) or was filled in (``notes``)."""

    attributions: list[dict[str, Any]] = field(default_factory=list)
    regions: list[frozenset[str]] = field(default_factory=list)
    withheld: list[dict[str, Any]] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _fit(value: dict, chunk: Chunk, omap: OffsetMap) -> tuple[int, int] | None:
    """Python offsets in ``chunk`` for a region's value: its UTF-16 offsets converted, else
    its offsets taken as Python indices, else the nearest exact occurrence of its text."""
    expected = value.get("text", "")
    start, end = omap.from_utf16(value["start"]), omap.from_utf16(value["end"])
    for s, e in ((start, end), (value["start"], value["end"])):
        if chunk.text[s:e] == expected:
            return s, e
    return realign(chunk.text, start, end, expected)


def _first(values: Any) -> Any:
    """The first of a list of labels or choices (Label Studio stores lists; a bare value is
    taken as it is)."""
    return (values[0] if values else None) if isinstance(values, list) else values


def _offsets(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(k), int) and value[k] >= 0 for k in ("start", "end"))


class _Reader:
    def __init__(self, chunk: Chunk, where: str, predicted: Collection[str]) -> None:
        self.chunk, self.where, self.predicted = chunk, where, predicted
        self.omap = OffsetMap(chunk.text)
        self.out = Reading()
        self.regions: dict[str, Region] = {}
        self.provenance: dict[str, dict] = {}
        self.types: dict[str, str] = {}
        self.bad_types: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.relations: list[dict] = []
        self.head: dict[str, str] = {}  # QUOTE id -> the QUOTE it continues (itself for the first)
        self.broken: set[str] = set()  # QUOTE ids linked to a region that cannot be read

    def problem(self, region: object, what: str) -> None:
        self.out.problems.append(f"{self.where}, region {region}: {what}")

    def item(self, item: Any) -> None:
        if not isinstance(item, dict):
            self.out.problems.append(f"{self.where}: a result item that is not an object: {str(item)[:60]}")
            return
        kind, name, value = item.get("type"), item.get("from_name"), item.get("value")
        rid = item.get("id")
        if kind == "relation":
            self.relations.append(item)
        elif kind == "labels" and name == LABELS_TAG:
            self.label(rid, item)
        elif kind == "choices" and name == TYPE_TAG and isinstance(value, dict) and value.get("choices"):
            stored = _first(value["choices"])
            typ = read_type(stored)
            if typ is None:
                self.bad_types[rid] = str(stored)
            else:
                self.types[rid] = typ
        elif kind == "textarea" and name == NAME_TAG and isinstance(value, dict) and value.get("text"):
            text = value["text"]
            self.names[rid] = " ".join(text if isinstance(text, list) else [str(text)]).strip()

    def label(self, rid: Any, item: dict) -> None:
        value = item.get("value")
        stored = _first(value.get("labels")) if isinstance(value, dict) else None
        label = read_label(stored)
        if not isinstance(rid, str) or not rid:
            self.out.problems.append(f"{self.where}: a {stored} region without an id: {str(value)[:60]}")
            return
        if label is None:
            self.out.unreadable.add(str(rid))
            self.problem(rid, f"label {stored!r} is none of {', '.join(LABELS)}")
            return
        if not _offsets(value):
            self.out.unreadable.add(str(rid))
            self.problem(rid, f"{label} without start and end offsets")
            return
        fitted = _fit(value, self.chunk, self.omap)
        if fitted is None:
            self.out.unreadable.add(str(rid))
            self.problem(rid, f"{label} at {value['start']}-{value['end']} does not fit the text: "
                              f"{value.get('text', '')[:40]!r}")
            return
        self.regions[rid] = Region(rid, label, *fitted, value.get("text", ""))
        if isinstance(item.get("iqtibas"), dict):
            self.provenance[rid] = item["iqtibas"]

    def read(self) -> Reading:
        """The attributions: QUOTE regions joined by *continues* into groups, each group with
        the SPEAKER and CUE linked to it."""
        self.head = {rid: rid for rid, r in self.regions.items() if r.label == QUOTE}
        parts = self.relations_read()
        groups: dict[str, list[Region]] = {}
        for rid in self.head:
            groups.setdefault(self.root(rid), []).append(self.regions[rid])
        linked = self.linked(parts)
        for members in groups.values():
            self.attribution(sorted(members, key=lambda r: r.start), linked)
        order = sorted(range(len(self.out.attributions)), key=lambda k: self.out.attributions[k]["content"][0]["start"])
        self.out.attributions = [self.out.attributions[k] for k in order]
        self.out.regions = [self.out.regions[k] for k in order]
        return self.out

    def root(self, rid: str) -> str:
        """The first QUOTE of the group ``rid`` belongs to."""
        while self.head[rid] != rid:
            rid = self.head[rid]
        return rid

    def relations_read(self) -> list[tuple[str, Region]]:
        """Every relation read: *continues* joins two groups; the others are returned as
        (QUOTE id, SPEAKER or CUE region).  A QUOTE linked to a region that cannot be read is
        marked, so that its attribution is withheld rather than read without that part."""
        parts: list[tuple[str, Region]] = []
        for rel in self.relations:
            ids = [str(rel.get("from_id")), str(rel.get("to_id"))]
            ends = [self.regions.get(i) for i in ids]
            if None in ends:
                self.mark_broken(ids, ends)
                continue  # a region left out (already a problem) or deleted
            a, b = ends
            relation = _RELATION.get(frozenset((a.label, b.label)))
            given = _first(rel.get("labels"))
            if relation is None or (given is not None and given != relation):
                called = f" labelled {given!r}" if given else ""
                self.problem(f"{a.id}→{b.id}", f"a relation{called} from {a.label} to {b.label} is not "
                                               "one of SPEAKER→QUOTE, CUE→QUOTE, QUOTE→QUOTE")
            elif relation == REL_CONTINUES:
                x, y = sorted((self.root(a.id), self.root(b.id)), key=lambda r: self.regions[r].start)
                self.head[y] = x
            else:
                parts.append((a.id, b) if a.label == QUOTE else (b.id, a))
        return parts

    def mark_broken(self, ids: list[str], ends: list[Region | None]) -> None:
        if any(i in self.out.unreadable for i, end in zip(ids, ends, strict=True) if end is None):
            self.broken.update(end.id for end in ends if end is not None and end.label == QUOTE)

    def linked(self, parts: list[tuple[str, Region]]) -> dict[str, dict[str, Region]]:
        """The SPEAKER and CUE of each group (by its first QUOTE); a second one, or one linked
        to no QUOTE, is a problem."""
        linked: dict[str, dict[str, Region]] = {}
        attached: set[str] = set()
        for quote_id, part in sorted(parts, key=lambda p: p[1].start):
            slot = linked.setdefault(self.root(quote_id), {})
            attached.add(part.id)
            if part.label in slot and slot[part.label].id != part.id:
                self.problem(part.id, f"a second {part.label} on the quote {quote_id}: not read")
            else:
                slot[part.label] = part
        for rid, region in self.regions.items():
            if region.label != QUOTE and rid not in attached and rid not in self.predicted:
                self.problem(rid, f"{region.label} {region.text[:40]!r} is linked to no QUOTE")
        return linked

    def attribution(self, members: list[Region], linked: dict[str, dict[str, Region]]) -> None:
        ids = [r.id for r in members]
        slot = next((linked[i] for i in ids if i in linked), {})
        speaker, cue = slot.get(SPEAKER), slot.get(CUE)
        name = next((self.names[i] for i in ids if self.names.get(i)), None)
        if name is None and speaker is not None:
            name = speaker.text.strip(QUOTE_MARKS + " ")
        a = {"type": next((self.types[i] for i in ids if i in self.types), None),
             "content": [self.span(r) for r in members],
             "speaker": self.span(speaker) if speaker else None,
             "speaker_name": name,
             "cue": self.span(cue) if cue else None,
             "provenance": next((self.provenance[i] for i in ids if i in self.provenance), None)}
        if self.broken.intersection(ids):
            self.problem(ids[0], "a region linked to this QUOTE cannot be read: its attribution is withheld")
            self.out.withheld.append(a)
            return
        bad = next((i for i in ids if i in self.bad_types), None)
        if a["type"] is None and bad is not None:
            self.problem(bad, f"type {self.bad_types[bad]!r} is none of {', '.join(TYPES)}: "
                              "the attribution is withheld")
            self.out.withheld.append(a)
            return
        if a["type"] is None:
            a["type"] = _type_from_marks(members, self.chunk.text)
            self.out.notes.append(f"{self.where}, region {ids[0]}: no type chosen; {a['type']} from its "
                                  "quotation marks")
        self.out.attributions.append(a)
        self.out.regions.append(frozenset(ids) | {r.id for r in (speaker, cue) if r})

    def span(self, region: Region) -> dict[str, Any]:
        return {"start": self.chunk.offset + region.start, "end": self.chunk.offset + region.end,
                "text": self.chunk.text[region.start:region.end]}


def read_result(result: list[Any], chunk: Chunk, where: str = "", predicted: Collection[str] = ()) -> Reading:
    """The attributions of one result.  ``where`` (e.g. ``task 12``) prefixes every problem;
    ``predicted`` holds the region ids of the prediction the annotator started from."""
    reader = _Reader(chunk, where or chunk.key, predicted)
    for item in result if isinstance(result, list) else []:
        reader.item(item)
    return reader.read()


def _type_from_marks(members: list[Region], text: str) -> str:
    """Quotation marks right around the content make it direct."""
    before = text[members[0].start - 1:members[0].start]
    after = text[members[-1].end:members[-1].end + 1]
    return DIRECT if before and before in QUOTE_MARKS and after and after in QUOTE_MARKS else INDIRECT
