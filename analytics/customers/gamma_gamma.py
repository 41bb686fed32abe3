"""Gamma-Gamma spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV"): each purchase's
value is gamma(p, nu) around a customer's own mean, nu gamma(q, v) across customers. Fitted on
customers with at least one repeat purchase, on the mean value of their repeat purchases."""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln

from analytics.customers.estimation import Estimate, fit_positive
from analytics.errors import UserInputError

NAMES = ("p", "q", "v")
MIN_REPEATERS = 10


def log_likelihood(params: np.ndarray, frequency: np.ndarray, mean_value: np.ndarray) -> np.ndarray:
    """Each customer's log-likelihood of the mean m of x repeat purchases' values."""
    counts, position = np.unique(frequency, return_inverse=True)
    return _log_likelihood(params, frequency, counts, position, mean_value)


def _log_likelihood(params, frequency, counts, position, mean_value) -> np.ndarray:
    p, q, v = params
    x, m = frequency, mean_value
    per_count = gammaln(p * counts + q) - gammaln(p * counts) + p * counts * np.log(counts)
    return (
        per_count[position]
        - gammaln(q)
        + q * np.log(v)
        + (p * x - 1) * np.log(m)
        - (p * x + q) * np.log(x * m + v)
    )


def fit(frequency: np.ndarray, mean_value: np.ndarray) -> Estimate:
    """Maximum-likelihood (p, q, v) on the customers with a repeat purchase of positive value."""
    keep = (frequency > 0) & (mean_value > 0)
    if int(keep.sum()) < MIN_REPEATERS:
        raise UserInputError(
            f"Spend per purchase needs at least {MIN_REPEATERS} customers with a repeat purchase "
            f"of positive value; this log has {int(keep.sum())}.",
            code="cust_too_few_spenders",
            repeaters=int(keep.sum()),
            min_repeaters=MIN_REPEATERS,
        )
    x, m = frequency[keep], mean_value[keep]
    counts, position = np.unique(x, return_inverse=True)

    def total(params: np.ndarray) -> float:
        return float(_log_likelihood(params, x, counts, position, m).sum())

    start = np.array([1.0, 2.0, float(np.mean(m))])
    return fit_positive(total, NAMES, start, len(x), "Gamma-Gamma")


def expected_value(params, frequency: np.ndarray, mean_value: np.ndarray) -> np.ndarray:
    """E[value of a purchase | x, m]: the population mean p v/(q-1) without repeat purchases,
    moved towards the customer's own mean with each one."""
    p, q, v = params
    x = frequency
    m = np.where(x > 0, mean_value, 0.0)
    return p * (v + x * m) / (p * x + q - 1)
