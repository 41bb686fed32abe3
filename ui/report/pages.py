"""The report as one self-contained HTML file (charts as data URIs, nothing fetched) and as a
PDF that the system's Chromium prints from that HTML."""

from __future__ import annotations

import base64
import subprocess
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from analytics.errors import UserInputError
from ui.report.document import ReportDocument
from ui.report.images import chromium_path

_TEMPLATES = Path(__file__).parent / "templates"
PRINT_SECONDS = 120


def html_text(document: ReportDocument, images: list[bytes | None], lang: str) -> str:
    """Every text from a file is escaped by the template (autoescape)."""
    environment = Environment(
        loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html", "j2"])
    )
    encoded = [base64.b64encode(image).decode() if image else None for image in images]
    template = environment.get_template("report.html.j2")
    return template.render(
        doc=document,
        pages=list(zip(document.pages, encoded, strict=True)),
        lang="zh-CN" if lang == "zh" else "en",
    )


def pdf_bytes(html: str) -> bytes:
    """The HTML printed by headless Chromium, in a profile of its own that is thrown away."""
    with tempfile.TemporaryDirectory(prefix="liftboard-report-") as folder:
        source, target = Path(folder) / "report.html", Path(folder) / "report.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            chromium_path(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            status = subprocess.run(command, capture_output=True, timeout=PRINT_SECONDS).returncode
        except subprocess.TimeoutExpired:
            status = "timeout"
        if not target.exists():
            raise UserInputError(
                f"Chromium could not print the PDF (exit {status}); the HTML format writes the "
                "same report.",
                code="report_pdf_failed",
                status=status,
            )
        return target.read_bytes()
