"""Cached campaign measurements, keyed by dataset id and content hash plus plain parameters."""

from __future__ import annotations

import streamlit as st

from analytics.campaigns import CampaignReport, measure
from analytics.errors import UserInputError
from analytics.series import Campaign, campaigns_in
from analytics.workspace import DatasetInfo
from ui.i18n import t
from ui.workspace import cached_frame, open_workspace, workspace_home


@st.cache_data(max_entries=32, show_spinner=False)
def _campaigns(home: str, dataset_id: str, content_hash: str) -> list[Campaign]:
    info = _info(home, dataset_id)
    return campaigns_in(cached_frame(home, dataset_id, content_hash), info.mapping)


@st.cache_data(max_entries=512, show_spinner=False)
def _report(
    home: str, dataset_id: str, content_hash: str, metric: str, campaign: str, margin: float | None
) -> CampaignReport | str:
    """The report, or the sentence saying why this campaign cannot be measured."""
    info = _info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    try:
        return measure(frame, info.mapping, metric, campaign=campaign, margin=margin)
    except UserInputError as exc:
        return str(exc)


def _info(home: str, dataset_id: str) -> DatasetInfo:
    return open_workspace(home).get(dataset_id)


def campaigns(info: DatasetInfo) -> list[Campaign]:
    return _campaigns(workspace_home(), info.id, info.content_hash)


def report(
    info: DatasetInfo, metric: str, campaign: str, margin: float | None
) -> CampaignReport | str:
    return _report(workspace_home(), info.id, info.content_hash, metric, campaign, margin)


def all_reports(
    info: DatasetInfo, metric: str, margin: float | None
) -> list[tuple[Campaign, CampaignReport | str]]:
    """Every campaign, with a progress bar while uncached ones are measured."""
    found = campaigns(info)
    bar = st.progress(0.0)
    results = []
    for done, campaign in enumerate(found):
        label = t("measuring", name=campaign.name, done=done + 1, total=len(found))
        bar.progress(done / max(1, len(found)), text=label)
        results.append((campaign, report(info, metric, campaign.name, margin)))
    bar.empty()
    return results
