"""One row per variant with a total and its spread, compared as means (against SciPy's Welch
test on the units behind the rows); every outcome split by segment under one Holm family."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from corpus import ROOT
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analytics.errors import UserInputError
from analytics.experiments.counts import analyse_counts, counts_units, spread_kind
from analytics.experiments.family import analyse_metrics, analyse_outcome_segments, analyse_segments
from analytics.ingest.load import load

RNG = np.random.default_rng(3)
CONTROL = RNG.gamma(2, 5, 4000)  # revenue per user, heavy-ish tail
COUPON = RNG.gamma(2, 5.5, 4100)  # planted: +10% on the mean


def by_variant(*parts: tuple[str, np.ndarray]) -> pd.DataFrame:
    """Rows of (variant, users, revenue total, its std, variance and sum of squares)."""
    return pd.DataFrame(
        {
            "variant": [name for name, _ in parts],
            "users": [len(x) for _, x in parts],
            "buyers": [int((x > 10).sum()) for _, x in parts],
            "revenue": [x.sum() for _, x in parts],
            "revenue_std": [x.std(ddof=1) for _, x in parts],
            "revenue_var": [x.var(ddof=1) for _, x in parts],
            "revenue_sq": [(x**2).sum() for _, x in parts],
        }
    )


@pytest.mark.parametrize(
    ("column", "kind"),
    [("revenue_std", "std"), ("revenue_var", "variance"), ("revenue_sq", "sum_of_squares")],
)
def test_a_total_and_its_spread_give_welch_on_the_units(column: str, kind: str) -> None:
    frame = by_variant(("control", CONTROL), ("coupon", COUPON))
    result = analyse_counts(frame, "variant", "revenue", "users", spread=(column, kind))
    reference = stats.ttest_ind(COUPON, CONTROL, equal_var=False)
    comparison = result.comparisons[0]
    assert result.metric_type == "mean" and result.control == "control"
    assert comparison.diff == pytest.approx(COUPON.mean() - CONTROL.mean())
    assert comparison.p_value == pytest.approx(reference.pvalue, rel=1e-6)
    assert comparison.diff_ci == pytest.approx(tuple(reference.confidence_interval()))
    assert comparison.method == "Welch t-test"
    control = result.variant("control")
    assert control.mean_ci == pytest.approx(
        tuple(stats.t.interval(0.95, len(CONTROL) - 1, CONTROL.mean(), stats.sem(CONTROL)))
    )


def test_rows_of_one_variant_are_pooled_exactly() -> None:
    halves = by_variant(("control", CONTROL[:1500]), ("control", CONTROL[1500:]),
                        ("coupon", COUPON[:2000]), ("coupon", COUPON[2000:]))  # fmt: skip
    pooled = analyse_counts(halves, "variant", "revenue", "users", spread=("revenue_std", "std"))
    reference = stats.ttest_ind(COUPON, CONTROL, equal_var=False)
    assert pooled.comparisons[0].p_value == pytest.approx(reference.pvalue, rel=1e-6)
    assert pooled.variant("coupon").units == len(COUPON)


def test_a_total_without_its_spread_says_what_to_add() -> None:
    frame = by_variant(("control", CONTROL), ("coupon", COUPON))
    assert counts_units(frame, "buyers", "users") and not counts_units(frame, "revenue", "users")
    with pytest.raises(UserInputError) as error:
        analyse_counts(frame, "variant", "revenue", "users")
    assert error.value.code == "ab_counts_not_rates" and "standard deviation" in str(error.value)
    frame.loc[0, "revenue_sq"] = 1.0  # cannot be: below n·mean²
    with pytest.raises(UserInputError) as error:
        analyse_counts(
            frame, "variant", "revenue", "users", spread=("revenue_sq", "sum_of_squares")
        )
    assert error.value.code == "ab_spread_inconsistent"


def test_rates_and_means_of_one_file_share_holm() -> None:
    frame = by_variant(("control", CONTROL), ("coupon", COUPON))
    results = analyse_metrics(frame, "variant", ["buyers", "revenue"], units="users",
                              spreads={"revenue": ("revenue_var", "variance")})  # fmt: skip
    assert [r.metric_type for r in results] == ["proportion", "mean"]
    raw = [r.comparisons[0].p_value for r in results]
    adjusted = [r.comparisons[0].p_value_adjusted for r in results]
    assert adjusted == pytest.approx(list(multipletests(raw, method="holm")[1]))


def test_spread_kind_follows_the_name() -> None:
    assert [spread_kind(c) for c in ("rev_sd", "revenue_var", "sum_squares", "收入方差")] == [
        "std", "variance", "sum_of_squares", "variance"
    ]  # fmt: skip


def test_every_outcome_by_segment_is_one_holm_family() -> None:
    sample = load(ROOT / "sample_data" / "ab_test_sample.csv").frame
    found = analyse_outcome_segments(sample, "variant", ["converted", "revenue"], "platform")
    assert [one.segment for one in found] == ["platform", "platform"]
    raw = [c.p_value for one in found for _, r in one.results for c in r.comparisons]
    adjusted = [c.p_value_adjusted for one in found for _, r in one.results for c in r.comparisons]
    assert len(raw) == 12
    assert adjusted == pytest.approx(list(multipletests(raw, method="holm")[1]))
    alone = analyse_segments(sample, "variant", "revenue", "platform")
    assert [c.p_value for _, r in alone.results for c in r.comparisons] == raw[6:]
