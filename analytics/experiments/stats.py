"""The statistics of an A/B comparison, one small function per formula (each names it).

Intervals are 95% by default (``alpha`` = 0.05), p-values two-sided.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import stats


def z_quantile(alpha: float) -> float:
    """The two-sided normal critical value z_{1-α/2}."""
    return float(stats.norm.ppf(1 - alpha / 2))


def mean_interval(mean: float, variance: float, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Student t interval of a mean: mean ± t_{1-α/2, n-1} · s/√n."""
    if n < 2:
        return (float("nan"), float("nan"))
    half = stats.t.ppf(1 - alpha / 2, n - 1) * np.sqrt(variance / n)
    return (float(mean - half), float(mean + half))


def wilson_interval(successes: float, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval of a proportion: (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)."""
    if n == 0:
        return (float("nan"), float("nan"))
    z = z_quantile(alpha)
    p = successes / n
    centre = p + z * z / (2 * n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    scale = 1 + z * z / n
    return (float((centre - half) / scale), float((centre + half) / scale))


def pooled_z_test(x1: float, n1: int, x2: float, n2: int) -> tuple[float, float]:
    """Two-proportion z-test with the pooled proportion under H0 (variant 2 minus variant 1):
    z = (p̂₂ − p̂₁) / √(p̄(1−p̄)(1/n₁ + 1/n₂)); returns (z, two-sided p)."""
    pooled = (x1 + x2) / (n1 + n2)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return (0.0, 1.0)
    z = (x2 / n2 - x1 / n1) / se
    return (float(z), float(2 * stats.norm.sf(abs(z))))


def welch_t_test(
    mean1: float, var1: float, n1: int, mean2: float, var2: float, n2: int
) -> tuple[float, float, float]:
    """Welch's t-test of mean₂ − mean₁ with the Welch–Satterthwaite degrees of freedom;
    returns (t, df, two-sided p)."""
    a, b = var1 / n1, var2 / n2
    se = np.sqrt(a + b)
    if se == 0:
        return (0.0, float(n1 + n2 - 2), 1.0)
    df = (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1))
    t = (mean2 - mean1) / se
    return (float(t), float(df), float(2 * stats.t.sf(abs(t), df)))


def welch_interval(
    diff: float, var1: float, n1: int, var2: float, n2: int, alpha: float = 0.05
) -> tuple[float, float]:
    """Interval of a difference of means: diff ± t_{1-α/2, df} · √(s₁²/n₁ + s₂²/n₂)."""
    a, b = var1 / n1, var2 / n2
    se = np.sqrt(a + b)
    if se == 0:
        return (float(diff), float(diff))
    df = (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1))
    half = stats.t.ppf(1 - alpha / 2, df) * se
    return (float(diff - half), float(diff + half))


def normal_interval(estimate: float, se: float, alpha: float = 0.05) -> tuple[float, float]:
    """estimate ± z_{1-α/2} · se."""
    half = z_quantile(alpha) * se
    return (float(estimate - half), float(estimate + half))


def relative_difference(
    mean1: float, se1: float, mean2: float, se2: float, alpha: float = 0.05
) -> tuple[float, tuple[float, float]]:
    """mean₂/mean₁ − 1 and its interval by the delta method on the ratio of independent means:
    Var ≈ se₂²/mean₁² + mean₂²·se₁²/mean₁⁴."""
    if mean1 == 0:
        return (float("nan"), (float("nan"), float("nan")))
    rel = mean2 / mean1 - 1
    se = np.sqrt(se2**2 / mean1**2 + mean2**2 * se1**2 / mean1**4)
    return (float(rel), normal_interval(rel, float(se), alpha))


def ratio_mean_and_se(numerator: np.ndarray, denominator: np.ndarray) -> tuple[float, float]:
    """A ratio metric ΣY/ΣN over units and its standard error by the delta method:
    Var(R) ≈ (s_Y² − 2R·s_YN + R²·s_N²) / (n · N̄²)."""
    n = len(numerator)
    mean_y, mean_n = float(np.mean(numerator)), float(np.mean(denominator))
    ratio = mean_y / mean_n
    if n < 2:
        return (ratio, float("nan"))
    cov = np.cov(numerator, denominator, ddof=1)
    variance = (cov[0, 0] - 2 * ratio * cov[0, 1] + ratio**2 * cov[1, 1]) / (n * mean_n**2)
    return (ratio, float(np.sqrt(max(variance, 0.0))))


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values: the k-th smallest times (m − k + 1), made monotone
    and capped at 1; they control the family-wise error at α."""
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    order = np.argsort(p)
    stepped = np.minimum(1.0, np.maximum.accumulate(p[order] * (m - np.arange(m))))
    adjusted = np.empty(m)
    adjusted[order] = stepped
    return [float(v) for v in adjusted]


def sample_ratio_test(observed: Sequence[int], shares: Sequence[float]) -> float:
    """Pearson's chi-square test of the units per variant against the planned shares
    (k − 1 degrees of freedom); the p-value."""
    counts = np.asarray(observed, dtype=float)
    expected = np.asarray(shares, dtype=float) / np.sum(shares) * counts.sum()
    chi2 = float(np.sum((counts - expected) ** 2 / expected))
    return float(stats.chi2.sf(chi2, len(counts) - 1))


def cuped_theta(outcome: np.ndarray, covariate: np.ndarray) -> float:
    """CUPED's θ = Cov(Y, X) / Var(X), pooled over all variants (Deng et al. 2013)."""
    variance = float(np.var(covariate, ddof=1))
    if variance == 0:
        return 0.0
    return float(np.cov(outcome, covariate, ddof=1)[0, 1] / variance)


def trimmed_t_test(
    control: np.ndarray, variant: np.ndarray, trim: float = 0.2
) -> tuple[float, tuple[float, float], float] | None:
    """Yuen's trimmed-mean t-test (robust to heavy tails): the difference of the trimmed means,
    its interval and two-sided p; None when trimming leaves no spread (e.g. mostly zeros)."""
    result = stats.ttest_ind(variant, control, equal_var=False, trim=trim)
    if not np.isfinite(result.pvalue):
        return None
    diff = float(stats.trim_mean(variant, trim) - stats.trim_mean(control, trim))
    low, high = result.confidence_interval()
    return (diff, (float(low), float(high)), float(result.pvalue))


def bootstrap_mean_difference(
    control: np.ndarray,
    variant: np.ndarray,
    *,
    draws: int = 300,
    most_units: int = 5_000,
    alpha: float = 0.05,
    seed: int = 0,
) -> tuple[float, tuple[float, float], float]:
    """Percentile bootstrap of mean₂ − mean₁ with no normal assumption. An arm larger than
    ``most_units`` is resampled m out of n (from a random part of m units), its deviations
    scaled by √(m/n) (exact for means): a million rows take a fraction of a second.
    Returns (diff, interval, p)."""
    rng = np.random.default_rng(seed)
    diff = float(np.mean(variant) - np.mean(control))
    deviations = np.zeros(draws)
    for arm, sign in ((variant, 1.0), (control, -1.0)):
        m = min(len(arm), most_units)
        part = arm if m == len(arm) else arm[rng.integers(0, len(arm), size=m)]
        means = part[rng.integers(0, m, size=(draws, m))].mean(axis=1)
        deviations += sign * (means - part.mean()) * np.sqrt(m / len(arm))
    boot = diff + deviations
    low, high = np.quantile(boot, [alpha / 2, 1 - alpha / 2])
    p = min(1.0, 2 * min(np.mean(boot <= 0), np.mean(boot >= 0)) + 1 / draws)
    return (diff, (float(low), float(high)), float(p))
