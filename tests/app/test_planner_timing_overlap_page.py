"""The Planner's timing section on a file that already plans a social push: the sentence says
which windows the overlap makes worse and by how much, in English, in 简体中文 (no English word)
and in presenter mode."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analytics.ingest.load import load
from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.zh_scan import page_strings
from tests.timing_truth import sample_with_planned_push
from tests.unit.corpus import SAMPLE_CSV
from tests.zh_text import english_words, page_file_words

PLANNER = "pages/5_Planner.py"
LINK = {
    "pl_view": "timing",
    "pl_t_channel": "social_spend",
    "pl_t_budget": "100000",
    "pl_t_days": "14",
    "pl_t_weeks": "8",
}


def _planned_dataset(home: Path, tmp_path: Path) -> str:
    path = tmp_path / "planned.csv"
    sample_with_planned_push(pd.read_csv(SAMPLE_CSV)).to_csv(path, index=False)
    workspace = Workspace(home)
    try:
        return workspace.save(load(path), "已计划社交推广").id
    finally:
        workspace.close()


def _text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_overlap_with_a_planned_push_is_said_in_both_languages_and_presenter(
    home: Path, tmp_path: Path
) -> None:
    dataset = _planned_dataset(home, tmp_path)
    at = new_app(PLANNER, ds=dataset, **LINK)
    text = _text(at)
    assert "differ by the spend already planned in the same channel" in text
    assert "Overlap makes these windows worse: starting " in text and "2026-01-15" in text
    table = next(f.value for f in at.dataframe if "Behind the best" in f.value.columns)
    assert "Lost to overlap" in table.columns
    assert table.set_index("Start").loc["2026-01-15", "Lost to overlap"] > 0

    zh = new_app(PLANNER, ds=dataset, lang="zh", **LINK)
    assert "重叠使这些时段更差" in _text(zh)
    found = english_words(page_strings(zh), page_file_words(PLANNER))
    assert not found, "\n".join(f"{word!r} in {t!r}" for word, t in found.items())

    shown = new_app(PLANNER, ds=dataset, present="1", lang="zh", **LINK)
    assert "重叠使这些时段更差" in _text(shown)
    assert not shown.dataframe and len(shown.get("plotly_chart")) == 1
