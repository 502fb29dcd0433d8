"""Brier score, expected calibration error and reliability bins, against sums done by hand."""

from __future__ import annotations

import pytest

from builder.review.scores import brier, expected_calibration_error, fit_of, reliability


def test_brier_is_the_mean_squared_gap():
    assert brier([0.9, 0.2, 0.5], [1, 0, 0]) == pytest.approx((0.01 + 0.04 + 0.25) / 3)


def test_expected_calibration_error_weights_each_bins_gap():
    # bin [0.8, 0.9): two at 0.8 and 0.85, one accepted -> |0.825 - 0.5| ; bin [0.3, 0.4): one at 0.3, accepted
    confidences, outcomes = [0.8, 0.85, 0.3], [1, 0, 1]
    assert expected_calibration_error(confidences, outcomes) == pytest.approx((2 * 0.325 + 1 * 0.7) / 3)
    bins = reliability(confidences, outcomes)
    assert [(b.low, b.count, b.accepted) for b in bins] == [(0.3, 1, 1.0), (0.8, 2, 0.5)]


def test_confidences_that_say_what_happens_have_no_calibration_error():
    confidences = [0.25] * 4 + [0.75] * 4 + [1.0] * 2
    outcomes = [1, 0, 0, 0, 1, 1, 1, 0, 1, 1]  # 1 in 4, 3 in 4, 2 in 2
    assert expected_calibration_error(confidences, outcomes) == pytest.approx(0.0)
    assert reliability(confidences, outcomes)[-1].high == 1.0  # a confidence of 1 is in the last bin


def test_lengths_must_agree_and_nothing_scores_zero():
    with pytest.raises(ValueError):
        brier([0.5], [])
    assert fit_of([], []).as_dict() == {"brier": 0.0, "ece": 0.0}
