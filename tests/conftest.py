"""Shared helpers: extraction of short texts, the seeds and their gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.documents import make_document
from builder.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "data" / "gold" / "seeds.jsonl"


def run(text: str) -> list[dict]:
    """Extract from one text and check the offset contract on every span."""
    doc = make_document(text, "test")
    out = extract(doc)
    for a in out:
        for span in [*a["content"], a["speaker"], a["cue"]]:
            if span is not None:
                assert doc.text[span["start"]:span["end"]] == span["text"]
                assert span["start"] < span["end"]
        assert 0.0 <= a["confidence"] <= 1.0
    return out


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
