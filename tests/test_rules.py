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


def test_cue_speaker_colon_quote():
    a = only('قال وزير الصحة المصري خالد عبد الغفار: "الوضع الوبائي تحت السيطرة".')
    assert (a["type"], a["rule"]) == ("direct", "verb.quote")
    assert a["content"][0]["text"] == "الوضع الوبائي تحت السيطرة"
    assert a["speaker"]["text"] == "وزير الصحة المصري خالد عبد الغفار"
    assert a["speaker_name"] == "خالد عبد الغفار"
    assert a["cue"]["text"] == "قال"


def test_quote_then_cue_and_speaker():
    a = only('"سنواصل الضغط حتى تتحقق مطالبنا"، قال رئيس النقابة محمد سالم.')
    assert (a["type"], a["rule"]) == ("direct", "postposed.quote")
    assert a["speaker_name"] == "محمد سالم"


def test_quote_interrupted_by_the_writer_is_one_attribution():
    a = only('"لن نتراجع عن قرارنا"، قال المتحدث باسم الحكومة، "ولن نقبل بأي ضغوط خارجية".')
    assert a["rule"] == "interrupted.quote"
    assert texts([a]) == [["لن نتراجع عن قرارنا", "ولن نقبل بأي ضغوط خارجية"]]


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


def test_speech_after_a_colon_without_quotes_is_indirect():
    a = only("وقال الوكيل: صحة المواطن أولوية قصوى.")
    assert (a["type"], a["rule"]) == ("indirect", "verb.colon")
    assert a["content"][0]["text"] == "صحة المواطن أولوية قصوى"


def test_headline_line_without_cue():
    a = only("الكرملين: لا خطط لعقد قمة جديدة\n\nنص الخبر هنا.")
    assert (a["type"], a["rule"], a["cue"]) == ("indirect", "headline.colon", None)
    assert a["speaker"]["text"] == "الكرملين"


def test_source_phrase_frames_a_statement():
    a = only("ارتفعت أسعار النفط بنسبة خمسة في المئة، بحسب وكالة رويترز.")
    assert a["rule"] == "source.phrase"
    assert a["content"][0]["text"] == "ارتفعت أسعار النفط بنسبة خمسة في المئة"
    assert a["speaker"]["text"] == "وكالة رويترز"


def test_source_phrase_around_an_attribution_lists_only_the_inner_one():
    a = only("ووفقا لوكالة الأنباء الرسمية، قال الرئيس إن البلاد تجاوزت الأزمة.")
    assert a["rule"] == "verb.that"
    assert a["content"][0]["text"] == "البلاد تجاوزت الأزمة"


def test_partly_quoted_content_is_mixed():
    a = only('وأوضح المتحدث أن الحكومة "لن تتراجع عن الإصلاحات مهما كانت الضغوط" في المرحلة المقبلة.')
    assert a["type"] == "mixed"


def test_quoted_term_inside_indirect_content_stays_indirect():
    a = only('وقال الطبيب إن فيروس "كورونا" ما زال ينتشر في المنطقة.')
    assert a["type"] == "indirect"
    assert a["content"][0]["text"] == 'فيروس "كورونا" ما زال ينتشر في المنطقة'


@pytest.mark.parametrize("text", [
    "وأكد الوزير استعداد بلاده للحوار.",
    "ونفى المتحدث وجود أزمة.",
    "أعلنت الوزارة تسجيل 52 حالة جديدة.",
    "وأعرب الرئيس عن ترحيب بلاده بالاتفاق.",
    'جاءت تصريحات "الوزير" خلال مؤتمر صحفي.',
    'شارك في الندوة عدد من الخبراء من "جامعة القاهرة".',
    "ويذكر أن الاتفاق وقع عام 2015.",
    "وصل الوفد عبر مطار القاهرة الدولي صباح اليوم.",
    'قال تعالى: "وأوفوا بالعهد إن العهد كان مسؤولا".',
    'وقال الله تعالى في كتابه: "وأوفوا بالعهد إن العهد كان مسؤولا".',
    "رابط الخبر http://example.com/news/article-page",
    "الثلاثاء 29 ديسمبر 2020 03:23 م",
    "المصدر: وكالات الأنباء العالمية",
])
def test_not_attributions(text):
    assert run(text) == []


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


def test_quotation_over_a_line_break_has_two_spans():
    a = only('وتابع الوزير قائلا: "الجملة الأولى هنا واضحة\nوالجملة الثانية هناك أيضا".')
    assert texts([a]) == [["الجملة الأولى هنا واضحة", "والجملة الثانية هناك أيضا"]]


def test_institution_speaker_stops_before_the_statement_it_made():
    a = only("وقالت وزارة الصحة في بيان إن عدد الإصابات ارتفع إلى مئة حالة.")
    assert a["speaker"]["text"] == "وزارة الصحة"
    assert a["content"][0]["text"] == "عدد الإصابات ارتفع إلى مئة حالة"


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


def test_an_outlet_after_a_separate_lam_is_the_addressee():
    a = only('وقال المتحدث باسم الوزارة أحمد حسن لـ"العربية" إن المفاوضات ستستأنف الأسبوع المقبل.')
    assert a["speaker"]["text"] == "المتحدث باسم الوزارة أحمد حسن"
    assert a["speaker_name"] == "أحمد حسن"


def test_a_relayed_statement_belongs_to_the_source_after_an():
    a = only("ونقلت صحيفة الغارديان عن دبلوماسي غربي قوله إن المفاوضات متعثرة منذ أسابيع.")
    assert a["speaker"]["text"] == "دبلوماسي غربي"
    assert a["content"][0]["text"] == "المفاوضات متعثرة منذ أسابيع"


def test_a_possessed_object_after_a_title_is_not_a_name():
    out = run('أبدى المتحدث باسم الجيش استعداده للتعاون، قائلا: "أبوابنا مفتوحة أمام الجميع".')
    assert [a["rule"] for a in out] == ["participle.quote"]
    assert "استعداده" not in out[0]["speaker_name"]
    assert out[0]["speaker_name"].startswith("المتحدث باسم الجيش")


def test_a_topic_before_amma_fa_is_the_subject():
    a = only("أما رئيس البلدية فقال إن الأشغال ستنتهي قبل نهاية الشهر.")
    assert a["speaker"]["text"] == "رئيس البلدية"
    assert a["content"][0]["text"] == "الأشغال ستنتهي قبل نهاية الشهر"


def test_a_name_set_off_by_commas_after_a_title():
    a = only('وقال المدير التنفيذي للشركة، سامر حداد، في حفل الافتتاح: "سنضاعف الإنتاج خلال عامين".')
    assert a["speaker"]["text"] == "المدير التنفيذي للشركة، سامر حداد"
    assert a["speaker_name"] == "سامر حداد"


def test_concluding_bil_qawl_has_no_speaker_of_its_own():
    out = run('قال النائب خالد يوسف إن الجلسة ستعقد غدا.\nوختم بالقول إن "الأبواب ستبقى مفتوحة للجميع".')
    assert [(a["rule"], a["speaker_name"]) for a in out] == [
        ("verb.that", "خالد يوسف"), ("dropped.quote", "خالد يوسف")]


def test_a_source_phrase_with_a_resumptive_pronoun():
    a = only("وبحسب ما أفاد به المرصد السوري، فإن الاشتباكات استمرت حتى فجر اليوم.")
    assert a["rule"] == "source.phrase"
    assert a["speaker"]["text"] == "المرصد السوري"


def test_an_impersonal_form_with_a_subject_is_active():
    assert run("ويُعتقد أن الأزمة ستطول أكثر من المتوقع.") == []
    a = only("ويعتقد الباحث سامي نادر أن الأزمة ستطول أكثر من المتوقع.")
    assert a["speaker_name"] == "سامي نادر"


def test_a_participle_after_a_condemnation_takes_its_subject():
    a = only('دانت الحكومة الهجوم، معتبرة أنه "عمل جبان لا يمثل أي دين".')
    assert (a["rule"], a["speaker_name"]) == ("participle.quote", "الحكومة")


def test_a_country_before_a_colon_is_not_confirmed_by_its_adjective():
    out = run("الأردن: ارتفاع البطالة إلى 22 في المئة\n\n"
              "وقال الديوان الملكي الأردني إن الحكومة ستطلق برنامجا للتشغيل.")
    assert [a["rule"] for a in out] == ["verb.that"]


def test_the_occasion_after_fi_is_not_part_of_the_speaker():
    a = only("وقالت الوزارة في بيان إن عدد الإصابات تراجع للأسبوع الثالث.")
    assert a["speaker"]["text"] == "الوزارة"
    a = only("وأكد المتحدث خلال مؤتمر صحفي أن الحدود ستفتح غدا.")
    assert a["speaker"]["text"] == "المتحدث"


def test_an_outlet_spoken_to_is_not_the_speaker():
    a = only('قال دبلوماسيون غربيون لمجلة "فورين بوليسي" إن المحادثات وصلت إلى طريق مسدود.')
    assert a["speaker"]["text"] == "دبلوماسيون غربيون"


def test_a_reported_question_after_amma_is_mixed():
    a = only('وتساءل الكاتب عما إذا كانت الحكومة "تملك خطة بديلة حقا".')
    assert a["type"] == "mixed"
    assert a["content"][0]["text"].startswith("إذا كانت الحكومة")


def test_a_study_concludes_and_a_poll_heads_a_line():
    a = only("وخلص التقرير إلى أن نصف الأسر تعيش تحت خط الفقر.")
    assert (a["rule"], a["speaker"]["text"]) == ("verb.that", "التقرير")
    a = only("استطلاع: أغلبية الشباب يفضلون العمل الحر")
    assert (a["rule"], a["speaker"]["text"]) == ("headline.colon", "استطلاع")


def test_a_source_credit_line_is_furniture_but_a_source_speaking_is_not():
    assert run("المصدر: وكالة الأنباء الفرنسية") == []
    a = only("مصدر: الحكومة ستعلن استقالتها خلال أيام")
    assert (a["rule"], a["speaker"]["text"]) == ("headline.colon", "مصدر")


def test_a_feminine_head_keeps_its_adjective_and_drops_its_object():
    a = only("أكدت النيابة العامة أن التحقيق مستمر في جميع الملفات.")
    assert a["speaker"]["text"] == "النيابة العامة"
    a = only("وأفادت الهيئة العليا بأن نسبة المشاركة بلغت 40 في المئة.")
    assert a["speaker"]["text"] == "الهيئة العليا"


def test_the_same_source_again_is_that_source():
    out = run("وقال مصدر أمني إن الهجوم وقع قبل الفجر بساعة.\n"
              "وبحسب المصدر نفسه، فإن المهاجمين فروا باتجاه الحدود الجنوبية.")
    assert [(a["rule"], a["speaker_name"]) for a in out] == [
        ("verb.that", "مصدر أمني"), ("source.phrase", "مصدر أمني")]
    assert out[1]["speaker"]["text"] == "المصدر نفسه"


def test_a_post_written_by_a_speaker():
    a = only('وكتب الوزير على حسابه في منصة إكس: "لن نتراجع عن الإصلاحات".')
    assert (a["rule"], a["speaker"]["text"]) == ("verb.quote", "الوزير")


def test_a_name_after_a_title_and_a_place_set_off_by_commas():
    a = only("وقالت المتحدثة باسم جامعة القاهرة، نادية سالم، إن الامتحانات ستجرى في موعدها.")
    assert a["speaker_name"] == "نادية سالم"


def test_a_subject_before_its_verb_may_carry_a_prepositional_phrase():
    a = only("غير أن تجارا في سوق الحميدية أكدوا أن الأسعار تضاعفت منذ الشهر الماضي.")
    assert a["speaker"]["text"] == "تجارا"
    assert a["content"][0]["text"] == "الأسعار تضاعفت منذ الشهر الماضي"


def test_a_plural_document_word_heads_a_source():
    a = only("ووفقا لبيانات البنك الدولي، تراجعت معدلات الفقر في المنطقة خلال العقد الماضي.")
    assert a["speaker_name"] == "بيانات البنك الدولي"


def test_a_prepositional_object_with_bi_al_ends_the_speaker():
    a = only('وأشاد رئيس الوزراء بالاتفاق، قائلا: "هذا يوم تاريخي لبلدنا".')
    assert a["speaker"]["text"] == "رئيس الوزراء"  # the main verb's subject, not بالاتفاق


def test_a_surname_that_is_also_an_adjective_stays_in_the_name():
    a = only('وقال الباحث خالد الكبير: "الأرقام لا تكذب أبدا".')
    assert a["speaker_name"] == "خالد الكبير"


def test_an_acting_title_with_bi_al_stays_in_the_speaker():
    a = only("وقال رئيس الحكومة بالنيابة سمير الشريف إن الميزانية ستعرض الأسبوع المقبل.")
    assert a["speaker_name"] == "سمير الشريف"


def test_a_place_after_an_institution_head_is_not_the_speakers_name():
    out = run("رئيس جامعة بغداد: الدوام الحضوري يعود الشهر المقبل\n\n"
              "وقال رئيس جامعة بغداد منير السعدي إن الطلبة سيعودون إلى القاعات بعد العطلة.")
    assert [a["speaker_name"] for a in out] == ["منير السعدي", "منير السعدي"]
