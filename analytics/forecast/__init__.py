"""Demand forecasts: ARIMA search, seasonal naive, backtests, many series, stock."""
