"""Helpers for the ingestion tests: where the fixture corpus lives, loading it, issues by code."""

from __future__ import annotations

import functools
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from analytics.ingest.issues import Issue
from analytics.ingest.load import Dataset, load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DATA = ROOT / "sample_data"
SAMPLE_CSV = SAMPLE_DATA / "sales_daily.csv"
# What sample_data/generate.py planted: each campaign's effect, the curves, the elasticities.
GROUND_TRUTH = json.loads((SAMPLE_DATA / "ground_truth.json").read_text())
CAMPAIGN_TRUTH = {c["name"]: c for c in GROUND_TRUTH["campaigns"]}


def fixture_path(name: str) -> Path:
    path = FIXTURES / name
    assert path.is_file(), f"missing fixture {name}"
    return path


def load_fixture(name: str, **options: object) -> Dataset:
    """The fixture as a dataset; datasets are immutable, so those without a mapping are shared."""
    if "mapping" in options:
        return load(fixture_path(name), **options)  # type: ignore[arg-type]
    return _load_cached(name, tuple(sorted(options.items())))


@functools.cache
def _load_cached(name: str, options: tuple[tuple[str, object], ...]) -> Dataset:
    return load(fixture_path(name), **dict(options))  # type: ignore[arg-type]


def issues_by_code(issues: tuple[Issue, ...] | list[Issue]) -> dict[str, list[Issue]]:
    found: dict[str, list[Issue]] = {}
    for issue in issues:
        found.setdefault(issue.code, []).append(issue)
    return found


def only_issue(issues: tuple[Issue, ...] | list[Issue], code: str) -> Issue:
    matching = issues_by_code(issues).get(code, [])
    assert len(matching) == 1, f"expected one {code!r} issue, got {matching}"
    return matching[0]


def make_fixtures_module() -> ModuleType:
    """tests/fixtures/make_fixtures.py, imported by path (the fixtures folder is no package)."""
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CliRuns:
    """`python -m analytics` runs in their own processes, started early and awaited late.

    Each process spends seconds importing; started when the tests are collected, they import
    while the rest of the suite runs.
    """

    def __init__(self, commands: dict[str, list[str]]) -> None:
        self.commands = commands
        self._started: dict[str, subprocess.Popen[str]] = {}

    def start(self) -> None:
        if self._started:
            return
        root = Path(__file__).resolve().parents[2]
        for key, argv in self.commands.items():
            self._started[key] = subprocess.Popen(
                [sys.executable, "-m", "analytics", *argv],
                cwd=root,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )

    def stop(self) -> None:
        """End the runs no test waited for (deselected tests), so none outlives the session."""
        for process in self._started.values():
            if process.poll() is None:
                process.kill()
                process.communicate()

    def results(self) -> dict[str, subprocess.CompletedProcess[str]]:
        self.start()
        done = {}
        for key, process in self._started.items():
            out, err = process.communicate(timeout=300)
            done[key] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
        return done


CLI_RUNS = CliRuns(
    {
        "ok": ["inspect", str(FIXTURES / "gbk_chinese.csv"), "--json"],
        "bad": ["inspect", str(FIXTURES / "binary_renamed.csv"), "--json"],
    }
)
