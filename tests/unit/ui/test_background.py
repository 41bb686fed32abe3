"""Background analyses: progress is reported only by the thread running a job, a page waits
only for a job that is queued or running, and the timeline's window names take separate rows
when they would collide."""

from __future__ import annotations

import threading

import pandas as pd

from ui import background
from ui.lift.figures import _label_lanes


def test_progress_belongs_to_the_thread_running_the_job() -> None:
    key = background.job_key("home", "ds", "hash", "page_overview")
    background.queue(key)
    background.report(1, 4)  # this thread runs no job: nothing changes
    assert background._jobs[key] is None

    def run() -> None:
        background.running(key)
        background.report(3, 4)
        background.running(None)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert background._jobs[key] == (3, 4)
    background.finish(key)
    assert key not in background._jobs
    background.wait_for(key)  # nothing queued: returns at once, draws nothing


def test_window_names_close_in_time_take_separate_rows() -> None:
    days = pd.date_range("2024-01-01", "2025-12-31", freq="D")
    series = pd.Series(1.0, index=days)
    windows = (
        ("618 Mega Sale", pd.Timestamp("2024-06-05"), pd.Timestamp("2024-06-18")),
        ("618 Flash Deals", pd.Timestamp("2024-06-20"), pd.Timestamp("2024-06-25")),
        ("Double 11 Warm-up", pd.Timestamp("2024-10-21"), pd.Timestamp("2024-11-03")),
        ("Black Friday Blitz", pd.Timestamp("2025-11-24"), pd.Timestamp("2025-12-01")),
    )
    assert _label_lanes(series, windows, presenter=False) == [0, 1, 0, 0]
    # presenter type is larger: a name needs more room
    assert _label_lanes(series, windows, presenter=True)[1] == 1
