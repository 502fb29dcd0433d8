"""The Label Studio project: labeling configuration and instructions.

Regions: ``QUOTE`` (a content span), ``SPEAKER`` (the speaker mention), ``CUE`` (the cue).
Relations: ``speaker`` (SPEAKER → QUOTE), ``cue`` (CUE → QUOTE) and ``continues`` (QUOTE →
QUOTE: a later content span of the same attribution — an interrupted quote, a quote over a
line break).  On the first QUOTE region of an attribution: its type (direct / indirect /
mixed) and the speaker's canonical name — the antecedent's name for a dropped subject.
"""

from __future__ import annotations

from importlib import resources

QUOTE, SPEAKER, CUE = "QUOTE", "SPEAKER", "CUE"
REL_SPEAKER, REL_CUE, REL_CONTINUES = "speaker", "cue", "continues"
LABELS_TAG, TEXT_TAG, TYPE_TAG, NAME_TAG, COMMENT_TAG = "label", "text", "type", "speaker_name", "comment"
TYPES = ("direct", "indirect", "mixed")

LABEL_CONFIG = f"""<View style="direction: rtl; text-align: right">
  <Header value="اقتباس — من قال ماذا / who said what"/>
  <Labels name="{LABELS_TAG}" toName="{TEXT_TAG}">
    <Label value="{QUOTE}" alias="اقتباس" background="#f4a261" hotkey="q"/>
    <Label value="{SPEAKER}" alias="متحدث" background="#2a9d8f" hotkey="s"/>
    <Label value="{CUE}" alias="فعل القول" background="#e9c46a" hotkey="c"/>
  </Labels>
  <Relations>
    <Relation value="{REL_SPEAKER}"/>
    <Relation value="{REL_CUE}"/>
    <Relation value="{REL_CONTINUES}"/>
  </Relations>
  <View style="direction: rtl; text-align: right; font-size: 19px; line-height: 2.1; unicode-bidi: plaintext;
               font-family: 'Noto Naskh Arabic', 'Amiri', 'Scheherazade New', 'Arial', serif">
    <Text name="{TEXT_TAG}" value="$text"/>
  </View>
  <View visibleWhen="region-selected" whenLabelValue="{QUOTE}">
    <Header value="النوع / type"/>
    <Choices name="{TYPE_TAG}" toName="{TEXT_TAG}" perRegion="true" choice="single" showInline="true">
      <Choice value="direct" alias="مباشر" hotkey="1"/>
      <Choice value="indirect" alias="غير مباشر" hotkey="2"/>
      <Choice value="mixed" alias="مختلط" hotkey="3"/>
    </Choices>
    <Header value="اسم المتحدث / speaker name"/>
    <TextArea name="{NAME_TAG}" toName="{TEXT_TAG}" perRegion="true" maxSubmissions="1" editable="true"
              rows="1" placeholder="الاسم الكامل كما يرد في النص"/>
  </View>
  <Header value="ملاحظة / comment"/>
  <TextArea name="{COMMENT_TAG}" toName="{TEXT_TAG}" maxSubmissions="1" editable="true" rows="2"/>
</View>
"""


def instructions() -> str:
    """The annotator guidelines (Arabic and English), as the project's HTML instructions."""
    return resources.files("annotation").joinpath("guidelines.html").read_text(encoding="utf-8")
