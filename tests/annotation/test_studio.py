"""The review loop against a real Label Studio: push, annotate through the API as an
annotator would, pull; idempotence; faults."""

from __future__ import annotations

import copy
import json
import secrets
import subprocess
import sys

import pytest
from datasets import load_dataset

from annotation.connection import Settings, Studio, StudioError
from annotation.offsets import OffsetMap
from annotation.pull import pull
from annotation.push import push
from annotation.server import free_port
from builder.corpus.inputs import read_corpus
from builder.dataset.build import build
from builder.documents import make_document
from builder.run.encode import candidate_record
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.studio


def seed_records(version: str = "rules-test-1") -> list[dict]:
    records = [candidate_record(d) for d in read_corpus([str(SEEDS)], lambda s: None)]
    for r in records:
        r["meta"]["rules_version"] = version
    return records


def tasks_of(studio: Studio, title: str) -> list:
    project = next(p for p in studio.client.projects.list() if p.title == title)
    return list(studio.client.tasks.list(project=project.id, fields="all"))


def predictions_of(studio: Studio, task_id: int) -> list:
    return studio.client.predictions.list(task=task_id)


def test_push_is_idempotent_and_adds_newer_predictions(studio):
    first = push(studio, seed_records(), "idempotence", progress=False)
    assert (first.project_created, first.tasks_imported) == (True, 5)
    again = push(studio, seed_records(), "idempotence", progress=False)
    assert (again.project_created, again.tasks_imported, again.tasks_unchanged) == (False, 0, 5)
    tasks = tasks_of(studio, "idempotence")
    assert len(tasks) == 5 and len({t.data["key"] for t in tasks}) == 5
    studio.client.annotations.create(id=tasks[0].id, result=[])
    newer = push(studio, seed_records("rules-test-2"), "idempotence", progress=False)
    assert (newer.tasks_imported, newer.predictions_added) == (0, 5)
    versions = {p.model_version for p in predictions_of(studio, tasks[0].id)}
    assert versions == {"rules-test-1", "rules-test-2"}
    assert len(studio.client.annotations.list(id=tasks[0].id)) == 1


def test_project_is_made_for_arabic_review(studio):
    push(studio, seed_records()[:1], "configured", progress=False)
    project = next(p for p in studio.client.projects.list() if p.title == "configured")
    assert "direction: rtl" in project.label_config
    assert 'value="QUOTE"' in project.label_config and 'perRegion="true"' in project.label_config
    assert "إرشادات" in project.expert_instruction and "Annotation guidelines" in project.expert_instruction
    assert project.sampling == "Uncertainty sampling"


class Annotator:
    """Acts on tasks through the API, as the labeling interface would."""

    def __init__(self, studio: Studio, title: str) -> None:
        self.studio = studio
        self.tasks = {t.data["doc_id"]: t for t in tasks_of(studio, title)}

    def predicted(self, doc_id: str) -> list[dict]:
        (p,) = predictions_of(self.studio, self.tasks[doc_id].id)
        return copy.deepcopy(p.result)

    def annotate(self, doc_id: str, result: list[dict], **kwargs) -> None:
        self.studio.client.annotations.create(id=self.tasks[doc_id].id, result=result, **kwargs)


def _drop_attribution(result: list[dict], head_id: str) -> list[dict]:
    """The result without the attribution whose first QUOTE region is ``head_id``."""
    linked = {r["from_id"] for r in result if r.get("type") == "relation" and r["to_id"] == head_id}
    gone = {head_id} | linked
    return [r for r in result if r.get("id") not in gone and r.get("from_id") not in gone]


def test_annotations_come_back_with_statuses_and_exact_offsets(studio, tmp_path):
    records = seed_records()
    emoji_text = 'قال الوزير 😀 للصحفيين: "سنبني مستقبلا أفضل لأبنائنا 🌍 جميعا".'
    records.append(candidate_record(make_document(emoji_text, "emoji")))
    records[-1]["meta"]["rules_version"] = "rules-test-1"
    push(studio, records, "round-trip", progress=False)
    docs = {r["doc_id"]: r for r in records}
    ann = Annotator(studio, "round-trip")
    d0, d1, d2, d3 = (r["doc_id"] for r in records[:4])
    emoji_doc = records[-1]["doc_id"]

    # doc 0: reject the headline candidate, add the missed quote "طرد المحتل", accept the rest
    result = ann.predicted(d0)
    heads = [r for r in result if r.get("iqtibas")]
    headline = next(r for r in heads if r["iqtibas"]["rule"] == "headline.colon")
    result = _drop_attribution(result, headline["id"])
    text = docs[d0]["text"]
    start = text.index("طرد المحتل")
    result.append({"id": "added1", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": start, "end": start + len("طرد المحتل"), "text": "طرد المحتل",
                             "labels": ["QUOTE"]}})
    result.append({"id": "added1", "from_name": "type", "to_name": "text", "type": "choices",
                   "value": {"start": start, "end": start + 10, "text": "طرد المحتل", "choices": ["direct"]}})
    ann.annotate(d0, result)

    # doc 1: correct one speaker name; two annotators, the second marked ground truth
    second = studio.client.users.create(email=f"second-{secrets.token_hex(4)}@iqtibas.local", username="second")
    result = ann.predicted(d1)
    ann.annotate(d1, copy.deepcopy(result))
    name = next(r for r in result if r["from_name"] == "speaker_name")
    name["value"]["text"] = ["خلوصي أكار"]
    ann.annotate(d1, result, ground_truth=True, completed_by=second.id)

    # doc 2: skipped; doc 3: accepted as predicted
    ann.annotate(d2, [], was_cancelled=True)
    ann.annotate(d3, ann.predicted(d3))
    ann.annotate(d3, ann.predicted(d3))  # the same annotator twice: not agreement between annotators

    # the emoji document: regions in UTF-16 offsets as the browser sends them, plus one
    # region whose text is nowhere in the document
    result = ann.predicted(emoji_doc)
    omap = OffsetMap(emoji_text)
    quote = next(r for r in result if r.get("iqtibas"))
    assert quote["value"]["start"] == omap.to_utf16(emoji_text.index("سنبني"))
    result.append({"id": "bogus", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": 0, "end": 5, "text": "ليس في النص", "labels": ["CUE"]}})
    ann.annotate(emoji_doc, result)

    out = tmp_path / "verified.jsonl"
    summary = pull(studio, "round-trip", out, tmp_path / "raw")
    assert summary.raw_path.exists() and "ليس في النص" in summary.raw_path.read_text(encoding="utf-8")
    assert (summary.skipped, summary.unannotated, summary.annotated) == (1, 1, 4)
    assert any("ليس في النص" in p for p in summary.problems)
    assert summary.agreement_tasks == 1 and summary.agreement == 1.0
    verified = {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(verified) == {d0, d1, d3, emoji_doc}
    for record in verified.values():
        assert record["text"] == docs[record["doc_id"]]["text"]
        for a in record["attributions"]:
            for span in [*a["content"], a["speaker"], a["cue"]]:
                if span:
                    assert record["text"][span["start"]:span["end"]] == span["text"]
            assert a["annotated_at"] and "@iqtibas.local" in a["annotator"]
    statuses = [a["status"] for a in verified[d0]["attributions"]]
    assert statuses.count("rejected") == 1 and statuses.count("added") == 1
    assert statuses.count("accepted") == len(docs[d0]["attributions"]) - 1
    rejected = next(a for a in verified[d0]["attributions"] if a["status"] == "rejected")
    assert rejected["rule"] == "headline.colon" and rejected["confidence"] > 0
    added = next(a for a in verified[d0]["attributions"] if a["status"] == "added")
    assert added["content"][0]["text"] == "طرد المحتل" and added["rule"] is None
    corrected = [a for a in verified[d1]["attributions"] if a["status"] == "corrected"]
    assert {a["annotator"] for a in verified[d1]["attributions"]} == {second.email}
    assert [a["speaker_name"] for a in corrected] == ["خلوصي أكار"]
    assert all(a["status"] == "accepted" for a in verified[d3]["attributions"])
    emoji = verified[emoji_doc]["attributions"]
    assert [c["text"] for a in emoji for c in a["content"]] == ["سنبني مستقبلا أفضل لأبنائنا 🌍 جميعا"]

    # what was pulled builds into a dataset that loads with datasets alone
    build(out, tmp_path / "dataset")
    loaded = load_dataset(str(tmp_path / "dataset"), "attributions")
    assert sum(len(split) for split in loaded.values()) == sum(
        a["status"] != "rejected" for r in verified.values() for a in r["attributions"])
    assert "rejected" in (tmp_path / "dataset" / "README.md").read_text(encoding="utf-8")


def test_import_failing_halfway_is_completed_without_duplicates(studio):
    class Flaky(Studio):
        imports = 0

        def call(self, what, fn, *args, **kwargs):
            if what.startswith("import "):
                Flaky.imports += 1
                if Flaky.imports == 2:
                    raise StudioError("connection lost")
            return super().call(what, fn, *args, **kwargs)

    flaky = Flaky(studio.settings, delays=(0.1,))
    with pytest.raises(StudioError):
        push(flaky, seed_records(), "halfway", batch=2, progress=False)
    assert len(tasks_of(studio, "halfway")) == 2
    summary = push(studio, seed_records(), "halfway", batch=2, progress=False)
    assert summary.tasks_imported == 3
    tasks = tasks_of(studio, "halfway")
    assert len(tasks) == 5 and len({t.data["key"] for t in tasks}) == 5


def test_wrong_token_is_one_clear_error(studio_settings):
    bad = Studio(Settings(studio_settings.url, "0" * 40, "tests"), delays=(0.1,))
    with pytest.raises(StudioError, match="refused the API token"):
        push(bad, seed_records()[:1], "nope", progress=False)


def test_server_down_gives_retries_then_one_line(tmp_path):
    env = {"LABEL_STUDIO_URL": f"http://127.0.0.1:{free_port(0)}", "LABEL_STUDIO_API_KEY": "x" * 40,
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    candidates = tmp_path / "c.jsonl"
    candidates.write_text(json.dumps(seed_records()[0], ensure_ascii=False) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "builder.cli", "push", str(candidates)], capture_output=True,
                            text=True, cwd=ROOT, env=env)
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not reachable" in lines[0] and "after 5 tries" in lines[0]
    assert "Traceback" not in result.stderr and "x" * 40 not in result.stderr


@pytest.mark.parametrize("lock", [False, True], ids=["no lock", "the local lock"])
def test_inputs_with_the_same_text_are_one_task_that_keeps_every_source(studio, tmp_path, lock):
    title = f"same-text-{lock}"
    if lock:
        studio = Studio(Settings(studio.settings.url, studio.settings.api_key, "tests", lock=tmp_path / "lock"))
    first, second, third = seed_records()[:3]
    other_outlet = {**copy.deepcopy(first), "source": "elsewhere/a.txt", "meta": {**first["meta"], "outlet": "B"}}
    much_later = {**copy.deepcopy(first), "source": "third.txt"}
    # batch=2: the second input joins the first before it is sent; the fourth comes after it was
    summary = push(studio, [first, other_outlet, second, third, much_later, copy.deepcopy(first)], title, batch=2,
                   progress=False)
    assert (summary.tasks_imported, summary.same_text) == (3, 2)
    tasks = {t.data["doc_id"]: t for t in tasks_of(studio, title)}
    assert len(tasks) == 3
    kept = tasks[first["doc_id"]].data
    assert kept["source"] == first["source"] and kept["meta"] == first["meta"]
    assert kept["same_text"] == [{"source": "elsewhere/a.txt", "meta": {**first["meta"], "outlet": "B"}},
                                 {"source": "third.txt", "meta": first["meta"]}]

    task = tasks[first["doc_id"]]
    studio.client.annotations.create(id=task.id, result=predictions_of(studio, task.id)[0].result)
    pulled = pull(studio, title, tmp_path / "verified.jsonl", tmp_path / "raw")
    assert (pulled.annotated, pulled.unannotated, pulled.documents) == (1, 2, 1)
    (doc,) = map(json.loads, (tmp_path / "verified.jsonl").read_text(encoding="utf-8").splitlines())
    assert doc["source"] == first["source"] and doc["meta"]["same_text"] == kept["same_text"]
    assert {a["status"] for a in doc["attributions"]} == {"accepted"}
