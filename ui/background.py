"""Analyses running in a background thread of this process, and their progress: kept apart from
``ui.warm`` (which starts them) so that the cached functions they run can report to it."""

from __future__ import annotations

import threading
import time

import streamlit as st

from ui.i18n import t

POLL_SECONDS = 0.3
_lock = threading.Lock()
_jobs: dict[tuple[str, ...], tuple[int, int] | None] = {}  # queued or running -> (done, total)
_local = threading.local()  # the job this background thread runs


def job_key(home: str, dataset_id: str, content_hash: str, page: str) -> tuple[str, ...]:
    """A page's (title key) background job on one dataset version."""
    return (home, dataset_id, content_hash, page)


def queue(key: tuple[str, ...]) -> None:
    with _lock:
        _jobs.setdefault(key, None)


def running(key: tuple[str, ...] | None) -> None:
    """Set (or, with None, clear) the job the calling thread runs."""
    _local.key = key


def finish(key: tuple[str, ...]) -> None:
    with _lock:
        _jobs.pop(key, None)


def report(done: int, total: int) -> None:
    """Progress of the background job this thread runs, if any (``with_progress`` calls it)."""
    key = getattr(_local, "key", None)
    if key is not None:
        with _lock:
            _jobs[key] = (done, total)


def wait_for(key: tuple[str, ...]) -> None:
    """While the job ``key`` is queued or running in the background, its live progress; returns
    once it is done (the cache then holds its answer)."""
    if key not in _jobs or getattr(_local, "key", None) is not None:
        return
    bar = st.progress(0.0, text=t("bg_queued"))
    while key in _jobs:
        done, total = _jobs.get(key) or (0, 0)
        if total:
            bar.progress(done / total, text=t("bg_running", done=done, total=total))
        time.sleep(POLL_SECONDS)
    bar.empty()
