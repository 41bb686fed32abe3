"""Worker processes give the same answers as a plain loop, in order, with progress."""

import os
import sys
import threading

import pytest

from analytics.errors import UserInputError
from analytics.parallel import in_worker, map_in_workers, plain_main, shutdown


def square_and_pid(value: int) -> tuple[int, int]:
    return value * value, os.getpid()


def fail_on_three(value: int) -> int:
    if value == 3:
        raise UserInputError("three is not allowed")
    return value


@pytest.fixture(scope="module", autouse=True)
def stop_workers():
    yield
    shutdown()


def test_results_come_back_in_input_order_from_other_processes():
    seen = []
    results = map_in_workers(square_and_pid, range(8), lambda done, total: seen.append(done))
    assert [value for value, _ in results] == [v * v for v in range(8)]
    assert all(pid != os.getpid() for _, pid in results)
    assert seen == list(range(1, 9))


def test_workers_use_one_blas_thread():

    infos = map_in_workers(_blas_threads, range(2))
    assert all(threads == 1 for info in infos for threads in info)


def _blas_threads(_: int) -> list[int]:
    import numpy  # noqa: F401  (loads BLAS)
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_an_error_for_one_item_is_raised_to_the_caller():
    with pytest.raises(UserInputError, match="three"):
        map_in_workers(fail_on_three, range(6))


def test_serial_mode_runs_in_this_process():
    results = map_in_workers(square_and_pid, [1, 2], parallel=False)
    assert {pid for _, pid in results} == {os.getpid()}


def test_one_job_runs_in_a_worker_beside_others():
    value, pid = in_worker(square_and_pid, 7)
    assert value == 49 and pid != os.getpid()


def test_threads_submitting_at_once_leave_the_real_main_module_behind():
    """The first thread out of plain_main must not restore the empty module the second one
    saw: both overlap here, the first leaving while the second is inside."""
    real = sys.modules["__main__"]
    inside, leave = threading.Barrier(2), threading.Event()

    def first() -> None:
        with plain_main():
            inside.wait()
        leave.set()

    def second() -> None:
        with plain_main():
            inside.wait()
            leave.wait()
            assert sys.modules["__main__"] is not real

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sys.modules["__main__"] is real
