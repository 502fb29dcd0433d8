"""Hand annotation read as a review of the rules' candidates.

Annotation made outside Label Studio (``data/gold/``) says what a document's attributions
are, as an annotator's review would; compared with the rules' candidates of the same
document the way ``pull`` compares an annotation with its predictions, each attribution
gets the status a review gives — accepted, corrected, added — and every candidate it does
not keep is rejected.  The result is a verified file ``iqtibas build`` takes as a review.
"""

from __future__ import annotations

import hashlib
import json

from annotation.convert import compare
from builder.contract import PROPOSED, Record, RecordError, document_record


def _attribution_id(doc_id: str, a: dict) -> str:
    key = f"{doc_id}|{json.dumps([(s['start'], s['end']) for s in a['content']])}|{a['status']}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def review_by_gold(gold: list[Record], candidates: list[Record], annotator: str) -> list[Record]:
    """The documents of ``gold`` as verified records: each attribution with its status, the
    ``annotator`` named, and the rule and confidence of the candidate it came from (a
    corrected one keeps what the candidate ``proposed``, as ``pull`` writes it)."""
    by_id = {r["doc_id"]: r for r in candidates}
    out = []
    for doc in gold:
        if doc["doc_id"] not in by_id:
            raise RecordError(f"document {doc['doc_id']} ({doc.get('source', '?')}) has no candidates: extract "
                              f"its text first")
        if by_id[doc["doc_id"]]["text"] != doc["text"]:
            raise RecordError(f"document {doc['doc_id']} ({doc.get('source', '?')}): the hand annotation's text "
                              f"and the candidates' text differ")
        predicted = [{**a, "provenance": {"rule": a.get("rule"), "confidence": a.get("confidence")}}
                     for a in by_id[doc["doc_id"]]["attributions"]]
        annotated = [{key: a.get(key) for key in PROPOSED} for a in doc["attributions"]]
        attributions = []
        for a in compare(annotated, predicted):
            provenance = a.pop("provenance", None) or {}
            a.update({"id": _attribution_id(doc["doc_id"], a), "annotator": annotator, "annotated_at": None,
                      "rule": provenance.get("rule"), "confidence": provenance.get("confidence")})
            attributions.append(a)
        meta = {**by_id[doc["doc_id"]].get("meta", {}), **doc.get("meta", {})}
        out.append(document_record(doc["doc_id"], doc.get("source", ""), doc["text"], meta, attributions))
    return out
