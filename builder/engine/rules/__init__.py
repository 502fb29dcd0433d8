"""The rules: one table, one row a rule, each row a function and what it answers.

A rule is a function of the per-document :class:`builder.engine.context.Context` (and, for the
rules that answer cues, of one :class:`builder.engine.anchors.Anchor`); it proposes candidates
through the context.  Its row says which cue kinds trigger it, when it runs, and the ids it
gives its candidates, each with a base confidence and what it means.  The ids travel with
every candidate, so that precision is measured per id (``iqtibas evaluate``, the dataset
card).  To add a rule: write its function in a module of this package and add its row.

When a rule runs (``when``):

* ``anchor`` — on each anchor of its cue kinds, as the one pass over the anchors meets it,
  in text order (a quotation taken by one cue is not taken by a later one);
* ``lines`` — once, on the whole document, after that pass;
* ``framing`` — on each anchor of its cue kinds after the rules above, because it frames
  what they found (a source phrase around an attribution lists only the inner one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from builder.engine.rules.headline import headlines
from builder.engine.rules.participle import participle
from builder.engine.rules.source import source
from builder.engine.rules.stage import stage
from builder.engine.rules.verb import verb

ANCHOR, LINES, FRAMING = "anchor", "lines", "framing"


@dataclass(frozen=True, slots=True)
class RuleId:
    confidence: float
    description: str


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[..., Any]
    cues: tuple[str, ...]
    when: str
    ids: dict[str, RuleId]


RULES: tuple[Rule, ...] = (
    Rule("verb", verb, ("verb",), ANCHOR, {
        "verb.quote": RuleId(0.92, "cue verb and speaker, then a quotation (after a colon, إن/أن, or directly)"),
        "verb.that": RuleId(0.85, "cue verb and speaker, then an إن/أن content clause"),
        "verb.colon": RuleId(0.7, "cue verb and speaker, a colon, then unquoted speech"),
        "dropped.quote": RuleId(0.88, "cue verb without subject, then a quotation; speaker from earlier text"),
        "dropped.that": RuleId(0.8, "cue verb without subject, then an إن/أن clause; speaker from earlier text"),
        "dropped.colon": RuleId(0.65, "cue verb without subject, a colon, then unquoted speech"),
        "object.quote": RuleId(0.72, "speech act whose object holds a quotation (دعا إلى \"...\")"),
        "postposed.quote": RuleId(0.8, "a quotation, then cue and speaker (\"...\"، قال الوزير)"),
        "interrupted.quote": RuleId(0.85, "a quotation interrupted by cue and speaker, one attribution"),
    }),
    Rule("stage", stage, ("stage",), ANCHOR, {}),
    Rule("participle", participle, ("participle",), ANCHOR, {
        "participle.quote": RuleId(0.88, "participle (مضيفا، متابعا) then a quotation; the main verb's speaker"),
        "participle.that": RuleId(0.8, "participle (مؤكدا، مشيرا إلى) then an إن/أن clause; the main verb's speaker"),
        "participle.colon": RuleId(0.6, "participle, a colon, then unquoted speech"),
    }),
    Rule("headline", headlines, (), LINES, {
        "headline.colon": RuleId(0.72, "a SPEAKER: content line with no cue"),
    }),
    Rule("source", source, ("source",), FRAMING, {
        "source.phrase": RuleId(0.6, "a statement framed by a source phrase (بحسب، وفقا لـ، نقلا عن)"),
    }),
)

#: Every rule id and what it is, across the table.
RULE_IDS: dict[str, RuleId] = {rule_id: v for rule in RULES for rule_id, v in rule.ids.items()}
