"""Chunks, pre-annotation regions and their reading back — without a server."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotation.offsets import OffsetMap, realign
from annotation.results import read_result
from annotation.tasks import chunk_document, prediction_result
from builder.corpus.inputs import read_corpus
from builder.run.encode import candidate_record
from tests.conftest import SEEDS


def seeds() -> list[dict]:
    return [candidate_record(d) for d in read_corpus([str(SEEDS)], lambda s: None)]


def test_long_documents_split_at_paragraphs_and_map_back():
    for record in seeds():
        chunks = chunk_document(record, max_chars=1200)
        assert "".join(c.text for c in chunks) == record["text"]
        assert all(record["text"][c.offset:c.offset + len(c.text)] == c.text for c in chunks)
        assert all(c.offset == 0 or record["text"][c.offset - 1] == "\n" for c in chunks)
        for a in record["attributions"]:
            spans = [*a["content"], *(s for s in (a["speaker"], a["cue"]) if s)]
            homes = {next(c.index for c in chunks if c.offset <= s["start"] < c.offset + len(c.text)) for s in spans}
            assert len(homes) == 1  # no attribution is cut in two


def test_prediction_regions_read_back_to_the_same_attributions():
    for record in seeds():
        back = []
        for chunk in chunk_document(record, max_chars=1500):
            back += read_result(prediction_result(record["attributions"], chunk), chunk).attributions
        keys = ("type", "content", "speaker", "speaker_name", "cue")
        assert [{k: a[k] for k in keys} for a in back] == [{k: a[k] for k in keys} for a in record["attributions"]]
        assert [a["provenance"]["rule"] for a in back] == [a["rule"] for a in record["attributions"]]


@given(st.text(alphabet=st.sampled_from("اب ت😀🌍\n\"م"), max_size=60), st.data())
def test_utf16_offsets_round_trip(text, data):
    omap = OffsetMap(text)
    i = data.draw(st.integers(0, len(text)))
    assert omap.from_utf16(omap.to_utf16(i)) == i
    assert omap.to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2


def test_realign_finds_the_nearest_exact_text():
    text = "قال: نعم. ثم قال: نعم مرة أخرى."
    second = text.rindex("نعم")
    assert realign(text, second + 2, second + 5, "نعم") == (second, second + 3)
    assert realign(text, 0, 3, "غير موجود") is None
