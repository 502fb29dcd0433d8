"""Extraction on every core, and a start that imports only what the command needs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from builder.documents import make_document
from builder.lexicon.lexicon import load
from builder.run.encode import encode_all
from builder.run.workers import BATCH_CHARS, BATCH_DOCS, batches, encode_in_workers
from tests.conftest import ROOT, SEEDS

HEAVY = ("label_studio_sdk", "datasets")


def iqtibas(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, **kwargs)


def paragraphs() -> list[str]:
    return [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]


def write_corpus(path, copies: int) -> int:
    """JSON lines of seed paragraphs, one document each, ``copies`` times over; returns the count."""
    lines = [json.dumps({"text": p, "n": i}, ensure_ascii=False) for i, p in enumerate(paragraphs() * copies)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


@pytest.mark.parametrize("command", [["extract", str(SEEDS), "-o", "OUT"],
                                     ["evaluate", "--gold", "data/gold/seeds.jsonl", "--pred", "data/gold/seeds.jsonl"],
                                     ["--version"]])
def test_extract_and_evaluate_import_neither_the_label_studio_sdk_nor_datasets(tmp_path, command):
    command = [str(tmp_path / "c.jsonl") if part == "OUT" else part for part in command]
    probe = ("import sys\nfrom builder.cli.main import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             f"print([m for m in {HEAVY!r} if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_batches_keep_the_order_and_bound_their_size():
    docs = [make_document("ك" * n, f"d{i}") for i, n in enumerate([10] * 100 + [BATCH_CHARS + 5] + [10] * 3)]
    out = list(batches(docs))
    assert [d for b in out for d in b] == docs
    assert all(len(b) <= BATCH_DOCS for b in out)
    assert all(sum(len(d.text) for d in b[:-1]) < BATCH_CHARS for b in out)
    assert [len(b) for b in out] == [BATCH_DOCS, 100 - BATCH_DOCS + 1, 3]  # the long one closes its batch


def test_a_pool_gives_the_lines_of_one_process_in_input_order():
    docs = [make_document(p, f"p{i}") for i, p in enumerate(paragraphs() * 3)]
    assert len(docs) > 4 * BATCH_DOCS  # several batches in flight at once
    serial = [line.text for line in encode_all(docs, load())]
    with encode_in_workers(3, load) as encode:
        pooled = [line.text for line in encode(docs)]
    assert pooled == serial


def test_workers_write_the_same_bytes_and_summary_as_one_process(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 3)
    runs = {}
    for workers in (1, 2):
        out = tmp_path / f"w{workers}.jsonl"
        result = iqtibas("extract", str(corpus), str(ROOT / "data" / "dev"), "-o", str(out), "--workers", str(workers))
        assert result.returncode == 0, result.stderr
        runs[workers] = (out.read_bytes(), [line for line in result.stderr.splitlines() if line.startswith("INFO")])
    assert runs[1][0] == runs[2][0]
    assert runs[1][1] == [line.replace("w2.jsonl", "w1.jsonl") for line in runs[2][1]]
    assert "by rule:" in runs[2][1][2]


def test_skipped_inputs_are_reported_as_with_one_worker(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text('قال الوزير: "نحن مستعدون للحوار".', encoding="utf-8")
    (corpus / "b.jsonl").write_text('{"text": "قال المتحدث إن الاجتماع انتهى"}\n{oops\n[1]\n{"body": "x"}\n',
                                    encoding="utf-8")
    (corpus / "c.txt").write_bytes(b"\x00\x01binary")
    (corpus / "d.txt").write_text("  \n", encoding="utf-8")
    results = {w: iqtibas("extract", str(corpus), "-o", str(tmp_path / f"w{w}.jsonl"), "--workers", str(w))
               for w in (1, 2)}
    warnings = {w: [line for line in r.stderr.splitlines() if line.startswith("WARNING")] for w, r in results.items()}
    assert results[1].returncode == results[2].returncode == 1
    assert warnings[1] == warnings[2] and len(warnings[1]) == 6  # five skips and the count
    assert f"{corpus / 'b.jsonl'}:2: malformed JSON" in warnings[2][0]
    assert (tmp_path / "w1.jsonl").read_bytes() == (tmp_path / "w2.jsonl").read_bytes()


def test_ctrl_c_stops_the_workers_and_leaves_an_output_marked_incomplete(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    total = write_corpus(corpus, 60)
    out = tmp_path / "c.jsonl"
    partial = tmp_path / "c.jsonl.partial"
    process = subprocess.Popen([sys.executable, "-m", "builder.cli", "extract", str(corpus), "-o", str(out),
                                "--workers", "2"], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while not (partial.exists() and partial.stat().st_size > 0) and time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before it could be interrupted"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    stderr = process.communicate(timeout=30)[1]
    assert process.returncode == 130
    assert "Traceback" not in stderr and "incomplete" in stderr
    assert not out.exists()
    lines = partial.read_text(encoding="utf-8").splitlines()
    assert 0 < len(lines) < total
    records = [json.loads(line) for line in lines]  # only whole records
    assert [r["meta"]["n"] for r in records] == list(range(len(records)))  # in input order, none missing
    assert subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True).returncode == 1  # no worker left


def test_an_edited_lexicon_reaches_every_worker(tmp_path):
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "cue_verbs.tsv").write_text("همهم\tيهمهم\n", encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    texts = [f"همهم المتحدث رقم {i} أن الاجتماع سيعقد غدا في العاصمة." for i in range(4 * BATCH_DOCS)]
    corpus.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    outs = {}
    for workers in (1, 2):
        outs[workers] = tmp_path / f"w{workers}.jsonl"
        result = iqtibas("extract", str(corpus), "-o", str(outs[workers]), "--workers", str(workers),
                         "--lexicons", str(tmp_path / "lex"))
        assert result.returncode == 0, result.stderr
    assert outs[1].read_bytes() == outs[2].read_bytes()
    records = [json.loads(line) for line in outs[2].read_text(encoding="utf-8").splitlines()]
    assert [r["attributions"][0]["cue"]["text"] for r in records] == ["همهم"] * len(texts)
