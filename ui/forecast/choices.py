"""The Forecast page's choices: metric, segment and horizon (kept in the URL), festivals and
promotions as regressors, and the planned promotions table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from analytics.errors import UserInputError
from analytics.forecast.metric import regressor_columns, regressor_options
from analytics.forecast.plan import MAX_DISCOUNT, validate_plan
from analytics.forecast.results import ForecastSettings, PlannedPromotion
from analytics.ingest.roles import DIMENSION, METRIC
from analytics.selection import segment_values
from analytics.workspace import DatasetInfo
from ui.failures import show_failure
from ui.forecast.link import plan_rows_from_link, plan_to_link
from ui.i18n import t
from ui.numbers import column_name
from ui.safe import md
from ui.url import mirror_to_url, seed_from_url, widget_for
from ui.workspace import cached_frame, dataset_info, load_frame, workspace_home

HORIZONS = {"D": (7, 14, 28, 56, 91, 180), "W": (4, 8, 13, 26, 52), "M": (3, 6, 12, 18, 24)}
DEFAULT_HORIZON = {"D": 28, "W": 13, "M": 12}
TOTAL = "all"
SPLIT = "*"
MAX_SPLIT_SERIES = 500


@dataclass(frozen=True)
class Segment:
    """One choice in the segment list: a filter, or the dimensions to split by."""

    label: str
    where: dict[str, tuple[str, ...]] = field(default_factory=dict)
    split: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForecastView:
    """What the user chose."""

    metric: str
    segment: Segment
    horizon: int
    festivals: bool
    promotions: bool
    plan: tuple[PlannedPromotion, ...]
    regressors: tuple[str, ...] | None = None  # None: the default columns known in advance

    @property
    def settings(self) -> ForecastSettings:
        return ForecastSettings(
            self.horizon, self.festivals, self.promotions, self.plan, regressors=self.regressors
        )


def segment_options(info: DatasetInfo) -> dict[str, Segment]:
    """Total, each dimension value, and 'all series' split by each dimension (and by all of
    them together), keyed by a code that can sit in the URL."""
    frame = load_frame(info)
    dimensions = [d for d in info.mapping.columns(DIMENSION) if d in frame.columns]
    options = {TOTAL: Segment(t("fc_segment_total"))}
    for dimension in dimensions:
        values = segment_values(frame[dimension])
        if 1 < len(values) <= MAX_SPLIT_SERIES:
            options[f"{SPLIT}{dimension}"] = Segment(
                t("fc_segment_split", dimension=dimension, count=len(values)),
                split=(dimension,),
            )
        for value in values:
            options.setdefault(
                f"{dimension}={value}", Segment(f"{dimension}: {value}", {dimension: (value,)})
            )
    if len(dimensions) > 1:
        combinations = len(frame[dimensions].dropna().drop_duplicates())
        if combinations <= MAX_SPLIT_SERIES:
            options[SPLIT + "+".join(dimensions)] = Segment(
                t("fc_segment_split", dimension=" × ".join(dimensions), count=combinations),
                split=tuple(dimensions),
            )
    return options


def forecastable_metrics(info: DatasetInfo) -> list[str]:
    frame = load_frame(info)
    return [
        c
        for c in info.mapping.columns(METRIC)
        if c in frame.columns and pd.api.types.is_numeric_dtype(frame[c])
    ]


def choose_view(info: DatasetInfo, presenter: bool) -> ForecastView:
    """The metric, segment and horizon (in the URL), regressors and the promotion plan."""
    metrics = forecastable_metrics(info)
    default_metric = info.mapping.outcome if info.mapping.outcome in metrics else metrics[0]
    segments = segment_options(info)
    horizons = [str(h) for h in HORIZONS[info.frequency]]
    unit = t(f"fc_units_{info.frequency}")
    columns = st.columns(3) if not presenter else [None, None, None]
    metric = _choice(columns[0], "metric", metrics, default_metric, t("metric_label"), column_name)
    segment = _choice(
        columns[1], "segment", list(segments), TOTAL, t("fc_segment"), lambda k: segments[k].label
    )
    horizon = _choice(
        columns[2],
        "horizon",
        horizons,
        str(DEFAULT_HORIZON[info.frequency]),
        t("fc_horizon"),
        lambda h: t("fc_horizon_value", count=h, unit=unit),
    )
    festivals, promotions = _regressor_switches(presenter)
    regressors = _regressor_picker(info, presenter) if promotions else None
    plan = plan_editor(info, int(horizon), presenter)
    if presenter:
        st.caption(
            " · ".join(
                [
                    md(metric),
                    md(segments[segment].label),
                    t("fc_horizon_value", count=horizon, unit=unit),
                ]
            )
        )
    return ForecastView(
        metric, segments[segment], int(horizon), festivals, promotions, plan, regressors
    )


def _choice(column, key: str, options: list[str], default: str, label: str, shown) -> str:
    """A selectbox whose value lives in the URL; in presenter mode only the URL decides."""
    seed_from_url(key, options)
    st.session_state.setdefault(key, default)
    if column is None:
        value = st.session_state[key] if st.session_state[key] in options else default
    else:
        value = column.selectbox(label, options, format_func=shown, key=key)
    mirror_to_url(key, value, default)
    return value


REGRESSOR_PARAMS = {"fc_festivals": "festivals", "fc_promotions": "promotions"}


def _regressor_switches(presenter: bool) -> tuple[bool, bool]:
    """Festivals and promotions as regressors (on unless the link says ``=0``)."""
    for key, param in REGRESSOR_PARAMS.items():
        st.session_state.setdefault(key, st.query_params.get(param) != "0")
    if not presenter:
        left, right = st.columns(2)
        left.toggle(
            t("fc_use_festivals"), help=t("fc_use_festivals_help"), **widget_for("fc_festivals")
        )
        right.toggle(
            t("fc_use_promotions"), help=t("fc_use_promotions_help"), **widget_for("fc_promotions")
        )
    for key, param in REGRESSOR_PARAMS.items():
        mirror_to_url(param, None if st.session_state[key] else "0", state=[key])
    return bool(st.session_state["fc_festivals"]), bool(st.session_state["fc_promotions"])


@st.cache_data(max_entries=16, show_spinner=False)
def _default_regressors(home: str, dataset_id: str, content_hash: str) -> list[str]:
    info = dataset_info(home, dataset_id)
    return list(regressor_columns(cached_frame(home, dataset_id, content_hash), info.mapping))


def _regressor_picker(info: DatasetInfo, presenter: bool) -> tuple[str, ...] | None:
    """The columns known in advance (price, discount, promotion flags, flags), by default those
    that vary; None while the choice is the default."""
    options = regressor_options(info.mapping)
    if not options:
        return None
    default = _default_regressors(workspace_home(), info.id, info.content_hash)
    st.session_state.setdefault("fc_regressors", default)
    if not presenter:
        st.multiselect(
            t("fc_regressors"),
            options,
            key="fc_regressors",
            format_func=column_name,
            help=t("fc_regressors_help"),
        )
    chosen = [c for c in st.session_state["fc_regressors"] if c in options]
    return None if chosen == default else tuple(chosen)


def plan_editor(info: DatasetInfo, horizon: int, presenter: bool) -> tuple[PlannedPromotion, ...]:
    """Planned promotions in an editable table, checked row by row; seeded from the link (plan)
    and kept in it."""
    if "fc_plan_rows" not in st.session_state:
        st.session_state["fc_plan_rows"] = plan_rows_from_link(st.query_params.get_all("plan"))
    if "fc_plan_editor" not in st.session_state:
        st.session_state["fc_plan_base"] = st.session_state["fc_plan_rows"]
    rows = st.session_state["fc_plan_base"]
    if not presenter:
        st.markdown(f"**{t('fc_plan_header')}**")
        st.caption(t("fc_plan_help"))
        rows = st.data_editor(
            rows,
            key="fc_plan_editor",
            num_rows="dynamic",
            hide_index=True,
            column_config={
                "name": st.column_config.TextColumn(t("fc_plan_name"), required=True),
                "start": st.column_config.DateColumn(t("fc_plan_start"), format="YYYY-MM-DD"),
                "end": st.column_config.DateColumn(t("fc_plan_end"), format="YYYY-MM-DD"),
                "discount": st.column_config.NumberColumn(
                    t("fc_plan_discount"),
                    min_value=0.0,
                    max_value=MAX_DISCOUNT * 100,
                    format="%.0f%%",
                ),
            },
        )
        st.session_state["fc_plan_rows"] = rows.copy()
    try:
        plan = validate_plan(_plan_rows(rows), pd.Timestamp(info.date_max), info.frequency, horizon)
    except UserInputError as exc:
        show_failure(exc)
        plan = ()
    mirror_to_url(
        "plan", plan_to_link(plan), state=["fc_plan_rows", "fc_plan_base", "fc_plan_editor"]
    )
    return plan


def _plan_rows(rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Table rows with the discount as a fraction (the table shows percent)."""
    found = []
    for row in rows.to_dict(orient="records"):
        discount = row.get("discount")
        if discount is not None and not pd.isna(discount):
            discount = float(discount) / 100.0
        found.append({**row, "discount": discount})
    return found
