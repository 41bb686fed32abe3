"""The Overview's alerts for the open dataset's latest import: a planted outlier week is named
with its band in English and 简体中文 (and in presenter mode); a normal import shows none."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import imports
from analytics.ingest.load import load
from analytics.ingest.profiles import profile
from analytics.ingest.reading import read_table
from analytics.workspace import Workspace
from tests.alert_data import WEEKS, planned_weeks, weekly_sales
from tests.app.conftest import new_app
from tests.app.test_number_formats import visible_text
from tests.app.zh_scan import page_strings
from tests.zh_text import english_words


def stored(home: Path, tmp_path: Path, outlier: bool) -> str:
    whole = weekly_sales(WEEKS)
    if outlier:
        whole.loc[WEEKS - 1, "revenue"] = 1800.0
    whole.iloc[: WEEKS - 2].to_csv(tmp_path / "base.csv", index=False)
    whole.iloc[WEEKS - 2 :].to_csv(tmp_path / "newer.csv", index=False)
    ws = Workspace(home)
    try:
        info = ws.save(load(tmp_path / "base.csv"), "Weekly")
        raw = read_table(tmp_path / "newer.csv")
        imports.append(ws, info.id, imports.fit_export(info, raw, profile(raw)))
        return info.id
    finally:
        ws.close()


def alert_texts(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "1,800" in w.value]


def test_an_outlier_week_is_shown(home: Path, tmp_path: Path) -> None:
    dataset_id = stored(home, tmp_path, outlier=True)
    at = new_app(None, ds=dataset_id)
    (text,) = alert_texts(at)
    assert "Latest import" in text and "outside the 95% forecast band" in text
    assert "1 of 2 new periods" in text


def test_the_alert_in_chinese_and_in_presenter_mode(home: Path, tmp_path: Path) -> None:
    dataset_id = stored(home, tmp_path, outlier=True)
    at = new_app(None, ds=dataset_id, lang="zh")
    (text,) = alert_texts(at)
    assert "最近一次导入" in text and "95% 区间" in text
    found = english_words([text], {"Weekly", "revenue"})
    assert not found, found
    assert not any(bad in " ".join(visible_text(at)) for bad in ("nan", "None", "e-0"))
    presented = new_app(None, ds=dataset_id, present="1")
    assert len(alert_texts(presented)) == 1
    assert page_strings(presented)


def test_a_normal_import_shows_no_alert(home: Path, tmp_path: Path) -> None:
    dataset_id = stored(home, tmp_path, outlier=False)
    at = new_app(None, ds=dataset_id)
    assert not [w for w in at.warning if "Latest import" in w.value]


def test_spend_above_its_plan_in_both_languages(home: Path, tmp_path: Path) -> None:
    base, newer = planned_weeks(150.0)
    base.to_csv(tmp_path / "base.csv", index=False)
    newer.to_csv(tmp_path / "newer.csv", index=False)
    ws = Workspace(home)
    try:
        info = ws.save(load(tmp_path / "base.csv"), "Planned")
        raw = read_table(tmp_path / "newer.csv")
        imports.append(ws, info.id, imports.fit_export(info, raw, profile(raw)))
    finally:
        ws.close()
    at = new_app(None, ds=info.id)
    (text,) = [w.value for w in at.warning if "planned for those dates" in w.value]
    assert "600" in text and "400" in text and "50%" in text
    zh = new_app(None, ds=info.id, lang="zh")
    (text,) = [w.value for w in zh.warning if "计划的" in w.value]
    assert "50%" in text and not english_words([text], {"Planned"})
