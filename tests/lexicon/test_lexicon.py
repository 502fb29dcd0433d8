"""The lexicon files are data that is checked, and an edited copy can stand in for them."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from builder.documents import make_document
from builder.engine.extract import extract
from builder.lexicon.files import SCHEMAS, LexiconError, shipped
from builder.lexicon.lexicon import load
from tests.conftest import ROOT

SENTENCE = "وهمهم المتحدث أن الاجتماع سيعقد غدا في العاصمة."


def test_every_shipped_file_is_read_and_valid():
    assert {p.name for p in shipped().iterdir() if p.suffix in (".txt", ".tsv")} == set(SCHEMAS)
    lex = load()
    assert "قال" in lex.cues and "الذي" in lex.relatives and lex.articles[-1] == "ال"


@pytest.mark.parametrize(("name", "row", "problem"), [
    ("cue_verbs.tsv", "همهم\n", "missing a TAB between the columns"),
    ("cue_phrases.tsv", "بحسب\tsorce\n", "'sorce' is not one of participle, source, trailing"),
    ("titles.txt", "وكيل\trelation\n", "'relation' is not one of honorific, relational"),
    ("particles.tsv", "الذي\trelatve\n", "'relatve' is not one of"),
    ("cue_participles.tsv", "مؤكد\tعلى\tm\tزيادة\n", "4 columns, cue_participles.tsv has at most 3"),
    ("cue_participles.tsv", "مؤكد\tعلى\tmasc\n", "'masc' is not one of m"),
    ("institutions.txt", "ministry\n", "'ministry' has no Arabic letter"),
])
def test_a_bad_row_is_reported_by_file_and_line(tmp_path, name, row, problem):
    (tmp_path / name).write_text("# a comment\n" + row, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load(tmp_path)
    assert f"{tmp_path / name}:2: " in str(err.value) and problem in str(err.value)


def test_a_file_the_rules_do_not_read_is_an_error(tmp_path):
    (tmp_path / "cue_verb.tsv").write_text("همهم\tيهمهم\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cue_verb\.tsv: not a lexicon file the rules read"):
        load(tmp_path)


def test_an_edited_copy_changes_what_is_found(tmp_path):
    assert extract(make_document(SENTENCE, "t")) == []
    edited = tmp_path / "cue_verbs.tsv"
    shutil.copy(shipped() / "cue_verbs.tsv", edited)
    with edited.open("a", encoding="utf-8") as fh:
        fh.write("همهم\tيهمهم\t\t\n")
    (found,) = extract(make_document(SENTENCE, "t"), load(tmp_path))
    assert found["cue"]["text"] == "همهم" and found["content"][0]["text"] == "الاجتماع سيعقد غدا في العاصمة"
    assert extract(make_document(SENTENCE, "t")) == []  # the shipped lexicon is untouched


def test_the_command_line_takes_an_edited_copy_and_reports_a_broken_one(tmp_path):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "cue_verbs.tsv").write_text("همهم\tيهمهم\n", encoding="utf-8")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "cue_verbs.tsv").write_text("همهم\n", encoding="utf-8")

    def extract_with(folder: str):
        return subprocess.run([sys.executable, "-m", "builder.cli", "extract", "-", "-o", "-", "--lexicons", folder],
                              input=SENTENCE, capture_output=True, text=True, cwd=ROOT)

    ok = extract_with(str(tmp_path / "ok"))
    assert ok.returncode == 0 and '"rule":"verb.that"' in ok.stdout
    bad = extract_with(str(tmp_path / "bad"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert f"{tmp_path / 'bad' / 'cue_verbs.tsv'}:1: cue_verbs.tsv needs 2 filled column(s)" in bad.stderr

