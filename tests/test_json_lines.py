"""builder.json_lines: JSON lines through ``jsonlines``, written as they always were, read with
each line's own number and a one-line problem for a line that is not JSON."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.contract import RecordError, read_records
from builder.json_lines import dumps, read_values, writer

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


@given(JSON_VALUES)
def test_a_value_is_written_as_the_candidates_files_always_wrote_it(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    out = io.StringIO()
    writer(out).write_all([value, value])
    assert out.getvalue() == 2 * (dumps(value) + "\n")


def test_values_keep_their_line_numbers_and_problems_are_one_line():
    lines = [(1, '{"a": 1}\n'), (2, "   \n"), (4, "null\n"), (5, "{oops\n"), (6, "\ufeff[1]\n"), (7, b"\xff\n")]
    assert list(read_values(lines)) == [
        (1, {"a": 1}, None), (4, None, None),
        (5, None, "malformed JSON: Expecting property name enclosed in double quotes (column 2)"),
        (6, [1], None), (7, None, "not UTF-8 text")]


def test_a_record_file_is_split_at_line_feeds_only(tmp_path):
    text = "قال\u2028الوزير\u0085 إن"
    record = {"doc_id": "d", "source": "s", "text": text, "meta": {}, "attributions": []}
    path = tmp_path / "r.jsonl"
    path.write_text(dumps(record) + "\n" + dumps({**record, "doc_id": "e"}) + "\n", encoding="utf-8")
    assert [(r["doc_id"], r["text"]) for r in read_records(path)] == [("d", text), ("e", text)]


@pytest.mark.parametrize(("content", "message"), [
    (b'{"doc_id": "d", "text": "t", "attributions": []}\n\xff\xfe\n', r"r.jsonl:2: not UTF-8 text$"),
    (b'\n\n{"doc_id": "d",\n', r"r.jsonl:3: malformed JSON: Expecting property name"),
])
def test_a_bad_line_of_a_record_file_is_named_in_one_line(tmp_path, content, message):
    path = tmp_path / "r.jsonl"
    path.write_bytes(content)
    with pytest.raises(RecordError, match=message):
        read_records(path)
