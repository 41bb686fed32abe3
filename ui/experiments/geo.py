"""The geo tab: location, metric, treated locations and window; the effect with its placebo
intervals in words, the three-panel chart and the synthetic control's weights."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.experiments.geo_design import DesignCell, GeoDesign
from analytics.experiments.geo_results import GeoResult
from analytics.formatting import ratio
from analytics.ingest.roles import METRIC
from analytics.workspace import DatasetInfo
from ui.experiments import figures
from ui.experiments.data import location_columns
from ui.experiments.wording import amount, p_clause, rel_text
from ui.figures import chart_config
from ui.i18n import t
from ui.safe import md
from ui.tables import show_table
from ui.url import mirror_to_url

PLACE_NAME = re.compile(r"city|store|region|market|geo|dma|province|城市|门店|地区|区域|省")
DEFAULT_WINDOW_DAYS = 28
DESIGN_DAYS = (7, 14, 21, 28, 42, 56, 84)
DESIGN_SIZES = (1, 2, 3, 4, 5)
SHOWN_SEARCH = 15


@dataclass(frozen=True)
class GeoChoice:
    location: str
    metric: str
    date: str
    treated: tuple[str, ...]
    window: tuple[str, str] | None

    @property
    def ready(self) -> bool:
        """Whether a test can be read: treated markets and a window are chosen."""
        return bool(self.treated) and self.window is not None


def geo_controls(info: DatasetInfo, frame: pd.DataFrame) -> GeoChoice:
    """The test to read; ``treated`` stays empty (and ``window`` None) until chosen: the
    design of a next test needs neither."""
    dimensions = location_columns(info)
    metrics = info.mapping.columns(METRIC)
    date = info.mapping.date_column
    place = next((d for d in dimensions if PLACE_NAME.search(d.lower())), dimensions[0])
    left, right = st.columns(2)
    location = left.selectbox(
        t("exp_location"), dimensions, index=dimensions.index(place), key="exp_geo_location"
    )
    outcome = info.mapping.outcome if info.mapping.outcome in metrics else metrics[0]
    metric = right.selectbox(
        t("exp_metric"), metrics, index=metrics.index(outcome), key="exp_geo_metric"
    )
    places = sorted(frame[location].dropna().astype(str).unique())
    left, right = st.columns([2, 1])
    treated_key = f"exp_geo_treated_{location}"
    if treated_key not in st.session_state:
        st.session_state[treated_key] = [
            p for p in st.query_params.get_all("treated") if p in places
        ]
    treated = left.multiselect(t("exp_treated"), places, key=treated_key)
    mirror_to_url("treated", list(treated), [], state=[treated_key])
    with right:
        window = _window(pd.to_datetime(frame[date], errors="coerce").dropna())
    return GeoChoice(location, metric, date, tuple(treated), window)


def _window(days: pd.Series) -> tuple[str, str] | None:
    """The test window: from the link (``from``, ``to``), else the data's last four weeks."""
    first, last = days.min().date(), days.max().date()
    default = (max(first, last - dt.timedelta(days=DEFAULT_WINDOW_DAYS - 1)), last)
    try:
        linked = tuple(dt.date.fromisoformat(st.query_params[k]) for k in ("from", "to"))
    except (KeyError, ValueError):
        linked = default
    stored = st.session_state.get("exp_geo_window")
    if stored is None or any(not first <= day <= last for day in stored):  # another dataset's
        valid = first <= linked[0] <= linked[1] <= last
        st.session_state["exp_geo_window"] = linked if valid else default
    window = st.date_input(t("exp_window"), min_value=first, max_value=last, key="exp_geo_window")
    if len(window) != 2:
        return None
    start, end = (str(day) for day in window)
    mirror_to_url("from", start, str(default[0]), state=["exp_geo_window"])
    mirror_to_url("to", end, str(default[1]), state=["exp_geo_window"])
    return (start, end)


def show_geo(result: GeoResult, presenter: bool) -> None:
    """The headline numbers, the conclusion, the chart, the fit and the weights."""
    low, high = result.abs_effect_ci
    columns = st.columns(4)
    columns[0].metric(t("exp_geo_actual"), amount(result.actual))
    columns[1].metric(t("exp_geo_counterfactual"), amount(result.counterfactual))
    columns[2].metric(
        t("exp_geo_effect"),
        amount(result.abs_effect, signed=True),
        help=t(
            "exp_geo_interval",
            low=amount(low, signed=True),
            high=amount(high, signed=True),
        ),
    )
    columns[3].metric(
        t("exp_geo_relative"),
        rel_text(result.rel_effect),
        help=t(
            "exp_geo_interval",
            low=rel_text(result.rel_effect_ci[0]),
            high=rel_text(result.rel_effect_ci[1]),
        ),
    )
    st.markdown(geo_conclusion(result))
    labels = {
        "title": t("exp_geo_chart", metric=result.metric),
        "series": t("exp_geo_panel_series"),
        "daily": t("exp_geo_panel_daily"),
        "cumulative": t("exp_geo_panel_cumulative"),
        "actual": t("exp_geo_actual"),
        "counterfactual": t("exp_geo_counterfactual"),
        "band": t("exp_geo_band"),
    }
    st.plotly_chart(figures.geo_panels(result, labels, presenter), config=chart_config())
    st.subheader(t("exp_geo_weights"))
    weights = pd.DataFrame(
        {
            t("exp_col_location"): [name for name, _ in result.weights],
            t("exp_col_weight"): [round(w, 3) for _, w in result.weights],
        }
    )
    show_table(weights, "geo_weights.csv", presenter=presenter, key="exp_geo_weights_download")
    if presenter:
        return
    st.caption(t("exp_geo_fit", rmse=amount(result.pre_rmse), r2=ratio(result.pre_r2)))
    if result.augmented:
        st.caption(t("exp_geo_augmented"))
    st.caption(t("exp_geo_placebos", space=result.placebos_in_space, time=result.placebos_in_time))


def geo_conclusion(result: GeoResult) -> str:
    """The effect in words: its interval, p and whether the interval excludes zero."""
    low, high = result.abs_effect_ci
    case = "none" if not result.excludes_zero else "lift" if result.abs_effect > 0 else "drop"
    return t(
        f"exp_geo_conclusion_{case}",
        treated=md(", ".join(result.treated)),
        metric=md(result.metric),
        start=result.start,
        end=result.end,
        effect=amount(result.abs_effect, signed=True),
        rel=rel_text(result.rel_effect),
        low=amount(low, signed=True),
        high=amount(high, signed=True),
        p=p_clause(result.p_value),
        placebos=result.placebos_in_space + result.placebos_in_time,
    )


def design_durations() -> tuple[int, ...]:
    """The test lengths to compare, in days."""
    chosen = st.multiselect(
        t("exp_design_days"), DESIGN_DAYS, default=[14, 28, 56], key="exp_design_days"
    )
    return tuple(sorted(chosen))


def show_design(design: GeoDesign, presenter: bool) -> None:
    """The minimum detectable lift per duration, with how it was found."""
    table = pd.DataFrame(
        {
            t("exp_col_days"): [cell.days for cell in design.cells],
            t("exp_col_mde"): [f"{cell.mde:.1%}" for cell in design.cells],
            t("exp_col_placebos"): [cell.placebos for cell in design.cells],
        }
    )
    show_table(table, presenter=presenter)
    st.caption(t("exp_design_caption", power=f"{design.power:.0%}", alpha=f"{design.alpha:g}"))


def design_sizes() -> tuple[int, ...]:
    """How many markets the searched sets hold."""
    chosen = st.multiselect(
        t("exp_search_sizes"), DESIGN_SIZES, default=[2, 3], key="exp_search_sizes"
    )
    return tuple(sorted(chosen))


def show_search(design: GeoDesign, presenter: bool) -> None:
    """The best market set for each test length, then the ranked designs."""
    best = {}
    for cell in design.cells:  # ranked: the first of each length is its best
        best.setdefault(cell.days, cell)
    st.markdown(t("exp_search_best"))
    show_table(_search_table([best[days] for days in sorted(best)]), presenter=presenter)
    with st.expander(t("exp_search_all", count=min(SHOWN_SEARCH, len(design.cells)))):
        show_table(
            _search_table(design.cells[:SHOWN_SEARCH]),
            "geo_design_search.csv",
            presenter=presenter,
            key="exp_search_download",
        )
    st.caption(
        t(
            "exp_search_caption",
            searched=design.searched,
            power=f"{design.power:.0%}",
            alpha=f"{design.alpha:g}",
        )
    )


def _search_table(cells: Sequence[DesignCell]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("exp_col_markets"): [", ".join(cell.treated) for cell in cells],
            t("exp_col_days"): [cell.days for cell in cells],
            t("exp_col_mde"): [f"{cell.mde:.1%}" for cell in cells],
            t("exp_col_share"): [f"{cell.share:.1%}" for cell in cells],
            t("exp_col_fit"): [f"{cell.pre_r2:.2f}" for cell in cells],
        }
    )
