"""One document to one line of a candidates file: the record (the output contract's shape,
:func:`builder.contract.document_record`) and its JSON encoding (:data:`builder.json_lines.dumps`,
here in the process that extracted it, so that the main process only writes lines).  The plain command, its
worker processes and the datatrove step all encode through here, so every candidates file
is written the same way."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from builder.contract import Attribution, Record, document_record
from builder.documents import Document
from builder.engine.extract import extract
from builder.engine.rules import RULES_VERSION
from builder.json_lines import dumps
from builder.lexicon.lexicon import Lexicon
from builder.review.calibrate import Calibration


@dataclass(frozen=True, slots=True)
class Line:
    """One document of a candidates file, encoded as written (no newline), with the
    ``(type, rule)`` of each of its attributions for the summary."""

    text: str
    labels: tuple[tuple[str, str], ...]


def candidate_record(doc: Document, lex: Lexicon | None = None) -> Record:
    """A document and its candidate attributions, as one line of a candidates file."""
    return record_of(doc, extract(doc, lex))


def record_of(doc: Document, attributions: list[Attribution], rules_version: str = RULES_VERSION) -> Record:
    """The record of ``doc`` with the attributions the rules of ``rules_version`` found."""
    return document_record(doc.doc_id, doc.source, doc.text, {**doc.meta, "rules_version": rules_version},
                           attributions)


def encode(doc: Document, lex: Lexicon, calibration: Calibration | None = None) -> Line:
    """Extract from ``doc`` and encode its record, its confidences calibrated if a
    ``calibration`` is given: the one thing a worker does per document."""
    record = candidate_record(doc, lex)
    if calibration is not None:
        record = calibration.calibrate(record)
    return Line(dumps(record), tuple((a["type"], a["rule"]) for a in record["attributions"]))


def encode_all(docs: Iterable[Document], lex: Lexicon, calibration: Calibration | None = None) -> Iterator[Line]:
    """Encoded records, in this process, one document after the other."""
    for doc in docs:
        yield encode(doc, lex, calibration)
