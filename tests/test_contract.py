"""The shared contract: reading record files, pairing attributions, the parts of one."""

from __future__ import annotations

import json

import pytest

from builder.contract import (
    REL_CONTINUES,
    REL_CUE,
    REL_SPEAKER,
    RecordError,
    labeled_spans,
    pair,
    pair_by_content,
    read_records,
)

TEXT = "قال الوزير إن الوضع مستقر تماما."


def span(start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": TEXT[start:end]}


def record(**attribution) -> dict:
    return {"doc_id": "d", "source": "s", "text": TEXT, "meta": {}, "attributions": [attribution]}


def test_records_are_read_and_their_spans_checked(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(record(content=[span(14, 31)])) + "\n\n", encoding="utf-8")
    assert [r["doc_id"] for r in read_records(good)] == ["d"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(record(content=[{**span(14, 31), "start": 13}])) + "\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"bad.jsonl:1: span 13-31 does not reproduce"):
        read_records(bad)
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(record(content=[{"end": 3, "text": "قال"}])) + "\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"broken.jsonl:1: a span must have start, end and text"):
        read_records(broken)


def test_hand_annotation_as_strings_must_occur_in_the_text(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record(content=["الوضع مستقر"], speaker="الوزير")) + "\n"
                    + json.dumps(record(content=["ليس هنا"])) + "\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"gold.jsonl:2: 'ليس هنا' is not in the text"):
        read_records(path)


def test_pairs_are_one_to_one_and_best_first():
    pairs = pair([10, 20], [11, 19, 50], lambda a, b: 1 / (1 + abs(a - b)), 0.3)
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 0), (1, 1)]
    a = {"content": [span(0, 10)]}
    b = {"content": [span(5, 12)]}
    far = {"content": [span(20, 30)]}
    assert [(i, j) for i, j, _ in pair_by_content([a, far], [far, b])] == [(1, 0)]


def test_parts_relate_to_the_first_content_span():
    a = {"content": [span(14, 20), span(21, 31)], "speaker": span(4, 10), "cue": span(0, 3)}
    got = [(p.label, p.span["text"], p.relation) for p in labeled_spans(a)]
    assert got == [("QUOTE", "الوضع ", None), ("QUOTE", TEXT[21:31], REL_CONTINUES),
                   ("SPEAKER", "الوزير", REL_SPEAKER), ("CUE", "قال", REL_CUE)]
    assert [p.label for p in labeled_spans({"content": [span(14, 31)], "speaker": None, "cue": None})] == ["QUOTE"]
