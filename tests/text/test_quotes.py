"""Quotation-mark pairing."""

from __future__ import annotations

import pytest

from builder.text.quotes import pair_quotes


def inner(text: str) -> list[str]:
    return [text[q.open + 1:q.close] for q in pair_quotes(text)]


@pytest.mark.parametrize("text, expected", [
    ('قال "نعم" ثم "لا"', ["نعم", "لا"]),
    ("قال “نعم” و«لا»", ["نعم", "لا"]),
    ("قال „نعم“ أمس", ["نعم"]),
    ("قال ” نعم ” أمس", [" نعم "]),
    ("قال: ‘نعم’ أمس", ["نعم"]),
])
def test_pairs_of_every_kind(text, expected):
    assert inner(text) == expected


def test_stray_closing_mark_makes_no_quotation():
    assert inner("جاء الرد” بعد ذلك") == []


def test_apostrophe_is_not_a_quotation():
    assert inner("زار O'Neil المدينة") == []


def test_single_marks_inside_double_are_nested():
    assert inner("قال “التي ‘رحت في المؤتمر”") == ["التي ‘رحت في المؤتمر"]


def test_quotation_runs_over_a_line_break():
    text = "قال: “السطر الأول\nالسطر الثاني”."
    assert inner(text) == ["السطر الأول\nالسطر الثاني"]


def test_unclosed_opening_mark_runs_to_the_end_of_its_line():
    text = 'قال: "بلا إغلاق\nسطر تال'
    (q,) = pair_quotes(text)
    assert not q.closed and text[q.open + 1:q.close] == "بلا إغلاق"


def test_missing_closer_before_a_new_opener_is_dropped():
    assert inner("مع “العربية – الحدث، إن “إخراج القوات ضروري”.") == ["إخراج القوات ضروري"]


def test_quotations_never_cross_a_blank_line():
    assert inner('قال "أول\n\nثان" هنا') == ["أول"]
