"""The regularized logistic regression recovers rates from data and shrinks what is rare."""

from __future__ import annotations

import math

import pytest

from builder.review.logistic import fit_logistic, sigmoid


def data(rates: dict[str, tuple[int, int]]) -> tuple[list[frozenset[str]], list[int]]:
    """``rates``: feature -> (accepted, total)."""
    examples, outcomes = [], []
    for feature, (accepted, total) in rates.items():
        examples += [frozenset({feature})] * total
        outcomes += [1] * accepted + [0] * (total - accepted)
    return examples, outcomes


def predict(intercept: float, weights: dict[str, float], feature: str) -> float:
    return sigmoid(intercept + weights.get(feature, 0.0))


def test_a_weak_prior_recovers_each_groups_rate():
    intercept, weights = fit_logistic(*data({"a": (90, 100), "b": (20, 100)}), strength=0.01)
    assert predict(intercept, weights, "a") == pytest.approx(0.9, abs=0.01)
    assert predict(intercept, weights, "b") == pytest.approx(0.2, abs=0.01)


def test_a_strong_prior_shrinks_a_rare_feature_more_than_a_common_one():
    intercept, weights = fit_logistic(*data({"common": (60, 100), "rare": (0, 3), "other": (50, 100)}), strength=5)
    assert 0.2 < predict(intercept, weights, "rare") < 0.55  # three rejections are not certainty
    assert predict(intercept, weights, "common") == pytest.approx(0.6, abs=0.05)


def test_all_accepted_stays_finite():
    intercept, weights = fit_logistic(*data({"a": (10, 10)}), strength=1)
    assert 0.9 < predict(intercept, weights, "a") < 1.0


def test_offsets_are_a_prior_the_data_shift_and_a_strong_prior_keeps():
    examples, outcomes = data({"a": (50, 100), "b": (50, 100)})
    offsets = [math.log(0.8 / 0.2)] * 100 + [math.log(0.3 / 0.7)] * 100  # a guessed 0.8 for a, 0.3 for b
    intercept, weights = fit_logistic(examples, outcomes, 0.01, offsets)
    for k, feature in ((0, "a"), (100, "b")):  # a weak prior on the weights: the data's rate
        assert sigmoid(offsets[k] + intercept + weights[feature]) == pytest.approx(0.5, abs=0.01)
    intercept, weights = fit_logistic(examples, outcomes, 1e6, offsets)
    assert weights["a"] == pytest.approx(0, abs=1e-3) and weights["b"] == pytest.approx(0, abs=1e-3)
    shifted = (sigmoid(offsets[0] + intercept), sigmoid(offsets[100] + intercept))
    assert shifted[0] > 0.5 > shifted[1]  # only the shared intercept moves: the guesses keep their order
