"""The rule table checks itself when imported: a row that breaks its contract is refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from builder.engine.rules import RULE_IDS, RULES, Rule, RuleId, RuleTableError, When, check


def test_the_shipped_table_passes_its_checks_and_gives_every_id_once():
    assert check(RULES) == RULE_IDS
    assert len(RULE_IDS) == sum(len(rule.ids) for rule in RULES)


def _verb_rule() -> Rule:
    return next(rule for rule in RULES if rule.name == "verb")


def _lines_rule() -> Rule:
    return next(rule for rule in RULES if rule.when == When.LINES)


@pytest.mark.parametrize(("row", "message"), [
    (replace(_verb_rule(), cues=("speech",)), "cue kinds ['speech'] are none of the lexicon's"),
    (replace(_verb_rule(), cues=()), "answers no cue kind"),
    (replace(_lines_rule(), cues=("verb",)), "answers no cue kind"),
    (replace(_verb_rule(), when=When.LINES, cues=()), "called with 1 argument"),
    (replace(_lines_rule(), when=When.ANCHOR, cues=("verb",)), "called with 2 argument"),
    (replace(_verb_rule(), ids={"verb-quote": RuleId(0.9, "x")}), "is not of the form"),
    (replace(_verb_rule(), ids={"verb.quote": RuleId(1.5, "x")}), "confidence in (0, 1]"),
    (replace(_verb_rule(), ids={"verb.quote": RuleId(0.9, "")}), "a description"),
])
def test_a_row_breaking_its_contract_is_refused_naming_the_rule(row, message):
    with pytest.raises(RuleTableError, match="rule '") as error:
        check((row,))
    assert message in str(error.value)


def test_an_id_two_rows_give_is_refused():
    verb = _verb_rule()
    with pytest.raises(RuleTableError, match=r"'verb\.quote' is another rule's"):
        check((verb, replace(verb, name="copy")))
