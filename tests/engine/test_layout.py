"""Layout shortcuts (the scans skip quotations, colons are found without a line regex) must
find exactly what their plain definitions find: property tests over arbitrary text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.engine.layout import Layout, _sentences, body, colon_lines, outside, soft_breaks
from builder.text.arabic import ARABIC_LETTER
from builder.text.quotes import pair_quotes

BITS = "قال وزير: إن\"“”«»'‘’.!?؟…\n 12٣"
texts = st.text(alphabet=st.sampled_from(BITS), max_size=200) | st.text(max_size=80)


@given(texts, st.data())
@settings(max_examples=300)
def test_outside_quotes_is_every_position_no_quotation_encloses(text, data):
    end = data.draw(st.integers(0, len(text)))
    quotes = pair_quotes(text)
    lay = Layout(text, quotes, [(0, len(text))], [])
    covered = {p for start, stop in outside(quotes, end) for p in range(start, stop)}
    assert covered == {p for p in range(end) if lay.quote_around(p) is None}


@given(texts, st.data())
@settings(max_examples=300)
def test_colon_lines_are_short_heads_before_a_first_colon_not_a_time(text, data):
    end = data.draw(st.integers(0, len(text)))
    head = data.draw(st.integers(1, 12))
    spec = re.compile(rf"^[^\n:]{{1,{head}}}(:)(?!(?<=\d:)\d)", re.MULTILINE)  # no digit on both sides
    expected = [(m.start(), m.start(1)) for m in spec.finditer(text, 0, end)]
    assert list(colon_lines(text, end, head)) == expected


@given(texts)
@settings(max_examples=300)
def test_sentences_end_at_stops_and_line_breaks_outside_quotations(text):
    quotes = pair_quotes(text)
    lay = Layout(text, quotes, [(0, len(text))], [])
    letter = f"[{ARABIC_LETTER}]"
    # a run of stops before a space or the end (not a full stop after a one-letter word), a line
    # break (not inside a hard-wrapped paragraph), or a full stop glued to the next word after a
    # word of three letters or more or a quotation
    spec = re.compile(rf"\n|(?<!(?<!{letter}){letter})\.[.!?؟…]*(?=\s|$)|[!?؟…][.!?؟…]*(?=\s|$)"
                      rf"|(?<={letter}{letter}{letter})\.(?={letter})|(?<=[\"”»])\.(?={letter})")
    soft = soft_breaks(text)
    bounds = [m.span() for m in spec.finditer(text) if lay.quote_around(m.start()) is None
              and not (m.group() == "\n" and m.start() in soft)]
    starts = [0] + [e for _, e in bounds]
    ends = [s for s, _ in bounds] + [len(text)]
    expected = [(s, e) for s, e in zip(starts, ends, strict=True) if e > s] or [(0, 0)]
    assert _sentences(text, quotes, len(text)) == expected


def test_a_time_of_day_is_not_a_speaker_line():
    text = "الساعة 12:30 بدأ الاجتماع\nالوزير: نحن مستعدون"
    assert list(colon_lines(text, len(text))) == [(26, 32)]
    assert text[26:32] == "الوزير"


def test_a_speaker_head_may_be_up_to_80_characters():
    for head, found in ((80, True), (81, False)):
        text = "م" * head + ": كلام"
        assert bool(list(colon_lines(text, len(text)))) is found


@given(texts, st.data())
@settings(max_examples=300)
def test_the_body_is_every_position_outside_quotations_and_furniture(text, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    blocks = [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts) - 1, 2) if cuts[k] < cuts[k + 1]]
    quotes = pair_quotes(text)
    lay = Layout(text, quotes, [(0, len(text))], blocks)
    covered = [p for start, stop in body(quotes, blocks, len(text)) for p in range(start, stop)]
    expected = [p for p in range(len(text)) if lay.quote_around(p) is None and not lay.in_furniture(p)]
    assert covered == expected


def _breaks(text: str) -> list[int]:
    return [k for k, ch in enumerate(text) if ch == "\n"]


@pytest.mark.parametrize("width", [6, 11, 18])  # lines of 30, 55 and 90 characters
def test_a_hard_wrapped_paragraph_at_any_width_has_soft_breaks(width):
    line = "كلمة " * width  # no full stop
    text = "\n".join([line] * 5 + ["آخر السطر."])
    assert soft_breaks(text) == frozenset(_breaks(text))
    assert soft_breaks(text.replace("كلمة \n", "كلمة.\n")) == frozenset()  # every line a sentence


def test_a_wrapped_paragraph_ending_in_short_footer_lines_keeps_their_breaks():
    line = "كلمة " * 12
    text = "\n".join([line] * 4 + ["الكلمة الأخيرة.", "(المصدر)", "التعليقات:"])
    breaks = _breaks(text)
    assert soft_breaks(text) == frozenset(breaks[:4])  # the last line of prose and the footer keep theirs


def test_short_lines_of_a_menu_and_long_lines_of_prose_are_not_wrapped():
    assert soft_breaks("الرئيسية\nأخبار\nرياضة\nاقتصاد") == frozenset()
    prose = "كلمة " * 40 + "."
    assert soft_breaks("\n".join(["عنوان الخبر هنا", prose, prose])) == frozenset()


def test_an_unclosed_quotation_ends_at_the_writers_framing_with_or_without_line_breaks():
    from builder.engine.layout import layout
    from builder.lexicon.lexicon import load

    one_block = 'وأشار الوزير إلى "تراجع كبير في الصادرات. وتراجع آخر في الواردات وأضاف أن الحكومة ستتدخل.'
    (q,) = layout(one_block, load()).quotes
    assert not q.closed and one_block[q.open + 1:q.close] == "تراجع كبير في الصادرات. وتراجع آخر في الواردات"
    lines = one_block + "\nسطر آخر."
    (q,) = layout(lines, load()).quotes
    assert lines[q.open + 1:q.close] == "تراجع كبير في الصادرات. وتراجع آخر في الواردات"
    participle = 'وتابع: "في ذكرى الحرب ننظر إلى الماضي، مشيرا إلى أن الحاضر أصعب.\nسطر آخر.'
    (q,) = layout(participle, load()).quotes
    assert participle[q.open + 1:q.close] == "في ذكرى الحرب ننظر إلى الماضي"
    no_framing = 'وقال: "الطريق مغلق منذ يومين.\nسطر آخر.'
    (q,) = layout(no_framing, load()).quotes
    assert no_framing[q.close] == "\n"  # with nothing of the writer's, it runs to the end of its line
