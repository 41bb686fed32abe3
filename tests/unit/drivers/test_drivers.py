"""Drivers on the sample data: planted drivers found, noise not; OLS recovers the planted discount
effect; the best model beats the naive baseline on held-out folds; SHAP adds up; leaks flagged."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from corpus import GROUND_TRUTH as TRUTH
from corpus import ROOT
from corpus import SAMPLE_CSV as SAMPLE

from analytics.cli.main import main
from analytics.drivers.analysis import finish, run_drivers
from analytics.drivers.candidates import suggest_features
from analytics.drivers.design import prepare
from analytics.drivers.explain import explain, waterfall
from analytics.drivers.models import BASELINE, FITTED_MODELS, fit_model
from analytics.drivers.row_picker import find_row, row_label
from analytics.drivers.rows import segment_rows
from analytics.drivers.scoring import score_models, time_folds
from analytics.drivers.settings import DriverSettings, parse_target
from analytics.errors import UserInputError
from analytics.ingest.load import load
from analytics.ingest.roles import Mapping

CHANNELS = ("search_spend", "social_spend", "display_spend")
FESTIVALS = (
    "Chinese New Year",
    "618 run-up",
    "618",
    "Double 11 run-up",
    "Double 11",
    "Black Friday–Cyber Monday",
)
PLANTED = ("discount", "price", *CHANNELS, "weekday", *FESTIVALS)
NOISE = ("weather_index", "newsletter_sent")


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, Mapping]:
    dataset = load(SAMPLE)
    return dataset.frame, dataset.mapping


@pytest.fixture(scope="module")
def with_noise(sample: tuple[pd.DataFrame, Mapping]) -> tuple[pd.DataFrame, Mapping]:
    """The sample plus two columns that have no effect: a number per row and a 0/1 per day."""
    frame, mapping = sample
    rng = np.random.default_rng(11)
    days = frame["date"].factorize()[0]
    noisy = frame.assign(
        weather_index=rng.normal(20.0, 6.0, len(frame)),
        newsletter_sent=rng.integers(0, 2, days.max() + 1)[days].astype(float),
    )
    roles = dict(mapping.roles, weather_index="metric", newsletter_sent="metric")
    return noisy, Mapping(roles, mapping.outcome)


@pytest.fixture(scope="module")
def units(with_noise: tuple[pd.DataFrame, Mapping]):
    """Units on the suggested features plus the two noise columns."""
    frame, mapping = with_noise
    suggested = [c.name for c in suggest_features(frame, mapping, "units") if c.default]
    settings = DriverSettings("units", features=(*suggested, *NOISE))
    return run_drivers(frame, mapping, settings, parallel=False)


@pytest.fixture(scope="module")
def log_units(sample: tuple[pd.DataFrame, Mapping]):
    frame, mapping = sample
    return run_drivers(frame, mapping, DriverSettings("units", log_target=True), parallel=False)


# --- accuracy against the planted truth -----------------------------------------------------------


def test_planted_drivers_rank_above_columns_with_no_effect(units) -> None:
    importance = {i.feature: i.mean_abs_shap for i in units.explanation.group_importance}
    noise = max(importance[name] for name in NOISE)
    for name in PLANTED:
        assert importance[name] > 3 * noise, (name, importance[name], noise)
    ranked = [i.feature for i in units.explanation.group_importance]
    assert max(ranked.index(name) for name in PLANTED) < min(ranked.index(n) for n in NOISE)


def test_best_model_beats_the_naive_baseline_on_every_held_out_fold(units) -> None:
    assert units.beats_baseline
    best, baseline = units.score(units.best), units.score(BASELINE)
    assert units.best in FITTED_MODELS
    assert best.mae < 0.8 * baseline.mae and best.rmse < baseline.rmse and best.r2 > baseline.r2
    assert all(b < n for b, n in zip(best.fold_mae, baseline.fold_mae, strict=True))
    assert units.models[0].name == units.best
    assert [s.mae for s in units.models] == sorted(s.mae for s in units.models)
    assert units.baseline == "last_week" and units.validation.kind == "time_ordered"


def test_ols_recovers_the_planted_discount_effect_on_log_units(log_units) -> None:
    """units ∝ (1 − discount)^e, so log units carry e·log(1 − discount): curved in the discount.
    The linear coefficient it plants on this design is that curve's least-squares projection on
    the same columns; the OLS interval must hold it."""
    elasticity = TRUTH["elasticities"]["discount_elasticity"]
    data = log_units.data
    coefficients = {c.feature: c for c in log_units.coefficients}
    columns = [data.features.index(name) for name in coefficients]
    discount = data.x[:, data.features.index("discount")]
    planted = elasticity * np.log1p(-discount)
    design = np.column_stack([np.ones(data.n_rows), data.x[:, columns]])
    projection = np.linalg.lstsq(design, planted, rcond=None)[0]
    implied = projection[1 + list(coefficients).index("discount")]
    # Between the curve's slope at no discount and at the deepest discount in the data.
    assert -elasticity <= implied <= -elasticity / (1 - discount.max())
    estimate = coefficients["discount"]
    assert estimate.ci[0] <= implied <= estimate.ci[1], (estimate, implied)
    assert estimate.p_value < 1e-6
    effect = next(f for f in log_units.findings if f.params.get("feature") == "discount")
    assert effect.params["effect"] == pytest.approx(np.expm1(0.1 * estimate.coef))
    assert effect.params["scale"] == "percent" and effect.params["clear"]


def test_ols_finds_every_spend_channel_and_price_with_the_right_sign(log_units) -> None:
    coefficients = {c.feature: c for c in log_units.coefficients}
    for channel in CHANNELS:
        assert coefficients[channel].ci[0] > 0, channel
    assert coefficients["price"].ci[1] < 0
    assert coefficients["Double 11"].coef > coefficients["Double 11 run-up"].coef > 0
    assert coefficients["Chinese New Year"].ci[1] < 0
    assert log_units.ols.covariance == "cluster_week" and log_units.ols.clusters == 105


# --- SHAP -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FITTED_MODELS)
def test_shap_values_of_each_row_add_up_to_prediction_minus_expected_value(
    sample: tuple[pd.DataFrame, Mapping], name: str
) -> None:
    frame, mapping = sample
    data = prepare(frame, mapping, DriverSettings("units", sample_size=300))
    fitted = fit_model(name, data.x, data.y, data.linear_columns, 0, False)
    explanation = explain(fitted, data)
    assert explanation.sample_size == 300 and explanation.n_rows == data.n_rows
    total = explanation.shap_values.sum(axis=1) + explanation.expected_value
    np.testing.assert_allclose(
        total, fitted.predict(data.x[explanation.rows]), rtol=1e-6, atol=1e-6
    )
    row = int(explanation.rows[7])
    wf = waterfall(fitted, data, row)
    assert wf.base_value + sum(c.shap for c in wf.contributions) == pytest.approx(wf.prediction)
    assert wf.prediction == pytest.approx(fitted.predict(data.x[[row]])[0])
    head, rest = wf.top(5)
    assert len(head) == 5 and sum(c.shap for c in head) + rest == pytest.approx(
        wf.prediction - wf.base_value
    )
    assert [abs(c.shap) for c in wf.contributions] == sorted(
        (abs(c.shap) for c in wf.contributions), reverse=True
    )


def test_linear_shap_values_are_shap_s_linear_explainer_s(
    sample: tuple[pd.DataFrame, Mapping],
) -> None:
    """coef × (value − training mean) is what shap.LinearExplainer gives with the training rows
    as background (features taken as independent)."""
    import shap

    frame, mapping = sample
    data = prepare(frame, mapping, DriverSettings("units", sample_size=200))
    for name in ("ols", "lasso"):
        fitted = fit_model(name, data.x, data.y, data.linear_columns, 0, False)
        ours = explain(fitted, data)
        background = data.x[:, fitted.columns]
        masker = shap.maskers.Independent(background, max_samples=len(background))
        explainer = shap.LinearExplainer((fitted.coef, fitted.intercept), masker)
        theirs = explainer.shap_values(ours.values)
        np.testing.assert_allclose(ours.shap_values, theirs, rtol=1e-7, atol=1e-9)
        assert ours.expected_value == pytest.approx(float(explainer.expected_value))


def test_boosting_is_histogram_gradient_boosting_explained_by_tree_shap(
    sample: tuple[pd.DataFrame, Mapping],
) -> None:
    """The fast histogram booster: TreeExplainer reads its trees natively (no sampling
    explainer), and its values add up (checked by SHAP itself here, too)."""
    import shap
    from sklearn.ensemble import HistGradientBoostingRegressor

    frame, mapping = sample
    data = prepare(frame, mapping, DriverSettings("units"))
    fitted = fit_model("gradient_boosting", data.x, data.y, data.linear_columns, 0, False)
    assert isinstance(fitted.estimator, HistGradientBoostingRegressor)
    explainer = shap.TreeExplainer(fitted.estimator)
    assert explainer.model.model_type == "internal" and len(explainer.model.trees) == 200
    values = explainer.shap_values(data.x[:200], check_additivity=True)
    assert values.shape == (200, len(data.features))


def test_fits_run_on_one_openmp_thread_even_when_sklearn_is_not_yet_loaded() -> None:
    """A fresh worker imports scikit-learn inside the limit; the limit must still reach its
    OpenMP runtime (unlimited, boosting's threads spun against other processes: 1 s became
    6-22 s on 50,000 rows)."""
    import subprocess
    import sys

    code = (
        "from threadpoolctl import threadpool_info\n"
        "from analytics.drivers.models import one_thread\n"
        "with one_thread():\n"
        "    info = threadpool_info()\n"
        "assert any(i['user_api'] == 'openmp' for i in info), info\n"
        "print(max(i['num_threads'] for i in info))\n"
    )
    inside = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert inside.stdout.strip() == "1"


def test_a_forced_model_is_the_one_explained(sample: tuple[pd.DataFrame, Mapping]) -> None:
    frame, mapping = sample
    settings = DriverSettings("units", where=(("region", ("East",)),), sample_size=100)
    data = prepare(frame, mapping, settings)
    scores = score_models(data, (BASELINE, "ols", "random_forest"), parallel=False)
    result = finish(data, scores, parallel=False, force="random_forest")
    assert result.best == "random_forest" == result.explanation.model
    assert result.explanation.method == "tree"


def test_chart_labels_show_file_names_as_typed_never_as_markup_or_placeholders() -> None:
    from analytics.drivers.explain import Beeswarm, Dependence, Importance
    from ui.drivers import figures as charts

    name = "<b>bold</b> %{x} & co"
    shown = "&lt;b&gt;bold&lt;/b&gt; %{x} &amp; co"
    values = np.array([1.0, 2.0, 3.0])
    swarm = charts.beeswarm(
        Beeswarm((name,), (values,), (values,), (np.array([0.0, 0.5, 1.0]),)),
        title="t", axis="a", low="low", high="high", presenter=False,
    )  # fmt: skip
    trace = swarm.data[0]
    assert trace.name == shown and list(swarm.layout.yaxis.ticktext) == [shown]
    assert name not in trace.hovertemplate and "%{fullData.name}" in trace.hovertemplate
    bars = charts.importance_bars([Importance(name, 1.0)], title="t", axis="a", presenter=False)
    assert list(bars.data[0].y) == [shown]
    dependence = charts.dependence(
        Dependence(name, values, values, name, values),
        title="t", axis="a", colour_label=name, presenter=False,
    )  # fmt: skip
    assert dependence.layout.xaxis.title.text == shown
    assert dependence.data[0].marker.colorbar.title.text == shown
    assert name not in dependence.data[0].hovertemplate


def test_explanation_sample_is_seeded_and_importance_sorted(units) -> None:
    explanation = units.explanation
    assert explanation.sample_size == 1000 < units.n_rows
    values = [i.mean_abs_shap for i in explanation.importance]
    assert values == sorted(values, reverse=True)
    again = explain(units.fitted, units.data)
    np.testing.assert_array_equal(again.rows, explanation.rows)
    swarm = explanation.beeswarm(5)
    assert swarm.features == tuple(i.feature for i in explanation.importance[:5])
    assert all(
        len(s) == 1000 and c.min() >= 0 and c.max() <= 1
        for s, c in zip(swarm.shap_values, swarm.colour, strict=True)
    )
    dependence = explanation.dependence("discount")
    assert dependence.interaction in explanation.features and dependence.interaction != "discount"
    assert len(dependence.values) == len(dependence.interaction_values) == 1000


def test_rows_are_found_by_date_and_segment(units) -> None:
    data = units.data
    row = find_row(data, "2024-06-18", ("East", "Electronics"))
    assert row is not None and row_label(data, row) == ("2024-06-18", ("East", "Electronics"))
    assert find_row(data, "2030-01-01", ("East", "Electronics")) is None
    assert find_row(data, "not a date", ("East",)) is None


# --- leakage guard --------------------------------------------------------------------------------


def test_leakage_guard_flags_revenue_and_orders_when_the_target_is_units(
    sample: tuple[pd.DataFrame, Mapping],
) -> None:
    frame, mapping = sample
    found = {c.name: c for c in suggest_features(frame, mapping, "units")}
    assert "units" not in found
    assert found["revenue"].leakage == "same_quantity" and not found["revenue"].default
    assert found["orders"].leakage == "same_quantity"
    for lever in ("discount", "price", *CHANNELS, "promo_flag", "campaign_active", "region"):
        assert found[lever].default and found[lever].leakage is None


def test_leakage_guard_flags_the_parts_of_a_ratio(sample: tuple[pd.DataFrame, Mapping]) -> None:
    frame, mapping = sample
    found = {c.name: c for c in suggest_features(frame, mapping, "orders/visits")}
    assert found["orders"].leakage == found["visits"].leakage == "ratio_part"
    assert found["units"].leakage == "same_quantity" and found["units"].leakage_with == "orders"


def test_flagged_features_are_left_out_unless_chosen_and_then_reported(
    sample: tuple[pd.DataFrame, Mapping],
) -> None:
    frame, mapping = sample
    where = (("category", ("Home",)), ("region", ("East",)))
    default = prepare(frame, mapping, DriverSettings("units", where=where))
    assert "revenue" not in default.chosen
    chosen = ("discount", "price", "revenue")
    result = run_drivers(
        frame, mapping, DriverSettings("units", features=chosen, where=where), parallel=False
    )
    kinds = {f.kind: f.params for f in result.findings}
    assert kinds["leakage_included"]["features"] == ["revenue"]
    assert "orders" in kinds["leakage_excluded"]["features"]


# --- targets, rows, folds, baseline ---------------------------------------------------------------


def test_ratio_targets_are_computed_per_row(sample: tuple[pd.DataFrame, Mapping]) -> None:
    frame, mapping = sample
    target = parse_target("orders / visits", frame, mapping)
    assert (target.name, target.parts) == ("orders/visits", ("orders", "visits"))
    np.testing.assert_allclose(target.values(frame), frame["orders"] / frame["visits"])
    renamed = frame.rename(columns={"revenue": "revenue/orders"})
    roles = {("revenue/orders" if k == "revenue" else k): v for k, v in mapping.roles.items()}
    column = parse_target("revenue/orders", renamed, Mapping(roles, None))
    assert column.denominator is None


def test_folds_train_only_on_the_past_and_keep_each_date_whole() -> None:
    dates = np.repeat(pd.date_range("2024-01-01", periods=50).to_numpy(), 3)
    folds = time_folds(dates, 4)
    assert len(folds) == 4
    previous_train = 0
    for train, test in folds:
        assert dates[train].max() < dates[test].min()
        assert set(np.flatnonzero(np.isin(dates, dates[test]))) == set(test)
        assert len(train) > previous_train
        previous_train = len(train)


def test_baseline_is_the_same_segment_a_week_earlier(units) -> None:
    data = units.data
    row = find_row(data, "2024-03-15", ("North", "Home"))
    earlier = find_row(data, "2024-03-08", ("North", "Home"))
    assert data.naive[row] == data.actual[earlier]
    first = find_row(data, "2024-01-03", ("North", "Home"))
    assert np.isnan(data.naive[first])


def test_rows_sharing_a_date_and_segment_are_added_up(
    sample: tuple[pd.DataFrame, Mapping],
) -> None:
    frame, mapping = sample
    doubled = pd.concat([frame, frame], ignore_index=True)
    rows, dims = segment_rows(doubled, mapping)
    assert dims == ["region", "category"] and len(rows) == len(frame)
    assert rows["units"].sum() == 2 * frame["units"].sum()
    assert rows["price"].sum() == pytest.approx(frame["price"].sum())


def test_lagged_spend_is_the_segment_s_previous_day(sample: tuple[pd.DataFrame, Mapping]) -> None:
    frame, mapping = sample
    data = prepare(frame, mapping, DriverSettings("units", features=("social_spend_lag1", "trend")))
    row = find_row(data, "2024-05-02", ("South", "Apparel"))
    day_before = frame[(frame["date"] == "2024-05-01") & (frame["region"] == "South")]
    expected = day_before.loc[day_before["category"] == "Apparel", "social_spend"].item()
    assert data.x[row, data.features.index("social_spend_lag1")] == expected
    assert data.n_dropped == 12  # the first day has no previous day


def test_no_model_beating_the_baseline_is_flagged_and_nothing_is_explained(
    sample: tuple[pd.DataFrame, Mapping],
) -> None:
    frame, mapping = sample
    result = run_drivers(
        frame, mapping, DriverSettings("units", features=("trend",)), parallel=False
    )
    assert not result.beats_baseline and result.best == BASELINE
    assert result.explanation is None and result.importance == ()
    assert result.findings[0].kind == "no_better_than_baseline"
    json.dumps(result.to_dict())


def test_one_hot_features_are_named_column_equals_value(units) -> None:
    assert {"region=East", "category=Home", "weekday=Sat", "month=Dec"} <= set(units.features)
    assert units.ols.references == {
        "region": "East",
        "category": "Apparel",
        "weekday": "Mon",
        "month": "Jan",
    }
    assert "region=East" not in {c.feature for c in units.coefficients}
    json.dumps(units.to_dict())


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (DriverSettings("nope"), "There is no number column 'nope'"),
        (DriverSettings("region"), "'region' is not a number column"),
        (DriverSettings("orders/orders"), "divides a column by itself"),
        (DriverSettings("units", features=("zzz",)), "There is no feature 'zzz'"),
        (DriverSettings("units", features=("units",)), "is the target"),
        (DriverSettings("units", features=()), "choose at least one"),
        (DriverSettings("units", where=(("date", ("2024-01-01",)),)), "need at least 40"),
        (DriverSettings("promo_flag", log_target=True), "no logarithm"),
    ],
)
def test_user_errors_say_what_to_change(
    sample: tuple[pd.DataFrame, Mapping], settings: DriverSettings, message: str
) -> None:
    frame, mapping = sample
    with pytest.raises(UserInputError, match=message):
        prepare(frame, mapping, settings)


# --- command line ---------------------------------------------------------------------------------

CLI_FIELDS = {"target", "n_rows", "models", "best", "importance", "coefficients"}
CLI_FIELDS |= {"validation", "baseline"}  # how the models were validated, against which baseline


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_json_has_exactly_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "drivers", str(SAMPLE), "--target", "units", "--where", "region=East",
        "--where", "category=Home", "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == CLI_FIELDS
    assert data["target"] == "units" and data["n_rows"] == 731
    assert [set(m) for m in data["models"]] == [{"name", "mae", "rmse", "r2", "mape"}] * 5
    assert data["best"] == data["models"][0]["name"] != "baseline"
    assert all(set(i) == {"feature", "mean_abs_shap"} for i in data["importance"])
    shap = [i["mean_abs_shap"] for i in data["importance"]]
    assert shap == sorted(shap, reverse=True)
    names = {i["feature"] for i in data["importance"]}
    assert {"discount", "weekday=Sat"} <= names
    assert all(set(c) == {"feature", "coef", "ci", "p_value"} for c in data["coefficients"])
    discount = next(c for c in data["coefficients"] if c["feature"] == "discount")
    assert discount["ci"][0] < discount["coef"] < discount["ci"][1]


def test_cli_ratio_target_and_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "drivers", str(SAMPLE), "--target", "orders/visits", "--where", "region=West",
        "--where", "category=Apparel", "--features", "discount,weekday,trend", "--models", "ols",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("orders/visits: 731 rows, 9 features")
    assert "OLS coefficients" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--target", "nope"], "There is no number column 'nope'"),
        (["--target", "region"], "'region' is not a number column"),
        (["--target", "units", "--features", "discount,zzz"], "There is no feature 'zzz'"),
        (["--target", "units", "--where", "date=2024-01-01"], "need at least 40"),
        (["--target", "units", "--models", "ols,svm"], "There is no model 'svm'"),
        (["--target", "units", "--where", "nocol=1"], "There is no filter column 'nocol'"),
        (["--target", "units", "--where", "region=Nowhere"], "has no value 'Nowhere'"),
        (["--target", "units", "--where", "region"], "should look like COLUMN=VALUE"),
        (["--target", "units", "--json", "--features", "zzz"], "There is no feature 'zzz'"),
    ],
)
def test_cli_user_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "drivers", str(SAMPLE), *argv)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err


def test_cli_too_few_rows_in_a_small_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    small = tmp_path / "small.csv"
    days = pd.date_range("2024-01-01", periods=20)
    pd.DataFrame(
        {"date": days.strftime("%Y-%m-%d"), "units": range(20), "discount": [0.1, 0.0] * 10}
    ).to_csv(small, index=False)
    code, out, err = run(capsys, "drivers", str(small), "--target", "units")
    assert (code, out) == (2, "")
    assert err == (
        "error: Only 20 rows have units and every chosen feature; the models need at least 40: "
        "widen the filter or choose features with fewer gaps.\n"
    )
