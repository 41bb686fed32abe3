"""The Data page's dataset manager: list, open, rename, delete with confirmation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.audit import DELETE, RENAME
from analytics.errors import UserInputError
from analytics.workspace import DatasetInfo, Workspace
from ui.chrome import PageContext, frequency_label, select_dataset
from ui.data.imports import append_section
from ui.data.presentation import presentation_editor
from ui.failures import failure_text
from ui.i18n import t
from ui.kinds import kind_of
from ui.numbers import span
from ui.safe import md
from ui.signin import can
from ui.tables import show_table
from ui.workspace import dataset_name

_CONFIRM = "_confirm_delete"


def datasets_table(datasets: list[DatasetInfo]) -> pd.DataFrame:
    return pd.DataFrame({
        t("col_name"): [dataset_name(info) for info in datasets],
        t("col_file"): [info.file_name or "" for info in datasets],
        t("kpi_rows"): [info.n_rows for info in datasets],
        t("col_dates"): [span((info.date_min, info.date_max), str) if info.date_min else ""
                         for info in datasets],
        t("col_frequency"): [frequency_label(info) for info in datasets],
        t("col_dataset_kind"): [t(f"dataset_kind_short_{kind_of(info)}") for info in datasets],
        t("col_uploaded"): [info.uploaded_at.strftime("%Y-%m-%d %H:%M") for info in datasets],
        t("col_version"): [info.content_hash[:8] for info in datasets],
    })  # fmt: skip


def dataset_manager(ctx: PageContext) -> None:
    st.subheader(t("manager_header"))
    datasets = ctx.workspace.list()
    if not datasets:
        st.info(t("no_datasets"))
        return
    show_table(datasets_table(datasets), presenter=ctx.presenter)
    if ctx.presenter:
        return
    names = {info.id: dataset_name(info) for info in datasets}
    chosen = st.selectbox(t("manage_choice"), list(names), format_func=names.get, key="manage")
    info = next(d for d in datasets if d.id == chosen)
    rename_col, actions_col = st.columns([3, 2], vertical_alignment="bottom")
    shown = names[info.id]
    new_name = rename_col.text_input(t("rename_label"), value=shown, key=f"rename_{info.id}")
    buttons = actions_col.columns(3)
    editor, admin = can(ctx.workspace, RENAME), can(ctx.workspace, DELETE)
    buttons[0].button(
        t("rename_button"),
        key="rename_go",
        on_click=_rename,
        args=(ctx.workspace, info.id, new_name, shown),
        disabled=not editor,
        help=None if editor else t("role_rename_needs"),
    )
    buttons[1].button(t("open_button"), key="open_go", on_click=select_dataset, args=(info.id,))
    buttons[2].button(
        t("delete_button"),
        key="delete_go",
        on_click=_ask_delete,
        args=(info.id,),
        disabled=not admin,
        help=None if admin else t("role_delete_needs"),
    )
    if st.session_state.get(_CONFIRM) == info.id:
        _confirm_delete(ctx.workspace, info)  # the workspace refuses a role too low anyway
    if editor:
        presentation_editor(ctx.workspace, info)
        append_section(ctx.workspace, info)


def _rename(ws: Workspace, dataset_id: str, name: str, shown: str) -> None:
    """Store the new name; the name as shown, unchanged, is no rename (a sample keeps following
    the language)."""
    if name == shown:
        return
    try:
        ws.rename(dataset_id, name)
        st.toast(t("renamed"))
    except UserInputError as exc:
        st.toast(failure_text(exc))


def _ask_delete(dataset_id: str) -> None:
    st.session_state[_CONFIRM] = dataset_id


def _confirm_delete(ws: Workspace, info: DatasetInfo) -> None:
    with st.container(border=True):
        st.warning(t("delete_confirm", name=md(dataset_name(info)), rows=f"{info.n_rows:,}"))
        yes, no = st.columns(2)
        yes.button(
            t("delete_yes"), type="primary", key="delete_yes", on_click=_delete, args=(ws, info)
        )
        no.button(t("delete_no"), key="delete_no", on_click=_ask_delete, args=(None,))  # fmt: skip


def _delete(ws: Workspace, info: DatasetInfo) -> None:
    try:
        ws.delete(info.id)
        st.toast(t("deleted", name=md(dataset_name(info))))
    except UserInputError as exc:
        st.toast(failure_text(exc))
    st.session_state[_CONFIRM] = None
    if st.session_state.get("ds") == info.id:
        st.session_state.pop("ds", None)
    if st.query_params.get("ds") == info.id:  # not a link to a dataset that is gone
        del st.query_params["ds"]
