"""Drivers: which levers (spend by channel, discount, price, promotions, calendar, segments) move a
metric or a ratio of two, by regression models compared on time-ordered folds (shuffled folds for
a table without dates) against a naive baseline. The chosen model is explained with SHAP in
``analytics.drivers.explain``.

Models are fitted on the rows as stored, one per date and segment (the dimension values), with the
segments as one-hot features: discounts and spend that differ between segments on the same day
are what lets a model tell their effect from the calendar's. Rows that share a date and segment
are added up first; a table without dates is modelled row by row. A ratio target
(``orders/visits``) is the ratio of each row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from analytics.drivers.design import DriverData, prepare
from analytics.drivers.explain import explain
from analytics.drivers.findings import findings
from analytics.drivers.models import BASELINE, fit_model, one_thread
from analytics.drivers.ols import ols_inference
from analytics.drivers.results import DriversResult
from analytics.drivers.scoring import (
    ModelScore,
    Progress,
    baseline_kind,
    leaderboard,
    score_models,
    validation_of,
)
from analytics.drivers.settings import DriverSettings
from analytics.ingest.roles import Mapping
from analytics.parallel import map_in_workers


def run_drivers(
    frame: pd.DataFrame,
    mapping: Mapping,
    settings: DriverSettings,
    progress: Progress | None = None,
    *,
    parallel: bool | None = None,
) -> DriversResult:
    """Prepare, score every model on held-out folds, and explain the best one.

    ``parallel=None`` uses worker processes when the data are large enough to repay them.
    """
    data = prepare(frame, mapping, settings)
    if parallel is None:
        parallel = data.n_rows * len(data.features) >= 200_000
    scores = score_models(data, (BASELINE, *settings.models), progress, parallel=parallel)
    return finish(data, scores, parallel=parallel)


def finish(
    data: DriverData,
    scores: Sequence[ModelScore],
    *,
    parallel: bool = True,
    force: str | None = None,
) -> DriversResult:
    """Choose the best model on the held-out folds, fit it on all rows and explain it with SHAP,
    with OLS coefficients and the findings (both fits run in worker processes).

    ``force`` names a scored model to explain whatever the folds say (the benchmark times each
    model as the explained one)."""
    board = leaderboard(scores)
    best = board[0]
    if force is not None:
        forced = [s for s in board if s.name == force]
        if not forced:
            raise ValueError(f"{force!r} was not scored")
        best = forced[0]
    beats = best.name != BASELINE
    jobs = [("ols", data)] + ([("explain", data, best.name)] if beats else [])
    done = map_in_workers(_final_task, jobs, parallel=parallel)
    coefficients, summary = done[0]
    fitted, explanation, predictions = done[1] if beats else (None, None, None)
    result = DriversResult(
        target=data.target.name,
        log_target=data.log_target,
        n_rows=data.n_rows,
        n_dropped=data.n_dropped,
        frequency=data.frequency,
        baseline=baseline_kind(data),
        validation=validation_of(data),
        features=data.features,
        chosen=data.chosen,
        candidates=data.candidates,
        models=board,
        best=best.name,
        beats_baseline=beats,
        coefficients=coefficients,
        ols=summary,
        explanation=explanation,
        findings=(),
        fitted=fitted,
        data=data,
        predictions=predictions,
    )
    return replace(result, findings=findings(result))


def _final_task(job: tuple[Any, ...]) -> Any:
    """Worker: the OLS inference, or the best model fitted on all rows with its SHAP values."""
    with one_thread():
        if job[0] == "ols":
            return ols_inference(job[1])
        _, data, name = job
        fitted = fit_model(
            name, data.x, data.y, data.linear_columns, data.seed, data.log_target, data.dated
        )
        explanation = explain(fitted, data)
        predictions = data.to_original(fitted.predict(data.x), fitted.smearing)
    return fitted, explanation, predictions
