"""Plotly figures as PNG through Kaleido, driven by the system's Chromium (Debian's package, the
one the browser tests use); never a browser download."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import plotly.graph_objects as go

from analytics.errors import UserInputError

# Chinese text falls back to this font (Debian's fonts-wqy-microhei); Latin text keeps the first.
FONT_STACK = "DejaVu Sans, WenQuanYi Micro Hei, sans-serif"
WIDTH = 1400  # CSS pixels; PNGs are drawn at SCALE times this for projectors and print
SCALE = 1.5


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


def png_images(figures: Sequence[go.Figure]) -> list[bytes]:
    """Each figure as a PNG, in order, from one browser session."""
    if not figures:
        return []
    import kaleido

    path = chromium_path()

    async def draw() -> list[bytes]:
        async with kaleido.Kaleido(n=1, path=path, mathjax=False) as renderer:
            return [await renderer.calc_fig(_with_fonts(fig), opts=_size(fig)) for fig in figures]

    # In a thread of its own: the caller may be running an event loop already (asyncio.run
    # refuses to start a second one in the same thread).
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, draw()).result()


def _with_fonts(fig: go.Figure) -> go.Figure:
    """A copy with the font stack that draws Chinese (the figure itself may be shared)."""
    copy = go.Figure(fig)
    copy.update_layout(font_family=FONT_STACK)
    return copy


def _size(fig: go.Figure) -> dict[str, object]:
    return {"format": "png", "width": WIDTH, "height": fig.layout.height or 520, "scale": SCALE}
