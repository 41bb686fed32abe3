"""Propensity on the Customers page: cached scoring (folds in worker processes), the model
table, gains and calibration charts, SHAP importance and the scored list."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.customers.features import LOG_FEATURES
from analytics.customers.log import LogColumns
from analytics.customers.propensity import (
    PropensityResult,
    PropensitySettings,
    score_next_period,
    score_propensity,
)
from analytics.drivers.explain import Importance
from analytics.errors import Failure
from analytics.workspace import DatasetInfo
from ui.customers.controls import seed_number
from ui.drivers.figures import importance_bars
from ui.figures import NEUTRAL, PALETTE, chart_config, number_axes, styled
from ui.i18n import t
from ui.progress import with_progress
from ui.tables import show_table
from ui.url import mirror_to_url
from ui.workspace import cached_frame, dataset_info, workspace_home

DEFAULT_THRESHOLD = 0.5


@st.cache_data(max_entries=16, show_spinner=False)
def _next_period(
    home: str,
    dataset_id: str,
    content_hash: str,
    columns: tuple[str, str, str, str | None],
    threshold: float,
) -> PropensityResult | Failure:
    frame = cached_frame(home, dataset_id, content_hash)
    settings = PropensitySettings("next_period", threshold=threshold)
    return with_progress(
        "cus_progress_propensity",
        lambda advance: score_next_period(
            frame, LogColumns(*columns), settings, advance, parallel=True
        ),
    )


@st.cache_data(max_entries=16, show_spinner=False)
def _table(
    home: str,
    dataset_id: str,
    content_hash: str,
    target: str,
    features: tuple[str, ...] | None,
    threshold: float,
) -> PropensityResult | Failure:
    frame = cached_frame(home, dataset_id, content_hash)
    mapping = dataset_info(home, dataset_id).mapping
    settings = PropensitySettings(target, features, threshold)
    return with_progress(
        "cus_progress_propensity",
        lambda advance: score_propensity(frame, mapping, settings, advance, parallel=True),
    )


def next_period(
    info: DatasetInfo, columns: LogColumns, threshold: float
) -> PropensityResult | Failure:
    key = (columns.customer, columns.date, columns.amount, columns.discount)
    return _next_period(workspace_home(), info.id, info.content_hash, key, threshold)


def table_propensity(
    info: DatasetInfo, target: str, features: tuple[str, ...] | None, threshold: float
) -> PropensityResult | Failure:
    return _table(workspace_home(), info.id, info.content_hash, target, features, threshold)


def threshold_control(presenter: bool) -> float:
    seed_number("cus_threshold", "threshold", DEFAULT_THRESHOLD, (0.05, 0.95))
    if not presenter:
        st.slider(
            t("cus_threshold"),
            min_value=0.05,
            max_value=0.95,
            step=0.05,
            key="cus_threshold",
            help=t("cus_threshold_help"),
        )
    threshold = float(st.session_state["cus_threshold"])
    mirror_to_url("threshold", f"{threshold:g}", f"{DEFAULT_THRESHOLD:g}", state=["cus_threshold"])
    return threshold


def model_name(name: str) -> str:
    return t(f"cus_model_{name}")


def model_table(result: PropensityResult) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("cus_col_model"): [model_name(m.name) for m in result.models],
            "AUC": [round(m.auc, 3) for m in result.models],
            t("cus_col_ap"): [round(m.average_precision, 3) for m in result.models],
            t("cus_col_precision"): [round(m.precision, 3) for m in result.models],
            t("cus_col_recall"): [round(m.recall, 3) for m in result.models],
            "F1": [round(m.f1, 3) for m in result.models],
        }
    )


def propensity_sentence(result: PropensityResult) -> str:
    best = result.models[0]
    top = next(g for g in result.gains if g.top_share == 0.2)
    return t(
        "cus_propensity_sentence",
        model=model_name(result.best),
        auc=f"{best.auc:.2f}",
        rate=f"{result.positive_rate:.0%}",
        captured=f"{top.captured_share:.0%}",
    )


def gains_chart(result: PropensityResult, presenter: bool) -> go.Figure:
    shares = [0.0, *[g.top_share for g in result.gains]]
    captured = [0.0, *[g.captured_share for g in result.gains]]
    fig = go.Figure(
        [
            go.Scatter(
                x=shares,
                y=captured,
                name=model_name(result.best),
                mode="lines+markers",
                line={"color": PALETTE[0], "width": 4 if presenter else 2},
            ),
            go.Scatter(
                x=[0, 1],
                y=[0, 1],
                name=t("cus_random"),
                mode="lines",
                line={"color": NEUTRAL, "dash": "dot"},
            ),
        ]
    )
    fig.update_xaxes(title=t("cus_gains_x"))
    fig.update_yaxes(title=t("cus_gains_y"), range=[0, 1.02])
    number_axes(number_axes(fig, "percent", "x"), "percent")
    return styled(fig, presenter=presenter, title=t("cus_gains_title"))


def calibration_chart(result: PropensityResult, presenter: bool) -> go.Figure:
    top = max(
        max(c.predicted for c in result.calibration), max(c.observed for c in result.calibration)
    )
    fig = go.Figure(
        [
            go.Scatter(
                x=[c.predicted for c in result.calibration],
                y=[c.observed for c in result.calibration],
                name=model_name(result.best),
                mode="lines+markers",
                line={"color": PALETTE[1], "width": 4 if presenter else 2},
            ),
            go.Scatter(
                x=[0, top],
                y=[0, top],
                name=t("cus_perfect"),
                mode="lines",
                line={"color": NEUTRAL, "dash": "dot"},
            ),
        ]
    )
    fig.update_xaxes(title=t("cus_calibration_x"))
    fig.update_yaxes(title=t("cus_calibration_y"))
    number_axes(number_axes(fig, "percent", "x"), "percent")
    return styled(fig, presenter=presenter, title=t("cus_calibration_title"))


def feature_label(feature: str) -> str:
    """The features built from an order log in words; a table's own columns as they are."""
    return t(f"cus_feature_{feature}") if feature in LOG_FEATURES else feature


def shap_chart(result: PropensityResult, presenter: bool) -> go.Figure:
    return importance_bars(
        [Importance(feature_label(i.feature), i.mean_abs_shap) for i in result.importance],
        title=t("cus_shap_title", model=model_name(result.best)),
        axis=t("cus_shap_axis"),
        presenter=presenter,
    )


def scored_list(result: PropensityResult) -> None:
    """Every row's out-of-fold score, highest first, as a table and CSV."""
    order = np.argsort(-result.scores, kind="stable")
    frame = pd.DataFrame(
        {
            t("cus_col_customer"): result.ids[order].astype(str),
            t("cus_col_score"): np.round(result.scores[order], 4),
        }
    )
    show_table(frame, "propensity_scores.csv", key="cus_scores_csv")


def show_propensity(result: PropensityResult, presenter: bool) -> None:
    st.markdown(propensity_sentence(result))
    show_table(model_table(result), presenter=presenter)
    cells = st.columns(1 if presenter else 2)
    cells[0].plotly_chart(gains_chart(result, presenter), config=chart_config())
    cells[-1].plotly_chart(calibration_chart(result, presenter), config=chart_config())
    st.plotly_chart(shap_chart(result, presenter), config=chart_config())
