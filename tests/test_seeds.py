"""The gold annotation of the seeds, and the extractor measured against it."""

from __future__ import annotations

from builder.candidates import candidate_record
from builder.corpus import read_corpus
from builder.evaluate import evaluate
from tests.conftest import SEEDS


def test_gold_spans_reproduce_their_text(gold):
    assert len(gold) == 5
    seeds = {d.doc_id: d for d in read_corpus([str(SEEDS)], lambda s: None)}
    for record in gold:
        assert seeds[record["doc_id"]].text == record["text"]
        for a in record["attributions"]:
            assert a["type"] in ("direct", "indirect", "mixed")
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
