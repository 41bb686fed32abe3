"""`python -m analytics`: exit 0 with text or JSON, exit 2 with one line and no traceback
(`inspect` in full; usage mistakes and --margin for every command)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus import SAMPLE_CSV, fixture_path

from analytics.cli.main import main

JSON_FIELDS = {
    "file", "rows", "encoding", "delimiter", "columns", "date_column", "frequency", "date_min",
    "date_max", "issues", "totals",
}  # fmt: skip
COLUMN_FIELDS = {"name", "role", "dtype", "missing"}
ISSUE_FIELDS = {"severity", "column", "rows", "message"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the real process: exit codes, stderr, no traceback ------------------------------------------
# The runs are listed in corpus.CLI_RUNS; they start at collection and these tests run last.


def test_process_exits_0_and_prints_one_json_object(cli_processes: dict) -> None:
    result = cli_processes["ok"]
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert set(data) == JSON_FIELDS
    assert data["file"] == "gbk_chinese.csv" and data["rows"] == 6
    assert data["date_column"] == "日期"
    assert data["totals"]["销售额"] == pytest.approx(7096.5)


def test_process_exits_2_with_one_line_and_no_traceback(cli_processes: dict) -> None:
    result = cli_processes["bad"]
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "error: This is an image (PNG), not a table: upload the CSV or Excel file that holds the "
        "numbers.\n"
    )


# --- the same entry point in-process, for every case ----------------------------------------------


def test_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "inspect", str(fixture_path("text_in_number.csv")), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) >= JSON_FIELDS
    assert all(set(column) == COLUMN_FIELDS for column in data["columns"])
    assert data["columns"][1] == {
        "name": "revenue",
        "role": "metric",
        "dtype": "integer",
        "missing": 1,
    }
    assert all(set(issue) >= ISSUE_FIELDS for issue in data["issues"])
    assert [(i["severity"], i["column"], i["rows"]) for i in data["issues"]] == [
        ("warning", "revenue", [4]),
        ("warning", "spend", [6]),
    ]
    assert data["issues"][0]["message"].startswith("1 value in 'revenue' is not a number (row 4")
    assert (data["frequency"], data["date_min"], data["date_max"]) == (
        "D",
        "2024-01-01",
        "2024-01-11",
    )
    assert data["totals"] == pytest.approx({"revenue": 1530.0, "spend": 151.0})
    assert (data["encoding"], data["delimiter"]) == ("utf-8", ",")


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "inspect", str(fixture_path("tab_separated.tsv")))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "tab_separated.tsv: 4 rows, encoding utf-8, delimiter tab",
        "dates: date (D), 2024-08-01 to 2024-08-04; outcome: sales",
        "kind: panel",
        "columns:",
        "  date: date (date, 0 missing)",
        "  category: dimension (text, 0 missing)",
        "  sales: metric (number, 0 missing)",
        "  cost: spend (integer, 0 missing)",
        "issues: none",
    ]


def test_text_output_lists_issues(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "inspect", str(fixture_path("negative_spend.csv")))
    assert code == 0
    assert out.splitlines()[-2:] == [
        "issues:",
        "  [error] Spend in 'spend' is negative in 2 rows (rows 3, 5): spend cannot be below "
        "zero; correct those cells (refunds belong in a separate column).",
    ]


def test_workbook_sheet_option(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(fixture_path("workbook_two_sheets.xlsx"))
    code, out, _ = run(capsys, "inspect", path, "--sheet", "周报", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["rows"], data["frequency"]) == (8, "W")


def test_cp1252_asks_for_the_encoding_then_reads_with_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(fixture_path("cp1252_western.csv"))
    code, out, err = run(capsys, "inspect", path)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("error: The file is not UTF-8")
    assert err.rstrip().endswith("(pass --encoding cp1252 to accept it)")
    code, out, err = run(capsys, "inspect", path, "--encoding", "cp1252", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["encoding"] == "cp1252"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("empty.csv", "The file is empty: export the table again with its header row."),
        ("binary_renamed.csv",
         "This is an image (PNG), not a table: upload the CSV or Excel file that holds the "
         "numbers."),
        ("not_a_workbook.zip",
         "This is a ZIP archive, not an Excel workbook: upload the .xlsx or .csv itself."),
        ("does_not_exist.csv", "Cannot read"),
    ],
)  # fmt: skip
def test_unreadable_files_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], target: str, message: str
) -> None:
    path = fixture_path(target) if target != "does_not_exist.csv" else Path("/nonexistent/x.csv")
    code, out, err = run(capsys, "inspect", str(path), "--json")
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {message}")
    assert err.count("\n") == 1


def test_unknown_sheet_and_encoding_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(fixture_path("workbook_two_sheets.xlsx"))
    code, _, err = run(capsys, "inspect", path, "--sheet", "Monthly")
    assert code == 2
    assert err == "error: The workbook has no sheet 'Monthly'; its sheets are Daily, 周报.\n"
    code, _, err = run(capsys, "inspect", str(fixture_path("utf8_basic.csv")), "--encoding", "x-1")
    assert code == 2
    assert err == "error: Unknown text encoding 'x-1': choose another one.\n"


def test_a_file_with_error_issues_is_still_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "inspect", str(fixture_path("header_only.csv")), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["rows"] == 0
    assert [i["severity"] for i in data["issues"]] == ["error"]
    assert data["date_column"] is None and data["frequency"] is None


def strict_loads(text: str) -> object:
    """json.loads that refuses the NaN, Infinity and -Infinity tokens strict parsers refuse."""

    def refuse(token: str) -> object:
        raise AssertionError(f"non-standard JSON token {token}")

    return json.loads(text, parse_constant=refuse)


def test_two_values_of_1e308_never_make_an_infinite_total(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        "date,revenue\n2024-01-01,1e308\n2024-01-02,1e308\n2024-01-03,5\n2024-01-04,6\n"
    )
    code, out, err = run(capsys, "inspect", str(path), "--json")
    assert (code, err) == (0, "")
    assert "Infinity" not in out and "NaN" not in out
    data = strict_loads(out)
    assert data["totals"] == {"revenue": 11.0}
    assert [(i["severity"], i["column"], i["rows"]) for i in data["issues"]] == [
        ("error", "revenue", [2, 3])
    ]
    assert data["issues"][0]["message"].startswith(
        "2 values in 'revenue' are too large to hold exactly (rows 2, 3, e.g. '1e308')"
    )


def test_json_output_maps_every_non_finite_number_to_null(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import numpy as np

    from analytics.cli.output import emit

    result = {
        "p_value": float("nan"),
        "total": float("inf"),
        "series": [1.5, np.float64("-inf"), np.float32("nan"), (2.0, float("nan"))],
        "nested": {"roi": np.nan, "label": "NaN", "count": 3, "when": np.datetime64("2024-01-05")},
    }
    emit(result, True, str, dict)
    out = capsys.readouterr().out
    assert strict_loads(out) == {
        "p_value": None,
        "total": None,
        "series": [1.5, None, None, [2.0, None]],
        "nested": {"roi": None, "label": "NaN", "count": 3, "when": "2024-01-05"},
    }
    assert out.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["inspect"], "error: the following arguments are required: PATH"),
        (["drivers", "x.csv"], "error: the following arguments are required: --target"),
        (["forecast", "x.csv", "--metric", "m", "--horizon", "x"], "invalid int value: 'x'"),
        (["nonsense"], "error: argument command: invalid choice: 'nonsense'"),
    ],
)
def test_usage_mistakes_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    captured = capsys.readouterr()
    assert exit_info.value.code == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert expected in captured.err and "--help" in captured.err


# --- --margin: one check (0 < margin <= 1) for every command that takes it ----------------------

MARGIN_COMMANDS = {
    "lift": ["lift", str(SAMPLE_CSV), "--metric", "revenue", "--campaign", "Member Week"],
    "plan": ["plan", str(SAMPLE_CSV), "--budget", "100000", "--draws", "0"],
    "whatif": [
        "whatif", str(SAMPLE_CSV), "--channel", "search_spend", "--spend", "1000",
        "--start", "2026-01-05", "--end", "2026-01-18", "--draws", "0",
    ],
}  # fmt: skip


@pytest.mark.parametrize("command", sorted(MARGIN_COMMANDS))
@pytest.mark.parametrize(("margin", "shown"), [("1.5", "1.5"), ("0", "0.0"), ("-0.2", "-0.2")])
def test_a_margin_outside_0_to_1_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], command: str, margin: str, shown: str
) -> None:
    code, out, err = run(capsys, *MARGIN_COMMANDS[command], "--margin", margin, "--json")
    assert (code, out) == (2, "")
    assert err == (
        "error: The gross margin must be a fraction above 0 and at most 1 (0.4 means 40%), "
        f"not {shown}.\n"
    )


def test_a_margin_of_1_is_accepted_by_plan_and_whatif(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *MARGIN_COMMANDS["plan"], "--margin", "1", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["outcome"] == "revenue"
    code, out, err = run(capsys, *MARGIN_COMMANDS["whatif"], "--margin", "1", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    # the whole incremental revenue is profit: ROI = ROAS − 1 (no discount)
    assert data["roi"] == pytest.approx(data["roas"] - 1)
