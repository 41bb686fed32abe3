"""The report's three files from the sample, in English and 简体中文: the deck reopened with
python-pptx, the PDF read back with poppler, the HTML parsed (nothing fetched, names escaped)."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from report_sample import CHOSEN, ROOT, SAMPLE, sample_content

from analytics.cli.arguments import read_file
from analytics.errors import UserInputError
from analytics.report.content import gather_report
from analytics.samples import SAMPLES
from ui.i18n import in_language
from ui.report.document import build_document
from ui.report.images import png_images
from ui.report.render import DrawnReport, draw_report, file_bytes
from ui.report.slides import FONT

HEADINGS = {
    "en": ("Portfolio: key figures", "Campaign: 618 Mega Sale", "Method notes"),
    "zh": ("活动组合：关键数字", "活动：618 Mega Sale", "方法说明"),
}
SCRIPT_NAME = "<script>alert(1)</script>"


@cache
def drawn(lang: str) -> DrawnReport:
    """The sample's report drawn once per language (the dataset named like an attack)."""
    return draw_report(replace(sample_content(), dataset=f"{SCRIPT_NAME}.csv"), lang)


def _charts(report: DrawnReport) -> int:
    return sum(image is not None for image in report.images)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_deck_has_a_title_slide_then_one_slide_per_page_with_its_chart(lang: str) -> None:
    report = drawn(lang)
    deck = Presentation(io.BytesIO(file_bytes(report, "pptx")))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 13.333 × 7.5 in, 16:9
    slides = list(deck.slides)
    assert len(slides) == 1 + len(report.document.pages)
    titles = [slide.shapes.title.text_frame.text for slide in slides]
    assert titles[0] == report.document.title
    assert titles[1:] == [page.heading for page in report.document.pages]
    assert set(HEADINGS[lang]) <= set(titles)
    pictures = [
        s for slide in slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert len(pictures) == _charts(report) >= 2 + len(CHOSEN) + 3
    assert all(p.left + p.width <= deck.slide_width for p in pictures)
    text_boxes = [
        s for slide in slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.TEXT_BOX
    ]
    assert text_boxes and all(box.text_frame.text for box in text_boxes)
    faces = {e.get("typeface") for e in deck.slides[1].shapes[1]._element.iter(qn("a:ea"))}
    assert faces == {FONT}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pdf_has_a_page_per_section_and_its_text_in_the_language(lang: str, tmp_path) -> None:
    report = drawn(lang)
    path = tmp_path / "report.pdf"
    path.write_bytes(file_bytes(report, "pdf"))
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 1 + len(report.document.pages) <= pages <= 2 * (1 + len(report.document.pages))
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True)
    flat = " ".join(text.stdout.split())
    for heading in HEADINGS[lang]:
        assert heading in flat
    assert f"{SCRIPT_NAME}.csv" in flat  # the name is text, printed as typed
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    if lang == "zh":  # the Chinese glyphs come from the named CJK font, not empty boxes
        assert "WenQuanYi" in fonts


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_html_is_one_file_that_fetches_nothing_and_escapes_names(lang: str) -> None:
    report = drawn(lang)
    html = file_bytes(report, "html").decode("utf-8")
    parser = _Tags()
    parser.feed(html)
    assert "script" not in {tag for tag, _ in parser.tags}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.csv" in html
    links = [v for _, attrs in parser.tags for k, v in attrs.items() if k in ("src", "href")]
    assert all(link.startswith("data:image/png;base64,") for link in links)
    assert len(links) == _charts(report)
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html.replace("data:image", ""))
    for heading in HEADINGS[lang]:
        assert f"<h2>{heading}</h2>" in html


def test_without_chromium_the_charts_say_what_to_install(monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    import plotly.graph_objects as go

    with pytest.raises(UserInputError) as caught:
        png_images([go.Figure()])
    assert caught.value.code == "report_no_chromium"


def test_a_file_without_campaigns_or_spend_says_so_on_those_pages() -> None:
    """Weekly store sales: no campaign column, no spend; the forecast is still there."""
    dataset = read_file(str(ROOT / "tests" / "fixtures" / "shapes" / "weekly_stores.csv"))
    content = gather_report(dataset.frame, dataset.mapping, "weekly_stores.csv")
    with in_language("zh"):
        pages = {page.heading: page for page in build_document(content).pages}
    assert pages["活动组合：关键数字"].lines[0].startswith("本数据集中没有活动")
    assert pages["规划：建议的预算分配"].lines[0].startswith("本数据集无法提供：")
    assert pages["规划：建议的预算分配"].figure is None
    assert pages["预测"].figure is not None and "13 周" in pages["预测"].lines[0]
    assert not any(heading.startswith("活动：") for heading in pages)


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Sample · daily sales by region and category"), ("zh", "示例 · 按地区和品类的日销售")],
)
def test_a_sample_is_named_on_the_title_page_in_the_report_language(lang: str, title: str) -> None:
    installed = next(name for file_name, name in SAMPLES if file_name == SAMPLE.name)
    with in_language(lang):
        document = build_document(replace(sample_content(), dataset=installed))
    assert title in document.title and installed not in document.title
