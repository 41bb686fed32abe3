"""Drivers page: choices, cached fits, figures."""
