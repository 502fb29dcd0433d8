"""Writing candidate files: one JSON object per document, in the output contract."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

import jsonlines

from builder.documents import Document
from builder.extract import extract
from builder.lexicon import RULES_VERSION, Lexicon, load


@dataclass
class Summary:
    documents: int = 0
    attributions: int = 0
    by_type: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)

    def add(self, record: dict[str, Any]) -> None:
        self.documents += 1
        for a in record["attributions"]:
            self.attributions += 1
            self.by_type[a["type"]] += 1
            self.by_rule[a["rule"]] += 1

    def lines(self) -> list[str]:
        def fmt(counter: Counter) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"

        return [
            f"{self.documents} documents, {self.attributions} attributions",
            f"by type: {fmt(self.by_type)}",
            f"by rule: {fmt(self.by_rule)}",
        ]


def candidate_record(doc: Document, lex: Lexicon | None = None) -> dict[str, Any]:
    """A document and its candidate attributions, as one line of a candidates file."""
    return {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "text": doc.text,
        "meta": {**doc.meta, "rules_version": RULES_VERSION},
        "attributions": extract(doc, lex),
    }


def extract_all(docs: Iterable[Document], lex: Lexicon | None = None) -> Iterator[dict[str, Any]]:
    lex = lex or load()
    for doc in docs:
        yield candidate_record(doc, lex)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_candidates(records: Iterable[dict[str, Any]], out: TextIO) -> Summary:
    """Write records as JSON lines (UTF-8, Arabic unescaped); returns what was written."""
    summary = Summary()
    with jsonlines.Writer(out, flush=True, dumps=_dumps) as writer:
        for record in records:
            writer.write(record)
            summary.add(record)
    return summary
