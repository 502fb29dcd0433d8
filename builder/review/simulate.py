"""Verified files made from a gold annotation, until real reviews exist.

An annotator who knows the gold answer reviews the rules' candidates of the same documents:
a candidate the gold holds exactly is *accepted*, one whose content the gold holds with
other spans, type or name is *corrected* (and keeps what it ``proposed``), one the gold
lacks is *rejected*, and a gold attribution no candidate found is *added* — the comparison
``pull`` makes of a real annotation (:func:`annotation.convert.compare`), so the records are
those ``pull`` writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from annotation.convert import compare
from builder.contract import PROPOSED, Attribution, Record, document_record

SIMULATED = "simulated@iqtibas.local"


def _attribution_id(doc_id: str, a: dict) -> str:
    key = f"{doc_id}|{[(s['start'], s['end']) for s in a['content']]}|{a['status']}|{a.get('rule')}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def review_document(gold: Record, candidates: Record, annotator: str = SIMULATED,
                    annotated_at: str | None = None) -> Record:
    """One document as an annotator who returns ``gold`` would: its candidates accepted,
    corrected or rejected and the rest added, each with the rule and confidence it came with."""
    predicted = [{**a, "provenance": {"rule": a["rule"], "confidence": a["confidence"]}}
                 for a in candidates["attributions"]]
    annotated = [{key: a.get(key) for key in PROPOSED} for a in gold["attributions"]]
    attributions: list[Attribution] = []
    for a in compare(annotated, predicted):
        provenance = a.pop("provenance", None) or {}
        a.update({"annotator": annotator, "annotated_at": annotated_at,
                  "rule": provenance.get("rule"), "confidence": provenance.get("confidence")})
        a["id"] = _attribution_id(gold["doc_id"], a)
        attributions.append(a)
    attributions.sort(key=lambda a: (a["content"][0]["start"], a["status"]))
    meta = {**candidates.get("meta", {}), "simulated_from": gold.get("source", "")}
    return document_record(gold["doc_id"], candidates.get("source", gold.get("source", "")), gold["text"], meta,
                           attributions)


def simulate_review(gold: Iterable[Record], candidates: Iterable[Record], annotator: str = SIMULATED,
                    annotated_at: str | None = None) -> list[Record]:
    """The verified records of every gold document that has candidates (joined by ``doc_id``;
    a gold document whose text differs from its candidates' is an error, not a guess)."""
    by_id = {r["doc_id"]: r for r in candidates}
    out = []
    for doc in gold:
        found = by_id.get(doc["doc_id"])
        if found is None:
            continue
        if found["text"] != doc["text"]:
            raise ValueError(f"document {doc['doc_id']}: the gold text and the candidates' text differ")
        out.append(review_document(doc, found, annotator, annotated_at))
    return out
