"""Fixtures shared by the unit tests."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from corpus import CLI_RUNS, make_fixtures_module

from analytics.workspace import Workspace, open_workspace
from tests.postgres import BACKENDS, drop_team, new_team


@pytest.fixture(scope="session")
def make_fixtures() -> ModuleType:
    """tests/fixtures/make_fixtures.py, the generator of the encoded and binary fixtures."""
    return make_fixtures_module()


@pytest.fixture(scope="session")
def cli_processes() -> dict[str, subprocess.CompletedProcess[str]]:
    """The finished `python -m analytics` runs of corpus.CLI_RUNS, by key."""
    return CLI_RUNS.results()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each workspace test runs on the DuckDB file and on PostgreSQL."""
    return request.param


@pytest.fixture
def open_ws(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Workspace]]:
    """Opens workspaces on the test's backend; the same ``name`` reaches the same store again
    (a folder under tmp_path, or a fresh PostgreSQL schema dropped after the test)."""
    url = request.getfixturevalue("postgres_url") if backend == "postgres" else None
    teams: dict[str, str] = {}
    opened: list[Workspace] = []

    def open_named(name: str = "home", **options) -> Workspace:
        if url is None:
            ws = Workspace(tmp_path / name, **options)
        else:
            team = teams.setdefault(name, new_team())
            ws = open_workspace(tmp_path / name, team=team, database_url=url, **options)
        opened.append(ws)
        return ws

    yield open_named
    for ws in opened:
        ws.close()
    for team in teams.values():
        drop_team(url, team)


@pytest.fixture
def pg_ws(postgres_url: str, tmp_path: Path) -> Iterator[Workspace]:
    """A workspace in a fresh PostgreSQL schema (for what only PostgreSQL does)."""
    team = new_team()
    ws = open_workspace(tmp_path / "home", team=team, database_url=postgres_url)
    yield ws
    drop_team(postgres_url, team)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need the CLI processes go last, and the processes start now."""
    late = [item for item in items if "cli_processes" in getattr(item, "fixturenames", ())]
    if late:
        items[:] = [item for item in items if item not in late] + late
        CLI_RUNS.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    CLI_RUNS.stop()
