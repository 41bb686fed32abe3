"""The Customers page's cached computations: the analysis as of the log's last day and the
calibration fit of the holdout check, both in worker processes under one progress bar."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analytics.customers.analysis import CustomersResult, analyse_job
from analytics.customers.log import LogColumns
from analytics.customers.value import ValueSettings
from analytics.errors import Failure
from analytics.parallel import map_in_workers
from analytics.workspace import DatasetInfo
from ui.progress import with_progress
from ui.workspace import cached_frame, workspace_home


@dataclass(frozen=True)
class LogChoices:
    """What the user chose: the log's columns, the value horizon and rate, the holdout split."""

    columns: LogColumns
    horizon_weeks: float
    annual_discount: float
    calibration_end: str | None

    @property
    def settings(self) -> ValueSettings:
        return ValueSettings(self.horizon_weeks, self.annual_discount)


@dataclass(frozen=True)
class Analyses:
    """The analysis as of the last day (RFM, CLV) and the one fitted up to the calibration end
    (the holdout check); either may be a Failure."""

    now: CustomersResult | Failure
    check: CustomersResult | Failure | None


@st.cache_data(max_entries=16, show_spinner=False)
def _analyses(
    home: str,
    dataset_id: str,
    content_hash: str,
    columns: tuple[str, str, str, str | None],
    horizon_weeks: float,
    annual_discount: float,
    calibration_end: str | None,
) -> Analyses | Failure:
    frame = cached_frame(home, dataset_id, content_hash)
    log_columns = LogColumns(*columns)
    settings = ValueSettings(horizon_weeks, annual_discount)
    jobs = [(frame, log_columns, None, settings)]
    if calibration_end is not None:
        jobs.append((frame, log_columns, calibration_end, settings))

    def work(advance) -> Analyses:
        results = map_in_workers(analyse_job, jobs, advance)
        return Analyses(results[0], results[1] if len(results) > 1 else None)

    return with_progress("cus_progress", work)


def analyses(info: DatasetInfo, choices: LogChoices) -> Analyses | Failure:
    c = choices.columns
    return _analyses(
        workspace_home(),
        info.id,
        info.content_hash,
        (c.customer, c.date, c.amount, c.discount),
        choices.horizon_weeks,
        choices.annual_discount,
        choices.calibration_end,
    )
