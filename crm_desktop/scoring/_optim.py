"""A small damped-Newton minimiser for smooth low-dimensional objectives.

The Hessian is the central difference of the analytic gradient (2n gradient
calls per iteration, n = 3 or 4 here); the step solves (H + μI) d = -g with a
Levenberg-Marquardt μ raised until H + μI is positive definite and the step
lowers the objective (Armijo test). Converges quadratically near the optimum,
which for these likelihoods is reached in roughly 6-15 iterations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

Objective = Callable[[np.ndarray], tuple[float, np.ndarray]]
"""``fg(x) -> (f, grad)``: the objective and its gradient at x."""


@dataclass(frozen=True)
class OptimResult:
    """x: minimiser; fun: objective there; grad: gradient there;
    converged: gradient/step test passed; iterations: Newton steps taken;
    message: short reason for stopping."""

    x: np.ndarray
    fun: float
    grad: np.ndarray
    converged: bool
    iterations: int
    message: str


def _hessian(fg: Objective, x: np.ndarray, g0: np.ndarray, h: float = 1e-5) -> np.ndarray:
    n = x.size
    H = np.empty((n, n))
    for i in range(n):
        e = np.zeros(n)
        e[i] = h
        gp = fg(x + e)[1]
        gm = fg(x - e)[1]
        H[:, i] = (gp - gm) / (2 * h)
    return 0.5 * (H + H.T)


def minimize_newton(fg: Objective, x0: ArrayLike, gtol: float = 1e-9, xtol: float = 1e-11, max_iter: int = 100,
                    max_abs_x: float = 30.0) -> OptimResult:
    """Minimise f given ``fg(x) -> (f, grad)``; x is kept within ±max_abs_x.

    Stops when max|grad| < gtol (converged), when a step changes x by less than
    xtol (converged if the gradient is also small), when no step lowers f, or
    after max_iter iterations. Never raises on non-finite values: a trial
    point with a non-finite objective is treated as "worse".
    """
    x = np.asarray(x0, dtype=float).copy()
    f, g = fg(x)
    if not np.isfinite(f) or not np.all(np.isfinite(g)):
        return OptimResult(x, float(f), g, False, 0, "non-finite objective at start")
    mu = 0.0
    it = 0
    for it in range(1, max_iter + 1):
        if np.max(np.abs(g)) < gtol:
            return OptimResult(x, f, g, True, it - 1, "gradient below tolerance")
        H = _hessian(fg, x, g)
        if not np.all(np.isfinite(H)):
            H = np.eye(x.size)
        scale = max(1e-8, float(np.max(np.abs(np.diag(H)))))
        mu = max(mu * 0.1, 0.0)
        accepted = False
        for _ in range(60):
            A = H + mu * np.eye(x.size)
            try:
                L = np.linalg.cholesky(A)
            except np.linalg.LinAlgError:
                mu = max(mu * 10.0, 1e-6 * scale)
                continue
            d = -np.linalg.solve(L.T, np.linalg.solve(L, g))
            x_new = np.clip(x + d, -max_abs_x, max_abs_x)
            f_new, g_new = fg(x_new)
            if np.isfinite(f_new) and np.all(np.isfinite(g_new)) and f_new <= f + 1e-4 * float(g @ (x_new - x)):
                accepted = True
                break
            mu = max(mu * 10.0, 1e-6 * scale)
        if not accepted:
            small = np.max(np.abs(g)) < 1e3 * gtol
            return OptimResult(x, f, g, bool(small), it, "no descent step found")
        step = np.max(np.abs(x_new - x))
        x, f, g = x_new, float(f_new), g_new
        if step < xtol:
            return OptimResult(x, f, g, bool(np.max(np.abs(g)) < 1e3 * gtol), it, "step below tolerance")
    return OptimResult(x, f, g, bool(np.max(np.abs(g)) < 1e3 * gtol), it, "iteration limit")
