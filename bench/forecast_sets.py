"""The series bench/forecast_accuracy.py forecasts: the sample's revenue segments, the weekly
files in ../shared/data, and a generated stores × items set with prices and promotions known
in advance (its planted price elasticity and promotion lift are in GENERATED_TRUTH)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analytics.forecast.metric import metric_inputs
from analytics.forecast.results import ForecastSettings
from analytics.ingest.load import load

ROOT = Path(__file__).resolve().parents[1]
# ../shared/data beside the project (one level further up from a worktree under a folder).
SHARED = next(
    (
        p
        for p in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data")
        if p.is_dir()
    ),
    ROOT.parent / "shared" / "data",
)
SHARED_FILES = (
    ("Robyn revenue", "robyn_simulated_weekly.csv", "DATE", "revenue"),
    ("Meridian conversions", "meridian_national_all_channels.csv", "time", "conversions"),
    ("PyMC-Marketing sales", "pymc_marketing_case_study.csv", "wk_strt_dt", "sales"),
)
GENERATED_TRUTH = {"elasticity": -1.8, "promotion_lift": 0.35, "stores": 4, "items": 3}
WEEKS = 156


def sample_set():
    """The sample's daily revenue: the total and each region × category, with its promotions."""
    from forecast_accuracy import BenchSet

    sample = load(ROOT / "sample_data" / "sales_daily.csv")
    frame, mapping = sample.frame, sample.mapping
    wheres = [{}] + [
        {"region": (region,), "category": (category,)}
        for region, category in frame[["region", "category"]].drop_duplicates().itertuples(False)
    ]
    series = {}
    for where in wheres:
        y, _, promotions = metric_inputs(frame, mapping, "revenue", where, ForecastSettings(28))
        key = " · ".join(v[0] for v in where.values()) or "total"
        series[key] = (y, promotions)
    split = tuple(key for key in series if key != "total")
    return BenchSet("(a) the sample's daily revenue", "D", 7, 28, 1, series, split)


def shared_set():
    """The weekly revenue or KPI series of the third-party files, without regressors; each file
    forecast on its own (nothing pools series from separate files)."""
    from forecast_accuracy import BenchSet

    series = {}
    for name, file, date, column in SHARED_FILES:
        data = pd.read_csv(SHARED / file, parse_dates=[date])
        y = pd.Series(data[column].to_numpy(dtype=float), index=pd.DatetimeIndex(data[date]))
        series[name] = (y.rename_axis("date"), None)
    return BenchSet("(b) weekly third-party files", "W", 52, 13, 3, series)


def generated_weekly(seed: int = 21) -> dict[str, tuple[pd.Series, pd.DataFrame]]:
    """Stores × items, 156 weeks: level × trend × yearly season × price^elasticity × promotion
    lift × lognormal noise. Prices step between list prices and drop 10-30% in promotion
    weeks; the price, discount and promotion flag of every week are known in advance."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-02", periods=WEEKS, freq="W-SUN", name="date")
    t = np.arange(WEEKS)
    series = {}
    for store in range(GENERATED_TRUTH["stores"]):
        for item in range(GENERATED_TRUTH["items"]):
            level = rng.lognormal(5.0, 0.6)
            season = 1 + rng.uniform(0.1, 0.4) * np.sin(2 * np.pi * (t / 52.18 + rng.uniform()))
            trend = np.exp(rng.normal(0, 0.002) * t)
            list_price = (
                rng.uniform(5, 50)
                * np.repeat(rng.choice([0.9, 1.0, 1.1], size=WEEKS // 26 + 1), 26)[:WEEKS]
            )
            promo = (rng.uniform(size=WEEKS) < 0.15).astype(float)
            discount = promo * rng.uniform(0.1, 0.3, WEEKS)
            price = list_price * (1 - discount)
            relative = price / list_price.mean()
            noise = rng.lognormal(0, 0.08, WEEKS)
            units = (
                level
                * season
                * trend
                * relative ** GENERATED_TRUTH["elasticity"]
                * (1 + GENERATED_TRUTH["promotion_lift"] * promo)
                * noise
            )
            key = f"S{store + 1:02d}·I{item + 1:02d}"
            # The price on the log scale, as promotion_history gives it to the model.
            regressors = pd.DataFrame(
                {"price": np.log(price), "discount": discount, "promo_flag": promo}, index=dates
            )
            series[key] = (pd.Series(units, index=dates), regressors)
    return series


def generated_set():
    """The generated stores × items with their regressors known in advance, 13-week holdout."""
    from forecast_accuracy import BenchSet

    series = generated_weekly()
    return BenchSet(
        "(c) generated stores × items, promotions and prices known in advance",
        "W",
        52,
        13,
        1,
        series,
        tuple(series),
    )
