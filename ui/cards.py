"""KPI cards: a headline number, with its interval as a neutral caption under it."""

from __future__ import annotations

from typing import Any


def kpi(
    container: Any, label: str, value: str, interval: str | None = None, *, help: str | None = None
) -> None:
    """A KPI card in ``container`` (a column). An interval is a caption, never ``st.metric``'s
    delta: a delta pill draws an arrow that reads as a rise or a drop."""
    container.metric(label, value, help=help)
    if interval:
        container.caption(interval)
