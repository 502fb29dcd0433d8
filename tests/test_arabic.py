"""Normalisation serves matching only and maps back: property tests over arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.arabic import fold, fold_word, is_deleted, normalize
from builder.documents import make_document
from builder.extract import extract

ARABIC_BITS = (
    "قالأكدإنهاوزيرالخارجيةىةؤئآ" + "\u064b\u064e\u0650\u0651\u0652\u0670" + "\u0640"
    + ".:،\"“”«»'‘’\n \u00a0" + "\u200b\u200c\u200d\u200f\u202b\u2066\ufeff" + "😀" + "\r"
)
texts = st.text(alphabet=st.sampled_from(ARABIC_BITS), max_size=120) | st.text(max_size=80)


@given(texts)
@settings(max_examples=300)
def test_every_stripped_character_maps_to_itself(original):
    norm = normalize(original)
    positions = [norm.position(i) for i in range(len(norm.text))]
    assert all(original[p] == norm.text[i] for i, p in enumerate(positions))
    assert positions == sorted(set(positions))
    kept = set(positions)
    for j in range(len(original)):
        if j not in kept:  # only marks, tatweel, invisible controls, or the dot of a dot-broken word
            assert is_deleted(original, j)


@given(texts, st.data())
@settings(max_examples=300)
def test_spans_map_back_to_the_stored_text(original, data):
    norm = normalize(original)
    n = len(norm.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    o_start, o_end = norm.span(start, end)
    assert 0 <= o_start <= o_end <= len(original)
    kept = "".join(original[norm.position(i)] for i in range(start, end))
    assert kept == norm.text[start:end]
    if end > start:
        assert o_start == norm.position(start)
        tail = original[norm.position(end - 1) + 1:o_end]
        assert all("\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640" or "\u06d6" <= ch <= "\u06ed" for ch in tail)


@given(st.text(alphabet=st.sampled_from(ARABIC_BITS), max_size=300))
@settings(max_examples=150, deadline=None)
def test_extraction_spans_index_the_stored_text(text):
    doc = make_document(text, "hypothesis")
    for a in extract(doc):
        for span in [*a["content"], a["speaker"], a["cue"]]:
            if span is not None:
                assert doc.text[span["start"]:span["end"]] == span["text"]
                assert span["text"].strip() == span["text"]


def test_folding_sees_through_variants():
    assert fold_word("أكّد") == fold_word("اكد") == fold_word("إكد")
    assert fold_word("مصطفى") == fold_word("مصطفي")
    assert fold_word("الخارجية") == fold_word("الخارجيه")
    assert fold_word("مكـ.ـافحة") == fold_word("مكافحة")
    assert fold_word("قا\u200cل") == fold_word("قال")
    assert fold("٢٠٢٠") == "2020"


def test_dot_of_a_dot_broken_word_goes_but_a_full_stop_stays():
    assert normalize("الإرهـ.ـاب").text == "الإرهاب"
    assert normalize("ليبيا.وقال").text == "ليبيا.وقال"
    assert normalize("سيالة.. روسيا").text == "سيالة.. روسيا"
