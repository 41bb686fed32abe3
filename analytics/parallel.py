"""Run independent model fits in worker processes, one per core, with one BLAS thread each.

Streamlit serves every session from one process: a long fit run there holds the GIL and
freezes every other user's page. Fits run here instead, in a pool that lives as long as the
process (workers start once, with statsmodels already imported). With several processes on a
small machine, OpenBLAS's own threads made one SARIMAX fit 10-15x slower, so each worker
limits BLAS to one thread and parallelism comes from processes.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Modules the fork server imports once, so each worker starts with them loaded.
PRELOAD = (
    "numpy",
    "pandas",
    "statsmodels.api",
    "sklearn.ensemble",
    "shap",
    "analytics.lift.arma_model",
    "analytics.forecast.series",
)
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_main_lock = threading.Lock()
_swaps = 0  # threads inside plain_main
_saved_main: types.ModuleType | None = None


def worker_count() -> int:
    """Workers to use: one per core the process may run on."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def _limit_blas_threads() -> None:
    """Import PRELOAD (already there unless the fork server was started with another list, as the
    fenced reader's is), so that every BLAS the fits use is loaded when it is limited."""
    import importlib

    from threadpoolctl import threadpool_limits

    for name in PRELOAD:
        importlib.import_module(name)
    threadpool_limits(1)


def pool() -> ProcessPoolExecutor:
    """The process's shared pool, started on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            # A fork server, not fork: forking a multi-threaded server (Streamlit) can copy a
            # held lock into the child and hang it.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(list(PRELOAD))
            _pool = ProcessPoolExecutor(
                max_workers=worker_count(), mp_context=context, initializer=_limit_blas_threads
            )
        return _pool


def start_fork_server() -> None:
    """Start the fork server now, importing PRELOAD while the caller does other work. A command
    reads its file in a fenced child first, which would start the server with the fence's short
    list; the pool's workers would then each import PRELOAD themselves."""
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(list(PRELOAD))
    with plain_main():
        forkserver.ensure_running()


def map_in_workers(
    function: Callable[[Item], Result],
    items: Sequence[Item] | Iterable[Item],
    progress: Callable[[int, int], None] | None = None,
    *,
    parallel: bool = True,
) -> list[Result]:
    """``[function(item) for item in items]`` computed in worker processes, in input order.

    ``function`` must be importable at module level (it is pickled by name). ``progress(done,
    total)`` is called in this process as results arrive. An exception raised by ``function``
    for one item is re-raised here for that item, after the others are cancelled.
    ``parallel=False`` runs in this process (tests, single items, small jobs).
    """
    items = list(items)
    total = len(items)
    if not parallel or total <= 1:
        results = []
        for done, item in enumerate(items, start=1):
            results.append(function(item))
            if progress:
                progress(done, total)
        return results
    with plain_main():
        futures: list[Future[Result]] = [pool().submit(function, item) for item in items]
    try:
        for done, future in enumerate(as_completed(futures), start=1):
            future.result()
            if progress:
                progress(done, total)
    except BrokenProcessPool:
        shutdown()  # a worker died (out of memory, killed): the next call starts a new pool
        raise
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    return [future.result() for future in futures]


def in_worker(function: Callable[..., Result], /, *args: object) -> Result:
    """``function(*args)`` computed in a worker process, beside whatever else the pool runs
    (``function`` importable at module level, like ``map_in_workers``')."""
    with plain_main():
        future = pool().submit(function, *args)
    try:
        return future.result()
    except BrokenProcessPool:
        shutdown()  # as in map_in_workers
        raise


@contextmanager
def plain_main() -> Iterator[None]:
    """Workers start (inside ``submit``) by re-running the parent's ``__main__`` file; under
    Streamlit that is the page script being run, which must not run again in a worker. While
    workers may start, ``__main__`` is an empty module (threads that submit at the same time
    share one swap, so the first one in does not restore an empty module another saved)."""
    global _swaps, _saved_main
    with _main_lock:
        if not _swaps:
            _saved_main = sys.modules.get("__main__")
            sys.modules["__main__"] = types.ModuleType("__main__")
        _swaps += 1
    try:
        yield
    finally:
        with _main_lock:
            _swaps -= 1
            if not _swaps and _saved_main is not None:
                sys.modules["__main__"] = _saved_main


def shutdown() -> None:
    """Stop the workers (tests, and scripts that want a clean exit)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(cancel_futures=True)
            _pool = None
