"""Nesting on its own: a candidate whose cue lies in another's content is what that content
frames (the outer one goes) or speech within speech (it goes) — ``builder/engine/nesting.py``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.contract import INDIRECT
from builder.documents import make_document
from builder.engine.context import Candidate
from builder.engine.extract import extract
from builder.engine.layout import layout
from builder.engine.nesting import NESTED_FRAME_CHARS, settle_nesting
from builder.lexicon.lexicon import load


def candidate(content: list[tuple[int, int]], cue: tuple[int, int] | None, rule: str = "verb.that") -> Candidate:
    position = cue[0] if cue else content[0][0]
    return Candidate(rule, INDIRECT, tuple(content), cue, None, "m", position, 0.9)


def test_a_cue_that_opens_another_content_is_what_it_frames():
    outer = candidate([(10, 200)], (0, 5))
    inner = candidate([(30, 200)], (12, 16))
    assert settle_nesting([outer, inner]) == [inner]


def test_a_cue_deep_inside_another_content_is_speech_within_speech():
    outer = candidate([(10, 200)], (0, 5))
    inner = candidate([(150, 190)], (120, 124))
    assert settle_nesting([outer, inner]) == [outer]


def test_the_frame_reaches_so_many_characters_into_the_content():
    for offset, kept in ((NESTED_FRAME_CHARS, "inner"), (NESTED_FRAME_CHARS + 1, "outer")):
        outer = candidate([(10, 300)], (0, 5))
        inner = candidate([(250, 290)], (10 + offset, 14 + offset))
        assert settle_nesting([outer, inner]) == [inner if kept == "inner" else outer]


def test_a_content_holds_the_cues_from_its_start_to_before_its_end():
    outer = candidate([(10, 100)], (0, 5))
    at_start = candidate([(120, 150)], (10, 14))
    at_end = candidate([(120, 150)], (100, 104))
    assert settle_nesting([outer, at_start]) == [at_start]
    assert settle_nesting([outer, at_end]) == [outer, at_end]


def test_candidates_apart_and_cueless_candidates_are_kept():
    first = candidate([(10, 50)], (0, 5))
    second = candidate([(70, 110)], (60, 65))
    headline = candidate([(0, 200)], None, "headline.colon")  # may hold cues, is held by none
    assert settle_nesting([first, second]) == [first, second]
    assert settle_nesting([first, headline]) == [first]  # its cue opens the headline's content
    later = candidate([(120, 150)], (100, 105))
    assert settle_nesting([headline, later]) == [headline]  # speech within the headline's


def test_a_candidate_whose_cue_lies_in_its_own_content_stays():
    own = candidate([(0, 80)], (40, 44), "postposed.quote")
    assert settle_nesting([own]) == [own]


def test_a_dropped_frame_drops_nothing_more():
    outer = candidate([(10, 400)], (0, 5))
    middle = candidate([(30, 400)], (12, 16))  # opens the outer content: the outer goes
    deep = candidate([(300, 390)], (250, 254))  # deep in both: speech within the middle one's
    assert settle_nesting([outer, middle, deep]) == [middle]


def test_the_extraction_keeps_the_cue_a_framing_source_opens_with():
    text = "أفادت المعلومات أن الوزير أكد في مؤتمر صحفي أن الحكومة ماضية في الإصلاحات."
    lex = load()
    assert len(layout(text, lex).cues) == 2  # أفادت and أكد: two cues, one candidate
    [only] = extract(make_document(text, "test"), lex)
    assert only["cue"]["text"] == "أكد" and only["content"][0]["text"] == "الحكومة ماضية في الإصلاحات"


def _settled_by_definition(candidates: list[Candidate]) -> list[Candidate]:
    """The plain definition: every pair looked at."""
    dropped: set[int] = set()
    for k, b in enumerate(candidates):
        if b.cue is None:
            continue
        holders = sorted((a, s) for a, c in enumerate(candidates) for s, e in c.content if s <= b.cue[0] < e)
        for a, start in holders:
            if a != k and a not in dropped:
                dropped.add(a if b.cue[0] - start <= NESTED_FRAME_CHARS else k)
    return [c for k, c in enumerate(candidates) if k not in dropped]


@st.composite
def candidates(draw) -> list[Candidate]:
    out = []
    for _ in range(draw(st.integers(0, 8))):
        spans = []
        pos = draw(st.integers(0, 300))
        for _ in range(draw(st.integers(1, 3))):
            length = draw(st.integers(1, 150))
            spans.append((pos, pos + length))
            pos += length + draw(st.integers(1, 40))
        cue = draw(st.none() | st.integers(0, 400).map(lambda s: (s, s + 3)))
        out.append(candidate(spans, cue))
    return out


@given(candidates())
@settings(max_examples=300)
def test_the_sweep_settles_as_the_plain_definition_does(cands):
    assert settle_nesting(cands) == _settled_by_definition(cands)
