"""The columns of every configuration, as ``datasets`` Features (stored in the Parquet
files, so ``load_dataset`` gives back the ClassLabels with no code of ours)."""

from __future__ import annotations

from datasets import ClassLabel, Features, Sequence, Value

from builder.contract import STATUSES, TYPES
from builder.dataset.tags import SPAN_LABELS, TAGS
from builder.dataset.view import RELATION_LABELS

_STRING, _INT, _FLOAT = Value("string"), Value("int32"), Value("float32")
_TYPE, _STATUS = ClassLabel(names=list(TYPES)), ClassLabel(names=list(STATUSES))

#: What every row says about its document.
DOCUMENT_FIELDS = {"doc_id": _STRING, "source": _STRING, "url": _STRING, "outlet": _STRING, "date": _STRING,
                   "text_license": _STRING}

_SPAN = {"id": _STRING, "start": _INT, "end": _INT, "text": _STRING, "paragraph_start": _INT,
         "paragraph_end": _INT, "token_start": _INT, "token_end": _INT}

#: One attribution, as a row of ``attributions`` and an item of ``rejected``.
ATTRIBUTION_FIELDS = {
    "id": _STRING,
    "paragraph": _STRING,
    "paragraph_offset": _INT,
    "paragraph_id": _INT,
    "sentence_id": _INT,
    "content_text": _STRING,
    "content": [_SPAN],
    "speaker": _SPAN,
    "speaker_name": _STRING,
    "speaker_id": _STRING,
    "cue": _SPAN,
    "addressee": _SPAN,
    "medium": _SPAN,
    "type": _TYPE,
    "status": _STATUS,
    "annotator": _STRING,
    "annotated_at": _STRING,
    "rule": _STRING,
    "confidence": _FLOAT,
}

ATTRIBUTION_FEATURES = Features({**DOCUMENT_FIELDS, **ATTRIBUTION_FIELDS})

REJECTED_FEATURES = Features({**DOCUMENT_FIELDS, "judged": _INT, "rejected": [ATTRIBUTION_FIELDS]})

_PIECE = {"id": _INT, "start": _INT, "end": _INT, "token_start": _INT, "token_end": _INT}

DOCUMENT_FEATURES = Features({
    **DOCUMENT_FIELDS,
    "text": _STRING,
    "paragraphs": [_PIECE],
    "sentences": [{**_PIECE, "paragraph": _INT}],
    "tokens": Sequence(_STRING),
    "token_starts": Sequence(_INT),
    "token_ends": Sequence(_INT),
    "span_cuts": _INT,
    "tags": Sequence(ClassLabel(names=TAGS)),
    "nested_tags": Sequence(Sequence(ClassLabel(names=TAGS))),
    "spans": [{"id": _STRING, "label": ClassLabel(names=list(SPAN_LABELS)), "start": _INT, "end": _INT,
               "text": _STRING, "token_start": _INT, "token_end": _INT, "paragraph": _INT, "sentence": _INT,
               "layer": _INT, "negative": Value("bool"), "attribution": _STRING, "status": _STATUS,
               "rule": _STRING, "confidence": _FLOAT}],
    "relations": [{"label": ClassLabel(names=list(RELATION_LABELS)), "from_span": _STRING, "to_span": _STRING}],
    "attributions": [{"id": _STRING, "type": _TYPE, "status": _STATUS, "negative": Value("bool"),
                      "speaker_name": _STRING, "speaker_id": _STRING, "annotator": _STRING,
                      "annotated_at": _STRING, "rule": _STRING, "confidence": _FLOAT,
                      "spans": Sequence(_STRING)}],
})

SPEAKER_FEATURES = Features({
    "id": _STRING,
    "name": _STRING,
    "variants": Sequence(_STRING),
    "attributions": _INT,
    "documents": _INT,
    "rejected": _INT,
    "unreviewed": _INT,
})
