"""Rows and features of the dataset configurations built from verified attributions.

* ``attributions`` — one row per verified attribution (accepted, corrected, added), with
  the paragraph it stands in and every span both in paragraph and in document offsets;
* ``documents`` — one row per document: text, all spans with labels, relations, and a
  token view with BIO tags for QUOTE / SPEAKER / CUE;
* ``rejected`` — candidates annotators rejected (negatives), with rule and confidence;
* ``unreviewed`` — the rules' output for documents no annotator has finished (weak labels).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from datasets import ClassLabel, Features, Sequence, Value

from builder.contract import LABELS, STATUSES, TYPES, labeled_spans

TAGS = ["O"] + [f"{p}-{label}" for label in LABELS for p in ("B", "I")]
_TOKEN = re.compile(r"\w+(?:[-_/]\w+)*|[^\w\s]")

_SPAN = {"start": Value("int32"), "end": Value("int32"), "text": Value("string")}
_DOC_SPAN = {**_SPAN, "paragraph_start": Value("int32"), "paragraph_end": Value("int32")}

ATTRIBUTION_FEATURES = Features({
    "id": Value("string"),
    "doc_id": Value("string"),
    "source": Value("string"),
    "paragraph": Value("string"),
    "paragraph_offset": Value("int32"),
    "content_text": Value("string"),
    "content": [_DOC_SPAN],
    "speaker": _DOC_SPAN,
    "speaker_name": Value("string"),
    "cue": _DOC_SPAN,
    "type": ClassLabel(names=list(TYPES)),
    "status": ClassLabel(names=list(STATUSES)),
    "annotator": Value("string"),
    "annotated_at": Value("string"),
    "rule": Value("string"),
    "confidence": Value("float32"),
})

DOCUMENT_FEATURES = Features({
    "doc_id": Value("string"),
    "source": Value("string"),
    "text": Value("string"),
    "spans": [{**_SPAN, "label": ClassLabel(names=list(LABELS)), "attribution": Value("string")}],
    "relations": [{"from_span": Value("int32"), "to_span": Value("int32"), "label": Value("string")}],
    "tokens": Sequence(Value("string")),
    "token_starts": Sequence(Value("int32")),
    "token_ends": Sequence(Value("int32")),
    "tags": Sequence(ClassLabel(names=TAGS)),
})


def clean_source(source: str) -> str:
    """A source without the local folders it was read from (``/home/x/news/a.txt:3`` → ``a.txt:3``)."""
    path, sep, line = source.rpartition(":") if re.search(r":\d+$", source) else (source, "", "")
    return PurePath(path).name + (sep + line if sep else "")


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines (paragraph, in the scheme's sense) holding ``text[start:end]``."""
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) if text.find("\n", end) >= 0 else len(text))


def _located(span: dict | None, offset: int, par_end: int) -> dict | None:
    if not span:
        return None
    inside = offset <= span["start"] and span["end"] <= par_end
    return {"start": span["start"], "end": span["end"], "text": span["text"],
            "paragraph_start": span["start"] - offset if inside else -1,
            "paragraph_end": span["end"] - offset if inside else -1}


def attribution_row(doc: dict, a: dict, status: str | None = None) -> dict[str, Any]:
    text = doc["text"]
    content_spans = a["content"]
    offset, par_end = _paragraph(text, min(s["start"] for s in content_spans), max(s["end"] for s in content_spans))
    annotator = a.get("annotator")
    return {
        "id": a["id"],
        "doc_id": doc["doc_id"],
        "source": clean_source(doc.get("source", "")),
        "paragraph": text[offset:par_end],
        "paragraph_offset": offset,
        "content_text": " … ".join(s["text"] for s in content_spans),
        "content": [_located(s, offset, par_end) for s in content_spans],
        "speaker": _located(a.get("speaker"), offset, par_end),
        "speaker_name": a.get("speaker_name"),
        "cue": _located(a.get("cue"), offset, par_end),
        "type": a["type"],
        "status": status or a.get("status", "unreviewed"),
        "annotator": None if annotator is None else str(annotator),
        "annotated_at": a.get("annotated_at"),
        "rule": a.get("rule"),
        "confidence": a.get("confidence"),
    }


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def bio_tags(toks: list[tuple[int, int, str]], spans: list[dict]) -> list[str]:
    """A tag per token: ``B-``/``I-`` of the span it overlaps (the first token of a span is
    ``B-``), ``O`` elsewhere.  A token is never tagged by two spans: earlier spans win."""
    tags = ["O"] * len(toks)
    for span in sorted(spans, key=lambda s: (s["start"], s["end"])):
        first = True
        for k, (start, end, _) in enumerate(toks):
            if end <= span["start"] or start >= span["end"]:
                continue
            if tags[k] == "O":
                tags[k] = ("B-" if first else "I-") + span["label"]
            first = False
    return tags


def document_row(doc: dict, attributions: list[dict]) -> dict[str, Any]:
    spans: list[dict] = []
    relations: list[dict] = []
    for a in attributions:
        head = len(spans)
        for part in labeled_spans(a):
            if part.relation:
                relations.append({"from_span": len(spans), "to_span": head, "label": part.relation})
            spans.append({**_plain(part.span), "label": part.label, "attribution": a["id"]})
    toks = tokens(doc["text"])
    return {
        "doc_id": doc["doc_id"],
        "source": clean_source(doc.get("source", "")),
        "text": doc["text"],
        "spans": spans,
        "relations": relations,
        "tokens": [t for _, _, t in toks],
        "token_starts": [s for s, _, _ in toks],
        "token_ends": [e for _, e, _ in toks],
        "tags": bio_tags(toks, spans),
    }


def _plain(span: dict) -> dict:
    return {"start": span["start"], "end": span["end"], "text": span["text"]}
