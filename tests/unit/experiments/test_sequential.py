"""The confidence sequence: its boundary, its daily looks, and its error rate when peeking."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from corpus import ROOT

from analytics.errors import UserInputError
from analytics.experiments.sequential import confidence_sequence, half_width, mixture_rho
from analytics.ingest.load import load


def test_boundary_is_wider_than_the_fixed_interval_and_shrinks() -> None:
    rho = mixture_rho(10_000, 0.05)
    units = np.array([1_000, 10_000, 100_000])
    variance = 4.0 / units  # Var(Δ̂) for a unit variance of 4
    widths = half_width(units, variance, 0.05, rho)
    fixed = 1.96 * np.sqrt(variance)
    assert (widths > fixed).all() and (np.diff(widths) < 0).all()
    assert widths[1] / fixed[1] == pytest.approx(1.6, abs=0.25)  # tightest near the plan


def test_sample_sequence_finds_the_coupon_and_not_free_shipping() -> None:
    frame = load(ROOT / "sample_data" / "ab_test_sample.csv").frame
    result = confidence_sequence(frame, "variant", "converted", "assigned_date", "control")
    days = sorted({look.date for look in result.looks})
    assert len(days) == 21 and "Howard" in result.method
    assert result.first_exclusion("coupon_10") is not None
    assert result.first_exclusion("free_shipping") is None
    last = [look for look in result.looks if look.date == days[-1]]
    assert sum(look.units for look in last) == 2 * 36_000 // 3 * 2


def test_false_positives_stay_under_alpha_with_daily_peeking() -> None:
    rng = np.random.default_rng(7)
    rejected, tests = 0, 200
    for _ in range(tests):
        n = 14 * 300
        frame = pd.DataFrame({
            "v": rng.choice(["a", "b"], n),
            "y": (rng.random(n) < 0.1).astype(float),
            "d": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 14, n), unit="D"),
        })  # fmt: skip
        result = confidence_sequence(frame, "v", "y", "d", "a")
        rejected += any(look.excludes_zero for look in result.looks)
    assert rejected / tests <= 0.05 + 2 * math.sqrt(0.05 * 0.95 / tests)


def test_one_assignment_day_is_refused() -> None:
    frame = pd.DataFrame({"v": ["a", "b"] * 5, "y": [1.0] * 10, "d": ["2025-01-01"] * 10})
    with pytest.raises(UserInputError) as error:
        confidence_sequence(frame, "v", "y", "d", "a")
    assert error.value.code == "seq_too_few_days"
