"""Workspace backends: the time to save and to load the sample's files on the DuckDB file and on
PostgreSQL (Debian's server started by scripts/postgres.sh in a temp folder, fsync off, as the
tests run it; or --database-url). Medians of --runs saves and loads in one process, after one
warm-up each; writes its section of bench/results.md.
Run: .venv/bin/python bench/workspace_backends.py [--runs 5] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results_file import replace_section  # noqa: E402

from analytics.ingest.load import load  # noqa: E402
from analytics.pgstore import engine_for  # noqa: E402
from analytics.workspace import Workspace, open_workspace  # noqa: E402

FILES = ("sales_daily.csv", "ab_test_sample.csv", "order_lines.csv")
TEAM = "bench"


def measure(ws: Workspace, path: Path, runs: int) -> tuple[float, float]:
    """Median seconds to save the file's dataset and to load it back."""
    dataset = load(path)
    ws.load(ws.save(dataset, "warm-up").id)
    saves, loads = [], []
    for _ in range(runs):
        start = time.perf_counter()
        saved = ws.save(dataset, path.name)
        saves.append(time.perf_counter() - start)
        start = time.perf_counter()
        frame = ws.load(saved.id)
        loads.append(time.perf_counter() - start)
        assert frame.equals(dataset.frame)
    return statistics.median(saves), statistics.median(loads)


def start_postgres(folder: Path) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "postgres.sh"), "start", str(folder), str(port)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="liftboard-bench-"))
    server = Path(tempfile.mkdtemp(prefix="liftboard-bench-pg-"))  # reachable by `postgres`
    url = args.database_url or start_postgres(server)
    rows = []
    try:
        duck = Workspace(scratch / "home")
        pg = open_workspace(scratch, team=TEAM, database_url=url)
        for name in FILES:
            path = ROOT / "sample_data" / name
            lines = sum(1 for _ in path.open()) - 1
            for backend, ws in (("DuckDB file", duck), ("PostgreSQL", pg)):
                save, load_time = measure(ws, path, args.runs)
                rows.append(f"| {name} | {lines:,} | {backend} | {save:.3f} | {load_time:.3f} |")
                print(rows[-1], flush=True)
        duck.close()
    finally:
        with engine_for(url).begin() as conn:
            conn.execute(sqlalchemy.text(f'DROP SCHEMA IF EXISTS "team_{TEAM}" CASCADE'))
        engine_for(url).dispose()
        if not args.database_url:
            subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "stop", str(server)])
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(server, ignore_errors=True)
    body = "\n".join([
        "## Workspace backends (bench/workspace_backends.py)",
        "",
        f"Median of {args.runs} saves and loads (one process, after a warm-up) of the sample's "
        "files: `save` = ingest already done, the rows and metadata stored in one transaction "
        "with their audit row; `load` = the rows back as a pandas frame with the file's column "
        "names. PostgreSQL: Debian's server on 127.0.0.1 started by scripts/postgres.sh "
        "(fsync off, as in the tests), SQLAlchemy pool + psycopg COPY in CSV. "
        f"{platform.machine()}, Python {platform.python_version()}, 2 shared cores "
        f"(load average {os.getloadavg()[0]:.1f} at the end of the run).",
        "",
        "| file | rows | backend | save (s) | load (s) |",
        "| --- | ---: | --- | ---: | ---: |",
        *rows,
        "",
    ])  # fmt: skip
    replace_section("## Workspace backends", body)


if __name__ == "__main__":
    main()
