"""What the rules already know of a candidate, as a few named properties.

Each property takes one of a few values, read from the candidate and its document alone
(no lexicon, no engine), so that a candidates file written by any rules version can be
described the same way:

* ``rule`` — the rule id (``verb.quote``);
* ``cue`` — the kind of cue the rule answered, from the id's subject: ``verb`` (verb,
  dropped, object, postposed, interrupted), ``participle``, ``source``, or ``none`` (a
  headline line has no cue);
* ``intro`` — what introduced the content, from the id: ``quote``, ``that``, ``colon``,
  ``phrase``;
* ``type`` — ``direct``, ``indirect``, ``mixed``;
* ``speaker`` — ``dropped`` (no speaker span: the name comes from earlier text), ``titled``
  (the span holds the name after a title or description), ``bare`` (the span is the name
  itself), ``resolved`` (the span does not hold the name: الوزير for a minister named
  earlier), ``none`` (no speaker at all);
* ``name`` — the words of the speaker's name: ``none``, ``1`` (a surname alone, where a
  full name is due), ``2-3``, ``4+`` (a name that ran on into the words after it);
* ``length`` — the content's words: ``1-5``, ``6-15``, ``16-30``, ``31+``;
* ``marks`` — quotation marks around the content: ``closed`` (one before and one after),
  ``opening`` (only before: a quotation never closed), ``closing`` (only after: the quoted
  end of a mixed content), ``none``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from builder.text.quotes import QUOTE_MARKS

PROPERTIES = ("rule", "cue", "intro", "type", "speaker", "name", "length", "marks")

_CUE_OF_SUBJECT = {"verb": "verb", "dropped": "verb", "object": "verb", "postposed": "verb",
                   "interrupted": "verb", "participle": "participle", "source": "source", "headline": "none"}
_LENGTHS = ((5, "1-5"), (15, "6-15"), (30, "16-30"))
_LONGEST = "31+"
_SPACES = " \t\u00a0\u202f"


def _rule_parts(rule: str | None) -> tuple[str, str]:
    subject, _, intro = (rule or "").partition(".")
    return _CUE_OF_SUBJECT.get(subject, "other" if subject else "none"), intro or "none"


def _speaker(a: Mapping[str, Any]) -> str:
    span, name = a.get("speaker"), (a.get("speaker_name") or "").strip()
    if not span:
        return "dropped" if name else "none"
    text = span["text"].strip()
    if not name or name not in text:
        return "resolved"
    return "bare" if len(text.split()) <= len(name.split()) + 1 else "titled"


def _name(a: Mapping[str, Any]) -> str:
    words = len((a.get("speaker_name") or "").split())
    return "none" if not words else "1" if words == 1 else "2-3" if words <= 3 else "4+"


def _length(a: Mapping[str, Any]) -> str:
    words = sum(len(span["text"].split()) for span in a["content"])
    return next((label for most, label in _LENGTHS if words <= most), _LONGEST)


def _mark_before(text: str, pos: int) -> bool:
    while pos > 0 and text[pos - 1] in _SPACES:
        pos -= 1
    return pos > 0 and text[pos - 1] in QUOTE_MARKS


def _mark_after(text: str, pos: int) -> bool:
    while pos < len(text) and text[pos] in _SPACES:
        pos += 1
    return pos < len(text) and text[pos] in QUOTE_MARKS


def _marks(a: Mapping[str, Any], text: str) -> str:
    content = a["content"]
    if not content:
        return "none"
    first, last = content[0]["text"], content[-1]["text"]
    opened = first[:1] in QUOTE_MARKS or _mark_before(text, content[0]["start"])
    closed = last[-1:] in QUOTE_MARKS or _mark_after(text, content[-1]["end"])
    return {(True, True): "closed", (True, False): "opening", (False, True): "closing"}.get((opened, closed), "none")


def properties(a: Mapping[str, Any], text: str) -> dict[str, str]:
    """The properties of the candidate ``a`` of a document of ``text`` (see the module)."""
    cue, intro = _rule_parts(a.get("rule"))
    return {"rule": a.get("rule") or "none", "cue": cue, "intro": intro, "type": a.get("type") or "none",
            "speaker": _speaker(a), "name": _name(a), "length": _length(a), "marks": _marks(a, text)}


def as_proposed(a: Mapping[str, Any]) -> Mapping[str, Any]:
    """A verified attribution as the rules proposed it: a corrected one's ``proposed`` fields
    (with its rule), else the attribution itself (accepted and rejected ones are as proposed).
    A corrected one from a file written before ``proposed`` was kept is described as corrected."""
    proposed = a.get("proposed")
    return {**proposed, "rule": a.get("rule")} if proposed else a
