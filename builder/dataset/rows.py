"""The rows of every configuration, made from document views (:mod:`builder.dataset.view`).

* ``attributions`` — one row per verified attribution (accepted, corrected, added), with
  the paragraph it stands in and every span in document, paragraph and token offsets;
* ``rejected`` — one row per reviewed document, with the candidates the review rejected in
  it (none, often): negatives for retraining and for judging the rules;
* ``documents`` and ``unreviewed`` — one row per document: text, paragraphs, sentences,
  tokens with IOB2 tags in layers, spans with ids, relations naming them, attributions;
* ``speakers`` — one row per speaker (:mod:`builder.dataset.speakers`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from builder.contract import CUE, QUOTE, SPEAKER, VERIFIED, Attribution, Record
from builder.dataset.provenance import PSEUDONYM, annotator_label, clean_source, document_metadata
from builder.dataset.speakers import SpeakerIndex
from builder.dataset.view import EXTRA_PARTS, DocumentView, SpanEntry


@dataclass(frozen=True)
class Publishing:
    """What a row shows of who spoke and who annotated."""

    speakers: SpeakerIndex
    annotator_ids: str = PSEUDONYM

    def annotator(self, a: Attribution) -> str | None:
        return annotator_label(a.get("annotator"), self.annotator_ids)

    def speaker_id(self, a: Attribution) -> str | None:
        return self.speakers.id_of(a.get("speaker_name"))

    def attribution(self, a: Attribution) -> dict[str, Any]:
        """The fields of an attribution every configuration shows alike."""
        return {"id": a["id"], "type": a["type"], "status": a.get("status"), "speaker_name": a.get("speaker_name"),
                "speaker_id": self.speaker_id(a), "annotator": self.annotator(a),
                "annotated_at": a.get("annotated_at"), "rule": a.get("rule"), "confidence": a.get("confidence")}


def document_fields(doc: Record) -> dict[str, Any]:
    """What every row says about its document."""
    return {"doc_id": doc["doc_id"], "source": clean_source(doc.get("source", "")),
            **document_metadata(doc.get("meta"))}


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines (paragraph, in the scheme's sense) holding ``text[start:end]``."""
    after = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, after if after >= 0 else len(text)


def _located(entry: SpanEntry | None, offset: int, par_end: int) -> dict[str, Any] | None:
    if entry is None:
        return None
    span = entry.part.span
    inside = offset <= span["start"] and span["end"] <= par_end
    return {"id": entry.id, "start": span["start"], "end": span["end"], "text": span["text"],
            "paragraph_start": span["start"] - offset if inside else -1,
            "paragraph_end": span["end"] - offset if inside else -1,
            "token_start": entry.token_start, "token_end": entry.token_end}


def attribution_fields(view: DocumentView, spans: list[SpanEntry], publishing: Publishing) -> dict[str, Any]:
    """One attribution (its spans in the view) as an attribution row, without the document's fields."""
    a = spans[0].attribution
    content = [s for s in spans if s.part.label == QUOTE]
    other = {s.part.label: s for s in spans if s.part.label != QUOTE}
    text = view.doc["text"]
    offset, par_end = _paragraph(text, min(s.part.span["start"] for s in content),
                                 max(s.part.span["end"] for s in content))
    return {
        **publishing.attribution(a),
        "paragraph": text[offset:par_end],
        "paragraph_offset": offset,
        "paragraph_id": content[0].paragraph,
        "sentence_id": content[0].sentence,
        "content_text": " … ".join(s.part.span["text"] for s in content),
        "content": [_located(s, offset, par_end) for s in content],
        **{key: _located(other.get(label), offset, par_end) for key, label in
           (("speaker", SPEAKER), ("cue", CUE), *((key, label) for key, label, _ in EXTRA_PARTS))},
    }


def attribution_rows(view: DocumentView, publishing: Publishing) -> list[dict[str, Any]]:
    """The rows of the view's attributions that are no negatives."""
    fields = document_fields(view.doc)
    return [{**fields, **attribution_fields(view, spans, publishing)}
            for spans in view.attributions if spans and not spans[0].negative]


def rejected_row(view: DocumentView, publishing: Publishing) -> dict[str, Any]:
    """A reviewed document's row of ``rejected``: how many of the rules' candidates the review
    judged in it, and those it rejected."""
    judged = [spans for spans in view.attributions if spans and spans[0].attribution.get("rule")]
    return {**document_fields(view.doc), "judged": len(judged),
            "rejected": [attribution_fields(view, spans, publishing) for spans in judged if spans[0].negative]}


def document_row(view: DocumentView, publishing: Publishing) -> dict[str, Any]:
    """A row of ``documents`` (or ``unreviewed``): the whole token view of one document."""
    text = view.doc["text"]
    spans = view.spans
    return {
        **document_fields(view.doc),
        "text": text,
        "paragraphs": [p.as_row(False) for p in view.structure.paragraphs],
        "sentences": [s.as_row(True) for s in view.structure.sentences],
        "tokens": [text[s:e] for s, e in view.tokens],
        "token_starts": [s for s, _ in view.tokens],
        "token_ends": [e for _, e in view.tokens],
        "span_cuts": view.cuts,
        "tags": view.tags[0],
        "nested_tags": view.tags[1:],
        "spans": [_span_row(s) for s in spans],
        "relations": [{"label": s.part.relation, "from_span": s.id, "to_span": s.head}
                      for s in spans if s.part.relation],
        "attributions": [{**publishing.attribution(group[0].attribution), "negative": group[0].negative,
                          "spans": [s.id for s in group]} for group in view.attributions if group],
    }


def _span_row(s: SpanEntry) -> dict[str, Any]:
    a = s.attribution
    return {"id": s.id, "label": s.part.label, "start": s.part.span["start"], "end": s.part.span["end"],
            "text": s.part.span["text"], "token_start": s.token_start, "token_end": s.token_end,
            "paragraph": s.paragraph, "sentence": s.sentence, "layer": s.layer, "negative": s.negative,
            "attribution": a["id"], "status": a.get("status"), "rule": a.get("rule"),
            "confidence": a.get("confidence")}


def speaker_rows(speakers: SpeakerIndex, documents: list[Record]) -> list[dict[str, Any]]:
    """One row per speaker, with how many verified, rejected and unreviewed attributions name
    it and in how many documents it has a verified one."""
    counts: dict[str, Counter] = {}
    for doc in documents:
        quoted = set()
        for a in doc["attributions"]:
            sid = speakers.id_of(a.get("speaker_name"))
            if sid is None:
                continue
            kind = _kind(a)
            counts.setdefault(sid, Counter())[kind] += 1
            if kind == "attributions":
                quoted.add(sid)
        for sid in quoted:
            counts[sid]["documents"] += 1
    return [{"id": s.id, "name": s.name, "variants": sorted(s.variants, key=lambda n: (-s.variants[n], n)),
             **{k: counts.get(s.id, Counter())[k] for k in ("attributions", "documents", "rejected", "unreviewed")}}
            for s in sorted(speakers.speakers, key=lambda s: s.id)]


def _kind(a: Attribution) -> str:
    """The count an attribution adds to: ``attributions`` (verified), ``rejected`` or ``unreviewed``."""
    status = a.get("status")
    return "attributions" if status in VERIFIED else str(status)
