"""--currency CODE: the text the CLI writes puts the currency's symbol before amounts of money
(spend, profit, budgets, a revenue metric), never before counts; without it amounts are plain
(a file brings no currency); --json is the same with or without it; an unknown code is one
line on stderr and exit 2."""

from __future__ import annotations

import json
import re

import pytest
from corpus import SAMPLE_CSV

from analytics.cli.main import main

PLAN = ["plan", str(SAMPLE_CSV), "--budget", "100000", "--draws", "0"]
WHATIF = [
    "whatif", str(SAMPLE_CSV), "--channel", "search_spend", "--spend", "1000",
    "--start", "2026-01-05", "--end", "2026-01-18", "--draws", "0",
]  # fmt: skip
LIFT = ["lift", str(SAMPLE_CSV), "--metric", "revenue", "--campaign", "Member Week"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, ""), captured.err
    return captured.out


def test_plan_writes_amounts_in_the_currency_and_keeps_its_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plain = run(capsys, *PLAN)
    yuan = run(capsys, *PLAN, "--currency", "CNY")
    assert "budget 100,000 over 91 days" in plain and "¥" not in plain
    assert "budget ¥100,000 over 91 days" in yuan
    gain = re.search(r"incremental profit: (\S+) \(95% interval (\S+) to (\S+)\)", yuan)
    assert gain and all(re.fullmatch(r"[+-]¥[\d,]+", g) for g in gain.groups()), yuan
    assert json.loads(run(capsys, *PLAN, "--json", "--currency", "CNY")) == json.loads(
        run(capsys, *PLAN, "--json")
    )


def test_whatif_and_lift_in_dollars_and_euros(capsys: pytest.CaptureFixture[str]) -> None:
    whatif = run(capsys, *WHATIF, "--currency", "usd")
    assert whatif.startswith("search_spend $1,000, 0% off")
    assert "incremental revenue $" in whatif
    lift = run(capsys, *LIFT, "--currency", "EUR")
    assert re.search(r"revenue: actual €[\d,]+, baseline €[\d,]+", lift), lift
    assert re.search(r"spend €[\d,]+: ROAS", lift), lift
    assert re.search(r"= incremental profit [+-]€[\d,]+", lift), lift
    assert "€" not in run(capsys, *LIFT)


@pytest.mark.parametrize("code", ["XYZ", "yen"])
def test_an_unknown_currency_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], code: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*PLAN, "--currency", code])
    captured = capsys.readouterr()
    assert exit_info.value.code == 2 and captured.out == ""
    assert captured.err.count("\n") == 1
    assert f"unknown currency '{code}': use one of CNY, USD, EUR" in captured.err


def test_customer_value_in_pounds(capsys: pytest.CaptureFixture[str]) -> None:
    orders = str(SAMPLE_CSV.parent / "customer_orders.csv")
    columns = ["--customer", "customer_id", "--date", "order_date", "--amount", "amount"]
    text = run(capsys, "customers", orders, *columns, "--currency", "GBP")
    assert re.search(r"a year: £[\d,]+ in total", text), text
