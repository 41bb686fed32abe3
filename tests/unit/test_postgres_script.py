"""scripts/postgres.sh, which the test run and the team server start PostgreSQL with: a cluster
kept across restarts, and a run without PostgreSQL fails instead of skipping."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import sqlalchemy

from tests import postgres


def test_a_stopped_cluster_starts_again_with_its_data() -> None:
    server = postgres.Server()
    try:
        url = server.start()
        assert url.startswith("postgresql://liftboard@127.0.0.1:") and url.endswith("/liftboard")
        engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as conn:
            conn.execute(sqlalchemy.text("CREATE TABLE kept AS SELECT '上海' AS city"))
            superuser = conn.execute(sqlalchemy.text("SELECT rolsuper FROM pg_roles "
                                                     "WHERE rolname = current_user")).scalar()  # fmt: skip
        engine.dispose()
        assert superuser is False
        subprocess.run(["bash", str(postgres.SCRIPT), "stop", str(server.folder)], check=True)
        again = server.start()
        engine = sqlalchemy.create_engine(again.replace("postgresql://", "postgresql+psycopg://"))
        with engine.connect() as conn:
            assert conn.execute(sqlalchemy.text("SELECT city FROM kept")).scalar() == "上海"
        engine.dispose()
    finally:
        server.stop()
    assert not server.folder.exists()


def test_without_postgresql_the_run_fails_saying_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = Path(tempfile.mkdtemp())
    missing = folder / "postgres.sh"
    missing.write_text(
        "echo 'PostgreSQL is not installed: install Debian'\\''s package' >&2; exit 1\n"
    )
    monkeypatch.setattr(postgres, "SCRIPT", missing)
    server = postgres.Server()
    try:
        with pytest.raises(pytest.fail.Exception, match=r"not installed.*scripts/test\.sh"):
            server.start()
    finally:
        server.stop()
        shutil.rmtree(folder)


def test_a_wrong_call_is_refused_with_the_usage() -> None:
    done = subprocess.run(["bash", str(postgres.SCRIPT), "start"], capture_output=True, text=True)
    assert done.returncode == 2 and "usage:" in done.stderr
