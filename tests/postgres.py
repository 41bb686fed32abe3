"""PostgreSQL for the test run: Debian's server started once per run by scripts/postgres.sh in a
temp folder, and a fresh schema per test workspace. A run without PostgreSQL installed fails
(it does not skip): CI installs it (scripts/test.sh)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy

from analytics.pgstore import engine_for, schema_for

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "postgres.sh"
BACKENDS = ("duckdb", "postgres")


class Server:
    """A running cluster in a temp folder; ``url`` reaches its `liftboard` database."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="liftboard-pg-"))
        self.url = ""

    def start(self) -> str:
        done = subprocess.run(
            ["bash", str(SCRIPT), "start", str(self.folder), str(_free_port())],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            pytest.fail(
                "PostgreSQL is needed by the workspace tests and did not start: "
                f"{done.stderr.strip()} (install Debian's postgresql, as scripts/test.sh does)",
                pytrace=False,
            )
        self.url = done.stdout.strip().splitlines()[-1]
        return self.url

    def stop(self) -> None:
        subprocess.run(["bash", str(SCRIPT), "stop", str(self.folder)], timeout=120, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def new_team() -> str:
    """A team name no other test uses (its schema is created on first open)."""
    return f"t{uuid.uuid4().hex[:12]}"


def drop_team(url: str, team: str) -> None:
    with engine_for(url).begin() as conn:
        conn.execute(sqlalchemy.text(f'DROP SCHEMA IF EXISTS "{schema_for(team)}" CASCADE'))
