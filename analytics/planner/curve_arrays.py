"""The fitted curves as arrays, the estimate first (row 0) and then every bootstrap draw, so a
prediction is computed for all of them at once and its interval read off the draws."""

from __future__ import annotations

import numpy as np
from scipy.stats import chi2

from analytics.planner.curves import hill, hill_slope
from analytics.planner.fit import ResponseFit

ZERO_SHARE = 0.05  # a ROAS interval whose low end is below this share of its high end reaches 0


def interval(values: np.ndarray) -> tuple[float, float]:
    """The 2.5–97.5 percentile range of draws: a 95% interval."""
    lo, hi = np.percentile(values, [2.5, 97.5])
    return (float(lo), float(hi))


def history_roas(fit: ResponseFit, c: int) -> tuple[float, tuple[float, float]]:
    """Channel ``c``'s outcome per unit of always-on spend over the fit, with its 95% interval
    (the estimate at both ends without draws)."""
    roas = fit.contribution[:, c] / np.maximum(fit.history_spend, 1e-12)[c]
    return float(roas[0]), interval(roas[1:]) if len(roas) > 1 else (roas[0],) * 2


def identifiable(fit: ResponseFit, c: int) -> bool:
    """Whether the data separates channel ``c``'s effect from zero: the fit with it beats the
    fit without it (likelihood ratio above the 95% point of chi-square with a degree per scale
    and curve parameter), and its ROAS interval stays clear of zero (its low end above
    ZERO_SHARE of its high end)."""
    _, (low, high) = history_roas(fit, c)
    if fit.evidence is not None and fit.evidence[c] <= chi2.ppf(0.95, fit.evidence_df):
        return False
    return high > 0 and low > ZERO_SHARE * high


class CurveArrays:
    """Curve parameters of the estimate (row 0) and of every draw, as arrays."""

    def __init__(self, fit: ResponseFit) -> None:
        d = fit.draws
        self.decay = np.concatenate([fit.decay[None], d["decay"]])  # (B1, C)
        self.half_sat = np.concatenate([fit.half_sat[None], d["half_sat"]])
        self.shape = np.concatenate([fit.shape[None], d["shape"]])
        self.scale = np.concatenate([fit.scale[None], d["scale"]])  # (B1, C, S)
        self.level = fit.level  # (S,)
        self.share = fit.spend_share  # (C, S)
        self.recent = fit.recent_spend  # (C,)

    def __len__(self) -> int:
        return len(self.decay)

    def of_channel(self, c: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Decay, half-saturation and shape (B1, 1, 1) and scale (B1, 1, S) of channel ``c``."""
        return (
            self.decay[:, c, None, None],
            self.half_sat[:, c, None, None],
            self.shape[:, c, None, None],
            self.scale[:, c, None, :],
        )

    def response(self, c: int, spend: np.ndarray) -> np.ndarray:
        """Outcome per period at a steady per-period spend (B1, n): Σ_s level × b × hill."""
        decay, half_sat, shape, scale = self.of_channel(c)
        w = self.share[c]
        stock = np.asarray(spend, dtype=float)[None, :, None] * w[None, None, :] / (1 - decay)
        return np.sum(self.level * scale * hill(stock, half_sat, shape), axis=2)

    def slope(self, c: int, spend: np.ndarray) -> np.ndarray:
        """d response / d spend (B1, n)."""
        decay, half_sat, shape, scale = self.of_channel(c)
        w = self.share[c]
        stock = np.asarray(spend, dtype=float)[None, :, None] * w[None, None, :] / (1 - decay)
        slope = hill_slope(stock, half_sat, shape) * w[None, None, :] / (1 - decay)
        return np.sum(self.level * scale * slope, axis=2)

    def base_media(self) -> np.ndarray:
        """u at today's steady spend in every channel (B1, S)."""
        total = np.zeros((len(self), len(self.level)))
        for c in range(self.decay.shape[1]):
            decay, half_sat, shape, scale = self.of_channel(c)
            stock = self.recent[c] * self.share[c][None, None, :] / (1 - decay)
            total += (scale * hill(stock, half_sat, shape))[:, 0, :]
        return total
