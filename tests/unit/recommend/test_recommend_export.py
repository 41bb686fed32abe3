"""The CSV of every customer's recommendations: reasons in words, formula cells neutralised."""

from __future__ import annotations

import io

import pandas as pd

from analytics.recommend.lines import LogColumns, clean_lines
from analytics.recommend.next_items import next_items
from ui.recommend.next_view import export_table, reason
from ui.safe import csv_bytes


def test_export_neutralises_formula_cells_and_words_the_reasons() -> None:
    rows = [
        ("o1", "=cmd|' /C calc'!A0", "@SUM(1+1)"),
        ("o1", "=cmd|' /C calc'!A0", "tea"),
        ("o2", "c2", "@SUM(1+1)"),
        ("o2", "c2", "tea"),
        ("o2", "c2", "+cake"),
        ("o3", "c3", "+cake"),
    ]
    frame = pd.DataFrame(rows, columns=["order", "customer", "item"])
    lines = clean_lines(frame, LogColumns(item="item", order="order", customer="customer"))
    table = export_table(next_items(lines, "item_item", top_n=2))
    read = pd.read_csv(io.BytesIO(csv_bytes(table)), encoding="utf-8-sig", dtype=str)
    assert set(read["customer"]) == {"'=cmd|' /C calc'!A0", "c3"}
    first = read[read["customer"] == "c3"].iloc[0]
    assert first["item"] in ("'@SUM(1+1)", "tea")
    assert first["reason"] == "bought +cake"  # text in a sentence, not at the start of a cell
    assert not read.map(lambda v: str(v)[:1] in "=+-@").any().any()


def test_export_gains_each_customers_segment_by_the_customers_pages_name() -> None:
    frame = pd.DataFrame(
        [("o1", "=c1", "tea"), ("o2", "c2", "tea"), ("o3", "c3", "cake")],
        columns=["order", "customer", "item"],
    )
    lines = clean_lines(frame, LogColumns(item="item", order="order", customer="customer"))
    segments = pd.Series({"=c1": "champions", "c2": "lost"})  # c3: no segment
    table = export_table(next_items(lines, "popularity", top_n=1), segments)
    assert list(table.columns[:2]) == ["customer", "segment"]
    read = pd.read_csv(io.BytesIO(csv_bytes(table)), encoding="utf-8-sig", dtype=str)
    segment = dict(zip(read["customer"], read["segment"].fillna(""), strict=True))
    assert segment == {"'=c1": "Champions", "c2": "Lost", "c3": ""}


def test_reasons_in_words() -> None:
    assert reason(("a", "b", "c")) == "bought a and b"
    assert reason(("a",)) == "bought a"
    assert reason(()) == "popular with other customers"
