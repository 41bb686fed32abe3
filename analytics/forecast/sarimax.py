"""The chosen model on a history: its coefficients refitted with the order kept, SARIMAX's state
space at those coefficients, the forecast with intervals, the fitted values and the model card."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.forecast import arima
from analytics.forecast.intervals import cumulative_sd, levels
from analytics.forecast.regressors import MONTHS, PROMOTION_REGRESSORS, WEEKDAYS, YEAR
from analytics.forecast.results import Coefficient, ModelCard, RegressorEffect
from analytics.forecast.search import SEASON, ModelSpec, filled, independent, transform
from analytics.ingest.roles import PRICE

LJUNG_BOX_LAGS = {"D": 14, "W": 10, "M": 24}


def fit_fixed(
    spec: ModelSpec, y: pd.Series, design: pd.DataFrame, frequency: str, arma: bool = True
) -> tuple[arima.CssFit, list[str]] | None:
    """The chosen model's coefficients on this history (the order stays fixed), starting from
    its coefficients on the whole history; with ``arma`` False only the constant and the
    regressors are re-estimated, the ARMA coefficients kept (a linear solve)."""
    z = filled(transform(y, spec.log))
    found = fit_arrays(spec, z, design.to_numpy(dtype=float), frequency, arma)
    if found is None:
        return None
    fit, kept = found
    return fit, [design.columns[j] for j in kept]


def fit_arrays(
    spec: ModelSpec,
    z: np.ndarray,
    x: np.ndarray,
    frequency: str,
    arma: bool = True,
    backtest: bool = False,
) -> tuple[arima.CssFit, list[int]] | None:
    """``fit_fixed`` on the model-scale values and the regressors as arrays; the positions of
    the regressors kept (those that vary and add to the others on this history). A
    ``backtest`` refit only forecasts: the search's tolerance, no standard errors."""
    m = SEASON[frequency]
    d, seasonal_d = spec.differencing.d, spec.differencing.D
    xw_all = arima.difference(x, d, seasonal_d, m)
    kept = independent(xw_all) if x.shape[1] else []
    w = arima.difference(z, d, seasonal_d, m)
    xw = xw_all[:, kept]
    ncond = arima.conditioning(m)
    if len(w) - ncond <= len(kept) + spec.orders.size + 2:
        return None
    start = arima.arma_coefficients(spec.fit)
    if not arma:
        fit = arima.css_regression(w, xw, spec.orders, m, spec.constant, ncond, start)
    else:
        ftol = arima.SEARCH_FTOL if backtest else arima.FTOL
        fit = arima.css_fit(
            w, xw, spec.orders, m, spec.constant, ncond, start, ftol, std_errors=not backtest
        )
    return None if fit is None else (fit, kept)


def state_space(spec: ModelSpec, fit: arima.CssFit, y: pd.Series, design: pd.DataFrame, frequency):
    """SARIMAX at the fit's coefficients on this history: likelihood, fitted values, forecasts."""
    z = transform(y, spec.log)
    return arima.state_space(z, design.to_numpy(), fit, spec.differencing, SEASON[frequency])


def predict(
    spec: ModelSpec, fit: arima.CssFit, results, future_design: pd.DataFrame, y: pd.Series
) -> pd.DataFrame:
    """Mean, 80% and 95% bounds in the metric's units, and the standard deviation of the
    cumulative demand from the first forecast period to each one (for safety stock)."""
    horizon = len(future_design)
    exog = future_design.to_numpy() if future_design.shape[1] else None
    forecast = results.get_forecast(horizon, exog=exog)
    mu = np.asarray(forecast.predicted_mean, dtype=float)
    variance = np.clip(np.asarray(forecast.var_pred_mean, dtype=float), 0.0, None)
    table = levels(mu, variance, spec.log, nonnegative=bool(np.nanmin(y.to_numpy()) >= 0))
    m = int(results.model.seasonal_periods or 0)
    psi = arima.psi_weights(fit, spec.differencing, m, _n_regression(fit), horizon)
    scale = table["mean"].to_numpy() if spec.log else np.ones(horizon)
    table["cum_sd"] = cumulative_sd(psi, scale, fit.sigma2)
    table.index = future_design.index
    return table


def _n_regression(fit: arima.CssFit) -> int:
    return len(fit.params) - fit.orders.size


def fitted_levels(spec: ModelSpec, fit: arima.CssFit, results, y: pd.Series) -> pd.Series:
    """One-step fitted values in the metric's units (none while differencing starts up)."""
    fitted = np.asarray(results.fittedvalues, dtype=float).copy()
    m = int(results.model.seasonal_periods or 0)
    fitted[: spec.differencing.d + spec.differencing.D * m + 1] = np.nan
    if spec.log:
        fitted = np.exp(fitted + fit.sigma2 / 2)
    return pd.Series(fitted, index=y.index)


def sarimax_card(
    spec: ModelSpec,
    fit: arima.CssFit,
    columns: list[str],
    results,
    y: pd.Series,
    frequency: str,
) -> ModelCard:
    """What the fitted model is and how well it fits, with the Ljung–Box test of its residuals."""
    m = SEASON[frequency]
    d, seasonal_d = spec.differencing.d, spec.differencing.D
    residuals = np.asarray(results.resid, dtype=float)[d + seasonal_d * m + arima.conditioning(m) :]
    lags, statistic, p_value = arima.ljung_box(
        residuals, LJUNG_BOX_LAGS[frequency], spec.orders.size
    )
    return ModelCard(
        method="sarimax",
        order=(spec.orders.p, d, spec.orders.q),
        seasonal_order=(spec.orders.P, seasonal_d, spec.orders.Q, m) if m else (0, 0, 0, 0),
        trend=("drift" if d + seasonal_d == 1 else "constant") if spec.constant else "none",
        log=spec.log,
        log_slope=spec.log_slope,
        fourier_terms=spec.fourier,
        fourier_period=YEAR.get(frequency) if spec.fourier else None,
        season_dummies=spec.dummies,
        aic=float(results.aic),
        nobs=int(y.notna().sum()),
        sigma=float(np.sqrt(fit.sigma2)),
        seasonal_strength=spec.differencing.seasonal_strength,
        kpss_p=spec.differencing.kpss_p,
        adf_p=spec.differencing.adf_p,
        coefficients=_coefficients(fit, columns, m),
        ljung_box_lags=lags,
        ljung_box_stat=statistic,
        ljung_box_p=p_value,
        models_tried=spec.models_tried,
    )


def _coefficients(fit: arima.CssFit, columns: list[str], m: int) -> tuple[Coefficient, ...]:
    names: list[tuple[str, str]] = []
    if fit.constant:
        names.append(("constant", "constant"))
    for column in columns:
        kind = "festival"
        if column.startswith("year "):
            kind = "fourier"
        elif column in WEEKDAYS or column in MONTHS:
            kind = "season"
        elif column in PROMOTION_REGRESSORS:
            kind = "promotion"
        elif column == PRICE:
            kind = "price"
        elif column.startswith("flag: "):
            kind = "flag"
        names.append((column, kind))
    orders = fit.orders
    names += [(f"ar{i}", "ar") for i in range(1, orders.p + 1)]
    names += [(f"ma{i}", "ma") for i in range(1, orders.q + 1)]
    names += [(f"seasonal ar{m * i}", "seasonal_ar") for i in range(1, orders.P + 1)]
    names += [(f"seasonal ma{m * i}", "seasonal_ma") for i in range(1, orders.Q + 1)]
    return tuple(
        Coefficient(name, kind, float(value), float(error))
        for (name, kind), value, error in zip(names, fit.params, fit.std_errors, strict=True)
    )


def arima_label(card: ModelCard) -> str:
    """ARIMA(p,d,q)(P,D,Q)m, the seasonal part only when there is one."""
    p, d, q = card.order
    sp, sd, sq, m = card.seasonal_order
    seasonal = f"({sp},{sd},{sq}){m}" if m else ""
    return f"ARIMA({p},{d},{q}){seasonal}"


def regressor_effects(card: ModelCard, y: pd.Series) -> tuple[RegressorEffect, ...]:
    """The ARIMA's coefficients of the regressors known in advance; the price's as an
    elasticity (the coefficient itself on the log scale, over the mean level otherwise)."""
    effects = []
    for c in card.coefficients:
        if c.kind not in ("price", "promotion", "flag"):
            continue
        elasticity = None
        if c.kind == "price":
            elasticity = c.estimate if card.log else c.estimate / float(y.mean())
        effects.append(RegressorEffect(c.name, c.kind, c.estimate, c.std_error, elasticity))
    return tuple(effects)
