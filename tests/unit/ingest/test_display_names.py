"""Display names and the currency: proposed from the column name, stored with the mapping only
when set, so workspaces written before them open unchanged and keep their versions."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import duckdb
import pytest
from corpus import load_fixture

from analytics.ingest.display_names import display_name, edited_labels, proposed_name
from analytics.ingest.roles import Mapping
from analytics.workspace import DB_FILE, Workspace


@pytest.mark.parametrize(
    ("column", "english"),
    [
        ("search_spend", "Search spend"),
        ("Holiday_Flag", "Holiday flag"),
        ("Weekly_Sales", "Weekly sales"),
        ("revenueUSD", "Revenue USD"),
        ("tv_spend", "TV spend"),
        ("TV", "TV"),
        ("roas", "ROAS"),
        ("paid-social.clicks", "Paid social clicks"),
        ("销售额", "销售额"),
        ("活动名称_active", "活动名称_active"),
        ("___", "___"),
    ],
)
def test_english_names_are_readable_and_chinese_ones_stay(column: str, english: str) -> None:
    assert proposed_name(column, "en") == english
    assert proposed_name(column, "zh") == column  # the file's own name in Chinese


def test_a_users_name_wins_in_both_languages() -> None:
    mapping = Mapping(
        {"search_spend": "spend", "日期": "date"}, labels={"search_spend": "搜索花费"}
    )
    assert display_name(mapping, "search_spend", "en") == "搜索花费"
    assert display_name(mapping, "search_spend", "zh") == "搜索花费"
    assert display_name(mapping, "日期", "en") == "日期"
    assert display_name(None, "search_spend", "en") == "Search spend"


def test_only_names_changed_from_the_proposal_are_stored() -> None:
    columns = ["search_spend", "revenue", "tv"]
    shown = ["Search spend", "  Net sales ", ""]
    assert edited_labels(columns, shown, "en") == {"revenue": "Net sales"}
    assert edited_labels(["search_spend"], ["search_spend"], "zh") == {}


def test_an_old_mapping_reads_and_writes_in_its_old_form() -> None:
    old = {"roles": {"date": "date", "revenue": "metric"}, "outcome": "revenue", "date_order": None}
    mapping = Mapping.from_dict(old)
    assert mapping.labels == {} and mapping.currency is None
    assert mapping.to_dict() == old


def test_names_and_currency_round_trip_through_the_mapping() -> None:
    mapping = Mapping({"revenue": "metric"}, "revenue", labels={"revenue": "Net"}, currency="CNY")
    data = json.loads(json.dumps(mapping.to_dict(), ensure_ascii=False))
    assert data["labels"] == {"revenue": "Net"} and data["currency"] == "CNY"
    assert Mapping.from_dict(data) == mapping


def test_names_and_currency_do_not_change_the_version() -> None:
    dataset = load_fixture("gbk_chinese.csv")
    shown = dataclasses.replace(
        dataset,
        mapping=dataclasses.replace(dataset.mapping, labels={"花费": "Spend"}, currency="CNY"),
    )
    assert shown.version == dataset.version


def test_a_workspace_stores_them_and_opens_one_saved_before_them(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ws = Workspace(home)
    try:
        info = ws.save(load_fixture("gbk_chinese.csv"), "门店")
        stored = ws.query("SELECT mapping FROM datasets")[0][0]
        assert set(json.loads(stored)) == {"roles", "outcome", "date_order"}  # the old form
        assert info.mapping.labels == {} and info.mapping.currency is None
        changed = ws.set_presentation(info.id, {"花费": "Media spend"}, "CNY")
        assert changed.content_hash == info.content_hash  # nothing to recompute
        assert changed.mapping.labels == {"花费": "Media spend"}
        assert changed.mapping.currency == "CNY"
        assert changed.mapping.roles == info.mapping.roles
    finally:
        ws.close()
    reopened = Workspace(home)
    try:
        again = reopened.get(info.id)
        assert (
            again.mapping.currency == "CNY" and display_name(again.mapping, "花费") == "Media spend"
        )
        reopened.set_presentation(info.id, {}, None)
        assert reopened.get(info.id).mapping == info.mapping
    finally:
        reopened.close()
    conn = duckdb.connect(str(home / DB_FILE), read_only=True)
    try:
        stored = conn.execute("SELECT mapping FROM datasets").fetchone()[0]
    finally:
        conn.close()
    assert set(json.loads(stored)) == {"roles", "outcome", "date_order"}


def test_inside_a_sentence_a_proposal_starts_lower_case_but_a_users_name_does_not() -> None:
    mapping = Mapping(
        {"search_spend": "spend", "tv": "spend", "rev": "metric"}, labels={"rev": "Net"}
    )
    assert display_name(mapping, "search_spend", in_sentence=True) == "search spend"
    assert display_name(mapping, "tv", in_sentence=True) == "TV"
    assert display_name(mapping, "rev", in_sentence=True) == "Net"
    assert display_name(mapping, "search_spend", "zh", in_sentence=True) == "search_spend"


def test_a_single_word_the_file_capitalised_is_kept_as_written() -> None:
    assert proposed_name("Sale") == "Sale"
    assert proposed_name("**Sale**") == "**Sale**"
    assert proposed_name("gmv") == "GMV"
    assert display_name(None, "Sale", in_sentence=True) == "Sale"
