"""Writing candidate files: one JSON object per document, in the output contract."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import jsonlines
from tqdm import tqdm

from builder.corpus import Skip, read_corpus
from builder.documents import Document
from builder.extract import extract
from builder.lexicon import RULES_VERSION, Lexicon, load

log = logging.getLogger(__name__)


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


def extract_to(inputs: list[str], output: str, text_field: str = "text", progress: bool = True,
               lexicons: str | None = None) -> tuple[Summary, list[Skip]]:
    """Extract from ``inputs`` into the file ``output`` (``-``: standard output), with a
    progress bar; the file appears whole or not at all.  Skipped inputs are logged and
    returned.  ``lexicons`` is a folder of lexicon files to use instead of the shipped ones."""
    lex = load(lexicons)
    skips: list[Skip] = []

    def on_skip(skip: Skip) -> None:
        skips.append(skip)
        log.warning("%s", skip)

    out_path = None if output == "-" else Path(output)
    docs = read_corpus(inputs, on_skip, text_field=text_field, exclude=[out_path] if out_path else [])
    bar = tqdm(docs, unit="doc", desc="extract", disable=None if progress else True, file=sys.stderr)
    if out_path is None:
        with open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False) as out:
            return write_candidates(extract_all(bar, lex), out), skips
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(out_path.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        summary = write_candidates(extract_all(bar, lex), out)
    partial.replace(out_path)
    return summary, skips
