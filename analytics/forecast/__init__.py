"""Demand forecasts: automatic seasonal ARIMA with festivals and promotions as regressors (past
promotions from the data, planned ones from the user), 80% and 95% intervals, a model card,
rolling-origin backtests against the seasonal naive forecast, many series at once, and stock."""
