"""The document record every step shares."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """A text as stored: ``\\r\\n`` already turned into ``\\n``, nothing else changed."""

    doc_id: str
    source: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


def doc_id_for(text: str) -> str:
    """A stable id: the first 16 hex digits of the SHA-256 of the stored text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_document(text: str, source: str, meta: dict[str, Any] | None = None) -> Document:
    stored = text.replace("\r\n", "\n")
    return Document(doc_id_for(stored), source, stored, dict(meta or {}))
