"""Which pages work on which kind of dataset (time series, table without dates, order log,
experiment), and the one gate every page opens with: a dataset the page cannot use gets a
sentence saying why and a link to the page that fits it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analytics.ingest.roles import EVENTS, EXPERIMENT, KINDS, PANEL, dataset_kind
from analytics.workspace import DatasetInfo
from ui.chrome import NAVIGATION, PageContext
from ui.i18n import t
from ui.safe import md
from ui.workspace import dataset_name

OVERVIEW = "app.py"
LIFT = "pages/2_Lift.py"
DRIVERS = "pages/3_Drivers.py"
FORECAST = "pages/4_Forecast.py"
PLANNER = "pages/5_Planner.py"
EXPERIMENTS = "pages/6_Experiments.py"
CUSTOMERS = "pages/7_Customers.py"
RECOMMENDATIONS = "pages/8_Recommendations.py"
# Saved datasets of a kind the page works on, offered when the active one is not.
MAX_OFFERED = 3
# Pages that read a metric date by date: an order log's metric is summed per date.
DATED = (PANEL, EVENTS)


@dataclass(frozen=True)
class PageFit:
    """The kinds a page works on; ``next_step`` is the key of the sentence that sends a dataset
    there, ``needs`` the key of what the page needs that other kinds lack."""

    page: str
    kinds: tuple[str, ...]
    next_step: str
    needs: str | None = None


# The registry: a new page (experiments, customers) adds its row here. A page that cannot use a
# dataset sends it to the most specific page that can (fewest kinds; the first on a tie).
FITS: tuple[PageFit, ...] = (
    PageFit(OVERVIEW, DATED, "next_overview", "needs_overview"),
    PageFit(LIFT, DATED, "next_lift", "needs_lift"),
    PageFit(DRIVERS, KINDS, "next_drivers"),
    PageFit(FORECAST, DATED, "next_forecast", "needs_forecast"),
    PageFit(PLANNER, DATED, "next_planner", "needs_planner"),
    # A/B exports, and geo tests on a dated panel of locations.
    PageFit(EXPERIMENTS, (EXPERIMENT, PANEL), "next_experiments", "needs_experiments"),
    PageFit(CUSTOMERS, (EVENTS,), "next_customers", "needs_customers"),
    PageFit(RECOMMENDATIONS, (EVENTS,), "next_recommend", "needs_recommend"),
)
_BY_PAGE = {fit.page: fit for fit in FITS}
_LINKS = {page: (label_key, icon) for _, page, label_key, icon in NAVIGATION}


def kind_of(info: DatasetInfo) -> str:
    return dataset_kind(info.mapping)


def pages_for(kind: str) -> list[str]:
    """The pages that work on ``kind``, in the navigation's order."""
    return [page for page in _LINKS if page in _BY_PAGE and kind in _BY_PAGE[page].kinds]


def works_on(page: str, kind: str) -> bool:
    """Whether ``page`` works on datasets of ``kind`` (a page outside the registry works on all)."""
    return page not in _BY_PAGE or kind in _BY_PAGE[page].kinds


def page_for(kind: str) -> PageFit:
    """The page that fits ``kind`` best: the most specific one that works on it."""
    fitting = [fit for fit in FITS if kind in fit.kinds]
    return min(fitting, key=lambda fit: len(fit.kinds))


def kind_summary(kind: str) -> str:
    """What a dataset of this kind is and which pages work on it, for the Data page."""
    pages = ", ".join(t(_LINKS[page][0]) for page in pages_for(kind))
    return t("kind_summary", kind=t(f"dataset_kind_{kind}"), pages=pages)


def kind_gate(ctx: PageContext, page: str) -> None:
    """Stop ``page`` with a sentence and a link to the page that fits, unless the active
    dataset's kind is one the page works on; saved datasets this page can use are offered too."""
    info = ctx.dataset
    fit = _BY_PAGE[page]
    kind = kind_of(info)
    if works_on(page, kind):
        return
    target = page_for(kind)
    st.info(gate_text(kind, fit, target))
    label_key, icon = _LINKS[target.page]
    st.page_link(target.page, label=t(label_key), icon=icon)
    offer_fitting_datasets(ctx, page)
    st.stop()


def offer_fitting_datasets(
    ctx: PageContext, page: str, kinds: tuple[str, ...] | None = None
) -> None:
    """Links that open ``page`` on each of the first saved datasets of a kind it works on (of
    ``kinds`` only, when given: a part of the page that reads fewer kinds)."""
    fitting = [
        other
        for other in ctx.workspace.list()
        if works_on(page, kind_of(other)) and (kinds is None or kind_of(other) in kinds)
    ]
    if not fitting:
        return
    label_key, icon = _LINKS[page]
    st.caption(t("kind_gate_other_datasets", page=t(label_key)))
    for other in fitting[:MAX_OFFERED]:
        st.page_link(page, label=md(dataset_name(other)), icon=icon, query_params={"ds": other.id})


def gate_text(kind: str, fit: PageFit, target: PageFit) -> str:
    needs = t(fit.needs) if fit.needs else ""
    return t("kind_gate", kind=t(f"dataset_kind_is_{kind}"), needs=needs, next=t(target.next_step))
