"""Content finding on its own: what introduces a content after a cue, where the content
starts and ends, its spans and its type (``builder/engine/content.py``)."""

from __future__ import annotations

import pytest

from builder.contract import DIRECT, INDIRECT, MIXED
from builder.engine.content import (
    clause_end,
    content_after,
    content_at,
    content_type,
    find_intro,
    quote_spans,
)
from builder.engine.layout import Sentence, layout
from builder.lexicon.lexicon import load
from builder.text.arabic import normalize


def sentence(text: str, word: str) -> Sentence:
    """The sentence of ``text`` that holds ``word``; the text is written already stripped."""
    assert normalize(text).text == text
    lex = load()
    lay = layout(text, lex)
    return Sentence(lay, lex, lay.sentence_of(text.index(word)))


def after(text: str, word: str) -> int:
    return text.index(word) + len(word)


def intro_after(text: str, word: str, claimed: frozenset[int] = frozenset()):
    """The intro :func:`find_intro` finds after ``word`` (the cue or its speaker)."""
    return find_intro(sentence(text, word), after(text, word), set(claimed))


def content_of(text: str, word: str) -> tuple[list[str], str, list[str]] | None:
    """The content the intro after ``word`` opens: its spans' text, its type and its quotations."""
    sent = sentence(text, word)
    intro = find_intro(sent, after(text, word), set())
    assert intro is not None
    content = content_after(sent, intro)
    if content is None:
        return None
    return ([text[s:e] for s, e in content.spans], content.type,
            [text[q.open:q.close + 1] for q in content.quotes])


# find_intro: from after the cue (or its speaker) to what introduces the content

@pytest.mark.parametrize(("text", "kind", "mark"), [
    ("قال الوزير: الوضع مستقر تماما.", "colon", ":"),
    ("قال الوزير إن الوضع مستقر تماما.", "that", "إن"),
    ("أكد الوزير بأنه سيبقى في منصبه.", "that", "بأنه"),
    ('قال الوزير "الوضع مستقر تماما اليوم".', "quote", '"'),
    ("قال الوزير في مؤتمر صحفي أمس إن الوضع مستقر.", "that", "إن"),  # adverbial material skipped
    ("قال الوزير للصحفيين إن الوضع مستقر.", "that", "إن"),  # an addressee skipped
    ('قالت صحيفة "الأهرام" إن الوضع مستقر.', "that", "إن"),  # a quoted name read past
    ('دان الوزير "الاعتداء".', "quote", '"'),  # one quoted word ending the clause is content
    ('قال الوزير "الحكومة": سنواصل العمل.', "colon", ":"),  # a quoted word before a colon is not
])
def test_the_intro_is_the_colon_the_complementizer_or_the_quotation(text, kind, mark):
    speaker = "صحيفة" if "صحيفة" in text else "الوزير"
    intro = intro_after(text, speaker)
    assert intro is not None and intro.kind == kind
    assert text[intro.token.start:intro.token.end] == mark
    assert intro.token.start == text.index(mark, after(text, speaker))


def test_a_quotation_no_longer_than_a_name_is_content_only_where_the_clause_ends_with_it():
    assert intro_after('قال الوزير "الوضع مستقر تماما" أمس.', "الوزير").kind == "quote"  # a time word only
    assert intro_after('قال الوزير "الوضع مستقر تماما" لسكان المدينة.', "الوزير") is None
    assert intro_after('قال الوزير "الوضع مستقر تماما".', "الوزير").kind == "quote"
    assert intro_after('قال الوزير "الوضع مستقر تماما اليوم" أمس.', "الوزير").kind == "quote"


def test_an_that_after_a_subordinator_opens_no_content():
    assert intro_after("وصل الوزير بعد أن انتهى الاجتماع.", "الوزير") is None
    text = "قال الوزير بعد أن انتهى الاجتماع إن الوضع مستقر."
    intro = intro_after(text, "الوزير")
    assert intro is not None and intro.kind == "that" and intro.token.start == text.index("إن")


def test_another_cue_first_means_this_one_reports_nothing():
    assert intro_after("وتابع الوزير موضحا أن الوضع مستقر.", "الوزير") is None
    assert intro_after("وقال الوزير في المؤتمر وأكد المتحدث أن الوضع مستقر.", "الوزير") is None


def test_no_intro_in_a_sentence_that_introduces_nothing():
    assert intro_after("أكد الوزير استعداد بلاده للحوار.", "الوزير") is None


def test_a_claimed_quotation_is_no_intro():
    text = 'قال الوزير "الوضع مستقر تماما اليوم".'
    assert intro_after(text, "الوزير").kind == "quote"
    assert intro_after(text, "الوزير", frozenset({text.index('"')})) is None


@pytest.mark.parametrize(("text", "after_object"), [
    ("أكد الوزير موقف بلاده بأن الحل سياسي.", True),
    ("أبلغ الوزير الصحفيين أن الوضع مستقر.", False),  # the people told, like للصحفيين: no object
    ("قال الوزير للصحفيين إن الوضع مستقر.", False),
    ("قال الوزير في المؤتمر إن الوضع مستقر.", False),
    ("قال الوزير إن الوضع مستقر.", False),
])
def test_an_intro_says_whether_an_object_stood_before_it(text, after_object):
    assert intro_after(text, "الوزير").after_object is after_object


# content_at / content_after: from the intro to where the writer's words take over

@pytest.mark.parametrize(("text", "spans", "kind"), [
    ("قال الوزير: الوضع مستقر تماما.", ["الوضع مستقر تماما"], INDIRECT),
    ("قال الوزير إن الوضع مستقر تماما.", ["الوضع مستقر تماما"], INDIRECT),
    ('قال الوزير "الوضع مستقر تماما اليوم".', ["الوضع مستقر تماما اليوم"], DIRECT),
    ('قال الوزير: "الوضع مستقر تماما". الجيش يسيطر على الحدود.', ["الوضع مستقر تماما"], DIRECT),
    ('قال الوزير "الوضع مستقر في البلاد" أمس الأحد.', ["الوضع مستقر في البلاد"], DIRECT),  # a short tail
    ('قال الوزير: "الوضع مستقر\nوالجيش يسيطر على الحدود".', ["الوضع مستقر", "والجيش يسيطر على الحدود"], DIRECT),
])
def test_the_content_an_intro_opens(text, spans, kind):
    found = content_of(text, "الوزير")
    assert found is not None and found[0] == spans and found[1] == kind


def test_a_quotation_followed_by_more_than_a_few_words_is_mixed():
    text = 'قال الوزير "لن نتراجع عن قرارنا" رغم كل الضغوط التي تتعرض لها الحكومة.'
    spans, kind, quotes = content_of(text, "الوزير")
    assert kind == MIXED
    assert spans == ['لن نتراجع عن قرارنا" رغم كل الضغوط التي تتعرض لها الحكومة']
    assert quotes == ['"لن نتراجع عن قرارنا"']


def test_a_mixed_content_ends_with_its_last_quotation_of_speech():
    text = 'قال الوزير "لن نتراجع عن قرارنا" وإن الحكومة "ماضية في الإصلاحات كلها".'
    spans, kind, quotes = content_of(text, "الوزير")
    assert kind == MIXED
    assert spans == ['لن نتراجع عن قرارنا" وإن الحكومة "ماضية في الإصلاحات كلها']
    assert quotes == ['"لن نتراجع عن قرارنا"', '"ماضية في الإصلاحات كلها"']


def test_a_content_of_fewer_than_two_words_is_none():
    assert content_of("وقال الوزير إن الوضع.", "الوزير") is None
    assert content_of("وقال الوزير إن.", "الوزير") is None


def test_content_at_skips_the_complementizers_it_starts_with():
    text = "وأكد الوزير بأنه إن الوضع مستقر تماما."
    sent = sentence(text, "الوزير")
    content = content_at(sent, after(text, "الوزير"))
    assert [text[s:e] for s, e in content.spans] == ["الوضع مستقر تماما"]
    assert content_at(sent, text.index(".")) is None  # nothing left


def test_colon_speech_runs_on_over_its_paragraph_until_a_new_cue():
    text = "وقال الوزير: الوضع مستقر. الجيش يسيطر على الحدود.\nوفي سياق آخر ارتفعت الأسعار."
    assert content_of(text, "الوزير")[0] == ["الوضع مستقر. الجيش يسيطر على الحدود"]
    text = "وقال الوزير: الوضع مستقر. وأكد المتحدث أن الجيش يسيطر.\nنص آخر هنا."
    assert content_of(text, "الوزير")[0] == ["الوضع مستقر"]


def test_a_that_clause_ends_with_its_sentence():
    text = "وقال الوزير إن الوضع مستقر. الجيش يسيطر على الحدود.\nنص آخر."
    assert content_of(text, "الوزير")[0] == ["الوضع مستقر"]


def test_a_headline_of_a_text_without_line_breaks_ends_at_the_next_report_in_the_past():
    text = "الوزير: الوضع مستقر تماما أكد المتحدث أن الجيش يسيطر على الحدود."
    assert content_of(text, "الوزير")[0] == ["الوضع مستقر تماما"]
    # with line breaks the headline is a line of its own, and its speech runs on
    assert content_of(text + "\nنص آخر.", "الوزير")[0] == [text[8:-1]]


def test_a_headline_of_a_text_without_line_breaks_keeps_its_own_present_tense_verbs():
    text = "الوزير: لم نزعم يوما أن الوضع مستقر تماما • الجيش يسيطر على الحدود."
    assert content_of(text, "الوزير")[0] == ["لم نزعم يوما أن الوضع مستقر تماما"]  # and ends at •


def test_a_headline_of_a_text_without_line_breaks_ends_at_a_list_mark():
    text = "الوزير: الوضع مستقر تماما | الجيش يسيطر على الحدود."
    assert content_of(text, "الوزير")[0] == ["الوضع مستقر تماما"]
    assert content_of(text + "\nنص آخر.", "الوزير")[0] == ["الوضع مستقر تماما | الجيش يسيطر على الحدود"]


# clause_end: where the writer's framing takes over

CLAIM = "وقال الوزير إن الوضع مستقر تماما"


@pytest.mark.parametrize("rest", [
    "، وذلك في تصريح للصحفيين.",  # a clause break of the writer's after a comma
    "، يأتي ذلك بعد أسبوع من المعارك.",
    "، في حين أكد قائد الجيش أن المعارك مستمرة.",  # a connector, then a new cue
    " وأضاف أن الجيش يسيطر على الحدود.",  # a cue verb with و
    "، وأكد أن الجيش يسيطر على الحدود.",
    "، مشيرا إلى أن الجيش يسيطر على الحدود.",  # a participle after a comma
    "، على حد تعبيره.",  # a trailing phrase
    "، وفقا لوكالة الأنباء.",  # a source phrase
    "، معترفا أن الجيش يواجه صعوبات.",  # a participle the lexicon lacks, by its shape
    "، لكنه أشار إلى أن الجيش يواجه صعوبات.",  # a connector of the writer's, then a cue
    "، إلا أنه أوضح أن الجيش يواجه صعوبات.",
])
def test_a_content_ends_where_the_writer_takes_over(rest):
    text = CLAIM + rest
    start = after(text, "إن ")
    assert text[start:clause_end(sentence(text, "الوضع"), start)].rstrip() == "الوضع مستقر تماما"


@pytest.mark.parametrize("rest", [
    "، في حين تستمر الاشتباكات في الشمال",  # a connector with no cue after it: still the speaker's
    "، حيث يسيطر الجيش على الحدود",
    "، فيما تراجعت حدة المعارك",
])
def test_a_content_runs_on_past_a_connector_with_no_new_report(rest):
    text = CLAIM + rest + "."
    start = after(text, "إن ")
    assert text[start:clause_end(sentence(text, "الوضع"), start)].rstrip(".") == "الوضع مستقر تماما" + rest


@pytest.mark.parametrize("rest", [
    "، لكن الجيش يواجه صعوبات.",  # a connector with no cue after it
    "، مستمرا في العمل.",  # a participle's shape with no content after it
])
def test_a_content_runs_on_over_what_is_not_the_writers_framing(rest):
    text = CLAIM + rest
    start = after(text, "إن ")
    assert clause_end(sentence(text, "الوضع"), start) == len(text) - 1


def test_a_break_inside_a_quotation_is_the_speakers():
    text = 'وقال الوزير إن الوضع "مستقر، في حين يتحسن" كل يوم.'
    start = after(text, "إن ")
    assert clause_end(sentence(text, "الوضع"), start) == len(text) - 1


# content_type and quote_spans

@pytest.mark.parametrize(("text", "kind", "quoted"), [
    ('وقال الطبيب إن فيروس "كورونا" ما زال ينتشر في المنطقة.', INDIRECT, ['"كورونا"']),  # a term
    ('وقال الوزير إن الحكومة "لن تتراجع عن الإصلاحات" مهما حدث.', MIXED, ['"لن تتراجع عن الإصلاحات"']),
    ('وقال الوزير إن الحكومة "لن تتراجع" عن قرارها.', MIXED, ['"لن تتراجع"']),  # a particle of speech
    ("وقال الوزير إن الوضع مستقر تماما.", INDIRECT, []),
])
def test_a_content_is_mixed_when_it_quotes_the_speakers_words(text, kind, quoted):
    sent = sentence(text, "إن")
    found, quotes = content_type(sent, after(text, "إن "), len(text) - 1)
    assert found == kind
    assert [text[q.open:q.close + 1] for q in quotes] == quoted


def test_an_unclosed_quotation_does_not_make_a_content_mixed():
    text = 'وقال الوزير إن الحكومة "لن تتراجع عن الإصلاحات مهما حدث.\nنص آخر.'
    found, quotes = content_type(sentence(text, "إن"), after(text, "إن "), text.index("\n"))
    assert (found, quotes) == (INDIRECT, ())


def test_quote_spans_are_one_span_a_line_trimmed():
    text = 'قال:\n "الوضع مستقر،\n\nوالجيش يسيطر." \n'
    spans = quote_spans(text, text.index('"'), len(text))
    assert [text[s:e] for s, e in spans] == ["الوضع مستقر", "والجيش يسيطر"]
    assert quote_spans(text, 4, 6) == []  # only a line break and a space
