"""The robustness and placebo checks of a lift estimate: tables and plain sentences."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import Failure
from analytics.formatting import p_value, percent
from analytics.lift.checks import Placebo, Robustness
from ui.failures import failure_text
from ui.glossary import glossary_caption
from ui.i18n import t
from ui.numbers import money, span
from ui.tables import show_table

# Skip reasons the analytics give for specifications it could not run, by specification.
_SKIP_KEYS = {"with_controls": "lft_skip_with_controls", "log": "lft_skip_log"}


def robustness_table(robustness: Robustness) -> pd.DataFrame:
    """One row per specification: effect, interval, relative effect, p and its conclusion."""
    return pd.DataFrame(
        {
            t("lft_col_spec"): [_spec_label(s.key, s.order) for s in robustness.specs],
            t("lft_col_effect"): [_signed(s.abs_effect) for s in robustness.specs],
            t("col_lift_ci"): [span(s.abs_effect_ci, _signed) for s in robustness.specs],
            t("col_rel"): [percent(s.rel_effect, signed=True) for s in robustness.specs],
            t("lft_col_p"): [p_value(s.p_value) for s in robustness.specs],
            t("lft_col_conclusion"): [
                t(f"lft_conclusion_{s.conclusion}") for s in robustness.specs
            ],
        }
    )


def robustness_sentence(robustness: Robustness, *, table_below: bool = True) -> str:
    """Whether the conclusion holds; it points to the table only when the table is shown."""
    what = t(f"lft_what_{robustness.conclusion}")
    if robustness.holds:
        key = "lft_holds" if table_below else "lft_holds_tried"
        return t(key, what=what, n=len(robustness.specs))
    names = ", ".join(_spec_label(key) for key in robustness.differing)
    return t("lft_differs", what=what, names=names)


def skipped_lines(robustness: Robustness) -> list[str]:
    return [
        t("lft_skipped", spec=_spec_label(key), reason=_skip_reason(robustness, key, reason))
        for key, reason in robustness.skipped.items()
    ]


def _skip_reason(robustness: Robustness, key: str, reason: str) -> str:
    """Why a specification was not run, in the current language when there is a template."""
    if key in _SKIP_KEYS:
        return t(_SKIP_KEYS[key])
    code, params = robustness.skipped_codes.get(key, (None, {}))
    return failure_text(Failure(reason, code, params))


def placebo_sentence(placebo: Placebo) -> str:
    if not placebo.total:
        return t("lft_placebo_none")
    return t("lft_placebo", found=placebo.found, total=placebo.total)


def placebo_table(placebo: Placebo) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col_window"): [span((w.start, w.end), str) for w in placebo.windows],
            t("lft_col_effect"): [_signed(w.abs_effect) for w in placebo.windows],
            t("col_lift_ci"): [span(w.abs_effect_ci, _signed) for w in placebo.windows],
            t("col_rel"): [percent(w.rel_effect, signed=True) for w in placebo.windows],
            t("lft_col_found"): [t("yes") if w.found else t("no") for w in placebo.windows],
        }
    )


def show_robustness(robustness: Robustness, presenter: bool) -> None:
    """The sentence first (it is the message); the table and what was not run below it."""
    st.markdown(robustness_sentence(robustness, table_below=not presenter))
    if presenter:
        return
    show_table(robustness_table(robustness), "robustness.csv")
    glossary_caption("model_order")
    for line in skipped_lines(robustness):
        st.caption(line)


def show_placebo(placebo: Placebo) -> None:
    st.markdown(f"**{t('lft_placebo_header')}** " + placebo_sentence(placebo))
    if placebo.total:
        show_table(placebo_table(placebo), "placebo.csv")


def _spec_label(key: str, order: tuple[int, int, int] | None = None) -> str:
    label = t(f"lft_spec_{key}")
    return f"{label} (ARMA{tuple(order)})" if key == "order" and order else label


def _signed(value: float) -> str:
    return money(value, signed=True)
