"""The sidebar's Report action on every page: the active dataset's report in a chosen format and
language, built under a progress bar and offered as a download."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import streamlit as st

from analytics.errors import Failure, UserInputError
from analytics.lift.roi import checked_margin
from analytics.workspace import DatasetInfo
from ui.failures import failure_text
from ui.i18n import LANGUAGES, language, t
from ui.progress import Progress, with_progress
from ui.workspace import cached_frame, dataset_info, workspace_home

FORMAT_NAMES = {"pptx": "PowerPoint (.pptx)", "pdf": "PDF (.pdf)", "html": "HTML (.html)"}
_FILE_KEY = "rep_file"


def report_action(dataset: DatasetInfo | None) -> None:
    """Format, language and a build button; the last report built for this dataset stays
    downloadable until another is built."""
    with st.expander(t("rep_action")):
        st.caption(t("rep_action_help"))
        if dataset is None:
            st.caption(t("rep_no_dataset"))
            return
        fmt = st.selectbox(
            t("rep_format"), list(FORMAT_NAMES), format_func=FORMAT_NAMES.get, key="rep_format"
        )
        st.session_state.setdefault("rep_lang", language())
        lang = st.selectbox(
            t("rep_language"), list(LANGUAGES), format_func=LANGUAGES.get, key="rep_lang"
        )
        if st.button(t("rep_build"), key="rep_build", icon=":material/description:"):
            st.session_state[_FILE_KEY] = _built(dataset, fmt, lang)
        built = st.session_state.get(_FILE_KEY)
        if isinstance(built, Failure):
            st.error(t("rep_failed", reason=failure_text(built)))
        elif built is not None and built[0] == dataset.id:
            _, name, data, mime = built
            st.download_button(
                t("rep_download", name=name), data, file_name=name, mime=mime, key="rep_download"
            )


def _built(dataset: DatasetInfo, fmt: str, lang: str) -> tuple[str, str, bytes, str] | Failure:
    """(dataset id, file name, bytes, MIME type) of a new report, or why there is none."""
    from ui.report.render import MIME, draw_report, file_bytes

    content = _content(workspace_home(), dataset.id, dataset.content_hash, _margin())
    if isinstance(content, Failure):
        return content
    try:
        with st.spinner(t("rep_progress_render")):
            data = file_bytes(draw_report(content, lang), fmt)
    except UserInputError as exc:
        return Failure.of(exc)
    return dataset.id, _file_name(dataset.name, fmt), data, MIME[fmt]


@st.cache_data(max_entries=8, show_spinner=False)
def _content(home: str, dataset_id: str, content_hash: str, margin: float | None) -> object:
    """The report's content, cached per dataset version and margin: another format or language
    of the same report only redraws it."""
    from analytics.report.content import STAGES, gather_report

    info = dataset_info(home, dataset_id)
    frame = cached_frame(home, dataset_id, content_hash)
    measured = _measured(info, margin)

    def work(advance: Progress) -> object:
        def stage(name: str) -> None:
            advance(STAGES.index(name), len(STAGES))

        content = gather_report(
            frame, info.mapping, info.name, margin=margin, progress=stage, measured=measured
        )
        advance(len(STAGES), len(STAGES))
        return content

    return with_progress("rep_progress", work)


def _measured(info: DatasetInfo, margin: float | None) -> list | None:
    """Every campaign as the Overview measured it (cached per dataset version, usually already
    fitted in the background when a page first opened the dataset), so that the report fits
    only the chosen campaigns' checks; None when the report cannot use them."""
    mapping = info.mapping
    if mapping.date_column is None or mapping.outcome is None:
        return None
    from ui.lift.campaigns import all_reports

    return all_reports(info, mapping.outcome, margin)


def _margin() -> float | None:
    """The gross margin set in the sidebar of the Overview, Lift or Planner page, if any."""
    try:
        return checked_margin(st.session_state.get("margin"))
    except UserInputError:
        return None


def _file_name(name: str, fmt: str) -> str:
    """The dataset's name made safe as a file name, with the date."""
    stem = re.sub(r"[^\w.-]+", "_", name.rsplit(".", 1)[0]).strip("._") or "report"
    return f"{stem}-report-{datetime.now(UTC):%Y%m%d}.{fmt}"
