"""The command line as a user runs it: exit codes, warnings, output contract."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import GOLD, ROOT, SEEDS

CONTRACT_KEYS = {"doc_id", "source", "text", "meta", "attributions"}
ATTRIBUTION_KEYS = {"id", "type", "content", "speaker", "speaker_name", "cue", "rule", "confidence"}


def iqtibas(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, input=stdin)


def test_extract_seeds_writes_the_contract(tmp_path):
    out = tmp_path / "c.jsonl"
    result = iqtibas("extract", str(SEEDS), "-o", str(out))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    for r in records:
        assert set(r) == CONTRACT_KEYS
        for a in r["attributions"]:
            assert set(a) == ATTRIBUTION_KEYS
            assert a["type"] in ("direct", "indirect", "mixed")
    assert "5 documents" in result.stderr and "by rule:" in result.stderr


def test_skipped_input_is_named_and_the_exit_status_says_so(tmp_path):
    (tmp_path / "ok.txt").write_text('قال الوزير: "نحن مستعدون للحوار".', encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "نص"}\n{oops\n', encoding="utf-8")
    result = iqtibas("extract", str(tmp_path), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 1
    assert f"{tmp_path / 'bad.jsonl'}:2: malformed JSON" in result.stderr
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_nothing_readable_is_an_error(tmp_path):
    result = iqtibas("extract", str(tmp_path / "missing"), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_standard_input_to_standard_output():
    result = iqtibas("-q", "extract", "-", "-o", "-", stdin='قال الوزير: "نحن مستعدون للحوار".')
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["source"] == "<stdin>" and len(record["attributions"]) == 1


def test_evaluate_prints_text_and_json(tmp_path):
    pred = tmp_path / "p.jsonl"
    iqtibas("extract", str(SEEDS), "-o", str(pred))
    text = iqtibas("evaluate", "--gold", str(GOLD), "--pred", str(pred))
    assert text.returncode == 0 and "attribution: direct" in text.stdout
    as_json = json.loads(iqtibas("evaluate", "--gold", str(GOLD), "--pred", str(pred), "--json").stdout)
    assert set(as_json["by_type"]) == {"direct", "indirect", "mixed"}


def test_help_teaches():
    result = iqtibas("extract", "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout and "exit status" in result.stdout
