"""`forecast`: the best of ARIMA, ETS, Theta, seasonal naive and their combination by
backtest, with calibrated intervals and regressors known in advance."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from analytics.cli.arguments import add_file_arguments, load_dataset, parse_where
from analytics.cli.output import emit, select_fields

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands
    from analytics.forecast.results import ForecastResult

# The JSON interface the issues spell out, field for field (the result holds more).
FORECAST_FIELDS: tuple[str, ...] = (
    "metric",
    "frequency",
    "order",
    "seasonal_order",
    "aic",
    "forecast",
    "backtest",
    "model",
    "candidates",
    "regressors",
    "calibration",
)
FORECAST_POINT_FIELDS: tuple[str, ...] = ("date", "mean", "lo", "hi")
FORECAST_BACKTEST_FIELDS: tuple[str, ...] = (
    "mae",
    "mape",
    "mase",
    "naive_mae",
    "naive_mape",
    "coverage80",
    "coverage95",
)


def add_parsers(commands: Commands) -> None:
    forecast_cmd = commands.add_parser("forecast", help="ARIMA forecast with intervals, backtested")
    add_file_arguments(forecast_cmd)
    forecast_cmd.add_argument("--metric", required=True, help="column to forecast, e.g. units")
    forecast_cmd.add_argument(
        "--horizon", required=True, type=int, help="periods ahead (also the backtest horizon)"
    )
    forecast_cmd.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COL=VALUE",
        help="segment filter; repeat for several values or columns",
    )
    forecast_cmd.add_argument(
        "--holdout",
        type=int,
        metavar="N",
        help="fit on all but the last N periods, forecast them and score against the truth",
    )
    forecast_cmd.add_argument(
        "--regressors",
        metavar="COL,COL",
        help="columns known in advance (price, discount, promotion flag, flags) to use, also "
        "for the periods after the last outcome; default: those roles' columns that vary",
    )
    forecast_cmd.add_argument(
        "--by",
        metavar="COL,COL",
        help="one forecast per value of these dimensions (and the total), with the global model "
        "across the series as one more candidate; --json gives every series' family and "
        "candidates",
    )
    forecast_cmd.set_defaults(handler=_forecast)


def _forecast(args: argparse.Namespace) -> int:
    # Imported here: the model loads statsmodels (seconds), which `inspect` does not need.
    from analytics.forecast.metric import forecast_metric, holdout_forecast
    from analytics.forecast.results import ForecastSettings

    dataset = load_dataset(args)
    where = parse_where(args.where)
    regressors = None
    if args.regressors is not None:
        regressors = tuple(c.strip() for c in args.regressors.split(",") if c.strip())
    if args.by:
        return _forecast_by(args, dataset, ForecastSettings(args.horizon, regressors=regressors))
    if args.holdout is None:
        settings = ForecastSettings(args.horizon, regressors=regressors)
        result = forecast_metric(dataset.frame, dataset.mapping, args.metric, where, settings)
    else:
        settings = ForecastSettings(args.holdout, regressors=regressors)
        result = holdout_forecast(
            dataset.frame, dataset.mapping, args.metric, where, args.holdout, settings
        )
    emit(result, args.json, _forecast_text, _forecast_json)
    return 0


def _forecast_by(args: argparse.Namespace, dataset: Any, settings: Any) -> int:
    """Every series of the split forecast, the chosen family of each (the global one among them)."""
    from analytics.forecast.many import forecast_many
    from analytics.parallel import shutdown

    dimensions = [d.strip() for d in args.by.split(",") if d.strip()]
    try:
        batch = forecast_many(dataset.frame, dataset.mapping, args.metric, dimensions, settings)
    finally:
        shutdown()
    emit(batch, args.json, _many_text, lambda found: found.to_dict())
    return 0


def _many_text(batch: Any) -> str:
    rows = batch.to_dict()["series"]
    lines = [f"{batch.metric} ({batch.frequency}), {len(rows) - 1} series and the total"]
    for row in rows:
        mase = "-" if row.get("mase") is None else f"{row['mase']:.3f}"
        lines.append(f"  {row['series']}: {row.get('model') or row['message']}, MASE {mase}")
    return "\n".join(lines)


def _forecast_json(result: ForecastResult) -> dict[str, Any]:
    data = result.to_dict()
    data["forecast"] = [select_fields(p, FORECAST_POINT_FIELDS) for p in data["forecast"]]
    if data["backtest"] is not None:
        data["backtest"] = select_fields(data["backtest"], FORECAST_BACKTEST_FIELDS)
    return select_fields(data, FORECAST_FIELDS)


def _forecast_text(result: ForecastResult) -> str:
    from analytics.forecast.many import model_name

    card, backtest = result.card, result.backtest
    model = "seasonal naive"
    if card.method == "sarimax":
        model = (
            f"ARIMA{tuple(card.order)}{tuple(card.seasonal_order)}"
            + (", log" if card.log else "")
            + (f", {card.fourier_terms} yearly Fourier pairs" if card.fourier_terms else "")
            + f", AIC {card.aic:,.1f}"
        )
    lines = [f"{result.metric} ({result.frequency}): {model_name(result)}"]
    if result.model == "arima":
        lines[0] += f" [{model}]"
    lines += [
        f"  candidate {c.label}: backtest MASE {'-' if c.mase is None else f'{c.mase:.3f}'}"
        for c in result.candidates
    ]
    lines.append("date        mean  (95% interval)")
    lines += [
        f"{date:%Y-%m-%d}  {row['mean']:,.1f}  ({row['lo95']:,.1f} to {row['hi95']:,.1f})"
        for date, row in result.forecast.iterrows()
    ]
    if backtest is not None:
        mase = "-" if backtest.mase is None else f"{backtest.mase:.2f}"
        lines.append(
            f"backtest ({backtest.points} points, {backtest.origins} cut-offs): MAE "
            f"{backtest.mae:,.1f}, MASE {mase}; seasonal naive MAE {backtest.naive_mae:,.1f}"
        )
    lines += [f"note: {note.message}" for note in result.notes]
    return "\n".join(lines)
