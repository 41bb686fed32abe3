"""Forecasts against the seasonal naive benchmark and planted structure: the sample data, an
airline-style monthly series, weekly data, planned promotions, short series and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from corpus import ROOT
from corpus import SAMPLE_CSV as SAMPLE

from analytics.cli.main import main
from analytics.errors import UserInputError
from analytics.forecast.intervals import cumulative_sd
from analytics.forecast.many import TOTAL, forecast_many
from analytics.forecast.metric import forecast_metric, holdout_forecast
from analytics.forecast.plan import validate_plan
from analytics.forecast.results import ForecastSettings, PlannedPromotion
from analytics.forecast.series import forecast_series
from analytics.ingest.load import load
from analytics.ingest.roles import Mapping
from analytics.parallel import shutdown

CLI_FIELDS = {
    "metric", "frequency", "order", "seasonal_order", "aic", "forecast", "backtest",
    "model", "candidates", "regressors", "calibration",
}  # fmt: skip
BACKTEST_FIELDS = {"mae", "mape", "mase", "naive_mae", "naive_mape", "coverage80", "coverage95"}


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE)


@pytest.fixture(scope="module")
def segments(sample):
    """Revenue forecasts for every region × category and the total, in worker processes."""
    batch = forecast_many(
        sample.frame, sample.mapping, "revenue", ("region", "category"), ForecastSettings(28)
    )
    yield batch
    shutdown()


def airline_series(seed: int = 0, multiplicative: bool = True) -> pd.Series:
    """144 months: exponential trend × a yearly pattern × noise (additive when asked)."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2010-01-01", periods=144, freq="MS")
    t = np.arange(144)
    month = index.month.to_numpy()
    trend = 120 * np.exp(0.01 * t)
    shape = 0.25 * np.sin(2 * np.pi * (month - 4) / 12) + 0.08 * np.cos(4 * np.pi * month / 12)
    noise = rng.normal(0, 0.03, 144) + 0.3 * np.cumsum(rng.normal(0, 0.02, 144))
    if multiplicative:
        return pd.Series(trend * (1 + shape) * np.exp(noise), index=index)
    return pd.Series(trend + 120 * shape + 120 * noise, index=index)


def weekly_series(seed: int = 0) -> pd.Series:
    """Three years of weekly sales with a strong yearly swing (peak before Christmas)."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2022-01-03", periods=156, freq="7D")
    week = (index.day_of_year.to_numpy() - 1) / 7
    yearly = 0.3 * np.cos(2 * np.pi * (week - 50) / 52.18)
    noise = np.zeros(156)
    for i in range(1, 156):
        noise[i] = 0.5 * noise[i - 1] + rng.normal(0, 0.04)
    return pd.Series(5000 * np.exp(0.002 * np.arange(156) + yearly + noise), index=index)


# --- sample data: better than seasonal naive, honest intervals -----------------------------------


def test_total_beats_seasonal_naive_on_rolling_backtests(segments) -> None:
    total = segments.total.backtest
    assert total.origins == 4 and total.points == 4 * 28
    assert total.mase < 1
    assert total.mae < 0.6 * total.naive_mae
    assert segments.total.card.log  # the sample's seasonality is multiplicative


def test_most_segments_beat_seasonal_naive(segments) -> None:
    results = segments.modelled
    assert len(results) == 12
    below_one = [r for r in results if r.backtest.mase < 1]
    assert len(below_one) >= 10
    assert segments.beats_naive >= 10


def test_95_percent_intervals_cover_85_to_99_percent_of_held_out_points(segments) -> None:
    backtests = [r.backtest for r in [*segments.modelled, segments.total]]
    points = sum(b.points for b in backtests)
    covered95 = sum(b.coverage95 * b.points for b in backtests) / points
    covered80 = sum(b.coverage80 * b.points for b in backtests) / points
    assert points == 13 * 112
    assert 0.85 <= covered95 <= 0.99
    assert 0.70 <= covered80 < covered95


def test_residuals_of_the_total_look_like_noise(segments) -> None:
    card = segments.total.card
    assert card.residuals_white
    assert card.seasonal_order[3] == 7 and card.fourier_terms >= 1
    names = {c.name for c in card.coefficients}
    assert {"Double 11", "618", "discount", "campaign"} <= names


def test_accuracy_table_has_every_series_then_the_total(segments) -> None:
    table = segments.table()
    assert len(table) == 13
    assert table["series"].iloc[-1] == TOTAL
    assert set(table["region"].iloc[:-1]) == {"East", "North", "South", "West"}
    assert table["mase"].notna().all()
    assert table["forecast_total"].iloc[:-1].sum() == pytest.approx(
        table["forecast_total"].iloc[-1], rel=0.05
    )


def test_intervals_are_nested_and_the_mean_is_bias_adjusted_under_the_log(segments) -> None:
    forecast = segments.total.forecast
    assert (forecast["lo95"] <= forecast["lo80"]).all()
    assert (forecast["lo80"] < forecast["mean"]).all()
    assert (forecast["mean"] < forecast["hi80"]).all()
    assert (forecast["hi80"] <= forecast["hi95"]).all()
    # Under the log the bounds are symmetric around the median exp(mu): the mean lies above.
    median = np.sqrt(forecast["lo95"] * forecast["hi95"])
    assert (forecast["mean"] > median).all()
    assert (forecast["cum_sd"].diff().dropna() > 0).all()


# --- classic checks ----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_airline_series_gets_a_log_seasonal_model_that_beats_seasonal_naive(seed: int) -> None:
    series = airline_series(seed)
    train, test = series.iloc[:-12], series.iloc[-12:]
    result = forecast_series(train, "M", ForecastSettings(12, festivals=False))
    card = result.card
    assert card.log and any(n.code == "log" for n in result.notes)
    assert card.seasonal_order[3] == 12
    assert card.seasonal_order[1] + card.seasonal_order[0] + card.seasonal_order[2] >= 1
    model_mae = np.mean(np.abs(result.forecast["mean"].to_numpy() - test.to_numpy()))
    naive_mae = np.mean(np.abs(train.iloc[-12:].to_numpy() - test.to_numpy()))
    assert model_mae < 0.6 * naive_mae


def test_additive_seasonality_is_not_logged() -> None:
    result = forecast_series(airline_series(3, multiplicative=False), "M", ForecastSettings(12))
    assert not result.card.log
    assert result.card.log_slope < 0.5


def test_weekly_data_uses_yearly_fourier_terms_not_a_seasonal_order_of_52() -> None:
    series = weekly_series()
    train, test = series.iloc[:-13], series.iloc[-13:]
    result = forecast_series(train, "W", ForecastSettings(13, festivals=False))
    card = result.card
    assert card.seasonal_order == (0, 0, 0, 0)
    assert card.fourier_terms >= 1 and card.fourier_period == pytest.approx(52.18)
    assert any(c.kind == "fourier" for c in card.coefficients)
    model_mae = np.mean(np.abs(result.forecast["mean"].to_numpy() - test.to_numpy()))
    naive_mae = np.mean(np.abs(train.iloc[-52:-39].to_numpy() - test.to_numpy()))
    assert model_mae < naive_mae


# --- promotions ----------------------------------------------------------------------------------


def test_a_planned_promotion_raises_the_forecast_in_its_window(sample) -> None:
    plan = (
        PlannedPromotion(
            "New Year Sale", pd.Timestamp("2026-01-12"), pd.Timestamp("2026-01-18"), 0.2
        ),
    )
    base = forecast_metric(sample.frame, sample.mapping, "revenue", {}, ForecastSettings(28))
    planned = forecast_metric(
        sample.frame, sample.mapping, "revenue", {}, ForecastSettings(28, plan=plan)
    )
    ratio = planned.forecast["mean"] / base.forecast["mean"]
    inside = ratio.loc["2026-01-12":"2026-01-18"]
    # The generator plants revenue × 1/(1 - discount) = 1.25 for a 20% discount, plus the
    # campaign uplift (0 to 30%).
    assert inside.min() > 1.15 and inside.max() < 1.8
    assert ratio.loc[:"2026-01-11"].to_numpy() == pytest.approx(1.0, abs=1e-9)
    assert (ratio.loc["2026-01-19":] - 1).abs().max() < 0.05
    assert planned.plan == plan
    assert planned.card.order == base.card.order


def test_a_plan_without_promotion_history_is_left_out_and_said() -> None:
    series = pd.Series(
        100 + np.random.default_rng(0).normal(0, 5, 200),
        index=pd.date_range("2025-01-01", periods=200, freq="D"),
    )
    plan = (
        PlannedPromotion(
            "Sale",
            series.index[-1] + pd.Timedelta(days=2),
            series.index[-1] + pd.Timedelta(days=5),
            0.3,
        ),
    )
    result = forecast_series(series, "D", ForecastSettings(14, plan=plan))
    assert "plan_ignored" in {n.code for n in result.notes}


def test_plan_rows_are_checked_with_a_sentence_saying_what_to_change() -> None:
    last = pd.Timestamp("2025-12-31")
    rows = [
        {"name": "A", "start": "2026-01-05", "end": "2026-01-09", "discount": 0.1},
        {"name": "", "start": None, "end": None, "discount": None},
    ]
    plan = validate_plan(rows, last, "D", 28)
    assert plan == (
        PlannedPromotion("A", pd.Timestamp("2026-01-05"), pd.Timestamp("2026-01-09"), 0.1),
    )
    cases = {
        "plan_name": {"name": " ", "start": "2026-01-05", "end": "2026-01-09"},
        "plan_dates": {"name": "B", "start": "2026-01-05"},
        "plan_order": {"name": "B", "start": "2026-01-09", "end": "2026-01-05"},
        "plan_discount": {"name": "B", "start": "2026-01-05", "end": "2026-01-09", "discount": 1.5},
        "plan_outside": {"name": "B", "start": "2026-03-01", "end": "2026-03-09"},
    }
    for code, row in cases.items():
        with pytest.raises(UserInputError) as caught:
            validate_plan([row], last, "D", 28)
        assert caught.value.code == code
        assert "B" in str(caught.value) or code == "plan_name"


# --- short series and errors ----------------------------------------------------------------------


def test_too_short_series_falls_back_to_seasonal_naive_and_says_so() -> None:
    values = np.arange(40, dtype=float) % 7 * 10 + 100
    series = pd.Series(values, index=pd.date_range("2025-01-01", periods=40, freq="D"))
    result = forecast_series(series, "D", ForecastSettings(10))
    assert result.card.method == "seasonal_naive"
    assert result.card.seasonal_order == (0, 1, 0, 7)
    assert [n.code for n in result.notes] == ["too_short"]
    assert "seasonal naive" in result.notes[0].message
    expected = np.tile(values[-7:], 2)[:10]
    assert result.forecast["mean"].to_numpy() == pytest.approx(expected)
    assert result.backtest is not None and result.backtest.mae == result.backtest.naive_mae


def test_a_holdout_that_leaves_too_little_history_is_a_user_error() -> None:
    dates = pd.date_range("2025-01-01", periods=100, freq="D")
    frame = pd.DataFrame({"date": dates, "units": np.arange(100.0) + 50})
    mapping = Mapping({"date": "date", "units": "metric"}, outcome="units")
    with pytest.raises(UserInputError) as caught:
        holdout_forecast(frame, mapping, "units", {}, 60, ForecastSettings(60))
    assert caught.value.code == "holdout_too_long"
    assert "needs at least 116" in str(caught.value)


def test_cumulative_sd_of_white_noise_and_of_a_random_walk() -> None:
    k = np.arange(1, 6)
    white = cumulative_sd(np.r_[1.0, np.zeros(4)], np.ones(5), 4.0)
    walk = cumulative_sd(np.ones(5), np.ones(5), 1.0)
    assert white == pytest.approx(2 * np.sqrt(k))
    assert walk == pytest.approx(np.sqrt(k * (k + 1) * (2 * k + 1) / 6))


def test_horizon_outside_its_range_is_a_user_error() -> None:
    series = pd.Series(np.ones(100), index=pd.date_range("2025-01-01", periods=100, freq="D"))
    with pytest.raises(UserInputError, match="between 1 and 180 days"):
        forecast_series(series, "D", ForecastSettings(0))


# --- command line ---------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_json_holds_exactly_the_issue_fields(capsys) -> None:
    code, out, err = run(
        capsys, "forecast", str(SAMPLE), "--metric", "units", "--horizon", "14",
        "--where", "region=East", "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == CLI_FIELDS
    assert data["metric"] == "units" and data["frequency"] == "D"
    assert len(data["order"]) == 3 and len(data["seasonal_order"]) == 4
    assert data["seasonal_order"][3] == 7
    assert isinstance(data["aic"], float)
    assert len(data["forecast"]) == 14
    assert all(set(p) == {"date", "mean", "lo", "hi"} for p in data["forecast"])
    assert data["forecast"][0]["date"] == "2026-01-01"
    assert all(p["lo"] < p["mean"] < p["hi"] for p in data["forecast"])
    assert set(data["backtest"]) == BACKTEST_FIELDS
    assert data["backtest"]["mase"] < 1
    assert data["backtest"]["mae"] < data["backtest"]["naive_mae"]
    names = [c["name"] for c in data["candidates"]]
    assert {"arima", "ets", "theta", "seasonal_naive", "combination"} <= set(names)
    mases = [c["mase"] for c in data["candidates"]]
    assert mases == sorted(mases) and data["model"] == names[0]
    assert data["backtest"]["mase"] == pytest.approx(mases[0])
    assert {r["name"] for r in data["regressors"]} <= {
        "campaign",
        "discount",
        "promo_flag",
        "price",
    }


def test_cli_holdout_forecasts_the_last_points_and_scores_them_against_the_truth(
    capsys, sample
) -> None:
    code, out, err = run(
        capsys, "forecast", str(SAMPLE), "--metric", "units", "--horizon", "7",
        "--holdout", "21", "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == CLI_FIELDS
    truth = sample.frame.groupby("date")["units"].sum()
    held_out = truth.iloc[-21:]
    assert [p["date"] for p in data["forecast"]] == list(held_out.index.strftime("%Y-%m-%d"))
    mean = np.array([p["mean"] for p in data["forecast"]])
    backtest = data["backtest"]
    assert backtest["mae"] == pytest.approx(np.mean(np.abs(held_out.to_numpy() - mean)))
    assert backtest["mape"] == pytest.approx(
        np.mean(np.abs(held_out.to_numpy() - mean) / held_out.to_numpy())
    )
    naive = np.tile(truth.iloc[-28:-21].to_numpy(), 3)
    assert backtest["naive_mae"] == pytest.approx(np.mean(np.abs(held_out.to_numpy() - naive)))
    train = truth.iloc[:-21].to_numpy()
    scale = np.mean(np.abs(train[7:] - train[:-7]))
    assert backtest["mase"] == pytest.approx(backtest["mae"] / scale)
    assert backtest["mae"] < backtest["naive_mae"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--metric", "nope", "--horizon", "7"], "There is no metric column 'nope'"),
        (["--metric", "region", "--horizon", "7"], "'region' is not a number column"),
        (["--metric", "units", "--horizon", "0"], "The horizon must be between 1 and 180 days."),
        (["--metric", "units", "--horizon", "7", "--holdout", "700"], "holdout must be between 1"),
        (["--metric", "units", "--horizon", "7", "--where", "region=Mars"], "no value 'Mars'"),
        (["--metric", "units", "--horizon", "7", "--where", "region"], "COLUMN=VALUE"),
    ],
)
def test_cli_user_errors_exit_2_with_one_line(capsys, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "forecast", str(SAMPLE), *argv, "--json")
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err
    assert err.count("\n") == 1


def test_cli_text_output_names_the_model_and_the_backtest(capsys) -> None:
    code, out, _ = run(
        capsys, "forecast", str(SAMPLE), "--metric", "revenue", "--horizon", "7",
        "--where", "category=Home",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("revenue (D): ARIMA(")
    assert "backtest (28 points, 4 cut-offs)" in out
    assert out.count("\n2026-01-") == 7


def test_cli_as_a_process_prints_the_95_percent_bounds_and_exits_0_or_2(sample) -> None:
    """`python -m analytics forecast` in a real process: exit 0 with one JSON object whose
    lo and hi are the 95% bounds; a user error exits 2 with one line on stderr."""
    command = [sys.executable, "-m", "analytics", "forecast", str(SAMPLE), "--metric", "units"]
    done = subprocess.run(
        [*command, "--horizon", "7", "--where", "category=Home", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == [
        "metric", "frequency", "order", "seasonal_order", "aic", "forecast", "backtest",
        "model", "candidates", "regressors", "calibration",
    ]  # fmt: skip
    result = forecast_metric(
        sample.frame, sample.mapping, "units", {"category": ("Home",)}, ForecastSettings(7)
    )
    assert [p["lo"] for p in data["forecast"]] == pytest.approx(result.forecast["lo95"].tolist())
    assert [p["hi"] for p in data["forecast"]] == pytest.approx(result.forecast["hi95"].tolist())
    assert data["order"] == list(result.card.order)
    failed = subprocess.run(
        [*command, "--horizon", "999"], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr == "error: The horizon must be between 1 and 180 days.\n"


def test_many_series_jobs_hold_what_one_series_forecast_would_use(sample) -> None:
    """The data are split once for many series: each series and its promotion history must be
    exactly what the one-series path builds with that segment as the filter."""
    from analytics.forecast.many import _jobs, series_keys
    from analytics.forecast.metric import metric_inputs

    dimensions = ("region", "category")
    keys = series_keys(sample.frame, sample.mapping, dimensions)
    settings = ForecastSettings(28)
    jobs = _jobs(sample.frame, sample.mapping, "units", dimensions, keys, settings)
    assert [job.label for job in jobs[1:]] == [" · ".join(k) for k in keys]
    for job in jobs:
        series, frequency, promotions = metric_inputs(
            sample.frame, sample.mapping, "units", job.where, settings
        )
        pd.testing.assert_series_equal(job.series, series, check_freq=False)
        pd.testing.assert_frame_equal(job.promotions, promotions, check_freq=False)
        assert job.frequency == frequency == "D"


def test_cli_regressors_names_the_columns_known_in_advance(capsys) -> None:
    code, out, err = run(
        capsys, "forecast", str(SAMPLE), "--metric", "units", "--horizon", "14",
        "--where", "region=East", "--regressors", "price", "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [r["name"] for r in data["regressors"]] == ["price"]
    assert data["regressors"][0]["elasticity"] < 0  # dearer sells fewer
    code, out, err = run(
        capsys, "forecast", str(SAMPLE), "--metric", "units", "--horizon", "14",
        "--regressors", "region",
    )  # fmt: skip
    assert code == 2
    assert "region cannot be a regressor known in advance" in err
