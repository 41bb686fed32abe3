"""Response curve shapes: carry-over (geometric adstock) and diminishing returns (Hill
saturation), and the bounded curve parameters as the unconstrained vector a fit moves in."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.signal import lfilter
from scipy.special import expit

DECAY_MAX = 0.95
SHAPE_RANGE = (0.5, 4.0)
HALF_SAT_RANGE = (0.05, 50.0)  # × the channel's mean spend per segment and period when on

Parameters = tuple[np.ndarray, np.ndarray, np.ndarray]  # decay, half-saturation, shape per channel


def adstock(spend: np.ndarray, decay: float) -> np.ndarray:
    """Geometric carry-over along axis 0: a_t = x_t + decay · a_(t−1)."""
    return lfilter([1.0], [1.0, -decay], spend, axis=0)


def hill(
    stock: np.ndarray | float, half_sat: np.ndarray | float, shape: np.ndarray | float
) -> np.ndarray:
    """Saturation a^S / (a^S + K^S), between 0 and 1 (parameters broadcast with the stock)."""
    ratio = np.maximum(np.asarray(stock, dtype=float), 0.0) / half_sat
    powered = ratio**shape
    return powered / (1.0 + powered)


def hill_slope(
    stock: np.ndarray | float, half_sat: np.ndarray | float, shape: np.ndarray | float
) -> np.ndarray:
    """d hill / d stock."""
    stock = np.maximum(np.asarray(stock, dtype=float), 1e-12)
    h = hill(stock, half_sat, shape)
    return shape * h * (1.0 - h) / stock


def saturated_stock(
    spend: np.ndarray, parameters: Parameters, gradients: bool = False, spend_factor: float = 1.0
) -> tuple[np.ndarray, list[Any]]:
    """hill(adstock(x)) per channel (C, T, S) for spend (C, T, S), computed on the log scale, and
    optionally its derivatives by decay, log half-saturation and shape."""
    decay, half_sat, shape = parameters
    hs, grads = [], []
    for c in range(len(spend)):
        stock = adstock(spend[c] * spend_factor, decay[c])
        log_stock = np.log(np.maximum(stock, 1e-12))
        z = np.exp(np.clip(shape[c] * (log_stock - np.log(half_sat[c])), -700, 700))
        h = z / (1.0 + z)
        h[stock <= 0] = 0.0
        hs.append(h)
        if gradients:
            g = h * (1.0 - h)
            lagged = np.vstack([np.zeros((1, stock.shape[1])), stock[:-1]])
            d_stock = adstock(lagged, decay[c])
            safe = np.maximum(stock, 1e-12)
            grads.append(
                (
                    g * shape[c] * d_stock / safe,
                    -g * shape[c],
                    g * (log_stock - np.log(half_sat[c])),
                )
            )
    return np.stack(hs), grads


class ParameterMap:
    """Curve parameters ↔ the unconstrained vector (three per channel) a fit moves in: logistic
    maps onto decay in (0, DECAY_MAX), shape in SHAPE_RANGE and log half-saturation in
    HALF_SAT_RANGE × ``ref`` (each channel's mean spend when on)."""

    def __init__(self, ref: np.ndarray) -> None:
        self.ref = ref

    def unpack(self, params: np.ndarray) -> Parameters:
        q = params.reshape(-1, 3)
        sig = expit(q)
        decay = DECAY_MAX * sig[:, 0]
        lo, hi = np.log(HALF_SAT_RANGE)
        half_sat = self.ref * np.exp(lo + (hi - lo) * sig[:, 1])
        shape = SHAPE_RANGE[0] + (SHAPE_RANGE[1] - SHAPE_RANGE[0]) * sig[:, 2]
        return decay, half_sat, shape

    def pack(self, decay: np.ndarray, half_sat: np.ndarray, shape: np.ndarray) -> np.ndarray:
        def logit(p: np.ndarray) -> np.ndarray:
            p = np.clip(p, 1e-4, 1 - 1e-4)
            return np.log(p / (1 - p))

        lo, hi = np.log(HALF_SAT_RANGE)
        q = np.column_stack(
            [
                logit(np.asarray(decay) / DECAY_MAX),
                logit((np.log(np.asarray(half_sat) / self.ref) - lo) / (hi - lo)),
                logit((np.asarray(shape) - SHAPE_RANGE[0]) / (SHAPE_RANGE[1] - SHAPE_RANGE[0])),
            ]
        )
        return q.ravel()

    @staticmethod
    def chain(params: np.ndarray) -> np.ndarray:
        """d(decay, log K, shape) / d(unconstrained), per channel (C, 3)."""
        q = params.reshape(-1, 3)
        sig = expit(q)
        lo, hi = np.log(HALF_SAT_RANGE)
        return np.column_stack(
            [
                DECAY_MAX * sig[:, 0] * (1 - sig[:, 0]),
                (hi - lo) * sig[:, 1] * (1 - sig[:, 1]),
                (SHAPE_RANGE[1] - SHAPE_RANGE[0]) * sig[:, 2] * (1 - sig[:, 2]),
            ]
        )
