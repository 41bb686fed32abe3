"""statsforecast's AutoARIMA, AutoETS, AutoTheta and seasonal naive on the series that
bench/forecast_accuracy.py writes, from the same cut-offs, for the side-by-side in
bench/results.md. Runs in its own environment (statsforecast is not a LiftBoard dependency):

    /tmp/sfvenv/bin/python bench/statsforecast_methods.py SERIES.csv OUT.csv --freq W \
        --season 52 --horizon 13 --windows 3

SERIES.csv has unique_id, ds, y. OUT.csv gets one row per series, cut-off and forecast period
with each method's mean and 95% bounds; stdout gets one JSON object with each method's CPU
seconds (fit and forecast of every series and window, one job)."""

from __future__ import annotations

import argparse
import json
import time

import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoARIMA, AutoETS, AutoTheta, SeasonalNaive


def methods(season: int) -> list:
    return [
        AutoARIMA(season_length=season),
        AutoETS(season_length=season),
        AutoTheta(season_length=season),
        SeasonalNaive(season_length=season),
    ]


def run(data: pd.DataFrame, freq: str, season: int, horizon: int, windows: int):
    """Each method's rolling-origin forecasts (one window a horizon apart) and seconds."""
    frames, seconds = [], {}
    for model in methods(season):
        engine = StatsForecast(models=[model], freq=freq, n_jobs=1)
        start = time.process_time()
        found = engine.cross_validation(
            df=data, h=horizon, n_windows=windows, step_size=horizon, level=[95]
        )
        seconds[repr(model)] = time.process_time() - start
        frames.append(found.set_index(["unique_id", "ds", "cutoff", "y"]))
    return pd.concat(frames, axis=1).reset_index(), seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("out")
    parser.add_argument("--freq", default="W")
    parser.add_argument("--season", type=int, default=52)
    parser.add_argument("--horizon", type=int, default=13)
    parser.add_argument("--windows", type=int, default=1)
    args = parser.parse_args()
    data = pd.read_csv(args.path, parse_dates=["ds"])
    freq = {"W": pd.infer_freq(data["ds"].drop_duplicates().sort_values()[:10]) or "W"}.get(
        args.freq, args.freq
    )
    table, seconds = run(data, freq, args.season, args.horizon, args.windows)
    table.to_csv(args.out, index=False)
    print(json.dumps({"seconds": seconds, "series": int(data["unique_id"].nunique())}))


if __name__ == "__main__":
    main()
