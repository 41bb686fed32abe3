"""Price and discount elasticities of units (log-log regression with controls), and the discount
that maximises gross profit for a given margin.

    log units[t,s] = date effect[t] + level, trend and yearly season of segment s
                     + e_price · log(list price) + e_disc · log(1 − discount) + campaign rows

so units ∝ price^e_price × (1 − discount)^e_disc: e_disc is the elasticity to the price actually
paid through the discount (−2 means 20% off sells 0.8^−2 = 1.56× the units). Campaign rows get
their own effect (a campaign brings more than its discount), so the discount elasticity is learnt
from markdowns outside campaigns. Intervals are cluster-robust over blocks of four weeks (errors
may be correlated within a block, across segments and in time), with a t critical value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from analytics.errors import UserInputError
from analytics.ingest.roles import METRIC, Mapping
from analytics.lift.roi import checked_margin
from analytics.planner.controls import (
    Residualizer,
    calendar_terms,
    control_terms,
    segment_basis,
)
from analytics.planner.panel import MIN_PERIODS, Panel

UNITS_NAMES = re.compile(r"^(?:units?|qty|quantity|volume|销量|件数|数量)$", re.IGNORECASE)
UNITS_LIKE = re.compile(r"units|qty|quantity|销量|件数", re.IGNORECASE)
CLUSTER_PERIODS = {"D": 28, "W": 4, "M": 2}
MIN_CHANGE = 1e-3  # a regressor whose within-segment variation is below this is not estimable
DISCOUNT_GRID = np.round(np.arange(0.0, 0.601, 0.01), 2)


def units_column(frame: pd.DataFrame, mapping: Mapping) -> str | None:
    """The metric that counts units sold, by name (exact names first)."""
    metrics = [c for c in mapping.columns(METRIC) if c in frame.columns]
    for pattern in (UNITS_NAMES, UNITS_LIKE):
        for name in metrics:
            if pattern.search(str(name).strip()):
                return name
    return None


@dataclass(frozen=True)
class Elasticities:
    """Elasticities of units to list price and to the discount, with 95% intervals."""

    units: str
    price: float | None
    price_ci: tuple[float, float] | None
    price_se: float | None
    discount: float | None
    discount_ci: tuple[float, float] | None
    discount_se: float | None
    cells: int
    clusters: int
    mode: str
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "price": self.price,
            "price_ci": list(self.price_ci) if self.price_ci else None,
            "discount": self.discount,
            "discount_ci": list(self.discount_ci) if self.discount_ci else None,
            "cells": self.cells,
            "clusters": self.clusters,
            "mode": self.mode,
            "notes": list(self.notes),
        }

    def discount_draws(self, n: int, seed: int = 0) -> np.ndarray:
        """The estimate followed by ``n`` draws from its sampling distribution (0 if unknown)."""
        if self.discount is None or self.discount_se is None:
            return np.zeros(n + 1)
        rng = np.random.default_rng(seed)
        draws = self.discount + self.discount_se * rng.standard_t(max(self.clusters - 1, 2), n)
        return np.concatenate([[self.discount], draws])


def estimate_elasticities(panel: Panel) -> Elasticities:
    """Fit the log-log model on a panel whose outcome is units."""
    if len(panel.dates) < MIN_PERIODS[panel.frequency]:
        raise UserInputError(
            f"Only {len(panel.dates)} periods of data; elasticities need at least "
            f"{MIN_PERIODS[panel.frequency]}."
        )
    units = panel.outcome
    ok = np.isfinite(units) & (units > 0)
    if ok.mean() < 0.95:
        raise UserInputError(
            f"Units are empty or zero in {1 - ok.mean():.0%} of periods × segments; the "
            "elasticities need positive units almost everywhere."
        )
    log_units = pd.DataFrame(np.where(ok, np.log(np.where(ok, units, 1.0)), np.nan))
    log_units = log_units.interpolate(limit_direction="both").to_numpy()
    T, S = units.shape
    date_effects = S >= 2
    controls = [mask.astype(float) for mask in panel.campaign_cells.values()]
    controls += control_terms(panel)
    if not date_effects:
        controls += [
            np.repeat(c[:, None], S, axis=1) for c in calendar_terms(panel.dates, panel.frequency).T
        ]
    shared = np.stack(controls, axis=2) if controls else np.zeros((T, S, 0))
    res = Residualizer(segment_basis(panel.dates, panel.frequency), shared, date_effects)
    names, columns, notes = _regressors(panel)
    if not columns:
        raise UserInputError(
            "The data has no price or discount column that changes over time: mark them on the "
            "Data page to estimate elasticities.",
            code="plan_no_price_change",
        )
    x = res(np.stack(columns, axis=2))
    y = res(log_units[:, :, None])[:, 0]
    usable = [i for i in range(x.shape[1]) if x[:, i].std() > MIN_CHANGE]
    for i in range(x.shape[1]):
        if i not in usable:
            notes.append(f"The {names[i]} never changed within a segment outside campaigns.")
    estimates = _cluster_ols(x[:, usable], y, _clusters(T, S, panel.frequency))
    found = {names[i]: float(v) for i, v in zip(usable, estimates[0], strict=True)}
    ses = {names[i]: float(v) for i, v in zip(usable, estimates[1], strict=True)}
    critical = float(stats.t.ppf(0.975, max(estimates[2] - 1, 2)))

    def interval(name: str) -> tuple[float, float] | None:
        if name not in found:
            return None
        return (found[name] - critical * ses[name], found[name] + critical * ses[name])

    return Elasticities(
        units=panel.outcome_name,
        price=found.get("price"),
        price_ci=interval("price"),
        price_se=ses.get("price"),
        discount=found.get("discount"),
        discount_ci=interval("discount"),
        discount_se=ses.get("discount"),
        cells=int(T * S),
        clusters=int(estimates[2]),
        mode="date effects" if date_effects else "calendar",
        notes=tuple(notes),
    )


def _regressors(panel: Panel) -> tuple[list[str], list[np.ndarray], list[str]]:
    names, columns, notes = [], [], []
    if panel.price is not None:
        price = pd.DataFrame(panel.price).ffill().bfill().to_numpy()
        if np.all(price > 0):
            names.append("price")
            columns.append(np.log(price))
        else:
            notes.append("Prices that are zero or negative: no price elasticity.")
    if panel.discount is not None:
        discount = np.clip(np.nan_to_num(panel.discount), 0.0, 0.9)
        names.append("discount")
        columns.append(np.log1p(-discount))
    return names, columns, notes


def _clusters(T: int, S: int, frequency: str) -> np.ndarray:
    block = np.arange(T) // CLUSTER_PERIODS[frequency]
    return np.repeat(block, S)


def _cluster_ols(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int]:
    """OLS coefficients and cluster-robust standard errors (small-sample corrected)."""
    if x.shape[1] == 0:
        return np.zeros(0), np.zeros(0), int(groups.max() + 1)
    xtx_inv = np.linalg.inv(x.T @ x)
    beta = xtx_inv @ (x.T @ y)
    resid = y - x @ beta
    scores = np.zeros((int(groups.max()) + 1, x.shape[1]))
    np.add.at(scores, groups, x * resid[:, None])
    g, n, k = len(scores), len(y), x.shape[1]
    correction = g / (g - 1) * (n - 1) / (n - k) if g > 1 else 1.0
    cov = correction * xtx_inv @ (scores.T @ scores) @ xtx_inv
    return beta, np.sqrt(np.diag(cov)), g


@dataclass(frozen=True)
class DiscountCurve:
    """Gross profit against discount depth, relative to selling at list price.

    Per unit, gross profit is list price × (margin − discount) (the margin is on list-price
    revenue), and units scale as (1 − discount)^elasticity, so profit(d) / profit(0) =
    (1 − d)^e × (margin − d) / margin.
    """

    margin: float
    elasticity: float
    discounts: tuple[float, ...]
    profit_ratio: tuple[float, ...]
    profit_ratio_lo: tuple[float, ...]
    profit_ratio_hi: tuple[float, ...]
    best: float
    best_ci: tuple[float, float]
    best_ratio: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "margin": self.margin,
            "elasticity": self.elasticity,
            "best_discount": self.best,
            "best_discount_ci": list(self.best_ci),
            "best_profit_ratio": self.best_ratio,
            "curve": [
                {"discount": d, "profit_ratio": r, "lo": lo, "hi": hi}
                for d, r, lo, hi in zip(
                    self.discounts,
                    self.profit_ratio,
                    self.profit_ratio_lo,
                    self.profit_ratio_hi,
                    strict=True,
                )
            ],
        }


def discount_curve(elasticities: Elasticities, margin: float, draws: int = 2000) -> DiscountCurve:
    """Gross profit ratio per discount (0–60%), the best discount and its 95% interval."""
    if elasticities.discount is None:
        raise UserInputError(
            "The data has no discount that changed outside campaigns, so there is no discount "
            "elasticity to plan with.",
            code="plan_no_discount_change",
        )
    margin = checked_margin(margin)
    e = elasticities.discount_draws(draws)
    d = DISCOUNT_GRID
    ratio = (1.0 - d[None, :]) ** e[:, None] * (margin - d[None, :]) / margin
    best = d[np.argmax(ratio, axis=1)]
    lo, hi = np.percentile(ratio[1:], [2.5, 97.5], axis=0)
    return DiscountCurve(
        margin=margin,
        elasticity=float(e[0]),
        discounts=tuple(float(v) for v in d),
        profit_ratio=tuple(float(v) for v in ratio[0]),
        profit_ratio_lo=tuple(float(v) for v in lo),
        profit_ratio_hi=tuple(float(v) for v in hi),
        best=float(best[0]),
        best_ci=(float(np.percentile(best[1:], 2.5)), float(np.percentile(best[1:], 97.5))),
        best_ratio=float(ratio[0].max()),
    )
