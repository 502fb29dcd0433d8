"""Nesting on its own: a candidate whose cue opens another's content is a report inside a
report — both kept, or only the inner one when the outer speaker is the news itself (a frame),
or only the outer one when the inner has no subject of its own — and a cue deeper inside a
content is speech within speech (``builder/engine/nesting.py``)."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.contract import INDIRECT
from builder.documents import make_document
from builder.engine.context import Candidate
from builder.engine.extract import extract
from builder.engine.layout import layout, tokenize
from builder.engine.mentions import Mention, mention_of, parse_phrase
from builder.engine.nesting import NESTED_FRAME_CHARS, _holders, settle_nesting
from builder.lexicon.lexicon import load


def _speaker() -> Mention:
    text = "قال الوزير"
    lex = load()
    phrase = parse_phrase(layout(text, lex), tokenize(text, 0, len(text)), 1, lex)
    return mention_of(phrase, text, lex, "m", weak=False)


SPEAKER = _speaker()


def candidate(content: list[tuple[int, int]], cue: tuple[int, int] | None, mention: Mention | None = SPEAKER,
              rule: str = "verb.that") -> Candidate:
    position = cue[0] if cue else content[0][0]
    return Candidate(rule, INDIRECT, tuple(content), cue, mention, "m", position, 0.9)


def no_frame(c: Candidate) -> bool:
    return False


def frames(*outer: Candidate) -> Callable[[Candidate], bool]:
    """``is_frame`` for a text whose ``outer`` candidates' speaker is the news itself."""
    return lambda c: any(c is o for o in outer)


def test_a_report_that_opens_another_content_with_a_speaker_of_its_own_keeps_both():
    outer = candidate([(10, 200)], (0, 5))
    inner = candidate([(30, 200)], (12, 16))
    assert settle_nesting([outer, inner], no_frame) == [outer, inner]


def test_a_report_inside_a_frame_is_listed_alone():
    outer = candidate([(10, 200)], (0, 5))
    inner = candidate([(30, 200)], (12, 16))
    assert settle_nesting([outer, inner], frames(outer)) == [inner]


def test_a_report_without_a_subject_of_its_own_is_the_outer_speaker_telling_it_again():
    outer = candidate([(10, 200)], (0, 5))
    inner = candidate([(30, 200)], (12, 16), mention=None)
    assert settle_nesting([outer, inner], no_frame) == [outer]
    assert settle_nesting([outer, inner], frames(outer)) == [outer]


def test_a_cue_deep_inside_another_content_is_speech_within_speech():
    outer = candidate([(10, 200)], (0, 5))
    inner = candidate([(150, 190)], (120, 124))
    assert settle_nesting([outer, inner], no_frame) == [outer]
    assert settle_nesting([outer, inner], frames(outer)) == [outer]


def test_a_report_opens_a_content_so_many_characters_into_it():
    for offset, kept in ((NESTED_FRAME_CHARS, "inner"), (NESTED_FRAME_CHARS + 1, "outer")):
        outer = candidate([(10, 300)], (0, 5))
        inner = candidate([(250, 290)], (10 + offset, 14 + offset))
        assert settle_nesting([outer, inner], frames(outer)) == [inner if kept == "inner" else outer]


def test_a_content_holds_the_cues_from_its_start_to_before_its_end():
    outer = candidate([(10, 100)], (0, 5))
    at_start = candidate([(120, 150)], (10, 14))
    at_end = candidate([(120, 150)], (100, 104))
    assert settle_nesting([outer, at_start], frames(outer)) == [at_start]
    assert settle_nesting([outer, at_end], frames(outer)) == [outer, at_end]


def test_candidates_apart_and_cueless_candidates_are_kept():
    first = candidate([(10, 50)], (0, 5))
    second = candidate([(70, 110)], (60, 65))
    assert settle_nesting([first, second], frames(first, second)) == [first, second]
    headline = candidate([(0, 200)], None, rule="headline.colon")  # may hold cues, is held by none
    assert settle_nesting([headline, first], no_frame) == [headline, first]
    later = candidate([(120, 150)], (100, 105))
    assert settle_nesting([headline, later], no_frame) == [headline]  # speech within the headline's


def test_a_candidate_whose_cue_lies_in_its_own_content_stays():
    own = candidate([(0, 80)], (40, 44), rule="postposed.quote")
    assert settle_nesting([own], frames(own)) == [own]


def test_a_dropped_frame_drops_nothing_more():
    outer = candidate([(10, 400)], (0, 5))
    inner = candidate([(30, 100)], (12, 16))  # opens the frame's content: the frame goes
    deep = candidate([(260, 300)], (250, 254))  # deep in the frame's content only
    assert settle_nesting([outer, inner, deep], frames(outer)) == [inner, deep]
    assert settle_nesting([outer, inner, deep], no_frame) == [outer, inner]


def test_the_extraction_lists_a_report_inside_a_frame_alone():
    text = "أفادت المعلومات أن الوزير أكد في مؤتمر صحفي أن الحكومة ماضية في الإصلاحات."
    lex = load()
    assert len(layout(text, lex).cues) == 2  # أفادت and أكد: two cues, one candidate
    [only] = extract(make_document(text, "test"), lex)  # المعلومات: the news itself
    assert only["cue"]["text"] == "أكد" and only["content"][0]["text"] == "الحكومة ماضية في الإصلاحات"


def _holders_by_definition(candidates: list[Candidate]) -> dict[int, list[tuple[int, int]]]:
    """The plain definition of the sweep: every span looked at for every cue."""
    return {k: sorted((a, s) for a, c in enumerate(candidates) for s, e in c.content if s <= b.cue[0] < e)
            for k, b in enumerate(candidates) if b.cue is not None}


@st.composite
def spread(draw) -> list[Candidate]:
    """Candidates with random contents (one to three spans) and cues."""
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


@given(spread())
@settings(max_examples=300)
def test_the_sweep_finds_the_contents_that_hold_each_cue_as_the_plain_definition_does(cands):
    assert _holders(cands) == _holders_by_definition(cands)
