"""`python -m ui.report OUT FORMAT LANG`: write a report from the pickled content on stdin.

`python -m analytics report` starts this before it gathers the content, so that the drawing
modules are imported and the charts' browser starts while the fits run, then pipes the content
(pure computation) to it, since analytics never imports plotly or ui. No content (the command
failed first): nothing is written. Exit 2 with one line for anything a user can fix."""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import kaleido  # noqa: F401  (imported now, beside the fits, rather than after them)
import streamlit.logger

# Outside a Streamlit server the pages' caches warn that they keep to this process: that is
# what a renderer wants, and its stderr is for the one line a user can act on.
streamlit.logger.set_log_level("error")

import ui.report.pages  # noqa: E402
import ui.report.slides  # noqa: F401, E402
from analytics.errors import UserInputError  # noqa: E402
from ui.report.images import ChartSession  # noqa: E402
from ui.report.render import write_report  # noqa: E402


def main(argv: list[str]) -> int:
    out, fmt, lang = argv
    try:
        with _browser_started() as session:
            pickled = sys.stdin.buffer.read()
            if pickled:
                write_report(pickle.loads(pickled), fmt, lang, Path(out), session)
    except UserInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


@contextmanager
def _browser_started() -> Iterator[ChartSession | None]:
    """The charts' browser, started now, while the content is computed; None when there is no
    browser (the report says so if it comes; a command that failed first says only why)."""
    try:
        session = ChartSession()
    except UserInputError:
        yield None
        return
    try:
        yield session
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
