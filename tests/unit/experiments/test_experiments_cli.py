"""`abtest`, `abplan` and `geo` on the command line: exact JSON fields, exit 2 with one line."""

from __future__ import annotations

import json

import pytest
from corpus import GROUND_TRUTH, ROOT, fixture_path
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

from analytics.cli.main import main

AB_USERS = str(fixture_path("shapes/ab_test_users.csv"))
AB_SAMPLE = str(ROOT / "sample_data" / "ab_test_sample.csv")
GEO_SAMPLE = str(ROOT / "sample_data" / "geo_test_sample.csv")
GEO = GROUND_TRUTH["experiments"]["geo"]
GEO_ARGS = ("geo", GEO_SAMPLE, "--metric", "revenue", "--location", "city", "--treated",
            ",".join(GEO["treated"]), "--start", GEO["start"], "--end", GEO["end"])  # fmt: skip

DESIGN_ARGS = ("geodesign", GEO_SAMPLE, "--metric", "revenue", "--location", "city")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_abtest_json_has_exactly_the_specified_fields(capsys) -> None:
    code, out, _ = run(capsys, "abtest", AB_SAMPLE, "--variant", "variant", "--metric",
                       "revenue", "--covariate", "pre_revenue", "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["metric", "metric_type", "control", "variants", "comparisons",
                          "srm", "cuped"]  # fmt: skip
    assert data["metric_type"] == "mean" and data["control"] == "control"
    assert set(data["variants"][0]) == {"name", "units", "mean", "mean_ci"}
    assert set(data["comparisons"][0]) == {
        "variant", "diff", "diff_ci", "rel_diff", "rel_diff_ci", "p_value",
        "p_value_adjusted", "method",
    }  # fmt: skip
    assert set(data["srm"]) == {"p_value", "expected_shares", "observed_units"}
    assert data["srm"]["observed_units"] == [12_000, 12_000, 12_000]
    assert set(data["cuped"]) == {"covariate", "variance_reduction"}


def test_abtest_control_split_and_text(capsys) -> None:
    code, out, _ = run(capsys, "abtest", AB_USERS, "--variant", "group", "--metric",
                       "converted", "--control", "treatment", "--split", "0.5,0.5", "--json")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["control"] == "treatment" and data["cuped"] is None
    assert data["metric_type"] == "proportion"
    assert data["comparisons"][0]["method"] == "pooled two-proportion z-test"
    code, out, _ = run(capsys, "abtest", AB_USERS, "--variant", "group", "--metric", "revenue")
    assert code == 0 and "Welch t-test" in out and "sample ratio" in out.splitlines()[0]


def test_one_variant_exits_2(capsys, tmp_path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("user,group,bought\n1,a,1\n2,a,0\n3,a,1\n")
    code, _, err = run(capsys, "abtest", str(path), "--variant", "group", "--metric", "bought")
    assert code == 2 and "one variant only" in err


def test_abtest_reads_one_row_per_variant(capsys, tmp_path) -> None:
    path = tmp_path / "by_variant.csv"
    path.write_text("arm,users,buyers\nA,10000,1000\nB,10100,1120\nC,9900,1010\n")
    code, out, _ = run(capsys, "abtest", str(path), "--variant", "arm", "--metric", "buyers",
                       "--units", "users", "--json")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["metric_type"] == "proportion"
    assert data["srm"]["observed_units"] == [10000, 10100, 9900]
    assert [c["variant"] for c in data["comparisons"]] == ["B", "C"]


def test_abplan_matches_statsmodels(capsys) -> None:
    code, out, _ = run(capsys, "abplan", "--baseline", "0.1", "--mde", "0.05", "--json")
    data = json.loads(out)
    effect = proportion_effectsize(0.105, 0.1)
    expected = NormalIndPower().solve_power(effect_size=effect, alpha=0.05, power=0.8, ratio=1)
    assert code == 0 and list(data) == ["units_per_variant", "total_units"]
    assert data["units_per_variant"] == int(-(-expected // 1))
    assert data["total_units"] == 2 * data["units_per_variant"]


def test_geo_json_has_exactly_the_specified_fields(capsys) -> None:
    code, out, _ = run(capsys, *GEO_ARGS, "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["metric", "treated", "start", "end", "actual", "counterfactual",
                          "abs_effect", "abs_effect_ci", "rel_effect", "rel_effect_ci",
                          "p_value", "weights", "pre_rmse"]  # fmt: skip
    assert data["treated"] == GEO["treated"]
    assert set(data["weights"][0]) == {"location", "weight"}
    low, high = data["abs_effect_ci"]
    assert low < GEO["true_incremental_revenue"] < high


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("abtest", AB_USERS, "--variant", "userid", "--metric", "revenue"), "2,000 different"),
        (("abtest", AB_USERS, "--variant", "group", "--metric", "userid"), "neither numeric"),
        (("abtest", AB_USERS, "--variant", "group", "--metric", "revenue", "--split", "1,x"),
         "not a number"),
        (("abplan", "--baseline", "1.5", "--mde", "0.1"), "between 0 and 1"),
        ((*GEO_ARGS[:7], "Paris", *GEO_ARGS[8:]), "not in the file"),
        ((*GEO_ARGS[:9], "2026-01-01", "--end", "2026-02-01"), "must lie inside the data"),
        ((*DESIGN_ARGS, "--sizes", "29"), "need 1 to 10 markets"),
        ((*DESIGN_ARGS, "--days", "3"), "at least 7 days"),
        ((*DESIGN_ARGS, "--treated", "Paris"), "not in the file"),
    ],
)  # fmt: skip
def test_unusable_input_exits_2_with_one_line(capsys, argv, words) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err


def test_geodesign_searches_and_ranks_market_sets(capsys) -> None:
    code, out, _ = run(capsys, *DESIGN_ARGS, "--days", "28", "--before", GEO["start"], "--json")
    data = json.loads(out)
    assert code == 0 and data["metric"] == "revenue" and data["power"] == 0.8
    assert data["searched"] > 12 and len(data["cells"]) == 12  # sizes 2 and 3, 6 sets each
    lifts = [cell["mde"] for cell in data["cells"]]
    assert lifts == sorted(lifts) and 0 < lifts[0] < GEO["relative_lift"]
    assert set(data["cells"][0]) == {"treated", "days", "mde", "placebos", "share", "pre_r2"}
    code, out, _ = run(capsys, *DESIGN_ARGS, "--days", "28", "--top", "3")
    assert code == 0 and "market sets screened" in out.splitlines()[0]
    assert [line.split(".")[0].strip() for line in out.splitlines()[1:]] == ["1", "2", "3"]


def test_geodesign_assesses_the_given_markets(capsys) -> None:
    treated = ",".join(GEO["treated"])
    code, out, _ = run(capsys, *DESIGN_ARGS, "--treated", treated, "--days", "14,28",
                       "--before", GEO["start"], "--json")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["searched"] == 0
    assert [cell["days"] for cell in data["cells"]] == [14, 28]
    assert all(cell["treated"] == GEO["treated"] for cell in data["cells"])
    assert all(0 < cell["mde"] < GEO["relative_lift"] for cell in data["cells"])


def test_abtest_reads_a_total_with_its_spread_per_variant(capsys, tmp_path) -> None:
    path = tmp_path / "by_variant.csv"
    path.write_text(
        "variant,users,revenue,revenue_var\ncontrol,1000,10000,900\nb,1000,11000,1000\n"
    )
    argv = ("abtest", str(path), "--variant", "variant", "--metric", "revenue", "--units", "users")
    code, _, err = run(capsys, *argv)
    assert code == 2 and "spread per unit" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, *argv, "--spread", "revenue_var", "--spread-kind", "variance",
                       "--json")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["metric_type"] == "mean"
    assert [v["mean"] for v in data["variants"]] == [11.0, 10.0]  # sorted: b, control
    welch = data["comparisons"][0]
    assert welch["method"] == "Welch t-test" and welch["diff"] == pytest.approx(-1.0)
