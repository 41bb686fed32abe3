"""Read an untrusted file in a worker process of its own, with memory, CPU and wall-clock limits.

A file can make a reader allocate without end or abort the whole process (a 2 KB workbook whose
shared-strings table claims 4,294,967,295 entries made the Excel reader ask for 100 GB and abort).
Read in the Streamlit server, that stops every session. Each read here runs in a fresh child of
the fork server that ``analytics.parallel`` uses too (never a fork of the multi-threaded server;
``__main__`` kept empty while it starts), with:

- a memory limit on the child's data segment (``RLIMIT_DATA``, over what the child holds when it
  starts): the private memory the read allocates, heap and anonymous maps alike (an allocation
  past it fails: MemoryError in Python, an abort in Rust or C++). ``RLIMIT_AS`` would also count
  shared libraries and the per-thread malloc arenas reserved but never touched: loading the
  0.7 MB sample takes 0.15 GB resident, 0.26 GB of data segment and 1.1 GB of address space, the
  1,000,000-row bench file 0.6, 1.06 and 1.74 GB;
- a CPU-time limit (``RLIMIT_CPU``: the read's threads on every core, so it bites only a child
  left running without its parent);
- a wall-clock timeout: the parent stops waiting and kills the child.

Results come back over a pipe, pickled by our own child (nothing a user uploaded is unpickled),
Arrow and NumPy buffers out of band (pickle protocol 5, no extra copy). A ``UserInputError``
raised while reading (a bad file) reaches the caller with its class, code and params; a child that
dies or hits a limit becomes one sentence saying what to change.
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import os
import pickle
import resource
import signal
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from analytics.errors import UserInputError
from analytics.ingest.load import Dataset, load
from analytics.ingest.profiles import ColumnProfile, profile
from analytics.ingest.raw_table import RawTable
from analytics.ingest.reading import read_table
from analytics.parallel import plain_main, worker_count

MEMORY_ENV = "LIFTBOARD_READ_MEMORY_MB"
SECONDS_ENV = "LIFTBOARD_READ_SECONDS"
DEFAULT_MEMORY_MB = 1536
DEFAULT_SECONDS = 60.0
# The fork server imports these once; a read's child starts with them loaded (about 10 ms). When
# analytics.parallel started the fork server first, its own list applies and a child imports the
# ingest modules itself (about 30 ms).
PRELOAD = ("analytics.ingest.load",)
# What a reader that runs out of memory prints before it aborts (Rust, C++, Python).
_OUT_OF_MEMORY = ("memory allocation of", "std::bad_alloc", "MemoryError", "out of memory")
_AFTER_RESULT = 10.0  # seconds a child may take to exit once it has answered
_log = logging.getLogger(__name__)
Result = TypeVar("Result")


@dataclass(frozen=True)
class ReadLimits:
    """What one read may use: memory (MB), wall-clock seconds, and CPU seconds (default: the
    wall-clock seconds on every core)."""

    memory_mb: int = DEFAULT_MEMORY_MB
    seconds: float = DEFAULT_SECONDS
    cpu_seconds: float | None = None

    @property
    def memory_text(self) -> str:
        """'1.5 GB', '512 MB': as the sentences and the Data page state it."""
        if self.memory_mb >= 1024:
            return f"{self.memory_mb / 1024:.3g} GB"
        return f"{self.memory_mb} MB"

    @property
    def seconds_text(self) -> str:
        return f"{self.seconds:g}"

    @property
    def cpu_limit(self) -> int:
        cpu = self.cpu_seconds if self.cpu_seconds is not None else self.seconds * worker_count()
        return max(1, math.ceil(cpu))


def read_limits() -> ReadLimits:
    """The limits from LIFTBOARD_READ_MEMORY_MB and LIFTBOARD_READ_SECONDS, else the defaults."""
    memory = _setting(MEMORY_ENV, DEFAULT_MEMORY_MB, minimum=64, unit="megabytes")
    seconds = _setting(SECONDS_ENV, DEFAULT_SECONDS, minimum=1, unit="seconds")
    return ReadLimits(int(memory), float(seconds))


def _setting(name: str, default: float, *, minimum: float, unit: str) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not value >= minimum or not math.isfinite(value):
        raise UserInputError(
            f"Set {name} to a number of {unit} of at least {minimum:g} (it is {text!r}), "
            "or remove it to use the default.",
            code="read_limit_setting",
            name=name,
            value=text,
            minimum=f"{minimum:g}",
        )
    return value


def read_upload(
    data: bytes,
    *,
    file_name: str,
    encoding: str | None = None,
    sheet: str | None = None,
    limits: ReadLimits | None = None,
) -> tuple[RawTable, dict[str, ColumnProfile]]:
    """An uploaded file's table and column profiles (the Data page's read), read fenced."""
    return run_fenced(
        _read_and_profile, data, file_name=file_name, encoding=encoding, sheet=sheet, limits=limits
    )


def load_file(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    limits: ReadLimits | None = None,
) -> Dataset:
    """``analytics.ingest.load.load`` of a file on disk (the command line's read), fenced."""
    return run_fenced(load, str(path), encoding=encoding, sheet=sheet, limits=limits)


def read_file_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    limits: ReadLimits | None = None,
) -> tuple[RawTable, dict[str, ColumnProfile]]:
    """A file on disk's table and column profiles (the command line's append), read fenced."""
    return run_fenced(
        _read_and_profile,
        str(path),
        file_name=Path(path).name,
        encoding=encoding,
        sheet=sheet,
        limits=limits,
    )


def _read_and_profile(
    data: bytes | str, *, file_name: str, encoding: str | None, sheet: str | None
) -> tuple[RawTable, dict[str, ColumnProfile]]:
    raw = read_table(data, file_name=file_name, encoding=encoding, sheet=sheet)
    return raw, profile(raw)


def run_fenced(
    function: Callable[..., Result],
    /,
    *args: Any,
    limits: ReadLimits | None = None,
    **kwargs: Any,
) -> Result:
    """``function(*args, **kwargs)`` in a fenced child process. ``function`` must be importable
    by name; ``bytes`` arguments travel out of band. Raises the function's UserInputError as it
    was, and a UserInputError (read_memory_limit, read_time_limit, read_crashed) when the child
    hits a limit or dies."""
    limits = limits or read_limits()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    handle, log_path = tempfile.mkstemp(prefix="liftboard-read-", suffix=".log")
    os.close(handle)
    ours, theirs = context.Pipe()
    process = context.Process(
        target=_child,
        args=(theirs, log_path, limits.memory_mb, limits.cpu_limit),
        name="liftboard-read",
        daemon=True,
    )
    # bytes (an upload) travel out of band, without a copy into the pickle
    args = tuple(pickle.PickleBuffer(a) if isinstance(a, bytes) else a for a in args)
    try:
        with plain_main():
            process.start()
        theirs.close()
        answer = _exchange(ours, process, (function, args, kwargs), limits)
    finally:
        ours.close()
        if process.is_alive():
            process.kill()
        if process.pid is not None:  # started
            process.join()
        output = Path(log_path).read_text(errors="replace")
        os.unlink(log_path)
    if answer is None:
        raise _death(process.exitcode, output, limits)
    status, payload = answer
    if status == "ok":
        return payload
    if status == "user_error":
        raise _rebuilt(*payload)
    if status == "memory":
        raise memory_limit_error(limits)
    _log.info("the reader failed:\n%s", output[-5000:])
    raise crashed_error()


def _exchange(
    conn: Connection, process: Any, call: tuple[Any, ...], limits: ReadLimits
) -> tuple[str, Any] | None:
    """Send the call, wait for the answer; None when the child died or was stopped first."""
    # A child that stops reading (out of memory, dead) says why in its answer or its end.
    with contextlib.suppress(OSError):
        _send(conn, call)
    try:
        if not conn.poll(limits.seconds):
            process.kill()
            raise time_limit_error(limits)
        answer = _receive(conn, writable=True)
    except (EOFError, OSError):
        return None
    process.join(_AFTER_RESULT)
    return answer


def _death(exitcode: int | None, output: str, limits: ReadLimits) -> UserInputError:
    """The sentence for a child that stopped without answering."""
    _log.info("the reader stopped (exit code %s):\n%s", exitcode, output[-5000:])
    if any(marker in output for marker in _OUT_OF_MEMORY):
        return memory_limit_error(limits)
    if exitcode == -signal.SIGXCPU:
        return time_limit_error(limits)
    return crashed_error()


def memory_limit_error(limits: ReadLimits) -> UserInputError:
    return UserInputError(
        f"This file needs more memory than the {limits.memory_text} allowed for reading a file: "
        "export fewer rows or columns (one sheet as CSV, a shorter period) and try again.",
        code="read_memory_limit",
        limit=limits.memory_text,
    )


def time_limit_error(limits: ReadLimits) -> UserInputError:
    return UserInputError(
        f"Reading this file took longer than the {limits.seconds_text} s allowed: export fewer "
        "rows or columns (one sheet as CSV, a shorter period) and try again.",
        code="read_time_limit",
        seconds=limits.seconds_text,
    )


def crashed_error() -> UserInputError:
    return UserInputError(
        "The file could not be read (the reader stopped unexpectedly): save it again from the "
        "program that made it, or export the table as CSV, and try again.",
        code="read_crashed",
    )


def _rebuilt(kind: type[UserInputError], message: str, state: dict[str, Any]) -> UserInputError:
    """The child's UserInputError with its class, message, code, params and other attributes."""
    error = kind.__new__(kind)
    ValueError.__init__(error, message)
    error.__dict__.update(state)
    return error


# --- in the child ---------------------------------------------------------------------------


def _child(conn: Connection, log_path: str, memory_mb: int, cpu_seconds: int) -> None:
    """Limits first, then the call; every outcome is answered (unless the process dies)."""
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND)
    os.dup2(log, 2)  # what a reader prints before aborting, for the parent to classify
    os.close(log)
    _limit(memory_mb, cpu_seconds)
    try:
        function, args, kwargs = _receive(conn, writable=False)
        answer: tuple[str, Any] = ("ok", function(*args, **kwargs))
    except UserInputError as exc:
        answer = ("user_error", (type(exc), str(exc), dict(exc.__dict__)))
    except BaseException as exc:
        if not _out_of_memory(exc):
            traceback.print_exc()
        answer = ("memory" if _out_of_memory(exc) else "failed", None)
    try:
        _send(conn, answer)
    except MemoryError:
        _send(conn, ("memory", None))


def _limit(memory_mb: int, cpu_seconds: int) -> None:
    """Soft and hard limits, within any hard limit the process already has."""
    for kind, soft, hard in (
        (resource.RLIMIT_DATA, _data_segment() + (memory_mb << 20), None),
        (resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 5),  # SIGXCPU, then SIGKILL
    ):
        ceiling = resource.getrlimit(kind)[1]
        hard = soft if hard is None else hard
        if ceiling != resource.RLIM_INFINITY:
            soft, hard = min(soft, ceiling), min(hard, ceiling)
        resource.setrlimit(kind, (soft, hard))


def _data_segment() -> int:
    """The child's data segment as it starts (inherited from the fork server), in bytes."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _out_of_memory(error: BaseException | None) -> bool:
    """A MemoryError, or an error raised while handling one (a thread that could not start)."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, MemoryError):
            return True
        error, seen = error.__context__, seen + 1
    return False


# --- the pipe: pickle protocol 5, large buffers out of band --------------------------------


def _send(conn: Connection, value: Any) -> None:
    buffers: list[pickle.PickleBuffer] = []
    head = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    conn.send([len(head), *(buffer.raw().nbytes for buffer in buffers)])
    conn.send_bytes(head)
    for buffer in buffers:
        conn.send_bytes(buffer.raw())


def _receive(conn: Connection, *, writable: bool) -> Any:
    sizes = conn.recv()
    head = conn.recv_bytes()
    buffers = []
    for size in sizes[1:]:
        if writable:  # arrays the caller may change
            buffer = bytearray(size)
            conn.recv_bytes_into(buffer)
            buffers.append(buffer)
        else:
            buffers.append(conn.recv_bytes())
    return pickle.loads(head, buffers=buffers)
