"""The Hugging Face dataset: built from a verified fixture, loaded with load_dataset alone,
and read back into what it was built from."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from datasets import load_dataset

from builder.contract import UNREVIEWED, RecordError
from builder.dataset.build import Options, assemble, build
from builder.dataset.inputs import read_unreviewed, read_verified
from builder.dataset.provenance import annotator_label
from builder.dataset.splits import near_duplicate_groups
from builder.dataset.tables import CONFIGS, SPLIT_ALL
from builder.dataset.tags import TAGS, decode
from builder.output import MARKER, OutputError
from tests.conftest import GOLD, ROOT
from tests.dataset.conftest import (
    ANNOTATOR,
    META,
    SECRET,
    seed_candidates,
    unseen_candidate,
    verified_records,
    write_jsonl,
)


def records(path: Path) -> dict[str, dict]:
    return {r["doc_id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def everything(out: Path) -> dict[str, dict]:
    return {config: load_dataset(str(out), config) for config in CONFIGS}


def as_input(a: dict) -> tuple:
    """What the dataset must give back of an input attribution."""
    def span(s):
        return None if s is None else (s["start"], s["end"], s["text"])

    return (a["id"], a["type"], a["status"], tuple(span(s) for s in a["content"]), span(a.get("speaker")),
            span(a.get("cue")), a.get("speaker_name"), a.get("rule"),
            None if a.get("confidence") is None else round(a["confidence"], 4), annotator_label(a.get("annotator")),
            a.get("annotated_at"))


def from_attribution(item: dict, names: dict[str, list[str]]) -> tuple:
    """An item of ``attributions`` or ``rejected`` read back."""
    def span(s):
        return None if s is None else (s["start"], s["end"], s["text"])

    return (item["id"], names["type"][item["type"]], names["status"][item["status"]],
            tuple(span(s) for s in item["content"]), span(item["speaker"]), span(item["cue"]), item["speaker_name"],
            item["rule"], None if item["confidence"] is None else round(item["confidence"], 4), item["annotator"],
            item["annotated_at"])


def from_document(row: dict, names: dict[str, list[str]]) -> list[tuple]:
    """Every attribution of a ``documents`` (or ``unreviewed``) row read back from its spans."""
    spans = {s["id"]: s for s in row["spans"]}
    out = []
    for a in row["attributions"]:
        parts = [spans[i] for i in a["spans"]]
        labels = [names["label"][p["label"]] for p in parts]
        one = {label: (p["start"], p["end"], p["text"]) for label, p in zip(labels, parts, strict=True)
               if label != "QUOTE"}
        out.append((a["id"], names["type"][a["type"]], names["status"][a["status"]],
                    tuple((p["start"], p["end"], p["text"]) for label, p in zip(labels, parts, strict=True)
                          if label == "QUOTE"), one.get("SPEAKER"), one.get("CUE"), a["speaker_name"], a["rule"],
                    None if a["confidence"] is None else round(a["confidence"], 4), a["annotator"], a["annotated_at"]))
    return out


def label_names(data) -> dict[str, list[str]]:
    split = next(iter(data.values()))
    features = split.features
    if "spans" in features:
        return {"type": features["attributions"].feature["type"].names,
                "status": features["attributions"].feature["status"].names,
                "label": features["spans"].feature["label"].names}
    item = features["rejected"].feature if "rejected" in features else features
    return {"type": item["type"].names, "status": item["status"].names}


def test_every_configuration_loads_and_gives_back_what_it_was_built_from(built):
    out, verified_path = built
    data = everything(out)
    verified = records(verified_path)
    expected = {doc: sorted(map(as_input, r["attributions"])) for doc, r in verified.items()}
    rows = {config: [row for split in data[config].values() for row in split] for config in CONFIGS}
    names = {config: label_names(data[config]) for config in CONFIGS if config != "speakers"}
    assert {r["doc_id"]: sorted(from_document(r, names["documents"])) for r in rows["documents"]} == expected
    kept = Counter()
    for row in rows["attributions"]:
        kept[row["doc_id"]] += 1
        assert from_attribution(row, names["attributions"]) in expected[row["doc_id"]]
    rejected = {r["doc_id"]: [from_attribution(a, names["rejected"]) for a in r["rejected"]] for r in rows["rejected"]}
    for doc, attributions in expected.items():
        assert kept[doc] + len(rejected[doc]) == len(attributions)
        assert sorted(rejected[doc]) == [a for a in attributions if a[2] == "rejected"]
    silver = {r["doc_id"]: sorted(from_document(r, names["unreviewed"])) for r in rows["unreviewed"]}
    unseen = read_unreviewed(write_jsonl(out.parent / "unseen.jsonl", [unseen_candidate()]))[0]
    assert silver == {unseen["doc_id"]: sorted(map(as_input, unseen["attributions"]))}
    speakers = {r["id"]: r for r in rows["speakers"]}
    named = Counter(a["speaker_id"] for r in rows["documents"] for a in r["attributions"]
                    if names["documents"]["status"][a["status"]] != "rejected" and a["speaker_name"])
    assert named == Counter({sid: r["attributions"] for sid, r in speakers.items() if r["attributions"]})


def test_offsets_and_token_indices_reproduce_their_text(built):
    out, _ = built
    data = everything(out)
    for config in ("documents", "unreviewed"):
        for row in (r for split in data[config].values() for r in split):
            text, starts, ends = row["text"], row["token_starts"], row["token_ends"]
            assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == row["tokens"]
            for span in row["spans"]:
                assert text[span["start"]:span["end"]] == span["text"]
                assert (starts[span["token_start"]], ends[span["token_end"] - 1]) == (span["start"], span["end"])
                sentence = row["sentences"][span["sentence"]]
                assert sentence["token_start"] <= span["token_start"] < sentence["token_end"]
                assert row["paragraphs"][sentence["paragraph"]]["id"] == span["paragraph"]
    texts = {r["doc_id"]: r["text"] for split in data["documents"].values() for r in split}
    for row in (r for split in data["attributions"].values() for r in split):
        text = texts[row["doc_id"]]
        assert text[row["paragraph_offset"]:row["paragraph_offset"] + len(row["paragraph"])] == row["paragraph"]
        for span in [*row["content"], row["speaker"], row["cue"]]:
            if span is not None:
                assert text[span["start"]:span["end"]] == span["text"]
                if span["paragraph_start"] >= 0:
                    assert row["paragraph"][span["paragraph_start"]:span["paragraph_end"]] == span["text"]


def test_the_tags_decode_to_the_spans_and_relations_name_them(built):
    out, _ = built
    docs = load_dataset(str(out), "documents")
    features = docs["train"].features
    assert features["tags"].feature.names == TAGS
    labels, relations = features["spans"].feature["label"].names, features["relations"].feature["label"].names
    for row in (r for split in docs.values() for r in split):
        tagged = set()
        for layer in [row["tags"], *row["nested_tags"]]:
            tagged |= set(decode([TAGS[t] for t in layer]))
        spans = {s["id"]: s for s in row["spans"]}
        assert tagged == {(labels[s["label"]], s["token_start"], s["token_end"]) for s in row["spans"]
                          if not s["negative"]}
        for relation in row["relations"]:
            head, part = spans[relation["to_span"]], spans[relation["from_span"]]
            assert labels[head["label"]] == "QUOTE" and head["attribution"] == part["attribution"]
            assert relations[relation["label"]] in ("speaker", "cue", "continues")


def test_a_rejected_candidate_is_a_negative_span_with_its_rule(built):
    out, _ = built
    docs = load_dataset(str(out), "documents")
    negatives = [s for split in docs.values() for r in split for s in r["spans"] if s["negative"]]
    assert negatives and all(s["layer"] == -1 and s["rule"] and s["confidence"] for s in negatives)
    silver = load_dataset(str(out), "unreviewed")
    spans = [s for split in silver.values() for r in split for s in r["spans"]]
    assert spans and all(s["rule"] and s["confidence"] and not s["negative"] for s in spans)
    rows = [r for split in silver.values() for r in split]
    assert all(len(r["paragraphs"]) == sum(1 for line in r["text"].split("\n") if line.strip()) for r in rows)


def test_splits_are_disjoint_by_document_and_group(built):
    out, verified = built
    docs = load_dataset(str(out), "documents")
    seen: dict[str, str] = {}
    for split, rows in docs.items():
        for doc_id in rows["doc_id"]:
            assert doc_id not in seen
            seen[doc_id] = split
    kept = records(verified).values()
    groups = near_duplicate_groups({r["doc_id"]: [c["text"] for a in r["attributions"] for c in a["content"]
                                                  if a["status"] != "rejected"] for r in kept},
                                   {r["doc_id"]: [a["speaker_name"] for a in r["attributions"]] for r in kept})
    for group in groups:
        assert len({seen[d] for d in group}) == 1
    sources = {r["doc_id"]: r["source"][-24:-21] for r in kept}
    assert sorted(sorted(sources[d] for d in g) for g in groups) == [["000", "002", "004"], ["001"], ["003"]]


def _rows_by_document(tables) -> dict[tuple[str, str], dict[str, list]]:
    """``(config, doc_id) -> split -> rows``."""
    out: dict = {}
    for config, splits in tables.configs.items():
        for split, rows in splits.items():
            for row in rows:
                out.setdefault((config, row.get("doc_id", row.get("id"))), {}).setdefault(split, []).append(row)
    return out


def _flat(rows_by_split: dict[str, list]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for rows in rows_by_split.values() for r in rows)


def test_adding_a_document_changes_only_its_rows(gold):
    """Each seed in turn left out of a first build and added in a second: every row of every
    other document is the same, in the same split — unless the new document joins its group,
    and then only its split may change; a speaker's row changes only if the new document names it."""
    verified = verified_records(gold)
    full = assemble(verified)
    after = _rows_by_document(full.tables)
    group_of = {d: set(g) for g in full.groups for d in g}
    for k, added in enumerate(verified):
        before = _rows_by_document(assemble(verified[:k] + verified[k + 1:]).tables)
        named = {a["speaker_name"] for a in added["attributions"]}
        for key in set(before) | set(after):
            config, doc = key
            if doc == added["doc_id"] or before.get(key) == after.get(key):
                continue
            if config == "speakers":
                rows = [r for r in _flat(after.get(key, {}))]
                assert all(set(json.loads(r)["variants"]) & named for r in rows), key
                continue
            assert doc in group_of[added["doc_id"]], key
            assert _flat(before[key]) == _flat(after[key]), key


def test_second_build_is_byte_identical(built, tmp_path):
    out, verified = built
    again = tmp_path / "again"
    build(verified, again, out.parent / "candidates.jsonl")
    for path in sorted(out.rglob("*")):
        if path.is_file():
            assert (again / path.relative_to(out)).read_bytes() == path.read_bytes(), path


def test_a_build_with_no_rejection_and_no_candidates_still_loads_rejected(gold, tmp_path):
    verified = [r for r in verified_records(gold) if all(a["status"] != "rejected" for a in r["attributions"])]
    build(write_jsonl(tmp_path / "v.jsonl", verified), tmp_path / "ds")
    rejected = load_dataset(str(tmp_path / "ds"), "rejected")
    assert sum(len(s) for s in rejected.values()) == len(verified)
    assert all(r["rejected"] == [] and r["judged"] > 0 for s in rejected.values() for r in s)
    assert (tmp_path / "ds" / "unreviewed" / "train-00000-of-00001.parquet").exists()
    assert "Empty in this release: unreviewed" in (tmp_path / "ds" / "README.md").read_text(encoding="utf-8")


def test_annotators_are_pseudonyms_unless_asked_and_nothing_names_a_local_path_or_a_secret(built, gold, tmp_path):
    out, verified = built
    files = [*out.rglob("*.parquet"), out / "README.md", out / "test-set.json"]
    for path in files:
        data = path.read_bytes()
        for leak in (b"/home/someone", b"/tmp/", SECRET.encode(), ANNOTATOR.encode()):
            assert leak not in data, (path, leak)
    rows = [r for s in load_dataset(str(out), "attributions").values() for r in s]
    assert {r["annotator"] for r in rows} == {annotator_label(ANNOTATOR)}
    build(verified, tmp_path / "named", options=Options(annotator_ids="email"))
    rows = [r for s in load_dataset(str(tmp_path / "named"), "attributions").values() for r in s]
    assert {r["annotator"] for r in rows} == {ANNOTATOR}


def test_the_source_outlet_date_and_licence_of_a_document_are_carried(built):
    out, verified = built
    first = next(iter(records(verified)))
    docs = [r for s in load_dataset(str(out), "documents").values() for r in s]
    row = next(r for r in docs if r["doc_id"] == first)
    assert (row["url"], row["outlet"], row["date"], row["text_license"]) == (
        META["url"], META["outlet"], META["date"], META["license"])
    assert sorted(r["outlet"] or "" for r in docs) == sorted(["", "", "", META["outlet"], "صحيفة أخرى"])
    attributions = [r for s in load_dataset(str(out), "attributions").values() for r in s if r["doc_id"] == first]
    assert attributions and all(r["outlet"] == META["outlet"] for r in attributions)


@pytest.mark.parametrize("what", ["candidates", "gold"])
def test_a_file_without_review_statuses_is_refused_as_verified(what, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", seed_candidates()) if what == "candidates" else GOLD
    with pytest.raises(RecordError, match=r"in.jsonl:1: attribution .* has no review status|seeds.jsonl:1: .*"
                                          r"--unreviewed"):
        read_verified(path)
    result = subprocess.run([sys.executable, "-m", "builder.cli", "build", str(path), "-o", str(tmp_path / "ds")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "--unreviewed" in result.stderr
    assert not (tmp_path / "ds").exists()


def test_unreviewed_input_is_built_as_such_and_the_card_says_so(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", seed_candidates())
    built = build(path, tmp_path / "ds", options=Options(unreviewed=True))
    tables = built.assembled.tables
    assert not any(tables.rows("attributions").values()) and not any(tables.rows("documents").values())
    silver = load_dataset(str(tmp_path / "ds"), "unreviewed")
    statuses = silver["train"].features["spans"].feature["status"].names
    assert {statuses[s["status"]] for split in silver.values() for r in split for s in r["spans"]} == {UNREVIEWED}
    card = (tmp_path / "ds" / "README.md").read_text(encoding="utf-8")
    assert "**not reviewed by anyone**" in card and "| rule | accepted |" not in card


def test_a_frozen_test_list_keeps_the_last_release_test_set(gold, tmp_path):
    verified = verified_records(gold)
    first = build(write_jsonl(tmp_path / "v1.jsonl", verified[:3]), tmp_path / "r1").assembled
    write_jsonl(tmp_path / "v2.jsonl", verified)
    (tmp_path / "ids.txt").write_text("\n".join(sorted(first.tables.documents())) + "\n", encoding="utf-8")
    second = build(tmp_path / "v2.jsonl", tmp_path / "r2", options=Options(test_from=tmp_path / "ids.txt"))
    assert second.assembled.tables.documents("test") >= first.tables.documents()
    again = build(tmp_path / "v2.jsonl", tmp_path / "r3", options=Options(test_from=tmp_path / "r1"))
    test_set = json.loads((tmp_path / "r3" / "test-set.json").read_text(encoding="utf-8"))
    assert test_set["frozen_from"] == first.release and set(test_set["documents"]) >= first.tables.documents("test")
    assert f"test set of release `{first.release}`" in (tmp_path / "r3" / "README.md").read_text(encoding="utf-8")
    assert again.assembled.release != first.release
    (tmp_path / "bad.txt").write_text("ok\nnot an id\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"bad.txt:2: not a document id"):
        build(tmp_path / "v2.jsonl", tmp_path / "r4", options=Options(test_from=tmp_path / "bad.txt"))


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
    build(verified, out, options=Options(overwrite=True))
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
        build(inside, out, options=Options(overwrite=True))
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


def test_the_speakers_configuration_has_one_split(built):
    out, _ = built
    speakers = load_dataset(str(out), "speakers")
    assert list(speakers) == [SPLIT_ALL] and len(speakers[SPLIT_ALL]) > 5
