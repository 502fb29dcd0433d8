"""Cue anchors on their own: the cues the rules work around, in text order, and the ones
that are no anchor (``builder/engine/anchors.py``)."""

from __future__ import annotations

from collections.abc import Callable

from builder.engine.anchors import anchors
from builder.engine.layout import layout
from builder.lexicon.cue_forms import SOURCE, VERB
from builder.lexicon.lexicon import load


def cue_words(text: str, in_speaker: Callable[[int], bool] = lambda pos: False) -> list[str]:
    lay = layout(text, load())
    return [text[a.start:a.end] for a in anchors(lay, load(), in_speaker)]


def test_the_anchors_are_the_cues_in_text_order_with_their_proclitic_apart():
    text = "وقال الوزير إن الوضع مستقر، وأضاف أن الجيش يسيطر على الحدود."
    found = list(anchors(layout(text, load()), load(), lambda pos: False))
    assert [(text[a.token_start:a.end], text[a.start:a.end]) for a in found] == [("وقال", "قال"), ("وأضاف", "أضاف")]
    assert [a.cue.kind for a in found] == [VERB, VERB]
    assert [a.cue.lemma for a in found] == ["قال", "اضاف"]


def test_words_quoted_are_no_cues():
    assert cue_words('قال الوزير "أكد لنا الجميع أن الوضع مستقر".') == ["قال"]


def test_page_furniture_holds_no_cues():
    prose = " ".join(["وتواصل"] + ["الحكومة"] * 16)  # a line of article prose ends the block
    text = ("قال الوزير إن الوضع مستقر.\nاقرأ أيضا\nقال الرئيس كلاما\nأكد المدير شيئا\n"
            f"{prose}، وأكد الوزير أن الأمر انتهى.")
    found = anchors(layout(text, load()), load(), lambda pos: False)
    assert [a.start for a in found] == [0, text.rindex("أكد")]


def test_a_cue_without_its_required_preposition_is_none():
    assert cue_words("قال الوزير عبر فضائية محلية إن الوضع مستقر.") == ["قال"]  # عبر: "via"
    assert cue_words("عبر الوزير عن قلقه من الوضع.") == ["عبر"]  # عبر عن: "expressed"


def test_the_verb_that_completes_a_source_phrase_belongs_to_it():
    text = "ارتفعت الأسعار، بحسب ما أورد التقرير. وقال الوزير إن الوضع مستقر."
    assert [text[c.cue_start:c.end] for c in layout(text, load()).cues] == ["بحسب ما", "أورد", "قال"]
    found = list(anchors(layout(text, load()), load(), lambda pos: False))
    assert [(text[a.start:a.end], a.cue.kind) for a in found] == [("بحسب ما", SOURCE), ("قال", VERB)]


def test_a_cue_word_in_a_speaker_mention_found_so_far_is_no_anchor():
    text = "قال الوزير إن الوضع مستقر، وأكد المتحدث أن الجيش يسيطر."
    mention = (text.index("وأكد"), text.index("المتحدث"))
    assert cue_words(text, lambda pos: mention[0] <= pos < mention[1]) == ["قال"]


def test_the_mentions_are_read_as_the_anchors_are_taken():
    text = "قال الوزير إن الوضع مستقر، وأكد المتحدث أن الجيش يسيطر، وأضاف أن الحدود آمنة."
    lay, lex = layout(text, load()), load()
    mentions: list[tuple[int, int]] = []
    taken = []
    for anchor in anchors(lay, lex, lambda pos: any(s <= pos < e for s, e in mentions)):
        taken.append(text[anchor.start:anchor.end])
        if not mentions:  # the first rule found a mention that holds the next cue
            mentions.append((text.index("وأكد"), text.index("المتحدث")))
    assert taken == ["قال", "أضاف"]
