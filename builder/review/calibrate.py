"""Calibrated confidence: the probability that an annotator accepts a candidate as it is,
learnt from the statuses of verified files.

Every candidate the review judged (accepted, corrected or rejected; an added attribution
was no candidate) is an example: its :mod:`properties <builder.review.properties>` —
rule, cue kind, what introduced the content, type, speaker, length, quotation marks — and
whether it was accepted unchanged.  A regularized logistic regression over those one-hot
properties (:mod:`builder.review.logistic`) gives a rule seen often its own probability and
shares what a rule seen rarely has in common with others (its cue kind, its type …).

A calibration is a small JSON file (``iqtibas calibrate -o calibration.json``).  Applied to
a candidates record (``extract --calibration``, ``push --calibration``), it replaces every
candidate's ``confidence`` with the calibrated one and names itself in the record's
``meta.calibration``; the rules' hand-set confidences are what a record holds without it.

How good it is, is measured on documents it was not fitted on: held-out verified files, or
else cross-validation by document; the Brier score and the expected calibration error
(:mod:`builder.review.scores`) of the recorded confidences and the calibrated ones.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.contract import ACCEPTED, CORRECTED, REJECTED, Record
from builder.output import write_whole
from builder.review.logistic import fit_logistic, sigmoid
from builder.review.properties import PROPERTIES, as_proposed, properties
from builder.review.scores import Bin, Fit, fit_of, reliability

FORMAT = "iqtibas-calibration/1"
#: How hard every weight is pulled towards the shared mean (an L2 penalty).
DEFAULT_STRENGTH = 2.0
#: Folds of the cross-validation by document, when no held-out files are given.
FOLDS = 5
JUDGED = (ACCEPTED, CORRECTED, REJECTED)
#: Digits of the stored weights.
DIGITS = 6


class CalibrationError(ValueError):
    """A calibration file that cannot be used, or data that cannot be fitted; one line."""


@dataclass(frozen=True, slots=True)
class Example:
    """One judged candidate."""

    doc_id: str
    id: str
    properties: dict[str, str]
    accepted: int
    recorded: float | None
    """The confidence the candidate was reviewed with."""

    @property
    def features(self) -> frozenset[str]:
        return frozenset(f"{name}={value}" for name, value in self.properties.items())


def examples(records: Iterable[Record]) -> list[Example]:
    """The judged candidates of verified records, described as the rules proposed them."""
    out = []
    for doc in records:
        for a in doc["attributions"]:
            if a.get("rule") and a.get("status", ACCEPTED) in JUDGED:
                out.append(Example(doc["doc_id"], a.get("id", ""), properties(as_proposed(a), doc["text"]),
                                   int(a.get("status", ACCEPTED) == ACCEPTED), a.get("confidence")))
    return out


def recorded_confidences(records: Iterable[Record]) -> tuple[list[float], list[int]]:
    """The confidences the judged candidates were reviewed with, and whether each was accepted."""
    judged = [ex for ex in examples(records) if ex.recorded is not None]
    return [ex.recorded for ex in judged if ex.recorded is not None], [ex.accepted for ex in judged]


@dataclass
class Calibration:
    intercept: float
    weights: dict[str, float]
    strength: float = DEFAULT_STRENGTH
    fitted_on: dict[str, Any] = field(default_factory=dict)
    evaluation: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """``cal-`` and a digest of the model: two files that calibrate alike share it."""
        model = json.dumps([self.intercept, sorted(self.weights.items())])
        return "cal-" + hashlib.sha256(model.encode("utf-8")).hexdigest()[:10]

    def probability(self, props: dict[str, str]) -> float:
        return sigmoid(self.intercept + sum(self.weights.get(f"{k}={v}", 0.0) for k, v in props.items()))

    def calibrate(self, record: Record) -> Record:
        """``record`` with every candidate's confidence calibrated (4 digits) and the
        calibration named in its meta; the record given is left as it was."""
        attributions = [{**a, "confidence": round(self.probability(properties(a, record["text"])), 4)}
                        if a.get("rule") else a for a in record["attributions"]]
        return {**record, "meta": {**record.get("meta", {}), "calibration": self.id},
                "attributions": attributions}  # type: ignore[typeddict-item]

    def as_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "id": self.id, "target": "accepted as proposed", "properties": list(PROPERTIES),
                "strength": self.strength, "intercept": self.intercept, "weights": dict(sorted(self.weights.items())),
                "fitted_on": self.fitted_on, "evaluation": self.evaluation}

    def save(self, path: str | Path) -> None:
        """Write the file, whole or not at all."""
        write_whole(Path(path), json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n")


def _number(data: dict, key: str, where: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CalibrationError(f"{where}: {key!r} must be a number")
    return float(value)


def load_calibration(path: str | Path) -> Calibration:
    """The calibration of the file ``path``; raises :class:`CalibrationError` naming the file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CalibrationError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise CalibrationError(f"{path}: not a calibration file (not JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CalibrationError(f"{path}: not a calibration file (no \"format\": \"{FORMAT}\"; "
                               f"make one with iqtibas calibrate)")
    weights = data.get("weights")
    if not isinstance(weights, dict):
        raise CalibrationError(f"{path}: 'weights' must be an object of numbers")
    return Calibration(_number(data, "intercept", str(path)),
                       {str(k): _number(weights, k, f"{path}: weights") for k in weights},
                       _number(data, "strength", str(path)), data.get("fitted_on") or {},
                       data.get("evaluation") or {})


def fit(train: Sequence[Example], strength: float = DEFAULT_STRENGTH) -> Calibration:
    """The calibration that ``train`` gives (raises :class:`CalibrationError` when empty)."""
    if not train:
        raise CalibrationError("no judged candidate to fit on: the verified files hold no accepted, corrected "
                               "or rejected attribution with a rule")
    intercept, weights = fit_logistic([ex.features for ex in train], [ex.accepted for ex in train], strength)
    # rounded as the file stores them, so that the model measured is the model saved
    return Calibration(round(intercept, DIGITS), {k: round(v, DIGITS) for k, v in weights.items()}, strength,
                       {"documents": len({ex.doc_id for ex in train}), "candidates": len(train),
                        "accepted": sum(ex.accepted for ex in train),
                        "doc_ids": sorted({ex.doc_id for ex in train})})


@dataclass
class Evaluation:
    """The recorded and the calibrated confidences of candidates the calibration was not
    fitted on, against what the review made of them."""

    method: str
    documents: int
    outcomes: list[int]
    before: list[float]
    after: list[float]

    @property
    def fit_before(self) -> Fit:
        return fit_of(self.before, self.outcomes)

    @property
    def fit_after(self) -> Fit:
        return fit_of(self.after, self.outcomes)

    def curves(self) -> dict[str, list[Bin]]:
        return {"recorded": reliability(self.before, self.outcomes),
                "calibrated": reliability(self.after, self.outcomes)}

    def as_dict(self) -> dict[str, Any]:
        return {"method": self.method, "documents": self.documents, "candidates": len(self.outcomes),
                "accepted": sum(self.outcomes), "before": self.fit_before.as_dict(),
                "after": self.fit_after.as_dict()}

    def lines(self) -> list[str]:
        b, a = self.fit_before, self.fit_after
        return [f"measured on {len(self.outcomes)} candidates of {self.documents} documents not fitted on "
                f"({self.method}), {sum(self.outcomes)} accepted as proposed",
                f"Brier score: {b.brier:.4f} recorded -> {a.brier:.4f} calibrated",
                f"expected calibration error: {b.ece:.4f} recorded -> {a.ece:.4f} calibrated"]


def _scored(model: Calibration, test: Iterable[Example], into: Evaluation) -> None:
    for ex in test:
        if ex.recorded is not None:
            into.outcomes.append(ex.accepted)
            into.before.append(ex.recorded)
            into.after.append(model.probability(ex.properties))


def held_out(train: Sequence[Example], test: Sequence[Example], strength: float = DEFAULT_STRENGTH) -> Evaluation:
    """Fitted on ``train``, measured on ``test``; their documents must differ."""
    shared = {ex.doc_id for ex in train} & {ex.doc_id for ex in test}
    if shared:
        raise CalibrationError(f"{len(shared)} document(s) are in both the fitting and the held-out files "
                               f"(e.g. {min(shared)}): measure on documents not fitted on")
    evaluation = Evaluation("held-out files", len({ex.doc_id for ex in test}), [], [], [])
    _scored(fit(train, strength), test, evaluation)
    return evaluation


def cross_validated(data: Sequence[Example], folds: int = FOLDS, strength: float = DEFAULT_STRENGTH) -> Evaluation:
    """Each document measured by the calibration fitted on the other folds: documents are
    dealt to ``folds`` folds in the order of their ids (at most one fold a document)."""
    docs = sorted({ex.doc_id for ex in data})
    folds = min(folds, len(docs))
    if folds < 2:
        raise CalibrationError("cross-validation needs two documents or more: give held-out files (--held-out)")
    fold_of = {doc: k % folds for k, doc in enumerate(docs)}
    evaluation = Evaluation(f"{folds}-fold cross-validation by document", len(docs), [], [], [])
    for k in range(folds):
        _scored(fit([ex for ex in data if fold_of[ex.doc_id] != k], strength),
                [ex for ex in data if fold_of[ex.doc_id] == k], evaluation)
    return evaluation
