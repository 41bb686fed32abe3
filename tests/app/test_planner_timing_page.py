"""The Planner's timing section on the sample workspace: inputs from the link, the chart with the
best start highlighted and the festivals shaded, the sentence why, the table; in English, in
简体中文 (no English word) and in presenter mode."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import new_app
from tests.app.zh_scan import page_strings
from tests.zh_text import english_words, page_file_words

PLANNER = "pages/5_Planner.py"
DISCOUNT_LINK = {
    "pl_view": "timing",
    "pl_t_channel": "none",
    "pl_t_discount": "10",
    "pl_t_budget": "1000",
    "pl_t_days": "7",
}


def text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def timing_chart(at):
    return at.get("plotly_chart")[0].proto.spec


def test_a_discount_is_placed_in_the_chinese_new_year_dip(reader_home: Path) -> None:
    at = new_app(PLANNER, **DISCOUNT_LINK)
    assert at.subheader[0].value == "Timing"
    assert at.selectbox(key="pl_t_channel").value == "none"
    assert at.number_input(key="pl_t_days").value == 7
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Best window"] == "2026-02-12 to 2026-02-18"
    assert metrics["Its incremental profit"].startswith("-")
    assert "wins on low demand" in text(at) and "Chinese New Year" in text(at)
    assert "The other windows earn" in text(at)
    spec = timing_chart(at)
    assert "Best start" in spec and "Chinese New Year" in spec
    table = next(f.value for f in at.dataframe if "Behind the best" in f.value.columns)
    assert len(table) == 12
    assert table["Start"].iloc[0] == "2026-02-12"
    assert list(table["Incremental profit"]) == sorted(table["Incremental profit"], reverse=True)
    at.number_input(key="pl_t_weeks").set_value(6).run()
    assert not at.exception
    assert at.query_params["pl_t_weeks"] in ("6", ["6"])


def test_a_channel_campaign_says_timing_does_not_matter(reader_home: Path) -> None:
    at = new_app(PLANNER, pl_view="timing", pl_t_channel="display_spend", pl_t_weeks="4")
    assert "No start is better than another here" in text(at)
    assert "carry-over" in text(at)
    table = next(f.value for f in at.dataframe if "Behind the best" in f.value.columns)
    assert len(table) == 4 and set(table["Behind the best"]) == {0}


def test_nothing_to_place_asks_for_a_channel_or_a_discount(reader_home: Path) -> None:
    at = new_app(PLANNER, pl_view="timing", pl_t_channel="none")
    assert "Choose a channel or a discount" in " ".join(i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_timing_in_chinese_shows_no_english_word(reader_home: Path) -> None:
    at = new_app(PLANNER, lang="zh", **DISCOUNT_LINK)
    assert at.subheader[0].value == "投放时机"
    assert "春节" in text(at)
    found = english_words(page_strings(at), page_file_words(PLANNER))
    assert not found, "\n".join(f"{word!r} in {t!r}" for word, t in found.items())


def test_presenter_mode_shows_the_chart_and_the_verdict_without_controls(
    reader_home: Path,
) -> None:
    at = new_app(PLANNER, present="1", lang="zh", **DISCOUNT_LINK)
    assert at.subheader[0].value == "投放时机"
    assert not at.number_input
    assert not [s for s in at.selectbox if s.key and s.key.startswith("pl_t_")]
    assert len(at.get("plotly_chart")) == 1
    assert "最佳时段" in [m.label for m in at.metric]
    assert "2026-02-12 至 2026-02-18" in [m.value for m in at.metric]
    assert not at.get("download_button") and not at.table and not at.dataframe
