"""The evaluation measures what it says, on hand-made cases."""

from __future__ import annotations

from builder.evaluate import evaluate, overlap


def att(start, end, name, typ="direct", rule="r"):
    return {"type": typ, "content": [{"start": start, "end": end}], "speaker_name": name, "rule": rule}


def doc(*atts):
    return {"doc_id": "d", "attributions": list(atts)}


def test_overlap_is_jaccard_of_spans():
    assert overlap([{"start": 0, "end": 10}], [{"start": 5, "end": 15}]) == 5 / 15
    assert overlap([{"start": 0, "end": 4}, {"start": 6, "end": 10}], [{"start": 0, "end": 10}]) == 0.8


def test_counts_exact_overlap_speaker_and_type():
    gold = [doc(att(0, 10, "سيرغي لافروف"), att(20, 30, "موسكو", "indirect"), att(40, 50, "أحمد"))]
    pred = [doc(att(0, 10, "لافروف", rule="a"),          # exact, speaker right
                att(21, 30, "أنقرة", "indirect", "b"),      # overlap, speaker wrong
                att(60, 70, "أحمد", rule="c"))]             # no match
    r = evaluate(gold, pred).as_dict()
    assert r["content_exact"]["tp"] == 1
    assert r["content_overlap"]["tp"] == 2
    assert r["attribution"] == {"precision": round(1 / 3, 4), "recall": round(1 / 3, 4), "f1": round(1 / 3, 4),
                                "tp": 1, "pred": 3, "gold": 3}
    assert r["speaker_accuracy_on_matched"] == 0.5
    assert r["by_type"]["direct"]["tp"] == 1 and r["by_type"]["indirect"]["tp"] == 0
    assert r["by_rule"]["a"]["precision"] == 1.0 and r["by_rule"]["b"]["precision"] == 0.0


def test_type_must_agree_for_the_by_type_figures():
    r = evaluate([doc(att(0, 10, "x", "direct"))], [doc(att(0, 10, "x", "mixed"))]).as_dict()
    assert r["attribution"]["tp"] == 1
    assert r["by_type"]["direct"]["recall"] == 0.0 and r["by_type"]["mixed"]["precision"] == 0.0


def test_transliteration_variants_are_one_speaker():
    r = evaluate([doc(att(0, 10, "مولود جاويش أوغلو"))], [doc(att(0, 10, "تشاووش أوغلو"))]).as_dict()
    assert r["attribution"]["tp"] == 1


def test_a_missing_document_counts_as_all_missed():
    r = evaluate([doc(att(0, 10, "x"))], []).as_dict()
    assert r["attribution"]["recall"] == 0.0 and r["documents_without_prediction"] == ["d"]


def test_a_conjoined_word_with_the_article_is_the_same_word():
    """``والتعليم`` and ``التعليم``: the و of coordination and the article both fall away."""
    r = evaluate([doc(att(0, 10, "وزير التربية والتعليم"))], [doc(att(0, 10, "وزير التعليم"))]).as_dict()
    assert r["attribution"]["tp"] == 1
