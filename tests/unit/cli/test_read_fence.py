"""The command line reads only regular files, each in a fenced worker process: a named pipe or a
device is refused in one line (exit 2) instead of waiting or reading without end, and a file that
aborts its reader is one line too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import ROOT, SAMPLE_CSV

from analytics.cli.main import main
from tests.bad_corpus import BAD, EXPECTED

# Refusing needs no reading; a broken check would wait (a pipe) or read (/dev/zero) for ever.
PROCESS_TIMEOUT = 120  # seconds: two slow shared cores, a fresh interpreter


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=PROCESS_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


def test_a_named_pipe_is_refused_in_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    result = _cli("inspect", str(fifo), "--json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {fifo} is a named pipe, not a regular file: give the path of a CSV, TSV or "
        "Excel file saved on disk.\n"
    )


def test_a_device_is_refused_in_one_line() -> None:
    result = _cli("inspect", "/dev/zero")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: /dev/zero is a character device, not a regular file: give the path of a CSV, "
        "TSV or Excel file saved on disk.\n"
    )


def test_a_link_to_a_regular_file_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "sales.csv"
    link.symlink_to(SAMPLE_CSV)
    assert main(["inspect", str(link), "--json"]) == 0
    assert '"rows": ' in capsys.readouterr().out


def test_a_file_that_aborts_its_reader_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    name = "xlsx_shared_strings_claim.xlsx"
    code = main(["inspect", str(BAD / name)])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err == f"error: {EXPECTED[name].message}\n"


def test_the_campaign_table_is_read_within_the_same_fence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "campaigns.csv"
    os.mkfifo(fifo)
    code = main(
        ["campaigns", str(SAMPLE_CSV), "--metric", "revenue", "--campaign-table", str(fifo)]
    )
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err.startswith(f"error: {fifo} is a named pipe, not a regular file")
    assert captured.err.count("\n") == 1
