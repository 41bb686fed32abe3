"""statsforecast's AutoARIMA on the series bench/forecast.py writes, for the side-by-side in
bench/results.md. Runs in its own environment (statsforecast is not a LiftBoard dependency):

    /tmp/sfvenv/bin/python bench/statsforecast_arima.py SERIES.csv --horizon 28 [--exog]

SERIES.csv has unique_id, ds, y and the regressor columns. Prints one JSON object: the seconds
to fit and forecast every series from its full history, and per series the MASE of a forecast
of the last ``horizon`` points from the rest (scaled by the in-sample seasonal naive error,
season 7, as LiftBoard scores its own)."""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoARIMA

SEASON = 7


def run(data: pd.DataFrame, horizon: int, exog: bool, jobs: int) -> tuple[float, dict[str, float]]:
    columns = ["unique_id", "ds", "y"] + (
        [c for c in data.columns if c not in ("unique_id", "ds", "y")] if exog else []
    )
    data = data[columns]
    last = data.groupby("unique_id")["ds"].transform("max")
    cut = last - pd.Timedelta(days=horizon)
    train, test = data[data["ds"] <= cut], data[data["ds"] > cut]
    model = StatsForecast(models=[AutoARIMA(season_length=SEASON)], freq="D", n_jobs=jobs)
    future = test.drop(columns="y") if exog else None
    # Timed: selection, fit and forecast of every series, on all but the last `horizon` days.
    start = time.perf_counter()
    predicted = model.forecast(df=train, h=horizon, X_df=future)
    seconds = time.perf_counter() - start
    predicted = predicted.merge(test[["unique_id", "ds", "y"]], on=["unique_id", "ds"])
    mase = {}
    for key, rows in predicted.groupby("unique_id"):
        history = train.loc[train["unique_id"] == key, "y"].to_numpy(dtype=float)
        scale = np.mean(np.abs(history[SEASON:] - history[:-SEASON]))
        error = np.mean(np.abs(rows["y"].to_numpy() - rows["AutoARIMA"].to_numpy()))
        mase[str(key)] = float(error / scale)
    return seconds, mase


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--horizon", type=int, default=28)
    parser.add_argument("--exog", action="store_true")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    data = pd.read_csv(args.path, parse_dates=["ds"])
    seconds, mase = run(data, args.horizon, args.exog, args.jobs)
    print(json.dumps({"seconds": seconds, "series": len(mase), "mase": mase}))


if __name__ == "__main__":
    main()
