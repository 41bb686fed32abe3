"""Drivers on every shape of file: a table without dates (rows as they are, shuffled K-fold, the
training mean as baseline, OLS that statsmodels reproduces, the planted advertising effects
recovered), outside metrics and flags as default features, keys and calendar columns never."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from corpus import fixture_path, load_fixture

from analytics.cli.main import main
from analytics.drivers.analysis import run_drivers
from analytics.drivers.candidates import suggest_features
from analytics.drivers.design import prepare
from analytics.drivers.models import BASELINE
from analytics.drivers.row_picker import find_row, numbered_row, row_label
from analytics.drivers.scoring import shuffled_folds
from analytics.drivers.settings import DriverSettings
from analytics.ingest.roles import CALENDAR, DATE, IGNORE, KEY_ROLES
from tests.fixtures.shapes.make_shapes import ADVERTISING_TRUTH

ADVERTISING = "shapes/advertising_by_market.csv"
STORES = "shapes/store_attributes.csv"
WEEKLY = "shapes/weekly_stores.csv"
NEVER_FEATURES = KEY_ROLES | {CALENDAR, DATE, IGNORE}


@pytest.fixture(scope="module")
def advertising():
    dataset = load_fixture(ADVERTISING)
    return run_drivers(dataset.frame, dataset.mapping, DriverSettings("sales"), parallel=False)


def test_a_table_without_dates_is_modelled_row_by_row_on_shuffled_folds(advertising) -> None:
    assert advertising.n_rows == 200 and advertising.n_dropped == 0
    assert advertising.validation.to_dict() == {"kind": "shuffled", "folds": 4, "seed": 0}
    assert advertising.baseline == "training_mean"
    assert advertising.frequency is None and advertising.ols.covariance == "hc1_rows"
    # The unnamed row-number column is an id: read by nothing, not even as a segment.
    assert advertising.chosen == ("TV", "radio", "newspaper")
    assert list(advertising.data.keys.columns) == ["row"]
    assert advertising.beats_baseline and advertising.best in ("ols", "lasso")
    json.dumps(advertising.to_dict())


def test_shuffled_folds_hold_every_row_out_once_and_do_not_follow_the_file_order() -> None:
    folds = shuffled_folds(200, 4, seed=0)
    held_out = np.concatenate([test for _, test in folds])
    assert sorted(held_out) == list(range(200))
    for train, test in folds:
        assert not set(train) & set(test) and len(train) + len(test) == 200
        assert not np.array_equal(test, np.arange(test[0], test[0] + len(test)))
    again = shuffled_folds(200, 4, seed=0)
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(folds, again, strict=True))


def test_the_baseline_is_the_mean_of_the_training_folds(advertising) -> None:
    sales = advertising.data.actual
    folds = shuffled_folds(len(sales), 4, seed=0)
    errors = np.concatenate([np.abs(sales[test] - sales[train].mean()) for train, test in folds])
    assert advertising.score(BASELINE).mae == pytest.approx(errors.mean(), rel=1e-12)


def test_ols_is_what_statsmodels_fits_on_the_same_rows(advertising) -> None:
    frame = load_fixture(ADVERTISING).frame
    columns = ["TV", "radio", "newspaper"]
    fit = sm.OLS(frame["sales"], sm.add_constant(frame[columns])).fit(cov_type="HC1")
    ours = {c.feature: c for c in advertising.coefficients}
    assert list(ours) == columns
    for name in columns:
        assert round(ours[name].coef, 4) == round(fit.params[name], 4)
        assert round(ours[name].se, 4) == round(fit.bse[name], 4)
    assert round(advertising.ols.intercept, 4) == round(fit.params["const"], 4)


def test_the_planted_advertising_effects_lie_in_their_intervals(advertising) -> None:
    ours = {c.feature: c for c in advertising.coefficients}
    for name in ("TV", "radio", "newspaper"):
        low, high = ours[name].ci
        assert low <= ADVERTISING_TRUTH[name] <= high, (name, ours[name])
    assert ours["TV"].p_value < 1e-6 and ours["radio"].p_value < 1e-6
    assert ours["newspaper"].p_value > 0.05
    effects = {f.params["feature"]: f.params for f in advertising.findings if f.kind == "effect"}
    assert effects["TV"]["step"] == 50 and effects["TV"]["dated"] is False
    assert effects["TV"]["effect"] == pytest.approx(50 * ours["TV"].coef)
    assert effects["TV"]["clear"] and not effects["newspaper"]["clear"]


def test_categories_are_one_hot_against_their_first_level_as_statsmodels_fits_them() -> None:
    dataset = load_fixture(STORES)
    frame = dataset.frame
    raw = pd.read_csv(fixture_path(STORES))["Urban"]
    assert set(zip(raw, frame["Urban"], strict=True)) == {("Yes", 1.0), ("No", 0.0)}
    settings = DriverSettings("revenue", features=("Urban", "region", "size_sqm"), models=("ols",))
    result = run_drivers(frame, dataset.mapping, settings, parallel=False)
    assert result.ols.references == {"region": "East"}
    regions = pd.get_dummies(frame["region"], prefix="region", prefix_sep="=", drop_first=True)
    design = sm.add_constant(pd.concat([frame[["Urban", "size_sqm"]], regions], axis=1))
    fit = sm.OLS(frame["revenue"], design.astype(float)).fit()
    ours = {c.feature: c.coef for c in result.coefficients}
    assert set(ours) == {"Urban", "size_sqm", "region=North", "region=South", "region=West"}
    for name, coef in ours.items():
        assert round(coef, 4) == round(fit.params[name], 4), name
    assert round(result.ols.intercept, 4) == round(fit.params["const"], 4)


def test_rows_without_dates_are_found_by_their_number_in_the_table() -> None:
    dataset = load_fixture(STORES)
    regions = dataset.frame["region"]
    where = (("region", ("East", "North", "South")),)
    data = prepare(dataset.frame, dataset.mapping, DriverSettings("revenue", where=where))
    first = int(np.flatnonzero(regions != "West")[0]) + 1
    assert numbered_row(data, first) == 0
    assert row_label(data, 0) == (str(first), (regions.iloc[first - 1],))
    assert find_row(data, str(first), (regions.iloc[first - 1],)) == 0
    west = int(np.flatnonzero(regions == "West")[0]) + 1
    assert numbered_row(data, west) is None and find_row(data, "x", ("North",)) is None


def test_outside_metrics_and_flags_are_default_features_of_weekly_sales() -> None:
    dataset = load_fixture(WEEKLY)
    found = {c.name: c for c in suggest_features(dataset.frame, dataset.mapping, "Weekly_Sales")}
    for name in ("Holiday_Flag", "Temperature", "CPI"):
        assert found[name].default and found[name].leakage is None, found[name]
    assert found["Holiday_Flag"].source == "flag" and found["Temperature"].source == "metric"
    assert found["Store"].source == "dimension" and found["Store"].default


def test_funnel_metrics_stay_flagged_and_other_metrics_are_suggested() -> None:
    dataset = load_fixture(WEEKLY)
    frame = dataset.frame.assign(visits=dataset.frame["Weekly_Sales"] / 40.0)
    roles = {**dataset.mapping.roles, "visits": "metric"}
    mapping = type(dataset.mapping)(roles, dataset.mapping.outcome)
    found = {c.name: c for c in suggest_features(frame, mapping, "Weekly_Sales")}
    assert found["visits"].leakage == "same_quantity" and not found["visits"].default
    # Visits that convert very differently from week to week: not one for one with sales, but
    # still the same funnel, named as such.
    conversion = np.random.default_rng(3).lognormal(0.0, 1.0, len(frame))
    noisy = frame.assign(visits=frame["Weekly_Sales"] / 40.0 * conversion)
    found = {c.name: c for c in suggest_features(noisy, mapping, "Weekly_Sales")}
    assert abs(found["visits"].correlation) < 0.9
    assert found["visits"].leakage == "funnel_stage" and not found["visits"].default
    assert found["Temperature"].default and found["CPI"].default


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("weekly_stores.csv", "Weekly_Sales"),
        ("daily_calendar_columns.csv", "sales"),
        ("tickets.csv", "amount"),
        ("order_lines.csv", "line_amount"),
        ("ab_test_users.csv", "revenue"),
        ("store_attributes.csv", "revenue"),
        ("advertising_by_market.csv", "sales"),
    ],
)
def test_keys_dates_and_calendar_columns_are_never_features(name: str, target: str) -> None:
    """Not offered, and not read into the design even when every candidate is chosen (the
    weekday and month parts come from the date column, whatever the file's own columns say)."""
    dataset = load_fixture(f"shapes/{name}")
    never = {c for c, role in dataset.mapping.roles.items() if role in NEVER_FEATURES}
    offered = suggest_features(dataset.frame, dataset.mapping, target)
    everything = tuple(c.name for c in offered)
    data = prepare(dataset.frame, dataset.mapping, DriverSettings(target, features=everything))
    from_columns = {
        group
        for group, source in zip(data.groups, data.sources, strict=True)
        if source not in ("weekday", "month")
    }
    assert from_columns and not never & from_columns, (never, from_columns)


def test_the_file_s_own_month_column_gives_way_to_the_month_of_the_date() -> None:
    dataset = load_fixture("shapes/daily_calendar_columns.csv")
    data = prepare(dataset.frame, dataset.mapping, DriverSettings("sales"))
    assert {"weekday=Sat", "month=Dec"} <= set(data.features)
    assert "quarter" not in data.groups and "year" not in data.groups


def test_with_dates_nothing_changes() -> None:
    dataset = load_fixture(WEEKLY)
    settings = DriverSettings("Weekly_Sales", models=("ols",))
    result = run_drivers(dataset.frame, dataset.mapping, settings, parallel=False)
    assert result.validation.kind == "time_ordered" and result.validation.seed is None
    assert result.baseline == "segment_mean" and result.ols.covariance == "cluster_date"
    assert {"Holiday_Flag", "Temperature", "CPI"} <= set(result.chosen)


def test_cli_drivers_on_a_file_without_dates(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(fixture_path(ADVERTISING))
    assert main(["drivers", path, "--target", "sales", "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    data = json.loads(captured.out)
    assert data["validation"] == {"kind": "shuffled", "folds": 4, "seed": 0}
    assert data["baseline"] == "training_mean" and data["n_rows"] == 200
    tv = next(c for c in data["coefficients"] if c["feature"] == "TV")
    assert tv["ci"][0] <= ADVERTISING_TRUTH["TV"] <= tv["ci"][1]
    assert main(["drivers", path, "--target", "sales", "--models", "ols"]) == 0
    text = capsys.readouterr().out
    assert "4 shuffled folds, seed 0" in text and "the mean of the training folds" in text
