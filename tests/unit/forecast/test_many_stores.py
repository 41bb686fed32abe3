"""The 45-store weekly fixture (stores coded 1..45) forecast store by store: every store has a
model, a backtest better than the seasonal naive forecast's, and forecasts that match the
generator's next 13 weeks (same store levels and season, fresh noise)."""

from __future__ import annotations

import importlib.util
import math

import numpy as np
import pandas as pd
import pytest
from corpus import FIXTURES

from analytics.forecast.many import forecast_many
from analytics.forecast.results import ForecastResult, ForecastSettings
from analytics.ingest.load import load
from analytics.parallel import shutdown

SHAPES = FIXTURES / "shapes"
HORIZON = 13
STORES = [str(store) for store in range(1, 46)]


def _next_weeks() -> pd.DataFrame:
    """The generator run 13 weeks longer: the weeks after the fixture's last, per store."""
    spec = importlib.util.spec_from_file_location("make_shapes", SHAPES / "make_shapes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    longer = module.weekly_stores(weeks=120 + HORIZON)
    longer["Date"] = pd.to_datetime(longer["Date"], format="%d-%m-%Y")
    return longer[longer["Date"] > "2023-05-19"]


@pytest.fixture(scope="module")
def run():
    """The batch and every progress report it made."""
    dataset = load(SHAPES / "weekly_stores.csv")
    assert dataset.mapping.roles["Store"] == "dimension"
    calls = []
    result = forecast_many(
        dataset.frame,
        dataset.mapping,
        "Weekly_Sales",
        ("Store",),
        ForecastSettings(HORIZON),
        lambda *args: calls.append(args),
    )
    yield result, calls
    shutdown()


@pytest.fixture(scope="module")
def batch(run):
    return run[0]


def test_progress_counts_the_global_fits_then_the_series(run) -> None:
    calls = run[1]
    fitting = [call for call in calls if call[2:] == ("global",)]
    series = [call for call in calls if len(call) == 2]
    assert calls[: len(fitting)] == fitting  # the global model is fitted first
    assert [done for done, _, _ in fitting] == list(range(6))  # four cut-offs and the final fit
    assert {total for _, total, _ in fitting} == {5}
    assert series[-1] == (46, 46)  # 45 stores and the total


def test_every_store_has_a_model_and_a_sane_backtest(batch) -> None:
    assert sorted(batch.results, key=int) == STORES
    assert list(batch.results) == STORES  # store codes in numeric order: 1, 2, ... 10, not 1, 10
    assert batch.frequency == "W"
    for label, result in batch.results.items():
        assert isinstance(result, ForecastResult), (label, result)
        assert len(result.forecast) == HORIZON
        assert (result.forecast["mean"] > 0).all() and (result.forecast["lo95"] > 0).all()
        backtest = result.backtest
        assert backtest is not None and math.isfinite(backtest.mase), label
        assert 0 < backtest.mase < 1.5 and backtest.mape < 0.08, (label, backtest.to_dict())
    # measured: all 45 stores beat the seasonal naive forecast, MASE 0.47-1.10
    assert batch.beats_naive >= 40 and batch.backtested == 45
    table = batch.table()
    assert table["mase"].notna().all() and len(table) == 46


def test_forecasts_match_each_stores_next_weeks(batch) -> None:
    future = _next_weeks()
    totals, weekly = [], []
    for label, result in batch.results.items():
        forecast = result.forecast["mean"]
        actual = future[future["Store"] == int(label)].set_index("Date")["Weekly_Sales"]
        actual = actual.reindex(forecast.index)
        assert actual.notna().all()
        totals.append(forecast.sum() / actual.sum() - 1)
        weekly.append(np.mean(np.abs(forecast / actual - 1)))
    # measured: 13-week totals within 3.3% for every store, weekly errors 2.3-5.3% (noise 4%)
    assert np.max(np.abs(totals)) < 0.05
    assert np.max(weekly) < 0.07 and np.median(weekly) < 0.045
