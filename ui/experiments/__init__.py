"""The Experiments page: the A/B tab, the geo tab, their cached calls and figures."""
