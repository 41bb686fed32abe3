"""Plotly figures as PNG through Kaleido, driven by the system's Chromium (Debian's package, the
one the browser tests use); never a browser download."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any

import plotly.graph_objects as go

from analytics.errors import UserInputError

# Chinese text falls back to this font (Debian's fonts-wqy-microhei); Latin text keeps the first.
FONT_STACK = "DejaVu Sans, WenQuanYi Micro Hei, sans-serif"
WIDTH = 1400  # CSS pixels; PNGs are drawn at SCALE times this for projectors and print
SCALE = 1.5
# Browser tabs drawing at once: Chromium draws each in a process of its own, so two tabs keep
# both cores busy while the report's last pages are built.
TABS = 2


def chromium_path() -> str:
    """The browser Kaleido and the PDF printer drive: $BROWSER_PATH (choreographer's own
    setting), else chromium on the PATH."""
    found = os.environ.get("BROWSER_PATH") or shutil.which("chromium")
    if not found or not os.access(found, os.X_OK):
        raise UserInputError(
            "Charts and PDFs are drawn by Chromium, which is not installed: install Debian's "
            "chromium package (scripts/test.sh does) or set BROWSER_PATH to a Chromium binary.",
            code="report_no_chromium",
        )
    return found


class ChartSession:
    """One Chromium session that draws figures as PNG. It opens at once, in a thread of its
    own (the caller may be running an event loop already), so that the browser starts while
    the caller is still computing what to draw; ``draw`` returns at once with a future."""

    def __init__(self) -> None:
        path = chromium_path()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._renderer = self._call(_opened(path))

    def draw(self, fig: go.Figure) -> Future[bytes]:
        """The figure's PNG, drawn as soon as the browser and a tab are free."""
        return self._call(self._png(_with_fonts(fig), _size(fig)))

    def close(self) -> None:
        try:
            if self._renderer.exception() is None:
                self._call(self._renderer.result().__aexit__(None, None, None)).result()
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    async def _png(self, spec: dict[str, Any], opts: dict[str, object]) -> bytes:
        renderer = await asyncio.wrap_future(self._renderer)
        return await renderer.calc_fig(spec, opts=opts)

    def _call(self, coroutine: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)


async def _opened(path: str) -> Any:
    import kaleido

    renderer = kaleido.Kaleido(n=TABS, path=path, mathjax=False)
    return await renderer.__aenter__()


@contextmanager
def chart_session() -> Iterator[ChartSession]:
    """A browser session for a report's charts, closed on the way out."""
    session = ChartSession()
    try:
        yield session
    finally:
        session.close()


def png_images(figures: Sequence[go.Figure]) -> list[bytes]:
    """Each figure as a PNG, in order, from one browser session."""
    if not figures:
        return []
    with chart_session() as session:
        drawn = [session.draw(fig) for fig in figures]
        return [future.result() for future in drawn]


def _with_fonts(fig: go.Figure) -> dict[str, Any]:
    """The figure as Kaleido takes it, with the font stack that draws Chinese (the figure
    itself may be shared, and a copy of the figure object would validate it all again)."""
    spec = fig.to_dict()
    layout = spec.setdefault("layout", {})
    layout["font"] = {**layout.get("font", {}), "family": FONT_STACK}
    return spec


def _size(fig: go.Figure) -> dict[str, object]:
    return {"format": "png", "width": WIDTH, "height": fig.layout.height or 520, "scale": SCALE}
