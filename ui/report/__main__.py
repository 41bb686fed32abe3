"""`python -m ui.report OUT FORMAT LANG`: write a report from the pickled content on stdin.

`python -m analytics report` starts this before it gathers the content, so that the drawing
modules are imported while the fits run, then pipes the content (pure computation) to it, since
analytics never imports plotly or ui. No content (the command failed first): nothing is written.
Exit 2 with one line for anything a user can fix."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import kaleido  # noqa: F401  (imported now, beside the fits, rather than after them)

import ui.report.pages
import ui.report.slides  # noqa: F401
from analytics.errors import UserInputError
from ui.report.render import write_report


def main(argv: list[str]) -> int:
    out, fmt, lang = argv
    pickled = sys.stdin.buffer.read()
    if not pickled:
        return 0
    try:
        write_report(pickle.loads(pickled), fmt, lang, Path(out))
    except UserInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
