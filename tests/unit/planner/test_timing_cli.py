"""`python -m analytics timing`: the JSON the issue specifies, windows sorted best first, text,
and one line with exit 2 for a plan that cannot be placed."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from corpus import SAMPLE_CSV as SAMPLE

from analytics.cli.main import main
from analytics.cli.timing import WINDOW_FIELDS
from tests.timing_truth import sample_with_planned_push


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_timing_json_lists_the_windows_best_first(capsys) -> None:
    code, out, err = run(
        capsys,
        "timing",
        str(SAMPLE),
        "--days",
        "7",
        "--budget",
        "1000",
        "--discount",
        "10",
        "--weeks-ahead",
        "8",
        "--where",
        "category=Apparel",
        "--draws",
        "20",
        "--json",
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert tuple(data)[:2] == ("windows", "best")
    windows = data["windows"]
    assert len(windows) == 8
    assert all(tuple(w)[:4] == WINDOW_FIELDS for w in windows)
    profits = [w["predicted_incremental_profit"] for w in windows]
    assert profits == sorted(profits, reverse=True)
    assert data["best"]["start"] == windows[0]["start"]
    assert all(
        w["predicted_incremental_profit_ci"][0]
        <= w["predicted_incremental_profit"]
        <= w["predicted_incremental_profit_ci"][1]
        for w in windows
    )
    assert data["segment"] == {"category": ["Apparel"]}
    assert data["discount"] == pytest.approx(0.10)
    assert "Chinese New Year" in data["best"]["festivals"]


def test_timing_text_names_the_best_window_and_why(capsys) -> None:
    code, out, err = run(
        capsys,
        "timing",
        str(SAMPLE),
        "--days",
        "14",
        "--budget",
        "50000",
        "--channel",
        "display_spend",
        "--weeks-ahead",
        "4",
        "--draws",
        "10",
        "--currency",
        "CNY",
    )
    assert (code, err) == (0, "")
    assert "best: 2026-01-01 to 2026-01-14 is not clearly better" in out
    assert "whatever the demand" in out
    assert "display_spend ¥50,000 for 14 days" in out  # amounts through the formatting module
    assert " to +¥" in out and "e+0" not in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--days", "7", "--budget", "1000"], "--channel"),
        (["--days", "7", "--budget", "0", "--channel", "search_spend"], "budget"),
        (["--days", "7", "--budget", "-5", "--channel", "search_spend"], "budget"),
        (["--days", "7", "--budget", "1000", "--channel", "tv_spend"], "tv_spend"),
        (["--days", "0", "--budget", "1000", "--channel", "search_spend"], "days"),
        (["--days", "7", "--budget", "1000", "--discount", "95"], "discount"),
        (["--days", "7", "--budget", "1000", "--discount", "ten"], "--discount"),
        (
            ["--days", "7", "--budget", "1e3", "--channel", "search_spend", "--weeks-ahead", "99"],
            "weeks",
        ),
        (["--budget", "1000", "--channel", "search_spend"], "--days"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(capsys, args: list[str], words: str) -> None:
    code, out, err = run(capsys, "timing", str(SAMPLE), *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert words in err


def test_too_little_history_is_one_line_and_exit_2(capsys, tmp_path) -> None:
    lines = SAMPLE.read_text().splitlines()
    short = tmp_path / "short.csv"
    short.write_text("\n".join([lines[0], *lines[-240:]]) + "\n")
    code, out, err = run(
        capsys, "timing", str(short), "--days", "7", "--budget", "1000", "--channel",
        "search_spend", "--draws", "5",
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "at least 90" in err


def test_timing_says_which_windows_a_planned_push_makes_worse(capsys, tmp_path) -> None:
    path = tmp_path / "planned.csv"
    sample_with_planned_push(pd.read_csv(SAMPLE)).to_csv(path, index=False)
    argv = ["timing", str(path), "--days", "14", "--budget", "100000", "--channel"]
    argv += ["social_spend", "--weeks-ahead", "6", "--draws", "10", "--currency", "CNY"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert "overlap makes worse the windows starting " in out and "2026-01-15" in out
    code, out, _ = run(capsys, *argv, "--json")
    data = json.loads(out)
    assert code == 0 and data["reason"] == "overlap" and "2026-01-15" in data["saturated"]
    pushed = next(w for w in data["windows"] if w["start"] == "2026-01-15")
    assert pushed["overlap_loss"] > 0 and len(pushed["overlap_loss_ci"]) == 2
