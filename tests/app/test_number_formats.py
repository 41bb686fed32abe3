"""Every page writes numbers one way: in English and 简体中文, no visible text holds an exponent
(e-05, e+04), "nan", "None" or a zero written "0.000"; every number column of an interactive
table has a format that cannot print an exponent; display names and the currency are shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analytics.workspace import Workspace
from tests.app.conftest import new_app
from tests.app.helpers import DATA_PAGE, LIFT_PAGE
from tests.app.test_recommendations_page import dataset_id as _dataset

FORBIDDEN = re.compile(
    r"\d[eE][-+]\d"  # an exponent
    r"|\bnan\b|\bNaN\b|\bNone\b"
    r"|(?<![\d.])0\.000(?![0-9]*[1-9])"  # a zero written 0.000 (p of 0.000)
)
SAFE_FORMATS = re.compile(r"^(localized|[^%]*%,?\.\d+f(%%)?|%,?d)$")  # 12.5%% reads 12.5%
PAGES = {
    "overview": ("app.py", None),
    "lift": (LIFT_PAGE, None),
    "drivers": ("pages/3_Drivers.py", None),
    "data": (DATA_PAGE, None),
    "forecast": ("pages/4_Forecast.py", None),
    "planner": ("pages/5_Planner.py", None),
    "experiments": ("pages/6_Experiments.py", "Sample · A/B test export"),
    "customers": ("pages/7_Customers.py", "Sample · customer orders"),
    "recommendations": ("pages/8_Recommendations.py", "Sample · order lines"),
}
TEXT_ELEMENTS = ("markdown", "caption", "info", "warning", "success", "error", "subheader")


def visible_text(at) -> list[str]:
    """What a reader sees as text: sentences, cards, static tables, string cells of the
    interactive tables, and chart text (bar labels, titles, annotations)."""
    texts = [e.value for kind in TEXT_ELEMENTS for e in at.get(kind)]
    texts += [f"{m.label} {m.value} {m.proto.delta}" for m in at.metric]
    for frame in [*(d.value for d in at.dataframe), *(t.value for t in at.table)]:
        texts += [str(c) for c in frame.columns]
        texts += [v for column in frame.columns for v in frame[column] if isinstance(v, str)]
    for chart in at.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        texts += [json.dumps(trace.get("text", "")) for trace in figure.get("data", [])]
        layout = figure.get("layout", {})
        texts += [json.dumps(a.get("text", "")) for a in layout.get("annotations", [])]
        texts.append(json.dumps(layout.get("title", {}).get("text", "")))
    return texts


def unsafe_columns(at) -> list[str]:
    """Number columns of interactive tables shown with Streamlit's own guess (which prints
    4.5e-7) instead of a format of ours."""
    found = []
    for element in at.dataframe:
        configs = json.loads(element.proto.columns or "{}")
        for name, column in element.value.items():
            if column.dtype.kind != "f":
                continue
            form = configs.get(str(name), {}).get("type_config", {}).get("format")
            if form is None or not SAFE_FORMATS.match(form):
                found.append(f"{name}: {form}")
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", list(PAGES))
def test_no_exponent_nan_none_or_zero_p_on_any_page(reader_home: Path, page: str, lang: str):
    path, sample = PAGES[page]
    new_app()  # installs the samples
    query = {"lang": lang} | ({"ds": _dataset(reader_home, sample)} if sample else {})
    at = new_app(path, **query)
    bad = [
        (m.group(), text[:160]) for text in visible_text(at) for m in [FORBIDDEN.search(text)] if m
    ]
    assert not bad, bad
    assert not unsafe_columns(at)


def test_presenter_tables_are_written_the_same_way(reader_home: Path) -> None:
    new_app()
    for path in (LIFT_PAGE, "pages/3_Drivers.py"):
        at = new_app(path, present="1")
        bad = [t for t in visible_text(at) if FORBIDDEN.search(t)]
        assert not bad, bad


def test_rules_lift_has_two_decimals_on_every_row(reader_home: Path) -> None:
    """The Recommendations rules table wrote 23 beside 19.55."""
    new_app()
    at = new_app("pages/8_Recommendations.py", ds=_dataset(reader_home, "Sample · order lines"))
    rules = next(d for d in at.dataframe if "Lift" in d.value.columns)
    config = json.loads(rules.proto.columns)["Lift"]["type_config"]["format"]
    assert config == "%.2f"
    static = new_app(
        "pages/8_Recommendations.py", ds=_dataset(reader_home, "Sample · order lines"), present="1"
    )
    lifts = [v for t in static.table if "Lift" in t.value.columns for v in t.value["Lift"]]
    assert lifts and all(re.fullmatch(r"[\d,]+\\?\.\d\d", v) for v in lifts), lifts[:5]


def test_the_drivers_coefficients_read_without_exponents(reader_home: Path) -> None:
    new_app()
    at = new_app("pages/3_Drivers.py")
    table = next(d.value for d in at.dataframe if "Coefficient" in d.value.columns)
    cells = [*table["Coefficient"], *table["p-value"]]
    assert all(isinstance(v, str) and not FORBIDDEN.search(v) for v in cells), cells
    assert all(v.startswith("<") or re.fullmatch(r"[01]\.\d{3}", v) for v in table["p-value"])


def _named_sample(home: Path):
    """The daily sample with its outcome named "Net takings" and amounts in CNY."""
    new_app()  # installs the samples into this workspace
    workspace = Workspace(home)
    try:
        info = next(i for i in workspace.list() if i.name.startswith("Sample · daily sales"))
        workspace.set_presentation(info.id, {info.mapping.outcome: "Net takings"}, "CNY")
    finally:
        workspace.close()
    return info


def test_display_names_and_currency_reach_the_overview(home: Path) -> None:
    """A name and a currency set on the Data page show on the Overview's cards and chart."""
    info = _named_sample(home)
    at = new_app(ds=info.id)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Campaign spend"].startswith("¥")
    assert any("Net takings" in label for label in metrics)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert any("Net takings" in title for title in titles)
    table = json.loads(at.dataframe[-1].proto.columns)
    assert table["Spend"]["type_config"]["format"] == "¥%,.0f"
    zh = new_app(ds=info.id, lang="zh")
    assert any(m.value.startswith("¥") for m in zh.metric)


def test_the_data_page_proposes_names_and_saves_them_with_the_currency(home: Path) -> None:
    new_app()
    at = new_app(DATA_PAGE)
    editor = next(e for e in at.dataframe if "Shown as" in e.value.columns)
    shown = dict(zip(editor.value["Column"], editor.value["Shown as"], strict=True))
    assert any(name != label for name, label in shown.items())  # e.g. search_spend
    currency = next(s for s in at.selectbox if s.label == "Currency of amounts")
    assert currency.value is None
    currency.set_value("CNY").run()
    at.button(key=next(b.key for b in at.button if b.key.startswith("names_save_"))).click().run()
    assert not at.exception
    workspace = Workspace(home)
    try:
        assert any(i.mapping.currency == "CNY" for i in workspace.list())
    finally:
        workspace.close()


@pytest.mark.parametrize("view", ["budget", "whatif", "discount", "timing"])
def test_the_planners_views_write_numbers_one_way(reader_home: Path, view: str) -> None:
    new_app()
    for lang in ("en", "zh"):
        at = new_app("pages/5_Planner.py", pl_view=view, lang=lang)
        bad = [t for t in visible_text(at) if FORBIDDEN.search(t)]
        assert not bad, bad
        assert not unsafe_columns(at)
        assert not [t for t in visible_text(at) if " … " in t]  # intervals read "a to b"


def test_the_planner_and_forecast_show_the_currency_and_display_names(home: Path) -> None:
    """The budget field reads with separators and the currency under it; the cards, the
    interval captions and the budget table carry the currency; the outcome's display name is
    the choice and the sentences' word."""
    info = _named_sample(home)
    at = new_app("pages/5_Planner.py", ds=info.id, pl_view="budget", pl_budget="1637000")
    captions = [c.value for c in at.caption]
    assert "Budget: ¥1,637,000" in captions
    assert any(c.startswith("95%: ") and " to " in c and "¥" in c for c in captions), captions
    assert all(m.value.lstrip("+-").startswith("¥") for m in at.metric)
    split = next(d for d in at.dataframe if "Proposed" in " ".join(map(str, d.value.columns)))
    configs = json.loads(split.proto.columns).values()
    formats = [c.get("type_config", {}).get("format") for c in configs]
    assert "¥%,.0f" in formats
    assert "Net takings" in at.selectbox(key="pl_outcome").options
    forecast = new_app("pages/4_Forecast.py", ds=info.id)
    total = next(m.value for m in forecast.markdown if "net takings" in m.value.lower())
    assert "¥" in total
