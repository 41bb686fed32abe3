"""Charts write numbers the way the formatting module does: every figure builder the pages draw
on the samples gives each number axis an explicit format (never d3's "~s", which writes "m" for
milli and "G" for giga, nor plotly's automatic 1.5M), amounts carry the dataset's currency on
their ticks and in bar labels, in English, 简体中文 and presenter mode."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.test_number_formats import PAGES

SI = re.compile(r"s$")  # d3's SI-prefix type, with or without "~"
PLANNER_VIEWS = (
    ("curves", {}),
    ("budget", {}),
    ("whatif", {"pl_start": "2026-01-05", "pl_end": "2026-01-18"}),
    ("discount", {}),
    ("track", {"pl_track": "1"}),
    ("timing", {}),
)


def _numeric(values: object) -> bool:
    """Numbers as plotly's JSON carries them: a list of numbers or a typed array."""
    if isinstance(values, dict):
        return "bdata" in values and not str(values.get("dtype", "")).startswith(("M", "O"))
    return isinstance(values, list) and any(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


def number_axes(at) -> list[tuple[str, dict]]:
    """(chart title and axis name, the axis) for every axis that carries numbers."""
    found = []
    for chart in at.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        layout = figure.get("layout", {})
        title = json.dumps(layout.get("title", {}).get("text", ""), ensure_ascii=False)
        names = set()
        for trace in figure.get("data", []):
            if trace.get("type") == "heatmap":  # a grid of labels; its numbers are colours
                continue
            for axis in ("x", "y"):
                if _numeric(trace.get(axis)):
                    ref = trace.get(f"{axis}axis", axis)
                    names.add(f"{axis}axis{ref[1:]}")
        axes = [(f"{title} {name}", layout.get(name, {})) for name in sorted(names)]
        found += [  # axes labelled by text, and axes that show no numbers, left out
            (where, axis)
            for where, axis in axes
            if "ticktext" not in axis and axis.get("showticklabels") is not False
        ]
    return found


def assert_formatted(at) -> list[tuple[str, dict]]:
    axes = number_axes(at)
    for where, axis in axes:
        format_ = axis.get("tickformat", "")
        assert format_ and not SI.search(format_), (where, format_)
        assert not SI.search(axis.get("hoverformat", "")), where
    return axes


def prefixed(axes: list[tuple[str, dict]], words: str) -> bool:
    """Whether an axis of a chart whose title holds ``words`` carries the yuan sign."""
    return any(words in where and axis.get("tickprefix") == "¥" for where, axis in axes)


def carries_yuan(at) -> bool:
    """Whether an axis of the page's charts writes the yuan sign: as its tick prefix, or in the
    tick labels of an axis that goes below zero (written "-¥20,000", never "¥-20,000")."""
    found = False
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec).get("layout", {})
        for name, axis in layout.items():
            if not name.startswith(("xaxis", "yaxis")):
                continue
            texts = [str(t) for t in axis.get("ticktext", [])]
            assert not [t for t in texts if t.startswith("¥-")], texts
            found |= axis.get("tickprefix") == "¥" or any("¥" in t for t in texts)
    return found


def presented_sample(home: Path, labels: dict[str, str], currency: str | None) -> str:
    """The daily sales sample with display names and a currency set as the Data page sets them."""
    new_app()
    workspace = Workspace(home)
    try:
        info = next(i for i in workspace.list() if i.name.startswith("Sample · daily sales"))
        workspace.set_presentation(info.id, labels, currency)
        return info.id
    finally:
        workspace.close()


@pytest.fixture
def yuan_sample(home: Path) -> str:
    """The daily sales sample with its amounts in yuan."""
    return presented_sample(home, {}, "CNY")


def test_overview_lift_and_forecast_axes(yuan_sample: str) -> None:
    overview = new_app(ds=yuan_sample)
    axes = assert_formatted(overview)
    assert prefixed(axes, "Revenue") and prefixed(axes, "Spend")
    bars = [json.loads(c.proto.spec)["data"][0] for c in overview.get("plotly_chart")]
    spend = next(b for b in bars if b.get("type") == "bar" and "text" in b)
    assert all(label.startswith("¥") for label in spend["text"])
    for page, lang, present in (
        ("pages/2_Lift.py", "en", "0"),
        ("pages/4_Forecast.py", "zh", "0"),
        ("pages/4_Forecast.py", "en", "1"),
    ):
        at = new_app(page, ds=yuan_sample, lang=lang, present=present)
        assert_formatted(at)
        assert carries_yuan(at), page


def test_planner_axes(yuan_sample: str) -> None:
    for view, extra in PLANNER_VIEWS:
        at = new_app("pages/5_Planner.py", ds=yuan_sample, pl_view=view, **extra)
        assert_formatted(at)
        if view in ("curves", "budget", "timing"):
            assert carries_yuan(at), view
    zh = new_app("pages/5_Planner.py", ds=yuan_sample, pl_view="budget", lang="zh", present="1")
    assert_formatted(zh)
    assert carries_yuan(zh)
    bars = json.loads(zh.get("plotly_chart")[0].proto.spec)["data"]
    assert all(label.startswith("¥") for bar in bars for label in bar["text"])


@pytest.mark.parametrize("page", ["drivers", "experiments", "customers", "recommendations"])
def test_the_other_pages_axes(reader_home: Path, page: str) -> None:
    new_app()
    path, dataset = PAGES[page]
    workspace = Workspace(reader_home)
    try:
        found = [i.id for i in workspace.list() if dataset and i.name.startswith(dataset)]
    finally:
        workspace.close()
    at = new_app(path, **({"ds": found[0]} if found else {}))
    assert at.get("plotly_chart"), page
    assert_formatted(at)


def test_no_figure_builder_asks_for_si_prefixes() -> None:
    """The builders pages do not draw by default (the report's, other sections') too."""
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"""tickformat\s*=\s*["'][^"']*s["']|%\{[^}]*:[^}]*s\}""")
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted((root / "ui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, found
