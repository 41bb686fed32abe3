"""One failure type and one place that words it: every code analytics raises has its 简体中文."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st

from analytics.errors import Failure, UserInputError
from ui.failures import failure_text
from ui.i18n.messages import FAILURES_ZH, ISSUES_ZH

ANALYTICS = Path(__file__).resolve().parents[3] / "analytics"


def _codes_raised() -> set[str]:
    pattern = re.compile(r'code\s*=\s*"([a-z_]+)"')
    return {code for path in ANALYTICS.rglob("*.py") for code in pattern.findall(path.read_text())}


def test_every_code_analytics_writes_has_a_chinese_sentence() -> None:
    missing = sorted(c for c in _codes_raised() if c not in FAILURES_ZH and c not in ISSUES_ZH)
    assert not missing


@pytest.fixture
def chinese():
    st.session_state["lang"] = "zh"
    yield
    del st.session_state["lang"]


def test_a_failure_is_worded_by_its_code_in_chinese_and_by_analytics_in_english(chinese) -> None:
    error = UserInputError(
        "The holdout must be between 1 and 13 periods.", code="holdout_range", most=13
    )
    assert failure_text(error) == "留出期必须在 1 到 13 个周期之间。"
    st.session_state["lang"] = "en"
    assert failure_text(Failure.of(error), markdown=False) == str(error)


def test_names_from_the_file_are_escaped_for_markdown_in_both_languages(chinese) -> None:
    failure = Failure(
        "'**x**' is not a dimension", "not_dimension", {"column": "**x**", "dimensions": "-"}
    )
    assert "\\*\\*x\\*\\*" in failure_text(failure)
    assert "**x**" in failure_text(failure, markdown=False)


def test_a_failure_survives_pickling_with_its_parameters() -> None:
    import pickle

    failure = Failure.of(UserInputError("m", code="holdout_range", most=13))
    assert pickle.loads(pickle.dumps(failure)) == failure
    assert failure.to_dict() == {"message": "m", "code": "holdout_range", "params": {"most": 13}}
