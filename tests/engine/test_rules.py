"""The rules on constructions written for these tests (not taken from the seeds)."""

from __future__ import annotations

import pytest

from tests.conftest import run


def texts(attributions: list[dict]) -> list[list[str]]:
    return [[c["text"] for c in a["content"]] for a in attributions]


def only(text: str) -> dict:
    out = run(text)
    assert len(out) == 1, [(a["rule"], texts([a])) for a in out]
    return out[0]


def test_two_cues_of_one_speaker_are_two_attributions():
    out = run('وأضاف الوزير: "الأولى هنا واضحة تماما"، متابعا: "والثانية هناك أيضا واضحة".')
    assert texts(out) == [["الأولى هنا واضحة تماما"], ["والثانية هناك أيضا واضحة"]]
    assert [a["rule"] for a in out] == ["verb.quote", "participle.quote"]
    assert out[0]["speaker"] == out[1]["speaker"] and out[0]["speaker"]["text"] == "الوزير"


def test_dropped_subject_takes_the_latest_speaker_of_its_gender():
    out = run(
        "قال الوزير أحمد علي إن الميزانية ستقر الشهر المقبل.\n"
        "وأكدت النائبة سارة محمود أن اللجنة لم تتسلم المشروع بعد.\n"
        "وأضاف أن الحكومة ملتزمة بالموعد.\n"
        "وأضافت أنها ستطلب جلسة طارئة."
    )
    names = [a["speaker_name"] for a in out]
    assert names == ["أحمد علي", "سارة محمود", "أحمد علي", "سارة محمود"]
    assert [a["rule"] for a in out[2:]] == ["dropped.that", "dropped.that"]
    assert out[2]["speaker"] is None


def test_participle_takes_the_main_verbs_speaker():
    out = run("وحذر رئيس الوزراء من تفاقم الأزمة، مؤكدا أن الحكومة ستتخذ إجراءات عاجلة.")
    assert len(out) == 1
    a = out[0]
    assert (a["type"], a["rule"]) == ("indirect", "participle.that")
    assert a["speaker"]["text"] == "رئيس الوزراء"
    assert a["content"][0]["text"] == "الحكومة ستتخذ إجراءات عاجلة"


def test_page_furniture_is_not_read():
    text = 'قال الرئيس: "سنعمل معا".\n\nاقرأ أيضا\n\nالوزير: سنعمل على خطة جديدة\n'
    out = run(text)
    assert texts(out) == [["سنعمل معا"]]


@pytest.mark.parametrize("text, cue", [
    ("واكد المتحدث أن الاجتماع سيعقد غدا في العاصمة.", "اكد"),
    ("وأكّـد المتحدث أن الاجتماع سيعقد غدا في العاصمة.", "أكّـد"),
    ("وقـ.ـال المتحدث إن الاجتماع سيعقد غدا في العاصمة.", "قـ.ـال"),
    ("وقال\u200c المتحدث إن الاجتماع سيعقد غدا في العاصمة.", "قال"),
])
def test_matching_sees_through_unclean_text(text, cue):
    a = only(text)
    assert a["cue"]["text"] == cue
    assert a["content"][0]["text"] == "الاجتماع سيعقد غدا في العاصمة"


@pytest.mark.parametrize("text, content", [
    ("وقال الرئيس: ” سنبني مستقبلا أفضل لأبنائنا ”.", "سنبني مستقبلا أفضل لأبنائنا"),
    ("وقال الوزير: «الاقتصاد يتعافى بسرعة كبيرة».", "الاقتصاد يتعافى بسرعة كبيرة"),
    ("وقال الوزير: „الاقتصاد يتعافى بسرعة كبيرة“.", "الاقتصاد يتعافى بسرعة كبيرة"),
    ("وقال الرئيس: \"سنواصل العمل حتى النهاية\nسطر آخر لا علاقة له.", "سنواصل العمل حتى النهاية"),
])
def test_quotation_marks_of_every_kind(text, content):
    a = only(text)
    assert a["type"] == "direct"
    assert a["content"][0]["text"] == content


def test_unnamed_source_keeps_its_own_name():
    out = run("وقال مصدر أمني إن الهجوم وقع فجرا.\nوأضاف المصدر أن التحقيق جار.")
    assert [a["speaker_name"] for a in out] == ["مصدر أمني", "مصدر أمني"]


def test_every_candidate_carries_rule_and_confidence():
    for a in run('قال الوزير: "نعم نحن مستعدون للحوار".\nوأضاف أن الوفد سيصل غدا.'):
        assert a["rule"] and 0 < a["confidence"] <= 1 and a["id"]


def test_a_place_before_a_colon_is_a_dateline_not_a_speaker():
    out = run("عمّان: ارتفاع أسعار المحروقات للمرة الثالثة\n\n"
              "قال وزير الطاقة صالح الخرابشة إن الأسعار ستراجع كل شهر.")
    assert [a["rule"] for a in out] == ["verb.that"]


def test_a_headline_name_is_taken_when_the_article_quotes_that_person():
    out = run("ماكرون: أوروبا بحاجة إلى دفاع مشترك\n\n"
              "قال الرئيس الفرنسي إيمانويل ماكرون إن القارة لا يمكن أن تعتمد على غيرها.")
    assert [(a["rule"], a["speaker_name"]) for a in out] == [
        ("headline.colon", "إيمانويل ماكرون"), ("verb.that", "إيمانويل ماكرون")]


def test_page_labels_with_or_without_the_article_are_furniture():
    assert run("الكلمات المفتاحية: اقتصاد، طاقة، أسعار") == []
    assert run("كلمات مفتاحية: اقتصاد، طاقة، أسعار") == []


def test_a_possessed_object_after_a_title_is_not_a_name():
    out = run('أبدى المتحدث باسم الجيش استعداده للتعاون، قائلا: "أبوابنا مفتوحة أمام الجميع".')
    assert [a["rule"] for a in out] == ["participle.quote"]
    assert "استعداده" not in out[0]["speaker_name"]
    assert out[0]["speaker_name"].startswith("المتحدث باسم الجيش")


def test_concluding_bil_qawl_has_no_speaker_of_its_own():
    out = run('قال النائب خالد يوسف إن الجلسة ستعقد غدا.\nوختم بالقول إن "الأبواب ستبقى مفتوحة للجميع".')
    assert [(a["rule"], a["speaker_name"]) for a in out] == [
        ("verb.that", "خالد يوسف"), ("participle.quote", "خالد يوسف")]  # بالقول is the cue


def test_an_impersonal_form_with_a_subject_is_active():
    assert run("ويُعتقد أن الأزمة ستطول أكثر من المتوقع.") == []
    a = only("ويعتقد الباحث سامي نادر أن الأزمة ستطول أكثر من المتوقع.")
    assert a["speaker_name"] == "سامي نادر"


def test_a_country_before_a_colon_is_not_confirmed_by_its_adjective():
    out = run("الأردن: ارتفاع البطالة إلى 22 في المئة\n\n"
              "وقال الديوان الملكي الأردني إن الحكومة ستطلق برنامجا للتشغيل.")
    assert [a["rule"] for a in out] == ["verb.that"]


def test_a_source_credit_line_is_furniture_but_a_source_speaking_is_not():
    assert run("المصدر: وكالة الأنباء الفرنسية") == []
    a = only("مصدر: الحكومة ستعلن استقالتها خلال أيام")
    assert (a["rule"], a["speaker"]["text"]) == ("headline.colon", "مصدر")


def test_the_same_source_again_is_that_source():
    out = run("وقال مصدر أمني إن الهجوم وقع قبل الفجر بساعة.\n"
              "وبحسب المصدر نفسه، فإن المهاجمين فروا باتجاه الحدود الجنوبية.")
    assert [(a["rule"], a["speaker_name"]) for a in out] == [
        ("verb.that", "مصدر أمني"), ("source.phrase", "مصدر أمني")]
    assert out[1]["speaker"]["text"] == "المصدر نفسه"


def test_a_place_after_an_institution_head_is_not_the_speakers_name():
    out = run("رئيس جامعة بغداد: الدوام الحضوري يعود الشهر المقبل\n\n"
              "وقال رئيس جامعة بغداد منير السعدي إن الطلبة سيعودون إلى القاعات بعد العطلة.")
    assert [a["speaker_name"] for a in out] == ["منير السعدي", "منير السعدي"]
