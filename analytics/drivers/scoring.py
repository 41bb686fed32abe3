"""Held-out scores of the drivers models: expanding-window folds over the dates, each model fitted
on the rows before a block of dates and scored on that block, beside a naive baseline. A table
without dates is scored on shuffled K-fold (a fixed seed) against the mean of the training folds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from analytics.drivers.design import DriverData
from analytics.drivers.models import BASELINE, MODEL_NAMES, fit_model, one_thread
from analytics.errors import UserInputError
from analytics.parallel import map_in_workers

Progress = Callable[[int, int], None]
TIME_ORDERED, SHUFFLED = "time_ordered", "shuffled"


# --- time-ordered folds -------------------------------------------------------------------------


def time_folds(dates: np.ndarray, n_folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Expanding-window folds over the distinct dates: each trains on every row before its test
    block, and all rows of a date fall in the same block."""
    from sklearn.model_selection import TimeSeriesSplit

    distinct = np.unique(dates)
    folds = []
    for _, test in TimeSeriesSplit(n_splits=n_folds).split(distinct):
        first, last = distinct[test[0]], distinct[test[-1]]
        train = np.flatnonzero(dates < first)
        held_out = np.flatnonzero((dates >= first) & (dates <= last))
        folds.append((train, held_out))
    return folds


def shuffled_folds(n_rows: int, n_folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """K-fold over rows in random order (the seed fixes it): rows without dates have no past to
    train on, and the file's order (often sorted) must not decide what is held out."""
    from sklearn.model_selection import KFold

    splitter = KFold(n_splits=n_folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.arange(n_rows)))


@dataclass(frozen=True)
class Validation:
    """How the held-out scores were made: ``time_ordered`` folds over the dates, or ``shuffled``
    K-fold with its seed for a table without dates."""

    kind: str
    folds: int
    seed: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "folds": self.folds, "seed": self.seed}


def validation_of(data: DriverData) -> Validation:
    if data.dated:
        return Validation(TIME_ORDERED, data.folds, None)
    return Validation(SHUFFLED, data.folds, data.seed)


def folds_of(data: DriverData) -> list[tuple[np.ndarray, np.ndarray]]:
    """The (train, held-out) row positions the models are scored on."""
    if data.dated:
        return time_folds(data.dates, data.folds)
    return shuffled_folds(data.n_rows, data.folds, data.seed)


def _fold_task(task: tuple[Any, ...]) -> np.ndarray:
    """Worker: fit one model on a fold's training rows; predictions for its held-out rows on the
    target's own scale."""
    name, x_train, y_train, x_test, linear_columns, seed, log, dated = task
    with one_thread():
        fitted = fit_model(name, x_train, y_train, linear_columns, seed, log, dated)
        predictions = fitted.predict(x_test)
    return np.exp(predictions) * fitted.smearing if log else predictions


# --- scores -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelScore:
    """Errors of one model's predictions on the held-out folds, on the target's own scale."""

    name: str
    mae: float
    rmse: float
    r2: float
    mape: float | None
    fold_mae: tuple[float, ...]
    n_held_out: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mae": self.mae,
            "rmse": self.rmse,
            "r2": self.r2,
            "mape": self.mape,
            "fold_mae": list(self.fold_mae),
            "n_held_out": self.n_held_out,
        }


def score_models(
    data: DriverData,
    names: Sequence[str],
    progress: Progress | None = None,
    *,
    parallel: bool = True,
) -> tuple[ModelScore, ...]:
    """Cross-validated scores of the named models (the baseline among them if named); the fold
    fits run in worker processes."""
    unknown = [n for n in names if n not in MODEL_NAMES]
    if unknown:
        raise UserInputError(
            f"There is no model {unknown[0]!r}; the models are: {', '.join(MODEL_NAMES)}.",
            code="drivers_unknown_model",
            model=unknown[0],
        )
    folds = folds_of(data)
    fitted_names = [n for n in dict.fromkeys(names) if n != BASELINE]
    tasks = [
        (name, data.x[train], data.y[train], data.x[test], data.linear_columns, data.seed,
         data.log_target, data.dated)
        for name in fitted_names
        for train, test in folds
    ]  # fmt: skip
    predictions = map_in_workers(_fold_task, tasks, progress, parallel=parallel)
    scores = []
    for name in dict.fromkeys(names):
        if name == BASELINE:
            per_fold = [baseline_predictions(data, train, test) for train, test in folds]
        else:
            start = fitted_names.index(name) * len(folds)
            per_fold = predictions[start : start + len(folds)]
        scores.append(_score(name, data, folds, per_fold))
    return tuple(scores)


def baseline_kind(data: DriverData) -> str:
    """'last_week' (same weekday a week earlier, daily data), 'segment_mean', or without dates
    'training_mean'."""
    if not data.dated:
        return "training_mean"
    return "last_week" if data.frequency == "D" else "segment_mean"


def baseline_predictions(data: DriverData, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """The naive forecast: the same weekday a week earlier for daily data, else (and where that
    is missing) the segment's mean over the training rows; without dates, the training rows'
    mean."""
    actual = data.actual[train]
    overall = float(np.mean(actual))
    if not data.dated:
        return np.full(len(test), overall)
    sums = np.bincount(data.segment[train], weights=actual, minlength=data.segment.max() + 1)
    counts = np.bincount(data.segment[train], minlength=data.segment.max() + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / np.maximum(counts, 1), overall)
    fallback = means[data.segment[test]]
    naive = data.naive[test]
    return np.where(np.isfinite(naive), naive, fallback)


def _score(
    name: str,
    data: DriverData,
    folds: list[tuple[np.ndarray, np.ndarray]],
    per_fold: Sequence[np.ndarray],
) -> ModelScore:
    actual = np.concatenate([data.actual[test] for _, test in folds])
    predicted = np.concatenate(per_fold)
    errors = predicted - actual
    total = float(np.sum((actual - actual.mean()) ** 2))
    nonzero = actual != 0
    fold_mae = tuple(
        float(np.mean(np.abs(p - data.actual[test])))
        for p, (_, test) in zip(per_fold, folds, strict=True)
    )
    return ModelScore(
        name=name,
        mae=float(np.mean(np.abs(errors))),
        rmse=float(np.sqrt(np.mean(errors**2))),
        r2=float(1.0 - np.sum(errors**2) / total) if total > 0 else float("nan"),
        mape=float(np.mean(np.abs(errors[nonzero] / actual[nonzero]))) if nonzero.any() else None,
        fold_mae=fold_mae,
        n_held_out=len(actual),
    )


def leaderboard(scores: Sequence[ModelScore]) -> tuple[ModelScore, ...]:
    """Models by held-out MAE, best first."""
    return tuple(sorted(scores, key=lambda s: (s.mae, s.name)))
