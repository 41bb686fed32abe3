"""The Forecast page's pieces: the choices (metric, segment and horizon kept in the URL), the
planned promotions table, cached forecasts, and the sections that show them. Every input that
changes a number on the page is in the URL, so a shared link shows the same forecast and stock
table."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.forecast.many import ManyForecasts, forecast_many, model_name
from analytics.forecast.metric import forecast_metric
from analytics.forecast.plan import MAX_DISCOUNT, validate_plan
from analytics.forecast.results import ForecastResult, ForecastSettings, PlannedPromotion
from analytics.forecast.stock import cover_table, stock_cover
from analytics.ingest.roles import DIMENSION, METRIC
from analytics.workspace import DatasetInfo
from ui.failures import show_failure
from ui.figures import CHART_CONFIG
from ui.forecast import figures as forecast_figures
from ui.i18n import t
from ui.safe import md
from ui.tables import MISSING, download_csv, show_table
from ui.url import mirror_to_url, seed_from_url, widget_for
from ui.workspace import cached_frame, load_frame, open_workspace, workspace_home

HORIZONS = {"D": (7, 14, 28, 56, 91, 180), "W": (4, 8, 13, 26, 52), "M": (3, 6, 12, 18, 24)}
DEFAULT_HORIZON = {"D": 28, "W": 13, "M": 12}
SERVICE_LEVELS = ("90", "95", "97.5", "99")
TOTAL = "all"
SPLIT = "*"
MAX_SPLIT_SERIES = 500
PLAN_COLUMNS = ("name", "start", "end", "discount")
DEFAULT_LEAD = 7
DEFAULT_LEVEL = "95"
MAX_LEAD = 365
# Lists in the link (plan, stocks): one row per line of the value (a repeated parameter is read
# too); fields split by "|" from the right, so a name may hold "|". Names are written on one line.
FIELD = "|"
MAX_LINK_ROWS = 50
MAX_LINK_NAME = 200
_LINK_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LINK_LEAD = re.compile(r"[0-9]{1,3}")

T = TypeVar("T")


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

    @property
    def settings(self) -> ForecastSettings:
        return ForecastSettings(self.horizon, self.festivals, self.promotions, self.plan)


# --- choices ------------------------------------------------------------------------------------


def segment_options(info: DatasetInfo) -> dict[str, Segment]:
    """Total, each dimension value, and 'all series' split by each dimension (and by all of
    them together), keyed by a code that can sit in the URL."""
    frame = load_frame(info)
    dimensions = [d for d in info.mapping.columns(DIMENSION) if d in frame.columns]
    options = {TOTAL: Segment(t("fc_segment_total"))}
    for dimension in dimensions:
        values = sorted(frame[dimension].dropna().astype(str).unique())
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
    metric = _choice(columns[0], "metric", metrics, default_metric, t("metric_label"), str)
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
    return ForecastView(metric, segments[segment], int(horizon), festivals, promotions, plan)


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
        mirror_to_url(param, None if st.session_state[key] else "0")
    return bool(st.session_state["fc_festivals"]), bool(st.session_state["fc_promotions"])


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
    mirror_to_url("plan", plan_to_link(plan))
    return plan


def _empty_plan() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": pd.Series(dtype="string"),
            "start": pd.Series(dtype="datetime64[ns]"),
            "end": pd.Series(dtype="datetime64[ns]"),
            "discount": pd.Series(dtype="float"),
        }
    )


def _plan_rows(rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Table rows with the discount as a fraction (the table shows percent)."""
    found = []
    for row in rows.to_dict(orient="records"):
        discount = row.get("discount")
        if discount is not None and not pd.isna(discount):
            discount = float(discount) / 100.0
        found.append({**row, "discount": discount})
    return found


# --- inputs in the link -------------------------------------------------------------------------


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _link_number(value: float) -> str:
    return f"{value:.15g}"


def _note_ignored(param: str, value: str) -> None:
    """A value from the link that was left out, said on the page (as text, shortened)."""
    shown = value if len(value) <= 60 else value[:60] + "…"
    st.warning(t("fc_link_ignored", param=param, value=md(shown)))


def _link_rows(param: str, values: list[str]) -> list[str]:
    """The rows of a list parameter (lines of its values), at most MAX_LINK_ROWS."""
    rows = [row for value in values for row in value.splitlines() if row.strip()]
    if len(rows) > MAX_LINK_ROWS:
        st.warning(t("fc_link_too_many", param=param, limit=MAX_LINK_ROWS))
    return rows[:MAX_LINK_ROWS]


def _seed_from_link(key: str, param: str, read: Callable[[str], T | None], default: T) -> None:
    """Before the widget: the session's value stays; else the link's value when it reads, else
    the default (and a note when the link held something unreadable)."""
    if key in st.session_state:
        return
    text = st.query_params.get(param)
    value = None if text is None else read(text)
    if text is not None and value is None:
        _note_ignored(param, text)
    st.session_state[key] = default if value is None else value


def lead_from_link(text: str) -> int | None:
    """Whole days, 1 to MAX_LEAD."""
    text = text.strip()
    if not _LINK_LEAD.fullmatch(text):
        return None
    return int(text) if 1 <= int(text) <= MAX_LEAD else None


def level_from_link(text: str) -> str | None:
    return text if text in SERVICE_LEVELS else None


def amount_from_link(text: str) -> float | None:
    """A finite number, zero or more (a stock in units, a discount in percent)."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def plan_to_link(plan: tuple[PlannedPromotion, ...]) -> str | None:
    """``NAME|2026-01-05|2026-01-18|15`` per promotion (discount in percent), one per line."""
    rows = [
        FIELD.join(
            [
                _one_line(p.name),
                f"{p.start:%Y-%m-%d}",
                f"{p.end:%Y-%m-%d}",
                _link_number(round(p.discount * 100, 10)),
            ]
        )
        for p in plan
    ]
    return "\n".join(rows) or None


def plan_rows_from_link(values: list[str]) -> pd.DataFrame:
    """The planned promotions table from the link; rows that do not read are left out, with a
    note. Whether the dates fall in the forecast period is checked with the table."""
    rows = []
    for row in _link_rows("plan", values):
        found = _plan_row(row)
        if found is None:
            _note_ignored("plan", row)
        else:
            rows.append(found)
    if not rows:
        return _empty_plan()
    table = pd.DataFrame(rows, columns=list(PLAN_COLUMNS))
    return table.astype(_empty_plan().dtypes.to_dict())


def _plan_row(row: str) -> tuple[str, pd.Timestamp, pd.Timestamp, float] | None:
    parts = row.rsplit(FIELD, 3)
    if len(parts) != 4:
        return None
    name, start, end, discount = _one_line(parts[0]), *(p.strip() for p in parts[1:])
    if not name or len(name) > MAX_LINK_NAME:
        return None
    if not (_LINK_DATE.fullmatch(start) and _LINK_DATE.fullmatch(end)):
        return None
    try:
        first, last = pd.Timestamp(start), pd.Timestamp(end)
    except (ValueError, OverflowError):
        return None
    percent = amount_from_link(discount) if discount else math.nan
    if percent is None or percent > MAX_DISCOUNT * 100:
        return None
    return name, first, last, percent


def stocks_to_link(stocks: dict[str, float | None], labels: list[str]) -> str | None:
    """``SERIES|UNITS`` per series with a stock entered, one per line."""
    rows = [
        f"{_one_line(label)}{FIELD}{_link_number(stocks[label])}"
        for label in labels
        if stocks.get(label) is not None
    ]
    return "\n".join(rows) or None


def stocks_from_link(values: list[str], labels: list[str]) -> dict[str, float | None]:
    """Stock per series from the link; unknown series and unreadable numbers are left out, with a
    note."""
    known = {_one_line(label): label for label in labels}
    stocks: dict[str, float | None] = {}
    for row in _link_rows("stocks", values):
        name, _, number = row.rpartition(FIELD)
        label = known.get(_one_line(name))
        value = amount_from_link(number)
        if label is None or value is None:
            _note_ignored("stocks", row)
        else:
            stocks[label] = value
    return stocks


# --- cached computations ------------------------------------------------------------------------


def _plan_key(plan: tuple[PlannedPromotion, ...]) -> tuple[tuple[str, str, str, float], ...]:
    return tuple((p.name, f"{p.start:%Y-%m-%d}", f"{p.end:%Y-%m-%d}", p.discount) for p in plan)


def _plan_from_key(key: tuple[tuple[str, str, str, float], ...]) -> tuple[PlannedPromotion, ...]:
    return tuple(PlannedPromotion(n, pd.Timestamp(s), pd.Timestamp(e), d) for n, s, e, d in key)


@st.cache_data(max_entries=64, show_spinner=False)
def _one(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    where: tuple[tuple[str, tuple[str, ...]], ...],
    horizon: int,
    festivals: bool,
    promotions: bool,
    plan: tuple[tuple[str, str, str, float], ...],
) -> ForecastResult | Failure:
    info = open_workspace(home).get(dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    settings = ForecastSettings(horizon, festivals, promotions, _plan_from_key(plan))
    try:
        return forecast_metric(frame, info.mapping, metric, dict(where), settings)
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=16, show_spinner=False)
def _many(
    home: str,
    dataset_id: str,
    content_hash: str,
    metric: str,
    split: tuple[str, ...],
    horizon: int,
    festivals: bool,
    promotions: bool,
    plan: tuple[tuple[str, str, str, float], ...],
) -> ManyForecasts | Failure:
    """Every series in worker processes. The progress bar is drawn inside, so a cached answer
    replays it already finished and emptied."""
    info = open_workspace(home).get(dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    settings = ForecastSettings(horizon, festivals, promotions, _plan_from_key(plan))
    bar = st.progress(0.0, text=t("fc_progress", done=0, total="…"))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=t("fc_progress", done=done, total=total))

    try:
        return forecast_many(frame, info.mapping, metric, split, settings, progress)
    except UserInputError as exc:
        return Failure.of(exc)
    finally:
        bar.empty()


def one_forecast(info: DatasetInfo, view: ForecastView) -> ForecastResult | Failure:
    where = tuple(sorted(view.segment.where.items()))
    return _one(
        workspace_home(),
        info.id,
        info.content_hash,
        view.metric,
        where,
        view.horizon,
        view.festivals,
        view.promotions,
        _plan_key(view.plan),
    )


def many_forecasts(info: DatasetInfo, view: ForecastView) -> ManyForecasts | Failure:
    return _many(
        workspace_home(),
        info.id,
        info.content_hash,
        view.metric,
        view.segment.split,
        view.horizon,
        view.festivals,
        view.promotions,
        _plan_key(view.plan),
    )


# --- sections -----------------------------------------------------------------------------------


def chart_labels() -> dict[str, str]:
    return {
        "actual": t("fc_legend_actual"),
        "fitted": t("fc_legend_fitted"),
        "forecast": t("fc_legend_forecast"),
        "band80": t("fc_legend_band80"),
        "band95": t("fc_legend_band95"),
        "naive": t("fc_legend_naive"),
        "model": t("fc_legend_model"),
    }


def show_forecast(result: ForecastResult, title: str, presenter: bool, key: str) -> None:
    """The chart, the notes and the forecast table's download."""
    fig = forecast_figures.forecast_chart(result, chart_labels(), presenter=presenter, title=title)
    st.plotly_chart(fig, config=CHART_CONFIG, key=f"fc_chart_{key}")
    total = result.forecast["mean"].sum()
    st.markdown(
        t(
            "fc_total_sentence",
            metric=md(result.metric),
            total=f"{total:,.0f}",
            count=result.horizon,
            unit=t(f"fc_units_{result.frequency}"),
            first=f"{result.forecast.index[0]:%Y-%m-%d}",
            last=f"{result.forecast.index[-1]:%Y-%m-%d}",
        )
    )
    for note in result.notes:
        st.caption(t(f"fc_note_{note.code}", **{k: md(v) for k, v in note.params.items()}))
    if not presenter:
        table = result.forecast.drop(columns="cum_sd").round(2).reset_index()
        table["date"] = table["date"].dt.strftime("%Y-%m-%d")
        download_csv(table, "forecast.csv", label="fc_download_forecast", key=f"fc_download_{key}")


def show_backtest(result: ForecastResult, presenter: bool, key: str) -> None:
    """Model against seasonal naive on the same held-out points, in a sentence and a chart."""
    backtest = result.backtest
    st.subheader(t("fc_backtest_header"))
    if backtest is None:
        st.info(t("fc_no_backtest"))
        return
    unit = t(f"fc_units_{result.frequency}")
    values = {
        "points": backtest.points,
        "origins": backtest.origins,
        "unit": unit,
        "mae": f"{backtest.mae:,.1f}",
        "mape": _percent(backtest.mape),
        "nmae": f"{backtest.naive_mae:,.1f}",
        "nmape": _percent(backtest.naive_mape),
        "mase": "–" if backtest.mase is None else f"{backtest.mase:.2f}",
        "ratio": f"{backtest.mae / backtest.naive_mae:.0%}" if backtest.naive_mae else "–",
    }
    if result.card.method != "sarimax":
        st.info(t("fc_backtest_naive", **values))
    elif backtest.model_better:
        st.markdown(t("fc_backtest_better", **values))
    else:
        st.warning(t("fc_backtest_worse", **values))
    if result.card.method == "sarimax":
        st.caption(
            t(
                "fc_backtest_coverage",
                c80=f"{backtest.coverage80:.0%}",
                c95=f"{backtest.coverage95:.0%}",
            )
        )
    fig = forecast_figures.backtest_chart(
        backtest, chart_labels(), presenter=presenter, title=t("fc_backtest_chart")
    )
    st.plotly_chart(fig, config=CHART_CONFIG, key=f"fc_backtest_{key}")
    if not presenter:
        table = backtest.errors.drop(columns="scale").reset_index()
        table["date"] = table["date"].dt.strftime("%Y-%m-%d")
        table["origin"] = pd.to_datetime(table["origin"]).dt.strftime("%Y-%m-%d")
        download_csv(
            table.round(2),
            "backtest.csv",
            label="fc_download_backtest",
            key=f"fc_download_bt_{key}",
        )


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def model_card(result: ForecastResult) -> None:
    """The model in plain words, then its coefficients."""
    card = result.card
    unit = t(f"fc_units_{result.frequency}")
    if card.method != "sarimax":
        st.markdown(t("fc_card_naive", season=card.seasonal_order[3] or 1, unit=unit))
        return
    d, seasonal_d = card.order[1], card.seasonal_order[1]
    lines = [
        t(
            "fc_card_model",
            model=model_name(result),
            trend=t(f"fc_trend_{card.trend}"),
            n=card.nobs,
            unit=unit,
            aic=f"{card.aic:,.1f}",
        ),
        t("fc_card_log", slope=f"{card.log_slope:.2f}") if card.log else t("fc_card_no_log"),
        t(
            "fc_card_differencing",
            d=d,
            D=seasonal_d,
            strength="–" if card.seasonal_strength is None else f"{card.seasonal_strength:.2f}",
            kpss="–" if card.kpss_p is None else f"{card.kpss_p:.3f}",
            adf="–" if card.adf_p is None else f"{card.adf_p:.3f}",
        ),
    ]
    if card.fourier_terms:
        lines.append(
            t("fc_card_fourier", k=card.fourier_terms, period=f"{card.fourier_period:g}", unit=unit)
        )
    if card.season_dummies:
        lines.append(t(f"fc_card_dummies_{result.frequency}"))
    lb = {"lags": card.ljung_box_lags, "p": f"{card.ljung_box_p:.3f}"}
    lines.append(t("fc_card_lb_ok", **lb) if card.residuals_white else t("fc_card_lb_bad", **lb))
    lines.append(t("fc_card_estimation", tried=card.models_tried))
    for line in lines:
        st.markdown(f"- {line}")
    show_table(coefficient_table(result))


def coefficient_table(result: ForecastResult) -> pd.DataFrame:
    rows = []
    for c in result.card.coefficients:
        effect = None
        if result.card.log and c.kind in ("festival", "promotion", "season"):
            effect = f"{np.expm1(c.estimate):+.1%}"
        rows.append(
            {
                t("fc_coef_name"): t(f"fc_regressor_{c.name}") if c.kind == "promotion" else c.name,
                t("fc_coef_kind"): t(f"fc_kind_{c.kind}"),
                t("fc_coef_estimate"): round(c.estimate, 4),
                t("fc_coef_se"): round(c.std_error, 4),
                t("fc_coef_effect"): effect,
            }
        )
    return pd.DataFrame(rows)


def many_summary(batch: ManyForecasts) -> str:
    mases = [r.backtest.mase for r in batch.modelled if r.backtest and r.backtest.mase is not None]
    return t(
        "fc_many_summary",
        beats=batch.beats_naive,
        total=batch.backtested,
        series=len(batch.results),
        mase="–" if not mases else f"{np.median(mases):.2f}",
    )


def many_table(batch: ManyForecasts) -> pd.DataFrame:
    """The accuracy table with translated headers (the total last)."""
    table = batch.table()
    outcomes = [*batch.results.values(), batch.total]
    table["message"] = [_notes_text(outcome) for outcome in outcomes]
    table.loc[table["series"] == "total", "series"] = t("fc_segment_total")
    names = {
        "series": t("fc_col_series"),
        "model": t("fc_col_model"),
        "log": t("fc_col_log"),
        "forecast_total": t("fc_col_forecast_total"),
        "mae": "MAE",
        "mape": "MAPE",
        "mase": "MASE",
        "naive_mae": t("fc_col_naive_mae"),
        "naive_mape": t("fc_col_naive_mape"),
        "beats_naive": t("fc_col_beats"),
        "coverage95": t("fc_col_coverage"),
        "message": t("fc_col_message"),
    }
    for column in ("mape", "naive_mape", "coverage95"):
        if column in table:
            table[column] = table[column].map(lambda v: None if pd.isna(v) else f"{v:.1%}")
    for column in ("forecast_total", "mae", "naive_mae"):
        if column in table:
            table[column] = table[column].round(1)
    if "mase" in table:
        table["mase"] = table["mase"].round(3)
    return table.drop(columns=list(batch.dimensions)).rename(columns=names)


def _notes_text(outcome: ForecastResult | str) -> str | None:
    """A series' notes in the user's language (the log note is the rule, not news)."""
    if isinstance(outcome, str):
        return outcome
    notes = [n for n in outcome.notes if n.code != "log"]
    return " ".join(t(f"fc_note_{n.code}", **n.params) for n in notes) or None


def show_many(batch: ManyForecasts, presenter: bool) -> str | None:
    """Summary, accuracy chart and table; returns the series chosen for the drill-down."""
    st.markdown(many_summary(batch))
    labels = [label for label, r in batch.results.items() if isinstance(r, ForecastResult)]
    with_mase = [
        label
        for label in labels
        if batch.results[label].backtest and batch.results[label].backtest.mase is not None
    ]
    if with_mase:
        fig = forecast_figures.accuracy_bars(
            with_mase,
            [batch.results[label].backtest.mase for label in with_mase],
            [batch.results[label].backtest.naive_mase for label in with_mase],
            chart_labels(),
            presenter=presenter,
            title=t("fc_many_chart"),
        )
        st.plotly_chart(fig, config=CHART_CONFIG, key="fc_many_chart")
    table = many_table(batch)
    show_table(
        table,
        "forecast_accuracy.csv",
        presenter=presenter,
        label="fc_download_many",
        key="fc_download_many",
    )
    if not labels:
        return None
    seed_from_url("series", labels)
    if presenter:
        chosen = st.session_state.get("series", labels[0])
        chosen = chosen if chosen in labels else labels[0]
    else:
        chosen = st.selectbox(t("fc_drill"), labels, key="series")
    mirror_to_url("series", chosen, labels[0])
    return chosen


# --- stock cover --------------------------------------------------------------------------------


def stock_settings(presenter: bool) -> tuple[float, float]:
    """Lead time in days and service level (a fraction), in the link as lead and level."""
    _seed_from_link("fc_lead", "lead", lead_from_link, DEFAULT_LEAD)
    _seed_from_link("fc_level", "level", level_from_link, DEFAULT_LEVEL)
    if not presenter:
        left, right = st.columns(2)
        left.number_input(
            t("fc_lead_time"), min_value=1, max_value=365, step=1, **widget_for("fc_lead")
        )
        right.select_slider(
            t("fc_service_level"),
            options=SERVICE_LEVELS,
            format_func=lambda v: f"{v}%",
            **widget_for("fc_level"),
        )
    lead, level = int(st.session_state["fc_lead"]), str(st.session_state["fc_level"])
    mirror_to_url("lead", str(lead), str(DEFAULT_LEAD))
    mirror_to_url("level", level, DEFAULT_LEVEL)
    if presenter:
        st.caption(t("fc_stock_settings", lead=lead, level=level))
    return float(lead), float(level) / 100.0


def _stock_frame(table: pd.DataFrame) -> pd.DataFrame:
    yes, no = t("fc_yes"), t("fc_no")

    def flag(value: object) -> str:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return MISSING
        return yes if value else no

    cover = [
        MISSING if pd.isna(days) else (f"> {days:.0f}" if beyond else f"{days:.1f}")
        for days, beyond in zip(table["days_of_cover"], table["beyond_horizon"], strict=True)
    ]
    shown = pd.DataFrame(
        {
            t("fc_col_series"): table["series"],
            t("fc_col_lead_demand"): table["lead_time_demand"].round(0),
            t("fc_col_safety"): table["safety_stock"].round(0),
            t("fc_col_reorder_point"): table["reorder_point"].round(0),
            t("fc_col_stock"): table["current_stock"],
            t("fc_col_cover"): cover,
            t("fc_col_risk"): [flag(v) for v in table["stockout_risk"]],
            t("fc_col_reorder_now"): [flag(v) for v in table["reorder_now"]],
        }
    )
    return shown


def show_stock_one(result: ForecastResult, label: str, presenter: bool) -> None:
    st.subheader(t("fc_stock_header"))
    lead, level = stock_settings(presenter)
    _seed_from_link("fc_stock", "stock", amount_from_link, None)
    if not presenter:
        st.number_input(t("fc_current_stock"), min_value=0.0, value=None, **widget_for("fc_stock"))
    stock = st.session_state.get("fc_stock")
    mirror_to_url("stock", None if stock is None else _link_number(stock))
    try:
        cover = stock_cover(result, lead, level, stock)
    except UserInputError as exc:
        show_failure(exc)
        return
    table = pd.DataFrame([{"series": label, **cover.to_dict()}])
    _stock_outputs(table, presenter, "stock.csv")
    if cover.stockout_risk:
        st.error(t("fc_stock_risk_one", days=f"{cover.days_of_cover:.1f}", lead=f"{lead:g}"))
    st.caption(
        t(
            "fc_stock_method",
            z=f"{cover.z:.2f}",
            sd=f"{cover.demand_sd:,.0f}",
            source=t(f"fc_sd_{cover.sd_source}"),
        )
    )


def show_stock_many(batch: ManyForecasts, presenter: bool) -> None:
    st.subheader(t("fc_stock_header"))
    lead, level = stock_settings(presenter)
    labels = [label for label, r in batch.results.items() if isinstance(r, ForecastResult)]
    if "fc_stocks" not in st.session_state:
        st.session_state["fc_stocks"] = stocks_from_link(st.query_params.get_all("stocks"), labels)
    stocks: dict[str, float | None] = st.session_state["fc_stocks"]
    if not presenter:
        st.caption(t("fc_stock_many_help"))
        entered = st.data_editor(
            pd.DataFrame(
                {"series": labels, "stock": [stocks.get(label) for label in labels]}
            ).astype({"stock": "float"}),
            key="fc_stock_editor",
            hide_index=True,
            disabled=["series"],
            column_config={
                "series": st.column_config.TextColumn(t("fc_col_series")),
                "stock": st.column_config.NumberColumn(t("fc_col_stock"), min_value=0.0),
            },
        )
        stocks.update(
            {
                row["series"]: None if pd.isna(row["stock"]) else float(row["stock"])
                for row in entered.to_dict(orient="records")
            }
        )
    mirror_to_url("stocks", stocks_to_link(stocks, labels))
    try:
        table = cover_table(batch.results, lead, level, stocks)
    except UserInputError as exc:
        show_failure(exc)
        return
    at_risk = table[table["stockout_risk"].eq(True)]["series"].tolist()
    _stock_outputs(table, presenter, "stock_cover.csv")
    if at_risk:
        st.error(t("fc_stock_risk_many", names=", ".join(md(n) for n in at_risk)))


def _stock_outputs(table: pd.DataFrame, presenter: bool, file_name: str) -> None:
    shown = _stock_frame(table)
    show_table(
        shown,
        file_name,
        presenter=presenter,
        label="fc_download_stock",
        key=f"fc_download_{file_name}",
    )
