"""The Forecast page's results: the forecast chart and its notes, the backtest against the
seasonal naive forecast, the model card, and the accuracy table of many series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from analytics.forecast.many import ManyForecasts, model_name
from analytics.forecast.results import ForecastResult, Note
from analytics.formatting import MISSING, amount, is_money, p_value, percent, plain, ratio
from ui.failures import festival_name
from ui.figures import chart_config
from ui.forecast import figures as forecast_figures
from ui.forecast.pooled import global_card
from ui.glossary import glossary_caption
from ui.i18n import t
from ui.numbers import in_words, money
from ui.safe import md
from ui.tables import download_csv, show_table
from ui.url import mirror_to_url, seed_from_url


def metric_amount(metric: str, value: float | None) -> str:
    """A value of the forecast metric: money with the dataset's currency when the metric reads
    as money (revenue, GMV), else an amount with separators (units, orders)."""
    return money(value) if is_money(metric) else amount(value)


def chart_labels(result: ForecastResult | None = None) -> dict[str, str]:
    """Legend names; the fit's names the family that drew it when ``result`` says which."""
    fitted_by = result.fitted_by if result is not None else ""
    return {
        "actual": t("fc_legend_actual"),
        "fitted": (
            t("fc_legend_fitted_by", family=t(f"fc_family_{fitted_by}"))
            if fitted_by
            else t("fc_legend_fitted")
        ),
        "forecast": t("fc_legend_forecast"),
        "band80": t("fc_legend_band80"),
        "band95": t("fc_legend_band95"),
        "naive": t("fc_legend_naive"),
        "model": t("fc_legend_model"),
    }


def show_forecast(result: ForecastResult, title: str, presenter: bool, key: str) -> None:
    """The chart, the notes and the forecast table's download."""
    fig = forecast_figures.forecast_chart(
        result, chart_labels(result), presenter=presenter, title=title
    )
    st.plotly_chart(fig, config=chart_config(), key=f"fc_chart_{key}")
    total = result.forecast["mean"].sum()
    st.markdown(
        t(
            "fc_total_sentence",
            metric=md(in_words(result.metric)),
            total=metric_amount(result.metric, total),
            count=result.horizon,
            unit=t(f"fc_units_{result.frequency}"),
            first=f"{result.forecast.index[0]:%Y-%m-%d}",
            last=f"{result.forecast.index[-1]:%Y-%m-%d}",
        )
    )
    for note in result.notes:
        st.caption(note_text(note))
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
        "mae": metric_amount(result.metric, backtest.mae),
        "mape": percent(backtest.mape),
        "nmae": metric_amount(result.metric, backtest.naive_mae),
        "nmape": percent(backtest.naive_mape),
        "mase": ratio(backtest.mase),
        "ratio": percent(backtest.mae / backtest.naive_mae, 0) if backtest.naive_mae else MISSING,
    }
    if result.card.method != "sarimax":
        st.info(t("fc_backtest_naive", **values))
    elif backtest.model_better:
        st.markdown(t("fc_backtest_better", **values))
    else:
        st.warning(t("fc_backtest_worse", **values))
    glossary_caption("mase")
    if result.calibration is not None:
        st.caption(
            t(
                "fc_backtest_coverage",
                c80=percent(backtest.coverage80, 0),
                c95=percent(backtest.coverage95, 0),
            )
        )
    fig = forecast_figures.backtest_chart(
        backtest,
        chart_labels(),
        presenter=presenter,
        title=t("fc_backtest_chart"),
        metric=result.metric,
    )
    st.plotly_chart(fig, config=chart_config(), key=f"fc_backtest_{key}")
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


def choice_card(result: ForecastResult) -> None:
    """Every candidate's backtest MASE, why the winner won, and how its bands were calibrated."""
    st.markdown(f"**{t('fc_choice_header')}**")
    ranked = list(result.candidates)
    if not ranked:
        st.markdown(t("fc_choice_only"))
    else:
        st.markdown(_choice_sentence(result, ranked))
        show_table(candidate_table(result))
    st.caption(t("fc_mase_explained"))
    for line in elasticity_lines(result):
        st.markdown(line)
    found = result.calibration
    if found is not None:
        st.caption(
            t(
                "fc_calibration",
                points=found.points,
                c80=percent(found.coverage80, 0),
                c95=percent(found.coverage95, 0),
                width=percent(found.width95, 0),
            )
        )


def elasticity_lines(result: ForecastResult) -> list[str]:
    """One sentence per price regressor: its elasticity, and whether the chosen model uses it."""
    lines = []
    for effect in result.regressors:
        if effect.elasticity is None:
            continue
        se = (
            effect.std_error
            if result.card.log
            else effect.std_error / result.history["actual"].mean()
        )
        lines.append(
            t(
                "fc_elasticity",
                value=ratio(effect.elasticity, signed=True),
                se=ratio(se),
                metric=md(in_words(result.metric)),
            )
        )
        if "arima" not in (result.members or (result.model,)):
            lines.append(t("fc_elasticity_not_used"))
    return lines


def _choice_sentence(result: ForecastResult, ranked: list) -> str:
    winner = next(c for c in ranked if c.name == result.model)
    others = [c for c in ranked if c.name not in (result.model, "combination")]
    runner = others[0] if others else None
    values = {
        "model": t(f"fc_family_{winner.name}"),
        "label": md(winner.label),
        "mase": ratio(winner.mase),
        "count": len(ranked),
        "runner": md(runner.label) if runner else MISSING,
        "runner_mase": ratio(runner.mase) if runner else MISSING,
    }
    key = "fc_choice_combination" if winner.name == "combination" else "fc_choice_won"
    return t(key, **values)


def candidate_table(result: ForecastResult) -> pd.DataFrame:
    """One row per candidate, best first, the chosen one marked."""
    return pd.DataFrame(
        {
            t("fc_col_family"): [t(f"fc_family_{c.name}") for c in result.candidates],
            t("fc_col_fitted"): [c.label for c in result.candidates],
            t("fc_col_backtest_mase"): [
                None if c.mase is None else round(c.mase, 3) for c in result.candidates
            ],
            t("fc_col_chosen"): ["✓" if c.name == result.model else "" for c in result.candidates],
        }
    )


def model_card(result: ForecastResult) -> None:
    """Which model and why (the global model across the series explained when it was a
    candidate), then the ARIMA in plain words and its coefficients."""
    choice_card(result)
    global_card(result)
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
            aic=ratio(card.aic, 1),
        ),
        t("fc_card_log", slope=ratio(card.log_slope)) if card.log else t("fc_card_no_log"),
        t(
            "fc_card_differencing",
            d=d,
            D=seasonal_d,
            strength=ratio(card.seasonal_strength),
            kpss=p_value(card.kpss_p),
            adf=p_value(card.adf_p),
        ),
    ]
    if card.fourier_terms:
        lines.append(
            t("fc_card_fourier", k=card.fourier_terms, period=plain(card.fourier_period), unit=unit)
        )
    if card.season_dummies:
        lines.append(t(f"fc_card_dummies_{result.frequency}"))
    lb = {"lags": card.ljung_box_lags, "p": p_value(card.ljung_box_p)}
    lines.append(t("fc_card_lb_ok", **lb) if card.residuals_white else t("fc_card_lb_bad", **lb))
    lines.append(t("fc_card_estimation", tried=card.models_tried))
    for line in lines:
        st.markdown(f"- {line}")
    glossary_caption("model_order")
    show_table(coefficient_table(result))


def coefficient_table(result: ForecastResult) -> pd.DataFrame:
    rows = []
    for c in result.card.coefficients:
        effect = None
        if result.card.log and c.kind in ("festival", "promotion", "season"):
            effect = percent(np.expm1(c.estimate), signed=True)
        rows.append(
            {
                t("fc_coef_name"): _coefficient_name(c.name, c.kind),
                t("fc_coef_kind"): t(f"fc_kind_{c.kind}"),
                t("fc_coef_estimate"): round(c.estimate, 4),
                t("fc_coef_se"): round(c.std_error, 4),
                t("fc_coef_effect"): effect,
            }
        )
    return pd.DataFrame(rows)


def _coefficient_name(name: str, kind: str) -> str:
    if kind in ("promotion", "price"):
        return t(f"fc_regressor_{name}")
    return festival_name(name) if kind == "festival" else name


def many_summary(batch: ManyForecasts) -> str:
    mases = [r.backtest.mase for r in batch.modelled if r.backtest and r.backtest.mase is not None]
    return t(
        "fc_many_summary",
        beats=batch.beats_naive,
        total=batch.backtested,
        series=len(batch.results),
        mase=ratio(np.median(mases)) if mases else MISSING,
    )


def many_table(batch: ManyForecasts) -> pd.DataFrame:
    """The accuracy table with translated headers (the total last)."""
    table = batch.table()
    outcomes = [*batch.results.values(), batch.total]
    table["message"] = [_notes_text(outcome) for outcome in outcomes]
    table.loc[table["series"] == "total", "series"] = t("fc_segment_total")
    family = table.pop("family")
    pooled = (family == "global").to_numpy()
    table.loc[pooled, "model"] = t("fc_family_global")  # its label is the family's name
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
            table[column] = table[column].map(lambda v: None if pd.isna(v) else percent(v))
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
    return " ".join(note_text(n) for n in notes) or None


def note_text(note: Note) -> str:
    """A note in the user's language, names escaped; a list of festival keys reads as the
    festivals' names joined the language's way."""
    params = {
        k: t("drv_list_separator").join(md(festival_name(n)) for n in v)
        if isinstance(v, list)
        else md(v)
        for k, v in note.params.items()
    }
    return t(f"fc_note_{note.code}", **params)


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
        st.plotly_chart(fig, config=chart_config(), key="fc_many_chart")
    table = many_table(batch)
    amounts = [t("fc_col_forecast_total"), "MAE", t("fc_col_naive_mae")]
    show_table(
        table,
        "forecast_accuracy.csv",
        presenter=presenter,
        money=amounts if is_money(batch.metric) else (),
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
