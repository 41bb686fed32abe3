"""The report as a 16:9 PowerPoint: a title slide, then one slide per page with its heading in
the title placeholder, its chart as a picture and its sentences in an editable text box."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ui.report.document import Page, ReportDocument

# The font named for every run, Latin and East Asian alike, so Chinese never falls back to boxes.
FONT = "WenQuanYi Micro Hei"
WIDE, HIGH = Emu(12192000), Inches(7.5)  # PowerPoint's 16:9: 13.333 × 7.5 in
MARGIN = Inches(0.4)
TITLE_ONLY = 5  # the default template's "Title Only" layout
TEXT_COLUMN = Inches(4.2)


def pptx_bytes(document: ReportDocument, images: list[bytes | None]) -> bytes:
    """``images[i]`` is page i's chart as PNG (None: a page of text)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE, HIGH
    _title_slide(deck, document)
    for page, image in zip(document.pages, images, strict=True):
        _page_slide(deck, page, image)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _titled_slide(deck: Presentation, text: str, top: int, height: int, size: int):
    """A new slide with ``text`` in its title placeholder, placed across the slide."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, top, WIDE - 2 * MARGIN, height
    _write(title.text_frame, [text], size=size, bold=True)
    return slide


def _page_slide(deck: Presentation, page: Page, image: bytes | None) -> None:
    """The heading on top; the chart left (or across), scaled to fit; the sentences right."""
    slide = _titled_slide(deck, page.heading, Inches(0.25), Inches(0.8), 28)
    top = Inches(1.15)
    room = HIGH - top - MARGIN
    text_left = MARGIN
    if image is not None:
        picture_width = WIDE - 2 * MARGIN - (TEXT_COLUMN + MARGIN if page.lines else 0)
        picture = slide.shapes.add_picture(io.BytesIO(image), MARGIN, top, width=picture_width)
        if picture.height > room:
            scale = room / picture.height
            picture.height, picture.width = room, Emu(int(picture.width * scale))
        text_left = picture.left + picture.width + MARGIN
    if page.lines:
        box = slide.shapes.add_textbox(text_left, top, WIDE - text_left - MARGIN, room)
        _write(box.text_frame, list(page.lines), size=_text_size(page.lines, image is not None))
        box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE


def _text_size(lines: tuple[str, ...], beside_chart: bool) -> int:
    """Points that fit the text in its box: smaller beside a chart and for long text."""
    characters = sum(len(line) for line in lines)
    if beside_chart:
        return 12 if characters > 500 else 14
    return 14 if characters > 900 else 18


def _title_slide(deck: Presentation, document: ReportDocument) -> None:
    slide = _titled_slide(deck, document.title, Inches(2.4), Inches(1.4), 36)
    box = slide.shapes.add_textbox(MARGIN, Inches(4.0), WIDE - 2 * MARGIN, Inches(1.4))
    _write(box.text_frame, [document.subtitle, document.generated], size=20)


def _write(frame, lines: list[str], *, size: int, bold: bool = False) -> None:
    """Lines as paragraphs of one text frame, each run in FONT."""
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(size * 0.5)
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        _east_asian(run)


def _east_asian(run) -> None:
    """Name FONT as the East Asian typeface too (python-pptx sets only the Latin one)."""
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = rpr.makeelement(qn(tag), {})
            rpr.append(element)
        element.set("typeface", FONT)
