"""A/B statistics against scipy and statsmodels on fixtures, and on the sample's planted truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from corpus import GROUND_TRUTH, ROOT, load_fixture
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from analytics.errors import UserInputError
from analytics.experiments import stats
from analytics.experiments.abtest import analyse_ab
from analytics.experiments.results import SRM_OK, SRM_STOP, SRM_WARNING
from analytics.ingest.load import load

AB_TRUTH = GROUND_TRUTH["experiments"]["ab"]


@pytest.fixture(scope="module")
def users() -> pd.DataFrame:
    return load_fixture("shapes/ab_test_users.csv").frame


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load(ROOT / "sample_data" / AB_TRUTH["file"]).frame


def arms(frame: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    control = frame.loc[frame["group"] == "control", column].to_numpy(float)
    return control, frame.loc[frame["group"] == "treatment", column].to_numpy(float)


def test_proportions_match_statsmodels_z_test_and_intervals(users: pd.DataFrame) -> None:
    result = analyse_ab(users, "group", "converted")
    control, treated = arms(users, "converted")
    assert result.metric_type == "proportion" and result.control == "control"
    _z, p = proportions_ztest([treated.sum(), control.sum()], [len(treated), len(control)])
    comparison = result.comparisons[0]
    assert comparison.p_value == pytest.approx(p, rel=1e-9)
    assert comparison.method == "pooled two-proportion z-test"
    low, high = confint_proportions_2indep(
        treated.sum(), len(treated), control.sum(), len(control), method="wald", compare="diff"
    )
    assert comparison.diff_ci == pytest.approx((low, high), rel=1e-9)
    wilson = proportion_confint(control.sum(), len(control), method="wilson")
    assert result.variant("control").mean_ci == pytest.approx(wilson, rel=1e-9)
    assert result.variant("control").units == len(control)


def test_means_match_welch_in_scipy_and_statsmodels(users: pd.DataFrame) -> None:
    result = analyse_ab(users, "group", "revenue")
    control, treated = arms(users, "revenue")
    comparison = result.comparisons[0]
    welch = sps.ttest_ind(treated, control, equal_var=False)
    assert comparison.p_value == pytest.approx(welch.pvalue, rel=1e-9)
    compare = CompareMeans(DescrStatsW(treated), DescrStatsW(control))
    assert comparison.diff_ci == pytest.approx(compare.tconfint_diff(usevar="unequal"), rel=1e-9)
    assert result.variant("treatment").mean_ci == pytest.approx(
        DescrStatsW(treated).tconfint_mean(), rel=1e-9
    )
    # Mostly zeros: 20% trimming leaves no spread, so the bootstrap checks the tails.
    assert comparison.robust is not None and comparison.robust.method.startswith("bootstrap")
    low, high = comparison.robust.diff_ci
    assert low < comparison.diff < high


def test_yuen_check_matches_scipy_trimmed_t_on_heavy_tails() -> None:
    rng = np.random.default_rng(3)
    control, treated = rng.standard_t(2, 800) + 10, rng.standard_t(2, 800) + 10.3
    diff, (low, high), p = stats.trimmed_t_test(control, treated)
    expected = sps.ttest_ind(treated, control, equal_var=False, trim=0.2)
    assert p == pytest.approx(expected.pvalue, rel=1e-9)
    assert (low, high) == pytest.approx(tuple(expected.confidence_interval()), rel=1e-9)
    assert diff == pytest.approx(sps.trim_mean(treated, 0.2) - sps.trim_mean(control, 0.2))


def test_bootstrap_interval_agrees_with_welch_on_a_large_normal_sample() -> None:
    rng = np.random.default_rng(4)
    control, treated = rng.normal(10, 3, 60_000), rng.normal(10.1, 3, 60_000)
    _, (low, high), _ = stats.bootstrap_mean_difference(control, treated)
    welch_low, welch_high = stats.welch_interval(
        treated.mean() - control.mean(), control.var(ddof=1), 60_000, treated.var(ddof=1), 60_000
    )
    assert (high - low) == pytest.approx(welch_high - welch_low, rel=0.15)


def test_holm_matches_statsmodels() -> None:
    p = [0.01, 0.04, 0.03, 0.2, 0.005]
    assert stats.holm(p) == pytest.approx(list(multipletests(p, method="holm")[1]))


def test_sample_ratio_matches_scipy_chisquare_and_grades_the_mismatch() -> None:
    observed, shares = [5100, 4900, 5230], [0.3, 0.3, 0.4]
    expected = sps.chisquare(observed, np.array(shares) * sum(observed))
    assert stats.sample_ratio_test(observed, shares) == pytest.approx(expected.pvalue)
    frame = pd.DataFrame({"v": ["a"] * 5200 + ["b"] * 4800, "y": [0, 1] * 5000})
    assert analyse_ab(frame, "v", "y").srm.level == SRM_STOP  # p ≈ 6e-5
    frame = pd.DataFrame({"v": ["a"] * 5140 + ["b"] * 4860, "y": [0, 1] * 5000})
    assert analyse_ab(frame, "v", "y").srm.level == SRM_WARNING  # p ≈ 0.005
    assert analyse_ab(frame, "v", "y", split=(0.514, 0.486)).srm.level == SRM_OK


def test_ratio_metric_standard_error_matches_the_spread_over_replicates() -> None:
    rng = np.random.default_rng(5)
    ratios, errors = [], []
    for _ in range(400):
        orders = rng.poisson(2, 500) + 1
        revenue = orders * rng.gamma(3, 20, 500)
        ratio, se = stats.ratio_mean_and_se(revenue, orders)
        ratios.append(ratio)
        errors.append(se)
    assert np.mean(errors) == pytest.approx(np.std(ratios), rel=0.1)


def test_ratio_metric_in_the_sample_is_revenue_per_order() -> None:
    frame = load(ROOT / "sample_data" / AB_TRUTH["file"]).frame
    result = analyse_ab(frame, "variant", "revenue", denominator="orders")
    control = frame[frame["variant"] == "control"]
    assert result.metric_type == "ratio"
    assert result.variant("control").mean == pytest.approx(
        control["revenue"].sum() / control["orders"].sum()
    )


def test_cuped_removes_the_squared_correlation() -> None:
    rng = np.random.default_rng(6)
    n, rho = 40_000, 0.7
    covariate = rng.normal(0, 1, n)
    outcome = rho * covariate + np.sqrt(1 - rho**2) * rng.normal(0, 1, n)
    frame = pd.DataFrame({"v": rng.choice(["a", "b"], n), "y": outcome + 5, "x": covariate})
    plain = analyse_ab(frame, "v", "y")
    adjusted = analyse_ab(frame, "v", "y", covariate="x")
    assert adjusted.cuped.variance_reduction == pytest.approx(rho**2, abs=0.01)
    assert adjusted.cuped.theta == pytest.approx(rho, abs=0.02)
    width = np.diff(adjusted.comparisons[0].diff_ci)[0] / np.diff(plain.comparisons[0].diff_ci)[0]
    assert width == pytest.approx(np.sqrt(1 - rho**2), rel=0.03)


def test_sample_recovers_the_planted_lifts_with_holm(sample: pd.DataFrame) -> None:
    truth = AB_TRUTH["variants"]
    conversion = analyse_ab(sample, "variant", "converted")
    assert conversion.correction == "holm" and len(conversion.comparisons) == 2
    coupon, shipping = conversion.comparisons
    assert coupon.variant == "coupon_10" and coupon.p_value_adjusted < 0.01
    low, high = coupon.rel_diff_ci
    assert low < truth["coupon_10"]["conversion_lift"] < high
    assert shipping.rel_diff_ci[0] < 0 < shipping.rel_diff_ci[1]
    assert shipping.p_value_adjusted == pytest.approx(max(shipping.p_value, coupon.p_value * 2))
    revenue = analyse_ab(sample, "variant", "revenue", covariate="pre_revenue")
    low, high = revenue.comparisons[0].rel_diff_ci
    assert low < truth["coupon_10"]["revenue_lift"] < high
    assert 0 < revenue.cuped.variance_reduction < 0.3


def test_chinese_export_reads_yes_no_outcomes(users: pd.DataFrame) -> None:
    frame = load_fixture("shapes/experiment_gbk.csv").frame
    result = analyse_ab(frame, "分组", "是否购买", control="对照组")
    assert result.metric_type == "proportion"
    assert [v.name for v in result.variants] == ["实验组", "对照组"]
    text = pd.DataFrame({"v": ["a", "b"] * 50, "y": ["yes", "no", "no", "是"] * 25})
    assert analyse_ab(text, "v", "y").variant("a").mean == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("frame", "options", "code"),
    [
        (pd.DataFrame({"v": ["a"] * 10, "y": [1.0] * 10}), {}, "ab_one_variant"),
        (pd.DataFrame({"v": range(30), "y": [1.0] * 30}), {}, "ab_too_many_variants"),
        (pd.DataFrame({"v": ["a", "b"] * 5, "y": list("abcdeabcde")}), {}, "ab_outcome_not_numeric"),
        (pd.DataFrame({"v": ["a", "b"] * 5, "y": [1.0] * 10}), {"control": "c"}, "ab_unknown_control"),
        (pd.DataFrame({"v": ["a", "b"] * 5, "y": [1.0] * 10}), {"split": (1, 1, 1)}, "ab_split_mismatch"),
        (pd.DataFrame({"v": ["a", "b"] * 5, "y": [1.0] * 10}), {"covariate": "x"}, "ab_unknown_column"),
    ],
)  # fmt: skip
def test_unusable_input_says_what_to_change(frame, options, code) -> None:
    with pytest.raises(UserInputError) as error:
        analyse_ab(frame, "v", "y", **options)
    assert error.value.code == code


def test_one_row_per_variant_gives_the_same_answer_as_one_row_per_unit(sample) -> None:
    from analytics.experiments.counts import analyse_counts

    counts = sample.groupby("variant", as_index=False).agg(
        users=("user_id", "size"), buyers=("converted", "sum")
    )
    by_variant = analyse_counts(counts, "variant", "buyers", "users")
    by_unit = analyse_ab(sample, "variant", "converted")
    assert by_variant.srm.observed_units == by_unit.srm.observed_units
    for a, b in zip(by_variant.comparisons, by_unit.comparisons, strict=True):
        assert a.p_value == pytest.approx(b.p_value) and a.diff_ci == pytest.approx(b.diff_ci)
        assert a.p_value_adjusted == pytest.approx(b.p_value_adjusted)
    with pytest.raises(UserInputError) as error:
        analyse_counts(counts, "variant", "users", "buyers")
    assert error.value.code == "ab_counts_not_rates"


def test_several_outcomes_share_one_holm_family(sample) -> None:
    from analytics.experiments.family import analyse_metrics

    results = analyse_metrics(
        sample, "variant", ["converted", "revenue"], ratio=("revenue", "orders")
    )
    raw = [c.p_value for r in results for c in r.comparisons]
    adjusted = [c.p_value_adjusted for r in results for c in r.comparisons]
    assert adjusted == pytest.approx(list(multipletests(raw, method="holm")[1]))
    assert [r.metric_type for r in results] == ["proportion", "mean", "ratio"]


def test_segments_share_one_holm_family_and_refuse_id_columns(sample) -> None:
    from analytics.experiments.family import analyse_segments

    found = analyse_segments(sample, "variant", "converted", "platform")
    assert [value for value, _ in found.results] == ["app", "mini_program", "web"]
    raw = [c.p_value for _, r in found.results for c in r.comparisons]
    adjusted = [c.p_value_adjusted for _, r in found.results for c in r.comparisons]
    assert adjusted == pytest.approx(list(multipletests(raw, method="holm")[1]))
    app = dict(found.results)["app"]
    expected = analyse_ab(sample[sample["platform"] == "app"], "variant", "converted")
    assert app.comparisons[0].p_value == pytest.approx(expected.comparisons[0].p_value)
    with pytest.raises(UserInputError) as error:
        analyse_segments(sample, "variant", "converted", "user_id")
    assert error.value.code == "ab_too_many_segments"
