"""Every technical term has a one-line explanation in English and 简体中文."""

from __future__ import annotations

import pytest

from ui.glossary import TERMS, explain
from ui.i18n import STRINGS

NAMES = {
    "model_order": ("ARMA(p, d, q)", "ARMA(p, d, q)"),
    "mase": ("MASE", "MASE"),
    "mroi": ("Marginal ROI (mROI)", "边际 ROI（mROI）"),
    "carry_over": ("Carry-over", "延续率"),
    "saturation": ("Saturation", "饱和"),
    "half_saturation": ("Half-saturation", "半饱和花费"),
    "shape": ("Shape", "形状参数"),
}


@pytest.mark.parametrize("term", TERMS)
def test_each_term_names_itself_in_bold_and_explains_in_one_line(term: str) -> None:
    entry = STRINGS[f"gl_{term}"]
    for lang, name in zip(("en", "zh"), NAMES[term], strict=True):
        line = entry[lang]
        assert line.startswith(f"**{name}")
        assert "\n" not in line and len(line) < 260
    assert explain(term) == entry["en"]  # outside a session the language is English


def test_an_unknown_term_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        explain("r_squared")
