"""builder.output: outputs replaced only by a complete run, from Python."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.output import OutputError, PendingFile, check_output, file_target


def test_a_pending_file_replaces_its_output_only_when_committed(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with PendingFile(out) as pending:
        pending.file.write("new\n")
        assert out.read_text(encoding="utf-8") == "old\n"  # beside it until the end
    assert out.read_text(encoding="utf-8") == "old\n" and not pending.partial.exists()
    with PendingFile(out) as pending:
        pending.file.write("new\n")
        pending.commit()
    assert out.read_text(encoding="utf-8") == "new\n" and not pending.partial.exists()


def test_a_failing_run_leaves_the_output_and_no_partial_file(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(ZeroDivisionError), PendingFile(out) as pending:
        pending.file.write("half")
        _ = 1 / 0
    assert out.read_text(encoding="utf-8") == "old\n" and os.listdir(tmp_path) == ["out.jsonl"]


def test_an_interrupted_run_keeps_its_partial_file(tmp_path):
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt), PendingFile(out) as pending:
        pending.file.write("half\n")
        raise KeyboardInterrupt
    assert not out.exists() and pending.partial.read_text(encoding="utf-8") == "half\n"


def test_a_file_put_in_the_place_of_the_output_during_the_run_is_not_replaced(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="is a folder"), PendingFile(out) as pending:
        pending.file.write("new\n")
        out.mkdir()
        pending.commit()
    assert out.is_dir() and not pending.partial.exists()


def test_the_target_of_an_output(tmp_path):
    (tmp_path / "real.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to("real.jsonl")
    assert file_target(tmp_path / "link.jsonl") == tmp_path / "real.jsonl"
    assert file_target(tmp_path / "sub" / "new.jsonl") == tmp_path / "sub" / "new.jsonl"
    with pytest.raises(OutputError, match="also an input"):
        file_target(tmp_path / "link.jsonl", [Path("-"), tmp_path / "real.jsonl"])
    with pytest.raises(OutputError, match="a device"):
        file_target(Path("/dev/null"))


def test_an_output_folder_that_is_a_device_is_refused_even_with_overwrite(tmp_path):
    (tmp_path / "null").symlink_to("/dev/null")
    with pytest.raises(OutputError, match="a device"):
        check_output(tmp_path / "null", overwrite=True)
