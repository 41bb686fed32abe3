"""Experiments: A/B tests (outcomes per unit by variant) and geo tests (a dated panel by place)."""
