"""Findings from a drivers result: whether a model beats the baseline, the top drivers, each lever's
effect for a round step with its 95% interval, and what the numbers rest on. Findings are numbers
with a ``kind``; the app words them in the user's language."""

from __future__ import annotations

import math

import numpy as np

from analytics.drivers.candidates import LEVER_SOURCES
from analytics.drivers.design import DriverData
from analytics.drivers.explain import Explanation
from analytics.drivers.models import BASELINE, OLS
from analytics.drivers.results import DriversResult, Finding

DISCOUNT_STEP_POINTS = 10
# Levers the business sets itself (festivals and outside numbers are context, not levers).
CONTROLLABLE = frozenset({"discount", "price", "spend", "lag", "promo_flag", "campaign_active"})


def findings(result: DriversResult) -> tuple[Finding, ...]:
    """Whether a model beats the baseline; if so the top drivers, the effect of each lever with
    its 95% interval (from OLS), and what the numbers rest on."""
    found = [_verdict(result)]
    if result.beats_baseline and result.explanation is not None:
        found.append(_top_drivers(result.explanation))
        found += _effects(result)
        if result.best != OLS:
            ols = result.score(OLS)
            found.append(
                Finding(
                    "linear_note",
                    {
                        "model": result.best,
                        "ols_r2": result.ols.r2,
                        "ols_mae": None if ols is None else ols.mae,
                        "best_mae": result.score(result.best).mae,
                    },
                )
            )
        explanation = result.explanation
        if explanation.sample_size < explanation.n_rows:
            found.append(
                Finding("sample", {"n": explanation.sample_size, "of": explanation.n_rows})
            )
    if result.n_dropped:
        found.append(
            Finding("rows_dropped", {"n": result.n_dropped, "of": result.n_rows + result.n_dropped})
        )
    found += _leakage(result)
    return tuple(found)


def _verdict(result: DriversResult) -> Finding:
    baseline = result.score(BASELINE)
    contenders = [s for s in result.models if s.name != BASELINE]
    best = result.score(result.best) if result.beats_baseline else None
    if best is None:
        best = contenders[0] if contenders else baseline
    params = {
        "model": best.name,
        "mae": best.mae,
        "baseline_mae": baseline.mae,
        "baseline": result.baseline,
        "gain": 1.0 - best.mae / baseline.mae if baseline.mae > 0 else 0.0,
        "r2": best.r2,
    }
    return Finding("beats_baseline" if result.beats_baseline else "no_better_than_baseline", params)


def _top_drivers(explanation: Explanation, count: int = 3) -> Finding:
    groups = explanation.group_importance
    total = sum(i.mean_abs_shap for i in groups) or 1.0
    top = groups[:count]
    return Finding(
        "top_drivers",
        {
            "features": [i.feature for i in top],
            "shares": [i.mean_abs_shap / total for i in top],
        },
    )


def _effects(result: DriversResult) -> list[Finding]:
    """The change in the target for a round step in each lever, with its 95% interval."""
    data = result.data
    source_of = dict(zip(data.features, data.sources, strict=True))
    spend_step = _spend_step(data)
    found = []
    for coefficient in result.coefficients:
        source = source_of.get(coefficient.feature)
        if source not in LEVER_SOURCES:
            continue
        values = data.x[:, data.features.index(coefficient.feature)]
        step, step_kind, step_shown = _step(source, values, spend_step)
        low, high = coefficient.ci
        effect, lo, hi = (v * step for v in (coefficient.coef, low, high))
        if result.log_target:
            effect, lo, hi = (math.expm1(v) for v in (effect, lo, hi))
        found.append(
            Finding(
                "effect",
                {
                    "feature": coefficient.feature,
                    "source": source,
                    "step": step,
                    "step_kind": step_kind,
                    "step_shown": step_shown,
                    "effect": effect,
                    "low": lo,
                    "high": hi,
                    "p_value": coefficient.p_value,
                    "clear": not (low <= 0 <= high),
                    "scale": "percent" if result.log_target else "level",
                    "target": result.target,
                    "frequency": result.frequency,
                    "dated": data.dated,
                    "segments": len(data.keys.columns) > 1,
                },
            )
        )
    order = {s: i for i, s in enumerate(LEVER_SOURCES)}
    found.sort(key=lambda f: (order[f.params["source"]], f.params["p_value"]))
    return found


def _step(source: str, values: np.ndarray, spend_step: float) -> tuple[float, str, float]:
    """(step in the column's units, how to word it, the number shown for it)."""
    if source == "discount":
        fraction = np.nanmax(values) <= 1.0
        step = DISCOUNT_STEP_POINTS / 100 if fraction else float(DISCOUNT_STEP_POINTS)
        return step, "points", float(DISCOUNT_STEP_POINTS)
    if source in ("spend", "lag"):
        return spend_step, "amount", spend_step
    if source == "price":
        step = _round_step(0.1 * float(np.nanmean(np.abs(values))))
        return step, "amount", step
    if source == "metric":  # an outside number (temperature, a budget): a typical difference
        step = _round_step(float(np.nanstd(values)))
        return step, "amount", step
    return 1.0, "on", 1.0


def _spend_step(data: DriverData) -> float:
    """One round step for every spend column, so channels compare: 10^k near their mean."""
    columns = [data.x[:, i] for i, s in enumerate(data.sources) if s in ("spend", "lag")]
    means = [float(np.mean(c[c > 0])) for c in columns if (c > 0).any()]
    if not means:
        return 1.0
    return float(10 ** round(math.log10(max(float(np.mean(means)), 1e-9))))


def _round_step(value: float) -> float:
    """The largest 1, 2 or 5 × 10^k not above value (at least 1e-9)."""
    if not value > 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return float(max(m * power for m in (1, 2, 5) if m * power <= value))


def _leakage(result: DriversResult) -> list[Finding]:
    flagged = [c for c in result.candidates if c.leakage]
    excluded = [c.name for c in flagged if c.name not in result.chosen]
    included = [c.name for c in flagged if c.name in result.chosen]
    found = []
    if excluded:
        found.append(Finding("leakage_excluded", {"features": excluded}))
    if included:
        found.append(Finding("leakage_included", {"features": included}))
    return found


def top_levers_first(found: tuple[Finding, ...], levers: int = 3) -> tuple[tuple, tuple]:
    """The findings split for reading: the verdict, the top drivers and the ``levers`` levers
    with the clearest effects (ones the business sets, interval clear of zero, then smallest p)
    first; the rest after."""
    effects = sorted(
        (f for f in found if f.kind == "effect"),
        key=lambda f: (
            f.params["source"] not in CONTROLLABLE,
            not f.params["clear"],
            f.params["p_value"],
        ),
    )
    first = {id(f) for f in effects[:levers]}
    head = [f for f in found if f.kind in ("beats_baseline", "top_drivers")]
    head += effects[:levers]
    rest = [
        f for f in found if f.kind not in ("beats_baseline", "top_drivers") and id(f) not in first
    ]
    return tuple(head), tuple(rest)
