"""Wording the planner's views share: chart labels, the data's period, a 95% interval."""

from __future__ import annotations

from collections.abc import Callable

from analytics.formatting import count, percent
from analytics.planner.model import PlannerModel
from ui.i18n import t
from ui.numbers import money, span


def chart_labels(**keys: str) -> dict[str, str]:
    """Chart labels by name, each the current language's string of its key."""
    return {name: t(key) for name, key in keys.items()}


def period_word(model: PlannerModel) -> str:
    """The data's period (day, week, month) in the current language."""
    return t(f"period_{model.frequency}")


def band(pair: tuple[float, float], form: Callable[[float], str]) -> str:
    """A KPI's 95% interval as its caption: "95%: -1,200 to +3,400"."""
    return t("plan_interval_span", span=span(pair, form))


def signed_money(value: float) -> str:
    return money(value, signed=True)


def signed_count(value: float) -> str:
    return count(value, signed=True)


def whole_percent(value: float) -> str:
    return percent(value, 0)
