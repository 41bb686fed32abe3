"""Forecast page: choices, inputs in the link, cached forecasts, results, figures, stock."""
