"""Sequential monitoring of an A/B test read every day: an always-valid confidence sequence.

The asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas
("Time-uniform central limit theory and asymptotic confidence sequences", 2023) with Robbins'
normal-mixture boundary (Howard, Ramdas, McAuliffe and Sekhon 2021), applied to the difference
of means as GrowthBook's gbstats does. At every look the interval is

    Δ̂ₙ ± √(n·V̂ₙ) · √( 2(nρ² + 1) / (n²ρ²) · log(√(nρ² + 1) / α) ),

with n the units so far, V̂ₙ the variance of Δ̂ₙ, and ρ tuned for the planned number of units.
It covers the true difference at all looks at once with probability 1 − α, so reading it daily
and stopping when it excludes zero keeps false positives at α.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import UserInputError
from analytics.experiments.abtest import outcome_values, require_column, variant_codes

METHOD = (
    "asymptotic confidence sequence, normal mixture (Waudby-Smith et al. 2023; Howard et al. 2021)"
)


@dataclass(frozen=True)
class SequentialLook:
    """A variant against the control with all units assigned up to ``date``."""

    date: str
    variant: str
    units: int
    diff: float
    ci: tuple[float, float]

    @property
    def excludes_zero(self) -> bool:
        return bool(self.ci[0] > 0 or self.ci[1] < 0)

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "ci": list(self.ci), "excludes_zero": self.excludes_zero}


@dataclass(frozen=True)
class SequentialResult:
    metric: str
    control: str
    alpha: float
    method: str
    looks: tuple[SequentialLook, ...]

    def first_exclusion(self, variant: str) -> SequentialLook | None:
        """The first day the sequence for ``variant`` excluded zero, if any."""
        return next((x for x in self.looks if x.variant == variant and x.excludes_zero), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "control": self.control,
            "alpha": self.alpha,
            "method": self.method,
            "looks": [look.to_dict() for look in self.looks],
        }


def mixture_rho(planned_units: float, alpha: float) -> float:
    """The mixture's ρ that makes the boundary tightest at ``planned_units``."""
    log_term = -2 * math.log(alpha)
    return math.sqrt((log_term + math.log(log_term + 1)) / planned_units)


def half_width(units: np.ndarray, variance: np.ndarray, alpha: float, rho: float) -> np.ndarray:
    """The normal-mixture boundary around Δ̂ for n units and Var(Δ̂) (arrays over looks)."""
    n = np.asarray(units, dtype=float)
    nr2 = n * rho**2
    return np.sqrt(n * variance) * np.sqrt(
        2 * (nr2 + 1) / (n * nr2) * np.log(np.sqrt(nr2 + 1) / alpha)
    )


def confidence_sequence(
    frame: pd.DataFrame,
    variant: str,
    metric: str,
    date: str,
    control: str,
    *,
    alpha: float = 0.05,
    planned_units: float | None = None,
) -> SequentialResult:
    """Each variant against the control, looked at after each assignment day; with several
    variants each sequence is at α/(variants − 1) (Bonferroni), so all hold together."""
    for column in (variant, metric, date):
        require_column(frame, column)
    days = pd.to_datetime(frame[date], errors="coerce").dt.normalize()
    codes, variants = variant_codes(frame[variant])
    labels = pd.Series(pd.Categorical.from_codes(codes, variants))
    values = outcome_values(frame[metric], metric)
    keep = labels.notna().to_numpy() & days.notna().to_numpy() & ~np.isnan(values)
    if days[keep].nunique() < 2:
        raise UserInputError(
            f"The column {date!r} needs two or more assignment days to monitor the test.",
            code="seq_too_few_days",
            column=date,
        )
    table = _daily_sums(labels[keep], days[keep], values[keep])
    names = [name for name in table.columns.get_level_values(1).unique() if name != control]
    level = alpha / max(len(names), 1)
    rho = mixture_rho(planned_units or float(keep.sum()), level)
    looks = []
    for name in names:
        looks += _looks(table, control, name, level, rho)
    return SequentialResult(metric, control, alpha, METHOD, tuple(looks))


def _daily_sums(labels: pd.Series, days: pd.Series, values: np.ndarray) -> pd.DataFrame:
    """Cumulative units, sums and sums of squares per day (rows) and variant (columns)."""
    frame = pd.DataFrame({"day": days.to_numpy(), "variant": labels.to_numpy(), "y": values})
    frame["y2"] = values**2
    grouped = frame.groupby(["day", "variant"]).agg(
        n=("y", "size"), s=("y", "sum"), s2=("y2", "sum")
    )
    return grouped.unstack("variant", fill_value=0).sort_index().cumsum()


def _looks(
    table: pd.DataFrame, control: str, name: str, alpha: float, rho: float
) -> list[SequentialLook]:
    n_c, n_t = table[("n", control)].to_numpy(float), table[("n", name)].to_numpy(float)
    ready = (n_c >= 2) & (n_t >= 2)
    mean_c, mean_t = table[("s", control)] / n_c, table[("s", name)] / n_t
    var_c = (table[("s2", control)] - n_c * mean_c**2) / (n_c - 1)
    var_t = (table[("s2", name)] - n_t * mean_t**2) / (n_t - 1)
    variance = (var_c / n_c + var_t / n_t).to_numpy()
    diff = (mean_t - mean_c).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        half = half_width(n_c + n_t, variance, alpha, rho)
    return [
        SequentialLook(str(day.date()), name, int(n_c[i] + n_t[i]), float(diff[i]),
                       (float(diff[i] - half[i]), float(diff[i] + half[i])))
        for i, day in enumerate(table.index)
        if ready[i]
    ]  # fmt: skip
