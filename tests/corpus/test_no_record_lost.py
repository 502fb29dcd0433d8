"""The reader probes of issue 20: no record is lost to its neighbour's fault.  A malformed
element of a JSON array costs only itself; JSON lines are split at ``\\n`` only (U+2028,
U+0085 and the like are text) and every warning names the real line; lines in two encodings
are reported line by line; UTF-16 is named as such, with or without a byte order mark."""

from __future__ import annotations

import io
import json
import sys

import pytest

from builder.corpus.inputs import read_corpus

QUOTE = 'قال الوزير: "نحن مستعدون للحوار".'
SEPARATORS = ["\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c", "\r"]


def read(*inputs, text_field="text"):
    skips = []
    docs = list(read_corpus([str(i) for i in inputs], skips.append, text_field=text_field))
    return docs, skips


def read_stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return read("-")


def line(text: str) -> str:
    return json.dumps({"text": text}, ensure_ascii=False)


MALFORMED = {
    "garbage": "{oops}",
    "trailing comma in the object": '{"text": "x",}',
    "two strings without a colon": '{"text" "x"}',
    "a closing brace missing": '{"text": "x"',
    "a quote missing": '{"text": "x}',
    "a bracket never closed": '{"text": ["x", "y"}',
    "nothing between two commas": "",
    "a word that is not JSON": "nope",
    "nested too deeply": "[" * 100_000,
}


@pytest.mark.parametrize("malformed", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_element_of_an_array_costs_only_itself(tmp_path, malformed):
    elements = [line(f"نص رقم {i}") for i in range(100)]
    elements[9] = malformed
    path = tmp_path / "news.json"
    path.write_text("[\n" + ",\n".join(elements) + "\n]\n", encoding="utf-8")
    docs, skips = read(path)
    assert [d.text for d in docs] == [f"نص رقم {i}" for i in range(100) if i != 9]
    assert [d.source for d in docs][8:10] == [f"{path}[8]", f"{path}[10]"]
    (skip,) = skips
    assert skip.line == 11 and not skip.kept and "element 9" in skip.reason and "\n" not in skip.reason


def test_an_array_on_one_line_names_the_column_of_its_error(tmp_path):
    path = tmp_path / "news.json"
    path.write_text(f'[{line("أول")}, {{"text": "ثان",}}, {line("ثالث")}]', encoding="utf-8")
    docs, skips = read(path)
    assert [d.text for d in docs] == ["أول", "ثالث"]
    assert [(s.line, s.reason) for s in skips] == [
        (1, "malformed JSON: Expecting property name enclosed in double quotes (column 34); element 1 is skipped")]


def test_a_comma_before_the_closing_bracket_is_reported_and_costs_nothing(tmp_path):
    path = tmp_path / "news.json"
    path.write_text(f"[{line('أول')},\n{line('ثان')},\n]", encoding="utf-8")
    docs, skips = read(path)
    assert [d.text for d in docs] == ["أول", "ثان"]
    assert [(s.line, s.reason.split(" that")[0]) for s in skips] == [(3, "malformed JSON: a ',' before the ']'")]


@pytest.mark.parametrize("separator", SEPARATORS, ids=[f"U+{ord(c):04X}" for c in SEPARATORS])
def test_json_lines_are_split_at_line_feeds_only(tmp_path, monkeypatch, separator):
    texts = [f"قال{separator}الوزير", "نص ثان", f"نص{separator}ثالث"]
    data = ("\n".join(line(t) for t in texts) + "\n{oops\n" + line("بعده") + "\n").encode()
    for suffix in (".jsonl", ".json"):
        (tmp_path / f"a{suffix}").write_bytes(data)
    for docs, skips, source in [(*read(tmp_path / "a.jsonl"), str(tmp_path / "a.jsonl")),
                                (*read(tmp_path / "a.json"), str(tmp_path / "a.json")),
                                (*read_stdin(monkeypatch, data), "<stdin>")]:
        assert [d.text for d in docs] == [*texts, "بعده"]
        assert [d.source for d in docs] == [f"{source}:{n}" for n in (1, 2, 3, 5)]
        assert [(s.line, s.reason.split(":")[0]) for s in skips] == [(4, "malformed JSON")]


def test_lines_in_two_encodings_are_each_read_and_reported(tmp_path, monkeypatch):
    utf8 = [line(f"قال الوزير رقم {i} إن الحوار مستمر").encode() for i in range(3)]
    cp1256 = line("وأضاف أن الحوار مستمر بين الطرفين").encode("cp1256")
    data = b"\n".join([utf8[0], cp1256, utf8[1], cp1256, utf8[2]]) + b"\n"
    (tmp_path / "mixed.jsonl").write_bytes(data)
    for docs, skips in (read(tmp_path / "mixed.jsonl"), read_stdin(monkeypatch, data)):
        assert len(docs) == 5 and docs[1].text == "وأضاف أن الحوار مستمر بين الطرفين"
        assert [(s.line, s.kept, s.reason) for s in skips] == [
            (n, True, "read as Windows-1256, while line 1 is UTF-8") for n in (2, 4)]


def test_an_ascii_line_with_one_stray_byte_is_reported_never_read_as_windows_1256(tmp_path, monkeypatch):
    data = b'{"text": "first line"}\n{"text": "second \xc7 line"}\n{"text": "third line"}\n'
    (tmp_path / "a.jsonl").write_bytes(data)
    (tmp_path / "a.txt").write_bytes(b"first line\nsecond \xc7 line\n")
    for docs, skips in (read(tmp_path / "a.jsonl"), read_stdin(monkeypatch, data)):
        assert [d.text for d in docs] == ["first line", "third line"]
        assert [(s.line, s.reason.split(" (")[0]) for s in skips] == [
            (2, "cannot decode: neither UTF-8 nor Windows-1256")]
    docs, skips = read(tmp_path / "a.txt")
    assert docs == [] and [(s.line, s.kept) for s in skips] == [(2, False)]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named_not_called_binary(tmp_path, monkeypatch, codec):
    text = line(QUOTE) + "\n" + line("نص ثان") + "\n"
    for suffix in (".jsonl", ".json", ".txt", ".csv"):
        (tmp_path / f"a{suffix}").write_bytes(("text\nنص\n" if suffix == ".csv" else text).encode(codec))
    runs = [read(tmp_path / f"a{suffix}") for suffix in (".jsonl", ".json", ".txt", ".csv")]
    for docs, skips in [*runs, read_stdin(monkeypatch, text.encode(codec))]:
        assert docs == []
        (skip,) = skips
        assert skip.reason.startswith("cannot decode: UTF-16 text (") and "binary" not in skip.reason
