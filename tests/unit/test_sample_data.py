"""The sample-data generator: determinism, committed files, and the planted truth."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from sample_data import generate as gen

SAMPLE_DIR = Path(gen.__file__).resolve().parent


@pytest.fixture(scope="module")
def data() -> gen.SampleData:
    return gen.generate()


@pytest.fixture(scope="module")
def rendered(data: gen.SampleData) -> dict[str, bytes]:
    return gen.render_files(data)


@pytest.fixture(scope="module")
def daily() -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DIR / gen.DAILY_FILE, keep_default_na=False, dtype={"campaign": str})


@pytest.fixture(scope="module")
def campaigns() -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DIR / gen.CAMPAIGN_FILE, keep_default_na=False)


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads((SAMPLE_DIR / gen.TRUTH_FILE).read_text(encoding="utf-8"))


def campaign_rows(daily: pd.DataFrame, row: pd.Series) -> pd.Series:
    """Boolean row mask of a campaigns.csv row's window and target segments."""
    in_window = (daily["date"] >= row["start"]) & (daily["date"] <= row["end"])
    in_regions = daily["region"].isin(row["target_regions"].split("|"))
    return in_window & in_regions & daily["category"].isin(row["target_categories"].split("|"))


# --- determinism and drift ------------------------------------------------------------------


def test_two_generations_are_byte_identical(
    data: gen.SampleData, rendered: dict[str, bytes]
) -> None:
    again = gen.generate()
    assert gen.render_files(again) == rendered
    pd.testing.assert_frame_equal(again.components, data.components)


def test_another_seed_redraws_noise_but_keeps_the_schedule(data: gen.SampleData) -> None:
    other = gen.generate(seed=gen.DEFAULT_SEED + 1)
    assert not other.daily["units"].equals(data.daily["units"])
    assert other.daily["campaign"].equals(data.daily["campaign"])
    assert other.truth["seed"] == gen.DEFAULT_SEED + 1


def test_committed_files_equal_a_fresh_generation(rendered: dict[str, bytes]) -> None:
    for name, content in rendered.items():
        on_disk = (SAMPLE_DIR / name).read_bytes()
        assert on_disk == content, f"{name} drifted: run python sample_data/generate.py"


def test_write_puts_the_rendered_files_in_outdir(
    tmp_path: Path, data: gen.SampleData, rendered: dict[str, bytes]
) -> None:
    paths = gen.write(tmp_path / "out", data)
    assert {p.name: p.read_bytes() for p in paths} == rendered


# --- shape and accounting -------------------------------------------------------------------


def test_daily_has_one_row_per_date_region_and_category(daily: pd.DataFrame) -> None:
    assert list(daily.columns) == list(gen.DAILY_COLUMNS)
    assert len(daily) == 731 * 12 == 8772
    assert not daily.duplicated(["date", "region", "category"]).any()
    assert (daily["date"].min(), daily["date"].max()) == ("2024-01-01", "2025-12-31")
    assert sorted(daily["region"].unique()) == ["East", "North", "South", "West"]
    assert sorted(daily["category"].unique()) == ["Apparel", "Electronics", "Home"]


def test_revenue_is_units_times_price_times_one_minus_discount(daily: pd.DataFrame) -> None:
    expected = daily["units"] * daily["price"] * (1 - daily["discount"])
    assert (daily["revenue"] - expected).abs().max() <= 0.006


def test_funnel_counts_are_consistent(daily: pd.DataFrame) -> None:
    assert (daily["units"] > 0).all()
    assert (daily["orders"] <= daily["units"]).all()
    assert (daily["visits"] > daily["orders"]).all()
    conversion = daily["orders"].sum() / daily["visits"].sum()
    assert 0.02 < conversion < 0.04


def test_promo_flag_marks_exactly_the_discounted_rows(daily: pd.DataFrame) -> None:
    assert daily["discount"].between(0, 0.5).all()
    assert (daily["promo_flag"] == (daily["discount"] > 0).astype(int)).all()


def test_business_revenue_is_a_few_hundred_thousand_a_day(daily: pd.DataFrame) -> None:
    per_day = daily.groupby("date")["revenue"].sum()
    assert 200_000 < per_day.median() < 800_000


# --- campaigns ------------------------------------------------------------------------------


def test_campaign_rows_are_labelled_exactly_in_window_and_segments(
    daily: pd.DataFrame, campaigns: pd.DataFrame
) -> None:
    expected = pd.Series("", index=daily.index, dtype=object)
    for _, row in campaigns.iterrows():
        mask = campaign_rows(daily, row)
        expected[mask] = row["name"]
        assert (daily.loc[mask, "discount"] == row["discount"]).all()
    assert (daily["campaign"].astype(object) == expected).all()


def test_campaigns_never_overlap_in_a_segment_and_leave_controls(campaigns: pd.DataFrame) -> None:
    busy: set[tuple[str, str, str]] = set()
    for _, row in campaigns.iterrows():
        days = pd.date_range(row["start"], row["end"]).strftime("%Y-%m-%d")
        segments = [
            (r, c)
            for r in row["target_regions"].split("|")
            for c in row["target_categories"].split("|")
        ]
        cells = {(d, r, c) for d in days for r, c in segments}
        assert not busy & cells, f"{row['name']} overlaps another campaign"
        busy |= cells
        assert 7 <= len(days) <= 21
        assert 0 < len(segments) < 12
        pre_days = (pd.Timestamp(row["start"]) - pd.Timestamp(gen.START_DATE)).days
        assert pre_days >= 90
    assert 7 <= len(campaigns) <= 10


def test_campaign_spend_is_spread_evenly_over_its_rows(data: gen.SampleData) -> None:
    comp, daily = data.components, data.daily
    for channel in gen.CHANNELS:
        total = comp[f"always_on_{channel}"] + comp[f"campaign_{channel}"]
        assert np.allclose(daily[f"{channel}_spend"], total, atol=0.005)
    for c in gen.CAMPAIGNS:
        on_rows = comp.loc[daily["campaign"] == c.name, f"campaign_{c.channel}"]
        assert len(on_rows) == c.days * len(c.segments)
        assert on_rows.nunique() == 1
        assert on_rows.sum() == pytest.approx(c.spend, abs=0.005 * len(on_rows))


def test_true_incremental_revenue_is_actual_minus_counterfactual(
    truth: dict[str, Any], daily: pd.DataFrame, data: gen.SampleData
) -> None:
    for c in truth["campaigns"]:
        rows = daily["campaign"] == c["name"]
        assert c["actual_revenue"] == pytest.approx(daily.loc[rows, "revenue"].sum(), abs=0.01)
        counterfactual = data.components.loc[rows, "revenue_no_campaign"].sum()
        assert c["counterfactual_revenue"] == pytest.approx(counterfactual, abs=0.01)
        incremental = c["actual_revenue"] - c["counterfactual_revenue"]
        assert c["true_incremental_revenue"] == pytest.approx(incremental, abs=0.01)
        units = c["actual_units"] - c["counterfactual_units"]
        assert c["true_incremental_units"] == units


def test_true_incremental_profit_is_the_difference_of_two_profit_and_loss_statements(
    truth: dict[str, Any], daily: pd.DataFrame, data: gen.SampleData
) -> None:
    """Sales minus the cost of goods (1 − margin of the list price), with and without the
    campaign, minus its spend; the bridge's steps add up to it."""
    unit_cost = (1 - gen.SAMPLE_MARGIN) * daily["price"]
    for c in truth["campaigns"]:
        rows = daily["campaign"] == c["name"]
        with_it = (daily["revenue"] - daily["units"] * unit_cost)[rows].sum()
        parts = data.components.loc[rows]
        without = (
            parts["revenue_no_campaign"] - parts["units_no_campaign"] * unit_cost[rows]
        ).sum()
        assert c["true_incremental_profit"] == pytest.approx(with_it - without - c["spend"], abs=1)
        steps = c["true_incremental_gross_profit"] - c["true_baseline_discount_cost"] - c["spend"]
        assert c["true_incremental_profit"] == pytest.approx(steps, abs=0.02)
        margin = gen.SAMPLE_MARGIN
        revenue, given = c["true_incremental_revenue"], c["discount_cost"]
        one_line = margin * revenue - (1 - margin) * given - c["spend"]
        assert c["true_incremental_profit"] == pytest.approx(one_line, abs=1)
        assert c["true_roi"] == pytest.approx(c["true_incremental_profit"] / c["spend"], abs=1e-4)


def test_the_campaigns_tell_a_story_some_pay_back_and_some_do_not(truth: dict[str, Any]) -> None:
    profits = {c["name"]: c["true_incremental_profit"] for c in truth["campaigns"]}
    assert sum(p > 0 for p in profits.values()) >= 3
    assert sum(p < 0 for p in profits.values()) >= 3
    assert profits["Brand Awareness Push"] == -150_000  # no effect: its spend is lost


def test_only_the_no_effect_campaign_has_zero_incremental_revenue(truth: dict[str, Any]) -> None:
    null = [c for c in truth["campaigns"] if c["uplift"] == 0 and c["discount"] == 0]
    assert len(null) == 1
    assert null[0]["true_incremental_revenue"] == 0
    assert null[0]["true_incremental_units"] == 0
    others = [c for c in truth["campaigns"] if c is not null[0]]
    assert all(c["true_incremental_revenue"] > 0 for c in others)
    assert all(0.08 <= c["uplift"] <= 0.35 for c in others)


def test_relative_effect_matches_the_planted_uplift_and_discount(truth: dict[str, Any]) -> None:
    # revenue ∝ (1 + uplift) × (1 − d)^(discount elasticity) × (1 − d), up to integer rounding
    elasticity = truth["elasticities"]["discount_elasticity"]
    for c in truth["campaigns"]:
        net = (1 - c["discount"]) ** (elasticity + 1)
        expected = (1 + c["uplift"]) * net - 1
        assert c["true_relative_effect"] == pytest.approx(expected, abs=0.003), c["name"]


def test_truth_explains_every_field(truth: dict[str, Any]) -> None:
    documented = {key.split(".")[0] for key in truth["notes"]}
    assert set(truth) - {"notes"} <= documented


def test_daily_breakdown_sums_to_the_campaign_totals(truth: dict[str, Any]) -> None:
    for c in truth["campaigns"]:
        assert len(c["daily"]) == c["days"]
        actual = sum(d["actual_revenue"] for d in c["daily"])
        assert actual == pytest.approx(c["actual_revenue"], abs=0.01 * c["days"])


# --- drivers: discounts, prices, media ------------------------------------------------------


def test_discount_varies_outside_campaigns(daily: pd.DataFrame) -> None:
    markdowns = daily[(daily["campaign"] == "") & (daily["discount"] > 0)]
    assert markdowns["discount"].nunique() >= 3
    assert markdowns[["region", "category"]].drop_duplicates().shape[0] >= 6


def test_prices_change_over_time_and_differ_by_region(daily: pd.DataFrame) -> None:
    per_category = daily.groupby("category")["price"].nunique()
    assert (per_category >= 3).all()
    last_day = daily[daily["date"] == daily["date"].max()]
    assert (last_day.groupby("category")["price"].nunique() > 1).any()


def test_discount_units_per_point_is_the_finite_difference(
    truth: dict[str, Any], data: gen.SampleData
) -> None:
    comp, discount = data.components, data.daily["discount"]
    media = sum(comp[f"media_units_{ch}"] for ch in gen.CHANNELS)
    rest = (comp["demand_units"] + media) * comp["price_effect"] * comp["noise"]
    rest = rest * (1 + comp["campaign_uplift"])
    delta = rest * ((1 - discount - 0.01) ** -2.0 - (1 - discount) ** -2.0)
    per_point = truth["elasticities"]["discount_units_per_point"]
    assert per_point == pytest.approx(delta.mean(), abs=1e-4)
    # about 2% of a row's units for a -2 elasticity
    assert 0.015 < per_point / data.daily["units"].mean() < 0.03


def test_spend_is_never_negative_pauses_and_differs_by_region(data: gen.SampleData) -> None:
    comp, daily = data.components, data.daily
    for channel in gen.CHANNELS:
        assert (daily[f"{channel}_spend"] >= 0).all()
        per_day = comp.groupby("date")[f"always_on_{channel}"].sum()
        assert (per_day == 0).sum() >= 14, f"{channel} never pauses"
        by_region = comp.groupby("region")[f"always_on_{channel}"].mean()
        assert by_region["East"] > 1.5 * by_region["West"]


def test_media_explains_a_meaningful_share_with_diminishing_returns(
    truth: dict[str, Any],
) -> None:
    assert 0.10 <= truth["media_share_of_units"] <= 0.25
    for name, ch in truth["channels"].items():
        assert 0 < ch["marginal_revenue_per_yuan"] < ch["avg_revenue_per_yuan"], name
        assert ch["mean_adstocked_spend_when_on"] == pytest.approx(ch["half_sat"], rel=0.3)


def test_festivals_move_total_demand(daily: pd.DataFrame) -> None:
    units = daily.groupby("date")["units"].sum()
    normal = units.median()
    assert units["2024-11-11"] > 2 * normal
    assert units["2025-06-18"] > 1.5 * normal
    assert units["2024-02-10"] < 0.8 * normal


# --- expected_units -------------------------------------------------------------------------


def test_expected_units_follow_the_steady_state_hill_curve() -> None:
    search = gen.channel_spec("search")
    result = gen.expected_units({"search": 1000.0}, days=30)
    per_day = search.beta * gen.hill(1000.0 / (1 - search.decay), search.shape, search.half_sat)
    assert result.units == pytest.approx(float(per_day) * 30 * 12)
    assert result.spend == 1000.0 * 30 * 12
    assert result.revenue == pytest.approx(
        float(per_day) * 30 * 4 * sum(gen.REFERENCE_PRICE.values())
    )


def test_expected_units_are_concave_in_spend() -> None:
    for channel in gen.CHANNELS:
        one = gen.expected_units({channel: 1500.0}).units
        two = gen.expected_units({channel: 3000.0}).units
        assert 0 < one < two < 2 * one
    assert gen.expected_units({"display": 0.0}).units == 0


def test_cold_start_earns_less_than_steady_state() -> None:
    cold = gen.expected_units({"display": 800.0}, days=7, steady_state=False)
    warm = gen.expected_units({"display": 800.0}, days=7)
    assert 0 < cold.units < warm.units


def test_splitting_a_budget_beats_putting_it_all_in_one_channel() -> None:
    single = gen.expected_units({"search": 2400.0, "social": 0.0, "display": 0.0})
    split = gen.expected_units({"search": 800.0, "social": 800.0, "display": 800.0})
    assert split.spend == single.spend
    assert split.revenue > single.revenue


def test_expected_units_reject_unknown_channels_and_negative_spend() -> None:
    with pytest.raises(ValueError, match="unknown channel"):
        gen.expected_units({"tv": 100.0})
    with pytest.raises(ValueError, match="negative"):
        gen.expected_units({"search": -1.0})


# --- synthetic_series -----------------------------------------------------------------------


def test_synthetic_series_without_effect_has_zero_truth() -> None:
    y, truth = gen.synthetic_series(n_days=200, effect=0.0, seed=3)
    assert isinstance(y, pd.Series)
    assert len(y) == 200
    assert truth.incremental == 0
    assert truth.relative_effect == 0
    assert truth.effect_days == 28
    pd.testing.assert_series_equal(y.iloc[-28:], truth.counterfactual, check_names=False)


@pytest.mark.parametrize("effect", [0.05, 0.2, -0.1])
def test_synthetic_series_effect_has_the_planted_sign_and_size(effect: float) -> None:
    y, truth = gen.synthetic_series(n_days=300, effect=effect, seed=7, start_effect_day=250)
    assert truth.effect_start == y.index[250]
    assert truth.relative_effect == pytest.approx(effect)
    assert np.sign(truth.incremental) == np.sign(effect)
    ratio = y.iloc[250:] / truth.counterfactual
    assert np.allclose(ratio, 1 + effect)
    assert truth.to_dict()["effect_days"] == 50


def test_synthetic_controls_share_the_common_noise_but_not_the_effect() -> None:
    frame, truth = gen.synthetic_series(
        n_days=365, effect=0.3, seed=11, n_controls=4, weekly_amplitude=0.0, trend_per_year=0.0
    )
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["y", "control_1", "control_2", "control_3", "control_4"]
    logs = np.log(frame.iloc[: -truth.effect_days])
    assert (logs.corr().loc["y"].drop("y") > 0.4).all()
    pre = frame.iloc[: -truth.effect_days].mean()
    post = frame.iloc[-truth.effect_days :].mean()
    assert post["y"] / pre["y"] > 1.2
    assert (post.drop("y") / pre.drop("y")).between(0.9, 1.1).all()


def test_synthetic_series_is_deterministic_per_seed() -> None:
    a, _ = gen.synthetic_series(seed=5, n_controls=3)
    b, _ = gen.synthetic_series(seed=5, n_controls=3)
    c, _ = gen.synthetic_series(seed=6, n_controls=3)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_synthetic_series_rejects_an_effect_window_outside_the_series() -> None:
    with pytest.raises(ValueError):
        gen.synthetic_series(n_days=100, start_effect_day=100)
