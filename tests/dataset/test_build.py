"""The Hugging Face dataset: built from a verified fixture, loaded with load_dataset alone."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datasets import load_dataset
from hypothesis import given
from hypothesis import strategies as st

from annotation.convert import compare
from builder.contract import RecordError
from builder.corpus.inputs import read_corpus
from builder.dataset.build import build
from builder.dataset.card import yaml_scalar
from builder.dataset.rows import TAGS
from builder.dataset.splits import assign_splits, near_duplicate_groups
from builder.output import MARKER, OutputError
from builder.run.encode import candidate_record
from tests.conftest import ROOT, SEEDS

SECRET = "5e3c7e7a0b4d4c1f9a2e6b8d0c1f2a3b4c5d6e7f"


def verified_fixture(gold: list[dict], path: Path) -> Path:
    """The seeds as an annotator would return them: the gold annotation compared with the
    rules' candidates gives accepted, corrected, added and rejected attributions."""
    candidates = {r["doc_id"]: r for r in (candidate_record(d) for d in read_corpus([str(SEEDS)], lambda s: None))}
    with path.open("w", encoding="utf-8") as fh:
        for k, doc in enumerate(gold):
            predicted = [{**a, "provenance": {"rule": a["rule"], "confidence": a["confidence"]}}
                         for a in candidates[doc["doc_id"]]["attributions"]]
            annotated = [{key: a[key] for key in ("type", "content", "speaker", "speaker_name", "cue")}
                         for a in doc["attributions"]]
            if k == 1:
                annotated.pop(0)  # the annotator removed a candidate: rejected
            if k == 2:
                annotated[0]["speaker_name"] = "اسم صححه المعلق"  # and fixed a name: corrected
            attributions = []
            for a in compare(annotated, predicted):
                prov = a.pop("provenance", None) or {}
                a.update({"id": hashlib.sha1(json.dumps(a["content"]).encode()).hexdigest()[:16],
                          "annotator": 7, "annotated_at": f"2026-11-2{k}T10:00:00Z",
                          "rule": prov.get("rule"), "confidence": prov.get("confidence")})
                attributions.append(a)
            meta = {"label_studio_project": "seeds-review", "rules_version": "rules-test",
                    "fetched_from": f"http://127.0.0.1:8080/api?token={SECRET}"}
            if k == 0:
                meta["agreement_span_f1"] = 0.9
            fh.write(json.dumps({"doc_id": doc["doc_id"], "source": f"/home/someone/corpus/{doc['source']}",
                                 "text": doc["text"], "meta": meta, "attributions": attributions},
                                ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def built(gold, tmp_path_factory):
    root = tmp_path_factory.mktemp("dataset")
    verified = verified_fixture(gold, root / "verified.jsonl")
    extra = root / "candidates.jsonl"
    records = [candidate_record(d) for d in read_corpus([str(SEEDS)], lambda s: None)]
    other = {**records[0], "doc_id": "f" * 16, "source": "unseen.txt"}
    extra.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [*records, other]) + "\n",
                     encoding="utf-8")
    out = root / "ds"
    build(verified, out, extra)
    return out, verified


def test_every_configuration_loads_and_offsets_reproduce_their_text(built):  # noqa: C901 (to be split)
    out, verified = built
    texts = {r["doc_id"]: r["text"] for r in map(json.loads, verified.read_text(encoding="utf-8").splitlines())}
    texts.update({r["doc_id"]: r["text"] for r in map(json.loads, (out.parent / "candidates.jsonl").read_text(
        encoding="utf-8").splitlines())})
    for config in ("attributions", "rejected", "unreviewed"):
        data = load_dataset(str(out), config)
        for split in data.values():
            assert split.features["type"].names == ["direct", "indirect", "mixed"]
            for row in split:
                text = texts[row["doc_id"]]
                assert text[row["paragraph_offset"]:row["paragraph_offset"] + len(row["paragraph"])] == row["paragraph"]
                for span in row["content"]:  # content always lies in its paragraph
                    assert row["paragraph"][span["paragraph_start"]:span["paragraph_end"]] == span["text"]
                for span in [*row["content"], row["speaker"], row["cue"]]:
                    if span is not None:
                        assert text[span["start"]:span["end"]] == span["text"]
                        if span["paragraph_start"] >= 0:
                            assert span["paragraph_start"] == span["start"] - row["paragraph_offset"]
    docs = load_dataset(str(out), "documents")
    for split in docs.values():
        for row in split:
            for span in row["spans"]:
                assert row["text"][span["start"]:span["end"]] == span["text"]


def test_statuses_land_in_their_configurations(built):
    out, _ = built
    kept = load_dataset(str(out), "attributions")
    statuses = {kept["train"].features["status"].int2str(s) for split in kept.values() for s in split["status"]}
    assert statuses == {"accepted", "corrected", "added"}
    rejected = load_dataset(str(out), "rejected")
    rows = [r for split in rejected.values() for r in split]
    assert all(r["rule"] and r["confidence"] is not None for r in rows)
    unreviewed = load_dataset(str(out), "unreviewed")
    assert {r["doc_id"] for split in unreviewed.values() for r in split} == {"f" * 16}


def test_bio_tags_agree_with_the_spans(built):
    out, _ = built
    docs = load_dataset(str(out), "documents")
    tag_names = docs["train"].features["tags"].feature.names
    assert tag_names == TAGS
    for split in docs.values():
        for row in split:
            tags = [tag_names[t] for t in row["tags"]]
            for span in row["spans"]:
                covered = [k for k, (s, e) in enumerate(zip(row["token_starts"], row["token_ends"], strict=True))
                           if s < span["end"] and e > span["start"]]
                label = docs["train"].features["spans"].feature["label"].int2str(span["label"])
                assert covered and tags[covered[0]] in (f"B-{label}", f"I-{label}")
                assert all(tags[k].endswith(label) for k in covered)
            for k, tag in enumerate(tags):
                if tag.startswith("I-"):
                    assert tags[k - 1][2:] == tag[2:]


def test_splits_are_disjoint_by_document_and_group(built):
    out, verified = built
    docs = load_dataset(str(out), "documents")
    seen: dict[str, str] = {}
    for split, rows in docs.items():
        for doc_id in rows["doc_id"]:
            assert doc_id not in seen
            seen[doc_id] = split
    records = [json.loads(line) for line in verified.read_text(encoding="utf-8").splitlines()]
    groups = near_duplicate_groups({r["doc_id"]: [c["text"] for a in r["attributions"] for c in a["content"]]
                                    for r in records},
                                   {r["doc_id"]: [a["speaker_name"] for a in r["attributions"]] for r in records})
    for group in groups:
        assert len({seen[d] for d in group}) == 1
    sources = {r["doc_id"]: r["source"][-24:-21] for r in records}
    assert sorted(sorted(sources[d] for d in g) for g in groups) == [["000", "002", "004"], ["001"], ["003"]]


def test_near_duplicate_grouping_and_split_assignment():
    quote = "لا يحق لحفتر أو أية دولة أخرى المطالبة بمغادرة تركيا الأراضي الليبية"
    groups = near_duplicate_groups({"a": [quote], "b": ["وقال: " + quote.replace("أية", "لأية")],
                                    "c": ["نص آخر مختلف تماما عن غيره هنا"]})
    assert sorted(groups) == [["a", "b"], ["c"]]
    splits = assign_splits([[f"d{i}"] for i in range(20)])
    assert sorted(splits.values()).count("train") == 16
    assert splits == assign_splits([[f"d{i}"] for i in range(20)])


def test_second_build_is_byte_identical(built, tmp_path):
    out, verified = built
    again = tmp_path / "again"
    build(verified, again, out.parent / "candidates.jsonl")
    for parquet in sorted(out.rglob("*.parquet")):
        twin = again / parquet.relative_to(out)
        assert twin.read_bytes() == parquet.read_bytes()


def test_card_renders_what_is_inside(built):
    out, _ = built
    card = (out / "README.md").read_text(encoding="utf-8")
    front = card.split("---")[1]
    assert "- ar" in front and "license: cc-by-4.0" in front and "config_name: documents" in front
    for needle in ("## Schema", "## Counts", "## Most quoted speakers", "0.900", "| verb.quote |", "rules-test",
                   "seeds-review"):
        assert needle in card


def test_nothing_names_a_local_path_or_a_secret(built):
    out, _ = built
    for path in [*out.rglob("*.parquet"), out / "README.md"]:
        data = path.read_bytes()
        assert b"/home/someone" not in data and b"/tmp/" not in data and SECRET.encode() not in data


@pytest.mark.parametrize("content, message", [
    ("", "no verified records"),
    ('{"doc_id": "x"}\n', "missing attributions, text"),
    ("{oops\n", ":1: malformed JSON"),
])
def test_bad_input_is_a_clear_error_and_writes_nothing(tmp_path, content, message):
    verified = tmp_path / "v.jsonl"
    verified.write_text(content, encoding="utf-8")
    with pytest.raises(RecordError, match=message):
        build(verified, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["v.jsonl"]


def test_most_quoted_speakers_merge_spelling_variants():
    from builder.dataset.card import most_quoted

    names = ["مولود جاويش أوغلو"] * 3 + ["مولود تشاووش أوغلو"] * 2 + ["لافروف", "سيرغي لافروف", "موسكو"]
    assert most_quoted(names) == [("مولود جاويش أوغلو", 5), ("سيرغي لافروف", 2), ("موسكو", 1)]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_holding_other_files_is_refused_and_left_as_it_was(built, tmp_path):
    _, verified = built
    out = tmp_path / "mine"
    (out / "sub").mkdir(parents=True)
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "sub" / "data.csv").write_text("a,b\n", encoding="utf-8")
    before = _tree(out)
    with pytest.raises(OutputError, match=r"was not made by iqtibas \(notes.txt, sub/data.csv\).*--overwrite"):
        build(verified, out)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no temporary folder left behind
    build(verified, out, overwrite=True)
    assert "notes.txt" not in _tree(out) and "README.md" in _tree(out)


def test_a_folder_an_earlier_build_made_is_replaced_but_not_once_someone_adds_a_file(built, tmp_path):
    _, verified = built
    out = tmp_path / "ds"
    build(verified, out)
    load_dataset(str(out), "attributions")
    first = _tree(out)
    assert MARKER in first
    build(verified, out)
    assert _tree(out) == first
    (out / "attributions" / "extra.parquet").write_bytes(b"not ours")
    with pytest.raises(OutputError, match=r"holds files iqtibas did not write \(attributions/extra.parquet\)"):
        build(verified, out)
    assert (out / "attributions" / "extra.parquet").read_bytes() == b"not ours"


def test_an_empty_folder_is_used_and_a_file_in_its_place_is_refused(built, tmp_path):
    _, verified = built
    (tmp_path / "empty").mkdir()
    build(verified, tmp_path / "empty")
    assert (tmp_path / "empty" / "README.md").exists()
    (tmp_path / "file").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputError, match="is not a folder"):
        build(verified, tmp_path / "file")
    assert (tmp_path / "file").read_text(encoding="utf-8") == "keep me"


def test_an_input_inside_the_output_folder_is_refused_even_with_overwrite(built, tmp_path):
    _, verified = built
    out = tmp_path / "ds"
    out.mkdir()
    inside = out / "verified.jsonl"
    inside.write_bytes(verified.read_bytes())
    with pytest.raises(OutputError, match="lies inside the output folder"):
        build(inside, out, overwrite=True)
    assert inside.read_bytes() == verified.read_bytes()


def test_build_on_the_command_line_refuses_a_foreign_folder_in_one_line(built, tmp_path):
    _, verified = built
    out = tmp_path / "photos"
    out.mkdir()
    (out / "holiday.jpg").write_bytes(b"\xff\xd8")
    result = subprocess.run([sys.executable, "-m", "builder.cli", "build", str(verified), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "holiday.jpg" in result.stderr and "--overwrite" in result.stderr
    assert "Traceback" not in result.stderr and (out / "holiday.jpg").read_bytes() == b"\xff\xd8"


def test_export_refuses_to_write_its_verified_file_inside_the_dataset_folder(tmp_path):
    """Checked before any server is asked: nothing is pulled, nothing is deleted."""
    out = tmp_path / "out"
    env = {"LABEL_STUDIO_URL": "http://127.0.0.1:9", "LABEL_STUDIO_API_KEY": "x" * 40, "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "builder.cli", "export", "-o", str(out), "--verified-output",
                             str(out / "verified.jsonl")], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 2, result.stderr
    assert "verified.jsonl lies inside the output folder" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_card_field_is_one_yaml_scalar(value):
    assert yaml.safe_load(f"key: {yaml_scalar(value)}\nafter: 1") == {"key": value, "after": 1}


def test_a_newline_in_name_or_license_cannot_inject_yaml(built, tmp_path):
    _, verified = built
    name, license_id = "أخبار\nlicense: other\n---", "cc-by-4.0\nconfigs: []"
    build(verified, tmp_path / "ds", name=name, license_id=license_id)
    card = (tmp_path / "ds" / "README.md").read_text(encoding="utf-8")
    front = yaml.safe_load(card.split("\n---\n")[0].removeprefix("---\n"))
    assert (front["pretty_name"], front["license"]) == (name, license_id)
    assert [c["config_name"] for c in front["configs"]][:2] == ["attributions", "documents"]
    assert "# أخبار license: other ---: who said what" in card
    assert len(load_dataset(str(tmp_path / "ds"), "attributions")["train"]) > 0
