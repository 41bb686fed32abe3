"""The privacy switch: on the Data page, store a file's customer ids hashed; on the Customers
page, export original ids only when the user asks (and the workspace holds them)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.customers.privacy import id_key, pseudonymise, with_original_ids
from analytics.ingest.load import Dataset
from analytics.ingest.roles import CUSTOMER
from analytics.workspace import Workspace
from ui.i18n import t


def hash_ids_toggle(dataset: Dataset, file_key: str) -> bool:
    """Shown for a file with a customer column, off until the user switches it on."""
    if not dataset.mapping.columns(CUSTOMER):
        return False
    return st.toggle(
        t("cus_hash_ids"), value=False, key=f"hash_ids_{file_key}", help=t("cus_hash_ids_help")
    )


def private_dataset(
    ws: Workspace, dataset: Dataset, hashed: bool
) -> tuple[Dataset, pd.DataFrame | None]:
    """The dataset to store and its id lookup (None when its ids are kept as they are)."""
    if not hashed or not dataset.mapping.columns(CUSTOMER):
        return dataset, None
    return pseudonymise(dataset, id_key(ws))


def export_ids(ws: Workspace, dataset_id: str, ids: pd.Series) -> pd.Series:
    """The ids an export carries: the stored pseudonyms, or the originals when the user ticks
    the box (offered only for a dataset stored with hashed ids)."""
    lookup = ws.id_lookup(dataset_id)
    if lookup is None:
        return ids
    st.caption(t("cus_ids_hashed"))
    if not st.checkbox(t("cus_original_ids"), key="cus_original_ids"):
        return ids
    return with_original_ids(ids, lookup)
