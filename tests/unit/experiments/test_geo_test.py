"""The geo test's synthetic control: weights, ridge augmentation, the planted lift recovered
with placebo intervals, and the inputs it refuses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from corpus import GROUND_TRUTH, ROOT

from analytics.errors import UserInputError
from analytics.experiments.geo import geo_test
from analytics.experiments.synthetic import convex_weights, fit_synthetic
from analytics.ingest.load import load
from sample_data.experiments import geo_panel

GEO_TRUTH = GROUND_TRUTH["experiments"]["geo"]


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load(ROOT / "sample_data" / GEO_TRUTH["file"]).frame


def run(frame: pd.DataFrame, **options: object):
    settings = {
        "metric": "revenue", "location": "city", "date": "date",
        "treated": tuple(GEO_TRUTH["treated"]), "start": GEO_TRUTH["start"],
        "end": GEO_TRUTH["end"], **options,
    }  # fmt: skip
    return geo_test(frame, **settings)


def test_convex_weights_are_non_negative_sum_to_one_and_recover_a_mixture() -> None:
    rng = np.random.default_rng(1)
    donors = rng.normal(0, 1, (200, 6)).cumsum(axis=0)
    truth = np.array([0.5, 0.3, 0.2, 0, 0, 0])
    weights = convex_weights(donors @ truth, donors)
    assert (weights >= 0).all() and weights.sum() == pytest.approx(1)
    assert weights == pytest.approx(truth, abs=1e-3)


def test_ridge_augments_a_target_outside_the_donors_hull() -> None:
    rng = np.random.default_rng(2)
    donors = rng.normal(0, 1, (300, 8)).cumsum(axis=0)
    target = 1.8 * donors[:, 0] - 0.8 * donors[:, 1]  # no convex mix reproduces it
    fit = fit_synthetic(target, donors)
    assert fit.augmented and fit.pre_r2 > 0.95
    assert not fit_synthetic(target, donors, augment=False).augmented


def test_sample_recovers_the_planted_lift_within_its_interval(sample: pd.DataFrame) -> None:
    result = run(sample)
    truth = GEO_TRUTH["true_incremental_revenue"]
    low, high = result.abs_effect_ci
    assert low < truth < high and low > 0
    assert result.rel_effect == pytest.approx(GEO_TRUTH["relative_lift"], abs=0.02)
    assert result.p_value < 0.05 and result.pre_r2 > 0.9
    assert sum(w for _, w in result.weights) == pytest.approx(1, abs=0.01)
    assert all(name not in GEO_TRUTH["treated"] for name, _ in result.weights)
    window = [day for day in result.days if day.in_window]
    assert len(window) == 28 and window[-1].cumulative == pytest.approx(result.abs_effect)
    assert window[-1].cumulative_ci == pytest.approx(result.abs_effect_ci)
    assert result.placebos_in_space == 40 and result.placebos_in_time > 10


def test_no_lift_gives_an_interval_around_zero() -> None:
    frame, incremental = geo_panel(seed=11, lift=0.0)
    assert incremental == 0
    result = run(frame)
    low, high = result.abs_effect_ci
    assert low < 0 < high and result.p_value > 0.05


@pytest.mark.parametrize(
    ("options", "code"),
    [({"treated": ("Paris",)}, "geo_unknown_treated"),
     ({"start": "2025-06-20", "end": "2025-07-20"}, "geo_window_outside"),
     ({"start": "2024-01-10", "end": "2024-01-20"}, "geo_window_outside"),
     ({"metric": "sales"}, "ab_unknown_column")],
)  # fmt: skip
def test_unusable_input_is_refused(sample: pd.DataFrame, options, code) -> None:
    with pytest.raises(UserInputError) as error:
        run(sample, **options)
    assert error.value.code == code


def test_design_finds_the_lift_a_test_would_detect_before_the_window(sample: pd.DataFrame) -> None:
    from analytics.experiments.geo_design import geo_design

    design = geo_design(sample, metric="revenue", location="city", date="date",
                        candidates=[tuple(GEO_TRUTH["treated"])], durations=[14, 28],
                        before=GEO_TRUTH["start"])  # fmt: skip
    assert [cell.days for cell in design.cells] == [14, 28]
    assert all(0 < cell.mde < GEO_TRUTH["relative_lift"] for cell in design.cells)
    with pytest.raises(UserInputError) as error:
        geo_design(sample, metric="revenue", location="city", date="date",
                   candidates=[("Wuhan",)], durations=[28], before="2024-02-10")  # fmt: skip
    assert error.value.code == "geo_design_short"


def test_weekly_panels_are_read_week_by_week() -> None:
    from corpus import load_fixture

    frame = load_fixture("shapes/weekly_stores.csv").frame
    result = geo_test(frame, metric="Weekly_Sales", location="Store", date="Date",
                      treated=("1", "2"), start="2023-03-01", end="2023-04-30")  # fmt: skip
    window = [day for day in result.days if day.in_window]
    assert len(window) == 9  # the weeks in March and April
    assert result.abs_effect_ci[0] < 0 < result.abs_effect_ci[1]  # nothing was planted
    assert result.placebos_in_space == 40 and result.placebos_in_time >= 5
