"""Reading corpora: encodings, formats, and bad input reported by file and line."""

from __future__ import annotations

import json

import datasets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.corpus.inputs import read_corpus
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


def test_a_utf8_file_with_one_bad_byte_stays_utf8_and_the_line_is_named(tmp_path):
    raw = f"{ARABIC}\n{ARABIC}\n".encode()
    cut = raw.rindex("الوزير".encode())
    (tmp_path / "a.txt").write_bytes(raw[:cut] + b"\xff" + raw[cut:])
    (doc,), skips = read(tmp_path / "a.txt")
    assert doc.text == ARABIC + "\n" + ARABIC.replace("الوزير", "\ufffdالوزير") + "\n"
    assert "encoding" not in doc.meta
    assert [(s.line, s.kept) for s in skips] == [(2, True)]
    assert str(skips[0]) == f"{tmp_path / 'a.txt'}:2: 1 byte not valid in UTF-8 replaced by U+FFFD on line 2"


def test_a_nul_byte_in_a_text_file_is_dropped_with_a_warning(tmp_path):
    raw = f"{ARABIC}\n{ARABIC}".encode()
    (tmp_path / "a.txt").write_bytes(raw.replace(" إن".encode(), b"\x00" + " إن".encode(), 1))
    (doc,), skips = read(tmp_path / "a.txt")
    assert doc.text == f"{ARABIC}\n{ARABIC}"
    assert [(s.line, s.kept, s.reason) for s in skips] == [(1, True, "1 NUL byte dropped on line 1")]


def test_jsonl_lines_are_decoded_and_reported_by_their_own_line(tmp_path):
    good = json.dumps({"text": ARABIC}, ensure_ascii=False).encode()
    (tmp_path / "a.jsonl").write_bytes(good + b"\n" + good.replace(b"\xd9\x82", b"\xd9", 1) + b"\n" + good + b"\n")
    docs, skips = read(tmp_path / "a.jsonl")
    assert len(docs) == 3 and "\ufffd" in docs[1].text
    assert [(s.line, s.reason) for s in skips] == [(2, "1 byte not valid in UTF-8 replaced by U+FFFD on line 2")]


def test_a_lone_surrogate_in_json_is_replaced_and_the_lines_after_it_are_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "قال \\ud83d\\ude00 الوزير"}\n{"text": "نص \\ud800 مكسور", "note": "\\udfff"}\n'
                    '{"text": "نص بعده"}\n', encoding="utf-8")
    docs, skips = read(path)
    assert [d.text for d in docs] == ["قال 😀 الوزير", "نص \ufffd مكسور", "نص بعده"]
    assert docs[1].meta == {"note": "\ufffd"}
    assert [(s.line, s.kept) for s in skips] == [(2, True)] and "2 lone surrogate" in skips[0].reason


def test_a_json_array_of_objects_is_read_like_json_lines(tmp_path):
    path = tmp_path / "news.json"
    path.write_text('[\n  {"body": "نص أول", "id": 1},\n  {"id": 2},\n  "not an object",\n'
                    '  {"body": "نص \\ud800 ثالث"}\n]\n', encoding="utf-8")
    docs, skips = read(path, text_field="body")
    assert [(d.text, d.source, d.meta) for d in docs] == [("نص أول", f"{path}[0]", {"id": 1}),
                                                          ("نص \ufffd ثالث", f"{path}[3]", {})]
    assert [(s.line, s.reason) for s in skips] == [
        (3, "no text in field 'body' of element 1 of the array"), (4, "element 2 of the array must be an object"),
        (5, "1 lone surrogate escape(s) such as \\ud800 replaced by U+FFFD")]


def test_a_broken_json_array_keeps_the_elements_before_the_break(tmp_path):
    path = tmp_path / "news.json"
    path.write_text('[{"text": "نص أول"},\n {"text": "نص ثان"}\n {"text": "لا يقرأ"}]', encoding="utf-8")
    docs, skips = read(path)
    assert [d.text for d in docs] == ["نص أول", "نص ثان"]
    assert [(s.line, s.reason.split(";")[0]) for s in skips] == [(3, "malformed JSON: expected ',' or ']' after an "
                                                                     "element")]


def test_a_json_file_may_hold_one_object_or_json_lines(tmp_path):
    (tmp_path / "one.json").write_text('{"text": "نص واحد",\n "id": 7}', encoding="utf-8")
    (tmp_path / "lines.json").write_text('{"text": "سطر أول"}\n{oops\n{"text": "سطر ثالث"}\n', encoding="utf-8")
    docs, skips = read(tmp_path / "one.json", tmp_path / "lines.json")
    assert [d.text for d in docs] == ["نص واحد", "سطر أول", "سطر ثالث"]
    assert docs[0].meta == {"id": 7}
    assert [(s.line, s.reason.split(":")[0]) for s in skips] == [(2, "malformed JSON")]


def test_csv_and_tsv_rows_are_documents_with_their_columns_as_metadata(tmp_path):
    (tmp_path / "a.csv").write_text('id,text,outlet\n1,"قال: ""نحن هنا"".\nسطر ثان",x\n2,,y\n3,نص,z,extra\n'
                                    '4,نص رابع,w\n', encoding="utf-8")
    (tmp_path / "b.tsv").write_bytes("text\tid\nنص من ملف\t9\n".encode("cp1256"))
    docs, skips = read(tmp_path / "a.csv", tmp_path / "b.tsv")
    assert [(d.text, d.meta, d.source.rsplit("/", 1)[-1]) for d in docs] == [
        ('قال: "نحن هنا".\nسطر ثان', {"id": "1", "outlet": "x"}, "a.csv:2"),
        ("نص رابع", {"id": "4", "outlet": "w"}, "a.csv:6"),
        ("نص من ملف", {"id": "9"}, "b.tsv:2")]
    assert [(s.line, s.reason) for s in skips] == [(4, "no text in field 'text'"),
                                                   (5, "4 fields where the header has 3")]


def test_a_csv_without_the_text_column_names_its_columns(tmp_path):
    (tmp_path / "a.csv").write_text("id,body\n1,نص\n", encoding="utf-8")
    docs, skips = read(tmp_path / "a.csv")
    assert docs == [] and [s.reason for s in skips] == ["no column 'text' (columns: id, body)"]


def test_badly_quoted_csv_is_reported_by_line_and_the_next_rows_are_read(tmp_path):
    (tmp_path / "a.csv").write_text('text,id\n"نص" زائد,1\nنص سليم,2\n', encoding="utf-8")
    docs, skips = read(tmp_path / "a.csv")
    assert [d.text for d in docs] == ["نص سليم"]
    assert [(s.line, s.reason.split(":")[0]) for s in skips] == [(2, "malformed CSV")]


def test_parquet_rows_are_documents(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": [ARABIC, None, "نص آخر"], "n": [1, 2, 3]}), tmp_path / "a.parquet")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    docs, skips = read(tmp_path / "a.parquet", tmp_path / "broken.parquet")
    assert [(d.text, d.meta, d.source) for d in docs] == [(ARABIC, {"n": 1}, f"{tmp_path / 'a.parquet'}:1"),
                                                          ("نص آخر", {"n": 3}, f"{tmp_path / 'a.parquet'}:3")]
    assert [(s.source.rsplit("/", 1)[-1], s.line) for s in skips] == [("a.parquet", 2), ("broken.parquet", None)]
    assert skips[1].reason.startswith("not a readable Parquet file")


def test_a_file_of_another_kind_given_by_name_is_refused(tmp_path):
    (tmp_path / "notes.md").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "article").write_text(ARABIC, encoding="utf-8")
    docs, skips = read(tmp_path / "notes.md", tmp_path / "article")
    assert docs == []
    assert [s.reason.split(";")[0] for s in skips] == ["not a kind of file iqtibas reads (.md)",
                                                       "not a kind of file iqtibas reads (no suffix)"]


def test_a_folder_scan_leaves_out_other_kinds_hidden_files_and_links_to_folders(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("نص أ", encoding="utf-8")
    (tmp_path / "b.CSV").write_text("text\nنص ب\n", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>نص</p>", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("نص مخفي", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    datasets.Dataset.from_dict({"text": ["نص د"]}).save_to_disk(tmp_path / "sub" / "saved")
    with caplog.at_level("INFO", logger="builder.corpus.inputs"):
        docs, skips = read(tmp_path)
    assert [d.text for d in docs] == ["نص أ", "نص ب", "نص د"] and skips == []
    assert "left out 1 file(s) of other kinds (.html 1)" in caplog.text


def test_fifos_and_devices_are_reported_not_opened(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "ok.txt").write_text(ARABIC, encoding="utf-8")
    docs, skips = read(tmp_path, tmp_path / "pipe.txt")
    assert [d.text for d in docs] == [ARABIC]
    assert [(s.source.rsplit("/", 1)[-1], s.reason) for s in skips] == [
        ("pipe.txt", "not a regular file (a FIFO)"), ("zero.txt", "not a regular file (a device)"),
        ("pipe.txt", "not a regular file (a FIFO)")]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([".txt", ".jsonl", ".json", ".csv", ".tsv", ".parquet"]),
       st.one_of(st.binary(max_size=300),
                 st.text(st.sampled_from('{}[]",:\\\n\tud800قال '), max_size=200).map(str.encode)))
def test_no_input_raises_and_every_document_can_be_written(tmp_path, suffix, data):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    docs, skips = read(path)
    for doc in docs:
        json.dumps(doc.meta, ensure_ascii=False).encode("utf-8")
        doc.text.encode("utf-8")
    assert all(isinstance(s.reason, str) and "\n" not in s.reason for s in skips)
