"""The baseline tagger of examples/, run as a user runs it on the project's own texts: the
dataset built, a CRF trained from load_dataset alone, its attributions scored by iqtibas
evaluate beside the rules' and the figures written into the card."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from builder.dataset.card_file import edited, user_sections
from tests.conftest import ROOT

pytest.importorskip("sklearn_crfsuite", reason="the baseline needs the train extra: pip install 'iqtibas[train]'")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, check=True)


def test_the_baseline_trains_scores_and_writes_its_figures_into_the_card(tmp_path):
    run("examples/own_dataset.py", str(tmp_path))
    dataset = tmp_path / "dataset"
    result = run("examples/baseline_crf.py", str(dataset), "--card")
    figures = json.loads((tmp_path / "baseline" / "figures.json").read_text(encoding="utf-8"))
    test_set = json.loads((dataset / "test-set.json").read_text(encoding="utf-8"))
    assert figures["release"] == test_set["release"] and figures["test"]["documents"] == len(test_set["documents"])
    crf, rules = figures["crf"], figures["rules"]
    assert crf["attribution"]["gold"] == rules["attribution"]["gold"] == figures["test"]["attributions"] > 10
    assert crf["content_overlap"]["f1"] >= 0.6 and crf["attribution"]["f1"] > 0.2  # it learned something
    assert set(figures["tag_f1"]) == {"QUOTE", "SPEAKER", "CUE"} and min(figures["tag_f1"].values()) > 0.3
    for line in (tmp_path / "baseline" / "crf.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for a in doc["attributions"]:
            for span in [*a["content"], a["speaker"], a["cue"]]:
                assert span is None or doc["text"][span["start"]:span["end"]] == span["text"]
    card = (dataset / "README.md").read_text(encoding="utf-8")
    section = user_sections(card)
    assert section.startswith("## Baseline: a CRF tagger") and f"{crf['attribution']['f1']:.3f}" in section
    assert "| rules |" in section and "| CRF |" in section and not edited(card) and "CRF" in result.stderr
    run("examples/own_dataset.py", str(tmp_path))  # a rebuild keeps the figures
    assert user_sections((dataset / "README.md").read_text(encoding="utf-8")) == section
