"""The Forecast page's order plan on the sample: the quantity for the units metric with its
stock-out probability and leftover, the picture, one row per series with a CSV, 简体中文 and
presenter mode."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import new_app
from tests.app.helpers import plain

FORECAST_PAGE = "pages/4_Forecast.py"


def _text(at) -> str:
    return plain(" ".join(m.value for m in at.markdown)).replace("**", "")


def _cards(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_order_for_one_series_in_units_with_its_risk_and_picture(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, horizon="14")
    assert at.selectbox(key="metric").value == "revenue"
    assert "The order is planned on the forecast of units, a count of units." in [
        plain(c.value) for c in at.caption
    ]
    # Price from the file's price column; the cost from the default 40% margin.
    price = at.number_input(key=next(k for k in _keys(at) if k.startswith("_w_fc_order_price")))
    cost = at.number_input(key=next(k for k in _keys(at) if k.startswith("_w_fc_order_cost")))
    assert price.value > 0 and abs(cost.value - round(price.value * 0.6, 2)) < 0.011
    cards = _cards(at)
    ordered = float(cards["Order now"].replace(",", ""))
    up_to = float(cards["Order up to"].replace(",", ""))
    assert ordered == up_to > 0  # nothing on hand
    at.number_input(key="_w_fc_order_on_order").set_value(100.0).run()
    assert float(_cards(at)["Order now"].replace(",", "")) == up_to - 100
    assert at.query_params["onorder"] == "100"
    # Critical ratio (p − 0.6 p) / (p − 0) = 0.4: out of stock 60% of the time.
    assert cards["Stock-out probability"] == "60.0%"
    assert "Order " in _text(at) and "units now" in _text(at)
    assert len(at.get("plotly_chart")) == 3
    assert any("Critical ratio = (price − unit cost)" in c.value for c in at.caption)


def test_stock_on_hand_above_the_order_up_to_level_orders_nothing(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, horizon="14")
    at.number_input(key="_w_fc_stock").set_value(10_000_000.0).run()
    cards = _cards(at)
    assert cards["Order now"] == "0"
    assert cards["Stock-out probability"] == "0.0%"
    assert "No order needed now" in _text(at)


def test_a_salvage_value_at_the_unit_cost_is_refused(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, horizon="14")
    cost = at.number_input(key=next(k for k in _keys(at) if k.startswith("_w_fc_order_cost")))
    at.number_input(key="_w_fc_order_salvage").set_value(cost.value).run()
    assert any("salvage value" in e.value for e in at.error)


def test_order_per_series_with_a_csv(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, segment="*region", horizon="14")
    table = next(d.value for d in at.dataframe if "Order now" in d.value.columns)
    assert list(table["Series"]) == ["East", "North", "South", "West"]
    assert all(float(v.replace(",", "")) > 0 for v in table["Order now"])
    assert any(b.label == "Download the order plan (CSV)" for b in at.get("download_button"))
    assert "across 4 series" in _text(at)


def test_order_plan_in_chinese(reader_home: Path) -> None:
    at = new_app(FORECAST_PAGE, lang="zh", horizon="14")
    assert any(h.value == "现在该订多少货" for h in at.subheader)
    assert {"现在订货", "目标库存", "断货概率", "预计剩余"} <= set(_cards(at))
    assert "现在订货" in _text(at) and "断货的概率" in _text(at)


def test_order_plan_in_presenter_mode_from_a_link(reader_home: Path) -> None:
    link = {"horizon": "14", "lead": "5", "review": "9", "oprice": "100", "ocost": "70"}
    at = new_app(FORECAST_PAGE, **link, salvage="10", onorder="50")
    assert at.number_input(key="_w_fc_order_review").value == 9
    assert at.number_input(key="_w_fc_order_on_order").value == 50
    shown = new_app(FORECAST_PAGE, present="1", **link, salvage="10", onorder="50")
    assert not shown.number_input
    assert len(shown.get("plotly_chart")) == 3
    # Critical ratio (100 − 70) / (100 − 10) = 1/3; the same order as the page with inputs.
    assert _cards(shown) == _cards(at) and _cards(at)["Stock-out probability"] == "66.7%"
    captions = plain(" ".join(c.value for c in shown.caption))
    assert (
        "Lead time 5 days, review period 9 days; price 100.00, unit cost 70.00, salvage value 10.00."
        in captions
    )


def _keys(at) -> list[str]:
    return [n.key for n in at.number_input if n.key]
