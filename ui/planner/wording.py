"""Wording the planner's views share: chart labels, the data's period, an interval."""

from __future__ import annotations

from analytics.planner.model import PlannerModel
from ui.i18n import t


def chart_labels(**keys: str) -> dict[str, str]:
    """Chart labels by name, each the current language's string of its key."""
    return {name: t(key) for name, key in keys.items()}


def period_word(model: PlannerModel) -> str:
    """The data's period (day, week, month) in the current language."""
    return t(f"period_{model.frequency}")


def interval_text(pair: tuple[float, float], fmt: str) -> str:
    return f"{pair[0]:{fmt}} – {pair[1]:{fmt}}"
