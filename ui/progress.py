"""Long work in worker processes, shown with a progress bar; user errors come back as values."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from analytics.errors import Failure, UserInputError
from ui import background
from ui.i18n import t

T = TypeVar("T")
Progress = Callable[..., None]  # (done, total) or (done, total, stage)


def with_progress(
    text_key: str, work: Callable[[Progress], T], stages: dict[str, str] | None = None
) -> T | Failure:
    """``work(advance)`` under a progress bar worded by ``text_key`` (params ``done``, ``total``);
    ``advance(done, total, stage)`` words a named stage of the work by ``stages[stage]``.

    Called inside a ``st.cache_data`` function, the bar is part of the cached run, so a cached
    answer replays it already emptied. A ``UserInputError`` is returned as a ``Failure``:
    exceptions lose their parameters in the cache, values keep them.
    """
    bar = st.progress(0.0, text=t(text_key, done=0, total="…"))

    def advance(done: int, total: int, stage: str | None = None) -> None:
        key = (stages or {}).get(stage, text_key) if stage else text_key
        bar.progress(done / total, text=t(key, done=done, total=total))
        background.report(done, total)

    try:
        return work(advance)
    except UserInputError as exc:
        return Failure.of(exc)
    finally:
        bar.empty()


def one_step(text_key: str, compute: Callable[[], T]) -> T | Failure:
    """``compute()`` under a progress bar of a single step (see ``with_progress``)."""

    def work(advance: Progress) -> T:
        advance(0, 1)
        result = compute()
        advance(1, 1)
        return result

    return with_progress(text_key, work)
