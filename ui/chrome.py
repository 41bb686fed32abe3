"""The shared chrome of every page: page config, translated navigation, and the dataset,
language and presenter switches, all kept in the URL query string so that a copied link
reopens the same view."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analytics.audit import LOCAL_ACTOR
from analytics.formatting import count
from analytics.workspace import DatasetInfo, Workspace
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from ui.numbers import show_dataset, span
from ui.report.action import report_action
from ui.safe import md
from ui.signin import account_footer, refuse_link, signed_in, team_picker
from ui.theme import apply_presenter_style
from ui.url import follow_history, mirror_to_url, seed_from_url, widget_for
from ui.warm import warm
from ui.workspace import dataset_name, workspace, workspace_home

# (group key, page file, label key, icon); only pages that work are listed.
NAVIGATION: tuple[tuple[str, str, str, str], ...] = (
    ("nav_analyze", "app.py", "page_overview", ":material/dashboard:"),
    ("nav_analyze", "pages/2_Lift.py", "page_lift", ":material/trending_up:"),
    ("nav_analyze", "pages/3_Drivers.py", "page_drivers", ":material/insights:"),
    ("nav_analyze", "pages/6_Experiments.py", "page_experiments", ":material/science:"),
    ("nav_analyze", "pages/7_Customers.py", "page_customers", ":material/groups:"),
    ("nav_plan", "pages/4_Forecast.py", "page_forecast", ":material/query_stats:"),
    ("nav_plan", "pages/5_Planner.py", "page_planner", ":material/savings:"),
    ("nav_plan", "pages/8_Recommendations.py", "page_recommend", ":material/shopping_basket:"),
    ("nav_data", "pages/1_Data.py", "page_data", ":material/table:"),
)
TRUE_FLAGS = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class PageContext:
    """What a page needs from the chrome."""

    workspace: Workspace
    dataset: DatasetInfo | None
    presenter: bool


def page_setup(title_key: str) -> PageContext:
    """Draw the chrome; call first on every page."""
    follow_history(title_key)
    presenter = _presenter_requested()
    st.set_page_config(
        page_title=f"LiftBoard · {t(title_key)}",
        page_icon="📈",
        layout="wide",
        initial_sidebar_state="collapsed" if presenter else "expanded",
    )
    actor = signed_in()  # team mode: nothing past here until a team's member is signed in
    ws = workspace()
    with st.sidebar:
        st.markdown("## LiftBoard")
        st.caption(t("tagline"))
        team_picker(actor)
        _navigation()
        st.divider()
        dataset, asked = _dataset_picker(ws)
        _language_picker()
        presenter = _presenter_toggle()
        if not presenter:  # presenter mode hides downloads and editing controls
            report_action(dataset)
        account_footer(actor, presenter)
    if asked and actor != LOCAL_ACTOR:
        refuse_link(actor)
    if dataset is not None:
        warm(workspace_home(), dataset, title_key)
    if presenter:
        apply_presenter_style()
    if asked and dataset is not None:
        st.warning(t("dataset_link_unknown", asked=md(asked), opened=md(dataset_name(dataset))))
    show_dataset(dataset.mapping if dataset is not None else None)
    return PageContext(ws, dataset, presenter)


def _presenter_requested() -> bool:
    """Known before the page config is set (it decides whether the sidebar starts collapsed)."""
    if "present" not in st.session_state:
        st.session_state["present"] = st.query_params.get("present", "").lower() in TRUE_FLAGS
    return bool(st.session_state["present"])


def _presenter_toggle() -> bool:
    on = st.toggle(t("presenter"), help=t("presenter_help"), **widget_for("present"))
    mirror_to_url("present", "1" if on else None)
    return on


def _dataset_picker(ws: Workspace) -> tuple[DatasetInfo | None, str | None]:
    """The chosen dataset, and the link's dataset id when it named none of the workspace's."""
    datasets = {info.id: info for info in ws.list()}
    if not datasets:
        return None, st.query_params.get("ds")
    asked = seed_from_url("ds", datasets)
    # Names worded in this run: a widget's format_func may also be called outside it.
    names = {dataset_id: dataset_name(info) for dataset_id, info in datasets.items()}
    chosen = st.selectbox(
        t("dataset"),
        options=list(datasets),
        format_func=names.get,
        **widget_for("ds"),
    )
    st.session_state["ds"] = chosen
    mirror_to_url("ds", chosen)
    return datasets.get(chosen), asked


def _language_picker() -> None:
    seed_from_url("lang", LANGUAGES)
    st.session_state.setdefault("lang", DEFAULT_LANGUAGE)
    chosen = st.segmented_control(
        t("language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        required=True,
        **widget_for("lang"),
    )
    st.session_state["lang"] = chosen
    mirror_to_url("lang", chosen, DEFAULT_LANGUAGE)


def _navigation() -> None:
    group = None
    for group_key, page, label_key, icon in NAVIGATION:
        if group_key != group:
            st.caption(t(group_key).upper())
            group = group_key
        st.page_link(page, label=t(label_key), icon=icon)


def dataset_caption(dataset: DatasetInfo) -> str:
    """A one-line description of a dataset for page headers, safe as Markdown."""
    dates = (dataset.date_min, dataset.date_max)
    period = f" · {span(dates, str)}" if dataset.date_min else ""
    name = md(dataset_name(dataset))
    return f"{name} · {count(dataset.n_rows)} · {frequency_label(dataset)}{period}"


def frequency_label(dataset: DatasetInfo) -> str:
    """Daily, weekly, monthly or irregular; 'no dates' for a table without a date column."""
    if dataset.mapping.date_column is None:
        return t("frequency_no_dates")
    return t(f"frequency_{dataset.frequency or 'none'}")


def select_dataset(dataset_id: str) -> None:
    """Make a dataset the active one (after a save), before the picker is drawn again."""
    st.session_state["ds"] = dataset_id
