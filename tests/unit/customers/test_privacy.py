"""Hashed customer ids: the same customer gets the same pseudonym, the originals are not stored in
the rows, the lookup brings them back, and the analysis is unchanged."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analytics.customers.analysis import analyse_customers
from analytics.customers.log import LogColumns
from analytics.customers.privacy import pseudonym, pseudonymise, with_original_ids
from analytics.ingest.load import load
from analytics.workspace import Workspace

ROOT = Path(__file__).resolve().parents[3]
COLUMNS = LogColumns("customer_id", "order_date", "amount", "discount")


@pytest.fixture(scope="module")
def orders():
    return load(ROOT / "sample_data" / "customer_orders.csv")


def test_ids_are_hashed_consistently_and_come_back_through_the_lookup(orders) -> None:
    hashed, lookup = pseudonymise(orders, b"k" * 32)
    plain_ids = orders.frame["customer_id"]
    hashed_ids = hashed.frame["customer_id"]
    assert hashed_ids.iloc[0] == pseudonym(plain_ids.iloc[0], b"k" * 32)
    assert hashed_ids.nunique() == plain_ids.nunique() == len(lookup)
    assert not set(hashed_ids) & set(plain_ids)
    assert (with_original_ids(hashed_ids, lookup) == plain_ids).all()
    assert hashed.version != orders.version  # no cached result of one serves the other
    other, _ = pseudonymise(orders, b"x" * 32)
    assert other.frame["customer_id"].iloc[0] != hashed_ids.iloc[0]  # keyed, not a plain hash


def test_the_analysis_of_hashed_ids_is_the_same(orders) -> None:
    hashed, _ = pseudonymise(orders, b"k" * 32)
    plain = analyse_customers(orders.frame, COLUMNS)
    private = analyse_customers(hashed.frame, COLUMNS)
    counts = [(s.segment, s.customers) for s in plain.rfm.segments]
    assert [(s.segment, s.customers) for s in private.rfm.segments] == counts
    assert [s.revenue for s in private.rfm.segments] == pytest.approx(
        [s.revenue for s in plain.rfm.segments]
    )
    assert private.bgnbd.params == pytest.approx(plain.bgnbd.params)


def test_workspace_stores_the_lookup_beside_the_hashed_rows(orders, tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    key = workspace.secret("customer_ids")
    assert key == workspace.secret("customer_ids") and len(key) == 32
    hashed, lookup = pseudonymise(orders, key)
    info = workspace.save(hashed, "orders", id_lookup=lookup)
    stored = workspace.load(info.id)
    assert not set(stored["customer_id"]) & set(orders.frame["customer_id"])
    back = workspace.id_lookup(info.id)
    assert back is not None and len(back) == 3000
    assert set(with_original_ids(stored["customer_id"], back)) == set(orders.frame["customer_id"])
    plain = workspace.save(orders, "plain orders")
    assert workspace.id_lookup(plain.id) is None
    workspace.replace(info.id, orders)  # a plain version replaces the hashed one: no lookup
    assert workspace.id_lookup(info.id) is None
    workspace.delete(info.id)
    assert isinstance(workspace.load(plain.id), pd.DataFrame)
