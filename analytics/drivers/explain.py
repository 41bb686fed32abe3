"""SHAP explanations of the chosen drivers model.

Tree ensembles use SHAP's TreeExplainer (exact for trees, path-dependent, so the expected value is
the training mean of the model's predictions); linear models use the exact linear SHAP values,
coef × (value − training mean). Either way each row's values add up to its prediction minus the
expected value, on the model's scale (the log of the target for a log model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics.drivers.design import DriverData
from analytics.drivers.models import FittedModel

INTERACTION_FEATURES = 20
BEESWARM_FEATURES = 12
WATERFALL_FEATURES = 10


@dataclass(frozen=True)
class Importance:
    """Mean |SHAP| of a feature (or a one-hot group) over the explained rows."""

    feature: str
    mean_abs_shap: float

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "mean_abs_shap": self.mean_abs_shap}


@dataclass(frozen=True)
class Beeswarm:
    """Per feature (most important first): each explained row's SHAP value, the feature's value
    and that value's position in the feature's range (0 = lowest, 1 = highest) for colour."""

    features: tuple[str, ...]
    shap_values: tuple[np.ndarray, ...]
    values: tuple[np.ndarray, ...]
    colour: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class Dependence:
    """SHAP value of one feature against its value, with the feature it interacts with most."""

    feature: str
    values: np.ndarray
    shap_values: np.ndarray
    interaction: str | None
    interaction_values: np.ndarray | None


@dataclass(frozen=True)
class Contribution:
    feature: str
    value: float
    shap: float

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "value": self.value, "shap": self.shap}


@dataclass(frozen=True)
class Waterfall:
    """One row: the expected value plus every feature's contribution gives the prediction."""

    row: int
    base_value: float
    prediction: float
    contributions: tuple[Contribution, ...]
    scale: str

    def top(self, k: int = WATERFALL_FEATURES) -> tuple[tuple[Contribution, ...], float]:
        """The k largest contributions, and the sum of the others."""
        head = self.contributions[:k]
        return head, float(sum(c.shap for c in self.contributions[k:]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "base_value": self.base_value,
            "prediction": self.prediction,
            "scale": self.scale,
            "contributions": [c.to_dict() for c in self.contributions],
        }


@dataclass(frozen=True, eq=False)
class Explanation:
    """SHAP values of the chosen model on a seeded sample of rows, and what they add up to."""

    model: str
    method: str
    scale: str
    sample_size: int
    n_rows: int
    seed: int
    expected_value: float
    features: tuple[str, ...]
    groups: tuple[str, ...]
    importance: tuple[Importance, ...]
    group_importance: tuple[Importance, ...]
    interactions: dict[str, str]
    rows: np.ndarray = field(repr=False)
    values: np.ndarray = field(repr=False)
    shap_values: np.ndarray = field(repr=False)
    predictions: np.ndarray = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "method": self.method,
            "scale": self.scale,
            "sample_size": self.sample_size,
            "n_rows": self.n_rows,
            "seed": self.seed,
            "expected_value": self.expected_value,
            "importance": [i.to_dict() for i in self.importance],
            "group_importance": [i.to_dict() for i in self.group_importance],
            "interactions": dict(self.interactions),
        }

    def column(self, feature: str) -> int:
        return self.features.index(feature)

    def beeswarm(self, top: int = BEESWARM_FEATURES) -> Beeswarm:
        names = tuple(i.feature for i in self.importance[:top])
        columns = [self.column(n) for n in names]
        return Beeswarm(
            features=names,
            shap_values=tuple(self.shap_values[:, c] for c in columns),
            values=tuple(self.values[:, c] for c in columns),
            colour=tuple(_position_in_range(self.values[:, c]) for c in columns),
        )

    def dependence_default(self) -> str:
        """The most important feature with more than two values (a 0/1 flag draws two dots)."""
        for item in self.importance:
            if len(np.unique(self.values[:, self.column(item.feature)])) > 2:
                return item.feature
        return self.importance[0].feature

    def dependence(self, feature: str) -> Dependence:
        column = self.column(feature)
        partner = self.interactions.get(feature)
        return Dependence(
            feature=feature,
            values=self.values[:, column],
            shap_values=self.shap_values[:, column],
            interaction=partner,
            interaction_values=None if partner is None else self.values[:, self.column(partner)],
        )


def _position_in_range(values: np.ndarray) -> np.ndarray:
    """Each value's percentile rank in [0, 1] (robust to outliers, fine for 0/1 flags)."""
    ranks = pd.Series(values).rank(pct=True, method="average").to_numpy()
    low, high = np.nanmin(ranks), np.nanmax(ranks)
    return np.zeros_like(ranks) if high == low else (ranks - low) / (high - low)


# --- SHAP ---------------------------------------------------------------------------------------


def shap_values(fitted: FittedModel, x: np.ndarray) -> tuple[float, np.ndarray]:
    """(expected value, SHAP matrix) for rows x of the model's own columns."""
    if fitted.kind == "linear":
        base = float(fitted.intercept + fitted.coef @ fitted.background)
        return base, (x - fitted.background) * fitted.coef
    import shap

    explainer = shap.TreeExplainer(fitted.estimator)
    values = np.asarray(explainer.shap_values(x, check_additivity=False), dtype=float)
    return float(np.ravel(explainer.expected_value)[0]), values.reshape(len(x), -1)


def sample_rows(n_rows: int, size: int, seed: int) -> np.ndarray:
    """A seeded sample of row positions, in order (all rows when there are no more than size)."""
    if n_rows <= size:
        return np.arange(n_rows)
    return np.sort(np.random.default_rng(seed).choice(n_rows, size=size, replace=False))


def explain(fitted: FittedModel, data: DriverData) -> Explanation:
    """SHAP values of the fitted model on a seeded sample of data's rows."""
    rows = sample_rows(data.n_rows, data.sample_size, data.seed)
    x = data.x[rows][:, fitted.columns]
    base, matrix = shap_values(fitted, x)
    names = tuple(data.features[c] for c in fitted.columns)
    groups = tuple(data.groups[c] for c in fitted.columns)
    importance = _sorted_importance(names, np.abs(matrix).mean(axis=0))
    group_names = tuple(dict.fromkeys(groups))
    per_group = [
        np.abs(matrix[:, [i for i, g in enumerate(groups) if g == name]].sum(axis=1)).mean()
        for name in group_names
    ]
    return Explanation(
        model=fitted.name,
        method=fitted.kind,
        scale="log" if data.log_target else "level",
        sample_size=len(rows),
        n_rows=data.n_rows,
        seed=data.seed,
        expected_value=base,
        features=names,
        groups=groups,
        importance=importance,
        group_importance=_sorted_importance(group_names, np.asarray(per_group)),
        interactions=_interactions(importance, names, matrix, x),
        rows=rows,
        values=x,
        shap_values=matrix,
        predictions=fitted.predict(data.x[rows]),
    )


def _sorted_importance(names: Sequence[str], values: np.ndarray) -> tuple[Importance, ...]:
    order = sorted(range(len(names)), key=lambda i: (-values[i], names[i]))
    return tuple(Importance(names[i], float(values[i])) for i in order)


def _interactions(
    importance: Sequence[Importance], names: tuple[str, ...], matrix: np.ndarray, x: np.ndarray
) -> dict[str, str]:
    """For the most important features, the feature whose values best explain the spread of
    their SHAP values (SHAP's approximate_interactions)."""
    import shap

    found = {}
    if len(names) < 2:
        return found
    for item in importance[:INTERACTION_FEATURES]:
        index = names.index(item.feature)
        order = shap.approximate_interactions(index, matrix, x)
        partner = next((int(j) for j in order if int(j) != index), None)
        if partner is not None:
            found[item.feature] = names[partner]
    return found


def waterfall(fitted: FittedModel, data: DriverData, row: int) -> Waterfall:
    """Every feature's contribution to one row's prediction, largest first."""
    x = data.x[[row]][:, fitted.columns]
    base, matrix = shap_values(fitted, x)
    names = [data.features[c] for c in fitted.columns]
    contributions = sorted(
        (
            Contribution(n, float(v), float(s))
            for n, v, s in zip(names, x[0], matrix[0], strict=True)
        ),
        key=lambda c: (-abs(c.shap), c.feature),
    )
    return Waterfall(
        row=row,
        base_value=base,
        prediction=float(fitted.predict(data.x[[row]])[0]),
        contributions=tuple(contributions),
        scale="log" if data.log_target else "level",
    )
