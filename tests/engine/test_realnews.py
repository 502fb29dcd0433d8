"""The extractor on real news (``../shared/realnews``: 40 pages of 40 outlets, annotated by
hand), scored as the project's scorer scores it; the floors hold the level the rules reached,
with a small margin.  The texts belong to their publishers and are read from beside the
project, never copied into it."""

from __future__ import annotations

import json

import pytest

from builder.corpus.inputs import read_corpus
from builder.evaluate import score_strings
from builder.run.encode import candidate_record
from tests.conftest import ROOT

REALNEWS = ROOT.parent / "shared" / "realnews"

pytestmark = pytest.mark.skipif(not (REALNEWS / "gold.jsonl").is_file(),
                                reason="../shared/realnews is not beside the project (real news is never copied in)")


def test_real_news_does_not_fall_back():
    gold = [json.loads(line) for line in (REALNEWS / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    pred = [candidate_record(d) for d in read_corpus([str(REALNEWS / "txt")], lambda s: None)]
    scores = score_strings(gold, pred)
    assert scores["attribution_prf"][2] >= 0.87, scores["attribution_prf"]
    assert scores["speaker_acc_on_matched"] >= 0.93
    assert scores["content_overlap_prf"][2] >= 0.91, scores["content_overlap_prf"]
    assert scores["mixed_attribution_prf"][2] >= 0.80, scores["mixed_attribution_prf"]
