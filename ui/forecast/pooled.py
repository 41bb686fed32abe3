"""The model card's part on the gradient-boosting model across the series (GBM): what it learns
from, and why it forecasts a series, joins its combination or loses to the series' own model."""

from __future__ import annotations

import streamlit as st

from analytics.forecast.results import Candidate, ForecastResult, GlobalModel
from analytics.forecast.series import GLOBAL
from analytics.formatting import MISSING, plain, ratio
from ui.failures import festival_name
from ui.i18n import STRINGS, t
from ui.safe import md

OWN = ("arima", "ets", "theta", "seasonal_naive")  # the families of one series alone


def global_card(result: ForecastResult) -> None:
    """What the global model uses and why it won or lost here; nothing when it was no
    candidate (a single series, or no backtest)."""
    model = result.pooled
    if model is None:
        return
    st.markdown(f"**{t('fc_gbm_header')}**")
    unit = t(f"fc_units_{result.frequency}")
    st.markdown(
        t("fc_gbm_what", series=model.series, unit=unit, horizon=result.horizon, fits=model.fits)
    )
    st.markdown("\n".join(f"- {line}" for line in feature_lines(model, result.horizon, unit)))
    st.markdown(why_line(result))


def feature_lines(model: GlobalModel, horizon: int, unit: str) -> list[str]:
    """One line per kind of feature: lags, the value a season back, rolling means, calendar,
    regressors known in advance."""
    separator = t("drv_list_separator")
    lines = [
        t("fc_gbm_lags", lags=separator.join(plain(lag) for lag in model.lags), unit=unit),
        t("fc_gbm_season", lag=plain(model.season_lag), unit=unit),
        t(
            "fc_gbm_means",
            windows=separator.join(plain(w) for w in model.windows),
            unit=unit,
            horizon=horizon,
        ),
        t("fc_gbm_calendar", fields=separator.join(t(f"fc_gbm_cal_{f}") for f in model.calendar)),
    ]
    if model.known:
        names = separator.join(known_name(name) for name in model.known)
        lines.append(t("fc_gbm_known", names=names))
    else:
        lines.append(t("fc_gbm_known_none"))
    return lines


def known_name(name: str) -> str:
    """A regressor's name: promotions and the price translated, festivals by their name, a
    flag by its column."""
    key = f"fc_regressor_{name}"
    if key in STRINGS:
        return t(key)
    if name.startswith("flag: "):
        return md(name.removeprefix("flag: "))
    return md(festival_name(name))


def why_line(result: ForecastResult) -> str:
    """Why the global model forecasts this series, is one of the combination's members, or
    neither, against the best model of the series alone."""
    found = {c.name: c for c in result.candidates}
    gbm, own = found.get(GLOBAL), best_own(result.candidates)
    values = {
        "mase": ratio(gbm.mase, 3) if gbm else MISSING,
        "best": md(own.label) if own else MISSING,
        "best_mase": ratio(own.mase, 3) if own else MISSING,
        "points": plain(int(result.history["actual"].notna().sum())),
        "unit": t(f"fc_units_{result.frequency}"),
    }
    if result.model == GLOBAL:
        return t("fc_gbm_won", **values)
    if GLOBAL in result.members:
        return t("fc_gbm_member", **values)
    if gbm and own and gbm.mase is not None and gbm.mase < own.mase:
        return t("fc_gbm_outdone", **values)
    return t("fc_gbm_lost", **values)


def best_own(candidates: tuple[Candidate, ...]) -> Candidate | None:
    """The candidate of the series alone with the lowest backtest MASE."""
    own = [c for c in candidates if c.name in OWN and c.mase is not None]
    return min(own, key=lambda c: c.mase) if own else None


def presenter_line(result: ForecastResult) -> None:
    """In presenter mode, one caption when the forecast shown comes from the global model
    (alone or in the combination); nothing otherwise."""
    if result.pooled is None or GLOBAL not in (result.members or (result.model,)):
        return
    gbm = next(c for c in result.candidates if c.name == GLOBAL)
    own = best_own(result.candidates)
    st.caption(
        t(
            "fc_gbm_presenter",
            series=result.pooled.series,
            mase=ratio(gbm.mase, 3),
            best_mase=ratio(own.mase, 3) if own else MISSING,
        )
    )
