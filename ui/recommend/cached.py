"""The Recommendations page's cached computations, keyed by dataset id, content hash and plain
parameters; a user error comes back as a Failure."""

from __future__ import annotations

from dataclasses import astuple

import pandas as pd
import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.recommend.evaluation import Evaluation, default_cutoff, evaluate
from analytics.recommend.lines import CleanLines, LogColumns, clean_lines
from analytics.recommend.next_items import NextItems, next_items
from analytics.recommend.rules import BasketResult, basket_rules
from analytics.recommend.segment_offers import SegmentOffers, customer_segments, segment_offers
from analytics.workspace import DatasetInfo
from ui.progress import with_progress
from ui.workspace import cached_frame, workspace_home

Columns = tuple[str | None, ...]  # LogColumns' fields in their order


def _key(columns: LogColumns) -> Columns:
    return astuple(columns)


def _lines(home: str, dataset_id: str, content_hash: str, columns: Columns) -> CleanLines:
    return clean_lines(cached_frame(home, dataset_id, content_hash), LogColumns(*columns))


@st.cache_data(max_entries=32, show_spinner=False)
def _basket(
    home: str,
    dataset_id: str,
    content_hash: str,
    columns: Columns,
    support: float,
    confidence: float,
) -> BasketResult | Failure:
    try:
        return basket_rules(_lines(home, dataset_id, content_hash, columns), support, confidence)
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=32, show_spinner=False)
def _cutoff(home: str, dataset_id: str, content_hash: str, columns: Columns) -> str | Failure:
    try:
        lines = _lines(home, dataset_id, content_hash, columns)
        return f"{default_cutoff(lines.frame['date']):%Y-%m-%d}"
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=32, show_spinner=False)
def _evaluation(
    home: str, dataset_id: str, content_hash: str, columns: Columns, cutoff: str, k: int
) -> Evaluation | Failure:
    """The three methods in worker processes, under a progress bar."""

    def work(advance) -> Evaluation:
        lines = _lines(home, dataset_id, content_hash, columns)
        return evaluate(lines, pd.Timestamp(cutoff), k, advance=advance, parallel=True)

    return with_progress("rec_progress", work)


@st.cache_data(max_entries=32, show_spinner=False)
def _next_items(
    home: str, dataset_id: str, content_hash: str, columns: Columns, method: str, top_n: int
) -> NextItems | Failure:
    """Every customer's items by the method used, under a progress bar."""

    def work(advance) -> NextItems:
        lines = _lines(home, dataset_id, content_hash, columns)
        return next_items(lines, method, top_n)

    return with_progress("rec_progress_next", work)


def basket(
    info: DatasetInfo, columns: LogColumns, support: float, confidence: float
) -> BasketResult | Failure:
    return _basket(workspace_home(), info.id, info.content_hash, _key(columns), support, confidence)


def suggested_cutoff(info: DatasetInfo, columns: LogColumns) -> str | Failure:
    return _cutoff(workspace_home(), info.id, info.content_hash, _key(columns))


def evaluation(info: DatasetInfo, columns: LogColumns, cutoff: str, k: int) -> Evaluation | Failure:
    return _evaluation(workspace_home(), info.id, info.content_hash, _key(columns), cutoff, k)


def recommendations(
    info: DatasetInfo, columns: LogColumns, method: str, top_n: int
) -> NextItems | Failure:
    return _next_items(workspace_home(), info.id, info.content_hash, _key(columns), method, top_n)


@st.cache_data(max_entries=32, show_spinner=False)
def _segment_offers(
    home: str, dataset_id: str, content_hash: str, columns: Columns, min_buyers: int, top: int
) -> SegmentOffers | Failure:
    try:
        lines = _lines(home, dataset_id, content_hash, columns)
        return segment_offers(lines, min_buyers, top)
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=32, show_spinner=False)
def _segments(
    home: str, dataset_id: str, content_hash: str, columns: Columns
) -> pd.Series | Failure:
    try:
        table = customer_segments(_lines(home, dataset_id, content_hash, columns)).table
        return pd.Series(table["segment"].to_numpy(), index=table["customer"].astype(str))
    except UserInputError as exc:
        return Failure.of(exc)


def offers(
    info: DatasetInfo, columns: LogColumns, min_buyers: int, top: int
) -> SegmentOffers | Failure:
    return _segment_offers(
        workspace_home(), info.id, info.content_hash, _key(columns), min_buyers, top
    )


def segments(info: DatasetInfo, columns: LogColumns) -> pd.Series | Failure:
    """Each customer's RFM segment (indexed by customer)."""
    return _segments(workspace_home(), info.id, info.content_hash, _key(columns))
