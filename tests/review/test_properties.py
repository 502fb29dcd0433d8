"""The properties a candidate is described by, read from the candidate and its text."""

from __future__ import annotations

from builder.documents import make_document
from builder.engine.extract import extract
from builder.review.properties import PROPERTIES, as_proposed, properties


def span(text: str, part: str, after: int = 0) -> dict:
    start = text.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def candidate(text: str, content: str, rule: str = "verb.quote", speaker: str | None = None,
              name: str | None = None, type_: str = "direct") -> dict:
    return {"type": type_, "content": [span(text, content)], "speaker": span(text, speaker) if speaker else None,
            "speaker_name": name, "cue": None, "rule": rule, "confidence": 0.9}


def test_quotation_marks_closed_opening_closing_or_none():
    text = 'قال: "لن نتراجع أبدا". وقال: «سنواصل العمل\nوأضاف أن الحكومة "ملتزمة بالحوار". أكد أن الوضع هادئ.'
    assert properties(candidate(text, "لن نتراجع أبدا"), text)["marks"] == "closed"
    assert properties(candidate(text, "سنواصل العمل"), text)["marks"] == "opening"
    assert properties(candidate(text, 'الحكومة "ملتزمة بالحوار'), text)["marks"] == "closing"
    assert properties(candidate(text, "الوضع هادئ"), text)["marks"] == "none"


def test_speaker_dropped_titled_bare_resolved_or_none():
    text = "قال وزير الخارجية محمد علي إن الوفد وصل. وأضاف الوزير أن المحادثات بدأت. وقال علي إن الجو إيجابي."
    titled = candidate(text, "الوفد وصل", speaker="وزير الخارجية محمد علي", name="محمد علي")
    resolved = candidate(text, "المحادثات بدأت", speaker="الوزير", name="محمد علي")
    bare = candidate(text, "الجو إيجابي", speaker="علي", name="علي")
    dropped = candidate(text, "المحادثات بدأت", rule="dropped.that", name="محمد علي")
    nobody = candidate(text, "الجو إيجابي", rule="source.phrase")
    assert [properties(c, text)["speaker"] for c in (titled, resolved, bare, dropped, nobody)] == [
        "titled", "resolved", "bare", "dropped", "none"]
    assert [properties(c, text)["name"] for c in (titled, bare, nobody)] == ["2-3", "1", "none"]


def test_rule_id_gives_cue_kind_and_intro_and_length_is_binned():
    text = "بحسب مصادر مطلعة فإن " + " ".join(["كلمة"] * 20) + "."
    got = properties(candidate(text, " ".join(["كلمة"] * 20), rule="source.phrase"), text)
    assert (got["cue"], got["intro"], got["length"]) == ("source", "phrase", "16-30")
    assert properties(candidate(text, "كلمة", rule="headline.colon"), text)["cue"] == "none"
    assert properties(candidate(text, "كلمة", rule="participle.that"), text)["cue"] == "participle"


def test_every_candidate_of_the_rules_has_every_property():
    doc = make_document('قال الوزير محمد علي: "سنواصل". وأضاف أن الوفد وصل، مشيرا إلى أن "المحادثات جادة".', "t")
    for a in extract(doc):
        got = properties(a, doc.text)
        assert tuple(got) == PROPERTIES and got["rule"] == a["rule"]


def test_a_corrected_attribution_is_described_as_it_was_proposed():
    text = "قال وزير الخارجية محمد علي إن الوفد وصل."
    proposed = candidate(text, "الوفد وصل", speaker="وزير الخارجية محمد علي", name="علي", type_="indirect")
    corrected = {**proposed, "speaker_name": "محمد علي", "status": "corrected",
                 "proposed": {k: proposed[k] for k in ("type", "content", "speaker", "speaker_name", "cue")}}
    assert properties(as_proposed(corrected), text)["name"] == "1"
    assert properties(corrected, text)["name"] == "2-3"
