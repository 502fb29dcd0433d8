"""The dataset card's section on the review: the report's charts as SVG files beside the
card, and the markdown that shows them (the Hub renders images linked from a dataset's
README).  :func:`figures` gives the files, :func:`section` the markdown; the card
(:mod:`builder.dataset.card`) lists both and the build writes the files."""

from __future__ import annotations

from builder.contract import Record
from builder.review import tally
from builder.review.calibrate import recorded_confidences
from builder.review.figures import precision_chart, reliability_chart, status_chart
from builder.review.scores import fit_of, reliability

FOLDER = "figures"
PRECISION, CALIBRATION, STATUSES = (f"{FOLDER}/rule-precision.svg", f"{FOLDER}/calibration.svg",
                                    f"{FOLDER}/statuses-by-type.svg")


def figures(verified: list[Record]) -> dict[str, str]:
    """Each chart's path in the dataset folder and its SVG text."""
    confidences, outcomes = recorded_confidences(verified)
    return {PRECISION: precision_chart(tally.by_rule(verified)),
            CALIBRATION: reliability_chart({"recorded confidence": reliability(confidences, outcomes)}),
            STATUSES: status_chart(tally.by_type(verified))}


def section(verified: list[Record]) -> list[str]:
    """The card's markdown lines: the three charts and the calibration figures in one line."""
    confidences, outcomes = recorded_confidences(verified)
    fit = fit_of(confidences, outcomes)
    return ["## The review in figures", "",
            "Each rule's precision (accepted as proposed / judged) with its 95% Wilson interval:", "",
            f"![precision per rule]({PRECISION})", "",
            f"How well the confidences the candidates were reviewed with say how often one is accepted as proposed "
            f"({len(outcomes)} judged candidates; Brier score {fit.brier:.3f}, expected calibration error "
            f"{fit.ece:.3f}; the dashed diagonal is perfect calibration):", "",
            f"![calibration curve]({CALIBRATION})", "",
            "Accepted, corrected, added and rejected attributions of each type:", "",
            f"![statuses by type]({STATUSES})"]
