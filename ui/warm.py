"""No cold first visits: when a page opens a dataset version for the first time in this
process (the sample just installed, an upload just saved), the main analyses of the Overview
(every campaign), Drivers (the default fit) and Planner (the default outcome's curves) start in
a background thread, through the pages' own cached functions, their fits in the worker pool.
A page that needs one before it is done shows its live progress (``ui.background.wait_for``)."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

from analytics.drivers.models import FITTED_MODELS
from analytics.drivers.settings import DriverSettings
from analytics.ingest.roles import CAMPAIGN, SPEND
from analytics.workspace import DatasetInfo
from ui import background
from ui.drivers.view import fit, metric_columns
from ui.lift.campaigns import all_reports
from ui.planner.cached import fitted
from ui.planner.choices import outcome_options
from ui.workspace import working_in

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_started: set[tuple[str, str, str]] = set()  # (home, dataset id, content hash)


def warm(home: str, info: DatasetInfo, first: str) -> None:
    """Queue the dataset version's analyses, once per process, the one of page ``first`` (the
    page being opened) first, and start a thread to run them. ``LIFTBOARD_BACKGROUND=0``
    turns this off (page tests count and patch the fits a page makes itself)."""
    if os.environ.get("LIFTBOARD_BACKGROUND", "1") == "0":
        return
    with _lock:
        if (home, info.id, info.content_hash) in _started:
            return
        _started.add((home, info.id, info.content_hash))
    jobs = sorted(
        ((page, run) for page, run in _JOBS.items() if _fits(page, info)),
        key=lambda job: job[0] != first,
    )
    for page, _ in jobs:
        background.queue(background.job_key(home, info.id, info.content_hash, page))
    threading.Thread(target=_run, args=(home, info, jobs), daemon=True).start()


def _run(home: str, info: DatasetInfo, jobs: list[tuple[str, Callable]]) -> None:
    for page, run in jobs:
        key = background.job_key(home, info.id, info.content_hash, page)
        background.running(key)
        started = time.perf_counter()
        try:
            with working_in(home):
                run(info)
        except Exception:  # the page shows its own failure when it makes the same call
            _log.exception("background analysis for %s of %s failed", page, info.id)
        finally:
            background.running(None)
            background.finish(key)
        _log.info("%s of %s ready in %.1f s", page, info.name, time.perf_counter() - started)


def _fits(page: str, info: DatasetInfo) -> bool:
    mapping = info.mapping
    if page == "page_overview":
        return bool(mapping.date_column and mapping.outcome and mapping.columns(CAMPAIGN))
    if page == "page_planner":
        return bool(mapping.date_column and mapping.columns(SPEND) and mapping.outcome)
    return bool(mapping.date_column and metric_columns(info))


def _overview(info: DatasetInfo) -> None:
    all_reports(info, info.mapping.outcome or "", None)


def _drivers(info: DatasetInfo) -> None:
    target = metric_columns(info)[0]
    fit(info, DriverSettings(target, None, tuple(FITTED_MODELS), log_target=False))


def _planner(info: DatasetInfo) -> None:
    outcomes = outcome_options(info)
    if outcomes:
        fitted(info, info.mapping.outcome if info.mapping.outcome in outcomes else outcomes[0])


_JOBS: dict[str, Callable[[DatasetInfo], None]] = {
    "page_overview": _overview,
    "page_drivers": _drivers,
    "page_planner": _planner,
}
