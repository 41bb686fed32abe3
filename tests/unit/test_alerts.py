"""Alerts after an import: a planted outlier week outside the forecast band is flagged and a
normal week is not; stock on hand below the lead time's demand is flagged, ample stock is not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics import alerts, imports
from analytics.ingest.load import load
from analytics.ingest.profiles import profile
from analytics.ingest.reading import read_table
from analytics.workspace import Workspace
from tests.alert_data import WEEKS, planned_weeks, weekly_sales


def appended(ws: Workspace, tmp_path: Path, whole: pd.DataFrame, new_weeks: int) -> str:
    """Save all but the last ``new_weeks`` rows, then append those as a newer export."""
    whole.iloc[:-new_weeks].to_csv(tmp_path / "base.csv", index=False)
    whole.iloc[-new_weeks:].to_csv(tmp_path / "newer.csv", index=False)
    info = ws.save(load(tmp_path / "base.csv"), "weekly")
    raw = read_table(tmp_path / "newer.csv")
    imports.append(ws, info.id, imports.fit_export(info, raw, profile(raw)))
    return info.id


@pytest.fixture
def ws(open_ws) -> Workspace:
    """A workspace on each backend (DuckDB file, PostgreSQL schema)."""
    return open_ws()


def test_a_normal_week_raises_no_alert(ws: Workspace, tmp_path: Path) -> None:
    dataset_id = appended(ws, tmp_path, weekly_sales(WEEKS), 2)
    assert alerts.import_alerts(ws, dataset_id) == ()


def test_a_planted_outlier_week_is_outside_the_band(ws: Workspace, tmp_path: Path) -> None:
    whole = weekly_sales(WEEKS)
    whole.loc[WEEKS - 1, "revenue"] = 1800.0  # some 600 above the trend, 20 standard deviations
    dataset_id = appended(ws, tmp_path, whole, 2)
    (alert,) = alerts.import_alerts(ws, dataset_id)
    assert alert.code == alerts.OUTCOME_OUTSIDE_BAND
    assert alert.params["date"] == whole.loc[WEEKS - 1, "date"]
    assert (alert.params["periods"], alert.params["checked"]) == (1, 2)
    assert alert.params["actual"] == 1800.0 and alert.params["high"] < 1400
    assert alert.to_dict()["code"] == alerts.OUTCOME_OUTSIDE_BAND


def test_a_save_without_imports_checks_no_band(ws: Workspace, tmp_path: Path) -> None:
    weekly_sales(WEEKS).to_csv(tmp_path / "base.csv", index=False)
    info = ws.save(load(tmp_path / "base.csv"), "weekly")
    assert alerts.import_alerts(ws, info.id) == ()


def daily_stock(stock_left: float) -> pd.DataFrame:
    """Daily units around 100 and a stock column falling to ``stock_left`` on the last day."""
    rng = np.random.default_rng(5)
    days = 120
    units = rng.poisson(100, days)
    stock = np.linspace(20000, stock_left, days).round()
    dates = pd.date_range("2024-01-01", periods=days, freq="D").strftime("%Y-%m-%d")
    return pd.DataFrame({"date": dates, "units": units, "stock_on_hand": stock})


@pytest.mark.parametrize(("left", "raised"), [(250.0, True), (5000.0, False)])
def test_stock_below_the_lead_time(
    ws: Workspace, tmp_path: Path, left: float, raised: bool
) -> None:
    daily_stock(left).to_csv(tmp_path / "stock.csv", index=False)
    info = ws.save(load(tmp_path / "stock.csv"), "stock")
    assert alerts.stock_column(info) == "stock_on_hand"
    found = alerts.import_alerts(ws, info.id)
    if not raised:
        assert found == ()
        return
    (alert,) = found
    assert alert.code == alerts.STOCK_BELOW_LEAD_TIME
    assert alert.params["stock"] == 250.0 and alert.params["lead_time_days"] == 7.0
    assert 1.5 < alert.params["days_of_cover"] < 3.5  # 250 units at about 100 a day


@pytest.mark.parametrize(("spent", "raised"), [(150.0, True), (102.0, False)])
def test_spend_above_its_plan(ws: Workspace, tmp_path: Path, spent: float, raised: bool) -> None:
    base, newer = planned_weeks(spent)
    base.to_csv(tmp_path / "base.csv", index=False)
    newer.to_csv(tmp_path / "newer.csv", index=False)
    info = ws.save(load(tmp_path / "base.csv"), "planned")
    raw = read_table(tmp_path / "newer.csv")
    imports.append(ws, info.id, imports.fit_export(info, raw, profile(raw)))
    found = [a for a in alerts.import_alerts(ws, info.id) if a.code == alerts.SPEND_ABOVE_PLAN]
    if not raised:
        assert found == []
        return
    (alert,) = found
    assert (alert.params["planned"], alert.params["actual"]) == (400.0, 600.0)
    assert alert.params["over"] == pytest.approx(0.5)
    assert (alert.params["start"], alert.params["end"]) == (
        newer["date"].iloc[0],
        newer["date"].iloc[-1],
    )


def test_without_a_plan_spend_is_not_checked(ws: Workspace, tmp_path: Path) -> None:
    whole = weekly_sales(WEEKS)
    whole["spend"] = 100.0
    whole.loc[WEEKS - 2 :, "spend"] = 900.0
    dataset_id = appended(ws, tmp_path, whole, 2)
    assert [a.code for a in alerts.import_alerts(ws, dataset_id)] == []
