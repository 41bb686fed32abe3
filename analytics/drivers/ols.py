"""OLS inference for the drivers: coefficients on all rows with 95% intervals and p-values, the
errors clustered by week (daily data) or date when there are enough of them; robust to unequal
variance (HC1) otherwise, and for a table without dates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.drivers.design import DriverData

MIN_CLUSTERS = 30


@dataclass(frozen=True)
class OlsCoefficient:
    """An OLS coefficient on all rows, with its 95% interval and p-value."""

    feature: str
    coef: float
    ci: tuple[float, float]
    p_value: float
    se: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "coef": self.coef,
            "ci": list(self.ci),
            "p_value": self.p_value,
            "se": self.se,
        }


@dataclass(frozen=True)
class OlsSummary:
    """The OLS fit behind the coefficients: how its intervals were computed and what it dropped."""

    r2: float
    n_rows: int
    intercept: float
    covariance: str
    clusters: int
    references: dict[str, str]
    aliased: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "r2": self.r2,
            "n_rows": self.n_rows,
            "intercept": self.intercept,
            "covariance": self.covariance,
            "clusters": self.clusters,
            "references": dict(self.references),
            "aliased": list(self.aliased),
        }


def ols_inference(data: DriverData) -> tuple[tuple[OlsCoefficient, ...], OlsSummary]:
    """statsmodels OLS on all rows. Intervals allow for shocks shared by the rows of one week
    (daily data) or one date (errors clustered by it), since segments of a day move together."""
    import statsmodels.api as sm

    columns = [c for c in data.linear_columns if np.ptp(data.x[:, c]) > 0]
    kept, aliased = _independent_columns(data.x, columns)
    design = sm.add_constant(data.x[:, kept], has_constant="add")
    clusters = _clusters(data)
    n_clusters = len(np.unique(clusters)) if clusters is not None else 0
    model = sm.OLS(data.y, design)
    if clusters is None:
        fit = model.fit(cov_type="HC1")
        covariance = "hc1_rows"
    elif n_clusters >= MIN_CLUSTERS:
        fit = model.fit(cov_type="cluster", cov_kwds={"groups": clusters})
        covariance = "cluster_week" if data.frequency == "D" else "cluster_date"
    else:
        fit = model.fit(cov_type="HC1")
        covariance = "hc1"
    params, bse = np.asarray(fit.params), np.asarray(fit.bse)
    ci, p_values = np.asarray(fit.conf_int(0.05)), np.asarray(fit.pvalues)
    coefficients = tuple(
        OlsCoefficient(
            feature=data.features[c],
            coef=float(params[i + 1]),
            ci=(float(ci[i + 1, 0]), float(ci[i + 1, 1])),
            p_value=float(p_values[i + 1]),
            se=float(bse[i + 1]),
        )
        for i, c in enumerate(kept)
    )
    references = {
        data.groups[c]: data.features[c].split("=", 1)[1]
        for c in range(len(data.features))
        if data.reference[c]
    }
    summary = OlsSummary(
        r2=float(fit.rsquared),
        n_rows=data.n_rows,
        intercept=float(params[0]),
        covariance=covariance,
        clusters=n_clusters,
        references=references,
        aliased=tuple(data.features[c] for c in aliased),
    )
    return coefficients, summary


def _independent_columns(x: np.ndarray, columns: list[int]) -> tuple[list[int], list[int]]:
    """Columns that are not linear combinations of earlier ones (with the intercept)."""
    from scipy.linalg import qr

    if not columns:
        return [], []
    design = np.column_stack([np.ones(len(x)), x[:, columns]])
    design = design / np.maximum(np.linalg.norm(design, axis=0), 1e-300)
    _, r, order = qr(design, mode="economic", pivoting=True)
    diagonal = np.abs(np.diag(r))
    rank = int((diagonal > diagonal[0] * 1e-9).sum())
    independent = {int(i) for i in order[:rank]}
    kept = [c for i, c in enumerate(columns, start=1) if i in independent]
    return kept, [c for c in columns if c not in kept]


def _clusters(data: DriverData) -> np.ndarray | None:
    """The week (daily data) or date of each row; None without dates (rows are independent)."""
    if data.dates is None:
        return None
    days = pd.DatetimeIndex(data.dates)
    if data.frequency == "D":
        return (days.normalize() - pd.to_timedelta(days.day_of_week, unit="D")).asi8
    return days.asi8
