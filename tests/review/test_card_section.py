"""The dataset card carries the report's charts as images beside it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from builder.dataset.build import Options, build
from builder.output import MARKER
from builder.review.calibrate import recorded_confidences
from builder.review.card_section import CALIBRATION, FOLDER, PRECISION, STATUSES
from builder.review.scores import fit_of
from tests.review.conftest import write_records


def test_the_card_links_the_charts_the_build_writes(seeds_verified, tmp_path):
    verified = write_records(seeds_verified, tmp_path / "verified.jsonl")
    out = tmp_path / "dataset"
    build(verified, out)
    card = (out / "README.md").read_text(encoding="utf-8")
    listed = json.loads((out / MARKER).read_text(encoding="utf-8"))["files"]
    for name in (PRECISION, CALIBRATION, STATUSES):
        assert f"]({name})" in card and name in listed
        assert ET.parse(out / name).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    fit = fit_of(*recorded_confidences(seeds_verified))
    assert f"Brier score {fit.brier:.3f}, expected calibration error {fit.ece:.3f}" in card
    assert "verb.that" in (out / PRECISION).read_text(encoding="utf-8")


def test_an_unreviewed_build_has_no_review_figures(seeds_candidates, tmp_path):
    out = tmp_path / "dataset"
    build(write_records(seeds_candidates, tmp_path / "candidates.jsonl"), out, options=Options(unreviewed=True))
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "## Annotation" in card and "## The review in figures" not in card and "![" not in card
    assert not (out / FOLDER).exists()
