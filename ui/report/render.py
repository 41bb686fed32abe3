"""A report's content written as pptx, html or pdf in a language: the one entry point the
sidebar action and `python -m analytics report` (through `python -m ui.report`) use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analytics.report.content import ReportContent
from ui.i18n import in_language
from ui.report.document import ReportDocument, build_document
from ui.report.images import png_images

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


def draw_report(content: ReportContent, lang: str) -> DrawnReport:
    """Every page in ``lang``, the charts drawn in one browser session."""
    with in_language(lang):
        document = build_document(content)
    figures = [page.figure for page in document.pages if page.figure is not None]
    drawn = iter(png_images(figures))
    images = tuple(next(drawn) if page.figure is not None else None for page in document.pages)
    return DrawnReport(document, images, lang)


def file_bytes(drawn: DrawnReport, fmt: str) -> bytes:
    """The drawn report as a pptx, html or pdf file."""
    if fmt == "pptx":
        from ui.report.slides import pptx_bytes

        return pptx_bytes(drawn.document, list(drawn.images))
    from ui.report.pages import html_text, pdf_bytes

    html = html_text(drawn.document, list(drawn.images), drawn.lang)
    return html.encode("utf-8") if fmt == "html" else pdf_bytes(html)


def write_report(content: ReportContent, fmt: str, lang: str, out: Path) -> Path:
    out.write_bytes(file_bytes(draw_report(content, lang), fmt))
    return out
