"""The rules: one table, one row a rule, each row a function and what it answers.

A rule is a function of the per-document :class:`builder.engine.context.Context` (and, for
the rules that answer cues, of one :class:`builder.engine.anchors.Anchor`); it proposes
candidates through the context.  Its row says which cue kinds trigger it, when it runs, and
the ids it gives its candidates, each with a base confidence and what it means.  The ids
travel with every candidate, so that precision is measured per id (``iqtibas evaluate``, the
dataset card).

To add a rule: write its function in a module of this package, add its row, and bump
:data:`RULES_VERSION`.  The table checks itself when it is imported (:func:`check`): cue
kinds the lexicon has, ids unique and of the form ``SUBJECT.INTRO``, confidences in (0, 1],
a function of the shape its ``when`` calls.

When a rule runs (:class:`When`):

* ``anchor`` — on each anchor of its cue kinds, as the one pass over the anchors meets it,
  in text order (a quotation taken by one cue is not taken by a later one);
* ``lines`` — once, on the whole document, after that pass;
* ``framing`` — on each anchor of its cue kinds after the rules above, because it frames
  what they found (a source phrase around an attribution lists only the inner one).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from builder.engine.rules.headline import headlines
from builder.engine.rules.interview import interviews
from builder.engine.rules.participle import participle
from builder.engine.rules.source import source
from builder.engine.rules.stage import stage
from builder.engine.rules.verb import verb
from builder.lexicon.cue_forms import CUE_KINDS, PARTICIPLE, SOURCE, STAGE, VERB

if TYPE_CHECKING:
    from builder.engine.anchors import Anchor
    from builder.engine.context import Context

#: The version of the rules, written into every candidates file.  Bump it whenever what the
#: rules find changes (a rule, a lexicon entry, a fix): ``push`` sends a project new
#: predictions only for a new version, and the dataset card names the versions it rests on.
RULES_VERSION = "rules-2026.12.3"

#: The form of a rule id: what speaks (``verb``, ``dropped``, ``participle``, ``interview`` …),
#: then what introduces the content (``quote``, ``that``, ``colon``, ``phrase``, ``answer``).
ID_FORM = re.compile(r"(verb|dropped|object|postposed|interrupted|participle|headline|source|interview)"
                     r"\.(quote|that|colon|phrase|answer)")


class When(StrEnum):
    ANCHOR = "anchor"
    LINES = "lines"
    FRAMING = "framing"


AnchorRule = Callable[["Context", "Anchor"], None]
LinesRule = Callable[["Context"], None]


@dataclass(frozen=True, slots=True)
class RuleId:
    confidence: float
    description: str


@dataclass(frozen=True)
class Rule:
    name: str
    apply: AnchorRule | LinesRule
    cues: tuple[str, ...]
    when: When
    ids: dict[str, RuleId]


RULES: tuple[Rule, ...] = (
    Rule("verb", verb, (VERB,), When.ANCHOR, {
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
    Rule("stage", stage, (STAGE,), When.ANCHOR, {}),
    Rule("participle", participle, (PARTICIPLE,), When.ANCHOR, {
        "participle.quote": RuleId(0.88, "participle (مضيفا، متابعا) then a quotation; the main verb's speaker"),
        "participle.that": RuleId(0.8, "participle (مؤكدا، مشيرا إلى) then an إن/أن clause; the main verb's speaker"),
        "participle.colon": RuleId(0.6, "participle, a colon, then unquoted speech"),
    }),
    Rule("headline", headlines, (), When.LINES, {
        "headline.colon": RuleId(0.72, "a SPEAKER: content line with no cue"),
    }),
    Rule("interview", interviews, (), When.LINES, {
        "interview.answer": RuleId(0.6, "an interview's answer below its question, no cue; whom the lead names"),
    }),
    Rule("source", source, (SOURCE,), When.FRAMING, {
        "source.phrase": RuleId(0.6, "a statement framed by a source phrase (بحسب، وفقا لـ، نقلا عن)"),
    }),
)


class RuleTableError(ValueError):
    """A row of the rule table that breaks its contract; the message names the row."""


def check(rules: tuple[Rule, ...]) -> dict[str, RuleId]:
    """Every rule id of the table and what it is; raises :class:`RuleTableError` for a row
    whose cue kinds the lexicon lacks, an id that is taken or not of :data:`ID_FORM`, a
    confidence outside (0, 1], or a function that does not take what its ``when`` gives."""
    ids: dict[str, RuleId] = {}
    for rule in rules:
        def fail(what: str, rule: Rule = rule) -> RuleTableError:
            return RuleTableError(f"rule {rule.name!r}: {what}")

        unknown = set(rule.cues) - set(CUE_KINDS)
        if unknown:
            raise fail(f"cue kinds {sorted(unknown)} are none of the lexicon's {list(CUE_KINDS)}")
        if (rule.when == When.LINES) != (not rule.cues):
            raise fail("a lines rule answers no cue kind, an anchor or framing rule at least one")
        arity = 1 if rule.when == When.LINES else 2
        if len(inspect.signature(rule.apply).parameters) != arity:
            raise fail(f"a {rule.when} rule is called with {arity} argument(s)")
        for rule_id, value in rule.ids.items():
            if rule_id in ids:
                raise fail(f"id {rule_id!r} is another rule's")
            if not ID_FORM.fullmatch(rule_id):
                raise fail(f"id {rule_id!r} is not of the form {ID_FORM.pattern}")
            if not 0 < value.confidence <= 1 or not value.description:
                raise fail(f"id {rule_id!r} needs a confidence in (0, 1] and a description")
            ids[rule_id] = value
    return ids


#: Every rule id and what it is, across the table (checked).
RULE_IDS: dict[str, RuleId] = check(RULES)
