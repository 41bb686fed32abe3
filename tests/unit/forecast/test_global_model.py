"""The global gradient-boosting candidate on a generated stores × items set where every series
has little history (16 weeks of days) and all share a planted promotion lift
(tests/promotion_panel.py): pooled, the global model beats the per-series families on most
series and recovers the lift better."""

from __future__ import annotations

import json
import time

import numpy as np
import pandas as pd
import pytest

from analytics.cli.main import main
from analytics.forecast.choice import COMBINATION
from analytics.forecast.global_model import global_forecasts, pooled_candidates
from analytics.forecast.many import ManyForecasts
from analytics.forecast.results import ForecastResult, ForecastSettings
from analytics.forecast.series import GLOBAL, forecast_series
from tests.promotion_panel import LIFT, panel_table, promotion_panel

HORIZON = 14
SETTINGS = ForecastSettings(HORIZON, festivals=False)


def _lift(errors: pd.DataFrame, promo: pd.DataFrame) -> float:
    """The lift the backtest forecasts carry: promotion days' mean forecast over the others'."""
    on = promo["promo_flag"].reindex(errors.index).to_numpy() > 0
    ratio = errors["forecast"] / errors["scale"]
    return float(ratio[on].mean() / ratio[~on].mean() - 1)


@pytest.fixture(scope="module")
def outcome():
    panel = promotion_panel()
    per_series = {
        label: forecast_series(y, "D", SETTINGS, promotions=promo)
        for label, (y, promo) in panel.items()
    }
    started = time.perf_counter()
    found = global_forecasts(panel, "D", SETTINGS)
    seconds = time.perf_counter() - started
    pooled = pooled_candidates(panel, "D", SETTINGS)
    chosen = {
        label: forecast_series(y, "D", SETTINGS, promotions=promo, pooled=pooled[label])
        for label, (y, promo) in panel.items()
    }
    return panel, per_series, found, chosen, seconds


def test_one_fit_per_cutoff_and_fast(outcome) -> None:
    _, _, found, _, seconds = outcome
    assert found.fits == 5  # 4 shared cut-offs and the final fit, for 12 series
    assert seconds < 20, seconds
    assert found.model.series == 12 and found.model.lags == tuple(range(14, 21))
    assert found.model.calendar == ("weekday", "week", "month")
    assert "promo_flag" in found.model.known


def test_global_wins_most_series_alone_or_in_the_combination(outcome) -> None:
    _, per_series, _, chosen, _ = outcome
    wins = [label for label, r in chosen.items() if GLOBAL in (r.members or (r.model,))]
    assert len(wins) >= 9, {k: [(c.name, c.mase) for c in r.candidates] for k, r in chosen.items()}
    for label in wins:
        result = chosen[label]
        assert isinstance(result, ForecastResult)
        names = [c.name for c in result.candidates]
        assert names[0] in (GLOBAL, COMBINATION) and "arima" in names
        assert result.model in (GLOBAL, COMBINATION) and result.pooled.series == 12
        assert result.backtest.mase < per_series[label].backtest.mase
        assert len(result.forecast) == HORIZON and (result.forecast["lo95"] >= 0).all()
        assert (result.forecast["lo95"] <= result.forecast["hi95"]).all()
    many = ManyForecasts("y", ("series",), "D", HORIZON, "-", chosen, {k: (k,) for k in chosen})
    rows = many.to_dict()["series"]
    families = [row["family"] for row in rows[:-1]]
    assert families == [r.model for r in chosen.values()]
    assert all(GLOBAL in [c["name"] for c in row["candidates"]] for row in rows[:-1])


def test_global_recovers_the_lift_better(outcome) -> None:
    panel, per_series, found, _, _ = outcome
    global_gap, own_gap = [], []
    for label, (_, promo) in panel.items():
        global_gap.append(abs(_lift(found.backtests[label].errors, promo) - LIFT))
        own_gap.append(abs(_lift(per_series[label].backtest.errors, promo) - LIFT))
    assert np.mean(global_gap) < np.mean(own_gap), (global_gap, own_gap)
    assert np.mean(global_gap) < 0.15, global_gap


def test_forecast_by_a_split_on_the_command_line(tmp_path, capsys) -> None:
    """`forecast --by store,item --json`: every series' family and candidates, GBM among them;
    an unknown dimension exits 2 with one line."""
    path = tmp_path / "panel.csv"
    panel_table(promotion_panel(2, 2)).to_csv(path, index=False)
    argv = ["forecast", str(path), "--metric", "units", "--horizon", str(HORIZON)]
    assert main([*argv, "--by", "store,item", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    series = found["series"]
    assert [row["series"] for row in series] == [
        "S1 · I1",
        "S1 · I2",
        "S2 · I1",
        "S2 · I2",
        "total",
    ]
    for row in series[:-1]:
        assert GLOBAL in [c["name"] for c in row["candidates"]]
        assert row["global_model"]["series"] == 4 and row["global_model"]["lags"][0] == HORIZON
        assert "promo_flag" in row["global_model"]["known"]
        assert row["family"] == min(row["candidates"], key=lambda c: c["mase"])["name"] or (
            row["family"] == "combination"
        )
    assert main([*argv, "--by", "colour"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
