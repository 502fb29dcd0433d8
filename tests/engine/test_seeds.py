"""The hand annotations (the seeds, the development set and the held-out set of news written
in other outlets' styles), and the extractor measured against the first two; the held-out
set is only checked for sound spans here, so that no test pulls the rules towards it."""

from __future__ import annotations

import json

import pytest

from builder.corpus.inputs import read_corpus
from builder.evaluate import evaluate
from builder.run.encode import candidate_record
from tests.conftest import ROOT, SEEDS

DEV = ROOT / "data" / "dev"
DEV_GOLD = ROOT / "data" / "gold" / "dev.jsonl"


def _load(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(("corpus", "gold_file", "documents"), [
    (SEEDS, ROOT / "data" / "gold" / "seeds.jsonl", 5),
    (DEV, DEV_GOLD, 35),
    (ROOT / "data" / "holdout", ROOT / "data" / "gold" / "holdout.jsonl", 4),
])
def test_gold_spans_reproduce_their_text(corpus, gold_file, documents):
    gold = _load(gold_file)
    assert len(gold) == documents
    docs = {d.doc_id: d for d in read_corpus([str(corpus)], lambda s: None)}
    for record in gold:
        assert docs[record["doc_id"]].text == record["text"]
        for a in record["attributions"]:
            assert a["type"] in ("direct", "indirect", "mixed")
            assert a["speaker_name"]
            for span in [*a["content"], a["speaker"], a["cue"]]:
                if span is not None:
                    assert record["text"][span["start"]:span["end"]] == span["text"]


def test_seed_targets(gold):
    """The issue's targets: attribution F1 >= 0.95 direct, >= 0.85 indirect and mixed."""
    preds = [candidate_record(d) for d in read_corpus([str(SEEDS)], lambda s: None)]
    report = evaluate(gold, preds).as_dict()
    assert report["by_type"]["direct"]["f1"] >= 0.95
    assert report["by_type"]["indirect"]["f1"] >= 0.85
    assert report["by_type"]["mixed"]["f1"] >= 0.85


def test_dev_set_does_not_fall_back():
    """The development set: each of its seven batches was measured untouched first (attribution
    F1 0.746, 0.756, 0.700, 0.593, 0.636, 0.722, 0.833), the rules were then improved on it
    (0.943 on all); this floor catches a rule change that undoes that work."""
    preds = [candidate_record(d) for d in read_corpus([str(DEV)], lambda s: None)]
    report = evaluate(_load(DEV_GOLD), preds).as_dict()
    assert report["attribution"]["f1"] >= 0.9
    assert report["content_overlap"]["precision"] >= 0.95
