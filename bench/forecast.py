"""Forecast speed: one daily two-year series with festival and promotion regressors and
automatic order selection (target under 5 s); 200 such series in worker processes (target under
2 minutes on two cores); next to a plain loop over fixed-order SARIMAX fitted by maximum
likelihood, and statsforecast's AutoARIMA when it is installed (it is not a dependency).

Run: .venv/bin/python bench/forecast.py [--series 200] [--loop 20]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results_file import replace_section  # noqa: E402

from analytics.calendar import festival_regressors  # noqa: E402
from analytics.forecast import (  # noqa: E402
    ForecastSettings,
    forecast_metric,
    fourier_terms,
    future_index,
    promotion_history,
)
from analytics.forecast_many import forecast_many  # noqa: E402
from analytics.ingest import load  # noqa: E402
from analytics.parallel import shutdown, worker_count  # noqa: E402
from analytics.roles import Mapping  # noqa: E402

HEADING = "## Forecast speed (bench/forecast.py)"
HORIZON = 28
SEED = 5


def single_series(repeats: int) -> dict[str, object]:
    """The sample's total revenue: selection and forecast alone, then with 4 backtests."""
    sample = load(ROOT / "sample_data" / "sales_daily.csv")
    timings = {}
    result = None
    for label, origins in (("fit", 0), ("with_backtest", 4)):
        settings = ForecastSettings(HORIZON, origins=origins)
        forecast_metric(sample.frame, sample.mapping, "revenue", {}, settings)  # warm-up
        seconds = []
        for _ in range(repeats):
            start = time.perf_counter()
            result = forecast_metric(sample.frame, sample.mapping, "revenue", {}, settings)
            seconds.append(time.perf_counter() - start)
        timings[label] = statistics.median(seconds)
    card = result.card
    return {**timings, "card": card, "backtest": result.backtest}


def bootstrapped_stores(count: int) -> tuple[pd.DataFrame, Mapping]:
    """``count`` stores, each one of the sample's 12 segments at its own level with its own
    daily noise: the promotions, festivals and seasonality stay those of the sample."""
    sample = load(ROOT / "sample_data" / "sales_daily.csv").frame
    rng = np.random.default_rng(SEED)
    segments = [rows for _, rows in sample.groupby(["region", "category"], sort=True)]
    stores = []
    for number in range(count):
        rows = segments[number % len(segments)]
        level = rng.lognormal(0.0, 0.5)
        noise = rng.lognormal(-(0.05**2) / 2, 0.05, len(rows))
        stores.append(
            pd.DataFrame(
                {
                    "date": rows["date"].to_numpy(),
                    "store": f"S{number + 1:03d}",
                    "revenue": rows["revenue"].to_numpy() * level * noise,
                    "discount": rows["discount"].to_numpy(),
                    "promo_flag": rows["promo_flag"].to_numpy(),
                    "campaign": rows["campaign"].to_numpy(),
                }
            )
        )
    roles = {
        "date": "date",
        "store": "dimension",
        "revenue": "metric",
        "discount": "discount",
        "promo_flag": "promo_flag",
        "campaign": "campaign",
    }
    return pd.concat(stores, ignore_index=True), Mapping(roles, outcome="revenue")


def many_series(frame: pd.DataFrame, mapping: Mapping) -> dict[str, object]:
    start = time.perf_counter()
    batch = forecast_many(frame, mapping, "revenue", ("store",), ForecastSettings(HORIZON))
    seconds = time.perf_counter() - start
    mases = [r.backtest.mase for r in batch.modelled if r.backtest]
    shutdown()
    return {
        "seconds": seconds,
        "series": len(batch.results),
        "beats": batch.beats_naive,
        "backtested": batch.backtested,
        "median_mase": float(np.median(mases)),
    }


def fixed_order_loop(frame: pd.DataFrame, mapping: Mapping, count: int) -> float:
    """Seconds per series for SARIMAX(1,0,1)(0,1,1)7 on the log with the same regressors and
    two yearly Fourier pairs, fitted by maximum likelihood (statsmodels' defaults), then a
    28-day forecast; no order search, no backtest."""
    from statsmodels.tsa.statespace.sarimax import SARIMAX
    from threadpoolctl import threadpool_limits

    seconds = []
    for store in sorted(frame["store"].unique())[:count]:
        rows = frame[frame["store"] == store]
        series = rows.groupby("date")["revenue"].sum()
        future = future_index(series.index, "D", HORIZON)
        both = series.index.append(future)
        promotions = promotion_history(rows, mapping, {}, series.index)
        design = pd.concat(
            [
                festival_regressors(both, "D"),
                fourier_terms(both, "D", 2),
                promotions.reindex(both, fill_value=0.0),
            ],
            axis=1,
        ).fillna(0.0)
        start = time.perf_counter()
        # One BLAS thread, as LiftBoard's own fits use: more threads only contend here.
        with warnings.catch_warnings(), threadpool_limits(1):
            warnings.simplefilter("ignore")
            model = SARIMAX(
                np.log(series.to_numpy()),
                exog=design.loc[series.index].to_numpy(),
                order=(1, 0, 1),
                seasonal_order=(0, 1, 1, 7),
                trend="c",
            )
            fit = model.fit(disp=False)
            fit.get_forecast(HORIZON, exog=design.loc[future].to_numpy()).conf_int()
        seconds.append(time.perf_counter() - start)
    return float(np.mean(seconds))


def statsforecast_line(frame: pd.DataFrame) -> str:
    if importlib.util.find_spec("statsforecast") is None:
        return (
            "statsforecast's AutoARIMA: not installed here (it is not a dependency of "
            "LiftBoard), so not measured."
        )
    from statsforecast import StatsForecast
    from statsforecast.models import AutoARIMA

    data = frame.rename(columns={"store": "unique_id", "date": "ds", "revenue": "y"})
    data = data[["unique_id", "ds", "y"]]
    start = time.perf_counter()
    StatsForecast(models=[AutoARIMA(season_length=7)], freq="D", n_jobs=-1).forecast(
        df=data, h=HORIZON
    )
    seconds = time.perf_counter() - start
    return (
        f"statsforecast's AutoARIMA (season 7, no regressors, no backtest) on the same "
        f"{data['unique_id'].nunique()} series: {seconds:.1f} s."
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=200)
    parser.add_argument("--loop", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    single = single_series(args.repeats)
    print("single", single["fit"], single["with_backtest"], flush=True)
    frame, mapping = bootstrapped_stores(args.series)
    many = many_series(frame, mapping)
    print("many", many, flush=True)
    loop = fixed_order_loop(frame, mapping, args.loop)
    print("loop", loop, flush=True)
    other = statsforecast_line(frame)

    card, backtest = single["card"], single["backtest"]
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        HEADING,
        "",
        f"{platform.machine()}, {os.cpu_count()} cores, {worker_count()} worker processes; "
        f"measured while other jobs shared the machine (load average {load_average} at the "
        "end), so these are contended timings.",
        "",
        "| run | seconds | target |",
        "| --- | ---: | ---: |",
        f"| one daily series (sample total revenue, 731 days, 6 festival + 3 promotion "
        f"regressors): automatic selection, fit, {HORIZON}-day forecast; median of "
        f"{args.repeats} | {single['fit']:.2f} | < 5 |",
        f"| the same plus 4 rolling-origin backtests | {single['with_backtest']:.2f} | < 5 |",
        f"| {many['series']} daily series + their total, each with selection, forecast and 4 "
        f"backtests, in {worker_count()} worker processes (pool start included) "
        f"| {many['seconds']:.1f} | < 120 |",
        f"| plain loop, fixed-order SARIMAX by maximum likelihood, per series (mean of "
        f"{args.loop}; no search, no backtest) | {loop:.2f} | |",
        f"| the same loop for {many['series']} series, extrapolated from those {args.loop} "
        f"| {loop * many['series']:.0f} | |",
        "",
        f"The sample total's model: ARIMA{card.order}{card.seasonal_order}, log "
        f"{'yes' if card.log else 'no'}, {card.fourier_terms} yearly Fourier pair(s), "
        f"{card.models_tried} candidate models; rolling backtest MASE {backtest.mase:.2f}, MAE "
        f"{backtest.mae:,.0f} against the seasonal naive {backtest.naive_mae:,.0f}, 95% "
        f"interval coverage {backtest.coverage95:.0%}.",
        "",
        f"The {many['series']} bootstrapped stores (each one of the 12 sample segments at its "
        f"own level, with its own 5% daily noise): the model beats the seasonal naive forecast "
        f"for {many['beats']} of {many['backtested']}; median MASE {many['median_mase']:.2f}.",
        "",
        "Why it is fast: candidate models are fitted by conditional least squares with exact "
        "derivatives (milliseconds each, R's CSS), and statsmodels' SARIMAX is only evaluated "
        "at the chosen coefficients for the exact likelihood, forecasts and intervals; a "
        "maximum-likelihood fit spends most of its time on numerical gradients over the "
        "regressors' coefficients.",
        "",
        other,
        "",
    ]
    replace_section(HEADING, "\n".join(lines))


if __name__ == "__main__":
    main()
