"""The Customers page on the sample order log and on uploaded order files: RFM segments and their
map, lifetime value, the holdout check, in English, 简体中文 and presenter mode."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import new_app
from tests.app.helpers import plain

CUSTOMERS_PAGE = "pages/7_Customers.py"


def _sample_orders(at) -> str:
    return next(o for o in at.selectbox(key="_w_ds").options if "customer orders" in o)


def open_on_orders(**query: str):
    at = new_app(CUSTOMERS_PAGE, **query)
    at.selectbox(key="_w_ds").set_value(_sample_orders(at)).run()
    assert not at.exception, at.exception
    return at


def test_page_shows_segments_value_and_the_holdout_check(reader_home: Path) -> None:
    at = open_on_orders()
    assert at.title[0].value.startswith("Customers")
    assert at.selectbox(key="cus_customer").value == "customer_id"
    assert at.selectbox(key="cus_amount").value == "amount"
    assert len(at.get("plotly_chart")) == 4
    text = plain(" ".join(m.value for m in at.markdown))
    assert "Champions are" in text and "of revenue" in text
    assert "the model predicted" in text
    segments = at.dataframe[0].value
    assert "Champions" in set(segments["Segment"])
    assert segments["Customers"].sum() == 3000
