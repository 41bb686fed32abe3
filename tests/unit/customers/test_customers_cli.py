"""`python -m analytics customers` and `propensity`: the JSON fields the issue specifies, text
output, and one line with exit 2 for unusable input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.cli.main import main

ROOT = Path(__file__).resolve().parents[3]
ORDERS = str(ROOT / "sample_data" / "customer_orders.csv")
TABLE = str(ROOT / "sample_data" / "customer_campaign.csv")
LOG_ARGS = ("--customer", "customer_id", "--date", "order_date", "--amount", "amount")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_customers_json_has_exactly_the_specified_fields(capsys) -> None:
    code, out, err = run(
        capsys, "customers", ORDERS, *LOG_ARGS, "--calibration-end", "2025-06-30", "--json"
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["customers", "transactions", "rfm", "bgnbd", "gamma_gamma", "holdout"]
    assert data["customers"] == 3000
    assert all(list(s) == ["segment", "customers", "revenue_share"] for s in data["rfm"])
    assert list(data["bgnbd"]) == ["r", "alpha", "a", "b"]
    assert list(data["gamma_gamma"]) == ["p", "q", "v"]
    assert list(data["holdout"]) == ["predicted_purchases", "actual_purchases"]
    assert sum(s["revenue_share"] for s in data["rfm"]) == pytest.approx(1.0)


def test_customers_without_calibration_end_has_no_holdout_and_prints_text(capsys) -> None:
    code, out, _ = run(capsys, "customers", ORDERS, *LOG_ARGS, "--json")
    assert code == 0 and json.loads(out)["holdout"] is None
    code, out, _ = run(capsys, "customers", ORDERS, *LOG_ARGS)
    assert code == 0
    assert "3,000 customers" in out and "BG/NBD: r " in out and "champions" in out


def test_propensity_json_has_exactly_the_specified_fields(capsys) -> None:
    code, out, err = run(capsys, "propensity", TABLE, "--target", "responded", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == [
        "target", "rows", "positive_rate", "models", "best", "importance", "gains",
    ]  # fmt: skip
    assert [list(m) for m in data["models"]] == [
        ["name", "auc", "average_precision", "precision", "recall", "f1"]
    ] * 2
    assert list(data["importance"][0]) == ["feature", "mean_abs_shap"]
    assert [g["top_share"] for g in data["gains"]][:3] == [0.1, 0.2, 0.3]
    code, out, _ = run(
        capsys, "propensity", TABLE, "--target", "responded", "--features", "app_user,age"
    )
    assert code == 0 and "2 features" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("customers", ORDERS, "--customer", "who", "--date", "order_date", "--amount", "amount"),
         "error: There is no customer column 'who'"),
        (("customers", ORDERS, *LOG_ARGS, "--calibration-end", "someday"),
         "error: The calibration end 'someday' is not a date"),
        (("customers", ORDERS, *LOG_ARGS, "--calibration-end", "2030-01-01"),
         "error: No purchase falls after the calibration end 2030-01-01"),
        (("propensity", TABLE, "--target", "age"), "error: The target 'age' must hold 0 and 1"),
        (("propensity", TABLE, "--target", "responded", "--features", "shoe_size"),
         "error: There is no feature column 'shoe_size'"),
    ],
)  # fmt: skip
def test_unusable_input_is_one_line_and_exit_2(capsys, argv, message) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_retention_json_and_text_on_the_sample(capsys) -> None:
    code, out, err = run(capsys, "retention", ORDERS, *LOG_ARGS, "--discount", "discount", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["source"] == "campaign_column" and data["campaign_column"] == "campaign"
    assert data["worth_less"] == "less"
    assert [g["day"] for g in data["repeat_gaps"]] == [30, 60, 90, 180]
    assert data["existing_customers"]["detected"] is False
    code, out, _ = run(capsys, "retention", ORDERS, *LOG_ARGS, "--days", "60")
    assert code == 0
    assert "customers first acquired during a campaign" in out and "worth less" in out
    assert "in the 60 days after" in out


def test_retention_without_campaign_or_discount_exits_2_with_one_line(capsys) -> None:
    lines = str(ROOT / "tests" / "fixtures" / "shapes" / "order_lines.csv")
    args = ("--customer", "customer_id", "--date", "order_date", "--amount", "line_amount")
    code, out, err = run(capsys, "retention", lines, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "campaign column" in err
