"""A small L2-regularized logistic regression over one-hot features, in plain Python.

Each example is the set of its active feature names and an outcome (0 or 1).  The model is
``P(1) = sigmoid(offset + intercept + sum of the active features' weights)``; every weight
but the intercept is pulled towards 0 by ``strength`` (a Gaussian prior), so that a feature
seen a few times moves the probability a little and one seen often moves it as far as the
data say.  The offset of each example is 0 unless given: a prior guess in log-odds (a
hand-set confidence) that the features then shift, and that a feature seen rarely leaves
almost as it was.  Fitted by Newton's method: a few dozen features and a few thousand examples take
milliseconds, with no numerical library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

_ITERATIONS = 100
_TOLERANCE = 1e-9
_INTERCEPT_PRIOR = 0.01  # a weak pull on the intercept: finite even when every outcome is the same


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _cholesky_solve(a: list[list[float]], b: list[float]) -> list[float]:
    """``x`` with ``a x = b`` for a symmetric positive definite ``a``."""
    n = len(b)
    low = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = a[i][j] - sum(low[i][k] * low[j][k] for k in range(j))
            low[i][j] = math.sqrt(s) if i == j else s / low[j][j]
    y = [0.0] * n
    for i in range(n):
        y[i] = (b[i] - sum(low[i][k] * y[k] for k in range(i))) / low[i][i]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (y[i] - sum(low[k][i] * x[k] for k in range(i + 1, n))) / low[i][i]
    return x


def _newton_step(rows: list[list[int]], outcomes: Sequence[int], offsets: Sequence[float], w: list[float],
                 strength: float) -> list[float]:
    """The Newton step of the penalized log-likelihood at ``w`` (index 0 is the intercept)."""
    n = len(w)
    grad = [strength * wi for wi in w]
    grad[0] = _INTERCEPT_PRIOR * w[0]
    hess = [[0.0] * n for _ in range(n)]
    for i in range(n):
        hess[i][i] = strength if i else _INTERCEPT_PRIOR
    for active, y, offset in zip(rows, outcomes, offsets, strict=True):
        p = sigmoid(offset + sum(w[k] for k in active))
        for k in active:
            grad[k] += p - y
            for m in active:
                hess[k][m] += p * (1 - p)
    return _cholesky_solve(hess, grad)


def fit_logistic(examples: Sequence[frozenset[str]], outcomes: Sequence[int], strength: float,
                 offsets: Sequence[float] | None = None) -> tuple[float, dict[str, float]]:
    """The intercept and the weight of every feature seen in ``examples`` (each example's
    ``offsets`` added to its log-odds, 0 when not given)."""
    names = sorted(set().union(*examples)) if examples else []
    index = {name: k + 1 for k, name in enumerate(names)}
    rows = [[0, *sorted(index[f] for f in ex)] for ex in examples]
    offsets = [0.0] * len(rows) if offsets is None else offsets
    w = [0.0] * (len(names) + 1)
    for _ in range(_ITERATIONS):
        step = _newton_step(rows, outcomes, offsets, w, strength)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(map(abs, step)) < _TOLERANCE:
            break
    return w[0], {name: w[index[name]] for name in names}
