"""The datatrove pipeline: the step in one's own pipeline, and ``extract --executor``."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("datatrove", reason="the cluster extra: pip install 'iqtibas[cluster]'")

import pyarrow as pa
import pyarrow.parquet as pq
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from builder.documents import make_document
from builder.engine.extract import extract
from builder.run.cluster import Attributions
from tests.conftest import ROOT, SEEDS

TEXTS = sorted([*SEEDS.glob("*.txt"), *(ROOT / "data" / "dev").rglob("*.txt"),
                *(ROOT / "data" / "holdout").rglob("*.txt")])


def iqtibas(*args):
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True, cwd=ROOT)


def info(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("INFO: by ") or " documents, " in line]


@pytest.fixture
def shards(tmp_path) -> Path:
    """Five JSON-lines shards (one in a subfolder) of the seed, dev and held-out texts, with
    a field kept as metadata, one malformed line and a text written with \\r\\n."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    outs = [(folder / ("sub" if i == 3 else "") / f"shard{i}.jsonl").open("w", encoding="utf-8") for i in range(5)]
    for i, path in enumerate(TEXTS):
        text = path.read_text(encoding="utf-8")
        outs[i % 5].write(json.dumps({"text": text.replace("\n", "\r\n") if i == 7 else text, "name": path.name},
                                     ensure_ascii=False) + "\n")
    outs[0].write("{oops\n")
    for out in outs:
        out.close()
    return folder


def lines_of(folder: Path) -> list[str]:
    return sorted(line for shard in sorted(folder.glob("*.jsonl")) for line in shard.read_text("utf-8").splitlines())


def test_the_local_executor_gives_the_records_of_the_plain_command(tmp_path, shards):
    plain = iqtibas("extract", str(shards), "-o", str(tmp_path / "plain.jsonl"))
    result = iqtibas("extract", str(shards), "-o", str(tmp_path / "out"), "--executor", "local", "--tasks", "4",
                     "--workers", "2")
    assert result.returncode == plain.returncode == 1, result.stderr  # the malformed line, in both
    assert sorted((tmp_path / "out").glob("*.jsonl")) == [tmp_path / "out" / f"0000{r}.jsonl" for r in range(4)]
    assert lines_of(tmp_path / "out") == sorted((tmp_path / "plain.jsonl").read_text("utf-8").splitlines())
    assert info(result) == info(plain) and len(info(result)) == 3  # counts from datatrove's stats
    assert "1 input(s) skipped or read with repairs" in result.stderr
    assert "shard0.jsonl:10: malformed JSON" in (tmp_path / "out" / "logs" / "logs" / "task_00000.log").read_text()


def test_a_rerun_does_only_the_tasks_not_completed(tmp_path, shards):
    out = tmp_path / "out"
    args = ("extract", str(shards), "-o", str(out), "--executor", "local", "--tasks", "4", "--workers", "2")
    first = iqtibas(*args)
    before = lines_of(out)
    kept = {rank: (out / f"0000{rank}.jsonl").stat().st_mtime_ns for rank in (0, 1, 3)}
    (out / "logs" / "completions" / "00002").unlink()
    (out / "00002.jsonl").write_text("half a shard", encoding="utf-8")  # what a task killed midway leaves
    second = iqtibas(*args)
    assert second.returncode == first.returncode
    assert "Skipping 3 already completed tasks" in second.stderr
    assert lines_of(out) == before
    assert {rank: (out / f"0000{rank}.jsonl").stat().st_mtime_ns for rank in (0, 1, 3)} == kept
    assert info(second) == info(first)  # the whole corpus counted, not only the task that ran
    third = iqtibas(*args)
    assert "Not doing anything as all 4 tasks have already been completed" in third.stderr
    assert info(third) == info(first)


def test_parquet_shards_give_the_records_of_the_plain_command(tmp_path):
    folder = tmp_path / "parquet"
    folder.mkdir()
    texts = [path.read_text(encoding="utf-8") for path in TEXTS]
    for part in range(3):
        rows = texts[part::3]
        pq.write_table(pa.table({"text": [*rows, None] if part == 1 else rows,
                                 "url": [f"https://example.org/{part}/{i}" for i in range(len(rows) + (part == 1))]}),
                       folder / f"part-{part}.parquet")
    plain = iqtibas("extract", str(folder), "-o", str(tmp_path / "plain.jsonl"))
    result = iqtibas("extract", str(folder), "-o", str(tmp_path / "out"), "--executor", "local", "--tasks", "3",
                     "--workers", "2")
    assert result.returncode == plain.returncode == 1, result.stderr  # the row without text
    assert lines_of(tmp_path / "out") == sorted((tmp_path / "plain.jsonl").read_text("utf-8").splitlines())
    by_source = {r["source"]: r for r in map(json.loads, lines_of(tmp_path / "out"))}
    first = by_source[f"{folder}/part-2.parquet:1"]  # rows count from 1, as in the plain command
    assert first["text"] == texts[2] and first["meta"]["url"] == "https://example.org/2/0"
    assert len(by_source) == len(texts)
    assert info(result) == info(plain)


def test_the_step_fits_ones_own_datatrove_pipeline(tmp_path, shards):
    out = tmp_path / "own"
    LocalPipelineExecutor([JsonlReader(str(shards)), Attributions(), JsonlWriter(str(out))], tasks=2, workers=1,
                          logging_dir=str(tmp_path / "logs")).run()
    docs = [json.loads(line) for path in sorted(out.glob("*.jsonl.gz"))
            for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()]
    assert len(docs) == len(TEXTS)
    crlf = 0
    for doc in docs:
        stored = make_document(doc["text"], doc["id"])
        assert stored.text == doc["text"]  # the text as stored: every offset holds in what was written
        assert doc["metadata"]["doc_id"] == stored.doc_id
        assert doc["metadata"]["attributions"] == extract(stored)
        crlf += "\r" in json.dumps(doc)
    assert crlf == 0
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step = next(s for s in stats if s["name"].endswith("iqtibas attributions"))["stats"]

    def total(key: str) -> int:  # a plain count is saved as a number, a spread one as its summary
        return step[key] if isinstance(step[key], int) else step[key]["total"]

    assert total("documents") == len(TEXTS)
    assert sum(total(key) for key in step if key.startswith("rule:")) == total("attributions") > 0


def test_executor_usage_errors_are_one_line(tmp_path, shards):
    no_folder = iqtibas("extract", str(shards), "-o", "-", "--executor", "local")
    assert no_folder.returncode == 2 and "-o OUTDIR" in no_folder.stderr
    no_partition = iqtibas("extract", str(shards), "-o", str(tmp_path / "o"), "--executor", "slurm", "--tasks", "2")
    assert no_partition.returncode == 2 and "--slurm-partition" in no_partition.stderr
    no_tasks = iqtibas("extract", str(shards), "-o", str(tmp_path / "o"), "--executor", "ray")
    assert no_tasks.returncode == 2 and "needs --tasks" in no_tasks.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = iqtibas("extract", str(empty), "-o", str(tmp_path / "o"), "--executor", "local")
    assert nothing.returncode == 2 and "no .jsonl or .parquet files" in nothing.stderr
    for result in (no_folder, no_partition, no_tasks, nothing):
        assert "Traceback" not in result.stderr


def test_the_executor_uses_an_edited_lexicon_and_rejects_a_broken_one_before_any_task(tmp_path, shards):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "cue_verbs.tsv").write_text("قال\tيقول\nهمهم\tيهمهم\n", encoding="utf-8")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "cue_verbs.tsv").write_text("همهم\n", encoding="utf-8")
    plain = iqtibas("extract", str(shards), "-o", str(tmp_path / "plain.jsonl"), "--lexicons", str(tmp_path / "ok"))
    result = iqtibas("extract", str(shards), "-o", str(tmp_path / "out"), "--executor", "local", "--tasks", "2",
                     "--lexicons", str(tmp_path / "ok"))
    assert result.returncode == plain.returncode == 1, result.stderr
    assert lines_of(tmp_path / "out") == sorted((tmp_path / "plain.jsonl").read_text("utf-8").splitlines())
    shipped = iqtibas("extract", str(shards), "-o", str(tmp_path / "shipped.jsonl"))
    assert info(plain) != info(shipped)  # the edited lexicon was used, not the shipped one
    bad = iqtibas("extract", str(shards), "-o", str(tmp_path / "bad-out"), "--executor", "local", "--tasks", "2",
                  "--lexicons", str(tmp_path / "bad"))
    assert bad.returncode == 2 and "cue_verbs.tsv:1:" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "bad-out").exists()


@pytest.mark.ray
def test_the_ray_executor_on_a_local_ray_gives_the_same_records(tmp_path, shards):
    pytest.importorskip("ray", reason="the ray extra: pip install 'iqtibas[ray]'")
    plain = iqtibas("extract", str(shards), "-o", str(tmp_path / "plain.jsonl"))
    ray = iqtibas("extract", str(shards), "-o", str(tmp_path / "ray"), "--executor", "ray", "--tasks", "4",
                  "--workers", "2")
    assert ray.returncode == plain.returncode == 1, ray.stderr
    assert lines_of(tmp_path / "ray") == sorted((tmp_path / "plain.jsonl").read_text("utf-8").splitlines())
    assert info(ray) == info(plain)
