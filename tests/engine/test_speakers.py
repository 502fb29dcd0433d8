"""The resolver on its own: grouping the mentions of a document, and antecedents."""

from __future__ import annotations

from dataclasses import dataclass

from builder.engine.mentions import Mention
from builder.engine.speakers import UNRESOLVED_PENALTY, Speakers, name_speakers
from builder.lexicon.lexicon import load


def mention(text: str, phrase: str, name: str | None, gender: str = "m", titles=(), institution=False,
            definite=False, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    span = (start, start + len(phrase))
    name_span = None
    if name is not None:
        k = text.index(name, start)
        name_span = (k, k + len(name))
    return Mention(span, span, name_span, frozenset(titles), frozenset(titles), institution, definite, gender)


@dataclass
class Found:
    mention: Mention | None
    position: int
    gender: str
    content: tuple[tuple[int, int], ...]
    name: tuple[int, int] | None = None
    confidence: float = 0.8


def named(text: str, speakers: Speakers, found: list[Found]) -> list[str | None]:
    name_speakers(speakers, found)
    return [text[f.name[0]:f.name[1]] if f.name else None for f in found]


def test_variants_of_a_name_are_one_person_named_by_the_longest():
    text = "قال مولود جاويش أوغلو إن كذا. وقال تشاووش أوغلو إن كذا. وقال أوغلو إن كذا."
    speakers = Speakers(text, load())
    ms = [mention(text, "مولود جاويش أوغلو", "مولود جاويش أوغلو"), mention(text, "تشاووش أوغلو", "تشاووش أوغلو"),
          mention(text, "أوغلو", "أوغلو", nth=2)]
    for m in ms:
        speakers.add(m)
    found = [Found(m, m.span[0] - 4, "m", ()) for m in ms]
    assert named(text, speakers, found) == ["مولود جاويش أوغلو"] * 3


def test_a_dropped_subject_takes_the_latest_speaker_of_its_gender_outside_content():
    text = "قال الوزير أحمد علي إن كذا. وقالت النائبة سارة محمود إن كذا. وأضاف أن كذا."
    lex = load()
    speakers = Speakers(text, lex)
    he = mention(text, "الوزير أحمد علي", "أحمد علي", "m", ("وزير",), definite=True)
    she = mention(text, "النائبة سارة محمود", "سارة محمود", "f", ("نائبه",), definite=True)
    speakers.add(he)
    speakers.add(she)
    dropped = Found(None, text.index("وأضاف"), "m", ((text.index("كذا", text.index("وأضاف")), len(text) - 1),))
    assert named(text, speakers, [Found(he, 0, "m", ()), Found(she, 29, "f", ()), dropped]) == [
        "أحمد علي", "سارة محمود", "أحمد علي"]
    assert dropped.confidence == 0.8


def test_a_dropped_subject_with_no_antecedent_is_less_sure():
    text = "وأضاف أن الوضع مستقر."
    found = [Found(None, 0, "m", ((9, 20),))]
    assert named(text, Speakers(text, load()), found) == [None]
    assert found[0].confidence == 0.8 - UNRESOLVED_PENALTY


def test_a_shorter_institution_joins_the_longer_that_contains_it():
    text = "قالت وزارة الداخلية في حكومة الوفاق إن كذا. وأكدت وزارة الداخلية أن كذا."
    speakers = Speakers(text, load())
    long_ = mention(text, "وزارة الداخلية في حكومة الوفاق", None, "f", institution=True)
    short = mention(text, "وزارة الداخلية", None, "f", institution=True, nth=1)
    speakers.add(long_)
    speakers.add(short)
    assert named(text, speakers, [Found(long_, 0, "f", ()), Found(short, 45, "f", ())]) == [
        "وزارة الداخلية في حكومة الوفاق"] * 2
