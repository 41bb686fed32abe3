"""Cached campaign measurements, keyed by dataset id and content hash plus plain parameters.

The cached lift fits never see the margin setting: ROI under the setting is arithmetic on a
cached report (``CampaignReport.with_margin``), so changing the margin refits nothing.

A campaign table (another dataset of the workspace) may replace the campaign column: it enters
every cache key as its id and content hash ("" when the campaign column is used).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.ingest.roles import Mapping
from analytics.lift.campaign_table import (
    CampaignTable,
    looks_like_campaign_table,
    read_campaign_table,
)
from analytics.lift.checks import LiftChecks
from analytics.lift.reports import CampaignReport, measure, measure_each
from analytics.selection import Campaign, Where, campaigns_in
from analytics.summary import recent_history
from analytics.workspace import DatasetInfo, Workspace
from ui import background
from ui.failures import show_failure
from ui.progress import with_progress
from ui.workspace import cached_frame, dataset_info, workspace_home

Results = list[tuple[Campaign, CampaignReport | Failure]]


@st.cache_data(max_entries=32, show_spinner=False)
def _table(
    home: str, dataset_id: str, content_hash: str, table_id: str, table_hash: str
) -> CampaignTable | Failure:
    info = dataset_info(home, dataset_id)
    try:
        return read_campaign_table(
            cached_frame(home, table_id, table_hash),
            cached_frame(home, dataset_id, content_hash),
            info.mapping,
        )
    except UserInputError as exc:
        return Failure.of(exc)


@dataclass(frozen=True)
class _Source:
    """A dataset to measure, with the campaign table that replaces its campaign column."""

    frame: pd.DataFrame
    mapping: Mapping
    table: CampaignTable | None


def _source(
    home: str, dataset_id: str, content_hash: str, table_id: str, table_hash: str
) -> _Source | Failure:
    """The dataset and its campaign table (none without ``table_id``), or why the table cannot
    be read."""
    info = dataset_info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    table = _table(home, dataset_id, content_hash, table_id, table_hash) if table_id else None
    if isinstance(table, Failure):
        return table
    return _Source(frame, info.mapping, table)


@st.cache_data(max_entries=32, show_spinner=False)
def _campaigns(
    home: str, dataset_id: str, content_hash: str, table_id: str = "", table_hash: str = ""
) -> list[Campaign] | Failure:
    if table_id:
        table = _table(home, dataset_id, content_hash, table_id, table_hash)
        return table if isinstance(table, Failure) else list(table.campaigns)
    info = dataset_info(home, dataset_id)
    return campaigns_in(cached_frame(home, dataset_id, content_hash), info.mapping)


@st.cache_data(max_entries=512, show_spinner=False)
def _report(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    campaign: str,
    table_id: str = "",
    table_hash: str = "",
) -> CampaignReport | Failure:
    """The report (ROI with the data's or the default margin), or why this campaign cannot be
    measured."""
    return _measured(
        home, dataset_id, content_hash, table_id, table_hash, metric=metric, campaign=campaign
    )


@st.cache_data(max_entries=128, show_spinner=False)
def _window_report(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    start: str,
    end: str,
    where_json: str,
    table_id: str = "",
    table_hash: str = "",
) -> CampaignReport | Failure:
    """A window and segment defined by hand (``where_json``: the segment as JSON)."""
    return _measured(
        home, dataset_id, content_hash, table_id, table_hash,
        metric=metric, start=start, end=end, where=_where(where_json),
    )  # fmt: skip


def _measured(
    home: str, dataset_id: str, content_hash: str, table_id: str, table_hash: str, **target
) -> CampaignReport | Failure:
    source = _source(home, dataset_id, content_hash, table_id, table_hash)
    if isinstance(source, Failure):
        return source
    try:
        return measure(source.frame, source.mapping, table=source.table, **target)
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=128, show_spinner=False)
def _checks(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    campaign: str | None,
    start: str | None,
    end: str | None,
    where_json: str,
    table_id: str = "",
    table_hash: str = "",
) -> LiftChecks | Failure:
    """Robustness and placebo fits, in worker processes, with a progress bar."""
    source = _source(home, dataset_id, content_hash, table_id, table_hash)
    if isinstance(source, Failure):
        return source
    return with_progress(
        "lft_checks_running",
        lambda advance: (
            measure(
                source.frame,
                source.mapping,
                metric,
                campaign=campaign,
                start=start,
                end=end,
                where=_where(where_json),
                table=source.table,
                checks=True,
                progress=advance,
            ).checks
        ),
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _all_reports(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    table_id: str = "",
    table_hash: str = "",
) -> Results | Failure:
    """Every campaign, fitted in worker processes, with a progress bar; each campaign's own
    error is in its place in the list."""
    source = _source(home, dataset_id, content_hash, table_id, table_hash)
    if isinstance(source, Failure):
        return source
    return with_progress(
        "lft_measuring_all",
        lambda advance: measure_each(
            source.frame, source.mapping, metric, table=source.table, progress=advance
        ),
    )


@st.cache_data(max_entries=256, show_spinner=False)
def _history(
    home: str, dataset_id: str, content_hash: str, metric: str, where: str, start: str, end: str
) -> pd.Series:
    info = dataset_info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    return recent_history(frame, info.mapping, metric, _where(where), start, end)


def history(info: DatasetInfo, metric: str, where: Where, start: str, end: str) -> pd.Series:
    """The segment's metric around a window, for context (cached per dataset version)."""
    return _history(
        workspace_home(), info.id, info.content_hash, metric, where_json(where), start, end
    )


def _where(where_json: str) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in json.loads(where_json or "{}").items()}


def where_json(where: Where | None) -> str:
    """A segment as canonical JSON: the cache key and the URL's ``where`` value."""
    cleaned = {k: sorted(v) for k, v in sorted((where or {}).items()) if v}
    return json.dumps(cleaned, ensure_ascii=False, separators=(",", ":"))


def _table_key(table: DatasetInfo | None) -> tuple[str, str]:
    return (table.id, table.content_hash) if table is not None else ("", "")


def campaign_tables(workspace: Workspace, info: DatasetInfo) -> list[DatasetInfo]:
    """The workspace's other datasets whose columns make them a campaign table."""
    return [
        other
        for other in workspace.list()
        if other.id != info.id and looks_like_campaign_table(list(other.columns))
    ]


def campaign_table_of(
    info: DatasetInfo, table: DatasetInfo | None
) -> CampaignTable | Failure | None:
    """The campaign table read against the dataset (None when the campaign column is used)."""
    if table is None:
        return None
    return _table(workspace_home(), info.id, info.content_hash, *_table_key(table))


def campaigns(info: DatasetInfo, table: DatasetInfo | None = None) -> list[Campaign] | Failure:
    return _campaigns(workspace_home(), info.id, info.content_hash, *_table_key(table))


def report(
    info: DatasetInfo,
    metric: str,
    campaign: str,
    margin: float | None,
    table: DatasetInfo | None = None,
) -> CampaignReport | Failure:
    found = _report(workspace_home(), info.id, info.content_hash, metric, campaign,
                    *_table_key(table))  # fmt: skip
    return _with_margin(found, margin)


def window_report(
    info: DatasetInfo,
    metric: str,
    start: str,
    end: str,
    where: Where,
    margin: float | None,
    table: DatasetInfo | None = None,
) -> CampaignReport | Failure:
    found = _window_report(
        workspace_home(), info.id, info.content_hash, metric, start, end, where_json(where),
        *_table_key(table),
    )  # fmt: skip
    return _with_margin(found, margin)


def checks(
    info: DatasetInfo,
    metric: str,
    *,
    campaign: str | None = None,
    start: str | None = None,
    end: str | None = None,
    where: Where | None = None,
    table: DatasetInfo | None = None,
) -> LiftChecks | Failure:
    return _checks(
        workspace_home(), info.id, info.content_hash, metric, campaign, start, end,
        where_json(where), *_table_key(table),
    )  # fmt: skip


def all_reports(
    info: DatasetInfo, metric: str, margin: float | None, table: DatasetInfo | None = None
) -> Results:
    """Every campaign (cached per dataset version), measured in parallel with a progress bar;
    ROI under ``margin`` without refitting. Should the whole batch fail (its campaign table
    unreadable), the failure is shown and no campaign is returned."""
    home = workspace_home()
    background.wait_for(background.job_key(home, info.id, info.content_hash, "page_overview"))
    found = _all_reports(home, info.id, info.content_hash, metric, *_table_key(table))
    if isinstance(found, Failure):
        show_failure(found)
        return []
    return [(campaign, _with_margin(result, margin)) for campaign, result in found]


def _with_margin(
    result: CampaignReport | Failure, margin: float | None
) -> CampaignReport | Failure:
    return result.with_margin(margin) if isinstance(result, CampaignReport) else result
