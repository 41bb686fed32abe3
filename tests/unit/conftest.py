"""Fixtures shared by the unit tests."""

from __future__ import annotations

import subprocess
from types import ModuleType

import pytest
from corpus import CLI_RUNS, make_fixtures_module


@pytest.fixture(scope="session")
def make_fixtures() -> ModuleType:
    """tests/fixtures/make_fixtures.py, the generator of the encoded and binary fixtures."""
    return make_fixtures_module()


@pytest.fixture(scope="session")
def cli_processes() -> dict[str, subprocess.CompletedProcess[str]]:
    """The finished `python -m analytics` runs of corpus.CLI_RUNS, by key."""
    return CLI_RUNS.results()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need the CLI processes go last, and the processes start now."""
    late = [item for item in items if "cli_processes" in getattr(item, "fixturenames", ())]
    if late:
        items[:] = [item for item in items if item not in late] + late
        CLI_RUNS.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    CLI_RUNS.stop()
