"""One-line explanations of technical terms, in the current language, shown beside the term:
one string per term (``gl_<term>`` in ui/i18n/common.py), one way to show them."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t

TERMS = (
    "model_order",
    "mase",
    "mroi",
    "carry_over",
    "saturation",
    "half_saturation",
    "shape",
)


def explain(term: str) -> str:
    """The term in bold and what it means, in one line (Markdown)."""
    if term not in TERMS:
        raise KeyError(f"no glossary entry for {term!r}")
    return t(f"gl_{term}")


def glossary_caption(*terms: str) -> None:
    """A caption under the element that uses the terms: one line per term."""
    st.caption("  \n".join(explain(term) for term in terms))
