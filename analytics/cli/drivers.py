"""`drivers`: what moves a metric, explained with SHAP."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from analytics.cli.arguments import (
    add_file_arguments,
    load_dataset,
    parse_where,
    split_names,
)
from analytics.cli.output import emit, select_fields
from analytics.formatting import p_clause, plain, ratio, span

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands
    from analytics.drivers.results import DriversResult

# The JSON interface the issues spell out, field for field (the result holds more): how the
# models were validated (time-ordered folds, or shuffled K-fold with its seed for a table without
# dates) and which naive baseline they were compared with are part of it.
DRIVERS_FIELDS: tuple[str, ...] = (
    "target",
    "n_rows",
    "validation",
    "baseline",
    "models",
    "best",
    "importance",
    "coefficients",
)
DRIVERS_MODEL_FIELDS: tuple[str, ...] = ("name", "mae", "rmse", "r2", "mape")
DRIVERS_IMPORTANCE_FIELDS: tuple[str, ...] = ("feature", "mean_abs_shap")
DRIVERS_COEFFICIENT_FIELDS: tuple[str, ...] = ("feature", "coef", "ci", "p_value")


def add_parsers(commands: Commands) -> None:
    drivers_cmd = commands.add_parser("drivers", help="what moves a metric, explained with SHAP")
    add_file_arguments(drivers_cmd)
    drivers_cmd.add_argument(
        "--target",
        required=True,
        help="metric column, or a ratio NUMERATOR/DENOMINATOR such as orders/visits "
        "(a column whose name contains '/' is taken as that column)",
    )
    drivers_cmd.add_argument(
        "--features", help="C1,C2,... (default: the suggested ones, without leaking metrics)"
    )
    drivers_cmd.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COL=VALUE",
        help="row filter; repeat for several values or columns",
    )
    drivers_cmd.add_argument(
        "--models", help="comma-separated: ols,lasso,random_forest,gradient_boosting (default all)"
    )
    drivers_cmd.add_argument(
        "--log", action="store_true", help="model the log of the target (effects in %%)"
    )
    drivers_cmd.set_defaults(handler=_drivers)


def _drivers(args: argparse.Namespace) -> int:
    # Imported here: the models load scikit-learn and SHAP (seconds), which `inspect` does not need.
    from analytics.drivers.analysis import run_drivers
    from analytics.drivers.models import FITTED_MODELS
    from analytics.drivers.settings import DriverSettings, where_items

    dataset = load_dataset(args)
    settings = DriverSettings(
        target=args.target,
        features=split_names(args.features) if args.features is not None else None,
        models=split_names(args.models) if args.models else FITTED_MODELS,
        where=where_items(parse_where(args.where)),
        log_target=args.log,
    )
    result = run_drivers(dataset.frame, dataset.mapping, settings)
    emit(result, args.json, _drivers_text, _drivers_json)
    return 0


def _drivers_json(result: DriversResult) -> dict[str, Any]:
    data = result.to_dict()
    data["models"] = [_finite(select_fields(m, DRIVERS_MODEL_FIELDS)) for m in data["models"]]
    data["importance"] = [select_fields(i, DRIVERS_IMPORTANCE_FIELDS) for i in data["importance"]]
    data["coefficients"] = [
        _finite(select_fields(c, DRIVERS_COEFFICIENT_FIELDS)) for c in data["coefficients"]
    ]
    return select_fields(data, DRIVERS_FIELDS)


def _finite(row: dict[str, Any]) -> dict[str, Any]:
    """NaN is not JSON: a number that could not be computed is null."""
    return {k: None if isinstance(v, float) and v != v else v for k, v in row.items()}


def _folds_text(result: DriversResult) -> str:
    validation = result.validation
    if validation.kind == "time_ordered":
        return "time-ordered folds"
    return (
        f"{validation.folds} shuffled folds, seed {validation.seed}: the rows have no dates; "
        "baseline: the mean of the training folds"
    )


def _drivers_text(result: DriversResult) -> str:
    lines = [
        f"{result.target}: {result.n_rows:,} rows, {len(result.features)} features"
        + (" (log scale)" if result.log_target else ""),
        f"held-out errors ({_folds_text(result)}), best first:",
    ]
    lines += [
        f"  {m.name:<18} MAE {plain(m.mae, 4)}  RMSE {plain(m.rmse, 4)}  R² {ratio(m.r2, 3)}"
        + (f"  MAPE {m.mape:.1%}" if m.mape is not None else "")
        for m in result.models
    ]
    if not result.beats_baseline:
        lines.append("No model beats the naive baseline: nothing here is worth explaining.")
    else:
        sample = result.explanation.sample_size
        lines.append(f"best: {result.best}; mean |SHAP| on {sample:,} rows:")
        lines += [f"  {i.feature:<28} {plain(i.mean_abs_shap, 4)}" for i in result.importance[:15]]
    lines.append("OLS coefficients (95% interval, p):")
    lines += [
        f"  {c.feature:<28} {plain(c.coef, 4)} ({span(c.ci, _four)}), {p_clause(c.p_value)}"
        for c in result.coefficients
    ]
    return "\n".join(lines)


def _four(value: float) -> str:
    return plain(value, 4)
