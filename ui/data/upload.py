"""The Data page's upload flow: read, confirm encoding or sheet, map columns, check, save."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import PurePath
from typing import Any

import pandas as pd
import streamlit as st

from analytics.errors import EncodingNeedsConfirmation, UserInputError
from analytics.ingest.fence import read_limits, read_upload
from analytics.ingest.inference import infer_roles
from analytics.ingest.issues import ERROR, has_errors
from analytics.ingest.load import Dataset, build_dataset
from analytics.ingest.profiles import ColumnProfile
from analytics.ingest.raw_table import RawTable
from analytics.ingest.roles import DATE, METRIC, ROLES, Mapping, choose_outcome, dataset_kind
from analytics.workspace import Workspace
from ui.chrome import PageContext, select_dataset
from ui.customers.privacy import hash_ids_toggle, private_dataset
from ui.data.presentation import currency_choice, labels_from, shown_names
from ui.data.reasons import reason_text
from ui.failures import failure_text
from ui.i18n import issue_text, note_text, t
from ui.kinds import kind_summary
from ui.safe import md
from ui.workspace import dataset_name

UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls"]
PREVIEW_ROWS = 20
# What a file that needs its encoding confirmed may be in; each has its "encoding_lang_" string.
ENCODING_CHOICES = (
    "cp1252", "gb18030", "utf-16", "latin-1", "cp932", "euc_jp", "cp949", "cp950",
)  # fmt: skip
_CACHE = "_upload_cache"
_SAVED = "_upload_saved"


def upload_section(ctx: PageContext) -> None:
    st.subheader(t("upload_header"))
    limit = st.get_option("server.maxUploadSize")
    # Any file is accepted and one of another type refused with a sentence in the page:
    # ``type=`` would refuse it with only a red icon whose reason shows on hover.
    files = st.file_uploader(
        t("upload_label"),
        accept_multiple_files=True,
        help=t("upload_help", limit=limit),
        key="uploader",
    )
    _read_limits_caption()
    keys = []
    for uploaded in files or []:
        data = uploaded.getvalue()
        file_key = hashlib.sha256(data).hexdigest()[:16]
        keys.append(file_key)
        with st.container(border=True):
            _review(ctx.workspace, uploaded.name, data, file_key)
    _forget_other_uploads(keys)


def accepted_type(file_name: str) -> bool:
    """Whether the file's extension is one the Data page reads (CSV, TSV, text, Excel)."""
    return PurePath(file_name).suffix.lower().lstrip(".") in UPLOAD_TYPES


def _read_limits_caption() -> None:
    """What one file's read may use (a file beyond it is stopped with a sentence)."""
    try:
        limits = read_limits()
    except UserInputError as exc:
        st.error(failure_text(exc))
        return
    st.caption(t("upload_read_limits", memory=limits.memory_text, seconds=limits.seconds_text))


def _review(ws: Workspace, file_name: str, data: bytes, file_key: str) -> None:
    st.markdown(f"**{md(file_name)}**")
    saved = st.session_state.get(_SAVED, {}).get(file_key)
    if saved:
        st.success(saved)
        return
    if not accepted_type(file_name):
        suffix = PurePath(file_name).suffix.lower() or t("upload_no_suffix")
        accepted = ", ".join(f".{kind}" for kind in UPLOAD_TYPES)
        refused = t("upload_type_refused", name=md(file_name), suffix=md(suffix), accepted=accepted)
        st.error(refused)
        return
    try:
        raw, profiles = _read(file_name, data, file_key)
    except EncodingNeedsConfirmation as exc:
        _confirm_encoding(file_key, exc)
        return
    except UserInputError as exc:
        st.error(failure_text(exc))
        return
    _sheet_choice(raw, file_key)
    delimiter = t(f"delimiter_{raw.delimiter}" if raw.delimiter else "delimiter_none")
    st.caption(
        t("file_summary", rows=f"{raw.n_rows:,}", columns=len(raw.names),
          encoding=raw.encoding or "xlsx", delimiter=delimiter)
    )  # fmt: skip
    with st.expander(t("preview", n=min(PREVIEW_ROWS, raw.n_rows))):
        st.dataframe(preview_frame(raw, PREVIEW_ROWS), hide_index=True, height="content")
    mapping = _mapping_form(raw, profiles, file_key)
    st.info(kind_summary(dataset_kind(mapping)))
    dataset = _build(raw, profiles, mapping, file_key)
    _validation_report(dataset)
    _save_controls(ws, dataset, file_name, file_key)


def _read(file_name: str, data: bytes, file_key: str) -> tuple[RawTable, dict[str, ColumnProfile]]:
    """Read and profile once per file, encoding and sheet, in a worker process within the read
    limits (a file that crashes the reader stops only that process); kept in this session only."""
    encoding = st.session_state.get(f"enc_{file_key}")
    sheet = st.session_state.get(f"sheet_{file_key}")
    cache = st.session_state.setdefault(_CACHE, {})
    key = (file_key, encoding, sheet)
    if key not in cache:
        with st.status(t("reading_file", name=md(file_name)), expanded=False) as status:
            try:
                cache[key] = read_upload(data, file_name=file_name, encoding=encoding, sheet=sheet)
            except UserInputError:
                status.update(state="error")
                raise
            status.update(state="complete")
    return cache[key]


def _forget_other_uploads(current: list[str]) -> None:
    cache = st.session_state.get(_CACHE, {})
    for key in [k for k in cache if k[0] not in current]:
        del cache[key]


def _confirm_encoding(file_key: str, exc: EncodingNeedsConfirmation) -> None:
    st.warning(
        t("encoding_confirm", encoding=exc.encoding, language=_encoding_language(exc.encoding))
    )
    st.code(exc.preview[:1500], language=None)
    choice = st.selectbox(
        t("encoding_choice"),
        ENCODING_CHOICES,
        index=ENCODING_CHOICES.index(exc.encoding) if exc.encoding in ENCODING_CHOICES else 0,
        format_func=lambda name: f"{name} ({_encoding_language(name)})",
        key=f"enc_choice_{file_key}",
    )
    if st.button(t("encoding_accept"), key=f"enc_ok_{file_key}"):
        st.session_state[f"enc_{file_key}"] = choice
        st.rerun()


def _encoding_language(encoding: str) -> str:
    return t(f"encoding_lang_{encoding}")


def _sheet_choice(raw: RawTable, file_key: str) -> None:
    if len(raw.sheets) > 1:
        st.selectbox(t("sheet_choice"), raw.sheets, key=f"sheet_{file_key}")


def preview_frame(raw: RawTable, rows: int) -> pd.DataFrame:
    """The first rows exactly as the file has them (text), under the file's column names."""
    head = raw.cells.slice(0, rows).to_pandas()
    head.columns = list(raw.names)
    return head


def _mapping_form(raw: RawTable, profiles: dict[str, ColumnProfile], file_key: str) -> Mapping:
    st.markdown(f"##### {t('mapping_header')}")
    st.caption(t("mapping_help"))
    guesses = infer_roles(raw, profiles)
    labels = {role: t(f"role_{role}") for role in ROLES}
    table = pd.DataFrame({
        t("col_column"): list(raw.names),
        t("col_role"): [labels[guesses[name].role] for name in raw.names],
        t("col_reason"): [reason_text(guesses[name]) for name in raw.names],
        t("col_kind"): [t(f"kind_{profiles[name].kind}") for name in raw.names],
        t("col_examples"): [_examples(raw, name) for name in raw.names],
        t("col_missing"): [profiles[name].missing for name in raw.names],
        t("col_notes"): [_notes(profiles[name]) for name in raw.names],
        t("col_display_name"): shown_names(list(raw.names), None),
    })  # fmt: skip
    edited = st.data_editor(
        table,
        hide_index=True,
        disabled=[c for c in table.columns if c not in (t("col_role"), t("col_display_name"))],
        column_config={
            t("col_role"): st.column_config.SelectboxColumn(
                options=list(labels.values()), required=True),
            t("col_display_name"): st.column_config.TextColumn(help=t("display_name_help")),
        },
        key=f"map_{file_key}",
    )  # fmt: skip
    by_label = {label: role for role, label in labels.items()}
    roles = {
        name: by_label[label] for name, label in zip(raw.names, edited[t("col_role")], strict=True)
    }
    metrics = [name for name, role in roles.items() if role == METRIC]
    outcome = None
    if metrics:
        proposed = choose_outcome([n for n, guess in guesses.items() if guess.role == METRIC])
        default = metrics.index(proposed) if proposed in metrics else 0
        outcome = st.selectbox(
            t("outcome_label"), metrics, index=default, key=f"outcome_{file_key}"
        )
    return Mapping(
        roles, outcome, _date_order_choice(roles, profiles, file_key),
        labels=labels_from(list(raw.names), edited[t("col_display_name")]),
        currency=currency_choice(None, key=f"currency_{file_key}"),
    )  # fmt: skip


def _date_order_choice(
    roles: dict[str, str], profiles: dict[str, ColumnProfile], file_key: str
) -> str | None:
    date_column = next((name for name, role in roles.items() if role == DATE), None)
    parse = profiles[date_column].parse if date_column else None
    if getattr(parse, "format", None) not in ("dmy", "mdy"):
        return None
    choice = st.segmented_control(
        t("date_order_label"),
        options=["auto", "dmy", "mdy"],
        format_func=lambda order: t(f"date_order_{order}"),
        default="auto",
        required=True,
        key=f"order_{file_key}",
    )
    return None if choice == "auto" else choice


def _examples(raw: RawTable, name: str) -> str:
    values = raw.column(name).drop_null().slice(0, 3).to_pylist()
    return " · ".join(str(v)[:24] for v in values)


def _notes(prof: ColumnProfile) -> str:
    return "; ".join(map(note_text, getattr(prof.parse, "notes", ()) or ()))


def _build(
    raw: RawTable, profiles: dict[str, ColumnProfile], mapping: Mapping, file_key: str
) -> Dataset:
    cache = st.session_state.setdefault(_CACHE, {})
    key = (file_key, "dataset", json.dumps(mapping.meaning(), sort_keys=True))
    if key not in cache:
        cache[key] = build_dataset(raw, profiles, mapping)
    return replace(cache[key], mapping=mapping)  # names and currency need no new build


def _validation_report(dataset: Dataset) -> None:
    st.markdown(f"##### {t('validation_header')}")
    issues = dataset.issues
    if not issues:
        st.success(t("validation_ok"))
        return
    errors = sum(issue.severity == ERROR for issue in issues)
    counts = t("validation_counts", errors=errors, warnings=len(issues) - errors)
    (st.error if errors else st.warning)(counts)
    st.dataframe(issues_frame(issues), hide_index=True, height="content")


def issues_frame(issues: Any) -> pd.DataFrame:
    """The validation report as a table in the current language."""
    return pd.DataFrame({
        t("col_severity"): [t(f"severity_{issue.severity}") for issue in issues],
        t("col_column"): [issue.column or "" for issue in issues],
        t("col_rows"): [", ".join(str(r) for r in issue.rows) for issue in issues],
        t("col_message"): [issue_text(issue) for issue in issues],
    })  # fmt: skip


def _save_controls(ws: Workspace, dataset: Dataset, file_name: str, file_key: str) -> None:
    existing = {info.id: dataset_name(info) for info in ws.list()}
    name = st.text_input(t("dataset_name"), value=PurePath(file_name).stem, key=f"name_{file_key}")

    def target_label(option: str) -> str:
        return t("save_new") if option == "new" else t("save_replace", name=existing[option])

    target = st.selectbox(
        t("save_target"), ["new", *existing], format_func=target_label, key=f"target_{file_key}"
    )
    hashed = hash_ids_toggle(dataset, file_key)
    blocked = has_errors(dataset.issues)
    if blocked:
        st.caption(t("save_blocked"))
    st.button(
        t("save_button"),
        type="primary",
        disabled=blocked,
        key=f"save_{file_key}",
        on_click=_save,
        args=(ws, dataset, name, target, file_key, hashed),
    )


def _save(
    ws: Workspace, dataset: Dataset, name: str, target: str, file_key: str, hashed: bool = False
) -> None:
    """Runs before the rerun, so the new dataset can become the active one in the sidebar."""
    try:
        dataset, lookup = private_dataset(ws, dataset, hashed)
        if target == "new":
            info = ws.save(dataset, name, id_lookup=lookup)
        else:
            info = ws.replace(target, dataset, id_lookup=lookup)
    except UserInputError as exc:
        st.session_state.setdefault(_SAVED, {})[file_key] = None
        st.toast(failure_text(exc))
        return
    select_dataset(info.id)
    st.session_state["manage"] = info.id
    st.session_state.setdefault(_SAVED, {})[file_key] = t(
        "saved", name=md(info.name), rows=f"{info.n_rows:,}"
    )
