"""How the Experiments page words numbers: rates, means, differences, p-values, intervals."""

from __future__ import annotations

from analytics.experiments.results import PROPORTION, ABResult
from ui.i18n import t


def p_text(p: float) -> str:
    """A p-value as a statistician reads it, never 0.000."""
    return "< 0.0001" if p < 0.0001 else f"{p:.2g}"


def p_clause(p: float) -> str:
    """``p = 0.034`` or ``p < 0.0001``, for sentences."""
    text = p_text(p)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def value_text(value: float, metric_type: str) -> str:
    """A variant's mean: a rate as a percentage, a mean or ratio with separators."""
    return f"{value:.2%}" if metric_type == PROPORTION else f"{value:,.2f}"


def diff_text(value: float, metric_type: str) -> str:
    """A difference: percentage points for rates."""
    if metric_type == PROPORTION:
        return t("exp_pp", value=f"{value * 100:+.2f}")
    return f"{value:+,.2f}"


def rel_text(value: float) -> str:
    return f"{value:+.1%}"


def span(pair: tuple[float, float], form) -> str:
    """An interval as ``low – high`` in the given formatter."""
    return f"{form(pair[0])} – {form(pair[1])}"


def metric_label(result: ABResult) -> str:
    """The metric's name with its kind: rate, mean per unit, or ratio."""
    if result.denominator:
        kind = t("exp_type_ratio", metric=result.metric, denominator=result.denominator)
    else:
        kind = t(f"exp_type_{result.metric_type}")
    return f"{result.metric} · {kind}"


def amount(value: float) -> str:
    return f"{value:,.0f}"
