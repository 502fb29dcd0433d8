"""The Label Studio project: labeling configuration and instructions.

Regions: ``QUOTE`` (a content span), ``SPEAKER`` (the speaker mention), ``CUE`` (the cue).
Relations: ``speaker`` (SPEAKER → QUOTE), ``cue`` (CUE → QUOTE) and ``continues`` (QUOTE →
QUOTE: a later content span of the same attribution — an interrupted quote, a quote over a
line break); the two labels it links say which, so an arrow drawn in the browser needs no
label.  On the first QUOTE region of an attribution: its type (direct / indirect / mixed) and
the speaker's canonical name — the antecedent's name for a dropped subject.

Label Studio stores a Label's or Choice's ``alias`` instead of its value when it has one, and
ticks a predicted choice only when the prediction holds that stored form.  So labels and types
carry no alias: the stored value is the scheme's English word, and the Arabic name is only
shown (``html``).  :func:`read_label` and :func:`read_type` still accept the Arabic names,
which projects made with an earlier configuration hold.

The screen: the text on the right; beside it, in a column that stays in view while the text
scrolls, the label buttons, the type and speaker name of the selected QUOTE, and the comment.
Colours from the Okabe–Ito palette (distinct also for colour-blind readers), and a second,
colourless cue for each label: SPEAKER underlined, CUE boxed.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from builder.contract import CUE, DIRECT, INDIRECT, MIXED, QUOTE, REL_CONTINUES, REL_CUE, REL_SPEAKER, SPEAKER

LABELS_TAG, TEXT_TAG, TYPE_TAG, NAME_TAG, COMMENT_TAG = "label", "text", "type", "speaker_name", "comment"

# value -> (Arabic name, colour, hotkey)
LABEL_LOOK = {
    QUOTE: ("اقتباس", "#E69F00", "q"),     # Okabe–Ito orange
    SPEAKER: ("متحدث", "#56B4E9", "s"),    # Okabe–Ito sky blue
    CUE: ("فعل القول", "#CC79A7", "c"),    # Okabe–Ito reddish purple
}
# type -> (Arabic name, hotkey)
TYPE_LOOK = {DIRECT: ("مباشر", "1"), INDIRECT: ("غير مباشر", "2"), MIXED: ("مختلط", "3")}

_LABEL_FORMS = {form: value for value, (arabic, _, _) in LABEL_LOOK.items() for form in (value, arabic)}
_TYPE_FORMS = {form: value for value, (arabic, _) in TYPE_LOOK.items() for form in (value, arabic)}


def read_label(stored: object) -> str | None:
    """The scheme's label for what Label Studio stored (the value or, from a project made with
    an earlier configuration, the Arabic name), else None."""
    return _LABEL_FORMS.get(stored.strip()) if isinstance(stored, str) else None


def read_type(stored: object) -> str | None:
    """The scheme's type for what Label Studio stored (value or Arabic name), else None."""
    return _TYPE_FORMS.get(stored.strip()) if isinstance(stored, str) else None


def _shown(arabic: str, english: str) -> str:
    return escape(f"{arabic} <small>{english}</small>", quote=True)


_STYLE = f"""
.iq-side {{ position: sticky; top: 0; align-self: flex-start; flex: 0 0 clamp(300px, 22vw, 420px); max-height: 100vh;
  overflow-y: auto; padding: 8px 12px; border-inline-end: 1px solid #ddd; background: #fafafa; }}
.iq-text {{ flex: 1 1 auto; min-width: 0; padding-top: 28px; direction: rtl; text-align: right; }}
.iq-text .lsf-richtext__container, .iq-text .lsf-richtext__line {{ direction: rtl; text-align: right;
  unicode-bidi: plaintext; font-size: 19px !important; line-height: 2.4 !important;
  font-family: "Noto Naskh Arabic", "Amiri", "Scheherazade New", "Arial", serif !important; }}
.iq-side .lsf-labels {{ flex-wrap: wrap; }}
.iq-side small {{ opacity: 0.7; font-size: 11px; }}
.htx-highlight[data-label$=":{SPEAKER}"] {{ text-decoration: underline 2px {LABEL_LOOK[SPEAKER][1]};
  text-underline-offset: 6px; }}
.htx-highlight[data-label$=":{CUE}"] {{ outline: 1.5px dashed {LABEL_LOOK[CUE][1]}; outline-offset: 1px; }}
.relations-overlay g[text-anchor] {{ display: none; }}
.lsf-outliner .lsf-tree-node-content-wrapper {{ min-width: 0; overflow: hidden; }}
.lsf-outliner-item__text {{ flex: 1 1 0; min-width: 0; direction: rtl; unicode-bidi: plaintext; text-align: right; }}
.iq-side [data-testid="textarea-submit-section"] {{ flex-wrap: wrap; }}
.iq-side .lsf-label__hotkey {{ margin-inline-start: 6px; }}
.iq-side .lsf-textarea__actions {{ right: auto; left: 4px; transform: none !important; }}
"""

_LABELS = "\n".join(
    f'      <Label value="{value}" html="{_shown(arabic, value)}" background="{colour}" hotkey="{key}"/>'
    for value, (arabic, colour, key) in LABEL_LOOK.items())
_CHOICES = "\n".join(
    f'        <Choice value="{value}" html="{_shown(arabic, value)}" hotkey="{key}"/>'
    for value, (arabic, key) in TYPE_LOOK.items())

LABEL_CONFIG = f"""<View style="display: flex; direction: rtl; text-align: right; gap: 16px">
  <Style>{_STYLE}</Style>
  <View className="iq-text">
    <Text name="{TEXT_TAG}" value="$text"/>
  </View>
  <View className="iq-side">
    <Header value="اقتباس — من قال ماذا / who said what" size="5"/>
    <Labels name="{LABELS_TAG}" toName="{TEXT_TAG}">
{_LABELS}
    </Labels>
    <Relations>
      <Relation value="{REL_SPEAKER}"/>
      <Relation value="{REL_CUE}"/>
      <Relation value="{REL_CONTINUES}"/>
    </Relations>
    <View visibleWhen="region-selected" whenLabelValue="{QUOTE}">
      <Header value="النوع / type" size="6"/>
      <Choices name="{TYPE_TAG}" toName="{TEXT_TAG}" perRegion="true" choice="single" showInline="false">
{_CHOICES}
      </Choices>
      <Header value="اسم المتحدث / speaker name" size="6"/>
      <TextArea name="{NAME_TAG}" toName="{TEXT_TAG}" perRegion="true" maxSubmissions="1" editable="true"
                rows="1" placeholder="الاسم الكامل كما يرد في النص"/>
    </View>
    <Header value="ملاحظة / comment" size="6"/>
    <TextArea name="{COMMENT_TAG}" toName="{TEXT_TAG}" maxSubmissions="1" editable="true" rows="2"/>
  </View>
</View>
"""


def instructions() -> str:
    """The annotator guidelines (Arabic and English), as the project's HTML instructions."""
    return resources.files("annotation").joinpath("guidelines.html").read_text(encoding="utf-8")
