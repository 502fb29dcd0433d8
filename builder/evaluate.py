"""Precision and recall of predicted attributions against hand-annotated ones.

Matching, per document, one gold attribution to at most one prediction:

* **content, exact**: the same list of content spans;
* **content, overlap**: the character overlap of all content spans, over their union
  (Jaccard), is at least :data:`OVERLAP` — pairs are matched greedily, best overlap first;
* **speaker**: on overlap-matched pairs, the speaker names agree — equal, or one's words
  contained in the other's (``لافروف`` / ``سيرغي لافروف``), compared through the
  transliteration skeleton so that ``جاويش``/``تشاووش`` agree;
* **attribution**: overlap-matched and speaker right.  By type, a match also needs the
  same type on both sides.  By rule: the share of a rule's predictions that are right.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from builder.arabic import fold_word
from builder.quotes import QUOTE_MARKS
from builder.speakers import skeleton

OVERLAP = 0.5
TYPES = ("direct", "indirect", "mixed")
_QUOTES = QUOTE_MARKS + "()"


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def as_dict(self) -> dict[str, float | int]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "pred": self.pred, "gold": self.gold}


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
            "by_rule": {
                rule: {"predicted": c["pred"], "correct": c["right"],
                       "precision": round(c["right"] / c["pred"], 4) if c["pred"] else 0.0}
                for rule, c in sorted(self.rules.items())
            },
            "documents_without_prediction": self.missing_docs,
        }


def _length(spans: list[dict]) -> int:
    return sum(s["end"] - s["start"] for s in spans)


def overlap(a: list[dict], b: list[dict]) -> float:
    """Jaccard overlap of two lists of character spans."""
    inter = sum(max(0, min(x["end"], y["end"]) - max(x["start"], y["start"])) for x in a for y in b)
    union = _length(a) + _length(b) - inter
    return inter / union if union else 0.0


def _name_words(name: str | None) -> tuple[str, ...]:
    if not name:
        return ()
    cleaned = "".join(" " if ch in _QUOTES else ch for ch in fold_word(name))
    return tuple(skeleton(w) for w in cleaned.split())


def same_speaker(gold: dict, pred: dict) -> bool:
    g, p = _name_words(gold.get("speaker_name")), _name_words(pred.get("speaker_name"))
    if not g or not p:
        return False
    short, long_ = (g, p) if len(g) <= len(p) else (p, g)
    return set(short) <= set(long_)


def _match(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    pairs = sorted(
        ((overlap(g["content"], p["content"]), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for score, gi, pi in pairs:
        if score < OVERLAP:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gold[gi], pred[pi]))
    return out


def _spans(a: dict) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) for s in a["content"]]


def evaluate(gold_docs: list[dict], pred_docs: list[dict]) -> Report:
    """Compare two lists of documents in the output contract, joined by ``doc_id``."""
    report = Report()
    preds = {d["doc_id"]: d for d in pred_docs}
    for gdoc in gold_docs:
        gold = gdoc["attributions"]
        pdoc = preds.get(gdoc["doc_id"])
        if pdoc is None:
            report.missing_docs.append(gdoc["doc_id"])
        pred = pdoc["attributions"] if pdoc else []
        for counts in (report.content_exact, report.content_overlap, report.attribution):
            counts.gold += len(gold)
            counts.pred += len(pred)
        for g in gold:
            report.by_type[g["type"]].gold += 1
        for p in pred:
            report.by_type[p["type"]].pred += 1
            report.rules[p["rule"]]["pred"] += 1
        gold_exact = Counter(tuple(_spans(g)) for g in gold)
        for p in pred:
            key = tuple(_spans(p))
            if gold_exact[key]:
                gold_exact[key] -= 1
                report.content_exact.tp += 1
        for g, p in _match(gold, pred):
            report.matched += 1
            report.content_overlap.tp += 1
            right = same_speaker(g, p)
            report.speaker_right += right
            report.type_right += g["type"] == p["type"]
            if right:
                report.attribution.tp += 1
                report.rules[p["rule"]]["right"] += 1
                if g["type"] == p["type"]:
                    report.by_type[g["type"]].tp += 1
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
    lines.append("")
    lines.append(f"{'rule':28}{'precision':>10}{'correct':>9}{'pred':>6}")
    for rule, c in d["by_rule"].items():
        lines.append(f"{rule:28}{c['precision']:>10.3f}{c['correct']:>9}{c['predicted']:>6}")
    if d["documents_without_prediction"]:
        lines.append(f"documents with no prediction: {len(d['documents_without_prediction'])}")
    return "\n".join(lines)
