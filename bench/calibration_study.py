"""Which calibration of the rules' confidences holds up on documents it was not fitted on?

Reads the simulated verified files that ``bench/review_simulated.py`` writes (``data/dev``,
``data/holdout`` and the seeds), and for each way of calibrating — each with its one
parameter chosen by 5-fold cross-validation by document on the data it is fitted on, by
Brier score, never by looking at the report set — prints the cross-validated figures that
chose it and the Brier score and expected calibration error on the report set:

* the rules' hand-set confidences as they are;
* the logistic regression over the candidates' properties ``iqtibas calibrate`` fits (the
  strength of its prior chosen);
* the same properties shifting the hand-set confidence (its log-odds as the offset, so that
  a strong prior keeps the hand-set confidence);
* a rule's accepted share under a Beta prior of ``m`` candidates centred on its hand-set
  confidence;
* the accepted share of the hand-set confidence's bin (five bins) under the same prior.

Fitted on ``data/dev``, then on ``data/dev`` and ``data/holdout`` together; reported on the
seeds, and on ``data/holdout`` when it was not fitted on.  Also prints the least expected
calibration error any calibration can have on the report set given the mean confidence it
gives there (the gap between that mean and the share accepted).

    .venv/bin/python bench/review_simulated.py           # first: out/review/*-verified.jsonl
    .venv/bin/python bench/calibration_study.py [-i out/review]
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.contract import read_records  # noqa: E402
from builder.review.calibrate import Example, examples  # noqa: E402
from builder.review.logistic import fit_logistic, sigmoid  # noqa: E402
from builder.review.scores import Fit, fit_of  # noqa: E402

Predict = Callable[[Example], float]
Method = Callable[[Sequence[Example], float], Predict]
FOLDS = 5
PRIORS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 64.0, 256.0)
PSEUDO = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 256.0)
BINS = 5


def _log_odds(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _recorded(ex: Example) -> float:
    return ex.recorded if ex.recorded is not None else 0.5


def hand_set(_train: Sequence[Example], _param: float) -> Predict:
    return _recorded


def properties(train: Sequence[Example], strength: float) -> Predict:
    intercept, weights = fit_logistic([ex.features for ex in train], [ex.accepted for ex in train], strength)
    return lambda ex: sigmoid(intercept + sum(weights.get(f, 0.0) for f in ex.features))


def shifted_hand_set(train: Sequence[Example], strength: float) -> Predict:
    intercept, weights = fit_logistic([ex.features for ex in train], [ex.accepted for ex in train], strength,
                                      [_log_odds(_recorded(ex)) for ex in train])
    return lambda ex: sigmoid(_log_odds(_recorded(ex)) + intercept + sum(weights.get(f, 0.0) for f in ex.features))


def _beta_prior(key: Callable[[Example], object], train: Sequence[Example], m: float) -> Predict:
    """The accepted share of the candidates with the same ``key``, with ``m`` pseudo-candidates
    accepted at the hand-set confidence."""
    seen: dict[object, list[int]] = defaultdict(lambda: [0, 0])
    for ex in train:
        seen[key(ex)][0] += ex.accepted
        seen[key(ex)][1] += 1

    def predict(ex: Example) -> float:
        accepted, total = seen.get(key(ex), (0, 0))
        return (accepted + m * _recorded(ex)) / (total + m)
    return predict


def rule_prior(train: Sequence[Example], m: float) -> Predict:
    return _beta_prior(lambda ex: ex.properties["rule"], train, m)


def binned_prior(train: Sequence[Example], m: float) -> Predict:
    return _beta_prior(lambda ex: min(int(_recorded(ex) * BINS), BINS - 1), train, m)


METHODS: dict[str, tuple[Method, Sequence[float]]] = {
    "hand-set confidences": (hand_set, (0.0,)),
    "logistic over properties": (properties, PRIORS),
    "hand-set shifted by properties": (shifted_hand_set, PRIORS),
    "per-rule share, Beta prior": (rule_prior, PSEUDO),
    "binned share, Beta prior": (binned_prior, PSEUDO),
}


def _scored(predict: Predict, test: Sequence[Example]) -> Fit:
    return fit_of([predict(ex) for ex in test], [ex.accepted for ex in test])


def cross_validated(method: Method, data: Sequence[Example], param: float) -> Fit:
    docs = sorted({ex.doc_id for ex in data})
    fold_of = {doc: k % FOLDS for k, doc in enumerate(docs)}
    predicted, outcomes = [], []
    for k in range(FOLDS):
        predict = method([ex for ex in data if fold_of[ex.doc_id] != k], param)
        test = [ex for ex in data if fold_of[ex.doc_id] == k]
        predicted += [predict(ex) for ex in test]
        outcomes += [ex.accepted for ex in test]
    return fit_of(predicted, outcomes)


def study(train: Sequence[Example], reports: dict[str, Sequence[Example]]) -> None:
    for name, (method, grid) in METHODS.items():
        chosen, param = min(((cross_validated(method, train, p), p) for p in grid), key=lambda x: (x[0].brier, x[1]))
        predict = method(train, param)
        cells = []
        for test in reports.values():
            fit, mean = _scored(predict, test), sum(map(predict, test)) / len(test)
            floor = abs(mean - sum(ex.accepted for ex in test) / len(test))
            cells.append(f"{fit.brier:.3f} {fit.ece:.3f} (mean {mean:.2f}, ECE >= {floor:.3f})")
        print(f"  {name:31s} {param:<6g} CV {chosen.brier:.3f} {chosen.ece:.3f} | " + " | ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-i", "--input", default=str(ROOT / "out" / "review"),
                        help="the folder bench/review_simulated.py wrote")
    folder = Path(parser.parse_args().input)
    try:
        data = {name: examples(read_records(folder / f"{name}-verified.jsonl", "verified"))
                for name in ("dev", "holdout", "seeds")}
    except FileNotFoundError as exc:
        sys.exit(f"{exc.filename}: not found; run bench/review_simulated.py first")
    for name, found in data.items():
        print(f"{name}: {len(found)} judged candidates, {sum(ex.accepted for ex in found) / len(found):.0%} accepted "
              f"as proposed, mean hand-set confidence {sum(map(_recorded, found)) / len(found):.2f}")
    print("columns: method, parameter chosen, its cross-validated Brier and ECE on the fit data | on each report "
          "set: Brier, ECE (mean confidence there, and the least ECE that mean allows)")
    print("\nfitted on data/dev; reported on the seeds | data/holdout")
    study(data["dev"], {"seeds": data["seeds"], "holdout": data["holdout"]})
    print("\nfitted on data/dev + data/holdout; reported on the seeds")
    study(data["dev"] + data["holdout"], {"seeds": data["seeds"]})


if __name__ == "__main__":
    main()
