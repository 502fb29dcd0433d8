"""The token view: Arabic words whole with their marks, proclitics split off, offsets exact."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.contract import labeled_spans
from builder.dataset.structure import Structure
from builder.dataset.tokens import cut_at, tokenize
from tests.conftest import ROOT


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_a_word_keeps_its_marks_and_tatweel():
    assert words("أكّدَ الوزيـــر") == ["أكّدَ", "ال", "وزيـــر"]


@pytest.mark.parametrize("text, expected", [
    ("وقال المتحدث", ["و", "قال", "ال", "متحدث"]),          # a cue after و
    ("فأوضح أن", ["ف", "أوضح", "أن"]),
    ("والحكومة", ["و", "ال", "حكومة"]),                      # conjunction, article
    ("وللمرة", ["و", "ل", "ل", "مرة"]),                      # ل + the article without its alef
    ("بالقاهرة كالعادة للصحفيين", ["ب", "ال", "قاهرة", "ك", "ال", "عادة", "ل", "ل", "صحفيين"]),
    ("ووفقا لـ\"الأناضول\"", ["و", "وفقا", "لـ", '"', "ال", "أناضول", '"']),
    ("وزير ولاية وصف الذي الله", ["وزير", "ولاية", "وصف", "الذي", "الله"]),  # nothing to cut
    ("إلى الى ألف", ["إلى", "الى", "ألف"]),                  # no article
])
def test_proclitics_are_split_off_where_the_reading_is_sure(text, expected):
    assert words(text) == expected


def test_numbers_punctuation_and_latin():
    assert words("ارتفع 3.5% (٢٠٢٠) COVID-19…") == ["ارتفع", "3.5", "%", "(", "٢٠٢٠", ")", "COVID", "-", "19", "…"]


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_tokens_cover_every_character_but_spaces_once_and_in_order(text):
    toks = tokenize(text)
    covered = [k for s, e in toks for k in range(s, e)]
    assert covered == sorted(set(covered))
    assert all(s < e for s, e in toks)
    assert {k for k, ch in enumerate(text) if not ch.isspace()} <= set(covered)
    assert all(not text[k].isspace() for k in covered)


def test_cut_at_cuts_only_inside_tokens_and_counts_the_cuts():
    text = "لبيانات وزارة"
    toks, cuts = cut_at(tokenize(text), [1, 0, 8, 13])
    assert [text[s:e] for s, e in toks] == ["ل", "بيانات", "وزارة"] and cuts == 1


def test_gold_spans_start_and_end_on_tokens():
    """The proclitic split is what makes cues like وقال tokens of their own: in the seeds'
    and the development set's gold, two span boundaries of 1,070 fall inside a token."""
    inside = total = 0
    for name in ("seeds.jsonl", "dev.jsonl"):
        for line in (ROOT / "data" / "gold" / name).read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            toks = tokenize(doc["text"])
            bounds = {s for s, _ in toks} | {e for _, e in toks}
            for a in doc["attributions"]:
                for part in labeled_spans(a):
                    total += 2
                    inside += (part.span["start"] not in bounds) + (part.span["end"] not in bounds)
    assert total > 1000 and inside <= 2


def test_paragraphs_and_sentences_partition_the_tokens(gold):
    text = gold[0]["text"]
    toks = tokenize(text)
    structure = Structure.of(text, toks)
    for pieces in (structure.paragraphs, structure.sentences):
        assert [p.id for p in pieces] == list(range(len(pieces)))
        assert pieces[0].token_start == 0 and pieces[-1].token_end == len(toks)
        assert all(a.token_end == b.token_start for a, b in pairwise(pieces))
    assert len(structure.paragraphs) == sum(1 for line in text.split("\n") if line.strip())
    assert len(structure.sentences) > len(structure.paragraphs)
    for s in structure.sentences:
        para = structure.paragraphs[s.paragraph]
        assert para.start <= s.start < s.end <= para.end
