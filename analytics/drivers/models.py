"""The drivers models, chosen by name from a registry (name → constructor): OLS, Lasso, a random
forest and gradient boosting, each fitted on the design's rows. The naive baseline is scored with
them (``analytics.drivers.scoring``) but fits nothing, so it has no constructor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

BASELINE, OLS, LASSO, FOREST, BOOSTING = (
    "baseline",
    "ols",
    "lasso",
    "random_forest",
    "gradient_boosting",
)
# Shallow forests: TreeSHAP's cost grows with depth and leaves (see DESIGN.md); a cap on the rows
# each tree draws keeps a fit's cost flat on large data.
FOREST_PARAMS = {"n_estimators": 60, "max_depth": 8, "min_samples_leaf": 5, "max_features": 0.5}
FOREST_MAX_SAMPLES = 10_000
BOOSTING_PARAMS = {
    "max_depth": 4,
    "max_iter": 200,
    "learning_rate": 0.08,
    "min_samples_leaf": 20,
    "early_stopping": False,
}
LASSO_ALPHAS = 30


@dataclass(frozen=True, eq=False)
class FittedModel:
    """A model fitted on the design's ``columns``: linear (intercept + coef) or a tree ensemble.

    ``background`` holds the training means of a linear model's columns (its SHAP reference);
    ``smearing`` turns log-scale predictions into means on the original scale.
    """

    name: str
    kind: str
    columns: np.ndarray
    intercept: float = 0.0
    coef: np.ndarray | None = None
    background: np.ndarray | None = None
    estimator: Any = None
    smearing: float = 1.0

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Predictions on the model's scale (the log of the target for a log model)."""
        part = x[:, self.columns]
        if self.kind == "linear":
            return self.intercept + part @ self.coef
        return self.estimator.predict(part)


# --- the models ---------------------------------------------------------------------------------


def _fit_ols(
    x: np.ndarray, y: np.ndarray, linear_columns: np.ndarray, seed: int, dated: bool
) -> FittedModel:
    """Least squares on the linear columns that vary."""
    columns = _varying(x, linear_columns)
    part = x[:, columns]
    design = np.column_stack([np.ones(len(part)), part])
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    return FittedModel(OLS, "linear", columns, float(solution[0]), solution[1:], part.mean(axis=0))


def _fit_lasso(
    x: np.ndarray, y: np.ndarray, linear_columns: np.ndarray, seed: int, dated: bool
) -> FittedModel:
    """LassoCV on the linear columns that vary, standardised (strength chosen on time-ordered
    inner folds, or shuffled ones for rows without dates), with the coefficients turned back into
    the columns' own units."""
    from sklearn.linear_model import LassoCV
    from sklearn.model_selection import KFold, TimeSeriesSplit

    columns = _varying(x, linear_columns)
    part = x[:, columns]
    mean, scale = part.mean(axis=0), part.std(axis=0)
    scale[scale == 0] = 1.0
    inner = TimeSeriesSplit(n_splits=3) if dated else KFold(3, shuffle=True, random_state=seed)
    model = LassoCV(alphas=LASSO_ALPHAS, cv=inner, max_iter=5000, random_state=seed)
    model.fit((part - mean) / scale, y)
    coef = model.coef_ / scale
    intercept = float(model.intercept_ - coef @ mean)
    return FittedModel(LASSO, "linear", columns, intercept, coef, mean)


def _varying(x: np.ndarray, columns: np.ndarray) -> np.ndarray:
    return columns[np.ptp(x[:, columns], axis=0) > 0]


def _fit_forest(
    x: np.ndarray, y: np.ndarray, linear_columns: np.ndarray, seed: int, dated: bool
) -> FittedModel:
    """A random forest on every column (trees need no reference level)."""
    from sklearn.ensemble import RandomForestRegressor

    max_samples = FOREST_MAX_SAMPLES if len(y) > FOREST_MAX_SAMPLES else None
    model = RandomForestRegressor(
        **FOREST_PARAMS, max_samples=max_samples, n_jobs=1, random_state=seed
    )
    model.fit(x, y)
    return FittedModel(FOREST, "tree", np.arange(x.shape[1]), estimator=model)


def _fit_boosting(
    x: np.ndarray, y: np.ndarray, linear_columns: np.ndarray, seed: int, dated: bool
) -> FittedModel:
    """Histogram gradient boosting on every column (trees need no reference level)."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    model = HistGradientBoostingRegressor(**BOOSTING_PARAMS, random_state=seed)
    model.fit(x, y)
    return FittedModel(BOOSTING, "tree", np.arange(x.shape[1]), estimator=model)


# --- the registry -------------------------------------------------------------------------------

# (rows x, target y, the linear models' columns, seed, rows in time) -> the model fitted on them
Constructor = Callable[[np.ndarray, np.ndarray, np.ndarray, int, bool], FittedModel]
MODELS: dict[str, Constructor] = {
    OLS: _fit_ols,
    LASSO: _fit_lasso,
    FOREST: _fit_forest,
    BOOSTING: _fit_boosting,
}
FITTED_MODELS = tuple(MODELS)
MODEL_NAMES = (BASELINE, *FITTED_MODELS)


def fit_model(
    name: str,
    x: np.ndarray,
    y: np.ndarray,
    linear_columns: np.ndarray,
    seed: int,
    log: bool,
    dated: bool = True,
) -> FittedModel:
    """Fit the named model on the design's rows x (all columns; linear models use
    linear_columns); a log model gets the smearing factor back to the target's own scale.
    ``dated`` says the rows are in time order (else inner folds are shuffled)."""
    constructor = MODELS.get(name)
    if constructor is None:
        raise ValueError(f"unknown model {name!r}")
    fitted = constructor(x, y, linear_columns, seed, dated)
    if not log:
        return fitted
    residuals = y - fitted.predict(x)
    return replace(fitted, smearing=float(np.mean(np.exp(residuals))))


# --- one thread per fit -------------------------------------------------------------------------


def one_thread() -> Any:
    """One BLAS/OpenMP thread: on a small shared machine, boosting's OpenMP threads spin against
    other processes (one 50,000-row boosting fit: 1 s on one thread, 6-22 s on two, measured).

    threadpoolctl limits only the libraries already loaded, so scikit-learn's ensembles (which
    load its OpenMP runtime) are imported first: imported inside the limit, the first boosting fit
    of every worker ran on all cores, unlimited."""
    import sklearn.ensemble  # noqa: F401  (loads the OpenMP runtime before it is limited)
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)
