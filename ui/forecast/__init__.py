"""Forecast page: choices, cached forecasts, figures, stock."""
