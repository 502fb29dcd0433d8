"""Pushes at once, at the scale of a few hundred documents a push, against the real Label
Studio of the test session (``bench/bench_studio.py`` runs the same with 2,000 and more):
two and four processes pushing the same documents to one project — taking turns on the
local server's lock file, or without it, as from two machines — end with one project, one
task per document, every task holding every pushed version's prediction exactly once, every
push finished, and no warning."""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter, defaultdict

import pytest

from annotation.connection import Settings, Studio
from annotation.push import push
from tests.annotation.many import numbered_records

pytestmark = pytest.mark.studio

DOCUMENTS = 300


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _push(settings: Settings, title: str, version: str, barrier, results) -> None:
    kept = _Kept()
    logging.getLogger("annotation").addHandler(kept)
    studio = Studio(settings, delays=(0.2, 0.5, 1.0, 2.0))
    records = list(numbered_records(DOCUMENTS, version))
    barrier.wait(timeout=120)
    summary = push(studio, records, title, batch=50, progress=False)
    results.put((summary.tasks_imported, summary.copies_removed, kept.lines))


def _at_once(settings: Settings, title: str, versions: list[str]) -> list[tuple]:
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(len(versions)), spawn.Queue()
    workers = [spawn.Process(target=_push, args=(settings, title, version, barrier, results)) for version in versions]
    for worker in workers:
        worker.start()
    done = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return done


def _held(studio: Studio, title: str) -> tuple[int, Counter, dict[int, list[str]]]:
    """Projects called ``title``; its tasks per key; each task's prediction versions."""
    projects = [p for p in studio.client.projects.list() if p.title == title]
    tasks = list(studio.client.tasks.list(project=projects[0].id, page_size=500))
    versions: dict[int, list[str]] = defaultdict(list)
    for prediction in studio.client.predictions.list(project=projects[0].id):
        versions[prediction.task].append(prediction.model_version)
    return len(projects), Counter(t.data["key"] for t in tasks), {t.id: sorted(versions[t.id]) for t in tasks}


@pytest.mark.parametrize(("lock", "versions"), [
    ("shared", ["rules-a"] * 4),
    ("none", ["rules-a"] * 2),
    ("none", ["rules-a", "rules-b", "rules-a", "rules-b"]),
], ids=["4 on the lock", "2 without a lock", "4 without a lock, 2 rules versions"])
def test_pushes_at_once_leave_one_task_per_document_each_with_every_prediction_once(
        studio, studio_settings, tmp_path, lock, versions):
    title = f"at-once-{lock}-{len(versions)}-{len(set(versions))}"
    settings = Settings(studio_settings.url, studio_settings.api_key, "tests",
                        lock=tmp_path / "label-studio.lock" if lock == "shared" else None)
    done = _at_once(settings, title, versions)
    projects, keys, held = _held(studio, title)
    assert projects == 1
    assert len(keys) == DOCUMENTS and set(keys.values()) == {1}
    assert set(map(tuple, held.values())) == {tuple(sorted(set(versions)))}
    assert [lines for *_, lines in done] == [[]] * len(versions)  # no warning
    if lock == "shared":  # taking turns: one push imported, the others found every document there
        assert sorted(imported for imported, *_ in done) == [0] * (len(versions) - 1) + [DOCUMENTS]
    print(f"\n{title}: (imported, copies removed) = {[d[:2] for d in done]}")


def test_a_push_and_pull_of_hundreds_reads_back_exactly_what_was_annotated(studio, tmp_path, monkeypatch):
    """The small variant of the 10,000-document benchmark: correctness, not seconds.  The
    export is asked for 37 task ids a call, so that it takes many calls, some answered empty."""
    import json

    import annotation.exported
    from annotation.pull import pull

    monkeypatch.setattr(annotation.exported, "IDS_ASKED", 37)
    records = {r["doc_id"]: r for r in numbered_records(DOCUMENTS, "rules-a")}
    summary = push(studio, records.values(), "push-pull", batch=50, progress=False)
    assert summary.tasks_imported == DOCUMENTS
    tasks = sorted(studio.client.tasks.list(project=summary.project_id, page_size=500), key=lambda t: t.id)
    accepted, rejected, skipped = tasks[:20], tasks[20:25], tasks[25:30]
    for task in accepted:
        (prediction,) = studio.client.predictions.list(task=task.id)
        studio.client.annotations.create(id=task.id, result=prediction.result)
    for task in rejected:
        studio.client.annotations.create(id=task.id, result=[])
    for task in skipped:
        studio.client.annotations.create(id=task.id, result=[], was_cancelled=True)

    pulled = pull(studio, "push-pull", tmp_path / "verified.jsonl", tmp_path / "raw")
    assert (pulled.tasks, pulled.annotated, pulled.skipped, pulled.unannotated) == (DOCUMENTS, 25, 5, 270)
    docs = {d["doc_id"]: d for d in map(json.loads, (tmp_path / "verified.jsonl").read_text("utf-8").splitlines())}
    assert set(docs) == {t.data["doc_id"] for t in accepted + rejected}
    for doc_id, doc in docs.items():
        assert doc["text"] == records[doc_id]["text"]
        expected = "accepted" if doc_id in {t.data["doc_id"] for t in accepted} else "rejected"
        assert [a["status"] for a in doc["attributions"]] == [expected] * len(records[doc_id]["attributions"])
    raw = json.loads(pulled.raw_path.read_text("utf-8"))
    kept = json.loads(pulled.raw_path.with_suffix(".predictions.json").read_text("utf-8"))
    assert sorted(t["id"] for t in raw) == sorted(t.id for t in accepted + rejected + skipped)
    assert sorted(p["task"] for p in kept) == sorted(t["id"] for t in raw)
