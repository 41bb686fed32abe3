"""From a file to a typed dataset: kinds, mapping, conversion, and the inspect summary (JSON)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from corpus import fixture_path, load_fixture

from analytics.ingest.inference import infer_mapping
from analytics.ingest.load import build_dataset, inspect, load
from analytics.ingest.profiles import profile
from analytics.ingest.reading import read_table
from analytics.ingest.roles import DATE, IGNORE, METRIC, SPEND, Mapping

TOP_LEVEL = {
    "file", "rows", "encoding", "delimiter", "columns", "date_column", "frequency", "date_min",
    "date_max", "issues", "totals",
}  # fmt: skip


def inspected(name: str, **options: object) -> dict:
    """inspect(...).to_dict() after a JSON round trip, as the CLI prints it."""
    return json.loads(json.dumps(inspect(load_fixture(name, **options)).to_dict()))


def test_inspect_json_of_a_clean_daily_file() -> None:
    result = inspected("utf8_basic.csv")
    assert set(result) >= TOP_LEVEL
    assert {key: result[key] for key in TOP_LEVEL - {"columns", "totals"}} == {
        "file": "utf8_basic.csv",
        "rows": 10,
        "encoding": "utf-8",
        "delimiter": ",",
        "date_column": "date",
        "frequency": "D",
        "date_min": "2024-03-01",
        "date_max": "2024-03-05",
        "issues": [],
    }
    assert result["columns"] == [
        {"name": "date", "role": "date", "dtype": "date", "missing": 0},
        {"name": "store", "role": "dimension", "dtype": "text", "missing": 0},
        {"name": "revenue", "role": "metric", "dtype": "number", "missing": 0},
        {"name": "units", "role": "metric", "dtype": "integer", "missing": 0},
        {"name": "spend", "role": "spend", "dtype": "integer", "missing": 0},
        {"name": "campaign", "role": "campaign", "dtype": "text", "missing": 6},
        {"name": "discount", "role": "discount", "dtype": "number", "missing": 0},
    ]
    assert result["totals"] == pytest.approx({"revenue": 12137.5, "units": 405.0, "spend": 1080.0})
    assert result["outcome"] == "revenue"


def test_inspect_json_of_a_gbk_export_keeps_chinese_names() -> None:
    result = inspected("gbk_chinese.csv")
    assert result["encoding"] == "gb18030"
    assert result["date_column"] == "日期"
    assert [c["name"] for c in result["columns"]] == [
        "日期",
        "门店",
        "销售额",
        "销量",
        "花费",
        "活动",
        "折扣",
    ]
    assert result["totals"] == pytest.approx({"销售额": 7096.5, "销量": 237.0, "花费": 630.0})
    assert result["columns"][5] == {
        "name": "活动",
        "role": "campaign",
        "dtype": "text",
        "missing": 3,
    }


def test_inspect_json_issue_fields() -> None:
    result = inspected("workbook_two_sheets.xlsx", sheet="周报")
    assert (result["encoding"], result["delimiter"], result["sheet"]) == (None, None, "周报")
    assert (result["frequency"], result["date_min"], result["date_max"]) == (
        "W", "2024-01-01", "2024-02-19"
    )  # fmt: skip
    (issue,) = result["issues"]
    assert {"severity", "column", "rows", "message"} <= set(issue)
    assert (issue["severity"], issue["code"], issue["column"], issue["rows"]) == (
        "warning", "unparseable_number", "销售额", [6]
    )  # fmt: skip
    assert result["totals"] == pytest.approx({"销售额": 51500.0, "花费": 5628.0})


@pytest.mark.parametrize(
    ("name", "date_column", "frequency", "date_min", "date_max"),
    [
        ("dates_ymd_slash.csv", "date", "D", "2024-01-08", "2024-01-13"),
        ("dates_dmy.csv", "date", "D", "2024-01-10", "2024-01-15"),
        ("dates_mdy.csv", "date", "D", "2024-01-10", "2024-01-15"),
        ("dates_chinese.csv", "日期", "D", "2024-01-05", "2024-01-09"),
        ("dates_month_names.csv", "date", "D", "2024-01-05", "2024-01-08"),
        ("dates_excel_serial.csv", "date", "D", "2024-01-01", "2024-01-05"),
        ("dates_yyyymmdd.csv", "date", "D", "2024-01-05", "2024-01-08"),
        ("dates_iso_week.csv", "week", "W", "2024-01-01", "2024-02-05"),
        ("weekly.csv", "week_start", "W", "2024-01-01", "2024-02-19"),
        ("dates_monthly.csv", "month", "M", "2024-01-01", "2024-06-01"),
        ("semicolon_decimal_comma.csv", "date", "D", "2024-01-13", "2024-01-18"),
        ("utf16le_unicode_text.csv", "日期", "D", "2024-01-01", "2024-01-04"),
        ("workbook_two_sheets.xlsx", "date", "D", "2024-03-01", "2024-03-06"),
    ],
)
def test_dates_and_frequency(
    name: str, date_column: str, frequency: str, date_min: str, date_max: str
) -> None:
    result = inspected(name)
    assert (result["date_column"], result["frequency"]) == (date_column, frequency)
    assert (result["date_min"], result["date_max"]) == (date_min, date_max)
    assert result["issues"] == []


def test_single_row_has_no_frequency() -> None:
    assert inspected("single_row.csv")["frequency"] is None


@pytest.mark.parametrize(
    ("name", "column", "values"),
    [
        ("semicolon_decimal_comma.csv", "revenue", [1234.56, 987.5, 2000.0, 1500.25, 12345.6, 1111.11]),
        ("semicolon_decimal_comma.csv", "discount", [0.1, 0.15, 0.0, 0.2, 0.0, 0.05]),
        ("thousands_comma.csv", "revenue", [1234.56, 12345.6, 2000.05, 987.65, 1_000_000.0]),
        ("thousands_comma.csv", "orders", [1200.0, 1350.0, 980.0, 1010.0, 2500.0]),
        ("space_thousands.csv", "revenue", [1234.56, 2000.5, 12345.0, 987.65]),
        ("space_thousands.csv", "spend", [100.0, 120.5, 1500.0, 95.0]),
        ("currency.csv", "revenue", [1234.0, 2000.5, 980.0, 1500.0]),
        ("currency.csv", "spend", [250.0, 300.0, 1250.0, 0.0]),
        ("currency.csv", "price", [19.99, 21.0, 18.5, 20.0]),
        ("percentages.csv", "discount", [0.15, 0.2, 0.0, 0.075]),
        ("percentages.csv", "conversion_rate", [0.025, 0.031, 0.02, 0.04]),
        ("parentheses_negatives.csv", "returns", [-12.5, -3.0, 0.0, -100.0]),
        ("parentheses_negatives.csv", "profit", [120.0, -45.25, -1.0, 88.75]),
        ("pipe_delimited.csv", "spend", [150.5, 148.0, 160.25, 155.0]),
        ("tab_separated.tsv", "sales", [340.5, 355.0, 362.75, 330.0]),
    ],
)  # fmt: skip
def test_numbers_in_the_corpus(name: str, column: str, values: list[float]) -> None:
    frame = load_fixture(name).frame
    assert frame[column].dtype == np.float64
    np.testing.assert_allclose(frame[column].to_numpy(), values)


def test_dot_groups_follow_the_files_decimal_comma() -> None:
    # 'units' holds only values such as 1.200 and 980: the other columns decide the decimal comma.
    dataset = load_fixture("semicolon_decimal_comma.csv")
    np.testing.assert_allclose(
        dataset.frame["units"].to_numpy(), [1200.0, 980.0, 1350.0, 1010.0, 2500.0, 1111.0]
    )
    assert dataset.notes["units"][-1] == (
        "read with a decimal comma, like the file's other number columns (1.234 → 1234)"
    )
    assert dataset.notes["revenue"] == ("decimal comma (1.234,56)",)
    assert dataset.notes["date"] == ("day first (d/m/y)",)


def test_notes_record_how_values_were_read() -> None:
    assert load_fixture("thousands_comma.csv").notes == {
        "orders": ("values such as 1,234 were read with ',' as thousands separator",)
    }
    notes = load_fixture("percentages.csv").notes
    assert notes["discount"] == ("values written with % were read as fractions (15% → 0.15)",)


def test_frame_types_and_values() -> None:
    frame = load_fixture("gbk_chinese.csv").frame
    assert list(frame.columns) == ["日期", "门店", "销售额", "销量", "花费", "活动", "折扣"]
    assert frame["日期"].dtype == np.dtype("datetime64[ns]")
    assert frame["日期"].iloc[0] == pd.Timestamp("2024-01-01")
    assert frame["门店"].tolist()[:2] == ["上海一店", "北京二店"]
    assert frame["活动"].isna().tolist() == [True, True, False, False, False, True]
    assert frame["销售额"].sum() == pytest.approx(7096.5)


def test_cp1252_loads_once_confirmed() -> None:
    dataset = load_fixture("cp1252_western.csv", encoding="cp1252")
    assert dataset.raw.encoding == "cp1252"
    assert dataset.mapping.roles["Revenue"] == METRIC
    assert dataset.frame["Store"].iloc[2] == "Müller & Söhne"


def test_user_mapping_is_applied() -> None:
    mapping = Mapping({"date": DATE, "revenue": SPEND, "spend": METRIC, "store": IGNORE}, "spend")
    dataset = load_fixture("utf8_basic.csv", mapping=mapping)
    result = inspect(dataset).to_dict()
    assert result["totals"] == pytest.approx({"spend": 1080.0, "revenue": 12137.5})
    roles = {c["name"]: c["role"] for c in result["columns"]}
    assert roles["store"] == IGNORE and roles["units"] == IGNORE
    assert dataset.frame["store"].tolist()[0] == "North"


def test_version_changes_with_the_mapping_not_with_the_source_type() -> None:
    raw = fixture_path("utf8_basic.csv").read_bytes()
    from_path = load_fixture("utf8_basic.csv")
    from_bytes = load(raw, file_name="other name.csv")
    assert from_path.version == from_bytes.version
    changed = load(raw, mapping=Mapping({"date": DATE, "revenue": METRIC}, "revenue"))
    assert changed.version != from_path.version


def test_profile_build_steps_match_load() -> None:
    raw = read_table(fixture_path("weekly.csv"))
    profiles = profile(raw)
    assert {name: p.kind for name, p in profiles.items()} == {
        "week_start": "date", "channel": "text", "revenue": "number", "spend": "number"
    }  # fmt: skip
    assert profiles["revenue"].dtype == "integer"
    dataset = build_dataset(raw, profiles, infer_mapping(raw, profiles))
    assert dataset.frame.equals(load_fixture("weekly.csv").frame)


def test_a_number_column_named_like_a_date_is_not_the_date() -> None:
    # 'week' holds week numbers here, not dates; the real date column follows it.
    raw = b"week,date,revenue\n1,2024-01-01,10\n2,2024-01-08,11\n3,2024-01-15,12\n"
    dataset = load(raw)
    assert dataset.mapping.date_column == "date"
    assert dataset.issues == ()


def test_a_column_named_like_a_number_reports_its_text_cells_instead_of_becoming_text():
    lines = ["date,revenue,store"]
    for day in range(1, 11):
        value = "pending" if day in (3, 6, 9) else str(100 * day)  # 70% numbers
        lines.append(f"2024-01-{day:02d},{value},S1")
    dataset = load(("\n".join(lines) + "\n").encode(), file_name="small.csv")
    assert dataset.mapping.roles["revenue"] == "metric"
    [issue] = [i for i in dataset.issues if i.code == "unparseable_number"]
    assert issue.column == "revenue" and issue.count == 3
    assert issue.rows == (4, 7, 10)  # file line numbers (the header is line 1)
