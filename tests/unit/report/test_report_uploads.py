"""Reports of uploaded files in every format and language: a GBK CSV with Chinese headers and an
Excel export, each read as the command reads it, its content gathered once and drawn once per
language; the deck reopened with python-pptx, the PDF read back with pdftotext, the HTML parsed."""

from __future__ import annotations

import io
import subprocess
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from report_sample import SAMPLE, UPLOAD_CAMPAIGN, chinese_upload

from analytics.cli.arguments import read_file
from analytics.cli.report import dataset_name
from analytics.report.content import ReportContent, gather_report
from ui.report.render import DrawnReport, draw_report, file_bytes

HEADINGS = {
    "en": ("Portfolio: key figures", "Drivers", "Method notes"),
    "zh": ("活动组合：关键数字", "驱动因素", "方法说明"),
}
CAMPAIGN_HEADING = {"en": "Campaign: {}", "zh": "活动：{}"}
EXCEL_CAMPAIGN = "Member Week"


def excel_export() -> bytes:
    """Another user's export: the West region's Electronics and Home as an Excel workbook, the
    headers as a spreadsheet names them, dates as date cells, on a sheet named in Chinese."""
    frame = pd.read_csv(SAMPLE, parse_dates=["date"])
    frame = frame[(frame["region"] == "West") & frame["category"].isin(["Electronics", "Home"])]
    frame = frame.drop(columns=["region"])
    frame.columns = [column.replace("_", " ").capitalize() for column in frame.columns]
    out = io.BytesIO()
    frame.to_excel(out, index=False, sheet_name="销售数据")
    return out.getvalue()


# The upload's file name, its bytes and a campaign it holds.
UPLOADS = {
    "gbk_csv": ("东区销售.csv", chinese_upload, UPLOAD_CAMPAIGN),
    "excel": ("west_sales_export.xlsx", excel_export, EXCEL_CAMPAIGN),
}


@cache
def uploaded(kind: str, folder: Path) -> ReportContent:
    """The upload's content as `python -m analytics report FILE --campaign NAME` gathers it."""
    file_name, make, campaign = UPLOADS[kind]
    path = folder / file_name
    path.write_bytes(make())
    dataset = read_file(str(path))
    return gather_report(
        dataset.frame, dataset.mapping, dataset_name(str(path)), campaigns=(campaign,)
    )


@cache
def drawn(kind: str, lang: str, folder: Path) -> DrawnReport:
    return draw_report(uploaded(kind, folder), lang)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("uploads")


def _expected(kind: str, lang: str) -> list[str]:
    """The title page's dataset name, the section headings and the campaign's own page."""
    file_name, _, campaign = UPLOADS[kind]
    return [file_name, *HEADINGS[lang], CAMPAIGN_HEADING[lang].format(campaign)]


def test_the_title_names_the_file_without_its_folder(folder: Path) -> None:
    for kind, (file_name, _, _) in UPLOADS.items():
        content = uploaded(kind, folder)
        assert content.dataset == file_name
        assert content.unmeasured == () and len(content.pages) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", list(UPLOADS))
def test_the_deck_has_the_titles_the_name_and_the_campaign(
    kind: str, lang: str, folder: Path
) -> None:
    report = drawn(kind, lang, folder)
    deck = Presentation(io.BytesIO(file_bytes(report, "pptx")))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert titles[0] == report.document.title and UPLOADS[kind][0] in titles[0]
    assert set(_expected(kind, lang)[1:]) <= set(titles)
    assert str(folder) not in "".join(titles)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", list(UPLOADS))
def test_the_pdf_reads_back_with_the_titles_the_name_and_the_campaign(
    kind: str, lang: str, folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(file_bytes(drawn(kind, lang, folder), "pdf"))
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True)
    flat = " ".join(text.stdout.split())
    for expected in _expected(kind, lang):
        assert expected in flat


class _Text(HTMLParser):
    """The document's headings and every text node, as a reader sees them (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.text: list[str] = []
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._tag in ("h1", "h2"):
            self.headings.append(data.strip())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", list(UPLOADS))
def test_the_html_parses_to_the_titles_the_name_and_the_campaign(
    kind: str, lang: str, folder: Path
) -> None:
    report = drawn(kind, lang, folder)
    parser = _Text()
    parser.feed(file_bytes(report, "html").decode("utf-8"))
    assert report.document.title in parser.headings
    assert set(_expected(kind, lang)[1:]) <= set(parser.headings)
    assert UPLOADS[kind][0] in " ".join(parser.text)
