"""How a dataset is shown: a display name per column (proposed from its name, editable) and the
currency of its amounts; chosen in the mapping form and changeable for a saved dataset."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import UserInputError
from analytics.formatting import CURRENCIES
from analytics.ingest.display_names import display_name, edited_labels
from analytics.ingest.roles import Mapping
from analytics.workspace import DatasetInfo, Workspace
from ui.failures import failure_text
from ui.i18n import language, t

CURRENCY_CHOICES: tuple[str | None, ...] = (None, *CURRENCIES)


def currency_label(code: str | None) -> str:
    return t("currency_none") if code is None else f"{code} ({CURRENCIES[code]})"


def currency_choice(current: str | None, key: str) -> str | None:
    """The currency picker; a code the list does not know is offered as it is."""
    choices = CURRENCY_CHOICES if current in CURRENCY_CHOICES else (*CURRENCY_CHOICES, current)
    return st.selectbox(
        t("currency_label"),
        choices,
        index=choices.index(current),
        format_func=lambda code: code if code not in CURRENCY_CHOICES else currency_label(code),
        help=t("currency_help"),
        key=key,
    )


def shown_names(columns: list[str], mapping: Mapping | None) -> list[str]:
    """Each column's display name as the form starts it: the stored one, else the proposal."""
    return [display_name(mapping, name, language()) for name in columns]


def labels_from(columns: list[str], shown: pd.Series | list[str]) -> dict[str, str]:
    """The names to store: only those the user changed from the proposal."""
    return edited_labels(columns, ["" if pd.isna(v) else str(v) for v in shown], language())


def presentation_editor(ws: Workspace, info: DatasetInfo) -> None:
    """A saved dataset's display names and currency, saved without a new version."""
    with st.expander(t("presentation_header")):
        columns = list(info.mapping.roles)
        table = pd.DataFrame(
            {t("col_column"): columns, t("col_display_name"): shown_names(columns, info.mapping)}
        )
        edited = st.data_editor(
            table,
            hide_index=True,
            disabled=[t("col_column")],
            column_config={
                t("col_display_name"): st.column_config.TextColumn(help=t("display_name_help"))
            },
            key=f"names_{info.id}",
        )
        currency = currency_choice(info.mapping.currency, key=f"currency_{info.id}")
        labels = labels_from(columns, edited[t("col_display_name")])
        st.button(
            t("presentation_save"),
            key=f"names_save_{info.id}",
            on_click=_save,
            args=(ws, info.id, labels, currency),
        )


def _save(ws: Workspace, dataset_id: str, labels: dict[str, str], currency: str | None) -> None:
    try:
        ws.set_presentation(dataset_id, labels, currency)
        st.toast(t("presentation_saved"))
    except UserInputError as exc:
        st.toast(failure_text(exc))
