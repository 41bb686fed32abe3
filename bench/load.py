"""Load benchmark: concurrent sessions on the common path, over Streamlit's own websocket.

Starts the app on a free port with a fresh LIFTBOARD_HOME (the sample workspace), warms the
caches, then runs N simulated users for a bounded time. Each user speaks the browser's protocol
(protobuf messages on /_stcore/stream): open Overview, open Lift on a campaign, switch to another
campaign with the selectbox, and again. A page completes when the server reports the script run
finished; an error is a failed run or an exception element on the page. Users either click
again as soon as a page is complete (a stress test) or read each page 5-10 s first. Each pace is
run again while one extra user keeps forcing uncached model fits (the Lift page on a new
hand-defined window each time), to show whether one user's heavy work freezes the others.

With ``--processes N`` (N > 1) the app runs as a team server instead: scripts/serve-team.sh
starts N processes behind nginx (their shared database: the team config's database_url, or
``--local-postgres``) in team mode; each user carries its own route cookie, as a browser does
after its first page, so nginx keeps it on one process, and Streamlit's sign-in cookie of the
bench team's viewer (minted under the secrets file's [auth] cookie_secret, as Streamlit's own
sign-in callback writes it), so it sees the team's copy of the samples and not the sign-in
screen; every process is warmed directly first.

Run: .venv/bin/python bench/load.py [--users 20] [--seconds 60]
     .venv/bin/python bench/load.py --processes 4 --users 100 [--local-postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.web.server.starlette.starlette_app_utils import (
    create_signed_value,
    generate_xsrf_token_string,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results_file import replace_section  # noqa: E402
from team_server import (  # noqa: E402
    ROUTE_COOKIE,
    SignIn,
    TeamServer,
    cpu_seconds,
    start_team_server,
)

from analytics.access import ADMIN  # noqa: E402
from analytics.audit import Actor  # noqa: E402
from analytics.samples import install_samples  # noqa: E402
from analytics.teams import load_config  # noqa: E402
from analytics.workspace import open_workspace  # noqa: E402
from ui.i18n import STRINGS  # noqa: E402

DATASET_LABEL = STRINGS["dataset"]["en"]  # the Overview's dataset box
SECTION = "## Load (bench/load.py)"
# The team of the simulated users, holding the samples; LIFTBOARD_CONFIG may name the database.
BENCH_TEAM = "bench"
BENCH_ADMIN = "bench-admin@example.com"
BENCH_USER = "reader@example.com"
BENCH_CONFIG = f'[teams.{BENCH_TEAM}]\nadmins = ["{BENCH_ADMIN}"]\nviewers = ["{BENCH_USER}"]\n'
# The users never meet a provider (they carry a minted cookie); Streamlit wants one named.
BENCH_SIGN_IN = SignIn("http://127.0.0.1:9/no-provider/.well-known/openid-configuration")
TEAM_SECTION = "## Load behind nginx (bench/load.py --processes N)"
LIFT_PAGE = "Lift"
RUN_TIMEOUT = 120  # seconds for one page run before it counts as an error
# The server's output (tracebacks of failed runs go there): read it when a run fails.
SERVER_LOG = Path(tempfile.gettempdir()) / "liftboard-load-server.log"


@dataclass
class PageRun:
    seconds: float
    error: str | None = None
    selectboxes: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    number_inputs: dict[str, str] = field(default_factory=dict)


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record(self, run: PageRun) -> None:
        self.times.append(run.seconds)
        if run.error:
            self.errors.append(run.error)


class Session:
    """One simulated browser tab: a websocket and the widget states it would send back."""

    def __init__(self, url: str, route: str = "", signed_in: bool = False) -> None:
        """``route``: the nginx route cookie's value that keeps this tab on one process;
        ``signed_in``: the tab carries the bench user's sign-in cookie (team mode)."""
        self.url = url
        cookies = [f"{ROUTE_COOKIE}={route}"] if route else []
        self.headers: dict[str, str] = {}
        self.subprotocols = ["streamlit"]
        if signed_in:
            # Streamlit reads the sign-in cookie only on a websocket whose XSRF token (second
            # subprotocol) matches the XSRF cookie, as a browser's page sends both.
            origin = "http" + url.removeprefix("ws").split("/_stcore", 1)[0]
            xsrf = generate_xsrf_token_string()
            cookies += [f"_streamlit_user={user_cookie(origin)}", f"_streamlit_xsrf={xsrf}"]
            self.headers["Origin"] = origin
            self.subprotocols.append(xsrf)
        if cookies:
            self.headers["Cookie"] = "; ".join(cookies)
        self.ws: websockets.ClientConnection | None = None
        self.widgets: dict[str, WidgetState] = {}
        self.last = PageRun(0.0)

    async def __aenter__(self) -> Session:
        self.ws = await websockets.connect(
            self.url,
            subprotocols=self.subprotocols,
            max_size=None,
            open_timeout=60,
            additional_headers=self.headers,
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def open(self, page: str = "", query: str = "") -> PageRun:
        """Run a page as a browser navigation would (widget states of other pages dropped)."""
        self.widgets = {}
        return await self._rerun(page, query)

    async def choose(self, page: str, widget_id: str, value: str) -> PageRun:
        """Change one selectbox, as a click would: the page reruns with the new value."""
        state = WidgetState(id=widget_id, string_value=value)
        self.widgets[widget_id] = state
        return await self._rerun(page, "")

    async def set_number(self, page: str, widget_id: str, value: float) -> PageRun:
        self.widgets[widget_id] = WidgetState(id=widget_id, double_value=value)
        return await self._rerun(page, "")

    async def _rerun(self, page: str, query: str) -> PageRun:
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = page
        message.rerun_script.widget_states.widgets.extend(self.widgets.values())
        start = time.perf_counter()
        assert self.ws is not None
        await self.ws.send(message.SerializeToString())
        run = PageRun(0.0)
        try:
            await asyncio.wait_for(self._read_until_finished(run), RUN_TIMEOUT)
        except TimeoutError:
            run.error = f"no answer within {RUN_TIMEOUT} s"
        run.seconds = time.perf_counter() - start
        self.last = run
        return run

    async def _read_until_finished(self, run: PageRun) -> None:
        assert self.ws is not None
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.ws.recv())
            kind = forward.WhichOneof("type")
            if kind == "delta":
                self._note_element(forward, run)
            elif kind == "script_finished":
                status = forward.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.error = "script failed to compile"
                if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return

    @staticmethod
    def _note_element(forward: ForwardMsg, run: PageRun) -> None:
        element = forward.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.error = f"{element.exception.type}: {element.exception.message[:200]}"
        elif kind == "selectbox":
            box = element.selectbox
            run.selectboxes[box.id] = (box.label, list(box.options))
        elif kind == "number_input":
            run.number_inputs[element.number_input.id] = element.number_input.label


def user_cookie(origin: str) -> str:
    """The ``_streamlit_user`` cookie Streamlit's sign-in callback would set for BENCH_USER
    on a server users reach at ``origin`` (it checks the websocket's Origin against it)."""
    payload = {
        "email": BENCH_USER,
        "email_verified": True,
        "name": "Bench reader",
        "origin": origin,
        "is_logged_in": True,
        "provider": "default",
    }
    signed = create_signed_value(
        BENCH_SIGN_IN.cookie_secret, "_streamlit_user", json.dumps(payload)
    )
    return signed.decode("ascii")


def require_data(run: PageRun, where: str) -> None:
    """Fail loudly unless the Overview shows the workspace's data (its dataset box, drawn only
    when there are datasets): the sign-in screen would make every number meaningless."""
    if not any(label == DATASET_LABEL for label, _ in run.selectboxes.values()):
        raise RuntimeError(
            f"{where}: the Overview shows no datasets (the sign-in screen or an empty "
            f"workspace?); its select boxes: {list(run.selectboxes.values())}"
        )


def campaign_box(run: PageRun) -> tuple[str, list[str]]:
    """The Lift page's campaign selectbox: the one whose id carries the key 'campaign'."""
    for widget_id, (_, options) in run.selectboxes.items():
        if widget_id.endswith("-campaign") or widget_id.endswith("campaign"):
            return widget_id, options
    raise RuntimeError(f"no campaign selectbox on the Lift page: {list(run.selectboxes)}")


async def user(
    url: str,
    deadline: float,
    tally: Tally,
    seed: int,
    reading: tuple[float, float],
    signed_in: bool = False,
) -> None:
    """The common path, again and again; ``reading``: seconds spent on each page before the next
    click (a range; (0, 0) for back-to-back clicks); ``signed_in``: as the bench team's user."""
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(*reading))  # users do not all arrive in the same instant
    route = f"{rng.getrandbits(128):032x}"
    async with Session(url, route=route, signed_in=signed_in) as session:
        first = True
        while time.perf_counter() < deadline:
            for step in _common_path(session, rng):
                run = await step()
                if first:
                    require_data(run, f"user {seed}")
                    first = False
                tally.record(run)
                await asyncio.sleep(rng.uniform(*reading))
                if run.error or time.perf_counter() >= deadline:
                    break


async def _choose_campaign(session: Session, rng: random.Random) -> PageRun:
    widget_id, options = campaign_box(session.last)
    return await session.choose(LIFT_PAGE, widget_id, rng.choice(options))


def _common_path(session: Session, rng: random.Random) -> list[Callable[[], Awaitable[PageRun]]]:
    """Open Overview, open Lift, switch campaign."""
    return [
        session.open,
        lambda: session.open(LIFT_PAGE),
        lambda: _choose_campaign(session, rng),
    ]


async def heavy_user(url: str, deadline: float, tally: Tally, signed_in: bool = False) -> None:
    """Keeps opening the Lift page on a window defined by hand, one day later each time (a link
    with mode=window&start=...&end=...): every run misses the cache and fits new models."""
    first = dt.date(2025, 5, 1)
    day = 0
    while time.perf_counter() < deadline:
        start = first + dt.timedelta(days=day)
        end = start + dt.timedelta(days=13)
        day += 1
        async with Session(url, signed_in=signed_in) as session:
            tally.record(await session.open(LIFT_PAGE, f"mode=window&start={start}&end={end}"))


async def warm(url: str, signed_in: bool = False) -> float:
    """Every page and every campaign once, so the measured phase runs on warm caches."""
    start = time.perf_counter()
    async with Session(url, signed_in=signed_in) as session:
        require_data(await session.open(), url)
        lift = await session.open(LIFT_PAGE)
        widget_id, options = campaign_box(lift)
        for option in options:
            await session.choose(LIFT_PAGE, widget_id, option)
    return time.perf_counter() - start


async def phase(
    url: str,
    users: int,
    seconds: float,
    reading: tuple[float, float],
    with_heavy: bool,
    signed_in: bool = False,
) -> tuple[Tally, Tally]:
    deadline = time.perf_counter() + seconds
    tally, heavy = Tally(), Tally()
    jobs = [user(url, deadline, tally, seed, reading, signed_in) for seed in range(users)]
    if with_heavy:
        jobs.append(heavy_user(url, deadline, heavy, signed_in))
    await asyncio.gather(*jobs)
    return tally, heavy


def start_server(home: str) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "LIFTBOARD_HOME": home}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with SERVER_LOG.open("wb") as log:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, start_new_session=True,
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    health = f"http://127.0.0.1:{port}/_stcore/health"
    for _ in range(120):
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.status == 200:
                    return server, port
        except OSError:
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGKILL)
    raise RuntimeError("the app did not start within 60 s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summarise(
    name: str, tally: Tally, seconds: float, cpu: tuple[float, float | None] = (0.0, None)
) -> dict[str, object]:
    """``cpu``: the server side's CPU seconds in the phase, and the phase's wall-clock seconds
    (until its last page completed) where measured."""
    return {
        "cpu_s": cpu[0] if cpu[0] else None,
        "wall_s": cpu[1],
        "phase": name,
        "runs": len(tally.times),
        "runs_per_s": len(tally.times) / seconds,
        "p50": statistics.median(tally.times) if tally.times else float("nan"),
        "p95": percentile(tally.times, 0.95) if tally.times else float("nan"),
        "max": max(tally.times, default=float("nan")),
        "errors": len(tally.errors),
        "first_error": tally.errors[0] if tally.errors else "",
    }


# Seconds a user spends on a page before the next click: none (a stress test), and the time a
# person takes to read a dashboard page.
PACES = {"back-to-back clicks": (0.0, 0.0), "reading each page 5-10 s": (5.0, 10.0)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--processes", type=int, default=1, help="more than 1: that many behind nginx"
    )
    parser.add_argument(
        "--local-postgres",
        action="store_true",
        help="with --processes: serve-team.sh starts a PostgreSQL of its own",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as home:
        if args.processes > 1:
            rows, served_by = run_team(args, Path(home))
        else:
            rows, served_by = run_single(args, home), ""
    for row in rows:
        print(row)
    if any(row["errors"] for row in rows):
        print(f"server output: {SERVER_LOG}")
    write_results(rows, args, (load_before, os.getloadavg()), served_by)


def run_single(args: argparse.Namespace, home: str) -> list[dict[str, object]]:
    """One Streamlit process, reached directly."""
    server, port = start_server(home)
    try:
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        args.warm = asyncio.run(warm(url))
        return run_phases(url, args, PACES, lambda: cpu_seconds(server.pid))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def run_team(args: argparse.Namespace, home: Path) -> tuple[list[dict[str, object]], str]:
    """N processes behind nginx (scripts/serve-team.sh): the rows, and how the users'
    websockets spread over the processes."""
    extra = ("--local-postgres",) if args.local_postgres else ()
    config = home / "liftboard.toml"
    config.write_text(bench_config(args.local_postgres))
    server = start_team_server(
        args.processes, home / "workspace", config=config, extra=extra, sign_in=BENCH_SIGN_IN
    )
    try:
        install_team_samples(server, home / "workspace")
        backends = [
            server.backend_url(i).replace("http", "ws") + "/_stcore/stream"
            for i in range(args.processes)
        ]
        args.warm = asyncio.run(warm_all(backends))
        args.settle = settle(server.cpu_seconds)
        # The reading pace (the target) first, on a settled server: fits that the back-to-back
        # phase's heavy user left running would otherwise still hold the cores.
        paces = dict(reversed(PACES.items()))
        rows = run_phases(
            server.url.replace("http", "ws") + "/_stcore/stream", args, paces, server.cpu_seconds
        )
        return rows, spread(server)
    except BaseException:
        print(server.output()[-5000:])
        raise
    finally:
        server.stop()


def bench_config(local_postgres: bool) -> str:
    """The bench's team config: its team, and the database of LIFTBOARD_CONFIG's config unless
    serve-team.sh starts one (--local-postgres)."""
    named = None if local_postgres else load_config()
    url = named.database_url if named is not None else None
    return (f'database_url = "{url}"\n' if url else "") + BENCH_CONFIG


def install_team_samples(server: TeamServer, home: Path) -> None:
    """The samples saved into the bench team's workspace (team workspaces start empty)."""
    admin = Actor(BENCH_ADMIN, ADMIN, BENCH_TEAM)
    workspace = open_workspace(
        home, team=BENCH_TEAM, actor=admin, database_url=server.database_url()
    )
    try:
        install_samples(workspace)
    finally:
        workspace.close()


def settle(cpu: Callable[[], float], quiet: float = 0.2, limit: float = 600) -> float:
    """Wait until the servers use under ``quiet`` of a core over 5 s: each process runs the
    sample's main analyses in the background once its first page opened it (ui/warm.py), and
    those fits would otherwise be measured as the first phase's cost. Seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        before = cpu()
        time.sleep(5)
        if cpu() - before < quiet * 5:
            break
    return time.perf_counter() - start


async def warm_all(urls: list[str]) -> float:
    """Every process warmed directly (each has its own caches), all at once."""
    start = time.perf_counter()
    await asyncio.gather(*(warm(url, signed_in=True) for url in urls))
    return time.perf_counter() - start


def spread(server: TeamServer) -> str:
    """Websockets opened through nginx per process, e.g. '127.0.0.1:8601: 61, ...'."""
    counts: dict[str, int] = {}
    for served in server.served():
        if "/_stcore/stream" in served.request:
            counts[served.upstream] = counts.get(served.upstream, 0) + 1
    return ", ".join(f"{upstream}: {n}" for upstream, n in sorted(counts.items()))


def run_phases(
    url: str,
    args: argparse.Namespace,
    paces: dict[str, tuple[float, float]],
    cpu: Callable[[], float],
) -> list[dict[str, object]]:
    """Each pace without and with the heavy user; ``cpu``: the server side's CPU seconds so
    far, so each phase's row holds what it cost (the heavy user's row: none of its own)."""
    rows = []
    for pace, reading in paces.items():
        start, began = cpu(), time.perf_counter()
        team = args.processes > 1
        plain, _ = asyncio.run(phase(url, args.users, args.seconds, reading, False, team))
        middle, wall = cpu(), time.perf_counter() - began
        loaded, heavy = asyncio.run(phase(url, args.users, args.seconds, reading, True, team))
        plain_cpu, loaded_cpu = (middle - start, wall), (cpu() - middle, None)
        rows += [
            summarise(f"{args.users} users, {pace}", plain, args.seconds, plain_cpu),
            summarise(
                f"{args.users} users, {pace}, + 1 user fitting new windows",
                loaded,
                args.seconds,
                loaded_cpu,
            ),
            summarise(f"(that user's own runs, {pace})", heavy, args.seconds),
        ]
    return rows


def write_results(
    rows: list[dict[str, object]],
    args: argparse.Namespace,
    loads: tuple[tuple[float, ...], tuple[float, ...]],
    served_by: str,
) -> None:
    """The section of bench/results.md: one process's, or the team server's (``served_by``:
    the users' websockets per process)."""
    before, after = (", ".join(f"{value:.1f}" for value in load) for load in loads)
    team = args.processes > 1
    warmed = (
        f", every process at once; then {args.settle:.0f} s until their background analyses "
        "were done"
        if team
        else ""
    )
    setup = (
        f"{args.processes} Streamlit processes behind nginx (scripts/serve-team.sh, sticky "
        f"sessions by route cookie; websockets per process: {served_by}) in team mode, every "
        "user signed in (Streamlit's sign-in cookie of a viewer of the bench team, which holds "
        "the samples; each user's first Overview checked to list them); "
        if team
        else ""
    )
    lines = [
        TEAM_SECTION if team else SECTION,
        "",
        setup + f"{args.users} simulated users over Streamlit's websocket protocol for "
        f"{args.seconds:.0f} s per phase; each repeats: open Overview, open Lift, switch campaign, "
        "either clicking again as soon as a page is complete or reading each page 5-10 s first. "
        "The extra user opens the Lift page on a hand-defined window one day later each time, "
        "so every one of its runs fits new models. Times are page completions (request sent → "
        f"script finished). Warm-up (every page and campaign once, cold{warmed}): "
        f"{args.warm:.1f} s. "
        f"{platform.machine()}, {os.cpu_count()} cores; load average {before} before, "
        f"{after} after.",
        "",
        "| phase | page runs | runs/s | p50 s | p95 s | max s | errors | server CPU s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['phase']} | {r['runs']} | {r['runs_per_s']:.1f} | {r['p50']:.2f} | "
        f"{r['p95']:.2f} | {r['max']:.2f} | {r['errors']} | {cpu_cell(r)} |"
        for r in rows
    ]
    errors = [str(r["first_error"]) for r in rows if r["first_error"]]
    lines += team_notes(rows, args) if team else single_notes(rows, args)
    if errors:
        lines += ["", f"First error: `{errors[0]}`"]
    lines.append("")
    replace_section(TEAM_SECTION if team else SECTION, "\n".join(lines))


def cpu_cell(row: dict[str, object]) -> str:
    cpu = row["cpu_s"]
    return "" if cpu is None else f"{float(cpu):.0f}"


def single_notes(rows: list[dict[str, object]], args: argparse.Namespace) -> list[str]:
    return [
        "",
        "Target: zero errors, p95 under 2 s with warm caches. What the design does about heavy "
        "fits: results, and the charts drawn from them, are cached per dataset version and "
        "settings, so warm pages only send them; "
        "model fits run in a pool of worker processes (analytics.parallel, one per core, one "
        "BLAS thread each), so a fit does not hold the server's interpreter while other "
        "sessions' pages run; the server skips the full garbage collection after each run and "
        "watches no source files. Back-to-back clicks measure throughput: every page run costs "
        f"the one server process about {1 / float(rows[0]['runs_per_s']):.2f} s, so "
        f"{args.users} users clicking without pause queue behind each other.",
    ]


def phase_row(rows: list[dict[str, object]], pace: str) -> dict[str, object]:
    """The row of the plain phase at ``pace`` (no heavy user)."""
    return next(r for r in rows if str(r["phase"]).endswith(f"users, {pace}"))


def team_notes(rows: list[dict[str, object]], args: argparse.Namespace) -> list[str]:
    reading = phase_row(rows, "reading each page 5-10 s")
    clicking = phase_row(rows, "back-to-back clicks")
    verdict = "met" if float(reading["p95"]) < 1 and not reading["errors"] else "NOT met"
    return [
        "",
        f"Target: reading pace p95 under 1 s with 0 errors: {verdict} "
        f"(p95 {float(reading['p95']):.2f} s, {reading['errors']} errors). Back-to-back clicks "
        f"measure throughput: {float(clicking['runs_per_s']):.1f} page runs/s over all "
        f"{args.processes} processes on {os.cpu_count()} cores. Each process has its own caches "
        "(keyed by dataset content hash, so no process serves another's stale result) and its "
        "own worker pool for fits; the datasets are in the one shared database. "
        + cpu_note(reading, args),
    ]


def cpu_note(reading: dict[str, object], args: argparse.Namespace) -> str:
    """What the reading pace cost in CPU, a measure the machine's other work does not stretch."""
    cpu, runs = float(reading["cpu_s"] or 0.0), int(reading["runs"])
    if not runs:
        return ""
    wall = float(reading["wall_s"] or args.seconds)
    return (
        f"At the reading pace the servers (processes, worker pools, nginx, PostgreSQL) used "
        f"{cpu:.0f} CPU s in the phase's {wall:.0f} s (until its last page completed): "
        f"{cpu / runs:.3f} CPU s per page run, background work included; {cpu / wall:.2f} of "
        f"the {os.cpu_count()} cores on average, the rest went to the machine's other work."
    )


if __name__ == "__main__":
    main()
