"""The speaker-phrase parser on its own: where a phrase ends, what its parts are, its name."""

from __future__ import annotations

import pytest

from builder.engine.layout import layout, tokenize
from builder.engine.mentions import COMPLEMENT, INSTITUTION, NAME, TITLE, mention_of, name_run, parse_phrase
from builder.lexicon.lexicon import load
from builder.text.arabic import normalize


def parse(text: str, start: int = 0):
    """Parse the phrase after the first ``start`` tokens of ``text``."""
    lex = load()
    stripped = normalize(text).text
    lay = layout(stripped, lex)
    tokens = tokenize(stripped, 0, len(stripped))
    phrase = parse_phrase(lay, tokens, start, lex)
    return stripped, phrase, lex


def phrase_text(text: str, start: int = 1) -> str:
    stripped, phrase, _ = parse(text, start)
    return stripped[phrase.parts[0].start:phrase.parts[-1].end] if phrase.parts else ""


@pytest.mark.parametrize(("text", "speaker"), [
    ("قال وزير الخارجية التركي مولود جاويش أوغلو إن", "وزير الخارجية التركي مولود جاويش أوغلو"),
    ("قال مصدر كبير في وزارة الدفاع إن", "مصدر كبير في وزارة الدفاع"),
    ("قالت الوزارة في بيان إن", "الوزارة"),
    ("قال المصدر الذي طلب عدم ذكر اسمه إن", "المصدر الذي طلب عدم ذكر اسمه"),
    ("قال الوزير للصحفيين إن", "الوزير"),
    ("قال أحمد علي إن", "أحمد علي"),
    ("أبدى المدرب ثقته", "المدرب"),
    ("قال الرئيس: ", "الرئيس"),
])
def test_where_a_speaker_phrase_ends(text, speaker):
    assert phrase_text(text) == speaker


def test_parts_are_classed_and_the_name_is_the_run_at_the_end():
    stripped, phrase, lex = parse("قال وزير الصحة خالد عبد الغفار إن", 1)
    assert [p.kind for p in phrase.parts] == [TITLE, COMPLEMENT, NAME, NAME, NAME]
    start, end = name_run(phrase.parts, lex)
    assert stripped[start:end] == "خالد عبد الغفار"


def test_an_institution_is_a_mention_without_a_name():
    stripped, phrase, lex = parse("قالت وزارة الداخلية إن", 1)
    assert phrase.parts[0].kind == INSTITUTION
    mention = mention_of(phrase, stripped, lex, "f", weak=False)
    assert mention.name is None and mention.institution and not mention.definite
    assert mention.heads == frozenset({"وزاره", "داخليه"})  # الداخلية alone names the ministry too


def test_a_window_that_runs_out_says_so():
    _, phrase, _ = parse("قال رئيس", 1)
    assert phrase.cut
    _, phrase, _ = parse("قال رئيس الوزراء إن", 1)
    assert not phrase.cut
