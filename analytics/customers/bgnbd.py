"""BG/NBD (Fader, Hardie and Lee 2005): purchases at a gamma(r, alpha)-distributed rate while
alive, a beta(a, b)-distributed chance of dropping out after each purchase. Closed-form
log-likelihood, expected purchases and the probability of being alive."""

from __future__ import annotations

import numpy as np
from scipy.special import betaln, digamma, gammaln, hyp2f1

from analytics.customers.estimation import Estimate, fit_positive
from analytics.errors import UserInputError

NAMES = ("r", "alpha", "a", "b")
MIN_CUSTOMERS = 20
MIN_REPEATERS = 5


def log_likelihood(
    params: np.ndarray, frequency: np.ndarray, recency: np.ndarray, age: np.ndarray
) -> np.ndarray:
    """Each customer's log-likelihood (FHL eq. 6): x repeat purchases, the last at t_x, observed
    for T weeks since the first."""
    return _log_likelihood(params, *by_count(frequency), recency, age)


def by_count(frequency: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(frequency, its distinct values, each customer's position among them): the gamma
    functions depend on the count only, so they are computed once per distinct count."""
    counts, position = np.unique(frequency, return_inverse=True)
    return frequency, counts, position


def _log_likelihood(params, frequency, counts, position, recency, age) -> np.ndarray:
    r, alpha, a, b = params
    x, t_x, big_t = frequency, recency, age
    per_count = gammaln(r + counts) - gammaln(r) + betaln(a, b + counts) - betaln(a, b)
    common = per_count[position] + r * np.log(alpha)
    still = -(r + x) * np.log(alpha + big_t)
    repeat = x > 0
    dropped = np.full_like(x, -np.inf, dtype=float)
    dropped[repeat] = (
        np.log(a) - np.log(b + x[repeat] - 1) - (r + x[repeat]) * np.log(alpha + t_x[repeat])
    )
    return common + np.logaddexp(still, dropped)


def gradient(params, frequency, counts, position, recency, age) -> np.ndarray:
    """Each customer's log-likelihood differentiated in (r, alpha, a, b): rows of 4."""
    r, alpha, a, b = params
    x, t_x, big_t = frequency, recency, age
    still = -(r + x) * np.log(alpha + big_t)
    repeat = x > 0
    dropped = np.full_like(x, -np.inf, dtype=float)
    dropped[repeat] = (
        np.log(a) - np.log(b + x[repeat] - 1) - (r + x[repeat]) * np.log(alpha + t_x[repeat])
    )
    total = np.logaddexp(still, dropped)
    w_still, w_dropped = np.exp(still - total), np.exp(dropped - total)
    safe_t_x = np.where(repeat, t_x, big_t)
    psi_r = (digamma(r + counts) - digamma(r))[position]
    psi_a = (digamma(a + b) - digamma(a + b + counts))[position]
    psi_b = (digamma(b + counts) - digamma(a + b + counts) - digamma(b) + digamma(a + b))[position]
    d_r = (
        psi_r
        + np.log(alpha)
        - w_still * np.log(alpha + big_t)
        - w_dropped * np.log(alpha + safe_t_x)
    )
    d_alpha = r / alpha - (r + x) * (w_still / (alpha + big_t) + w_dropped / (alpha + safe_t_x))
    d_a = psi_a + w_dropped / a
    d_b = psi_b - w_dropped / np.where(repeat, b + x - 1, 1.0)
    return np.column_stack([d_r, d_alpha, d_a, d_b])


def fit(frequency: np.ndarray, recency: np.ndarray, age: np.ndarray) -> Estimate:
    """Maximum-likelihood (r, alpha, a, b) with standard errors."""
    if len(frequency) < MIN_CUSTOMERS or int((frequency > 0).sum()) < MIN_REPEATERS:
        raise UserInputError(
            f"Lifetime value needs at least {MIN_CUSTOMERS} customers, {MIN_REPEATERS} of them "
            f"with a repeat purchase (on another day); this log has {len(frequency)} customers "
            f"and {int((frequency > 0).sum())} who came back.",
            code="cust_too_few_repeaters",
            customers=len(frequency),
            repeaters=int((frequency > 0).sum()),
            min_customers=MIN_CUSTOMERS,
            min_repeaters=MIN_REPEATERS,
        )
    (x, t_x, big_t), weights = _distinct(frequency, recency, age)
    counted = by_count(x)

    def total(params: np.ndarray) -> float:
        return float(weights @ _log_likelihood(params, *counted, t_x, big_t))

    def slope(params: np.ndarray) -> np.ndarray:
        return weights @ gradient(params, *counted, t_x, big_t)

    start = np.array([1.0, max(float(np.mean(age)), 1.0), 1.0, 1.0])
    return fit_positive(total, NAMES, start, len(frequency), "BG/NBD", slope)


def _distinct(*columns: np.ndarray) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """Distinct rows of the columns and how often each occurs: the likelihood is a sum over
    customers, and many share the same (x, t_x, T)."""
    stacked = np.column_stack(columns)
    distinct, counts = np.unique(stacked, axis=0, return_counts=True)
    return tuple(distinct.T), counts.astype(float)


def _dropout_odds(params, frequency, recency, age) -> np.ndarray:
    """a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x) for repeat buyers, 0 for the others."""
    r, alpha, a, b = params
    odds = np.zeros_like(frequency, dtype=float)
    repeat = frequency > 0
    x = frequency[repeat]
    log_odds = (
        np.log(a)
        - np.log(b + x - 1)
        + (r + x) * (np.log(alpha + age[repeat]) - np.log(alpha + recency[repeat]))
    )
    odds[repeat] = np.exp(np.minimum(log_odds, 700.0))
    return odds


def probability_alive(params, frequency, recency, age) -> np.ndarray:
    """P(alive | x, t_x, T) (FHL eq. 11)."""
    return 1.0 / (1.0 + _dropout_odds(params, frequency, recency, age))


def expected_purchases(params, frequency, recency, age, weeks: float) -> np.ndarray:
    """E[purchases in the next ``weeks`` | x, t_x, T] (FHL eq. 10)."""
    r, alpha, a, b = params
    x = frequency
    z = weeks / (alpha + age + weeks)
    head = (a + b + x - 1) / (a - 1)
    tail = 1.0 - ((alpha + age) / (alpha + age + weeks)) ** (r + x) * hyp2f1(
        r + x, b + x, a + b + x - 1, z
    )
    return head * tail / (1.0 + _dropout_odds(params, frequency, recency, age))


def expected_purchases_new(params, weeks: np.ndarray) -> np.ndarray:
    """E[X(t)]: repeat purchases of a customer in the first t weeks after their first (eq. 9)."""
    r, alpha, a, b = params
    return (
        (a + b - 1)
        / (a - 1)
        * (1.0 - (alpha / (alpha + weeks)) ** r * hyp2f1(r, b, a + b - 1, weeks / (alpha + weeks)))
    )
