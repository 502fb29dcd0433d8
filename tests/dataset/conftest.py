"""A verified file and a candidates file of the seeds, and a dataset built from them."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from builder.corpus.inputs import read_corpus
from builder.dataset.build import Options, build
from builder.dataset.gold_review import review_by_gold
from builder.documents import doc_id_for
from builder.run.encode import candidate_record
from tests.conftest import SEEDS

SECRET = "5e3c7e7a0b4d4c1f9a2e6b8d0c1f2a3b4c5d6e7f"
ANNOTATOR = "reviewer@example.org"
META = {"url": "https://news.example/a/1", "outlet": "وكالة المثال", "date": "2020-12-29", "license": "CC BY 4.0"}


def seed_candidates() -> list[dict]:
    return [candidate_record(d) for d in read_corpus([str(SEEDS)], lambda s: None)]


def verified_records(gold: list[dict]) -> list[dict]:
    """The seeds as an annotator would return them: the gold annotation compared with the
    rules' candidates gives accepted, corrected, added and rejected attributions."""
    annotated = copy.deepcopy(gold)
    annotated[1]["attributions"].pop(0)  # the annotator removed a candidate: rejected
    annotated[2]["attributions"][0]["speaker_name"] = "اسم صححه المعلق"  # and fixed a name: corrected
    records = review_by_gold(annotated, seed_candidates(), ANNOTATOR)
    for k, record in enumerate(records):
        for a in record["attributions"]:
            a["annotated_at"] = f"2026-11-2{k}T10:00:00Z"
        record["source"] = f"/home/someone/corpus/{record['source']}"
        record["meta"] = {"label_studio_project": "seeds-review", "rules_version": "rules-test",
                          "fetched_from": f"http://127.0.0.1:8080/api?token={SECRET}",
                          **(META if k == 0 else {"outlet": "صحيفة أخرى"} if k == 3 else {})}
    records[0]["meta"]["agreement_span_f1"] = 0.9
    return records


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def unseen_candidate() -> dict:
    """A document nobody reviewed: a seed's candidates with a line added after its text."""
    record = seed_candidates()[0]
    text = record["text"] + "\nسطر أخير بلا اقتباس."
    return {**record, "doc_id": doc_id_for(text), "text": text, "source": "unseen.txt"}


@pytest.fixture(scope="module")
def built(gold, tmp_path_factory):
    """``(dataset folder, verified file)``: the seeds reviewed, and the candidates with a
    document nobody reviewed."""
    root = tmp_path_factory.mktemp("dataset")
    verified = write_jsonl(root / "verified.jsonl", verified_records(gold))
    write_jsonl(root / "candidates.jsonl", [*seed_candidates(), unseen_candidate()])
    out = root / "ds"
    build(verified, out, root / "candidates.jsonl", Options())
    return out, verified
