"""A report's content written as pptx, html or pdf in a language: the one entry point the
sidebar action and `python -m analytics report` (through `python -m ui.report`) use."""

from __future__ import annotations

from pathlib import Path

from analytics.report.content import ReportContent
from ui.i18n import in_language
from ui.report.document import build_document
from ui.report.images import png_images

FORMATS = ("pptx", "pdf", "html")
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "html": "text/html",
}


def report_bytes(content: ReportContent, fmt: str, lang: str) -> bytes:
    """The file's bytes; figures are drawn once for every page that has one."""
    with in_language(lang):
        document = build_document(content)
    figures = [page.figure for page in document.pages if page.figure is not None]
    drawn = iter(png_images(figures))
    images = [next(drawn) if page.figure is not None else None for page in document.pages]
    if fmt == "pptx":
        from ui.report.slides import pptx_bytes

        return pptx_bytes(document, images)
    from ui.report.pages import html_text, pdf_bytes

    html = html_text(document, images, lang)
    return html.encode("utf-8") if fmt == "html" else pdf_bytes(html)


def write_report(content: ReportContent, fmt: str, lang: str, out: Path) -> Path:
    out.write_bytes(report_bytes(content, fmt, lang))
    return out
