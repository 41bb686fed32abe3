"""Sentences a user must read before acting on a budget split: channels the data cannot
identify (and what would identify them), channels left out, and a gain that may be nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from analytics.planner.fit import ResponseFit

DISAGREES = 3.0  # a lift this many standard errors from the uncalibrated curve is flagged
IDENTIFY = (
    "a lift test on it (a holdout of regions or users), or its spend varied on purpose "
    "(higher in some weeks or regions, lower in others), would identify it"
)


def budget_warnings(
    fit: ResponseFit, plans: Sequence[Any], gain_ci: tuple[float, float] | None
) -> tuple[str, ...]:
    """One sentence per channel (``plans``: budget.ChannelPlan) the data cannot identify or
    left out, per lift far from the uncalibrated curve, and one when the predicted gain's
    interval reaches zero or below."""
    out = []
    for plan in plans:
        if plan.identifiable:
            continue
        low, high = plan.roas_ci
        kept = (
            "its spend stays at today's rate"
            if plan.held
            else "the split moves its spend anyway because you allowed it"
        )
        out.append(
            f"{plan.channel}: the data cannot separate its effect from zero (ROAS 95% interval "
            f"{low:.2f} to {high:.2f}), so {kept}; {IDENTIFY}."
        )
    for channel, why in fit.excluded.items():
        out.append(f"{channel}: no curve ({why}), so it is not in the split; {IDENTIFY}.")
    out += calibration_warnings(fit)
    if gain_ci is not None and gain_ci[0] <= 0 < max(gain_ci[1], 1e-9):
        out.append(
            f"The predicted gain's 95% interval ({gain_ci[0]:+,.0f} to {gain_ci[1]:+,.0f}) "
            "includes zero: the curves cannot tell whether the new split earns more."
        )
    return tuple(out)


def calibration_warnings(fit: ResponseFit) -> list[str]:
    """One sentence per lift measurement far from what the uncalibrated curve predicted: a
    campaign above it only caps the curve; anything else may measure more than the channel's
    spend (an offer or creative) and moves the curve."""
    return [
        f"{check.measurement.source} ({check.measurement.channel}) measured "
        f"{check.measurement.incremental:,.0f} where the curve predicted {check.before:,.0f} "
        f"({check.z_before:+.1f} standard errors): "
        + (
            "a campaign's lift also holds its offer, creative and audience, so it only caps "
            "what the curve may predict for its spend and did not raise the curve."
            if check.under_bound
            else "if its effect came from more than its spend (an offer, creative or audience), "
            "calibrating by it moves the curve away from the channel's usual return."
        )
        for check in fit.calibration
        if abs(check.z_before) > DISAGREES
    ]
