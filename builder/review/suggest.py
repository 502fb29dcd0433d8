"""Proposals from corrections: lexicon entries the annotators' work shows the rules lacked,
and the rules whose precision fell low.

Read from the ``added`` and ``corrected`` attributions (what an annotator drew or fixed),
each word checked against the lexicon the rules used (the shipped one, or ``--lexicons``):

* **cue words and forms** — a cue span no lexicon form covers (the words left once the known
  cues, their prepositions and complementizers are taken out): a verb form becomes a row of
  ``cue_verbs.tsv`` (past and present stems, checked by generating the forms and finding the
  one seen among them), a participle a row of ``cue_participles.tsv``, anything else a row
  of ``cue_phrases.tsv`` (its kind guessed: ``trailing`` after the content, ``participle``
  for a بال… verbal noun, else ``source``);
* **titles** — the head of the words before the name in a speaker span (الخبيرة الاقتصادية
  منى بدير → خبيرة) that no title, institution or modifier list holds;
* **institutions** — the head of a speaker span that is its own name and a definite phrase
  (التنسيقية الوطنية للأساتذة → تنسيقية);
* **outlets spoken to** — a لـ word between the speaker and the content or between the cue and
  the speaker (صرّح الوزير لوسائل الإعلام بأن → وسائل) that is not a known outlet.

Every proposal says how often it was seen and gives example attribution ids.  These are
guesses for a linguist to review, written in each file's own format
(:mod:`builder.review.proposals`); nothing here changes the shipped lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from builder.contract import ADDED, CORRECTED, PROPOSED, REJECTED, Record
from builder.lexicon.cue_forms import cue_table, fold_phrase
from builder.lexicon.files import Row
from builder.lexicon.lexicon import Lexicon
from builder.review.tally import RuleTally, by_rule
from builder.text.arabic import fold_word, normalize

EXAMPLES = 3
_WORD_EDGES = re.compile(r"^[^\w]+|[^\w]+$")
_PAST_SUFFIXES = ("تا", "وا", "نا", "ت", "ا", "ن")
_PRESENT_SUFFIXES = ("ون", "ان", "ين", "ن")
_PARTICIPLE_ENDINGS = ("ين", "ا", "ة", "ه")
_NOT_PAST_ENDINGS = ("ة", "ات", "ا", "ين", "ون")
_OUTLET_WINDOW = 40
_SENTENCE_END = re.compile(r"[.:؛!?؟\n]")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass
class Proposal:
    """A row for a lexicon file, and where it was seen."""

    file: str
    row: tuple[str, ...]
    seen: str
    """The word or phrase as the text writes it (first example)."""
    note: str
    count: int = 0
    examples: list[dict[str, str]] = field(default_factory=list)

    def add(self, doc: Record, a: dict) -> None:
        self.count += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append({"id": a.get("id", ""), "doc_id": doc["doc_id"], "source": doc.get("source", "")})


def _clean(word: str) -> str:
    """A word as written, without diacritics, tatweel or the punctuation around it."""
    return _WORD_EDGES.sub("", normalize(word).text)


def _without_proclitic(word: str) -> str:
    """والخبيرة → الخبيرة; a word that starts with و or ف itself (وزير) is left whole."""
    return word[1:] if word[:1] in "وف" and word[1:3] == "ال" else word


def _without_article(word: str) -> str:
    for article in ("ال", "لل"):
        if word.startswith(article) and len(word) > len(article) + 2:
            return word[len(article):]
    return word


# -- cues ------------------------------------------------------------------------------


def _is_cue(lex: Lexicon, words: list[str]) -> bool:
    phrase = " ".join(words)
    return phrase in lex.cues or (phrase[:1] in "وف" and phrase[1:] in lex.cues)


def _unknown_runs(lex: Lexicon, written: list[str]) -> list[list[str]]:
    """The runs of words of a cue span that no known cue covers, as written; the cue's
    prepositions and complementizers count as covered once a known cue is there, and a span
    of nothing else is proposed whole."""
    folded = [fold_word(w) for w in written]
    fillers = lex.adverbials | lex.complementizers
    runs: list[list[str]] = [[]]
    i, known = 0, False
    while i < len(folded):
        j = next((j for j in range(len(folded), i, -1) if _is_cue(lex, folded[i:j])), None)
        if j is not None:
            known, i = True, j
            runs.append([])
            continue
        if folded[i] not in fillers:
            runs[-1].append(written[i])
        i += 1
    found = [run for run in runs if run]
    return found if known or found else [written]


def _present_of(past: str) -> str:
    """The present stem as the unvocalized text writes it: يرجع for أرجع, يستنكر for استنكر,
    يتابع for تابع."""
    if (len(past) == 4 and past[0] in "أا") or (len(past) >= 5 and past[0] in "اإ"):
        return "ي" + past[1:]
    return "ي" + past


def _bases(word: str) -> list[str]:
    """``word`` without a و/ف proclitic when that leaves three letters or more (news writes
    وقال far more often than وافق), then ``word`` itself."""
    return [word[1:], word] if word[:1] in "وف" and len(word) >= 4 else [word]


def _from_present(word: str) -> list[str]:
    core = word[1:]
    for suffix in _PRESENT_SUFFIXES:
        if core.endswith(suffix) and len(core) - len(suffix) >= 3:
            core = core[: -len(suffix)]
            break
    return [core, "أ" + core, "ا" + core]


def _pasts(word: str) -> list[str]:
    """Past stems ``word`` may be a form of, the likelier first: a word that starts with ي, or
    with ت/ن and ends as a plural present does (يتابعون), is read as a present; any other as a
    past (itself, or without a past ending: استنكرت), then as a present (تقول)."""
    past = [word, *(word[: -len(s)] for s in _PAST_SUFFIXES if word.endswith(s) and len(word) - len(s) >= 3)]
    if word[:1] not in "يتن" or len(word) < 4:
        return past
    if word[:1] == "ي":
        return _from_present(word)
    return [*_from_present(word), *past] if word.endswith(_PRESENT_SUFFIXES) else [*past, *_from_present(word)]


def _plausible_past(past: str) -> bool:
    """A past stem is three to six letters and does not end as a noun or a plural does."""
    return 3 <= len(past) <= 6 and not past.endswith(_NOT_PAST_ENDINGS) and not past.startswith("ال")


def _verb_row(word: str) -> tuple[str, str] | None:
    """The (past, present) row whose generated forms include ``word`` (with or without its
    proclitic), if one is found."""
    for base in _bases(word):
        for past in filter(_plausible_past, _pasts(base)):
            row = (past, _present_of(past))
            if fold_word(base) in cue_table([Row(row)], [], []):
                return row
    return None


def _participle_row(word: str) -> tuple[str] | None:
    for base in _bases(word):
        for ending in _PARTICIPLE_ENDINGS:
            stem = base[: -len(ending)]
            if (base.startswith("م") and base.endswith(ending) and len(stem) >= 3
                    and fold_word(base) in cue_table([], [Row((stem,))], [])):
                return (stem,)
    return None


def _phrase_kind(a: dict, cue: dict, phrase: str) -> str:
    if cue["start"] >= a["content"][-1]["end"]:
        return "trailing"
    return "participle" if phrase.startswith("بال") else "source"


def _cue_proposals(lex: Lexicon, doc: Record, a: dict) -> Iterator[tuple[str, tuple[str, ...], str, str]]:
    cue = a.get("cue")
    if not cue:
        return
    for run in _unknown_runs(lex, [_clean(w) for w in cue["text"].split() if _clean(w)]):
        phrase = " ".join(run)
        if len(run) == 1 and (row := _participle_row(run[0])):
            yield "cue_participles.tsv", row, phrase, "participle stem (the accusative alef taken off)"
        elif len(run) == 1 and (verb := _verb_row(run[0])):
            yield "cue_verbs.tsv", verb, phrase, "past and present stems guessed; the form seen is generated"
        else:
            kind = _phrase_kind(a, cue, phrase)
            yield "cue_phrases.tsv", (phrase, kind), phrase, f"kind {kind} guessed from where the cue stands"


# -- speakers -------------------------------------------------------------------------


def _known_word(lex: Lexicon, word: str) -> bool:
    folded = fold_word(word)
    known = lex.titles | lex.institutions | lex.modifiers | lex.adverbials | lex.phrase_stops
    return folded in known or lex.strip_article(folded) in known or not _LETTERS.search(word)


def _speaker_proposals(lex: Lexicon, doc: Record, a: dict) -> Iterator[tuple[str, tuple[str, ...], str, str]]:
    span, name = a.get("speaker"), (a.get("speaker_name") or "").strip()
    if not span or not name:
        return
    text = span["text"]
    words = [_clean(w) for w in text.split() if _clean(w)]
    if name in text and text.index(name) > 0:
        before = [_clean(w) for w in text[: text.index(name)].split() if _clean(w)]
        if before and not _known_word(lex, before[0]):
            head = _without_article(_without_proclitic(before[0]))
            yield "titles.txt", (head,), before[0], "the head of the words before a name in a speaker span"
    elif (_clean(text) == _clean(name) and len(words) >= 2 and any(w.startswith("ال") for w in words[:2])
          and not _known_word(lex, words[0])):
        head = _without_article(_without_proclitic(words[0]))
        yield "institutions.txt", (head,), words[0], "the head of a speaker that is its own name"


def _gaps(doc: Record, a: dict) -> Iterator[str]:
    """The text right after the speaker (to the content or the sentence's end) and between
    a cue and the speaker after it: an outlet spoken to is the first word of either."""
    speaker, cue, text = a.get("speaker"), a.get("cue"), doc["text"]
    if not speaker:
        return
    end = speaker["end"]
    limit = min([end + _OUTLET_WINDOW, *(c["start"] for c in a["content"] if c["start"] >= end)])
    yield _SENTENCE_END.split(text[end:limit], maxsplit=1)[0]
    if cue and cue["end"] <= speaker["start"]:
        yield text[cue["end"]:speaker["start"]]


def _outlet_proposals(lex: Lexicon, doc: Record, a: dict) -> Iterator[tuple[str, tuple[str, ...], str, str]]:
    for gap in _gaps(doc, a):
        word = next((w for w in map(_clean, gap.split()) if w), "")
        if not _LETTERS.fullmatch(word) or len(word) < 4 or not word.startswith("ل") or word.endswith("ه"):
            continue  # a لـ"name" in quotation marks is a name; لحزبه (to his party) ends in a pronoun
        head = _without_article("ا" + word[1:]) if word.startswith("لل") else word[1:]
        if fold_word(word) in lex.phrase_stops or _known_word(lex, head) or lex.strip_article(
                fold_word(head)) in lex.mediums:
            continue
        yield "institutions.txt", (head, "outlet"), word, "a لـ word right after the speaker: who was spoken to"


# -- all together -----------------------------------------------------------------------

_MINERS = (_cue_proposals, _speaker_proposals, _outlet_proposals)


def lexicon_proposals(lex: Lexicon, verified: Iterable[Record], min_count: int = 1) -> list[Proposal]:
    """Every proposal seen at least ``min_count`` times, by file, most seen first."""
    found: dict[tuple[str, str], Proposal] = {}
    for doc in verified:
        for a in doc["attributions"]:
            if a.get("status") not in (ADDED, CORRECTED):
                continue
            for miner in _MINERS:
                for file, row, seen, note in miner(lex, doc, a):
                    key = (file, fold_phrase(row[0]))
                    found.setdefault(key, Proposal(file, row, seen, note)).add(doc, a)
    return sorted((p for p in found.values() if p.count >= min_count), key=lambda p: (p.file, -p.count, p.row))


# -- weak rules -------------------------------------------------------------------------


@dataclass
class WeakRule:
    tally: RuleTally
    rejected: list[dict[str, str]]
    corrected: list[dict[str, str]]


def _changed(a: dict) -> str:
    proposed = a.get("proposed")
    if not proposed:
        return "unknown (the file keeps no proposed candidate)"
    changed = [key for key in PROPOSED if _spans_or_value(proposed.get(key)) != _spans_or_value(a.get(key))]
    return ", ".join(changed) or "nothing"


def _spans_or_value(value: object) -> object:
    if isinstance(value, dict):
        return value.get("start"), value.get("end")
    if isinstance(value, list):
        return [_spans_or_value(v) for v in value]
    return value or None


def _example(doc: Record, a: dict, limit: int = 90) -> dict[str, str]:
    content = " … ".join(c["text"] for c in a["content"])
    return {"id": a.get("id", ""), "doc_id": doc["doc_id"], "source": doc.get("source", ""),
            "content": content if len(content) <= limit else content[:limit] + "…",
            "speaker_name": a.get("speaker_name") or ""}


def weak_rules(verified: list[Record], threshold: float, min_judged: int = 5, examples: int = 5) -> list[WeakRule]:
    """The rules judged at least ``min_judged`` times whose precision is below ``threshold``,
    lowest first, each with examples of its rejected and its corrected candidates (and what
    the correction changed)."""
    weak = {t.rule: WeakRule(t, [], []) for t in by_rule(verified)
            if t.judged >= min_judged and (t.precision or 0.0) < threshold}
    for doc in verified:
        for a in doc["attributions"]:
            rule = weak.get(a.get("rule") or "")
            if rule is None:
                continue
            if a.get("status") == REJECTED and len(rule.rejected) < examples:
                rule.rejected.append(_example(doc, a))
            elif a.get("status") == CORRECTED and len(rule.corrected) < examples:
                rule.corrected.append({**_example(doc, a), "changed": _changed(a)})
    return sorted(weak.values(), key=lambda w: (w.tally.precision or 0.0, w.tally.rule))
