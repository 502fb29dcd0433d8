"""The probes of a hostile corpus, as a user runs them: one ``iqtibas extract`` over a folder
of good and bad inputs.  Each bad input costs only itself: one warning naming file and line,
every good document extracted and written, exit status 1, never a traceback."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

QUOTE = 'قال الوزير: "نحن مستعدون للحوار".'
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _without_privileges() -> None:
    """Run as a user for whom file modes count: root keeps its uid but loses the right to
    read what its mode forbids (dropped from the bounding set before exec)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "cannot drop the capability to read any file")


def iqtibas(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout, preexec_fn=_without_privileges)


def _unreadable_here(path: Path) -> bool:
    probe = subprocess.run([sys.executable, "-c", f"open({str(path)!r}).read()"], capture_output=True,
                           preexec_fn=_without_privileges)
    return probe.returncode != 0


class Run:
    def __init__(self, folder: Path, result: subprocess.CompletedProcess, out: Path, unreadable: bool) -> None:
        self.folder, self.result, self.unreadable = folder, result, unreadable
        self.records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        self.warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING: ")]

    def about(self, name: str) -> list[str]:
        """The warnings naming the input ``name`` (of the folder)."""
        path = str(self.folder / name)
        return [w for w in self.warnings if f" {path}:" in w or w.endswith(f" {path}") or f" {path} " in w]

    def texts(self, name: str) -> list[str]:
        path = str(self.folder / name)
        return [r["text"] for r in self.records if r["source"] == path or r["source"].startswith(path + ":")
                or r["source"].startswith(path + "[")]


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    folder = tmp_path_factory.mktemp("corpus")
    utf8 = f"{QUOTE}\nوأضاف أن الحوار مستمر.\n".encode()
    (folder / "00_good.txt").write_bytes(utf8)
    cut = utf8.index("الحوار".encode())
    (folder / "01_bad_byte.txt").write_bytes(utf8[:cut] + b"\xff" + utf8[cut:])
    (folder / "02_truncated.txt").write_bytes(f"{QUOTE}\nوأضاف".encode()[:-1])
    (folder / "03_nul.txt").write_bytes(utf8.replace(b"\n", b"\n\x00", 1))
    (folder / "04_binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "05_locked.txt").write_bytes(utf8)
    (folder / "05_locked.txt").chmod(0)
    (folder / "06_locked_folder").mkdir()
    (folder / "06_locked_folder" / "inside.txt").write_bytes(utf8)
    (folder / "06_locked_folder").chmod(0)
    os.mkfifo(folder / "07_fifo.txt")
    (folder / "08_surrogate.jsonl").write_text(
        json.dumps({"text": QUOTE}, ensure_ascii=False) + '\n{"text": "نص \\ud800 مكسور"}\n'
        + json.dumps({"text": "قال المتحدث: \"الحوار مستمر\"."}, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "09_table.csv").write_text(f'id,text\n1,"{QUOTE.replace(chr(34), chr(34) * 2)}"\n2,نص آخر\n',
                                         encoding="utf-8")
    (folder / "10_array.json").write_text(json.dumps([{"text": QUOTE}, {"text": "نص ثان"}], ensure_ascii=False),
                                          encoding="utf-8")
    (folder / "11_notes.md").write_text(QUOTE, encoding="utf-8")
    out = folder.parent / f"{folder.name}.jsonl"
    result = iqtibas("extract", str(folder), "/dev/zero", str(folder / "11_notes.md"), "-o", str(out))
    yield Run(folder, result, out, _unreadable_here(folder / "05_locked.txt"))
    (folder / "06_locked_folder").chmod(0o700)


def test_the_run_finishes_with_status_1_and_no_traceback(run):
    assert run.result.returncode == 1, run.result.stderr
    assert "Traceback" not in run.result.stderr


def test_a_good_file_is_extracted(run):
    assert run.texts("00_good.txt") == [f"{QUOTE}\nوأضاف أن الحوار مستمر.\n"]
    assert run.about("00_good.txt") == []


def test_a_utf8_file_with_one_bad_byte_stays_utf8_and_names_the_line(run):
    assert run.texts("01_bad_byte.txt") == [f"{QUOTE}\nوأضاف أن \ufffdالحوار مستمر.\n"]
    assert run.about("01_bad_byte.txt") == [
        f"WARNING: {run.folder / '01_bad_byte.txt'}:2: 1 byte not valid in UTF-8 replaced by U+FFFD on line 2"]


def test_a_truncated_last_character_stays_utf8(run):
    assert run.texts("02_truncated.txt") == [f"{QUOTE}\nوأضا\ufffd"]
    (warning,) = run.about("02_truncated.txt")
    assert "02_truncated.txt:2: 1 byte not valid in UTF-8" in warning


def test_a_nul_byte_is_dropped_with_a_warning(run):
    assert run.texts("03_nul.txt") == [f"{QUOTE}\nوأضاف أن الحوار مستمر.\n"]
    (warning,) = run.about("03_nul.txt")
    assert warning.endswith("03_nul.txt:2: 1 NUL byte dropped on line 2")


def test_binary_data_is_skipped(run):
    assert run.texts("04_binary.txt") == []
    (warning,) = run.about("04_binary.txt")
    assert "skipped" in warning and "04_binary.txt:1: cannot decode: binary data" in warning


def test_an_unreadable_file_costs_only_itself(run):
    if not run.unreadable:
        pytest.skip("this machine cannot make a file unreadable to the test's user")
    assert run.texts("05_locked.txt") == []
    assert run.about("05_locked.txt") == [f"WARNING: skipped {run.folder / '05_locked.txt'}: cannot read: "
                                          f"Permission denied"]
    assert len(run.records) == 11  # everything readable was written, not only a .partial


def test_an_unreadable_folder_is_named(run):
    if not run.unreadable:
        pytest.skip("this machine cannot make a folder unreadable to the test's user")
    assert run.about("06_locked_folder") == [f"WARNING: skipped {run.folder / '06_locked_folder'}: cannot read: "
                                             f"Permission denied (a folder: nothing inside it is read)"]


def test_a_fifo_is_reported_and_never_opened(run):
    assert run.about("07_fifo.txt") == [f"WARNING: skipped {run.folder / '07_fifo.txt'}: not a regular file (a FIFO)"]


def test_a_lone_surrogate_in_json_costs_nothing_after_it(run):
    assert run.texts("08_surrogate.jsonl") == [QUOTE, "نص \ufffd مكسور", 'قال المتحدث: "الحوار مستمر".']
    (warning,) = run.about("08_surrogate.jsonl")
    assert "08_surrogate.jsonl:2: 1 lone surrogate escape(s)" in warning


def test_csv_rows_and_json_array_elements_are_documents(run):
    assert run.texts("09_table.csv") == [QUOTE, "نص آخر"]
    assert run.texts("10_array.json") == [QUOTE, "نص ثان"]
    by_source = {r["source"]: r for r in run.records}
    assert by_source[f"{run.folder / '09_table.csv'}:2"]["meta"]["id"] == "1"
    assert by_source[f"{run.folder / '10_array.json'}[0]"]["attributions"]


def test_other_files_are_counted_in_a_folder_and_refused_by_name(run):
    assert "left out 1 file(s) of other kinds (.md 1)" in run.result.stderr
    (warning,) = run.about("11_notes.md")
    assert "skipped" in warning and "not a kind of file iqtibas reads (.md)" in warning
    assert any(w.startswith("WARNING: skipped /dev/zero: not a kind of file") for w in run.warnings)


def test_nothing_readable_is_status_2(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    os.mkfifo(tmp_path / "y.txt")
    result = iqtibas("extract", str(tmp_path / "x.txt"), str(tmp_path / "y.txt"), "-o", str(tmp_path / "o.jsonl"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no document could be read" in result.stderr


def test_help_says_what_is_read_and_what_is_left_out():
    result = iqtibas("extract", "--help")
    text = " ".join(result.stdout.split())
    for needle in (".csv", ".tsv", ".parquet", ".json array", "other files, hidden ones and links to folders are left "
                   "out", "a file of another kind given by name is reported, not read", "read with repairs"):
        assert needle in text


def test_an_output_that_cannot_be_written_is_one_line(tmp_path):
    (tmp_path / "in.txt").write_text(QUOTE, encoding="utf-8")
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = iqtibas("extract", str(tmp_path / "in.txt"), "-o", str(tmp_path / "file" / "out.jsonl"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"ERROR: {tmp_path / 'file'}" in result.stderr
