"""IOB2 tags in layers: always valid, and decoding them gives back every span exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder.contract import REJECTED, VERIFIED
from builder.dataset.tags import OUTSIDE, TAGS, decode, is_valid, layers
from builder.dataset.view import document_view, parts

ALPHABET = "وفبلكالقأنّـيتم ٣2.،:\"«»\n"
PARTS = ("speaker", "cue", "addressee", "medium")


@st.composite
def spans(draw, text: str) -> dict:
    """A span of ``text`` that neither starts nor ends with a space."""
    starts = [k for k, ch in enumerate(text) if not ch.isspace()]
    start = draw(st.sampled_from(starts))
    end = draw(st.sampled_from([k + 1 for k in starts if k >= start]))
    return {"start": start, "end": end, "text": text[start:end]}


@st.composite
def documents(draw) -> tuple[dict, list[dict]]:
    text = draw(st.text(ALPHABET, min_size=1, max_size=60).filter(lambda t: t.strip()))
    attributions = []
    for k in range(draw(st.integers(0, 5))):
        a = {"id": f"a{k}", "type": "direct", "content": draw(st.lists(spans(text), min_size=1, max_size=2)),
             "speaker_name": None, "rule": "r", "confidence": 0.5,
             "status": draw(st.sampled_from([*VERIFIED, REJECTED]))}
        for key in PARTS:
            a[key] = draw(st.none() | spans(text))
        attributions.append(a)
    return {"doc_id": "d", "source": "s", "text": text, "meta": {}}, attributions


@given(documents())
def test_decoding_every_layer_gives_back_every_span_exactly(document):
    doc, attributions = document
    view = document_view(doc, attributions)
    starts, ends = [s for s, _ in view.tokens], [e for _, e in view.tokens]
    decoded = set()
    for layer in view.tags:
        assert len(layer) == len(view.tokens) and is_valid(layer) and set(layer) <= set(TAGS)
        decoded |= {(label, starts[first], ends[end - 1]) for label, first, end in decode(layer)}
    expected = {(p.label, p.span["start"], p.span["end"]) for a in attributions if a["status"] != REJECTED
                for p in parts(a)}
    assert decoded == expected
    for span in view.spans:  # token indices on every span, the negatives' too
        assert (starts[span.token_start], ends[span.token_end - 1]) == (span.part.span["start"], span.part.span["end"])
        assert (span.layer == -1) == span.negative


def test_nested_spans_go_to_a_second_layer_and_the_first_is_the_flat_view():
    spans = [("QUOTE", 0, 10), ("SPEAKER", 2, 4), ("CUE", 4, 5), ("QUOTE", 6, 9), ("SPEAKER", 10, 12)]
    tags, layer_of = layers(spans, 12)
    assert tags[0] == ["B-QUOTE", *["I-QUOTE"] * 9, "B-SPEAKER", "I-SPEAKER"]
    assert tags[1] == [OUTSIDE, OUTSIDE, "B-SPEAKER", "I-SPEAKER", "B-CUE", OUTSIDE, "B-QUOTE", "I-QUOTE", "I-QUOTE",
                       OUTSIDE, OUTSIDE, OUTSIDE]
    assert [layer_of[s] for s in spans] == [0, 1, 1, 1, 0]


def test_adjacent_spans_of_one_label_stay_two_and_one_span_given_twice_is_tagged_once():
    tags, _ = layers([("QUOTE", 0, 2), ("QUOTE", 2, 3), ("QUOTE", 0, 2)], 3)
    assert tags == [["B-QUOTE", "I-QUOTE", "B-QUOTE"]]
    assert decode(tags[0]) == [("QUOTE", 0, 2), ("QUOTE", 2, 3)]


def test_a_taggers_invalid_sequence_still_decodes_and_is_called_invalid():
    tags = ["O", "I-CUE", "I-SPEAKER", "B-QUOTE", "I-QUOTE"]
    assert not is_valid(tags)
    assert decode(tags) == [("CUE", 1, 2), ("SPEAKER", 2, 3), ("QUOTE", 3, 5)]
