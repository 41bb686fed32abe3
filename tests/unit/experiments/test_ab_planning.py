"""Test planning against statsmodels' power module; the money of a variant."""

from __future__ import annotations

import math

import pytest
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

from analytics.errors import UserInputError
from analytics.experiments.decision import BETTER, INCONCLUSIVE, money, verdict
from analytics.experiments.planning import (
    detectable_effect,
    plan_mean,
    plan_proportion,
    proportion_mde,
)


@pytest.mark.parametrize(
    ("baseline", "mde", "power", "alpha", "ratio"),
    [(0.1, 0.05, 0.8, 0.05, 1), (0.02, 0.1, 0.9, 0.05, 1), (0.3, -0.1, 0.8, 0.01, 1),
     (0.1, 0.2, 0.8, 0.05, 2), (0.5, 0.02, 0.8, 0.1, 0.5)],
)  # fmt: skip
def test_sample_size_matches_normal_ind_power(baseline, mde, power, alpha, ratio) -> None:
    plan = plan_proportion(baseline, mde, power=power, alpha=alpha, split=(1, ratio))
    effect = abs(proportion_effectsize(baseline * (1 + mde), baseline))
    control = NormalIndPower().solve_power(
        effect_size=effect, alpha=alpha, power=power, ratio=ratio, alternative="two-sided"
    )
    assert plan.units[0] == math.ceil(control)
    assert plan.units[1] == math.ceil(control * ratio - 1e-9)
    assert plan.total_units == sum(plan.units)


def test_even_split_gives_one_number_and_duration_from_daily_traffic() -> None:
    plan = plan_proportion(0.1, 0.05, daily_units=5_000)
    assert plan.to_dict()["units_per_variant"] == 57_756
    assert plan.to_dict()["total_units"] == 115_512
    assert plan.days == math.ceil(115_512 / 5_000)


def test_detectable_effect_inverts_the_sample_size() -> None:
    effect = detectable_effect(2_000)
    expected = NormalIndPower().solve_power(nobs1=2_000, alpha=0.05, power=0.8, ratio=1)
    assert effect == pytest.approx(expected, rel=1e-6)
    mde = proportion_mde(0.1, effect)
    assert plan_proportion(0.1, mde).units[0] == pytest.approx(2_000, abs=1)


def test_means_use_cohens_d() -> None:
    plan = plan_mean(10.0, 25.0, 0.1)
    control = NormalIndPower().solve_power(effect_size=0.04, alpha=0.05, power=0.8, ratio=1)
    assert plan.units[0] == math.ceil(control)


@pytest.mark.parametrize(
    ("args", "options", "code"),
    [((0.1, 0.05), {"power": 1.2}, "plan_bad_power"), ((1.2, 0.05), {}, "plan_bad_rate"),
     ((0.1, 0.05), {"split": (1,)}, "plan_bad_split"), ((0.1, 0.0), {}, "plan_bad_rate"),
     ((0.1, 0.05), {"daily_units": 0}, "plan_bad_traffic")],
)  # fmt: skip
def test_unusable_plans_say_what_to_change(args, options, code) -> None:
    with pytest.raises(UserInputError) as error:
        plan_proportion(*args, **options)
    assert error.value.code == code


def test_money_scales_the_difference_and_applies_the_margin() -> None:
    import pandas as pd

    from analytics.experiments.abtest import analyse_ab

    frame = pd.DataFrame({"v": ["a", "b"] * 500, "y": [10.0, 12.0, 8.0, 14.0] * 250})
    result = analyse_ab(frame, "v", "y")
    value = money(result, "b", margin=0.4, rollout_units=50_000, cost_per_unit=0.5)
    diff = result.comparisons[0].diff
    assert value.revenue_per_1000 == pytest.approx(diff * 1000)
    assert value.profit_per_1000 == pytest.approx(0.4 * diff * 1000 - 500)
    assert value.rollout_revenue_ci == pytest.approx(
        tuple(b * 50_000 for b in result.comparisons[0].diff_ci)
    )
    assert verdict(result, result.comparisons[0]) == BETTER
    flat = analyse_ab(
        pd.DataFrame({"v": ["a", "b"] * 50, "y": [1.0, 1.0, 2.0, 2.0] * 25}), "v", "y"
    )
    assert verdict(flat, flat.comparisons[0]) == INCONCLUSIVE
    rates = analyse_ab(pd.DataFrame({"v": ["a", "b"] * 50, "y": [0, 1] * 50}), "v", "y")
    with pytest.raises(UserInputError, match="revenue per unit"):
        money(rates, "b", margin=0.4, rollout_units=1_000)
