"""Simulated reviews — hand annotation read as a review of the candidates
(:mod:`builder.dataset.gold_review`): the statuses ``pull`` would give, a valid verified file."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from builder.contract import PROPOSED, RecordError, read_records
from builder.dataset.gold_review import review_by_gold
from builder.documents import make_document
from builder.run.encode import candidate_record
from tests.review.conftest import ANNOTATOR, write_records

TEXT = ('قال وزير الخارجية محمد علي إن "الحكومة ستواصل دعم المشروع الجديد حتى نهايته".\n'
        'وأوضح المتحدث باسم الوزارة سامي حسن أن المفاوضات مع الشركاء مستمرة منذ أسابيع.\n'
        'وأكد رئيس البلدية كريم ناصر أن "الطريق الساحلي سيفتح أمام السيارات غدا".\n'
        'وترى الوزيرة ليلى خوري في الإصلاح طريقا وحيدا لإنقاذ الاقتصاد الوطني.')
MISSED = "الإصلاح طريقا وحيدا لإنقاذ الاقتصاد الوطني"  # the rules do not find this one


def test_every_status_comes_from_comparing_gold_and_candidates():
    candidates = candidate_record(make_document(TEXT, "t.txt"))
    assert len(candidates["attributions"]) == 3
    gold = copy.deepcopy(candidates)
    kept, renamed, _dropped = gold["attributions"]
    renamed["speaker_name"] = "سامي"  # the annotator names him otherwise: corrected
    start = TEXT.index(MISSED)
    added = {"type": "indirect", "content": [{"start": start, "end": start + len(MISSED), "text": MISSED}],
             "speaker": None, "speaker_name": None, "cue": None}
    gold["attributions"] = [kept, renamed, added]  # the third candidate is not in the gold: rejected
    (doc,) = review_by_gold([gold], [candidates], ANNOTATOR)
    by_status = {a["status"]: a for a in doc["attributions"]}
    assert Counter(a["status"] for a in doc["attributions"]) == Counter(
        {"accepted": 1, "corrected": 1, "added": 1, "rejected": 1})
    assert by_status["accepted"]["rule"] == kept["rule"] and by_status["accepted"]["confidence"] == kept["confidence"]
    corrected = by_status["corrected"]
    assert corrected["speaker_name"] == "سامي"
    assert corrected["proposed"] == {key: candidates["attributions"][1][key] for key in PROPOSED}
    assert by_status["added"]["rule"] is None and by_status["rejected"]["rule"] == candidates["attributions"][2]["rule"]


def test_the_seeds_simulated_are_a_valid_verified_file(seeds_verified, seeds_candidates, gold, tmp_path):
    records = read_records(write_records(seeds_verified, tmp_path / "v.jsonl"), "verified")  # spans checked
    assert [r["doc_id"] for r in records] == [g["doc_id"] for g in gold]
    for record, truth, found in zip(records, gold, sorted(seeds_candidates, key=lambda r: r["source"]), strict=True):
        statuses = Counter(a["status"] for a in record["attributions"])
        assert statuses["accepted"] + statuses["corrected"] + statuses["added"] == len(truth["attributions"])
        assert statuses["accepted"] + statuses["corrected"] + statuses["rejected"] == len(found["attributions"])
        assert len({a["id"] for a in record["attributions"]}) == len(record["attributions"])


def test_a_gold_text_that_differs_from_the_candidates_is_refused(seeds_candidates, gold):
    changed = {**gold[0], "text": gold[0]["text"] + " "}
    with pytest.raises(RecordError, match=f"{gold[0]['doc_id']}.*text"):
        review_by_gold([changed], seeds_candidates, ANNOTATOR)
