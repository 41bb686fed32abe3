"""Worker processes give the same answers as a plain loop, in order, with progress."""

import os

import pytest

from analytics.errors import UserInputError
from analytics.parallel import map_in_workers, shutdown


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
