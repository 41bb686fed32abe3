"""`python -m analytics order`: the JSON fields the issue names, the text, and one error line
with exit 2 for input the newsvendor rule cannot use."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analytics.cli.main import main
from analytics.cli.order import ORDER_FIELDS

EXIT_USER_ERROR = 2


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two stores selling Poisson(30) and Poisson(12) units a day, with revenue at 25 a unit."""
    rng = np.random.default_rng(3)
    dates = pd.date_range("2024-01-01", periods=365, freq="D")
    frames = [
        pd.DataFrame({"date": dates, "store": store, "units": rng.poisson(level, len(dates))})
        for store, level in (("North", 30), ("South", 12))
    ]
    rows = pd.concat(frames, ignore_index=True)
    rows["price"] = 25.0
    rows["revenue"] = rows["units"] * 25.0
    path = tmp_path_factory.mktemp("order") / "shop.csv"
    rows.to_csv(path, index=False)
    return path


def test_json_fields_and_the_order_against_the_true_quantile(
    capsys: pytest.CaptureFixture[str], shop: Path
) -> None:
    code, out, _ = run(
        capsys,
        "order", str(shop), "--metric", "units", "--lead-time", "5", "--review", "2",
        "--price", "25", "--unit-cost", "10", "--salvage", "5", "--stock", "40",
        "--where", "store=North", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert list(data)[: len(ORDER_FIELDS)] == list(ORDER_FIELDS)
    assert data["critical_ratio"] == pytest.approx(0.75)
    # Seven days of Poisson(30): Poisson(210).
    assert data["order_up_to"] == pytest.approx(stats.poisson(210).ppf(0.75), abs=8)
    assert data["order_quantity"] == pytest.approx(data["order_up_to"] - 40)
    assert data["stockout_probability"] == pytest.approx(0.25, abs=1e-6)
    assert 0 < data["expected_leftover"] < data["order_up_to"]
    assert data["warnings"] == []


def test_text_output(capsys: pytest.CaptureFixture[str], shop: Path) -> None:
    code, out, _ = run(
        capsys,
        "order", str(shop), "--metric", "units", "--lead-time", "3", "--review", "4",
        "--price", "25", "--unit-cost", "10", "--stock", "100000",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("order now: 0 units")
    assert "stock-out probability 0.0%" in out


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--price", "10", "--unit-cost", "10"], "must be above the unit cost"),
        (["--price", "25", "--unit-cost", "10", "--salvage", "12"], "salvage value"),
        (["--price", "25", "--unit-cost", "10", "--lead-time", "-1"], "--lead-time must be"),
        (["--price", "25", "--unit-cost", "10", "--metric", "revenue"], "amount of money"),
        (["--price", "25", "--unit-cost", "10", "--lead-time", "150", "--review", "30"], "history"),
        (["--price", "abc", "--unit-cost", "10"], "not a number"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], shop: Path, arguments: list[str], words: str
) -> None:
    base = {"--metric": "units", "--lead-time": "5", "--review": "2"}
    given = dict(zip(arguments[::2], arguments[1::2], strict=True))
    argv = ["order", str(shop), *[x for k, v in {**base, **given}.items() for x in (k, v)]]
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USER_ERROR and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err


def test_a_metric_that_may_not_count_units_is_warned_about(
    capsys: pytest.CaptureFixture[str], shop: Path
) -> None:
    code, out, err = run(
        capsys,
        "order", str(shop), "--metric", "price", "--lead-time", "5", "--review", "2",
        "--price", "25", "--unit-cost", "10", "--json",
    )  # fmt: skip
    assert code == 0
    assert "does not read as a count of units" in err
    assert json.loads(out)["warnings"]
