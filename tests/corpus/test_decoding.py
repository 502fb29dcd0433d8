"""Decoding tells the truth: properties of bytes → text, and the cases of the issue."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from builder.corpus.decoding import CONTROL_BYTES, DecodeError, UTF16Error, decode

ARABIC_LETTERS = [chr(c) for c in [*range(0x0621, 0x063B), *range(0x0641, 0x064B)]]
TEXT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters=[chr(b) for b in CONTROL_BYTES])
ARABIC_CHARS = st.sampled_from([*ARABIC_LETTERS, " ", " ", "\n", ".", ":", '"', "1", "(", ")"])


def arabic(min_letters: int):
    """Arabic words, spaces, line breaks, digits and ASCII punctuation (what Windows-1256 news
    looks like), with at least ``min_letters`` Arabic letters."""
    return st.text(ARABIC_CHARS, min_size=2 * min_letters, max_size=300).filter(
        lambda t: sum(ch in ARABIC_LETTERS for ch in t) >= min_letters)


def line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


@given(st.text(TEXT_CHARS, max_size=300))
def test_utf8_text_decodes_to_itself_with_nothing_to_report(text):
    decoded = decode(text.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.notes) == (text, "utf-8", ())
    with_bom = decode(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert (with_bom.text, with_bom.encoding, with_bom.notes) == (text, "utf-8-sig", ())


def has_a_word(text: str) -> bool:
    """Two Arabic letters in a row: Windows-1256 is known by its words (a lone letter between
    ASCII bytes is one stray byte, which Windows-1256 would read as a letter too)."""
    return any(a in ARABIC_LETTERS and b in ARABIC_LETTERS for a, b in pairwise(text))


@given(arabic(2).filter(has_a_word))
def test_windows_1256_arabic_decodes_to_itself(text):
    decoded = decode(text.encode("cp1256"))
    assert (decoded.text, decoded.encoding, decoded.notes) == (text, "cp1256", ())


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=80), st.data())
def test_one_stray_byte_in_ascii_is_never_read_as_windows_1256(ascii_text, data):
    at = data.draw(st.integers(0, len(ascii_text)))
    stray = data.draw(st.sampled_from([bytes([b]) for b in range(0xC1, 0xDB)]))  # Arabic letters in Windows-1256
    with pytest.raises(DecodeError, match="neither UTF-8 nor Windows-1256"):
        decode(ascii_text[:at].encode() + stray + ascii_text[at:].encode())


@given(arabic(3), st.data())
def test_bad_bytes_in_utf8_are_replaced_and_their_lines_named(text, data):
    letters = sum(ch in ARABIC_LETTERS for ch in text)
    places = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=1, max_size=letters - 1, unique=True)))
    raw, expected = b"", ""
    for i, ch in enumerate([*text, ""]):
        if i in places:
            raw, expected = raw + b"\xff", expected + "\ufffd"
        raw, expected = raw + ch.encode("utf-8"), expected + ch
    decoded = decode(raw)
    assert decoded.encoding == "utf-8" and decoded.text == expected
    (note,) = decoded.notes
    assert note.what == f"{len(places)} byte{'s' if len(places) > 1 else ''} not valid in UTF-8 replaced by U+FFFD"
    assert list(note.lines) == sorted({line_at(text, p) for p in places})


@given(arabic(3))
def test_a_truncated_last_character_stays_utf8(text):
    assume(text[-1] in ARABIC_LETTERS)
    decoded = decode(text.encode("utf-8")[:-1])
    assert (decoded.text, decoded.encoding) == (text[:-1] + "\ufffd", "utf-8")
    assert [note.lines for note in decoded.notes] == [(line_at(text, len(text) - 1),)]


@given(arabic(20), st.data())
def test_a_few_nul_bytes_are_dropped_and_reported(text, data):
    places = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=1, max_size=3, unique=True)))
    raw = b"\x00".join(text[start:end].encode("utf-8") for start, end in zip([0, *places], [*places, len(text)],
                                                                               strict=True))
    decoded = decode(raw)
    assert (decoded.text, decoded.encoding) == (text, "utf-8")
    (note,) = decoded.notes
    assert note.what.startswith(f"{len(places)} NUL byte") and note.what.endswith("dropped")
    assert list(note.lines) == sorted({line_at(text, p) for p in places})


@given(st.binary(max_size=400))
def test_any_bytes_give_text_that_can_be_written_or_a_decode_error(raw):
    try:
        decoded = decode(raw)
    except DecodeError as exc:
        assert exc.line is None or exc.line >= 1
        return
    assert "\x00" not in decoded.text
    decoded.text.encode("utf-8")  # no lone surrogate
    for note in decoded.notes:
        assert all(1 <= line <= raw.count(b"\n") + 1 for line in note.lines)


@given(st.binary(min_size=20, max_size=400))
def test_binary_data_is_refused(raw):
    assume(sum(b in CONTROL_BYTES for b in raw) > 0.05 * len(raw.removeprefix(b"\xef\xbb\xbf")))
    assume(not raw.startswith((b"\xff\xfe", b"\xfe\xff")))
    with pytest.raises(DecodeError, match="binary data"):
        decode(raw)


def test_a_utf8_file_with_one_bad_byte_is_not_read_as_windows_1256():
    text = "قال الوزير إن الاجتماع سيعقد غدا.\nوأضاف أن الحوار مستمر."
    raw = text.encode("utf-8")
    cut = raw.index("وأضاف".encode())
    decoded = decode(raw[:cut] + b"\xe9" + raw[cut:])
    assert decoded.encoding == "utf-8"
    assert decoded.text == text.replace("وأضاف", "\ufffdوأضاف")
    assert [note.message() for note in decoded.notes] == ["1 byte not valid in UTF-8 replaced by U+FFFD on line 2"]


def test_latin_text_is_not_read_as_windows_1256():
    with pytest.raises(DecodeError, match="neither UTF-8 nor Windows-1256") as caught:
        decode("première ligne\ndeuxième ligne à Genève, où l'été\n".encode("latin-1"))
    assert caught.value.line == 1


def test_a_file_mixing_two_encodings_is_refused_with_the_line():
    utf8 = "قال الوزير إن الاجتماع سيعقد غدا".encode()
    cp1256 = "وأضاف أن الحوار مستمر بين الطرفين منذ أشهر".encode("cp1256")
    with pytest.raises(DecodeError, match="mixes UTF-8") as caught:
        decode(utf8 + b"\n" + cp1256 * 2)
    assert caught.value.line == 2


def test_utf16_is_named_not_called_binary():
    with pytest.raises(DecodeError, match="UTF-16"):
        decode("قال".encode("utf-16"))


@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "little"), ("utf-16-be", "big")])
@pytest.mark.parametrize("text", ["قال الوزير إن الاجتماع سيعقد غدا.\n", '{"text": "plain ASCII"}\n'])
def test_utf16_without_a_byte_order_mark_is_named_too(codec, order, text):
    with pytest.raises(UTF16Error, match=f"UTF-16 text \\({order}-endian, without a byte order mark\\)"):
        decode(text.encode(codec))


@given(st.binary(min_size=20, max_size=400))
def test_random_bytes_are_not_taken_for_utf16(raw):
    try:
        decode(raw)
    except UTF16Error:
        assert raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw.count(b"\x00") + raw.count(b"\x06") >= len(raw) // 4
    except DecodeError:
        pass


def test_notes_name_a_few_lines_then_count_the_rest():
    raw = b"".join(f"سطر {i} ".encode() + b"\xff\n" for i in range(1, 9))
    (note,) = decode(raw).notes
    assert note.message() == "8 bytes not valid in UTF-8 replaced by U+FFFD on lines 1, 2, 3, 4, 5 and 3 more"
    assert note.message(first=10).startswith("8 bytes not valid in UTF-8 replaced by U+FFFD on lines 10, 11")
