"""Precision and recall of predicted attributions against hand-annotated ones.

Hand annotation comes in two formats, and each is scored its own way:

* **offsets** (the output contract, ``data/gold/``): content spans, one ``speaker_name``.
  Per document (joined by ``doc_id``), one gold attribution is matched to at most one
  prediction — *exact* when the content spans are the same, *overlap* when their Jaccard
  overlap is at least :data:`builder.contract.OVERLAP`, best first; the speaker is right
  when one name contains the other (:func:`builder.engine.names.contains`); an *attribution* is
  overlap-matched with the speaker right, and by type it also needs the same type on both
  sides; per rule, the share of a rule's predictions that are right attributions.
* **strings** (real news annotated by hand: content strings, a list of ``speaker_names``,
  ``../shared/realnews``): exactly the figures of the project's scorer ``score.py`` —
  documents paired by their text, contents by the Dice overlap of their words
  (:func:`builder.text.arabic.comparable`, complementizers left out) at least 0.5, the speaker
  right by :func:`builder.engine.names.names_match` — and the precision of every rule besides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.contract import OVERLAP, TYPES, Record, pair_by_content, pair_groups
from builder.engine.names import contains, name_words, names_match
from builder.similar_pairs import dice_candidates
from builder.text.arabic import comparable

#: Words the scorer leaves out at the start of a content (the complementizers, as compared).
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "انهما", "انهن", "بان", "بانه", "بانها", "بانهم",
                              "انا", "اننا"})
DICE = 0.5


def prf(right: int | float, pred: int | float, gold: int | float, digits: int = 3) -> tuple[float, float, float]:
    """Precision, recall and F1, rounded (the scorer rounds to 3 digits)."""
    p = right / pred if pred else 0.0
    r = right / gold if gold else 0.0
    return round(p, digits), round(r, digits), round(_f1(p, r), digits)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def as_dict(self) -> dict[str, float | int]:
        p, r, f = prf(self.tp, self.pred, self.gold, 4)
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "pred": self.pred, "gold": self.gold}


@dataclass
class Report:
    content_exact: Counts = field(default_factory=Counts)
    content_overlap: Counts = field(default_factory=Counts)
    attribution: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    speaker_right: int = 0
    type_right: int = 0
    matched: int = 0
    rules: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    missing_docs: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        m = self.matched or 1
        return {
            "content_exact": self.content_exact.as_dict(),
            "content_overlap": self.content_overlap.as_dict(),
            "speaker_accuracy_on_matched": round(self.speaker_right / m, 4),
            "type_accuracy_on_matched": round(self.type_right / m, 4),
            "attribution": self.attribution.as_dict(),
            "by_type": {t: c.as_dict() for t, c in self.by_type.items()},
            "by_rule": _by_rule(self.rules),
            "documents_without_prediction": self.missing_docs,
        }

    def add_document(self, gold: list[dict], pred: list[dict]) -> None:
        """Count the gold and predicted attributions of one document."""
        self._add_totals(gold, pred)
        gold_exact = Counter(tuple(_spans(g)) for g in gold)
        for p in pred:
            key = tuple(_spans(p))
            if gold_exact[key]:
                gold_exact[key] -= 1
                self.content_exact.tp += 1
        for gi, pi, _ in pair_by_content(gold, pred):
            self._add_match(gold[gi], pred[pi])

    def _add_totals(self, gold: list[dict], pred: list[dict]) -> None:
        for counts in (self.content_exact, self.content_overlap, self.attribution):
            counts.gold += len(gold)
            counts.pred += len(pred)
        for g in gold:
            self.by_type[g["type"]].gold += 1
        for p in pred:
            self.by_type[p["type"]].pred += 1
            self.rules[p["rule"]]["pred"] += 1

    def _add_match(self, g: dict, p: dict) -> None:
        """A gold and a predicted attribution whose contents overlap."""
        self.matched += 1
        self.content_overlap.tp += 1
        right = same_speaker(g, p)
        self.speaker_right += right
        self.type_right += g["type"] == p["type"]
        if right:
            self.attribution.tp += 1
            self.rules[p["rule"]]["right"] += 1
            if g["type"] == p["type"]:
                self.by_type[g["type"]].tp += 1


def _by_rule(rules: dict[str, Counter]) -> dict[str, dict[str, Any]]:
    return {rule: {"predicted": c["pred"], "correct": c["right"],
                   "precision": round(c["right"] / c["pred"], 4) if c["pred"] else 0.0}
            for rule, c in sorted(rules.items())}


def _spans(a: dict) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) for s in a["content"]]


def same_speaker(gold: dict, pred: dict) -> bool:
    return contains(name_words(gold.get("speaker_name")), name_words(pred.get("speaker_name")))


def is_strings_format(gold_docs: list[dict]) -> bool:
    """Whether hand annotation gives contents as strings (and ``speaker_names``)."""
    return any(isinstance(c, str) for d in gold_docs for a in d["attributions"] for c in a["content"])


def evaluate(gold_docs: list[dict], pred_docs: list[dict]) -> Report:
    """Compare two lists of documents in the output contract, joined by ``doc_id``; within a
    document, only attributions whose contents share a character are compared."""
    report = Report()
    preds = {d["doc_id"]: d for d in pred_docs}
    for gdoc in gold_docs:
        pdoc = preds.get(gdoc["doc_id"])
        if pdoc is None:
            report.missing_docs.append(gdoc["doc_id"])
        report.add_document(gdoc["attributions"], pdoc["attributions"] if pdoc else [])
    return report


def format_report(report: Report) -> str:
    """The report as an aligned text table."""
    d = report.as_dict()
    lines = [f"{'':28}{'precision':>10}{'recall':>10}{'f1':>8}{'tp':>6}{'pred':>6}{'gold':>6}"]

    def row(label: str, c: dict) -> None:
        lines.append(f"{label:28}{c['precision']:>10.3f}{c['recall']:>10.3f}{c['f1']:>8.3f}"
                     f"{c['tp']:>6}{c['pred']:>6}{c['gold']:>6}")

    row("content (exact)", d["content_exact"])
    row(f"content (overlap >= {OVERLAP})", d["content_overlap"])
    row("attribution", d["attribution"])
    for t in TYPES:
        row(f"  attribution: {t}", d["by_type"][t])
    lines.append(f"speaker accuracy on matched content: {d['speaker_accuracy_on_matched']:.3f}")
    lines.append(f"type accuracy on matched content:    {d['type_accuracy_on_matched']:.3f}")
    lines += ["", *_rule_lines(d["by_rule"])]
    if d["documents_without_prediction"]:
        lines.append(f"documents with no prediction: {len(d['documents_without_prediction'])}")
    return "\n".join(lines)


def _rule_lines(by_rule: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"{'rule':28}{'precision':>10}{'correct':>9}{'pred':>6}"]
    for rule, c in by_rule.items():
        lines.append(f"{rule:28}{c['precision']:>10.3f}{c['correct']:>9}{c['predicted']:>6}")
    return lines


# -- the strings format: the project's scorer ------------------------------------------------

def _words(text: str) -> list[str]:
    words = comparable(text).split()
    while words and words[0] in _COMPLEMENTIZERS:
        words = words[1:]
    return words


def _dice(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def _content_text(a: dict) -> str:
    return " ".join(c["text"] if isinstance(c, dict) else str(c) for c in a.get("content") or [])


def _predicted_name(a: dict) -> str:
    speaker = a.get("speaker")
    return a.get("speaker_name") or (speaker.get("text", "") if isinstance(speaker, dict) else speaker or "")




class _Predictions:
    """The predicted documents, found for a gold document as the scorer finds them: by their
    text (whitespace folded), else by the stem of ``source``/``doc_id``."""

    def __init__(self, pred_docs: list[Record]) -> None:
        self.by_text = {" ".join(d["text"].split()): d for d in pred_docs}
        self.by_stem: dict[str, Record] = {}
        for d in pred_docs:
            for key in ("source", "doc_id", "path"):
                if d.get(key):
                    self.by_stem[Path(str(d[key])).stem] = d

    def of(self, gdoc: dict) -> Record | None:
        found = self.by_text.get(" ".join(gdoc["text"].split()))
        if found is None:
            found = self.by_stem.get(Path(gdoc.get("source", gdoc["doc_id"])).stem) or self.by_stem.get(gdoc["doc_id"])
        return found


def _grouped(word_lists: list[list[str]]) -> tuple[list[tuple[str, ...]], list[list[int]]]:
    """The distinct word multisets of ``word_lists`` and, for each, the items that have it."""
    index: dict[tuple[str, ...], int] = {}
    groups: list[list[int]] = []
    for item, words in enumerate(word_lists):
        key = tuple(sorted(words))
        if key not in index:
            index[key] = len(groups)
            groups.append([])
        groups[index[key]].append(item)
    return list(index), groups


def _pair_contents(gold: list[dict], pred: list[dict]) -> list[tuple[int, int, float]]:
    """The scorer's pairs of gold and predicted contents: Dice of their words at least
    :data:`DICE`, best first.  Equal word multisets are scored once, and only those that may
    reach the threshold (:func:`builder.similar_pairs.dice_candidates`)."""
    g_keys, g_groups = _grouped([_words(" ".join(a["content"])) for a in gold])
    p_keys, p_groups = _grouped([_words(_content_text(a)) for a in pred])
    scored = [(s, a, b) for a, b in dice_candidates(g_keys, p_keys, DICE)
              if (s := _dice(list(g_keys[a]), list(p_keys[b]))) >= DICE]
    return pair_groups(g_groups, p_groups, scored)


def _score_document(c: Counter, rules: dict[str, Counter], gold: list[dict], pred: list[dict]) -> None:
    """Count one document's attributions into ``c`` and ``rules`` (the scorer's counts)."""
    c["gold"] += len(gold)
    c["pred"] += len(pred)
    for t in TYPES:
        c[f"gold_{t}"] += sum(a["type"] == t for a in gold)
        c[f"pred_{t}"] += sum(a.get("type") == t for a in pred)
    for a in pred:
        rules[a.get("rule") or "?"]["pred"] += 1
    for i, j, s in _pair_contents(gold, pred):
        g, p = gold[i], pred[j]
        right = names_match(g["speaker_names"], _predicted_name(p))
        c["match"] += 1
        c["exact"] += s == 1.0
        c["dice_sum"] += s
        c["attr"] += right
        c[f"match_{g['type']}"] += 1
        c[f"attr_{g['type']}"] += right
        c[f"predattr_{p.get('type')}"] += right
        c["type_ok"] += p.get("type") == g["type"]
        rules[p.get("rule") or "?"]["right"] += right


def _share(part: float, whole: float) -> float:
    return round(part / whole, 3) if whole else 0.0


def _type_scores(c: Counter) -> dict[str, Any]:
    """Content recall and attribution P/R/F1 of each type, None for a type gold does not have."""
    out: dict[str, Any] = {}
    for t in TYPES:
        out[f"{t}_content_recall"] = round(c[f"match_{t}"] / c[f"gold_{t}"], 3) if c[f"gold_{t}"] else None
        if c[f"gold_{t}"]:
            p_ = c[f"predattr_{t}"] / c[f"pred_{t}"] if c[f"pred_{t}"] else 0.0
            r_ = c[f"attr_{t}"] / c[f"gold_{t}"]
            out[f"{t}_attribution_prf"] = (round(p_, 3), round(r_, 3), round(_f1(p_, r_), 3))
        else:
            out[f"{t}_attribution_prf"] = None
    return out


def score_strings(gold_docs: list[dict], pred_docs: list[Record]) -> dict[str, Any]:
    """The figures of ``score.py score`` for hand annotation in the strings format, and the
    precision of every rule."""
    predictions = _Predictions(pred_docs)
    c: Counter = Counter()
    rules: dict[str, Counter] = defaultdict(Counter)
    missing = []
    for gdoc in gold_docs:
        pdoc = predictions.of(gdoc)
        if pdoc is None:
            missing.append(gdoc["doc_id"])
        _score_document(c, rules, gdoc["attributions"], (pdoc or {}).get("attributions") or [])
    matched = c["match"]
    return {
        "documents": len(gold_docs), "documents_missing": missing, "gold": c["gold"], "pred": c["pred"],
        "content_overlap_prf": prf(c["match"], c["pred"], c["gold"]),
        "content_exact_prf": prf(c["exact"], c["pred"], c["gold"]),
        "attribution_prf": prf(c["attr"], c["pred"], c["gold"]),
        "speaker_acc_on_matched": _share(c["attr"], matched),
        "type_acc_on_matched": _share(c["type_ok"], matched),
        "mean_dice_on_matched": _share(c["dice_sum"], matched),
        **_type_scores(c),
        "by_rule": _by_rule(rules),
    }


def format_scores(scores: dict[str, Any]) -> str:
    """The scorer's figures as ``score.py`` prints them, then the rule table."""
    lines = [f"{key}: {value}" for key, value in scores.items() if key != "by_rule"]
    return "\n".join([*lines, "", *_rule_lines(scores["by_rule"])])
