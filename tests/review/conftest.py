"""Verified files simulated as the issue asks until real reviews exist: the gold of
``data/dev`` (the data a calibration is fitted on) and of the seeds (the data reported on),
each read as a review of the rules' own candidates (:mod:`builder.dataset.gold_review`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builder.contract import read_records
from builder.corpus.inputs import read_corpus
from builder.dataset.gold_review import review_by_gold
from builder.run.encode import candidate_record
from tests.conftest import ROOT, SEEDS

DEV = ROOT / "data" / "dev"
DEV_GOLD = ROOT / "data" / "gold" / "dev.jsonl"
SEEDS_GOLD = ROOT / "data" / "gold" / "seeds.jsonl"
ANNOTATOR = "simulated@iqtibas.local"


def iqtibas(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True, cwd=ROOT)


def write_records(records: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def candidates_of(folder: Path) -> list[dict]:
    return [candidate_record(d) for d in read_corpus([str(folder)], lambda s: None)]


@pytest.fixture(scope="session")
def dev_candidates() -> list[dict]:
    return candidates_of(DEV)


@pytest.fixture(scope="session")
def seeds_candidates() -> list[dict]:
    return candidates_of(SEEDS)


@pytest.fixture(scope="session")
def dev_verified(dev_candidates) -> list[dict]:
    return review_by_gold(read_records(DEV_GOLD, "gold"), dev_candidates, ANNOTATOR)


@pytest.fixture(scope="session")
def seeds_verified(seeds_candidates) -> list[dict]:
    return review_by_gold(read_records(SEEDS_GOLD, "gold"), seeds_candidates, ANNOTATOR)


@pytest.fixture(scope="session")
def verified_files(tmp_path_factory, dev_verified, seeds_verified) -> tuple[Path, Path]:
    """``(fit, report)``: the dev and the seeds verified files."""
    folder = tmp_path_factory.mktemp("verified")
    return (write_records(dev_verified, folder / "dev-verified.jsonl"),
            write_records(seeds_verified, folder / "seeds-verified.jsonl"))
