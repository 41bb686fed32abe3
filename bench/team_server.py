"""scripts/serve-team.sh from Python, for the load bench and the browser tests: N processes
behind nginx on free loopback ports, a run folder of their own, and nginx's access log read back
(which process served which route cookie)."""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from analytics.teams import load_config

ROOT = Path(__file__).resolve().parents[1]
ROUTE_COOKIE = "liftboard_route"  # deploy/nginx.conf.template
START_TIMEOUT = 300  # seconds: N cold processes on two shared cores
_LOG_LINE = re.compile(
    r'"(?P<request>[^"]*)" (?P<status>\d+) route=(?P<route>\S+) upstream=(?P<upstream>\S+)'
)


@dataclass(frozen=True)
class Served:
    """One line of nginx's access log."""

    request: str
    status: int
    route: str
    upstream: str


@dataclass(frozen=True)
class SignIn:
    """The sign-in every process reads (the secrets file's [auth]): an OpenID Connect provider's
    discovery URL, the client the provider knows and the secret that signs the user cookie."""

    server_metadata_url: str
    cookie_secret: str = "a-team-server-cookie-secret-long-enough-for-signing"
    client_id: str = "liftboard-team"
    client_secret: str = "team-client-secret"

    def secrets_toml(self, base_url: str) -> str:
        """The secrets file for a server users open at ``base_url`` (nginx's address)."""
        return (
            "[auth]\n"
            f'redirect_uri = "{base_url}/oauth2callback"\n'
            f'cookie_secret = "{self.cookie_secret}"\n'
            f'client_id = "{self.client_id}"\n'
            f'client_secret = "{self.client_secret}"\n'
            f'server_metadata_url = "{self.server_metadata_url}"\n'
        )


@dataclass
class TeamServer:
    process: subprocess.Popen[bytes]
    port: int
    backend_ports: tuple[int, ...]
    run_dir: Path
    config: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def backend_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.backend_ports[index]}"

    def database_url(self) -> str:
        """The database the processes share: the config serve-team.sh wrote for
        --local-postgres, else the team config's own."""
        written = self.run_dir / "liftboard.toml"
        config = load_config(written if written.exists() else self.config)
        if config is None or not config.database_url:
            raise RuntimeError("the team server has no database_url")
        return config.database_url

    def served(self) -> list[Served]:
        log = self.run_dir / "logs" / "nginx-access.log"
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        return [
            Served(m["request"], int(m["status"]), m["route"], m["upstream"])
            for m in map(_LOG_LINE.search, lines)
            if m
        ]

    def cpu_seconds(self) -> float:
        """CPU time of the script's processes and of its local PostgreSQL (which pg_ctl starts
        outside the script's process tree)."""
        postmaster = self.run_dir / "postgres" / "data" / "postmaster.pid"
        extra = 0.0
        if postmaster.exists():
            extra = cpu_seconds(int(postmaster.read_text().split()[0]))
        return cpu_seconds(self.process.pid) + extra

    def output(self) -> str:
        """The script's own output and the tail of every process's log, for a failure."""
        parts = [(self.run_dir / "serve-team.out").read_text(errors="replace")]
        for log in sorted((self.run_dir / "logs").glob("*.log")):
            parts.append(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}")
        return "\n".join(parts)

    def stop(self) -> None:
        """SIGTERM to the script (it stops nginx and the processes), SIGKILL to what is left."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=60)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        shutil.rmtree(self.run_dir, ignore_errors=True)


def start_team_server(
    processes: int,
    home: Path,
    *,
    config: Path | None = None,
    extra: tuple[str, ...] = (),
    sign_in: SignIn | None = None,
) -> TeamServer:
    """Run serve-team.sh with ``LIFTBOARD_HOME=home`` (and ``LIFTBOARD_CONFIG=config``) until
    nginx answers /_stcore/health (it starts nginx once every process is healthy); ``extra``:
    more options for the script; ``sign_in``: a secrets file with it for every process. The run
    folder is a new one under the temporary folder that the ``postgres`` user can reach
    (``--local-postgres`` keeps its database there); ``stop`` removes it."""
    run_dir = Path(tempfile.mkdtemp(prefix="liftboard-team-"))
    run_dir.chmod(0o755)
    env = {**os.environ, "LIFTBOARD_HOME": str(home)}
    if config is not None:
        env["LIFTBOARD_CONFIG"] = str(config)
    port, *backends = _free_ports(processes + 1)
    command = [
        "bash", "scripts/serve-team.sh", "--processes", str(processes),
        "--port", str(port), "--address", "127.0.0.1", "--first-port", str(backends[0]),
        "--run-dir", str(run_dir), *extra,
    ]  # fmt: skip
    if sign_in is not None:
        secrets = run_dir / "secrets.toml"
        secrets.write_text(sign_in.secrets_toml(f"http://127.0.0.1:{port}"), encoding="utf-8")
        secrets.chmod(0o600)
        command += ["--secrets", str(secrets)]
    with (run_dir / "serve-team.out").open("ab") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env,
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    server = TeamServer(process, port, tuple(backends), run_dir, config)
    deadline = time.monotonic() + START_TIMEOUT
    while not _healthy(f"{server.url}/_stcore/health"):
        if process.poll() is not None or time.monotonic() > deadline:
            output = server.output()
            server.stop()
            raise RuntimeError(f"serve-team.sh did not start:\n{output}")
        time.sleep(0.5)
    return server


def cpu_seconds(root: int) -> float:
    """CPU time (user + system) of ``root`` and every process under it, living now: the
    servers, their worker pools and nginx when ``root`` is serve-team.sh."""
    tick = os.sysconf("SC_CLK_TCK")
    total, pending, seen = 0.0, [root], set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return total


def _free_ports(count: int) -> list[int]:
    """A free port for nginx and a run of ``count - 1`` consecutive free ports after it."""
    for _ in range(200):
        first = random.randrange(20_000, 60_000)
        ports = [first, *range(first + 100, first + 100 + count - 1)]
        if all(_bindable(port) for port in ports):
            return ports
    raise RuntimeError("no free loopback ports")


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False
