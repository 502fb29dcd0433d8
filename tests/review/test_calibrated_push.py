"""``push --calibration`` on a real Label Studio: the calibrated confidences become the
tasks' prediction scores, so the least-certain-first order follows them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from annotation.push import push
from annotation.tasks import prediction_score
from builder.review.calibrate import examples, fit
from tests.conftest import ROOT
from tests.review.conftest import write_records

pytestmark = pytest.mark.studio


def test_push_sends_calibrated_scores_as_new_predictions(studio, dev_verified, seeds_candidates, tmp_path):
    first = push(studio, seeds_candidates, "calibrated", progress=False)
    model = fit(examples(dev_verified))
    model.save(tmp_path / "calibration.json")
    candidates = write_records(seeds_candidates, tmp_path / "candidates.jsonl")
    env = {**os.environ, "LABEL_STUDIO_URL": studio.settings.url, "LABEL_STUDIO_API_KEY": studio.settings.api_key}
    done = subprocess.run([sys.executable, "-m", "builder.cli", "push", str(candidates), "--project", "calibrated",
                           "--calibration", str(tmp_path / "calibration.json")],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    assert "5 predictions added to existing tasks" in done.stderr
    version = f"{seeds_candidates[0]['meta']['rules_version']}+{model.id}"
    assert studio.client.projects.get(id=first.project_id).model_version == version
    for task in studio.client.tasks.list(project=first.project_id, fields="all"):
        record = next(r for r in seeds_candidates if r["doc_id"] == task.data["doc_id"])
        scores = {p.model_version: p.score for p in studio.client.predictions.list(task=task.id)}
        assert scores[version] == pytest.approx(prediction_score(model.calibrate(record)["attributions"]))
        assert scores[record["meta"]["rules_version"]] == pytest.approx(prediction_score(record["attributions"]))
