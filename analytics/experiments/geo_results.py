"""What a geo test returns: the treated markets' actual and synthetic series, the effect per day
and cumulated with 95% intervals, the p-value and the donor weights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GeoDay:
    """One day of the treated markets (total over them) and its synthetic control; the effect
    and its interval in the test window only."""

    date: str
    actual: float
    counterfactual: float
    in_window: bool
    effect_ci: tuple[float, float] | None = None
    cumulative: float | None = None
    cumulative_ci: tuple[float, float] | None = None

    @property
    def effect(self) -> float:
        return self.actual - self.counterfactual

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "actual": self.actual,
            "counterfactual": self.counterfactual,
            "effect": self.effect,
            "in_window": self.in_window,
            "effect_ci": list(self.effect_ci) if self.effect_ci else None,
            "cumulative": self.cumulative,
            "cumulative_ci": list(self.cumulative_ci) if self.cumulative_ci else None,
        }


@dataclass(frozen=True)
class GeoResult:
    metric: str
    treated: tuple[str, ...]
    start: str
    end: str
    actual: float
    counterfactual: float
    abs_effect: float
    abs_effect_ci: tuple[float, float]
    rel_effect: float
    rel_effect_ci: tuple[float, float]
    p_value: float
    weights: tuple[tuple[str, float], ...]
    pre_rmse: float
    pre_r2: float
    augmented: bool
    placebos_in_space: int
    placebos_in_time: int
    days: tuple[GeoDay, ...]

    @property
    def excludes_zero(self) -> bool:
        low, high = self.abs_effect_ci
        return bool(low > 0 or high < 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "treated": list(self.treated),
            "start": self.start,
            "end": self.end,
            "actual": self.actual,
            "counterfactual": self.counterfactual,
            "abs_effect": self.abs_effect,
            "abs_effect_ci": list(self.abs_effect_ci),
            "rel_effect": self.rel_effect,
            "rel_effect_ci": list(self.rel_effect_ci),
            "p_value": self.p_value,
            "weights": [{"location": name, "weight": w} for name, w in self.weights],
            "pre_rmse": self.pre_rmse,
            "pre_r2": self.pre_r2,
            "augmented": self.augmented,
            "placebos_in_space": self.placebos_in_space,
            "placebos_in_time": self.placebos_in_time,
            "days": [day.to_dict() for day in self.days],
        }
