"""Label Studio results and exports read back into the contract — on plain data, as the
browser and the export store them (no server)."""

from __future__ import annotations

import copy

from annotation.config import TYPE_LOOK, read_label, read_type
from annotation.convert import compare, convert
from annotation.offsets import OffsetMap
from annotation.results import read_result
from annotation.tasks import Chunk, prediction_result
from builder.contract import LABELS, TYPES

TEXT = ('قال الوزير محمد علي إن "الحكومة ستواصل دعم المشروع".\n'
        '🌍 وترى الوزيرة ليلى خوري في الإصلاح طريقا وحيدا.')
OMAP = OffsetMap(TEXT)
CHUNK = Chunk("doc1", 0, 0, TEXT)


def region(rid: str, label: str, phrase: str, **extra) -> dict:
    """A labels region as the browser stores it: UTF-16 offsets."""
    start = TEXT.index(phrase)
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": OMAP.to_utf16(start), "end": OMAP.to_utf16(start + len(phrase)), "text": phrase,
                      "labels": [label]}, **extra}


def per_region(rid: str, phrase: str, kind: str, stored) -> dict:
    start = TEXT.index(phrase)
    name, key = {"choices": ("type", "choices"), "textarea": ("speaker_name", "text")}[kind]
    return {"id": rid, "from_name": name, "to_name": "text", "type": kind,
            "value": {"start": OMAP.to_utf16(start), "end": OMAP.to_utf16(start + len(phrase)), "text": phrase,
                      key: [stored]}}


def relation(src: str, dst: str, *labels: str) -> dict:
    item = {"type": "relation", "from_id": src, "to_id": dst, "direction": "right"}
    return {**item, "labels": list(labels)} if labels else item


QUOTE1, SPEAKER1, CUE1 = "الحكومة ستواصل دعم المشروع", "الوزير محمد علي", "قال"
QUOTE2, SPEAKER2 = "الإصلاح طريقا وحيدا", "الوزيرة ليلى خوري"


def predicted() -> list[dict]:
    return [region("p1q0", "QUOTE", QUOTE1, iqtibas={"id": "x", "rule": "verb.quote", "confidence": 0.9}),
            per_region("p1q0", QUOTE1, "choices", "direct"), per_region("p1q0", QUOTE1, "textarea", "محمد علي"),
            region("p1s", "SPEAKER", SPEAKER1), relation("p1s", "p1q0", "speaker"),
            region("p1c", "CUE", CUE1), relation("p1c", "p1q0", "cue")]


def drawn() -> list[dict]:
    """A QUOTE and a SPEAKER drawn in the browser, an arrow between them with no label."""
    return [region("new1", "QUOTE", QUOTE2), per_region("new1", QUOTE2, "choices", "indirect"),
            per_region("new1", QUOTE2, "textarea", "ليلى خوري"), region("new2", "SPEAKER", SPEAKER2),
            relation("new1", "new2")]


def test_labels_and_types_are_read_by_value_or_arabic_name():
    assert set(TYPE_LOOK) == set(TYPES)
    assert [read_label(v) for v in (*LABELS, "اقتباس", "متحدث", "فعل القول")] == [*LABELS, *LABELS]
    assert [read_type(v) for v in (*TYPES, "مباشر", "غير مباشر", "مختلط")] == [*TYPES, *TYPES]
    assert read_label("quote?") is None and read_type("مختلطة") is None and read_type(None) is None


def test_a_browser_result_reads_back_with_exact_offsets():
    reading = read_result(predicted() + drawn(), CHUNK, "task 7", predicted={"p1q0", "p1s", "p1c"})
    assert reading.problems == [] and reading.notes == []
    first, second = reading.attributions
    assert (first["type"], first["speaker_name"], first["cue"]["text"]) == ("direct", "محمد علي", CUE1)
    assert first["provenance"]["rule"] == "verb.quote"
    assert (second["type"], second["speaker"]["text"], second["speaker_name"]) == ("indirect", SPEAKER2, "ليلى خوري")
    for a in reading.attributions:
        for span in [*a["content"], a["speaker"]]:
            assert TEXT[span["start"]:span["end"]] == span["text"]
    assert second["content"][0]["start"] == TEXT.index(QUOTE2)  # the emoji counted once


def test_projects_made_with_aliases_are_read_as_the_scheme():
    result = predicted()
    result[0]["value"]["labels"] = ["اقتباس"]
    result[1]["value"]["choices"] = ["مختلط"]
    (a,) = read_result(result, CHUNK).attributions
    assert a["type"] == "mixed" and a["content"][0]["text"] == QUOTE1


def test_a_label_that_cannot_be_read_is_a_problem_naming_task_and_region():
    result = predicted() + drawn()
    result[-2]["value"]["labels"] = ["WHO"]
    reading = read_result(result, CHUNK, "task 7")
    # the QUOTE linked to the unreadable region is withheld, not read without its speaker
    assert [a["content"][0]["text"] for a in reading.attributions] == [QUOTE1]
    assert [a["content"][0]["text"] for a in reading.withheld] == [QUOTE2]
    assert reading.problems == ["task 7, region new2: label 'WHO' is none of QUOTE, SPEAKER, CUE",
                                "task 7, region new1: a region linked to this QUOTE cannot be read: its attribution "
                                "is withheld"]
    assert reading.unreadable == {"new2"}


def test_a_region_without_offsets_is_a_problem_not_a_traceback():
    result = drawn()
    del result[0]["value"]["start"]
    reading = read_result(result, CHUNK, "task 7")
    assert reading.attributions == []
    assert any("region new1: QUOTE without start and end offsets" in p for p in reading.problems)
    assert any("region new2: SPEAKER" in p and "linked to no QUOTE" in p for p in reading.problems)


def test_a_type_that_cannot_be_read_withholds_the_attribution():
    result = predicted()
    result[1]["value"]["choices"] = ["quoted"]
    reading = read_result(result, CHUNK, "task 7")
    assert reading.attributions == [] and len(reading.withheld) == 1
    assert reading.problems == ["task 7, region p1q0: type 'quoted' is none of direct, indirect, mixed: "
                                "the attribution is withheld"]
    prediction = read_result(predicted(), CHUNK).attributions
    assert compare(reading.attributions, prediction, reading.withheld) == []  # not "rejected"


def test_parts_left_by_a_deleted_prediction_are_silent_drawn_ones_are_not():
    result = [r for r in predicted() if r.get("id") != "p1q0"]  # the annotator deleted the QUOTE
    reading = read_result(result, CHUNK, "task 7", predicted={"p1q0", "p1s", "p1c"})
    assert reading.attributions == [] and reading.problems == []
    stray = read_result([region("d9", "CUE", "وترى")], CHUNK, "task 7")
    assert stray.problems == ["task 7, region d9: CUE 'وترى' is linked to no QUOTE"]


def test_relations_are_read_from_the_labels_they_link():
    result = [region("a", "QUOTE", QUOTE1), per_region("a", QUOTE1, "choices", "direct"),
              region("b", "QUOTE", "طريقا وحيدا"), region("s", "SPEAKER", SPEAKER1), region("c", "CUE", CUE1),
              relation("a", "s"), relation("c", "a"), relation("a", "b")]
    (a,) = read_result(result, CHUNK).attributions
    assert [c["text"] for c in a["content"]] == [QUOTE1, "طريقا وحيدا"]
    assert (a["speaker"]["text"], a["cue"]["text"], a["type"]) == (SPEAKER1, CUE1, "direct")
    wrong = read_result([*result[:5], relation("s", "c"), relation("c", "a", "speaker")], CHUNK, "task 7")
    assert wrong.problems == [
        "task 7, region s→c: a relation from SPEAKER to CUE is not one of SPEAKER→QUOTE, CUE→QUOTE, QUOTE→QUOTE",
        "task 7, region c→a: a relation labelled 'speaker' from CUE to QUOTE is not one of SPEAKER→QUOTE, "
        "CUE→QUOTE, QUOTE→QUOTE",
        f"task 7, region s: SPEAKER {SPEAKER1!r} is linked to no QUOTE",
        f"task 7, region c: CUE {CUE1!r} is linked to no QUOTE"]
    assert wrong.attributions[0]["cue"] is None


def test_a_quote_without_a_type_is_typed_by_its_marks_and_said_so():
    reading = read_result([region("a", "QUOTE", QUOTE1), region("b", "QUOTE", QUOTE2)], CHUNK, "task 7")
    assert [a["type"] for a in reading.attributions] == ["direct", "indirect"]
    assert len(reading.notes) == 2 and "region a: no type chosen; direct" in reading.notes[0]


def test_predictions_read_back_through_the_contract():
    record = {"attributions": [{"id": "abcdefghijkl", "type": "mixed", "rule": "r", "confidence": 0.5,
                                "content": [{"start": 24, "end": 33, "text": TEXT[24:33]},
                                            {"start": 34, "end": 50, "text": TEXT[34:50]}],
                                "speaker": {"start": 4, "end": 19, "text": TEXT[4:19]}, "speaker_name": "محمد علي",
                                "cue": {"start": 0, "end": 3, "text": "قال"}}]}
    (a,) = read_result(prediction_result(record["attributions"], CHUNK), CHUNK).attributions
    keys = ("type", "content", "speaker", "speaker_name", "cue")
    assert {k: a[k] for k in keys} == {k: record["attributions"][0][k] for k in keys}


def task(tid: int, annotations: list[dict], key: str = "doc1:0") -> dict:
    return {"id": tid, "data": {"text": TEXT, "key": key, "doc_id": "doc1", "chunk": 0, "chunks": 1,
                                "chunk_offset": 0, "source": "a.txt", "meta": {}},
            "annotations": annotations}


def annotation(aid: int, user, result: list[dict], when: str, **extra) -> dict:
    return {"id": aid, "completed_by": user, "result": result, "updated_at": when, "was_cancelled": False,
            "ground_truth": False, **extra}


PREDICTION = {"id": 50, "task": 1, "result": predicted(), "created_at": "2026-01-01T00:00:00Z"}
USERS = {1: "amal@example.org", 2: "badr@example.org"}


def test_statuses_annotator_and_exact_offsets_from_an_export():
    retyped = predicted() + drawn()
    retyped[1]["value"]["choices"] = ["mixed"]
    docs, summary = convert([task(1, [annotation(9, 1, retyped, "2026-01-02T00:00:00Z", parent_prediction=50)])],
                            [PREDICTION], USERS, "news")
    (doc,) = docs
    assert [(a["status"], a["type"]) for a in doc["attributions"]] == [("corrected", "mixed"), ("added", "indirect")]
    assert {a["annotator"] for a in doc["attributions"]} == {"amal@example.org"}
    assert doc["attributions"][0]["rule"] == "verb.quote" and doc["attributions"][1]["rule"] is None
    assert doc["text"] == TEXT and summary.problems == [] and summary.agreement is None
    deleted = [r for r in predicted() if r.get("id") not in ("p1q0",)]
    docs, _ = convert([task(1, [annotation(9, 1, deleted, "2026-01-02T00:00:00Z", parent_prediction=50)])],
                      [PREDICTION], USERS, "news")
    assert [a["status"] for a in docs[0]["attributions"]] == ["rejected"]


def test_agreement_only_between_different_annotators():
    mine = [annotation(1, 1, predicted(), "2026-01-02T00:00:00Z"), annotation(2, 1, drawn(), "2026-01-03T00:00:00Z")]
    docs, summary = convert([task(1, mine)], [PREDICTION], USERS)
    assert summary.agreement is None and "agreement_span_f1" not in docs[0]["meta"]
    theirs = [*mine, annotation(3, {"id": 2, "email": "badr@example.org"}, predicted(), "2026-01-01T00:00:00Z")]
    docs, summary = convert([task(1, theirs)], [PREDICTION], USERS)
    # amal's latest (drawn) against badr's (predicted): no content span in common
    assert summary.agreement == 0.0 and (summary.agreement_tasks, summary.agreement_documents) == (1, 1)
    assert docs[0]["meta"]["agreement_span_f1"] == 0.0
    assert {a["annotator"] for a in docs[0]["attributions"]} == {"amal@example.org"}


def test_two_tasks_with_one_key_are_merged_and_written_once():
    first = task(1, [annotation(9, 2, predicted(), "2026-01-02T00:00:00Z", parent_prediction=50)])
    second = task(2, [])
    docs, summary = convert([first, second, copy.deepcopy(second) | {"id": 3}], [PREDICTION], USERS)
    (doc,) = docs
    assert [a["status"] for a in doc["attributions"]] == ["accepted"]
    assert summary.merged_keys == 1 and summary.tasks == 3 and summary.annotated == 1
    assert any("key doc1:0 is held by tasks 1, 2, 3" in note for note in summary.notes)


def test_problems_of_an_export_name_the_task_and_keep_the_rest():
    broken = predicted() + drawn()
    broken[-2]["value"] = {"labels": ["SPEAKER"]}  # no offsets at all
    docs, summary = convert([task(4, [annotation(9, 1, broken, "2026-01-02T00:00:00Z", parent_prediction=50)]),
                             {"id": 5, "data": {"key": "x:0"}, "annotations": []}], [PREDICTION | {"task": 4}], USERS)
    # the drawn QUOTE whose SPEAKER cannot be read is withheld; the predicted one is accepted
    assert [a["status"] for a in docs[0]["attributions"]] == ["accepted"]
    assert any(p.startswith("task 4, annotation 9, region new2: SPEAKER without start") for p in summary.problems)
    assert any(p.startswith("task 4, annotation 9, region new1: a region linked") for p in summary.problems)
    assert any(p.startswith("task 5: no text") for p in summary.problems)


def test_an_unreadable_speaker_of_an_accepted_candidate_leaves_the_candidate_undecided():
    """The annotator accepted the candidate; its SPEAKER region came back with offsets that
    cannot be read.  The candidate is neither accepted nor rejected, and never `added` with
    no rule: its attribution is withheld, a problem says so."""
    for broken_value in ({"labels": ["SPEAKER"], "text": SPEAKER1},
                         {"start": "4", "end": None, "text": SPEAKER1, "labels": ["SPEAKER"]},
                         {"start": -3, "end": 19, "text": SPEAKER1, "labels": ["SPEAKER"]}):
        accepted = predicted()
        speaker = next(r for r in accepted if r.get("id") == "p1s" and r["type"] == "labels")
        speaker["value"] = broken_value
        docs, summary = convert([task(1, [annotation(9, 1, accepted, "2026-01-02T00:00:00Z",
                                                     parent_prediction=50)])], [PREDICTION], USERS)
        assert docs[0]["attributions"] == []
        assert any("region p1s: SPEAKER without start and end offsets" in p for p in summary.problems)
        assert any("region p1q0: a region linked to this QUOTE cannot be read" in p for p in summary.problems)
        assert summary.statuses == {}
