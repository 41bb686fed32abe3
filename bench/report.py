"""The meeting report of the whole sample (9 campaigns, each with its checks) through
`python -m analytics report`, per format: wall time, the CPU time of every process it started
(pool workers, the renderer, Chromium), and the load average the machine had (cold: nothing
fitted before). Warm: the sidebar's way, after the Overview measured every campaign (as it does
in the background when a page first opens the dataset): the estimates reused, only the checks,
drivers, forecast and budget fitted, and the file drawn in the same process.

Run: .venv/bin/python bench/report.py [--repeats N] [--formats pptx,pdf,html] [--cold-only]
[--notes FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from experiments import PR_SET_CHILD_SUBREAPER, _children_cpu, _own_children  # noqa: E402
from results_file import replace_section  # noqa: E402

SAMPLE = ROOT / "sample_data" / "sales_daily.csv"
TARGET_SECONDS = 30
HEADING = "## Report (bench/report.py)"
SAMPLE_SECONDS = 0.1


def run_command(out: Path) -> tuple[float, float, float]:
    """Wall time of one report command, the CPU time of all its processes (orphans such as
    the read fence's fork server are adopted and reaped here), and the wall time it would take
    on two free cores, from its processes' threads sampled as it ran."""
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1)
    before = _own_children()
    cpu, start = _children_cpu(), time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        command = subprocess.Popen(
            [sys.executable, "-m", "analytics", "report", str(SAMPLE), "--out", str(out)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors,
        )  # fmt: skip
        free = free_machine_wall(command)
        wall = time.perf_counter() - start
        if command.returncode:
            errors.seek(0)
            raise SystemExit(f"the report failed: {errors.read().decode()[-2000:]}")
    for pid in _own_children() - before:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    return wall, _children_cpu() - cpu, free


def free_machine_wall(command: subprocess.Popen[bytes], cores: int = 2) -> float:
    """Until ``command`` ends, sample every thread of the processes under this one (the
    command, its pool workers and fork server, the renderer, Chromium) SAMPLE_SECONDS apart.
    Between two samples, the CPU seconds they used divided by the threads that wanted a core
    (running or waiting to run, at most ``cores``) is the time that work takes on free cores;
    a spell with no thread wanting a core (waiting on a pipe or a timer) counts as it was."""
    ticks, free = os.sysconf("SC_CLK_TCK"), 0.0
    used, at = _tree_threads()[1], time.perf_counter()
    while command.poll() is None:
        time.sleep(SAMPLE_SECONDS)
        wanting, now_used = _tree_threads()
        now = time.perf_counter()
        done = sum(max(0, n - used.get(pid, 0)) for pid, n in now_used.items()) / ticks
        free += done / min(wanting, cores) if wanting else now - at
        used, at = now_used, now
    return free


def _tree_threads() -> tuple[int, dict[int, int]]:
    """Threads of this process's descendants that are running or runnable, and the CPU ticks
    (user and system) each descendant has used, from /proc (orphans are adopted here)."""
    stats = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            stats[int(stat.parent.name)] = stat.read_text().rsplit(")", 1)[1].split()
    parents = {pid: int(fields[1]) for pid, fields in stats.items()}
    wanting, used = 0, {}
    for pid, fields in stats.items():
        if not _descends(pid, parents):
            continue
        used[pid] = int(fields[11]) + int(fields[12])
        for task in Path(f"/proc/{pid}/task").glob("*/stat"):
            with contextlib.suppress(OSError, IndexError):
                wanting += task.read_text().rsplit(")", 1)[1].split()[0] == "R"
    return wanting, used


def _descends(pid: int, parents: dict[int, int]) -> bool:
    own = os.getpid()
    while pid in parents and pid > 1:
        pid = parents[pid]
        if pid == own:
            return True
    return False


def warm_run(fmt: str) -> tuple[float, float]:
    """In a child process of its own: wall and CPU time (its own, its pool workers' and
    Chromium's) of the report once the Overview's measurements are there."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "--warm-child", fmt],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    wall, cpu = done.stdout.split()[-2:]
    return float(wall), float(cpu)


def _warm_child(fmt: str) -> None:
    from analytics.cli.arguments import read_file
    from analytics.lift.reports import measure_each
    from analytics.parallel import pool
    from analytics.report.content import gather_report
    from ui.report.render import draw_report, file_bytes

    dataset = read_file(str(SAMPLE))
    frame, mapping = dataset.frame, dataset.mapping
    measured = measure_each(frame, mapping, mapping.outcome)  # the Overview's, not timed
    workers = list(pool()._processes)  # the running workers: their CPU time from /proc
    before = _workers_cpu(workers) + time.process_time() + _children_cpu()
    start = time.perf_counter()
    content = gather_report(frame, mapping, SAMPLE.name, measured=measured)
    file_bytes(draw_report(content, "en"), fmt)
    wall = time.perf_counter() - start
    cpu = _workers_cpu(workers) + time.process_time() + _children_cpu() - before
    print(f"{wall:.3f} {cpu:.3f}")


def _workers_cpu(pids: list[int]) -> float:
    """User and system CPU seconds of running processes, from /proc."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--formats", default="pptx,pdf,html", help="comma-separated")
    parser.add_argument("--cold-only", action="store_true", help="skip the warm (sidebar) runs")
    parser.add_argument("--notes", type=Path, help="Markdown written below the table")
    parser.add_argument("--warm-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.warm_child:
        return _warm_child(args.warm_child)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for fmt in args.formats.split(","):
            rows.append(_format_row(fmt, Path(folder) / f"report.{fmt}", args))
            print(rows[-1], flush=True)
    lines = [
        HEADING,
        "",
        f"The whole sample's report (sales_daily.csv, 9 campaigns with robustness and placebo "
        f"checks on up to 4 windows, drivers, forecast, budget split; English) through "
        f"`python -m analytics report`, shortest of {args.repeats} run(s) per format, on 2 "
        f"cores shared with other work. Target: under {TARGET_SECONDS} s. CPU time counts every "
        f"process the command started (pool workers, the renderer, Chromium). Free 2 cores: "
        f"the wall time estimated from the processes' threads sampled every {SAMPLE_SECONDS} s "
        f"as the command ran (between two samples, the CPU time used divided by the threads "
        f"that wanted a core, at most 2; a spell with none counts as it was); it takes the CPU "
        f"time as measured, which contention inflates. Warm: the sidebar's report once the "
        f"Overview has measured every campaign (the estimates reused; checks, drivers, "
        f"forecast, budget and drawing).",
        "",
        "| format | cold: wall | load at start, end | cold: CPU, all processes "
        "| cold: free 2 cores (estimate) | file size | warm: wall | warm: CPU | load at start |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
    ]
    notes = ["", args.notes.read_text().strip()] if args.notes else []
    replace_section(HEADING, "\n".join(lines + notes) + "\n")


def _format_row(fmt: str, out: Path, args: argparse.Namespace) -> str:
    """One format's table row: its cold runs (the shortest) and, unless --cold-only, warm."""
    load = os.getloadavg()[0]
    wall, cpu, free = min(run_command(out) for _ in range(args.repeats))
    end_load = os.getloadavg()[0]
    size = out.stat().st_size / 1e6
    cold = f"| {fmt} | {wall:.1f} s | {load:.1f}, {end_load:.1f} | {cpu:.1f} s | {free:.1f} s "
    if args.cold_only:
        return cold + f"| {size:.1f} MB | not run | not run | |"
    warm_load = os.getloadavg()[0]
    warm, warm_cpu = min(warm_run(fmt) for _ in range(args.repeats))
    return cold + f"| {size:.1f} MB | {warm:.1f} s | {warm_cpu:.1f} s | {warm_load:.1f} |"


if __name__ == "__main__":
    main()
