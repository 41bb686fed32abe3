"""Every reason the inference gives and every dataset kind is worded in English and 简体中文, and
the registry sends each kind a page cannot use to the page that fits it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st

from analytics.ingest import inference
from analytics.ingest.inference import RoleGuess
from analytics.ingest.roles import (
    CALENDAR,
    DIMENSION,
    ENTITIES,
    EVENTS,
    EXPERIMENT,
    KINDS,
    PANEL,
    ROLES,
)
from ui.data.reasons import reason_text
from ui.i18n import STRINGS
from ui.kinds import (
    CUSTOMERS,
    DRIVERS,
    EXPERIMENTS,
    FITS,
    FORECAST,
    LIFT,
    OVERVIEW,
    PLANNER,
    RECOMMENDATIONS,
    gate_text,
    page_for,
    pages_for,
)

INFERENCE = Path(inference.__file__)


def _reason_codes() -> set[str]:
    pattern = re.compile(r'RoleGuess\(\s*\w+,\s*"([a-z_]+)"')
    return set(pattern.findall(INFERENCE.read_text()))


@pytest.fixture
def lang():
    def use(language: str) -> None:
        st.session_state["lang"] = language

    yield use
    st.session_state.pop("lang", None)


def test_every_reason_part_role_and_kind_has_both_languages() -> None:
    codes = _reason_codes()
    assert {"name", "values_two", "values_date_part", "values_per_date"} <= codes
    keys = [f"reason_{code}" for code in codes]
    keys += [f"date_part_{part}" for part in inference._PARTS]
    keys += [f"role_{role}" for role in ROLES]
    for kind in KINDS:
        keys += [f"dataset_kind_{kind}", f"dataset_kind_short_{kind}", f"dataset_kind_is_{kind}"]
    keys += [fit.next_step for fit in FITS] + [fit.needs for fit in FITS if fit.needs]
    missing = [key for key in keys if set(STRINGS.get(key, {})) != {"en", "zh"}]
    assert not missing


def test_reasons_name_the_part_the_date_column_and_the_count(lang) -> None:
    part = RoleGuess(CALENDAR, "values_date_part", {"part": "quarter", "date": "Date"})
    per_date = RoleGuess(DIMENSION, "values_per_date", {"date": "Date"})
    unique = RoleGuess("id", "values_unique", {"count": 12500})
    lang("en")
    assert reason_text(part) == "restates the quarter of 'Date'"
    assert reason_text(per_date) == "a code repeated once per date of 'Date'"
    assert reason_text(unique) == "a different value on every row (12,500 values)"
    assert reason_text(RoleGuess("flag", "values_two")) == "only two values (0/1, yes/no)"
    assert reason_text(RoleGuess("metric", "name")) == "the name says so"
    named = RoleGuess("id", "name_unique", {"named": "customer"})
    assert reason_text(named).startswith("named like a customer, but a different value")
    lang("zh")
    assert reason_text(part) == "重复了“Date”的季度"
    assert reason_text(per_date) == "在“Date”的每个日期各出现一次的代码"
    assert reason_text(named).startswith("列名像客户")


def test_time_pages_work_on_dated_kinds_and_send_the_others_where_they_fit() -> None:
    assert pages_for(PANEL) == [OVERVIEW, LIFT, DRIVERS, EXPERIMENTS, FORECAST, PLANNER]
    assert pages_for(EVENTS) == [
        OVERVIEW, LIFT, DRIVERS, CUSTOMERS, FORECAST, PLANNER, RECOMMENDATIONS
    ]  # fmt: skip
    assert pages_for(ENTITIES) == [DRIVERS]
    assert page_for(ENTITIES).page == DRIVERS
    assert pages_for(EXPERIMENT) == [DRIVERS, EXPERIMENTS]
    assert page_for(EXPERIMENT).page == EXPERIMENTS  # the most specific page wins over Drivers
    assert page_for(PANEL).page == OVERVIEW


def test_the_gate_sentence(lang) -> None:
    lift = next(fit for fit in FITS if fit.page == LIFT)
    lang("en")
    assert gate_text(ENTITIES, lift, page_for(ENTITIES)) == (
        "This dataset is a table of stores/customers without dates: campaign lift needs one row "
        "per date. Open Drivers to see what drives its metrics."
    )
    lang("zh")
    assert gate_text(ENTITIES, lift, page_for(ENTITIES)) == (
        "该数据集是不含日期的门店/客户表：活动增量需要按日期排列的数据。打开“驱动因素”查看影响其指标的因素。"
    )
