"""The one way a failure reaches the user: analytics' English sentence, or its 简体中文 by code."""

from __future__ import annotations

from typing import Any

import streamlit as st

from analytics.errors import Failure, UserInputError
from ui.i18n import STRINGS, language, t
from ui.i18n.messages import FAILURES_ZH
from ui.numbers import column_name
from ui.safe import md


def festival_name(name: str) -> str:
    """A festival's name in the current language."""
    key = f"lft_fest_{name}"
    return t(key) if key in STRINGS else name


def localised(params: dict[str, Any]) -> dict[str, Any]:
    """Units, festival names and channels among a message's parameters, in the current language
    (a channel by its display name)."""
    out = dict(params)
    if isinstance(out.get("channel"), str):
        out["channel"] = column_name(out["channel"])
    if "unit" in out:
        out["unit"] = t(f"lft_unit_{out['unit']}")
    if "festival" in out:
        out["festival"] = festival_name(str(out["festival"]))
    return out


def failure_text(failure: Failure | UserInputError | str, *, markdown: bool = True) -> str:
    """Why something could not be computed, in the current language; escaped for Markdown
    unless ``markdown`` is False (a table cell, a chart label)."""
    if isinstance(failure, UserInputError):
        failure = Failure.of(failure)
    if isinstance(failure, str):
        failure = Failure(failure)
    template = FAILURES_ZH.get(failure.code or "") if language() == "zh" else None
    if template is None:
        message = _named(failure.message, failure.params)
        return md(message) if markdown else message
    params = localised(failure.params)
    if markdown:
        params = {k: md(v) if isinstance(v, str) else v for k, v in params.items()}
    return template.format(**params)


def _named(message: str, params: dict[str, Any]) -> str:
    """Analytics' English sentence with the channel it names by its display name."""
    channel = params.get("channel")
    if not isinstance(channel, str) or not channel:
        return message
    return message.replace(channel, column_name(channel))


def show_failure(failure: Failure | UserInputError | str, *, reason_key: str | None = None) -> None:
    """The failure as an error box; ``reason_key`` names a page string that frames it."""
    text = failure_text(failure)
    st.error(t(reason_key, reason=text) if reason_key else text)
