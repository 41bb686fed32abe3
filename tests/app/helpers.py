"""Steps shared by the AppTest tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def open_data_page(at: AppTest) -> AppTest:
    at.switch_page("pages/1_Data.py").run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="uploader").set_value((name, content, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def button_with_prefix(at: AppTest, prefix: str):
    return next(b for b in at.button if b.key and b.key.startswith(prefix))
