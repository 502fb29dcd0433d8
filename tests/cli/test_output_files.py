"""The probes of issue 20 about output files, as a user runs them: an output is replaced only
by a complete, successful run; never when nothing was read, never when it is an input of the
same run, never when it is not a regular file (unless it is standard output, ``-``)."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

QUOTE = 'قال الوزير: "نحن مستعدون للحوار".'
KEEP = "".join(json.dumps({"n": n}) + "\n" for n in range(5))


def iqtibas(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True,
                          cwd=cwd, input=stdin, env={**os.environ, "PYTHONPATH": str(ROOT)})


def one_error(result: subprocess.CompletedProcess) -> str:
    """The one line a refused or empty run prints (status 2, no traceback)."""
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("ERROR: ")
    return line


@pytest.fixture
def keep(tmp_path: Path) -> Path:
    path = tmp_path / "keep.jsonl"
    path.write_text(KEEP, encoding="utf-8")
    return path


def test_a_missing_input_leaves_the_output_as_it_was(tmp_path, keep):
    line = one_error(iqtibas("extract", str(tmp_path / "missing.jsonl"), "-o", str(keep)))
    assert "missing.jsonl: no such file or folder" in line and f"{keep} was left as it was" in line
    assert keep.read_text(encoding="utf-8") == KEEP
    assert os.listdir(tmp_path) == ["keep.jsonl"]  # no .partial left behind


def test_empty_standard_input_leaves_the_output_as_it_was(keep):
    line = one_error(iqtibas("extract", "-", "-o", str(keep), stdin=""))
    assert "empty input" in line and "was left as it was" in line
    assert keep.read_text(encoding="utf-8") == KEEP


def test_nothing_read_into_a_new_output_writes_no_file(tmp_path):
    out = tmp_path / "new.jsonl"
    line = one_error(iqtibas("extract", "-", "-o", str(out), stdin="   \n"))
    assert f"{out} was not written" in line and not out.exists()


def test_several_unreadable_inputs_are_each_named_then_one_error(tmp_path, keep):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = iqtibas("extract", str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"), "-o", str(keep))
    assert result.returncode == 2
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["WARNING", "WARNING", "ERROR"]
    assert keep.read_text(encoding="utf-8") == KEEP


def test_the_output_may_not_be_an_input(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": QUOTE}, ensure_ascii=False) + "\n", encoding="utf-8")
    before = corpus.read_bytes()
    line = one_error(iqtibas("extract", str(corpus), "-o", str(corpus)))
    assert f"{corpus} is also an input of this run" in line
    (tmp_path / "link.jsonl").symlink_to(corpus)
    one_error(iqtibas("extract", str(corpus), "-o", str(tmp_path / "link.jsonl")))
    assert corpus.read_bytes() == before


@pytest.mark.parametrize("kind", ["device", "link to a device", "fifo", "folder"])
def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    (tmp_path / "in.txt").write_text(QUOTE, encoding="utf-8")
    out = tmp_path / "out"
    if kind == "device":
        out = Path("/dev/null")
    elif kind == "link to a device":
        out.symlink_to("/dev/null")
    elif kind == "fifo":
        os.mkfifo(out)
    else:
        out.mkdir()
    line = one_error(iqtibas("extract", str(tmp_path / "in.txt"), "-o", str(out)))
    assert "is a folder" in line if kind == "folder" else f"not a regular file (a {kind.split()[-1]})" in line.lower()
    if kind == "link to a device":
        assert out.is_symlink() and os.readlink(out) == "/dev/null"
    assert sorted(os.listdir(tmp_path)) == ["in.txt"] + (["out"] if kind != "device" else [])


def test_standard_output_is_the_one_stream_written(tmp_path):
    result = iqtibas("-q", "extract", str(SEEDS), "-o", "-")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 5


def test_a_link_to_a_file_replaces_the_file_and_stays_a_link(tmp_path, keep):
    (tmp_path / "in.txt").write_text(QUOTE, encoding="utf-8")
    keep.chmod(0o600)
    link = tmp_path / "link.jsonl"
    link.symlink_to(keep.name)
    result = iqtibas("extract", str(tmp_path / "in.txt"), "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == keep.name
    (record,) = [json.loads(line) for line in keep.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == QUOTE
    assert keep.stat().st_mode & 0o777 == 0o600  # the replaced file keeps its mode


def test_a_second_run_writing_the_same_output_is_refused(tmp_path, keep):
    (tmp_path / "in.txt").write_text(QUOTE, encoding="utf-8")
    partial = tmp_path / "keep.jsonl.partial"
    with partial.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # what a run writing keep.jsonl holds
        line = one_error(iqtibas("extract", str(tmp_path / "in.txt"), "-o", str(keep)))
    assert "another run is writing keep.jsonl" in line
    assert keep.read_text(encoding="utf-8") == KEEP


def test_a_partial_file_left_by_an_interrupted_run_does_not_stop_the_next(tmp_path, keep):
    (tmp_path / "in.txt").write_text(QUOTE, encoding="utf-8")
    (tmp_path / "keep.jsonl.partial").write_text('{"half": ', encoding="utf-8")
    result = iqtibas("extract", str(tmp_path / "in.txt"), "-o", str(keep))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["text"] for line in keep.read_text(encoding="utf-8").splitlines()] == [QUOTE]
    assert sorted(os.listdir(tmp_path)) == ["in.txt", "keep.jsonl"]


def test_an_output_inside_the_folder_read_is_neither_read_nor_counted(tmp_path):
    (tmp_path / "in.txt").write_text(QUOTE, encoding="utf-8")
    for _ in range(2):  # the second run finds the first one's output, and its own .partial, in the folder
        result = iqtibas("extract", str(tmp_path), "-o", str(tmp_path / "c.jsonl"))
        assert result.returncode == 0, result.stderr
        assert "left out" not in result.stderr
        assert [json.loads(line)["text"] for line in (tmp_path / "c.jsonl").read_text().splitlines()] == [QUOTE]
