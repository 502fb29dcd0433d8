"""Calibrated confidence: fitted on the dev set's simulated review, measured on documents it
was not fitted on, stored, and applied to candidates by extract."""

from __future__ import annotations

import json

import pytest

from builder.review.calibrate import (
    CalibrationError,
    cross_validated,
    examples,
    fit,
    held_out,
    load_calibration,
)
from tests.conftest import SEEDS
from tests.review.conftest import iqtibas


def test_cross_validation_on_dev_lowers_the_calibration_error(dev_verified):
    evaluation = cross_validated(examples(dev_verified))
    assert evaluation.documents == 35 and len(evaluation.outcomes) == len(examples(dev_verified))
    assert evaluation.fit_after.ece < evaluation.fit_before.ece
    assert evaluation.fit_after.brier < evaluation.fit_before.brier


def test_held_out_files_are_measured_on_their_judged_candidates_only(dev_verified, seeds_verified):
    evaluation = held_out(examples(dev_verified), examples(seeds_verified))
    judged = [a for d in seeds_verified for a in d["attributions"] if a["status"] != "added"]
    assert len(evaluation.outcomes) == len(judged) and evaluation.documents == 5
    assert sum(evaluation.outcomes) == sum(a["status"] == "accepted" for a in judged)
    assert evaluation.before == [a["confidence"] for d in seeds_verified for a in d["attributions"]
                                 if a["status"] != "added"]


def test_documents_fitted_on_cannot_be_measured_on(dev_verified):
    with pytest.raises(CalibrationError, match="both the fitting and the held-out"):
        held_out(examples(dev_verified), examples(dev_verified[:3]))


def test_a_calibration_survives_its_file_and_calibrates_a_record(dev_verified, seeds_candidates, tmp_path):
    model = fit(examples(dev_verified))
    model.save(tmp_path / "c.json")
    again = load_calibration(tmp_path / "c.json")
    assert again.id == model.id and again.fitted_on["doc_ids"] == sorted({d["doc_id"] for d in dev_verified})
    record = seeds_candidates[0]
    before = json.dumps(record, sort_keys=True)
    out = again.calibrate(record)
    assert json.dumps(record, sort_keys=True) == before  # the record given is left as it was
    assert out["meta"]["calibration"] == model.id and out["text"] == record["text"]
    for a, b, ex in zip(record["attributions"], out["attributions"], examples([{**record, "attributions": [
            {**a, "status": "accepted"} for a in record["attributions"]]}]), strict=True):
        assert {k: v for k, v in a.items() if k != "confidence"} == {k: v for k, v in b.items() if k != "confidence"}
        assert b["confidence"] == round(model.probability(ex.properties), 4)


@pytest.mark.parametrize(("content", "problem"), [
    ("{oops", "not JSON"),
    ('{"format": "other"}', "not a calibration file"),
    ('{"format": "iqtibas-calibration/1", "intercept": 0.1, "strength": 2, "weights": {"rule=x": "high"}}',
     "weights: 'rule=x' must be a number"),
])
def test_a_bad_calibration_file_is_one_line_naming_it(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CalibrationError, match=problem) as caught:
        load_calibration(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    result = iqtibas("extract", str(SEEDS), "--calibration", str(path), "-o", str(tmp_path / "c.jsonl"))
    assert result.returncode == 2 and f"ERROR: {path}" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "c.jsonl").exists()


def test_calibrate_then_extract_with_it(verified_files, tmp_path):
    fit_file, report_file = verified_files
    calibration = tmp_path / "calibration.json"
    result = iqtibas("calibrate", str(fit_file), "--held-out", str(report_file), "-o", str(calibration))
    assert result.returncode == 0, result.stderr
    saved = json.loads(calibration.read_text(encoding="utf-8"))
    evaluation = saved["evaluation"]
    assert evaluation["method"] == "held-out files" and evaluation["documents"] == 5
    assert (f"expected calibration error: {evaluation['before']['ece']:.4f} recorded -> "
            f"{evaluation['after']['ece']:.4f} calibrated") in result.stderr
    model = load_calibration(calibration)
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"c{workers}.jsonl"
        done = iqtibas("extract", str(SEEDS), "--calibration", str(calibration), "-j", workers, "-o", str(out))
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    for record in map(json.loads, outputs[0].splitlines()):
        assert record["meta"]["calibration"] == model.id
        assert [a["confidence"] for a in record["attributions"]] == [
            a["confidence"] for a in model.calibrate({**record, "meta": {}})["attributions"]]


def test_calibration_is_refused_with_an_executor(tmp_path, verified_files):
    calibration = tmp_path / "c.json"
    fit(examples([json.loads(line) for line in verified_files[0].read_text(encoding="utf-8").splitlines()])).save(
        calibration)
    result = iqtibas("extract", str(SEEDS), "--calibration", str(calibration), "-o", str(tmp_path / "out"),
                     "--executor", "local")
    assert result.returncode == 2 and "give it to push" in result.stderr and not (tmp_path / "out").exists()
