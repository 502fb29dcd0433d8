"""``iqtibas report``: one self-contained HTML page on what the review made of the rules.

Everything is in the file — styles, the charts as inline SVG (:mod:`builder.review.figures`),
the tables — and nothing is fetched: it opens from disk in any browser, with no server and
no network.  Arabic (speaker names, contents) is set right-to-left in its own elements, in
a page whose frame is English and left-to-right.

Sections: per-rule precision with 95% intervals and counts; the calibration curve of the
recorded confidences (and of a calibration's, on documents it was not fitted on); the
statuses by type; the agreement between annotators; the most quoted speakers; the
documents that needed most corrections.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from builder.contract import ACCEPTED, Record
from builder.review import tally
from builder.review.calibrate import Calibration, Evaluation, examples, recorded_confidences
from builder.review.figures import precision_chart, reliability_chart, status_chart
from builder.review.scores import fit_of, reliability
from builder.review.tally import ORDER

_STYLE = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 2rem auto; max-width: 62rem;
       padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem;
       border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
.meta { color: #555; } figure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 0.6rem 0; } th, td { border: 1px solid #ddd; padding: 0.25rem 0.6rem; }
th { background: #f3f3f3; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
[lang=ar] { font-family: "Noto Naskh Arabic", "Amiri", "Noto Sans Arabic", "DejaVu Sans", serif; font-size: 1.1rem;
            unicode-bidi: isolate; }
td[lang=ar] { text-align: right; } .bar { display: inline-block; height: 0.8rem; background: #0072B2;
            vertical-align: middle; margin-inline-start: 0.5rem; }
.none { color: #777; font-style: italic; } td code { word-break: break-all; }
"""


@dataclass
class ReportData:
    verified: list[Record]
    candidates: list[Record] = field(default_factory=list)
    calibration: Calibration | None = None
    inputs: Sequence[str] = ()


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table of cells already escaped (a cell may carry its own ``<td …>``)."""
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _num(value: float | int | None, digits: int = 3) -> str:
    if value is None:
        return '<td class="n">–</td>'
    return f'<td class="n">{value:.{digits}f}</td>' if isinstance(value, float) else f'<td class="n">{value}</td>'


def _arabic(text: str) -> str:
    return f'<td lang="ar" dir="rtl">{escape(text)}</td>'


def _summary(data: ReportData) -> str:
    statuses = Counter(a.get("status", ACCEPTED) for d in data.verified for a in d["attributions"])
    versions = sorted({d.get("meta", {}).get("rules_version", "") for d in data.verified} - {""})
    parts = [f"{len(data.verified)} reviewed documents", ", ".join(f"{statuses[s]} {s}" for s in ORDER)]
    if data.candidates:
        reviewed = {d["doc_id"] for d in data.verified}
        parts.append(f"documents not yet reviewed: {sum(d['doc_id'] not in reviewed for d in data.candidates)}")
    inputs = ", ".join(data.inputs) or "–"
    return (f'<p class="meta">{escape("; ".join(parts))}.<br>From {escape(inputs)}; rules '
            f'{escape(", ".join(versions) or "unknown")}.</p>')


def _rules(data: ReportData) -> str:
    rules = tally.by_rule(data.verified, data.candidates)
    head = ["rule", *ORDER[:2], ORDER[3], "precision", "95% interval", "found"]
    if data.candidates:
        head.append("unreviewed")
    rows = []
    for t in rules:
        low, high = t.interval
        row = [f"<code>{escape(t.rule)}</code>", *(_num(t.statuses[s]) for s in (*ORDER[:2], ORDER[3])),
               _num(t.precision), f'<td class="n">{low:.2f}–{high:.2f}</td>' if t.judged else _num(None),
               _num(t.found)]
        rows.append([*row, _num(t.unreviewed)] if data.candidates else row)
    return ("<h2>Precision per rule</h2><p>Precision is the share of a rule's judged candidates (accepted, corrected, "
            "rejected) accepted as proposed, with its 95% Wilson interval; <em>found</em> is the share not rejected."
            f"</p><figure>{precision_chart(rules)}</figure>{_table(head, rows)}")


def _calibration_evaluation(data: ReportData) -> Evaluation | None:
    """The calibration's and the recorded confidences on the documents it was not fitted on."""
    if data.calibration is None:
        return None
    fitted = set(data.calibration.fitted_on.get("doc_ids") or [])
    evaluation = Evaluation("this report's documents not fitted on", 0, [], [], [])
    test = [ex for ex in examples(data.verified) if ex.doc_id not in fitted and ex.recorded is not None]
    for ex in test:
        evaluation.outcomes.append(ex.accepted)
        evaluation.before.append(ex.recorded)
        evaluation.after.append(data.calibration.probability(ex.properties))
    evaluation.documents = len({ex.doc_id for ex in test})
    return evaluation


def _calibration(data: ReportData) -> str:
    confidences, outcomes = recorded_confidences(data.verified)
    recorded = fit_of(confidences, outcomes)
    curves = {"recorded confidence": reliability(confidences, outcomes)}
    rows = [["recorded confidence, all judged candidates", _num(len(outcomes)), _num(recorded.brier),
             _num(recorded.ece)]]
    evaluation = _calibration_evaluation(data)
    if evaluation is not None and evaluation.outcomes:
        shown = evaluation.curves()  # both on the documents the calibration was not fitted on
        curves = {f"recorded, {evaluation.documents} documents": shown["recorded"],
                  f"calibrated ({data.calibration.id})": shown["calibrated"]}  # type: ignore[union-attr]
        if len(evaluation.outcomes) < len(outcomes):  # else the row above says it
            rows.append([f"recorded, {evaluation.documents} documents not fitted on", _num(len(evaluation.outcomes)),
                         _num(evaluation.fit_before.brier), _num(evaluation.fit_before.ece)])
        rows.append([f"calibrated, the same {evaluation.documents} documents", _num(len(evaluation.outcomes)),
                     _num(evaluation.fit_after.brier), _num(evaluation.fit_after.ece)])
    elif evaluation is not None:
        rows.append(["calibrated: every document here was fitted on, so none is shown", "", "", ""])
    return ("<h2>Calibration</h2><p>For each bin of confidence, the share of candidates accepted as proposed; on "
            "the dashed diagonal a confidence says exactly how often a candidate is accepted. With a calibration, "
            "both curves are drawn on the documents it was not fitted on.</p>"
            f"<figure>{reliability_chart(curves)}</figure>"
            + _table(["confidences", "candidates", "Brier score", "expected calibration error"], rows))


def _types(data: ReportData) -> str:
    types = tally.by_type(data.verified)
    rows = [[escape(t), *(_num(c[s]) for s in ORDER)] for t, c in types.items() if sum(c.values())]
    return (f"<h2>Accepted, corrected, added and rejected, by type</h2><figure>{status_chart(types)}</figure>"
            + _table(["type", *ORDER], rows))


def _agreement(data: ReportData) -> str:
    found = tally.agreement(data.verified)
    if found.mean is None:
        return ('<h2>Agreement between annotators</h2><p class="none">Not measured: no document was annotated by two '
                "annotators.</p>")
    rows = [[_document(source, doc_id), _num(f)] for doc_id, source, f in found.per_document[:10]]
    return (f"<h2>Agreement between annotators</h2><p>Content span F1 between annotators, on "
            f"{len(found.per_document)} documents annotated by two or more: mean <strong>{found.mean:.3f}</strong>. "
            "The lowest:</p>" + _table(["document", "span F1"], rows))


def _document(source: str, doc_id: str) -> str:
    return f"<code>{escape(source or doc_id)}</code>"


def _speakers(data: ReportData) -> str:
    found = tally.speakers(data.verified)
    if not found:
        return '<h2>Most quoted speakers</h2><p class="none">No verified attribution names its speaker.</p>'
    most = found[0][1]
    rows = [[_arabic(name), f'<td class="n">{n}<span class="bar" style="width:{8 * n / most:.2f}rem"></span></td>']
            for name, n in found]
    return "<h2>Most quoted speakers</h2>" + _table(["speaker", "verified attributions"], rows)


def _corrected_docs(data: ReportData) -> str:
    docs = tally.most_corrected(data.verified)
    if not docs:
        return '<h2>Documents with the most corrections</h2><p class="none">No document needed a change.</p>'
    rows = [[_document(d.source, d.doc_id), _arabic(d.headline), *(_num(d.statuses[s]) for s in ORDER),
             _num(d.changes)] for d in docs]
    return ("<h2>Documents with the most corrections</h2>"
            + _table(["document", "first line", *ORDER, "changes"], rows))


def render(data: ReportData) -> str:
    """The whole page."""
    sections = [_summary(data), _rules(data), _calibration(data), _types(data), _agreement(data), _speakers(data),
                _corrected_docs(data)]
    return ('<!DOCTYPE html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>iqtibas review report</title><style>{_STYLE}</style></head><body>"
            "<h1>iqtibas review report</h1>" + "".join(sections) + "</body></html>\n")
