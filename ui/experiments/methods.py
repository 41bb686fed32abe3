"""The names of the Experiments page's tests in the current language (analytics names them in
English, which the CLI and JSON keep)."""

from __future__ import annotations

from analytics.experiments import sequential
from analytics.experiments.abtest import BOOTSTRAP, CUPED_ADJUSTED, METHODS, YUEN
from analytics.experiments.results import MEAN, PROPORTION, RATIO
from ui.i18n import t

_KEYS = {
    METHODS[PROPORTION]: "exp_method_proportion",
    METHODS[MEAN]: "exp_method_mean",
    METHODS[RATIO]: "exp_method_ratio",
    YUEN: "exp_method_yuen",
    BOOTSTRAP: "exp_method_bootstrap",
    sequential.METHOD: "exp_method_sequence",
}


def method_name(method: str) -> str:
    """A test's name as analytics gives it, worded in the current language."""
    if method.endswith(CUPED_ADJUSTED):
        return t("exp_method_cuped", method=method_name(method.removesuffix(CUPED_ADJUSTED)))
    key = _KEYS.get(method)
    return t(key) if key else method
