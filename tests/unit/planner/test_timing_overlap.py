"""Timing a channel campaign over spend the file already plans in the same channel, against the
sample generator's own response: the campaign's spend is priced on the curve on top of the planned
spend (carry-over included), so the windows over it earn less, and the explanation says so."""

from __future__ import annotations

import pandas as pd
import pytest
from corpus import SAMPLE_CSV as SAMPLE

from analytics.ingest.load import load
from analytics.planner.model import fit_planner
from analytics.planner.timing import TimingPlan, plan_timing
from tests.timing_truth import PUSH_CHANNEL, planted_channel_profit, sample_with_planned_push

CHANNEL = PUSH_CHANNEL
BUDGET = 100_000.0
DAYS = 14


@pytest.fixture(scope="module")
def planned_file(tmp_path_factory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("overlap") / "planned.csv"
    sample_with_planned_push(pd.read_csv(SAMPLE)).to_csv(path, index=False)
    return load(path)


@pytest.fixture(scope="module")
def timing(planned_file):
    model = fit_planner(
        planned_file.frame, planned_file.mapping, "revenue", draws=100, parallel=False
    )
    plan = TimingPlan(days=DAYS, budget=BUDGET, channel=CHANNEL, weeks_ahead=8)
    return plan_timing(model, planned_file.frame, planned_file.mapping, plan)


def _planted(planned_file, start: str) -> float:
    frame = planned_file.frame.assign(date=pd.to_datetime(planned_file.frame["date"]))
    offset = (pd.Timestamp(start) - pd.Timestamp("2026-01-01")).days
    return planted_channel_profit(frame, CHANNEL, BUDGET, DAYS, offset)


def test_windows_over_the_planned_spend_lose_what_the_generator_loses(planned_file, timing):
    """The profit lost to the planned spend (alone minus on top of it) against the generator's
    loss; the curves' level error (the sample's social curve over-predicts alone, within its
    interval: tests/unit/planner/test_timing.py) cancels in the difference."""
    alone = _planted(planned_file, "2026-02-19")  # past the push and its carry-over
    for window in timing.windows:
        planted_loss = alone - _planted(planned_file, window.start)
        low, high = window.overlap_loss_ci
        assert low - 1.0 <= planted_loss <= high + 1.0, (window.start, planted_loss, low, high)
    by_start = {w.start: w for w in timing.windows}
    for start in ("2026-01-15", "2026-01-22"):  # the two windows that cover the push longest
        planted_loss = alone - _planted(planned_file, start)
        assert planted_loss > 0.25 * BUDGET  # overlap matters: it costs a quarter of the budget
        assert by_start[start].overlap_loss == pytest.approx(planted_loss, rel=0.15)


def test_overlap_is_the_reason_and_the_clear_windows_rank_first(timing) -> None:
    assert timing.reason == "overlap"
    assert {"2026-01-08", "2026-01-15", "2026-01-22"} <= set(timing.saturated)
    ranked = [w.start for w in timing.windows]
    assert all(ranked.index(s) >= len(timing.windows) - len(timing.saturated)
               for s in timing.saturated)  # fmt: skip
    assert timing.best.overlap_loss <= 0.01 * abs(timing.best.predicted_incremental_profit)
    assert timing.to_dict()["saturated"] == list(timing.saturated)
