"""How the Experiments page words numbers: rates, means, differences, p-values, intervals."""

from __future__ import annotations

from analytics.experiments.results import PROPORTION, ABResult
from analytics.formatting import p_clause, percent, points, ratio
from analytics.formatting import p_value as p_text
from ui.i18n import t
from ui.numbers import column_name, in_words, span
from ui.numbers import money as amount

# The page's names for analytics.formatting's (and ui.numbers') writers, kept so the Experiments
# views read as before: p_text and p_clause ("< 0.001", three decimals), span ("a to b"), amount.
__all__ = ["amount", "diff_text", "p_clause", "p_text", "rel_text", "span", "value_text"]


def value_text(value: float, metric_type: str) -> str:
    """A variant's mean: a rate as a percentage, a mean or ratio with separators."""
    return percent(value, 2) if metric_type == PROPORTION else ratio(value)


def diff_text(value: float, metric_type: str) -> str:
    """A difference: percentage points for rates."""
    if metric_type == PROPORTION:
        return t("exp_pp", value=points(value, 2))
    return ratio(value, signed=True)


def rel_text(value: float) -> str:
    return percent(value, signed=True)


def metric_label(result: ABResult) -> str:
    """The metric's name with its kind: rate, mean per unit, or ratio."""
    if result.denominator:
        kind = t(
            "exp_type_ratio",
            metric=in_words(result.metric),
            denominator=in_words(result.denominator),
        )
    else:
        kind = t(f"exp_type_{result.metric_type}")
    return f"{column_name(result.metric)} · {kind}"
