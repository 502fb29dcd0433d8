"""Reading corpora: encodings, formats, and bad input reported by file and line."""

from __future__ import annotations

import json

import datasets
import pytest

from builder.corpus import read_corpus
from builder.documents import doc_id_for

ARABIC = "قال الوزير إن الاجتماع سيعقد غدا."


def read(*inputs, text_field="text"):
    skips = []
    docs = list(read_corpus([str(i) for i in inputs], skips.append, text_field=text_field))
    return docs, skips


def test_utf8_bom_and_windows_1256_are_detected_per_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARABIC.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + ARABIC.encode("utf-8"))
    (tmp_path / "c.txt").write_bytes(ARABIC.encode("cp1256"))
    docs, skips = read(tmp_path)
    assert skips == []
    assert [d.text for d in docs] == [ARABIC] * 3
    assert docs[2].meta["encoding"] == "cp1256"
    assert len({d.doc_id for d in docs}) == 1


def test_crlf_becomes_lf_and_nothing_else_changes(tmp_path):
    text = "سطر أول\r\nسطر  ثان\u200f\tمع «علامات»\r\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (doc,), _ = read(tmp_path / "a.txt")
    assert doc.text == text.replace("\r\n", "\n")
    assert doc.doc_id == doc_id_for(doc.text)


def test_bad_files_are_reported_by_name_and_line_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"line one\nline two\x00\x01\x02\xff")
    (tmp_path / "bad.txt").write_bytes("first line\nsecond café line\n".encode("latin-1"))
    docs, skips = read(tmp_path)
    assert [d.text for d in docs] == [ARABIC]
    reported = {s.source.rsplit("/", 1)[-1]: s for s in skips}
    assert set(reported) == {"empty.txt", "binary.txt", "bad.txt"}
    assert reported["binary.txt"].line == 2
    assert reported["bad.txt"].line == 2
    assert "empty" in reported["empty.txt"].reason


def test_jsonl_lines_with_metadata_and_broken_lines(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "body": ARABIC, "outlet": "x"}, ensure_ascii=False) + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2"}) + "\n"
        + "\n"
        + json.dumps({"id": "a3", "body": "نص آخر"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    docs, skips = read(path, text_field="body")
    assert [d.meta["id"] for d in docs] == ["a1", "a3"]
    assert docs[0].meta == {"id": "a1", "outlet": "x"}
    assert docs[0].source == f"{path}:1"
    assert [(s.line, s.reason.split(":")[0]) for s in skips] == [(2, "malformed JSON"), (3, "no text in field 'body'")]


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("نص ب", encoding="utf-8")
    (tmp_path / "1.txt").write_text("نص أ", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    docs, _ = read(tmp_path)
    assert [d.text for d in docs] == ["نص أ", "نص ب"]


def test_saved_huggingface_dataset(tmp_path):
    datasets.Dataset.from_dict({"text": [ARABIC, ""], "url": ["u1", "u2"]}).save_to_disk(tmp_path / "ds")
    docs, skips = read(tmp_path / "ds")
    assert [d.text for d in docs] == [ARABIC]
    assert docs[0].meta == {"url": "u1"}
    assert [s.line for s in skips] == [2]


def test_missing_input_is_reported(tmp_path):
    docs, skips = read(tmp_path / "nope.txt")
    assert docs == [] and "no such file" in skips[0].reason


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf\xff\xfe", b"\x00\x00\x00"])
def test_undecodable_bytes_never_raise(tmp_path, data):
    (tmp_path / "x.txt").write_bytes(data)
    docs, skips = read(tmp_path / "x.txt")
    assert docs == [] and len(skips) == 1
