"""``iqtibas pull`` on a real Label Studio: what it cannot read is a warning naming the task
and the region, kept in the raw export, and the exit status says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from annotation.push import push
from builder.documents import make_document
from builder.run.encode import candidate_record
from tests.conftest import ROOT

pytestmark = pytest.mark.studio

TEXT = ('قال وزير الخارجية محمد علي إن "الحكومة ستواصل دعم المشروع الجديد حتى نهايته".\n'
        'وأوضح المتحدث باسم الوزارة سامي حسن أن المفاوضات مع الشركاء مستمرة منذ أسابيع.')


def run_pull(studio, project: str, out) -> subprocess.CompletedProcess:
    env = {**os.environ, "LABEL_STUDIO_URL": studio.settings.url, "LABEL_STUDIO_API_KEY": studio.settings.api_key}
    return subprocess.run([sys.executable, "-m", "builder.cli", "pull", "--project", project, "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=env)


def _pushed(studio, name: str, project: str):
    """The one task of the seed text pushed as ``name`` to ``project``, its prediction, and a
    copy of its result to edit."""
    summary = push(studio, [candidate_record(make_document(TEXT, name))], project, progress=False)
    task = next(iter(studio.client.tasks.list(project=summary.project_id)))
    (prediction,) = studio.client.predictions.list(task=task.id)
    return task, prediction, [dict(item) for item in prediction.result]


def test_pull_reads_arabic_names_and_says_what_it_cannot_read(studio, tmp_path):
    task, prediction, result = _pushed(studio, "pull.txt", "pull-problems")
    heads = [item for item in result if item.get("iqtibas")]
    first, second = (h["id"] for h in heads)
    for item in result:  # stored as a project made with Arabic aliases stores them
        if item.get("id") == first and item["type"] == "labels":
            item["value"] = {**item["value"], "labels": ["اقتباس"]}
        if item.get("id") == first and item["type"] == "choices":
            item["value"] = {**item["value"], "choices": ["مختلط"]}
        if item.get("id") == second and item["type"] == "choices":
            item["value"] = {**item["value"], "choices": ["quoted"]}
    studio.client.annotations.create(id=task.id, result=result)

    out = tmp_path / "verified.jsonl"
    done = run_pull(studio, "pull-problems", out)
    assert done.returncode == 1, done.stderr
    assert f"task {task.id}" in done.stderr and f"region {second}: type 'quoted'" in done.stderr
    assert "Traceback" not in done.stderr
    (doc,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # the aliased one is read as the scheme; the unreadable one is neither accepted nor rejected
    assert [(a["type"], a["status"]) for a in doc["attributions"]] == [("mixed", "corrected")]
    (raw,) = (tmp_path / "raw").glob("pull-problems-*Z.json")
    assert '"quoted"' in raw.read_text(encoding="utf-8")

    studio.client.annotations.create(id=task.id, result=prediction.result)  # a later, clean one
    again = run_pull(studio, "pull-problems", out)
    assert again.returncode == 0, again.stderr


def test_an_unreadable_speaker_of_an_accepted_candidate_never_changes_its_status(studio, tmp_path):
    task, _, result = _pushed(studio, "speaker.txt", "pull-speaker")
    candidates = sum(1 for item in result if item.get("iqtibas"))
    speaker = next(item for item in result if item["type"] == "labels" and item["value"]["labels"] == ["SPEAKER"])
    speaker["value"] = {**speaker["value"], "start": "x", "end": None}  # accepted as predicted, but this
    studio.client.annotations.create(id=task.id, result=result)

    out = tmp_path / "verified.jsonl"
    done = run_pull(studio, "pull-speaker", out)
    assert done.returncode == 1, done.stderr
    assert f"region {speaker['id']}: SPEAKER without start and end offsets" in done.stderr
    assert "cannot be read: its attribution is withheld" in done.stderr
    (doc,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # the other candidate is accepted; the one whose speaker cannot be read has no status at all
    assert [a["status"] for a in doc["attributions"]] == ["accepted"] * (candidates - 1)
    assert all(a["rule"] is not None for a in doc["attributions"])


def test_pull_with_nothing_annotated_leaves_the_verified_file_as_it_was(studio, tmp_path):
    push(studio, [candidate_record(make_document(TEXT, "nothing.txt"))], "pull-nothing", progress=False)
    out = tmp_path / "verified.jsonl"
    kept = "".join(json.dumps({"n": n}) + "\n" for n in range(5))
    out.write_text(kept, encoding="utf-8")
    done = run_pull(studio, "pull-nothing", out)
    assert done.returncode == 2, done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith(("ERROR", "WARNING"))] == [
        f"ERROR: no document of project 'pull-nothing' is fully annotated yet: {out} was left as it was"]
    assert out.read_text(encoding="utf-8") == kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw", "verified.jsonl"]


def test_pull_refuses_a_device_before_fetching_anything(studio, tmp_path):
    (tmp_path / "null").symlink_to("/dev/null")
    done = run_pull(studio, "pull-nothing", tmp_path / "null")
    assert done.returncode == 2 and "not a regular file (a device)" in done.stderr
    assert not (tmp_path / "raw").exists()
