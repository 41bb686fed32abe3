"""The Forecast's notes carry festival keys, not English sentences: each language names them."""

from __future__ import annotations

import pandas as pd

from analytics.forecast.regressors import event_regressors
from analytics.forecast.results import ForecastSettings, Note
from ui.forecast.view import note_text
from ui.i18n import in_language

UNSEEN = Note("festival_unseen", {"names": ["Chinese New Year", "Double 11 run-up"]})


def test_unseen_festivals_are_named_in_chinese() -> None:
    with in_language("zh"):
        text = note_text(UNSEEN)
    assert "春节、双十一预热" in text
    assert "Chinese New Year" not in text


def test_unseen_festivals_read_in_english_in_the_app_and_the_cli() -> None:
    with in_language("en"):
        assert note_text(UNSEEN).startswith("Chinese New Year, Double 11 run")
    assert UNSEEN.message.startswith("Chinese New Year, Double 11 run-up falls")
    assert UNSEEN.to_dict()["params"]["names"] == ["Chinese New Year", "Double 11 run-up"]


def test_a_festival_only_in_the_forecast_period_is_noted_by_its_key() -> None:
    history = pd.date_range("2024-03-01", "2024-09-30", freq="D")
    future = pd.date_range("2024-10-01", "2024-11-30", freq="D")
    notes: list[Note] = []
    event_regressors(history, future, "D", ForecastSettings(horizon=61), None, None, notes)
    unseen = next(n for n in notes if n.code == "festival_unseen")
    assert isinstance(unseen.params["names"], list)
    assert "Double 11" in unseen.params["names"]
    with in_language("zh"):
        assert "双十一" in note_text(unseen)
