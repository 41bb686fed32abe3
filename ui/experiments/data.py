"""Which datasets each tab can use, the choice between them, and the cached analyses (keyed by
workspace, dataset id, content hash and plain parameters)."""

from __future__ import annotations

import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.experiments.family import (
    SegmentResults,
    analyse_metrics,
    analyse_outcome_segments,
)
from analytics.experiments.geo import geo_test
from analytics.experiments.geo_design import GeoDesign, design_search, geo_design
from analytics.experiments.geo_results import GeoResult
from analytics.experiments.results import ABResult
from analytics.experiments.sequential import SequentialResult, confidence_sequence
from analytics.ingest.roles import DIMENSION, EXPERIMENT, METRIC, dataset_kind
from analytics.workspace import DatasetInfo, Workspace
from ui.i18n import t
from ui.progress import one_step, with_progress
from ui.url import mirror_to_url, seed_from_url
from ui.workspace import cached_frame, dataset_name, load_frame

MIN_LOCATIONS = 5


def ab_datasets(ws: Workspace) -> list[DatasetInfo]:
    """Datasets with a variant column: one row per unit of an experiment."""
    return [info for info in ws.list() if dataset_kind(info.mapping) == EXPERIMENT]


def geo_datasets(ws: Workspace) -> list[DatasetInfo]:
    """Dated panels with a metric and a dimension of at least MIN_LOCATIONS values: a
    synthetic control needs untreated locations to weigh and to run placebo tests on."""
    return [
        info
        for info in ws.list()
        if info.mapping.date_column
        and info.mapping.columns(METRIC)
        and dataset_kind(info.mapping) != EXPERIMENT
        and location_columns(info)
    ]


def location_columns(info: DatasetInfo) -> list[str]:
    """The dimensions with enough values to be the locations of a geo test."""
    frame = load_frame(info)
    return [d for d in info.mapping.columns(DIMENSION) if frame[d].nunique() >= MIN_LOCATIONS]


def dataset_choice(
    options: list[DatasetInfo], active: DatasetInfo | None, key: str, presenter: bool
) -> DatasetInfo:
    """The tab's dataset: the one in the link, else the active one when it fits, else the
    newest that does; mirrored in the URL under ``key``."""
    by_id = {info.id: info for info in options}
    default = active.id if active is not None and active.id in by_id else options[0].id
    seed_from_url(key, by_id)
    if presenter:
        return by_id[st.session_state.get(key, default)]
    ids = list(by_id)
    chosen = st.selectbox(
        t("exp_dataset"),
        ids,
        index=ids.index(default),
        format_func={i: dataset_name(info) for i, info in by_id.items()}.get,
        key=key,
    )
    mirror_to_url(key, chosen, default)
    return by_id[chosen]


@st.cache_data(max_entries=32, show_spinner=False)
def ab_results(
    home: str,
    dataset_id: str,
    content_hash: str,
    variant: str,
    metrics: tuple[str, ...],
    control: str,
    covariate: str | None,
    ratio: tuple[str, str] | None,
    split: tuple[float, ...] | None,
    units: str | None = None,
    spreads: tuple[tuple[str, str, str], ...] = (),
) -> tuple[ABResult, ...] | Failure:
    frame = cached_frame(home, dataset_id, content_hash)
    try:
        return analyse_metrics(
            frame,
            variant,
            metrics,
            ratio=ratio,
            covariate=covariate,
            units=units,
            spreads={metric: (column, kind) for metric, column, kind in spreads},
            control=control,
            split=split,
        )
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=32, show_spinner=False)
def sequence(
    home: str,
    dataset_id: str,
    content_hash: str,
    variant: str,
    metric: str,
    date: str,
    control: str,
) -> SequentialResult | Failure:
    frame = cached_frame(home, dataset_id, content_hash)
    try:
        return confidence_sequence(frame, variant, metric, date, control)
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=16, show_spinner=False)
def geo_result(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    location: str,
    date: str,
    treated: tuple[str, ...],
    window: tuple[str, str],
) -> GeoResult | Failure:
    frame = cached_frame(home, dataset_id, content_hash)
    return one_step(
        "exp_geo_running",
        lambda: geo_test(
            frame,
            metric=metric,
            location=location,
            date=date,
            treated=treated,
            start=window[0],
            end=window[1],
        ),
    )


def daily_units(frame, date: str | None) -> float | None:
    """Units a day in the test: rows over assignment days, when the file has dates."""
    if date is None:
        return None
    days = frame[date].nunique()
    return len(frame) / days if days else None


@st.cache_data(max_entries=16, show_spinner=False)
def geo_design_for(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    location: str,
    date: str,
    treated: tuple[str, ...],
    durations: tuple[int, ...],
    before: str | None,
    sizes: tuple[int, ...] = (),
) -> GeoDesign | Failure:
    """The design of a test on ``treated``; with ``sizes``, the search over market sets of
    those sizes instead (in workers, under a progress bar)."""
    frame = cached_frame(home, dataset_id, content_hash)
    plan = {"metric": metric, "location": location, "date": date}
    plan |= {"durations": durations, "before": before}
    if sizes:
        return with_progress(
            "exp_search_running",
            lambda advance: design_search(
                frame, sizes=sizes, progress=advance, parallel=True, **plan
            ),
        )
    return one_step("exp_design_running", lambda: geo_design(frame, candidates=[treated], **plan))


@st.cache_data(max_entries=16, show_spinner=False)
def segments(
    home: str,
    dataset_id: str,
    content_hash: str,
    variant: str,
    metrics: tuple[str, ...],
    segment: str,
    control: str,
    covariate: str | None,
) -> tuple[SegmentResults, ...] | Failure:
    frame = cached_frame(home, dataset_id, content_hash)
    try:
        return analyse_outcome_segments(
            frame, variant, metrics, segment, control=control, covariate=covariate
        )
    except UserInputError as exc:
        return Failure.of(exc)
