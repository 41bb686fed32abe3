"""Names and values from files are shown as text, never as Markdown or HTML; CSV downloads are
safe to open in a spreadsheet; the tables' own export button is off."""

from __future__ import annotations

import ast
import json
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et

from analytics.ingest.load import load
from analytics.ingest.roles import CAMPAIGN, DATE, DIMENSION, METRIC, SPEND, Mapping
from analytics.workspace import Workspace
from tests.app.conftest import ROOT, new_app
from tests.app.helpers import DATA_PAGE, LIFT_PAGE, plain, upload
from tests.bad_corpus import BAD
from ui.safe import csv_bytes

SALE, BOLD, IMAGE = "**Sale**", "<b>x</b>", "![](http://example.com/t.png)"
HOSTILE = (SALE, BOLD, IMAGE)


def _hostile_sales(days: int = 240) -> bytes:
    """Daily sales of two segments of a dimension called <b>x</b>, with an outcome called
    **Sale**, a spend called ![](...), and three campaigns named like all three."""
    rng = np.random.default_rng(7)
    dates = pd.date_range("2024-01-01", periods=days, freq="D")
    rows = []
    windows = {SALE: (150, 160), BOLD: (185, 195), IMAGE: (215, 225)}
    for segment in (SALE, "North"):
        for index, day in enumerate(dates):
            campaign = next(
                (name for name, (a, b) in windows.items() if a <= index < b and segment == SALE),
                "",
            )
            sales = (
                1000 + 120 * (day.day_of_week >= 5) + rng.normal(0, 25) + (250 if campaign else 0)
            )
            rows.append(
                (day.date().isoformat(), segment, round(sales, 2), 80 if campaign else 0, campaign)
            )
    frame = pd.DataFrame(rows, columns=["date", BOLD, SALE, IMAGE, "campaign"])
    return frame.to_csv(index=False).encode()


@pytest.fixture
def hostile_dataset(home: Path) -> str:
    mapping = Mapping(
        {"date": DATE, BOLD: DIMENSION, SALE: METRIC, IMAGE: SPEND, "campaign": CAMPAIGN}, SALE
    )
    dataset = load(_hostile_sales(), file_name="hostile.csv", mapping=mapping)
    assert not dataset.issues, dataset.issues
    return Workspace(home).save(dataset, f"{BOLD} · {SALE} {IMAGE}").id


def markdown_sources(at: AppTest) -> list[str]:
    """The source text of every element Streamlit renders as Markdown: text elements, alerts,
    toasts, metric labels, static tables, and the labels of widgets, expanders and tabs."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, (et.Markdown, et.HeadingBase, et.AlertBase, et.Toast)):
            found.append(str(node.value))
        if isinstance(node, et.Table):  # st.table reads Markdown in headers and cells
            found.extend(str(cell) for cell in [*node.value.columns, *node.value.to_numpy().flat])
        label = getattr(node, "label", None)
        if isinstance(label, str):
            found.append(label)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def assert_shown_as_text(at: AppTest, shown: tuple[str, ...]) -> None:
    assert not at.exception, at.exception
    sources = markdown_sources(at)
    for source in sources:
        for raw in HOSTILE:
            assert raw not in source, f"{raw!r} would render as Markdown/HTML in {source!r}"
        assert "<img" not in source and "<script" not in source, source
    for name in shown:
        assert any(name in plain(source) for source in sources), f"{name!r} is not shown"


def test_overview_shows_hostile_names_as_text(home: Path, hostile_dataset: str) -> None:
    at = new_app(ds=hostile_dataset)
    assert_shown_as_text(at, HOSTILE)
    assert any(SALE in plain(m.label) for m in at.metric)
    # Plotly reads <b> in labels too: campaign names reach the charts with < and > as entities.
    specs = [
        json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
        for chart in at.get("plotly_chart")
    ]
    assert specs and not any(BOLD in spec for spec in specs)
    assert any("&lt;b&gt;x&lt;/b&gt;" in spec for spec in specs)


def test_lift_page_shows_hostile_names_as_text(home: Path, hostile_dataset: str) -> None:
    at = new_app(LIFT_PAGE, ds=hostile_dataset, campaign=BOLD)
    assert at.selectbox(key="campaign").value == BOLD
    assert_shown_as_text(at, HOSTILE)


def test_presenter_tables_show_hostile_names_as_text(home: Path, hostile_dataset: str) -> None:
    at = new_app(DATA_PAGE, ds=hostile_dataset, present="1")
    assert at.table  # the datasets, as a static table that reads Markdown
    assert_shown_as_text(at, HOSTILE)
    assert f"{BOLD} · {SALE} {IMAGE}" in [plain(name) for name in at.table[0].value.iloc[:, 0]]


def test_data_page_shows_hostile_names_as_text(home: Path, hostile_dataset: str) -> None:
    at = new_app(DATA_PAGE, ds=hostile_dataset)
    at.selectbox(key="manage").set_value(hostile_dataset).run()
    at.button(key="delete_go").click().run()
    assert_shown_as_text(at, HOSTILE)
    name = f"{BOLD} {SALE} {IMAGE}.csv"
    at = upload(at, name, (BAD / "html_script_names.csv").read_bytes())
    assert_shown_as_text(at, HOSTILE)
    assert any(plain(m.value) == f"**{name}**" for m in at.markdown)


# --- CSV downloads ------------------------------------------------------------------------------


def test_csv_bytes_neutralises_formula_cells_and_headers() -> None:
    frame = pd.DataFrame(
        {
            "=HEADER()": ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1:A2)", "\t=1", "\r=1"],
            "plain": ["Spring sale", "a=b", "", "1+1", "x\r=cmd()", "**Sale**"],
            "number": [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0],
        }
    )
    text = csv_bytes(frame).decode("utf-8-sig")
    rows = pd.read_csv(pd.io.common.StringIO(text), keep_default_na=False, dtype=str)
    assert list(rows.columns) == ["'=HEADER()", "plain", "number"]
    assert rows["'=HEADER()"].tolist() == [
        "'=cmd|' /C calc'!A0", "'+1", "'-1", "'@SUM(A1:A2)", "'\t=1", "'\r=1"
    ]  # fmt: skip
    # A carriage return inside a cell stays inside it (quoted), never starting a new row.
    assert rows["plain"].tolist() == ["Spring sale", "a=b", "", "1+1", "x\r=cmd()", "**Sale**"]
    assert rows["number"].tolist() == ["-1.5", "2.0", "-3.0", "4.0", "5.0", "6.0"]
    assert csv_bytes(frame).startswith(b"\xef\xbb\xbf")


def _download_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in [
        ROOT / "app.py",
        *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "ui").glob("*.py")),
    ]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "download_button":
                calls.append((path, node))
    return calls


def test_every_download_button_writes_its_csv_through_csv_bytes() -> None:
    calls = _download_calls()
    assert calls, "no download buttons found"
    for path, call in calls:
        data = (
            call.args[1]
            if len(call.args) > 1
            else next((k.value for k in call.keywords if k.arg == "data"), None)
        )
        if getattr(getattr(data, "func", None), "id", None) == "partial":  # made when clicked
            data = ast.Call(func=data.args[0], args=data.args[1:], keywords=[])
        name = getattr(getattr(data, "func", None), "id", None) or getattr(
            getattr(data, "func", None), "attr", None
        )
        assert name == "csv_bytes", f"{path.name}:{call.lineno} downloads without csv_bytes"


def test_the_tables_own_csv_export_is_off() -> None:
    """st.dataframe's toolbar writes its own CSV, with no formula neutralising: it is hidden
    (client.disableDataExport), so every CSV a user downloads comes from csv_bytes."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
