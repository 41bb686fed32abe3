"""Kill -9 in the middle of a big save, then reopen the workspace in a fresh process: every
completed save is there and loads whole, the interrupted one is absent or whole, never half.

A child process saves datasets into a workspace and writes a line to a log just before and just
after each save; the parent kills it at a chosen moment after the 'start' line of a
million-row save (or replace). Rounds run one after the other on the same workspace, so each
reopening also replays what the earlier kills left behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIG_ROWS = 1_000_000

# Runs in the child: build every dataset first, then save them, logging around each save.
CHILD = """
import hashlib, json, os, sys
import numpy as np
import pandas as pd
from analytics.ingest.load import load
from analytics.workspace import Workspace

home, log_path, plan = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])

def table(rows, seed):
    rng = np.random.default_rng(seed)
    dates = np.datetime64("2020-01-01") + (np.arange(rows) // 1000).astype("timedelta64[D]")
    stores = np.char.add("store ", (np.arange(rows) % 1000).astype(str))
    revenue = rng.integers(100, 10_000, rows)
    lines = ["date,store,revenue,spend"]
    lines += [f"{d},{s},{r},{r // 10}" for d, s, r in zip(dates.astype(str), stores, revenue)]
    return ("\\n".join(lines) + "\\n").encode()

def digest(frame):
    hashed = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    return hashlib.sha256(hashed.tobytes()).hexdigest()

def log(**event):
    with open(log_path, "a") as out:
        out.write(json.dumps(event) + "\\n")
        out.flush()
        os.fsync(out.fileno())

datasets = [(step, load(table(step["rows"], step["seed"]), file_name=step["name"] + ".csv"))
            for step in plan]
ws = Workspace(home)
for step, dataset in datasets:
    event = dict(name=step["name"], rows=dataset.n_rows, digest=digest(dataset.frame))
    log(event="start", **event)
    if step["action"] == "replace":
        target = next(i.id for i in ws.list() if i.name == step["target"])
        info = ws.replace(target, dataset)
    else:
        info = ws.save(dataset, step["name"])
    log(event="done", id=info.id, **event)
log(event="finished")
"""

# Runs in a fresh process after the kill: everything the workspace holds, with row digests.
VERIFY = """
import hashlib, json, sys
import pandas as pd
from analytics.workspace import Workspace

def digest(frame):
    hashed = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    return hashlib.sha256(hashed.tobytes()).hexdigest()

ws = Workspace(sys.argv[1])
found = {}
for info in ws.list():
    frame = ws.load(info.id)
    found[info.name] = dict(id=info.id, rows=info.n_rows, loaded=len(frame), digest=digest(frame))
print(json.dumps(found))
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _events(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines() if line.endswith("}")]


def _run_and_kill(home: Path, log: Path, plan: list[dict], victim: str, delay: float) -> None:
    """Run the plan in a child; SIGKILL it ``delay`` seconds after ``victim``'s save starts."""
    child = _python(CHILD, str(home), str(log), json.dumps(plan))
    deadline = time.monotonic() + 240
    try:
        while not any(e["event"] == "start" and e["name"] == victim for e in _events(log)):
            assert child.poll() is None, child.communicate()[1]
            assert time.monotonic() < deadline, "the child never started the big save"
            time.sleep(0.005)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        _, err = child.communicate()
    assert "Traceback" not in err, err


def _reopen(home: Path) -> dict[str, dict]:
    verify = _python(VERIFY, str(home))
    out, err = verify.communicate(timeout=300)
    assert verify.returncode == 0, err
    return json.loads(out)


def _saved_before_the_kill(log: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """(completed saves, started but unfinished ones) by name, from the child's log."""
    started, done = {}, {}
    for event in _events(log):
        if event["event"] == "start":
            started[event["name"]] = event
        elif event["event"] == "done":
            done[event["name"]] = event
    return done, {name: e for name, e in started.items() if name not in done}


@pytest.mark.slow
def test_a_kill_during_a_big_save_never_leaves_half_a_dataset(tmp_path: Path) -> None:
    home, log = tmp_path / "home", tmp_path / "saves.log"
    # Kill moments after the 'start' line: during the million-row write, around its commit and
    # after it (a save takes about 0.3 s here between the two log lines, commit included).
    delays = (0.0, 0.05, 0.15, 0.25, 0.3, 0.35, 0.45, 1.0)
    expected: dict[str, dict] = {}
    for round_number, delay in enumerate(delays):
        small = {"action": "save", "name": f"small-{round_number}", "rows": 2_000}
        big = {"action": "save", "name": f"big-{round_number}", "rows": BIG_ROWS}
        plan = [{**small, "seed": 2 * round_number}, {**big, "seed": 2 * round_number + 1}]
        _run_and_kill(home, log, plan, big["name"], delay)
        done, interrupted = _saved_before_the_kill(log)
        found = _reopen(home)
        for name, event in done.items():
            expected[name] = event
        for name, event in expected.items():
            assert name in found, f"completed save {name} lost (kill after {delay}s)"
            _whole(found[name], event)
        for name, event in interrupted.items():
            if name in found:  # committed just before the kill: then it must be whole
                _whole(found[name], event)
                expected[name] = event
        assert set(found) == set(expected), (set(found), set(expected))
        assert expected[small["name"]]["rows"] == 2_000
    # Replacing the rows of a stored dataset, killed midway: the old rows or the new, whole.
    target = next(name for name in expected if name.startswith("big-"))
    replace = {"action": "replace", "name": "replacement", "target": target, "rows": BIG_ROWS}
    _run_and_kill(home, log, [{**replace, "seed": 99}], "replacement", 0.15)
    found = _reopen(home)
    done, interrupted = _saved_before_the_kill(log)
    versions = [expected[target]["digest"]]
    versions += [
        e["digest"] for e in {**done, **interrupted}.values() if e["name"] == "replacement"
    ]
    assert found[target]["digest"] in versions
    assert found[target]["rows"] == found[target]["loaded"] == BIG_ROWS


def _whole(stored: dict, saved: dict) -> None:
    assert stored["rows"] == stored["loaded"] == saved["rows"], (stored, saved)
    assert stored["digest"] == saved["digest"], (stored, saved)
