"""`basket` and `recommend` on the command line: the JSON fields the issue spells out, and one
line with exit 2 for unusable input."""

from __future__ import annotations

import json

import pytest

from analytics.cli.main import main
from analytics.samples import SAMPLE_DIR

SAMPLE = str(SAMPLE_DIR / "order_lines.csv")
RECOMMEND = ["recommend", SAMPLE, "--customer", "customer_id", "--item", "sku"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_basket_json_lists_rules_by_lift_with_sorted_items(capsys) -> None:
    code, out, _ = run(capsys, "basket", SAMPLE, "--order", "invoice_no", "--item", "sku", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"orders", "items", "rules"} and data["items"] == 96
    rules = data["rules"]
    assert rules and all(
        set(r) == {"antecedent", "consequent", "support", "confidence", "lift"} for r in rules
    )
    assert [r["lift"] for r in rules] == sorted((r["lift"] for r in rules), reverse=True)
    assert all(r["antecedent"] == sorted(r["antecedent"]) for r in rules)
    assert all(len(r["antecedent"]) + len(r["consequent"]) >= 2 for r in rules)
    assert all(r["support"] >= 0.01 and r["confidence"] >= 0.25 for r in rules)


def test_basket_text_notes_the_cancelled_lines(capsys) -> None:
    code, out, _ = run(capsys, "basket", SAMPLE, "--order", "invoice_no", "--item", "sku")
    assert code == 0
    assert "lift" in out.splitlines()[1]
    assert "cancelled invoices" in out


def test_recommend_json_has_the_three_methods_and_the_best(capsys) -> None:
    code, out, _ = run(
        capsys, *RECOMMEND, "--date", "order_date", "--cutoff", "2024-10-01", "--k", "5", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"k", "cutoff", "users_evaluated", "methods", "best"}
    assert (data["k"], data["cutoff"]) == (5, "2024-10-01")
    assert [m["name"] for m in data["methods"]] == ["popularity", "item_item", "als"]
    assert all(set(m) == {"name", "recall_at_k", "precision_at_k"} for m in data["methods"])
    assert data["best"] != "popularity"


@pytest.mark.parametrize(("extra", "message"), [
    (["--date", "order_date", "--cutoff", "someday"], "--cutoff 'someday' is not a date"),
    (["--date", "order_date", "--cutoff", ""], "--cutoff '' is not a date"),
    (["--date", "order_date", "--cutoff", "2031-01-01"], "leaves no orders on one side"),
    (["--date", "when", "--cutoff", "2024-10-01"], "Column 'when' is not in the file"),
    (["--date", "order_date", "--cutoff", "2024-10-01", "--k", "0"], "K must be at least 1"),
])  # fmt: skip
def test_unusable_input_exits_2_with_one_line(capsys, extra: list[str], message: str) -> None:
    code, out, err = run(capsys, *RECOMMEND, *extra)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_basket_threshold_outside_its_range_exits_2(capsys) -> None:
    code, _, err = run(
        capsys, "basket", SAMPLE, "--order", "invoice_no", "--item", "sku", "--min-support", "0"
    )
    assert code == 2 and "minimum support" in err
