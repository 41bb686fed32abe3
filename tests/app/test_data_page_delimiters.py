"""The Data page on whitespace-separated files and on files whose first row is data."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.helpers import DATA_PAGE, button_with_prefix, open_data_page, upload

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _cells(at: AppTest) -> list[str]:
    """Every cell of every table on the page (the preview and the validation report)."""
    return [str(cell) for frame in at.dataframe for cell in frame.value.to_numpy().ravel()]


def test_fixed_width_export_is_read_as_columns_and_saved(home: Path) -> None:
    at = upload(open_data_page(), "report.txt", (FIXTURES / "fixed_width.txt").read_bytes())
    summary = "6 rows · 5 columns · encoding utf-8 · whitespace-separated"
    assert any(summary in caption.value for caption in at.caption)
    assert [s.value for s in at.success] == ["No problems found."]
    button_with_prefix(at, "save_").click().run()
    assert not at.exception
    saved = [info for info in Workspace(home).list() if info.name == "report"]
    assert len(saved) == 1 and saved[0].n_rows == 6


def test_headerless_file_asks_for_names_in_chinese(home: Path) -> None:
    at = upload(
        new_app(DATA_PAGE, lang="zh"), "无表头.csv", (FIXTURES / "headerless.csv").read_bytes()
    )
    assert any("4 行 · 4 列" in c.value and "逗号分隔" in c.value for c in at.caption)
    assert (
        "第 1 行是数值而不是列名（2024-01-01, 1200.5, 100, ...）：已作为数据读取，各列暂称为 "
        "column_1 至 column_4；请在文件中该行上方加一行列名。" in _cells(at)
    )
    assert not button_with_prefix(at, "save_").disabled
