"""What a lift estimate holds: the effect over the window with its intervals, the baseline's
make-up, the notices that qualify it and the checks on its control series."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from analytics.lift.frequencies import ROWS
from analytics.selection import row_number


@dataclass(frozen=True)
class Notice:
    """A warning about an estimate: a code and parameters (for translation) and the English
    sentence the command line prints."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "params": dict(self.params)}


@dataclass(frozen=True)
class ControlCheck:
    """Did a control series move during the window? Its window mean against its own forecast
    from the pre-period (weekday, trend, festivals), judged against how much means of windows
    of the same length wander in the pre-period."""

    name: str
    shift: float
    p_value: float
    moved: bool

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class LiftResult:
    """What a campaign added over its counterfactual baseline, summed over the window."""

    metric: str
    campaign: str | None
    start: str
    end: str
    segment: dict[str, list[str]]
    pre_start: str
    pre_end: str
    actual: float
    baseline: float
    abs_effect: float
    abs_effect_ci: tuple[float, float]
    rel_effect: float
    rel_effect_ci: tuple[float, float]
    p_value: float
    pre_mape: float
    order: tuple[int, int, int]
    controls: dict[str, float]
    warnings: tuple[str, ...]
    daily: pd.DataFrame = field(repr=False, compare=False)
    notices: tuple[Notice, ...] = ()
    festivals: tuple[str, ...] = ()
    control_checks: tuple[ControlCheck, ...] = ()
    pre_periods: int = 0
    missing_periods: int = 0
    log_scale: bool = True
    frequency: str = "D"
    # Share of the model's simulated cumulative effects above zero (what CausalImpact calls the
    # posterior probability of a positive effect); shown under that name, never as "real".
    probability_positive: float = float("nan")
    # Weight of each baseline form ("trend": trend-stationary, "level": local level) in the
    # paths, from how well each forecast the end of the pre-period.
    form_weights: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        # Without dates the window is given and reported as row numbers.
        point = int if self.frequency == ROWS else str
        return {
            "metric": self.metric,
            "campaign": self.campaign,
            "start": point(self.start),
            "end": point(self.end),
            "segment": self.segment,
            "pre_start": point(self.pre_start),
            "pre_end": point(self.pre_end),
            "actual": self.actual,
            "baseline": self.baseline,
            "abs_effect": self.abs_effect,
            "abs_effect_ci": list(self.abs_effect_ci),
            "rel_effect": self.rel_effect,
            "rel_effect_ci": list(self.rel_effect_ci),
            "p_value": self.p_value,
            "pre_mape": self.pre_mape,
            "order": list(self.order),
            "controls": self.controls,
            "warnings": list(self.warnings),
            "notices": [n.to_dict() for n in self.notices],
            "festivals": list(self.festivals),
            "control_checks": [c.to_dict() for c in self.control_checks],
            "pre_periods": self.pre_periods,
            "missing_periods": self.missing_periods,
            "log_scale": self.log_scale,
            "frequency": self.frequency,
            "probability_positive": self.probability_positive,
            "form_weights": dict(self.form_weights),
        }


def as_row_numbers(result: LiftResult) -> LiftResult:
    """A result on a file without dates, with its stand-in dates turned back into row numbers."""
    daily = result.daily.copy()
    daily.index = pd.Index([row_number(p) for p in daily.index], name="row")
    return replace(
        result,
        start=str(row_number(result.start)),
        end=str(row_number(result.end)),
        pre_start=str(row_number(result.pre_start)),
        pre_end=str(row_number(result.pre_end)),
        daily=daily,
    )
