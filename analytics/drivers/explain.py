"""SHAP explanations of the chosen drivers model, and findings from the numbers.

Tree ensembles use SHAP's TreeExplainer (exact for trees, path-dependent, so the expected value is
the training mean of the model's predictions); linear models use the exact linear SHAP values,
coef × (value − training mean). Either way each row's values add up to its prediction minus the
expected value, on the model's scale (the log of the target for a log model).

Findings are numbers with a ``kind``; the app words them in the user's language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from analytics.drivers.models import DriverData, DriversResult, FittedModel

INTERACTION_FEATURES = 20
BEESWARM_FEATURES = 12
WATERFALL_FEATURES = 10
DISCOUNT_STEP_POINTS = 10


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


# --- rows ---------------------------------------------------------------------------------------


def _segment_labels(data: DriverData) -> pd.DataFrame:
    """The dimension values of every row as text (missing values as empty text)."""
    return data.keys.iloc[:, 1:].astype("string").fillna("")


def row_label(data: DriverData, row: int) -> tuple[str, tuple[str, ...]]:
    """(ISO date, segment values) of a row."""
    day = pd.Timestamp(data.keys.iloc[row, 0]).strftime("%Y-%m-%d")
    return day, tuple(str(v) for v in _segment_labels(data).iloc[row])


def find_row(data: DriverData, day: str, segment: Sequence[str]) -> int | None:
    """The row of a date and segment, if the data have it."""
    labels = _segment_labels(data)
    if len(segment) != labels.shape[1]:
        return None
    try:
        match = (data.keys.iloc[:, 0] == pd.Timestamp(day)).to_numpy(dtype=bool)
    except (ValueError, TypeError):
        return None
    for column, value in zip(labels.columns, segment, strict=True):
        match = match & (labels[column] == value).to_numpy(dtype=bool)
    found = np.flatnonzero(match)
    return int(found[0]) if len(found) else None


def segments(data: DriverData) -> list[tuple[str, ...]]:
    """Every segment (dimension values) in the data, sorted."""
    labels = _segment_labels(data)
    if labels.shape[1] == 0:
        return [()]
    unique = labels.drop_duplicates()
    return sorted(tuple(str(v) for v in values) for values in unique.itertuples(index=False))


def default_row(result: DriversResult) -> int:
    """The row the chosen model predicts highest: the first one a manager asks about."""
    if result.predictions is None or not len(result.predictions):
        return 0
    return int(np.argmax(result.predictions))


# --- findings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One conclusion as numbers; ``kind`` says which sentence the app words it with."""

    kind: str
    params: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "params": dict(self.params)}


def findings(result: DriversResult) -> tuple[Finding, ...]:
    """Whether a model beats the baseline; if so the top drivers, the effect of each lever with
    its 95% interval (from OLS), and what the numbers rest on."""
    found = [_verdict(result)]
    if result.beats_baseline and result.explanation is not None:
        found.append(_top_drivers(result.explanation))
        found += _effects(result)
        if result.best != "ols":
            ols = result.score("ols")
            found.append(
                Finding(
                    "linear_note",
                    {
                        "model": result.best,
                        "ols_r2": result.ols.r2,
                        "ols_mae": None if ols is None else ols.mae,
                        "best_mae": result.score(result.best).mae,
                    },
                )
            )
        explanation = result.explanation
        if explanation.sample_size < explanation.n_rows:
            found.append(
                Finding("sample", {"n": explanation.sample_size, "of": explanation.n_rows})
            )
    if result.n_dropped:
        found.append(
            Finding("rows_dropped", {"n": result.n_dropped, "of": result.n_rows + result.n_dropped})
        )
    found += _leakage(result)
    return tuple(found)


def _verdict(result: DriversResult) -> Finding:
    baseline = result.score("baseline")
    contenders = [s for s in result.models if s.name != "baseline"]
    best = result.score(result.best) if result.beats_baseline else None
    if best is None:
        best = contenders[0] if contenders else baseline
    params = {
        "model": best.name,
        "mae": best.mae,
        "baseline_mae": baseline.mae,
        "baseline": result.baseline,
        "gain": 1.0 - best.mae / baseline.mae if baseline.mae > 0 else 0.0,
        "r2": best.r2,
    }
    return Finding("beats_baseline" if result.beats_baseline else "no_better_than_baseline", params)


def _top_drivers(explanation: Any, count: int = 3) -> Finding:
    groups = explanation.group_importance
    total = sum(i.mean_abs_shap for i in groups) or 1.0
    top = groups[:count]
    return Finding(
        "top_drivers",
        {
            "features": [i.feature for i in top],
            "shares": [i.mean_abs_shap / total for i in top],
        },
    )


def _effects(result: DriversResult) -> list[Finding]:
    """The change in the target for a round step in each lever, with its 95% interval."""
    from analytics.drivers.models import LEVER_SOURCES

    data = result.data
    source_of = dict(zip(data.features, data.sources, strict=True))
    spend_step = _spend_step(data)
    found = []
    for coefficient in result.coefficients:
        source = source_of.get(coefficient.feature)
        if source not in LEVER_SOURCES:
            continue
        values = data.x[:, data.features.index(coefficient.feature)]
        step, step_kind, step_shown = _step(source, values, spend_step)
        low, high = coefficient.ci
        effect, lo, hi = (v * step for v in (coefficient.coef, low, high))
        if result.log_target:
            effect, lo, hi = (math.expm1(v) for v in (effect, lo, hi))
        found.append(
            Finding(
                "effect",
                {
                    "feature": coefficient.feature,
                    "source": source,
                    "step": step,
                    "step_kind": step_kind,
                    "step_shown": step_shown,
                    "effect": effect,
                    "low": lo,
                    "high": hi,
                    "p_value": coefficient.p_value,
                    "clear": not (low <= 0 <= high),
                    "scale": "percent" if result.log_target else "level",
                    "target": result.target,
                    "frequency": result.frequency,
                    "segments": len(data.keys.columns) > 1,
                },
            )
        )
    order = {s: i for i, s in enumerate(LEVER_SOURCES)}
    found.sort(key=lambda f: (order[f.params["source"]], f.params["p_value"]))
    return found


def _step(source: str, values: np.ndarray, spend_step: float) -> tuple[float, str, float]:
    """(step in the column's units, how to word it, the number shown for it)."""
    if source == "discount":
        fraction = np.nanmax(values) <= 1.0
        step = DISCOUNT_STEP_POINTS / 100 if fraction else float(DISCOUNT_STEP_POINTS)
        return step, "points", float(DISCOUNT_STEP_POINTS)
    if source in ("spend", "lag"):
        return spend_step, "amount", spend_step
    if source == "price":
        step = _round_step(0.1 * float(np.nanmean(np.abs(values))))
        return step, "amount", step
    return 1.0, "on", 1.0


def _spend_step(data: DriverData) -> float:
    """One round step for every spend column, so channels compare: 10^k near their mean."""
    columns = [data.x[:, i] for i, s in enumerate(data.sources) if s in ("spend", "lag")]
    means = [float(np.mean(c[c > 0])) for c in columns if (c > 0).any()]
    if not means:
        return 1.0
    return float(10 ** round(math.log10(max(float(np.mean(means)), 1e-9))))


def _round_step(value: float) -> float:
    """The largest 1, 2 or 5 × 10^k not above value (at least 1e-9)."""
    if not value > 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return float(max(m * power for m in (1, 2, 5) if m * power <= value))


def _leakage(result: DriversResult) -> list[Finding]:
    flagged = [c for c in result.candidates if c.leakage]
    excluded = [c.name for c in flagged if c.name not in result.chosen]
    included = [c.name for c in flagged if c.name in result.chosen]
    found = []
    if excluded:
        found.append(Finding("leakage_excluded", {"features": excluded}))
    if included:
        found.append(Finding("leakage_included", {"features": included}))
    return found
