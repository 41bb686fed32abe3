"""Feature names as a reader sees them: the parts of the date, festivals, a campaign's active
flag and a column's previous value in the current language; names from the file as they are.

Analytics names its derived features with stable keys (``weekday=Mon``, ``month=Jan``,
``trend``, ``<campaign>_active``, ``<column>_lag1``, festival keys); this is their one wording.
"""

from __future__ import annotations

from analytics.calendar import FESTIVALS
from analytics.drivers.design import MONTHS, OTHER_LEVEL, WEEKDAYS
from ui.failures import festival_name
from ui.i18n import t
from ui.numbers import column_name

CALENDAR_PARTS = ("weekday", "month", "trend")
NO_LEVEL = "(none)"  # analytics/drivers/design.py: the level of an empty cell


def feature_label(name: str, *, in_sentence: bool = False) -> str:
    """A design feature (``group=level`` for one level of a category) or a candidate's name;
    a column of the file by its display name (``in_sentence``: its form inside a sentence)."""
    group, one_hot, level = name.partition("=")
    if one_hot:
        return f"{_group_label(group, in_sentence)}={level_label(group, level)}"
    return _group_label(name, in_sentence)


def level_label(group: str, level: str) -> str:
    """One level of a categorical feature: weekday and month names translated."""
    if group == "weekday" and level in WEEKDAYS:
        return t(f"drv_weekday_{level}")
    if group == "month" and level in MONTHS:
        return t(f"drv_month_{level}")
    if level == OTHER_LEVEL:
        return t("drv_level_other")
    if level == NO_LEVEL:
        return t("drv_level_none")
    return level


def _group_label(name: str, in_sentence: bool = False) -> str:
    if name in CALENDAR_PARTS:
        return t(f"drv_feature_{name}")
    if name in FESTIVALS:
        return festival_name(name)
    if name.endswith("_active"):
        return t("drv_feature_active", campaign=name.removesuffix("_active"))
    if name.endswith("_lag1"):
        return t("drv_feature_lag", column=column_name(name.removesuffix("_lag1")))
    return column_name(name, in_sentence=in_sentence)
