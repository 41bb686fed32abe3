"""`report`: the meeting report of a file as PowerPoint, PDF or HTML.

The content is gathered here (analytics/report); the charts and the file are drawn by
`python -m ui.report` in a child process, because analytics never imports plotly or ui: the
child starts first (its imports run beside the fits) and the content reaches it as a pickle
through its standard input."""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from analytics.cli.arguments import load_dataset, parse_number
from analytics.cli.output import EXIT_USER_ERROR
from analytics.errors import UserInputError

if TYPE_CHECKING:
    from analytics.cli.arguments import Commands

FORMATS = {".pptx": "pptx", ".pdf": "pdf", ".html": "html", ".htm": "html"}
LANGUAGES = ("en", "zh")
STOP_SECONDS = 10  # for the renderer to close its browser when there is nothing to draw


def add_parsers(commands: Commands) -> None:
    command = commands.add_parser(
        "report",
        help="a report for meetings (portfolio, campaigns, drivers, forecast, budget) as "
        "PowerPoint, PDF or HTML",
    )
    command.add_argument("path", metavar="PATH", help="CSV, TSV or XLSX file")
    command.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    command.add_argument(
        "--format", choices=sorted(set(FORMATS.values())), help="default: from --out's extension"
    )
    command.add_argument("--lang", choices=LANGUAGES, default="en", help="default: en")
    command.add_argument(
        "--campaign",
        action="append",
        default=[],
        metavar="NAME",
        help="a campaign to give a page (repeat; default: every campaign)",
    )
    command.add_argument("--margin", help="gross margin (default: data, else 0.4)")
    command.add_argument("--encoding", help="text encoding, when detection needs confirming")
    command.add_argument("--sheet", help="workbook sheet (default: the first)")
    command.set_defaults(handler=_report)


def output_format(out: Path, given: str | None) -> str:
    """The format asked for, else the one the file's extension names."""
    if given:
        return given
    found = FORMATS.get(out.suffix.lower())
    if found is None:
        raise UserInputError(
            f"Cannot tell the format from {out.name!r}: end it in .pptx, .pdf or .html, or pass "
            "--format.",
            code="report_format",
            name=out.name,
        )
    return found


def _report(args: argparse.Namespace) -> int:
    from analytics.parallel import start_fork_server

    out = Path(args.out).expanduser().resolve()
    fmt = output_format(out, args.format)
    if not out.parent.is_dir():
        raise UserInputError(
            f"The folder {str(out.parent)!r} does not exist: create it or write elsewhere.",
            code="report_no_folder",
            folder=str(out.parent),
        )
    margin = None if args.margin is None else parse_number(args.margin, "--margin")
    start_fork_server()  # the workers' imports run beside this process's own and the read
    from analytics.report.content import gather_report

    with _renderer(out, fmt, args.lang) as renderer:
        dataset = load_dataset(args)
        content = gather_report(
            dataset.frame, dataset.mapping, dataset_name(args.path),
            campaigns=tuple(args.campaign), margin=margin,
        )  # fmt: skip
        status = _draw(renderer, content)
    if status == 0:
        print(out)
    return status if status in (0, EXIT_USER_ERROR) else 1


def dataset_name(path: str) -> str:
    """The name the report's title page shows: a sample's installed name (the renderer words
    it in the report's language, like the pages), else the file's name without its folder."""
    from analytics.samples import sample_name

    return sample_name(path) or Path(path).name


@contextmanager
def _renderer(out: Path, fmt: str, lang: str) -> Iterator[subprocess.Popen[bytes]]:
    """The renderer, started now so that it imports the drawing modules while the content is
    gathered (and its browser starts); stopped, having written nothing, if the content never
    comes."""
    command = [sys.executable, "-m", "ui.report", str(out), fmt, lang]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, cwd=_project_root())
    try:
        yield process
    finally:
        if process.returncode is None:
            _stop(process)


def _stop(renderer: subprocess.Popen[bytes]) -> None:
    """No content: the renderer closes its browser and exits (killed if it does not)."""
    try:
        renderer.stdin.close()
        renderer.wait(timeout=STOP_SECONDS)
    except (OSError, subprocess.TimeoutExpired):
        renderer.kill()
        renderer.wait()


def _draw(renderer: subprocess.Popen[bytes], content: object) -> int:
    """Pipe the content to the renderer; its one error line goes to stderr as it is."""
    renderer.communicate(pickle.dumps(content))
    return renderer.returncode


def _project_root() -> Path:
    """Where the ui package sits beside analytics."""
    return Path(__file__).resolve().parents[2]
