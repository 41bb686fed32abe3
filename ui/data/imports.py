"""The Data page's "Add a newer export" for a saved dataset: the file read and merged as a
preview (added, changed, unchanged, a few example rows), confirm, the import history, undo."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analytics.errors import UserInputError
from analytics.formatting import count
from analytics.imports import (
    LOCAL_USER,
    AppendPreview,
    ImportRecord,
    commit_append,
    fit_export,
    import_history,
    key_columns,
    preview_append,
    undo_import,
)
from analytics.ingest.fence import read_upload
from analytics.workspace import DatasetInfo, Workspace
from ui.cards import kpi
from ui.failures import failure_text
from ui.i18n import t
from ui.numbers import column_name
from ui.safe import md
from ui.tables import show_table

_PREVIEWS = "_append_previews"
_DONE = "_append_done"


def append_section(ws: Workspace, info: DatasetInfo) -> None:
    """Upload a newer export of ``info``, preview the merge, confirm; then its history."""
    st.markdown(f"##### {t('append_header')}")
    key = ", ".join(column_name(name) for name in key_columns(info))
    st.caption(t("append_help", columns=md(key or "-")))
    uploaded = st.file_uploader(t("append_label"), key=f"append_file_{info.id}")
    done = st.session_state.get(_DONE, {}).get(info.id)
    if done:
        st.success(done)
    if uploaded is not None:
        _preview_and_confirm(ws, info, uploaded.name, uploaded.getvalue())
    _history(ws, info)


def _preview_and_confirm(ws: Workspace, info: DatasetInfo, file_name: str, data: bytes) -> None:
    try:
        preview = _preview(ws, info, file_name, data)
    except UserInputError as exc:
        st.error(failure_text(exc))
        return
    if preview.already_imported:
        st.info(t("append_already", name=md(file_name)))
        return
    cards = st.columns(4)
    kpi(cards[0], t("append_added"), count(preview.added))
    kpi(cards[1], t("append_changed"), count(preview.changed))
    kpi(cards[2], t("append_unchanged"), count(preview.unchanged))
    kpi(cards[3], t("append_duplicates"), count(preview.duplicates_in_file))
    if preview.duplicates_in_file:
        st.caption(t("append_duplicates_note", n=count(preview.duplicates_in_file)))
    _examples(preview)
    if not (preview.added or preview.changed):
        st.info(t("append_nothing_new"))
    st.button(
        t("append_confirm"),
        type="primary",
        key=f"append_go_{info.id}",
        on_click=_confirm,
        args=(ws, preview),
    )


def _preview(ws: Workspace, info: DatasetInfo, file_name: str, data: bytes) -> AppendPreview:
    """Read (fenced) and merge once per file and dataset version; kept in this session only."""
    key = (info.id, info.content_hash, hashlib.sha256(data).hexdigest())
    previews = st.session_state.setdefault(_PREVIEWS, {})
    if key not in previews:
        with st.spinner(t("reading_file", name=md(file_name))):
            raw, profiles = read_upload(data, file_name=file_name)
            previews.clear()
            previews[key] = preview_append(ws, info.id, fit_export(info, raw, profiles))
    return previews[key]


def _examples(preview: AppendPreview) -> None:
    if not preview.added_examples.empty:
        st.markdown(f"**{t('append_added_examples')}**")
        show_table(_shown(preview.added_examples))
    if not preview.changed_examples.empty:
        st.markdown(f"**{t('append_changed_examples')}**")
        show_table(_shown(preview.changed_examples))


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Display names; a stored value beside the new one as "<name> (before)"."""
    shown = frame.copy()
    suffix = " (before)"
    shown.columns = [
        t("append_before", column=column_name(c.removesuffix(suffix)))
        if c.endswith(suffix)
        else column_name(c)
        for c in frame.columns
    ]
    for name in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[name]):
            shown[name] = shown[name].dt.strftime("%Y-%m-%d")
    return shown


def _confirm(ws: Workspace, preview: AppendPreview) -> None:
    try:
        record = commit_append(ws, preview)
    except UserInputError as exc:
        st.toast(failure_text(exc))
        return
    st.session_state.pop(_PREVIEWS, None)
    st.session_state.pop(f"append_file_{preview.dataset_id}", None)
    st.session_state.setdefault(_DONE, {})[preview.dataset_id] = t(
        "append_done",
        name=md(record.file_name or ""),
        added=count(record.added),
        changed=count(record.changed),
    )


def _history(ws: Workspace, info: DatasetInfo) -> None:
    records = import_history(ws, info.id)
    if not records:
        st.caption(t("append_no_history"))
        return
    st.markdown(f"**{t('append_history')}**")
    show_table(_history_table(records))
    latest = next((r for r in records if not r.undone), None)
    if latest is not None and latest.undoable:
        st.button(
            t("append_undo", name=md(latest.file_name or "")),
            key=f"append_undo_{info.id}",
            on_click=_undo,
            args=(ws, latest),
        )


def _history_table(records: list[ImportRecord]) -> pd.DataFrame:
    return pd.DataFrame({
        t("append_col_time"): [r.imported_at.strftime("%Y-%m-%d %H:%M") for r in records],
        t("col_file"): [r.file_name or "" for r in records],
        t("append_col_user"): [t("append_user_local") if r.user == LOCAL_USER else r.user
                               for r in records],
        t("append_added"): [r.added for r in records],
        t("append_changed"): [r.changed for r in records],
        t("append_unchanged"): [r.unchanged for r in records],
        t("append_duplicates"): [r.duplicates_in_file for r in records],
        t("append_col_status"): [
            t("append_status_undone" if r.undone else "append_status_kept") for r in records
        ],
    })  # fmt: skip


def _undo(ws: Workspace, record: ImportRecord) -> None:
    try:
        undo_import(ws, record.batch)
    except UserInputError as exc:
        st.toast(failure_text(exc))
        return
    st.session_state.pop(_PREVIEWS, None)
    done = t("append_undone", name=md(record.file_name or ""))
    st.session_state.setdefault(_DONE, {})[record.dataset_id] = done
