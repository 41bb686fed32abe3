"""Planning an A/B test: units per variant for a minimum detectable effect, the effect a given
size can detect, and the days it takes at a daily traffic.

Proportions use Cohen's h = 2·asin√p₂ − 2·asin√p₁ and means Cohen's d = Δ/σ, with the power of
the two-sided normal test counted on both tails, as statsmodels' NormalIndPower does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import optimize, stats

from analytics.errors import UserInputError


@dataclass(frozen=True)
class TestPlan:
    baseline: float
    mde: float
    power: float
    alpha: float
    split: tuple[float, ...]
    units: tuple[int, ...]
    days: int | None = None

    @property
    def total_units(self) -> int:
        return int(sum(self.units))

    @property
    def units_per_variant(self) -> int | list[int]:
        """One number when the split is even, else the units of each variant in split order."""
        return self.units[0] if len(set(self.units)) == 1 else list(self.units)

    def to_dict(self) -> dict[str, Any]:
        return {
            "units_per_variant": self.units_per_variant,
            "total_units": self.total_units,
            "baseline": self.baseline,
            "mde": self.mde,
            "power": self.power,
            "alpha": self.alpha,
            "split": list(self.split),
            "days": self.days,
        }


def check_plan_inputs(power: float, alpha: float, split: Sequence[float]) -> tuple[float, ...]:
    """Power and α strictly between 0 and 1, at least two positive shares; the shares scaled
    to sum to one."""
    if not 0 < alpha < 1 or not 0 < power < 1:
        raise UserInputError(
            "Power and alpha must be between 0 and 1 (e.g. 0.8 and 0.05).",
            code="plan_bad_power",
        )
    if len(split) < 2 or any(not s > 0 for s in split):
        raise UserInputError(
            "The split needs two or more positive shares, e.g. 0.5,0.5.", code="plan_bad_split"
        )
    total = float(sum(split))
    return tuple(float(s) / total for s in split)


def proportion_effect(baseline: float, mde: float) -> float:
    """Cohen's h between the baseline rate and the rate a relative lift ``mde`` gives."""
    target = baseline * (1 + mde)
    if not 0 < baseline < 1 or not 0 < target < 1 or mde == 0:
        raise UserInputError(
            "The baseline rate must be between 0 and 1, and baseline × (1 + MDE) too, with a "
            "non-zero MDE (e.g. --baseline 0.1 --mde 0.05).",
            code="plan_bad_rate",
        )
    return abs(2 * math.asin(math.sqrt(target)) - 2 * math.asin(math.sqrt(baseline)))


def power_of(effect: float, units_control: float, ratio: float, alpha: float) -> float:
    """Power of the two-sided normal test with ``units_control`` and ``ratio``·units in the
    other arm, both tails counted."""
    shift = effect * math.sqrt(units_control / (1 + 1 / ratio))
    crit = stats.norm.ppf(1 - alpha / 2)
    return float(stats.norm.sf(crit - shift) + stats.norm.cdf(-crit - shift))


def control_units(effect: float, power: float, alpha: float, ratio: float) -> float:
    """The control's units (not rounded) for ``power`` at ``effect``, arm ratio n₂/n₁."""
    crit, beta = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    guess = ((crit + beta) / effect) ** 2 * (1 + 1 / ratio)
    return float(
        optimize.brentq(
            lambda n: power_of(effect, n, ratio, alpha) - power, guess * 0.5, guess * 1.5 + 2
        )
    )


def plan_sample_size(
    effect: float,
    *,
    baseline: float,
    mde: float,
    power: float = 0.8,
    alpha: float = 0.05,
    split: Sequence[float] = (0.5, 0.5),
    daily_units: float | None = None,
) -> TestPlan:
    """Units per variant so each variant against the control (the first share) has ``power``
    at the standardised ``effect``; the days at ``daily_units`` a day when given."""
    shares = check_plan_inputs(power, alpha, split)
    needed = max(control_units(effect, power, alpha, s / shares[0]) for s in shares[1:])
    units = tuple(math.ceil(needed * s / shares[0] - 1e-9) for s in shares)
    return TestPlan(baseline, mde, power, alpha, shares, units, _days(sum(units), daily_units))


def plan_proportion(
    baseline: float,
    mde: float,
    *,
    power: float = 0.8,
    alpha: float = 0.05,
    split: Sequence[float] = (0.5, 0.5),
    daily_units: float | None = None,
) -> TestPlan:
    """Units per variant to detect a relative lift ``mde`` on a conversion rate ``baseline``."""
    effect = proportion_effect(baseline, mde)
    return plan_sample_size(
        effect,
        baseline=baseline,
        mde=mde,
        power=power,
        alpha=alpha,
        split=split,
        daily_units=daily_units,
    )


def plan_mean(
    baseline: float,
    std: float,
    mde: float,
    *,
    power: float = 0.8,
    alpha: float = 0.05,
    split: Sequence[float] = (0.5, 0.5),
    daily_units: float | None = None,
) -> TestPlan:
    """Units per variant to detect a relative lift ``mde`` on a mean ``baseline`` of spread
    ``std`` (Cohen's d = mde·baseline/std)."""
    if not std > 0 or baseline == 0 or mde == 0:
        raise UserInputError(
            "The metric needs a non-zero mean, some spread and a non-zero MDE to plan a test.",
            code="plan_bad_mean",
        )
    effect = abs(mde * baseline / std)
    return plan_sample_size(
        effect,
        baseline=baseline,
        mde=mde,
        power=power,
        alpha=alpha,
        split=split,
        daily_units=daily_units,
    )


def detectable_effect(
    units_control: int, *, power: float = 0.8, alpha: float = 0.05, ratio: float = 1.0
) -> float:
    """The standardised effect (h or d) that ``units_control`` units (and ratio × as many in
    the variant) detect with ``power``."""
    if units_control < 2:
        raise UserInputError("Give at least 2 units per variant.", code="plan_too_few_units")
    return float(
        optimize.brentq(lambda e: power_of(e, units_control, ratio, alpha) - power, 1e-9, 50.0)
    )


def proportion_mde(baseline: float, effect: float) -> float:
    """The relative lift on ``baseline`` whose Cohen's h is ``effect`` (upwards)."""
    angle = math.asin(math.sqrt(baseline)) + effect / 2
    target = math.sin(min(angle, math.pi / 2)) ** 2
    return float(target / baseline - 1)


def _days(total: float, daily_units: float | None) -> int | None:
    if daily_units is None:
        return None
    if not daily_units > 0:
        raise UserInputError(
            "Daily traffic must be a positive number of units.", code="plan_bad_traffic"
        )
    return int(np.ceil(total / daily_units))
