"""Every user-visible string, in English and 简体中文. ``t(key, **params)`` in the current language.

The tables live beside this file, one module per capability; failures and file issues are
worded in English by analytics and translated here by their code (``messages``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import streamlit as st

from analytics.ingest import dates, numbers
from analytics.ingest.issues import Issue
from ui.i18n import access as access_strings
from ui.i18n import common, customers, drivers, experiments, forecast, lift, planner, recommend
from ui.i18n import imports as imports_strings
from ui.i18n import report as report_strings
from ui.i18n.messages import ISSUES_ZH

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"


def _merged(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        assert not clash, f"string keys defined twice: {sorted(clash)}"
        merged.update(table)
    return merged


STRINGS = _merged(
    common.STRINGS,
    lift.STRINGS,
    drivers.STRINGS,
    forecast.STRINGS,
    planner.STRINGS,
    experiments.STRINGS,
    customers.STRINGS,
    recommend.STRINGS,
    report_strings.STRINGS,
    imports_strings.STRINGS,
    access_strings.STRINGS,
)
_ORDER_ZH = {"dmy": "日在前", "mdy": "月在前"}
# What reading a column assumed (analytics' English note) -> its string key.
_NOTE_KEYS = {
    numbers.NOTE_PERCENT: "note_percent",
    numbers.NOTE_DECIMAL_COMMA: "note_decimal_comma",
    numbers.NOTE_THOUSANDS_COMMA: "note_thousands_comma",
    numbers.NOTE_DECIMAL_DOT: "note_decimal_dot",
    dates.NOTE_TIMES_DROPPED: "note_times_dropped",
    dates.NOTE_DAY_FIRST: "note_day_first",
    dates.NOTE_MONTH_FIRST: "note_month_first",
    dates.NOTE_TWO_DIGIT_YEARS: "note_two_digit_years",
}


_FORCED_LANGUAGE: ContextVar[str | None] = ContextVar("forced_language", default=None)


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Every ``t`` inside the block in ``lang`` (a report in another language than the page's,
    or outside a Streamlit run)."""
    token = _FORCED_LANGUAGE.set(lang)
    try:
        yield
    finally:
        _FORCED_LANGUAGE.reset(token)


def language() -> str:
    """The language widget's value; before it is drawn in a run, the one in the URL."""
    if forced := _FORCED_LANGUAGE.get():
        return forced
    lang = st.session_state.get("lang") or st.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **params: object) -> str:
    """The string for ``key`` in the current language, formatted with ``params``."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(language()) or entry["en"]
    return text.format(**params) if params else text


def issue_text(issue: Issue) -> str:
    """An issue's sentence in the current language (English comes from analytics itself)."""
    template = ISSUES_ZH.get(issue.code)
    if language() != "zh" or template is None:
        return issue.message
    rows = "、".join(str(r) for r in issue.rows) + ("等" if issue.count > len(issue.rows) else "")
    missing = "、".join(issue.params.get("missing", [])[:5])
    order = _ORDER_ZH.get(str(issue.params.get("order")), "")
    fields = {
        **issue.params,
        "count": issue.count,
        "column": issue.column or "",
        "rows": rows,
        "index": issue.params.get("index", ""),
        "missing": missing,
        "order": order,
    }
    return template.format(**fields)


def note_text(note: str) -> str:
    """What reading a column assumed, in the current language (English comes from analytics)."""
    key = _NOTE_KEYS.get(note)
    return t(key, rule=dates.TWO_DIGIT_YEAR_RULE) if key else note
