"""The festival calendar agrees with the days the sample generator plants festivals on."""

import pandas as pd
import pytest

from analytics.calendar import festival_days, festival_regressors
from sample_data.generate import holiday_events

GENERATOR_TO_CALENDAR = {
    "Chinese New Year": ("Chinese New Year",),
    "618": ("618 run-up", "618"),
    "Double 11": ("Double 11 run-up", "Double 11"),
    "Black Friday": ("Black Friday–Cyber Monday",),
}
FIRST, LAST = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-12-31")


@pytest.mark.parametrize("festival", sorted(GENERATOR_TO_CALENDAR))
def test_festival_days_match_the_planted_ones(festival):
    planted = sorted(
        pd.Timestamp(day)
        for event in holiday_events()
        if event.name == festival
        for day, _ in event.multipliers
    )
    ours = sorted(
        day for name in GENERATOR_TO_CALENDAR[festival] for day in festival_days(name, FIRST, LAST)
    )
    assert ours == planted


def test_daily_regressors_are_flags():
    flags = festival_regressors(pd.date_range(FIRST, LAST))
    assert flags.loc["2024-11-11", "Double 11"] == 1
    assert flags.loc["2024-11-12"].sum() == 0
    assert flags["Chinese New Year"].sum() == 14  # seven days in each of two years


def test_weekly_and_monthly_regressors_are_shares_of_the_period():
    weeks = pd.date_range("2024-11-04", periods=2, freq="W-MON")  # 4-10 Nov, 11-17 Nov
    weekly = festival_regressors(weeks, "W")
    assert weekly.loc["2024-11-04", "Double 11 run-up"] == pytest.approx(7 / 7)
    assert weekly.loc["2024-11-11", "Double 11"] == pytest.approx(1 / 7)
    monthly = festival_regressors(pd.DatetimeIndex(["2024-06-30"]), "M")  # month-end label
    assert monthly.loc["2024-06-30", "618 run-up"] == pytest.approx(17 / 30)


def test_festivals_absent_from_the_range_are_left_out():
    flags = festival_regressors(pd.date_range("2024-07-01", "2024-07-31"))
    assert flags.columns.empty
