"""The extractor on real news (``../shared/realnews``: 40 pages of 40 outlets;
``../shared/realnews2``: 20 pages of other outlets; both annotated by hand), scored as the
project's scorer scores it; the floors hold the level the rules reached, with a small margin.
The texts belong to their publishers and are read from beside the project, never copied into it."""

from __future__ import annotations

import json

import pytest

from builder.corpus.inputs import read_corpus
from builder.evaluate import score_strings
from builder.run.encode import candidate_record
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared"

#: set -> floors: attribution F1, speaker right on matched content, content overlap F1, mixed F1
FLOORS = {
    "realnews": (0.90, 0.94, 0.94, 0.80),
    "realnews2": (0.90, 0.93, 0.94, 0.90),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_real_news_does_not_fall_back(name):
    folder = SHARED / name
    if not (folder / "gold.jsonl").is_file():
        pytest.skip(f"../shared/{name} is not beside the project (real news is never copied in)")
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    pred = [candidate_record(d) for d in read_corpus([str(folder / "txt")], lambda s: None)]
    scores = score_strings(gold, pred)
    attribution, speaker, content, mixed = FLOORS[name]
    assert scores["attribution_prf"][2] >= attribution, scores["attribution_prf"]
    assert scores["speaker_acc_on_matched"] >= speaker
    assert scores["content_overlap_prf"][2] >= content, scores["content_overlap_prf"]
    assert scores["mixed_attribution_prf"][2] >= mixed, scores["mixed_attribution_prf"]
