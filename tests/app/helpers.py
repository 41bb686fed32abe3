"""Steps shared by the AppTest tests."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.app.conftest import new_app

DATA_PAGE = "pages/1_Data.py"
LIFT_PAGE = "pages/2_Lift.py"


def open_data_page() -> AppTest:
    return new_app(DATA_PAGE)


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="uploader").set_value((name, content, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def button_with_prefix(at: AppTest, prefix: str):
    return next(b for b in at.button if b.key and b.key.startswith(prefix))


def plain(markdown: str) -> str:
    """Text as displayed: Markdown escapes (from ui.safe.md) removed."""
    return re.sub(r"\\(.)", r"\1", markdown)
