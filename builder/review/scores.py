"""How well confidences say what happens: Brier score, expected calibration error, and the
reliability bins a calibration curve is drawn from.

``outcomes`` are 1 for a candidate accepted as it was, 0 otherwise; ``confidences`` are the
probabilities claimed for them, in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Equal-width bins of [0, 1] for the expected calibration error and the curve.
BINS = 10


@dataclass(frozen=True, slots=True)
class Bin:
    """The candidates whose confidence fell in ``[low, high)`` (the last bin includes 1)."""

    low: float
    high: float
    count: int
    confidence: float
    """Their mean confidence."""
    accepted: float
    """The share of them accepted as they were."""


def _check(confidences: Sequence[float], outcomes: Sequence[int]) -> None:
    if len(confidences) != len(outcomes):
        raise ValueError(f"{len(confidences)} confidences for {len(outcomes)} outcomes")


def brier(confidences: Sequence[float], outcomes: Sequence[int]) -> float:
    """Mean squared difference between confidence and outcome (0 is perfect; 0.25 is what
    always saying 0.5 scores)."""
    _check(confidences, outcomes)
    if not outcomes:
        return 0.0
    return sum((c - y) ** 2 for c, y in zip(confidences, outcomes, strict=True)) / len(outcomes)


def reliability(confidences: Sequence[float], outcomes: Sequence[int], bins: int = BINS) -> list[Bin]:
    """The non-empty bins of ``bins`` equal-width ones, in order of confidence."""
    _check(confidences, outcomes)
    members: list[list[tuple[float, int]]] = [[] for _ in range(bins)]
    for c, y in zip(confidences, outcomes, strict=True):
        members[min(int(c * bins), bins - 1)].append((c, y))
    return [Bin(k / bins, (k + 1) / bins, len(m), sum(c for c, _ in m) / len(m), sum(y for _, y in m) / len(m))
            for k, m in enumerate(members) if m]


def expected_calibration_error(confidences: Sequence[float], outcomes: Sequence[int], bins: int = BINS) -> float:
    """The gap between mean confidence and accepted share in each bin, weighted by the bin's
    share of the candidates (0 is perfect)."""
    total = len(outcomes)
    if not total:
        return 0.0
    return sum(b.count * abs(b.confidence - b.accepted) for b in reliability(confidences, outcomes, bins)) / total


@dataclass(frozen=True, slots=True)
class Fit:
    """Both figures of one set of confidences."""

    brier: float
    ece: float

    def as_dict(self) -> dict[str, float]:
        return {"brier": round(self.brier, 4), "ece": round(self.ece, 4)}


def fit_of(confidences: Sequence[float], outcomes: Sequence[int]) -> Fit:
    return Fit(brier(confidences, outcomes), expected_calibration_error(confidences, outcomes))
