"""Purchase propensity: logistic regression and gradient boosting scored by stratified K-fold on
out-of-fold probabilities (AUC, average precision, precision, recall and F1 at a threshold), the
best model's calibration curve and gains, and SHAP (in log-odds) of the best model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.customers.features import Design, log_design, table_design
from analytics.customers.log import LogColumns, purchases
from analytics.drivers.explain import Importance, sample_rows, shap_values
from analytics.drivers.models import FittedModel, one_thread
from analytics.errors import UserInputError
from analytics.ingest.roles import Mapping
from analytics.parallel import map_in_workers

Progress = Callable[[int, int], None]

LOGISTIC, BOOSTING = "logistic_regression", "gradient_boosting"
MODELS = (LOGISTIC, BOOSTING)
BOOSTING_PARAMS = {"max_iter": 100, "learning_rate": 0.1, "max_depth": 4, "early_stopping": False}
GAIN_SHARES = tuple(round(0.1 * k, 1) for k in range(1, 11))
CALIBRATION_BINS = 10
SHAP_ROWS = 2_000
SEED = 0


@dataclass(frozen=True)
class PropensitySettings:
    """The 0/1 target, the features (None: every usable column), the threshold above which a
    score counts as a predicted buyer, and the number of stratified folds."""

    target: str
    features: tuple[str, ...] | None = None
    threshold: float = 0.5
    folds: int = 5

    def check(self) -> None:
        if not 0 < self.threshold < 1:
            raise UserInputError(
                "The threshold must be between 0 and 1 (exclusive).", code="cust_bad_threshold"
            )
        if not 2 <= self.folds <= 20:
            raise UserInputError("Choose between 2 and 20 folds.", code="cust_bad_folds")


@dataclass(frozen=True)
class ModelScore:
    name: str
    auc: float
    average_precision: float
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "auc": self.auc,
            "average_precision": self.average_precision,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Gain:
    """The share of all positives among the ``top_share`` best-scored rows."""

    top_share: float
    captured_share: float

    def to_dict(self) -> dict[str, Any]:
        return {"top_share": self.top_share, "captured_share": self.captured_share}


@dataclass(frozen=True)
class CalibrationPoint:
    """Rows of one score bin: their mean predicted probability and the share that were positive."""

    predicted: float
    observed: float

    def to_dict(self) -> dict[str, Any]:
        return {"predicted": self.predicted, "observed": self.observed}


@dataclass(frozen=True)
class PropensityResult:
    """Scores per model (best first), the best model's gains, calibration and SHAP importance;
    ``scores`` are its out-of-fold probabilities per row (``ids``), ``future_scores`` (a log
    only) each customer's probability of buying in the next period."""

    target: str
    rows: int
    positive_rate: float
    features: tuple[str, ...]
    folds: int
    threshold: float
    models: tuple[ModelScore, ...]
    best: str
    importance: tuple[Importance, ...]
    gains: tuple[Gain, ...]
    calibration: tuple[CalibrationPoint, ...]
    ids: np.ndarray
    scores: np.ndarray
    future_ids: np.ndarray | None = None
    future_scores: np.ndarray | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "rows": self.rows,
            "positive_rate": self.positive_rate,
            "features": list(self.features),
            "folds": self.folds,
            "threshold": self.threshold,
            "models": [m.to_dict() for m in self.models],
            "best": self.best,
            "importance": [i.to_dict() for i in self.importance],
            "gains": [g.to_dict() for g in self.gains],
            "calibration": [c.to_dict() for c in self.calibration],
        }


def score_propensity(
    frame: pd.DataFrame,
    mapping: Mapping,
    settings: PropensitySettings,
    progress: Progress | None = None,
    *,
    parallel: bool = False,
) -> PropensityResult:
    """A customer table's 0/1 target, predicted from its other columns."""
    settings.check()
    design = table_design(frame, mapping, settings.target, settings.features)
    return score_design(design, settings, progress, parallel=parallel)


def score_next_period(
    frame: pd.DataFrame,
    columns: LogColumns,
    settings: PropensitySettings,
    progress: Progress | None = None,
    *,
    parallel: bool = False,
) -> PropensityResult:
    """Whether each customer of an order log buys in the next period, from their RFM, tenure,
    basket size and discount share at its start; the best model then scores the period to come."""
    settings.check()
    design = log_design(purchases(frame, columns))
    return score_design(design, settings, progress, parallel=parallel)


def score_design(
    design: Design,
    settings: PropensitySettings,
    progress: Progress | None = None,
    *,
    parallel: bool = False,
) -> PropensityResult:
    """Every model's out-of-fold scores and metrics (each model and fold a job, in worker
    processes when ``parallel``); the best model refitted on all rows and explained."""
    _check_classes(design.y, settings.folds, design.target)
    folds = _folds(design.y, settings.folds)
    jobs = [(name, design.x, design.y, train, test) for name in MODELS for train, test in folds]
    fold_scores = map_in_workers(fold_scores_job, jobs, progress, parallel=parallel)
    oof = {name: np.empty(len(design.y)) for name in MODELS}
    for (name, _, _, _, test), scores in zip(jobs, fold_scores, strict=True):
        oof[name][test] = scores
    with one_thread():
        return _finish(design, settings, oof)


def _finish(
    design: Design, settings: PropensitySettings, oof: dict[str, np.ndarray]
) -> PropensityResult:
    scores = sorted(
        (_metrics(name, design.y, oof[name], settings.threshold) for name in MODELS),
        key=lambda s: (-s.auc, -s.average_precision),
    )
    best = scores[0].name
    fitted = fit_model(best, design.x, design.y)
    future = None
    if design.future is not None:
        future = _probabilities(fitted, design.future)
    return PropensityResult(
        target=design.target,
        rows=len(design.y),
        positive_rate=float(design.y.mean()),
        features=design.features,
        folds=settings.folds,
        threshold=settings.threshold,
        models=tuple(scores),
        best=best,
        importance=_importance(fitted, design),
        gains=gains(design.y, oof[best]),
        calibration=_calibration(design.y, oof[best]),
        ids=design.ids,
        scores=oof[best],
        future_ids=design.future_ids,
        future_scores=future,
    )


def _check_classes(y: np.ndarray, folds: int, target: str) -> None:
    positives, negatives = int(y.sum()), int(len(y) - y.sum())
    if min(positives, negatives) < max(folds, 10):
        raise UserInputError(
            f"{target!r} has {positives} positive and {negatives} negative rows: each needs at "
            f"least {max(folds, 10)} to score a model by {folds}-fold cross-validation.",
            code="cust_too_few_outcomes",
            target=target,
            positives=positives,
            negatives=negatives,
            needed=max(folds, 10),
        )


def _folds(y: np.ndarray, n_splits: int) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=SEED)
    return list(splitter.split(np.zeros(len(y)), y))


def make_model(name: str):
    """A fresh scikit-learn classifier by name."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if name == LOGISTIC:
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    return HistGradientBoostingClassifier(random_state=SEED, **BOOSTING_PARAMS)


def fold_scores_job(
    job: tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    """The probabilities of one fold's rows from the model fitted on the other folds."""
    name, x, y, train, test = job
    with one_thread():
        model = make_model(name).fit(x[train], y[train])
        return model.predict_proba(x[test])[:, 1]


def _metrics(name: str, y: np.ndarray, scores: np.ndarray, threshold: float) -> ModelScore:
    from sklearn.metrics import (
        average_precision_score,
        f1_score,
        precision_score,
        recall_score,
        roc_auc_score,
    )

    predicted = (scores >= threshold).astype(int)
    return ModelScore(
        name=name,
        auc=float(roc_auc_score(y, scores)),
        average_precision=float(average_precision_score(y, scores)),
        precision=float(precision_score(y, predicted, zero_division=0)),
        recall=float(recall_score(y, predicted, zero_division=0)),
        f1=float(f1_score(y, predicted, zero_division=0)),
    )


def gains(y: np.ndarray, scores: np.ndarray) -> tuple[Gain, ...]:
    """Share of all positives among the top 10%, 20%, … of rows by score (ties in row order)."""
    order = np.argsort(-scores, kind="stable")
    captured = np.cumsum(y[order]) / max(int(y.sum()), 1)
    return tuple(
        Gain(share, float(captured[max(round(share * len(y)), 1) - 1])) for share in GAIN_SHARES
    )


def _calibration(y: np.ndarray, scores: np.ndarray) -> tuple[CalibrationPoint, ...]:
    from sklearn.calibration import calibration_curve

    observed, predicted = calibration_curve(y, scores, n_bins=CALIBRATION_BINS, strategy="quantile")
    return tuple(
        CalibrationPoint(float(p), float(o)) for p, o in zip(predicted, observed, strict=True)
    )


@dataclass(frozen=True, eq=False)
class FittedClassifier:
    """A classifier fitted on every row, and the same model as SHAP reads it (log-odds)."""

    estimator: Any
    explained: FittedModel


def fit_model(name: str, x: np.ndarray, y: np.ndarray) -> FittedClassifier:
    model = make_model(name).fit(x, y)
    columns = np.arange(x.shape[1])
    if name != LOGISTIC:
        return FittedClassifier(model, FittedModel(name, "tree", columns, estimator=model))
    scaler, logistic = model[0], model[-1]
    coef = logistic.coef_[0] / scaler.scale_
    intercept = float(logistic.intercept_[0] - coef @ scaler.mean_)
    return FittedClassifier(
        model, FittedModel(name, "linear", columns, intercept, coef, x.mean(axis=0))
    )


def _probabilities(fitted: FittedClassifier, x: np.ndarray) -> np.ndarray:
    return fitted.estimator.predict_proba(x)[:, 1]


def _importance(fitted: FittedClassifier, design: Design) -> tuple[Importance, ...]:
    rows = sample_rows(len(design.y), SHAP_ROWS, SEED)
    _, matrix = shap_values(fitted.explained, design.x[rows])
    mean_abs = np.abs(matrix).mean(axis=0)
    order = sorted(range(len(design.features)), key=lambda i: (-mean_abs[i], design.features[i]))
    return tuple(Importance(design.features[i], float(mean_abs[i])) for i in order)
