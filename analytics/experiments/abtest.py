"""An A/B test read from one row per unit: each variant against the control on one outcome.

Proportions (0/1 outcomes) by the pooled two-proportion z-test, means by Welch's t (with Yuen's
trimmed-mean test beside it for heavy tails), ratio metrics (ΣY/ΣN, e.g. revenue per order) by
the delta method; Holm's correction when several variants are compared; the sample-ratio
check against the planned split; CUPED with a pre-experiment covariate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.experiments import stats
from analytics.experiments.results import (
    MEAN,
    PROPORTION,
    RATIO,
    ABResult,
    Comparison,
    Cuped,
    RobustCheck,
    SampleRatio,
    VariantSummary,
)
from analytics.ingest.numbers import BOOLEAN_FALSE, BOOLEAN_TRUE

TRIM = 0.2
CONTROL_NAME = re.compile(r"control|ctrl|baseline|holdout|对照|^a$|^0$")
MOST_VARIANTS = 20
YUEN = "Yuen trimmed-mean t (20%)"
HOLM = "holm"
BOOTSTRAP = "bootstrap of the difference of means (300 draws)"
METHODS = {
    PROPORTION: "pooled two-proportion z-test",
    MEAN: "Welch t-test",
    RATIO: "delta-method z-test",
}
CUPED_ADJUSTED = " on CUPED-adjusted values"  # appended to a test's name when CUPED applies


@dataclass(frozen=True)
class Arm:
    """One variant's outcome values (and the ratio's denominators)."""

    name: str
    values: np.ndarray
    denominators: np.ndarray | None = None


def analyse_ab(
    frame: pd.DataFrame,
    variant: str,
    metric: str,
    *,
    control: str | None = None,
    covariate: str | None = None,
    split: Sequence[float] | None = None,
    denominator: str | None = None,
    alpha: float = 0.05,
) -> ABResult:
    """Every variant against the control on ``metric``; the control defaults to the first
    variant in sorted order, the planned split to equal shares."""
    for column in (variant, metric, covariate, denominator):
        require_column(frame, column)
    codes, names = variant_codes(frame[variant])
    if len(names) < 2:
        raise UserInputError(
            f"The column {variant!r} holds one variant only; an A/B test needs two or more.",
            code="ab_one_variant",
            column=variant,
        )
    if len(names) > MOST_VARIANTS:
        raise UserInputError(
            f"The column {variant!r} holds {len(names):,} different values: choose the column "
            "that names each unit's variant (a few values such as control and treatment).",
            code="ab_too_many_variants",
            column=variant,
            count=len(names),
        )
    control = chosen_control(names, control, variant)
    srm = sample_ratio(codes, names, split)
    values = outcome_values(frame[metric], metric)
    keep = (codes >= 0) & ~np.isnan(values)
    denominators = None
    if denominator is not None:
        denominators = outcome_values(frame[denominator], denominator)
        keep &= ~np.isnan(denominators)
    metric_type = _metric_type(values[keep], denominator)
    cuped = None
    if covariate is not None:
        if denominator is not None:
            raise UserInputError(
                "CUPED applies to proportions and means, not to ratio metrics: drop the "
                "covariate or the denominator.",
                code="ab_cuped_ratio",
            )
        covariates = outcome_values(frame[covariate], covariate)
        keep &= ~np.isnan(covariates)
        values, cuped = cuped_adjusted(values, covariates, keep, covariate)
    arms = _arms(codes[keep], values[keep], names, denominators, keep)
    return _compare(arms, control, metric, metric_type, srm, cuped, alpha, denominator, keep)


def require_column(frame: pd.DataFrame, column: str | None) -> None:
    if column is not None and column not in frame.columns:
        raise UserInputError(
            f"The file has no column {column!r}; columns: {', '.join(map(str, frame.columns))}.",
            code="ab_unknown_column",
            column=column,
        )


def variant_codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each row's variant as a code into the sorted variant names (−1: blank or missing);
    names are text, so 1 and 1.0 are the same arm."""
    if pd.api.types.is_float_dtype(column) and (column.dropna() % 1 == 0).all():
        column = column.astype("Int64")
    text = column.astype("string[pyarrow]").str.strip()
    codes, uniques = pd.factorize(text.where(text != ""), sort=True)
    return np.asarray(codes), [str(name) for name in uniques]


def outcome_values(column: pd.Series, name: str) -> np.ndarray:
    """An outcome as floats: numbers as they are, yes/no, true/false and 是/否 as 1/0. Text
    columns (ids, names) are refused: the reader already made every numeric column a number."""
    if pd.api.types.is_bool_dtype(column):
        return column.astype(float).to_numpy()
    if pd.api.types.is_numeric_dtype(column):
        return column.astype(float).to_numpy()
    text = column.astype("string").str.strip().str.lower()
    known = text.isna() | text.isin(BOOLEAN_TRUE + BOOLEAN_FALSE + ("1", "0"))
    if not known.all():
        raise UserInputError(
            f"The outcome {name!r} is neither numeric nor 0/1-like (yes/no, true/false): "
            "choose a numeric or 0/1 column.",
            code="ab_outcome_not_numeric",
            column=name,
        )
    truth = text.isin((*BOOLEAN_TRUE, "1")).astype(float)
    return truth.where(text.notna(), np.nan).to_numpy(dtype=float)


def chosen_control(names: list[str], control: str | None, variant: str) -> str:
    if control is None:
        return names[0]
    if control not in names:
        raise UserInputError(
            f"{control!r} is not a value of {variant!r}; its variants: {', '.join(names)}.",
            code="ab_unknown_control",
            control=control,
            variants=", ".join(names),
        )
    return control


def sample_ratio(codes: np.ndarray, names: list[str], split: Sequence[float] | None) -> SampleRatio:
    """Units per variant against the planned shares (equal unless given, in sorted order)."""
    observed = np.bincount(codes[codes >= 0], minlength=len(names))
    return ratio_check(observed, split)


def ratio_check(observed: Sequence[float], split: Sequence[float] | None) -> SampleRatio:
    """The sample-ratio test of units per variant against the planned split."""
    units = tuple(int(np.rint(n)) for n in observed)
    shares = planned_shares(split, len(units))
    return SampleRatio(stats.sample_ratio_test(units, shares), shares, units)


def planned_shares(split: Sequence[float] | None, count: int) -> tuple[float, ...]:
    """The planned split as shares summing to one; equal shares when none is given."""
    if split is None:
        return tuple([1 / count] * count)
    if len(split) != count or any(not share > 0 for share in split):
        raise UserInputError(
            f"The split needs {count} positive shares, one per variant in sorted order "
            f"(got {', '.join(f'{s:g}' for s in split)}).",
            code="ab_split_mismatch",
            count=count,
        )
    total = float(sum(split))
    return tuple(float(share) / total for share in split)


def cuped_adjusted(
    values: np.ndarray, covariates: np.ndarray, keep: np.ndarray, name: str
) -> tuple[np.ndarray, Cuped]:
    """The outcome minus θ·(covariate − mean), and the share of its variance removed."""
    y, x = values[keep], covariates[keep]
    theta = stats.cuped_theta(y, x)
    adjusted = values - theta * (covariates - float(np.mean(x)))
    before = float(np.var(y, ddof=1))
    reduction = 1 - float(np.var(adjusted[keep], ddof=1)) / before if before > 0 else 0.0
    return adjusted, Cuped(name, reduction, theta)


def _metric_type(values: np.ndarray, denominator: str | None) -> str:
    if denominator is not None:
        return RATIO
    if len(values) and np.isin(values, (0.0, 1.0)).all():
        return PROPORTION
    return MEAN


def _arms(
    codes: np.ndarray,
    values: np.ndarray,
    names: list[str],
    denominators: np.ndarray | None,
    keep: np.ndarray,
) -> dict[str, Arm]:
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
    kept_denominators = denominators[keep][order] if denominators is not None else None
    sorted_values = values[order]
    arms = {}
    for i, name in enumerate(names):
        part = slice(bounds[i], bounds[i + 1])
        denoms = kept_denominators[part] if kept_denominators is not None else None
        arms[name] = Arm(name, sorted_values[part], denoms)
    return arms


def _compare(
    arms: dict[str, Arm],
    control: str,
    metric: str,
    metric_type: str,
    srm: SampleRatio,
    cuped: Cuped | None,
    alpha: float,
    denominator: str | None,
    keep: np.ndarray,
) -> ABResult:
    for arm in arms.values():
        if len(arm.values) < 2:
            raise UserInputError(
                f"The variant {arm.name!r} has fewer than 2 units with a value of {metric!r}.",
                code="ab_too_few_units",
                variant=arm.name,
            )
    # CUPED-adjusted outcomes are no longer 0/1: they are compared as means.
    test_type = MEAN if cuped is not None else metric_type
    summaries = {name: summarise(arm, test_type, alpha) for name, arm in arms.items()}
    raw = [
        compare(arms[control], arm, summaries[control], summaries[name], test_type, alpha)
        for name, arm in arms.items()
        if name != control
    ]
    result = ABResult(
        metric=metric,
        metric_type=metric_type,
        control=control,
        variants=tuple(summaries.values()),
        comparisons=tuple(replace(c, **_cuped_method(c, cuped, metric_type)) for c in raw),
        srm=srm,
        cuped=cuped,
        correction=None,
        denominator=denominator,
        dropped_rows=int((~keep).sum()),
    )
    return holm_over([result])[0]


def holm_over(results: Sequence[ABResult]) -> tuple[ABResult, ...]:
    """Holm's correction over every comparison of every result together."""
    adjusted = iter(stats.holm([c.p_value for r in results for c in r.comparisons]))
    several = sum(len(r.comparisons) for r in results) > 1
    return tuple(
        replace(
            result,
            comparisons=tuple(
                replace(c, p_value_adjusted=next(adjusted)) for c in result.comparisons
            ),
            correction=HOLM if several else None,
        )
        for result in results
    )


def summarise(arm: Arm, metric_type: str, alpha: float) -> VariantSummary:
    """Units, mean and its 95% interval (Wilson for proportions, t for means, delta for ratios)."""
    n = len(arm.values)
    if metric_type == RATIO:
        ratio, se = stats.ratio_mean_and_se(arm.values, arm.denominators)
        return VariantSummary(arm.name, n, ratio, stats.normal_interval(ratio, se, alpha), se)
    mean = float(np.mean(arm.values))
    if metric_type == PROPORTION:
        ci = stats.wilson_interval(float(arm.values.sum()), n, alpha)
        return VariantSummary(arm.name, n, mean, ci, float(np.sqrt(mean * (1 - mean) / n)))
    variance = float(np.var(arm.values, ddof=1))
    ci = stats.mean_interval(mean, variance, n, alpha)
    return VariantSummary(arm.name, n, mean, ci, float(np.sqrt(variance / n)))


def compare(
    control: Arm | None,
    variant: Arm | None,
    base: VariantSummary,
    other: VariantSummary,
    metric_type: str,
    alpha: float,
) -> Comparison:
    """The variant minus the control: difference and relative difference with intervals, p."""
    diff = other.mean - base.mean
    robust = None
    if metric_type == PROPORTION:
        successes = (base.mean * base.units, other.mean * other.units)
        _, p = stats.pooled_z_test(successes[0], base.units, successes[1], other.units)
        se = float(np.hypot(base.std_error, other.std_error))
        diff_ci = stats.normal_interval(diff, se, alpha)
    elif metric_type == MEAN:
        v1, v2 = base.std_error**2 * base.units, other.std_error**2 * other.units
        _, _, p = stats.welch_t_test(base.mean, v1, base.units, other.mean, v2, other.units)
        diff_ci = stats.welch_interval(diff, v1, base.units, v2, other.units, alpha)
        if control is not None and variant is not None:
            robust = robust_check(control.values, variant.values)
    else:
        se = float(np.hypot(base.std_error, other.std_error))
        z = diff / se if se > 0 else 0.0
        p = float(2 * stats.stats.norm.sf(abs(z)))
        diff_ci = stats.normal_interval(diff, se, alpha)
    rel, rel_ci = stats.relative_difference(
        base.mean, base.std_error, other.mean, other.std_error, alpha
    )
    return Comparison(other.name, diff, diff_ci, rel, rel_ci, p, p, METHODS[metric_type], robust)


def robust_check(control: np.ndarray, variant: np.ndarray) -> RobustCheck:
    """Yuen's trimmed-mean test, or the bootstrap when trimming leaves no spread."""
    trimmed = stats.trimmed_t_test(control, variant, TRIM)
    if trimmed is not None:
        return RobustCheck(YUEN, *trimmed)
    return RobustCheck(BOOTSTRAP, *stats.bootstrap_mean_difference(control, variant))


def _cuped_method(comparison: Comparison, cuped: Cuped | None, metric_type: str) -> dict[str, Any]:
    """With CUPED the test runs on the adjusted outcome; a 0/1 outcome needs no tail check."""
    if cuped is None:
        return {}
    robust = comparison.robust if metric_type == MEAN else None
    return {"method": comparison.method + CUPED_ADJUSTED, "robust": robust}


def likely_control(names: Sequence[str]) -> str:
    """The variant named like a control (control, ctrl, baseline, holdout, 对照, A), else the
    first in sorted order."""
    for name in sorted(names):
        if CONTROL_NAME.search(name.strip().lower()):
            return name
    return sorted(names)[0]
