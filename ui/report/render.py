"""A report's content written as pptx, html or pdf in a language: the one entry point the
sidebar action and `python -m analytics report` (through `python -m ui.report`) use."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from analytics.report.content import ReportContent
from ui.i18n import in_language
from ui.report.document import ReportDocument, build_document
from ui.report.images import ChartSession, chart_session

FORMATS = ("pptx", "pdf", "html")
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "html": "text/html",
}


@dataclass(frozen=True)
class DrawnReport:
    """The report's pages in one language with each page's chart as PNG (None: text only)."""

    document: ReportDocument
    images: tuple[bytes | None, ...]
    lang: str


def draw_report(
    content: ReportContent, lang: str, session: ChartSession | None = None
) -> DrawnReport:
    """Every page in ``lang``, each chart drawn as soon as its page is built, in ``session``
    (one opened earlier, so that the browser started while the content was computed) or in
    one opened now."""
    if session is None:
        with chart_session() as opened:
            return draw_report(content, lang, opened)
    drawn: list[Future[bytes] | None] = []
    with in_language(lang):
        document = build_document(
            content,
            lambda page: drawn.append(None if page.figure is None else session.draw(page.figure)),
        )
    images = tuple(None if future is None else future.result() for future in drawn)
    return DrawnReport(document, images, lang)


def file_bytes(drawn: DrawnReport, fmt: str) -> bytes:
    """The drawn report as a pptx, html or pdf file."""
    if fmt == "pptx":
        from ui.report.slides import pptx_bytes

        return pptx_bytes(drawn.document, list(drawn.images))
    from ui.report.pages import html_text, pdf_bytes

    html = html_text(drawn.document, list(drawn.images), drawn.lang)
    return html.encode("utf-8") if fmt == "html" else pdf_bytes(html)


def write_report(
    content: ReportContent, fmt: str, lang: str, out: Path, session: ChartSession | None = None
) -> Path:
    out.write_bytes(file_bytes(draw_report(content, lang, session), fmt))
    return out
