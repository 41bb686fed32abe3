"""Real-world marketing files from Robyn, Meridian and PyMC-Marketing: read, mapped, stored."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from corpus import FIXTURES, load_fixture

from analytics.ingest.issues import has_errors
from analytics.ingest.load import inspect
from analytics.ingest.roles import DATE, PANEL, SPEND, dataset_kind
from analytics.workspace import Workspace

THIRD_PARTY = FIXTURES / "third_party"

# file, date column, outcome, spend-column pattern, rows, first and last date
CASES = [
    ("robyn_simulated_weekly.csv", "DATE", "revenue", r".+_S$", 208, "2015-11-23", "2019-11-11"),
    ("meridian_national_all_channels.csv", "time", "conversions", r"^Channel\d+_spend$", 156,
     "2021-01-25", "2024-01-15"),
    ("pymc_marketing_case_study.csv", "wk_strt_dt", "sales", r"^mdsp_", 209, "2014-08-03",
     "2018-07-29"),
]  # fmt: skip
IDS = ["robyn", "meridian", "pymc"]


def test_the_files_and_their_readme_are_copied() -> None:
    names = sorted(path.name for path in THIRD_PARTY.iterdir())
    assert names == [
        "README.md",
        "meridian_national_all_channels.csv",
        "pymc_marketing_case_study.csv",
        "robyn_simulated_weekly.csv",
    ]


@pytest.mark.parametrize(
    ("name", "date_column", "outcome", "spend_pattern", "rows", "first", "last"), CASES, ids=IDS
)
def test_read_mapped_and_weekly(
    name: str,
    date_column: str,
    outcome: str,
    spend_pattern: str,
    rows: int,
    first: str,
    last: str,
) -> None:
    dataset = load_fixture(f"third_party/{name}")
    mapping = dataset.mapping
    assert dataset.n_rows == rows
    assert mapping.date_column == date_column
    assert mapping.columns(DATE) == [date_column]
    assert mapping.outcome == outcome
    spend_columns = [c for c in dataset.raw.names if re.search(spend_pattern, c)]
    assert spend_columns, "the file should hold spend columns"
    assert mapping.columns(SPEND) == spend_columns
    result = inspect(dataset)
    assert (result.frequency, result.date_min, result.date_max) == ("W", first, last)
    assert not has_errors(dataset.issues), [i.message for i in dataset.issues]
    assert dataset.frame[outcome].notna().all()
    assert dataset.frame[spend_columns].ge(0).all().all()


def test_robyn_spend_and_events() -> None:
    dataset = load_fixture("third_party/robyn_simulated_weekly.csv")
    assert dataset.mapping.columns(SPEND) == ["tv_S", "ooh_S", "print_S", "search_S", "facebook_S"]
    # 'na' marks weeks without an event: missing text, not an issue.
    assert dataset.frame["events"].isna().sum() == 206


def test_pymc_week_counters_are_not_measures() -> None:
    roles = load_fixture("third_party/pymc_marketing_case_study.csv").mapping.roles
    for name in ("yr_nbr", "qtr_nbr", "prd", "wk_nbr", "wk_in_yr_nbr"):
        assert roles[name] == "calendar"
    assert roles["mrkdn_pdm"] == "discount"


def _by_role(name: str) -> dict[str, list[str]]:
    dataset = load_fixture(f"third_party/{name}")
    grouped: dict[str, list[str]] = {}
    for column, role in dataset.mapping.roles.items():
        grouped.setdefault(role, []).append(column)
    return grouped


def test_pymc_every_column_in_its_role() -> None:
    roles = _by_role("pymc_marketing_case_study.csv")
    assert roles["date"] == ["wk_strt_dt"]
    assert roles["calendar"] == ["yr_nbr", "qtr_nbr", "prd", "wk_nbr", "wk_in_yr_nbr"]
    assert len(roles["flag"]) == 4 + 22 + 19
    assert sum(c.startswith("hldy_") for c in roles["flag"]) == 22  # every holiday column
    assert sum(c.startswith("va_pub_") for c in roles["flag"]) == 4
    assert sum(c.startswith("seas_") for c in roles["flag"]) == 19  # 0/1 month and week dummies
    assert roles["spend"] == [c for c in roles["spend"] if c.startswith("mdsp_")]
    assert len(roles["spend"]) == 10
    assert roles["discount"] == ["mrkdn_valadd_edw", "mrkdn_pdm"]
    media = [c for c in roles["metric"] if c.startswith("mdip_")]  # impressions: measures
    assert len(media) == 13
    assert sorted(set(roles["metric"]) - set(media)) == [
        "me_gas_dpg",
        "me_ics_all",
        "sales",
        "st_ct",
    ]
    assert set(roles) == {"date", "calendar", "flag", "spend", "discount", "metric"}


def test_robyn_every_column_in_its_role() -> None:
    roles = _by_role("robyn_simulated_weekly.csv")
    assert roles == {
        "date": ["DATE"],
        "metric": [
            "revenue", "facebook_I", "search_clicks_P", "competitor_sales_B", "newsletter",
        ],
        "spend": ["tv_S", "ooh_S", "print_S", "search_S", "facebook_S"],
        "dimension": ["events"],  # 'event1', 'event2' or 'na' (missing) per week
    }  # fmt: skip


def test_meridian_every_column_in_its_role() -> None:
    roles = _by_role("meridian_national_all_channels.csv")
    channels = range(5)
    assert roles["date"] == ["time"]
    assert roles["spend"] == [f"Channel{i}_spend" for i in channels]
    assert roles["metric"] == [
        "conversions",
        "revenue_per_conversion",
        *[f"Channel{i}_impression" for i in channels],
        "Organic_channel0_impression",
        "competitor_sales_control",
        "sentiment_score_control",
    ]
    # A promotion intensity between 0 and 1 (not a 0/1 flag): kept as a promotion column.
    assert roles["promo_flag"] == ["Promo"]
    assert set(roles) == {"date", "spend", "metric", "promo_flag"}


@pytest.mark.parametrize("name", [c[0] for c in CASES], ids=IDS)
def test_third_party_files_are_time_series(name: str) -> None:
    assert dataset_kind(load_fixture(f"third_party/{name}").mapping) == PANEL


@pytest.mark.parametrize(("name", "date_column", "outcome"), [c[:3] for c in CASES], ids=IDS)
def test_stored_and_loaded_with_totals_unchanged(
    tmp_path: Path, name: str, date_column: str, outcome: str
) -> None:
    dataset = load_fixture(f"third_party/{name}")
    totals = inspect(dataset).totals
    home = tmp_path / "workspace"
    workspace = Workspace(home)
    info = workspace.save(dataset, name)
    workspace.close()

    reopened = Workspace(home)
    try:
        frame = reopened.load(info.id)
        stored = reopened.get(info.id)
    finally:
        reopened.close()
    assert stored.mapping == dataset.mapping
    assert (stored.n_rows, stored.frequency) == (dataset.n_rows, "W")
    assert list(frame.columns) == list(dataset.raw.names)
    for column, total in totals.items():
        assert frame[column].sum() == pytest.approx(total, rel=1e-12), column
    assert frame[outcome].sum() == pytest.approx(totals[outcome], rel=1e-12)
    assert np.array_equal(frame[date_column].to_numpy(), dataset.frame[date_column].to_numpy())
