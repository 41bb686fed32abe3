"""Propensity: out-of-fold metrics equal scikit-learn's own, the planted campaign response is
found, gains and calibration are what they say, and a log predicts next-period buyers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    average_precision_score,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from analytics.customers.features import table_design
from analytics.customers.log import LogColumns
from analytics.customers.propensity import (
    MODELS,
    PropensitySettings,
    gains,
    make_model,
    score_next_period,
    score_propensity,
)
from analytics.drivers.models import one_thread
from analytics.errors import UserInputError
from analytics.ingest.load import load

ROOT = Path(__file__).resolve().parents[3]
TRUTH = json.loads((ROOT / "sample_data" / "ground_truth.json").read_text(encoding="utf-8"))
PLANTED = TRUTH["customers"]["campaign_table"]


@pytest.fixture(scope="module")
def table():
    return load(ROOT / "sample_data" / PLANTED["file"])


@pytest.fixture(scope="module")
def result(table):
    return score_propensity(
        table.frame, table.mapping, PropensitySettings("responded", threshold=0.3)
    )


def test_metrics_equal_scikit_learns_on_the_same_folds(table, result) -> None:
    design = table_design(table.frame, table.mapping, "responded", None)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = {m.name: m for m in result.models}
    for name in MODELS:
        with one_thread():  # boosting's OpenMP threads would spin against other processes
            oof = cross_val_predict(
                make_model(name), design.x, design.y, cv=folds, method="predict_proba"
            )[:, 1]
        predicted = (oof >= 0.3).astype(int)
        assert scores[name].auc == pytest.approx(roc_auc_score(design.y, oof), abs=1e-12)
        assert scores[name].average_precision == pytest.approx(
            average_precision_score(design.y, oof), abs=1e-12
        )
        assert scores[name].precision == pytest.approx(precision_score(design.y, predicted))
        assert scores[name].recall == pytest.approx(recall_score(design.y, predicted))
        assert scores[name].f1 == pytest.approx(f1_score(design.y, predicted))
        if name == result.best:
            observed, mean_predicted = calibration_curve(
                design.y, oof, n_bins=10, strategy="quantile"
            )
            assert [c.observed for c in result.calibration] == pytest.approx(list(observed))
            assert [c.predicted for c in result.calibration] == pytest.approx(list(mean_predicted))
            assert np.allclose(result.scores, oof)


def test_planted_response_is_found(result) -> None:
    assert result.rows == PLANTED["rows"]
    assert result.positive_rate == pytest.approx(PLANTED["response_rate"], abs=1e-4)
    # The best model ranks responders almost as well as the true probabilities do.
    assert result.models[0].auc == pytest.approx(PLANTED["auc_of_true_probabilities"], abs=0.04)
    assert result.best == "logistic_regression"  # the planted response is linear in log-odds
    planted = {name for name, coef in PLANTED["coefficients"].items() if coef != 0}
    ranked = [i.feature for i in result.importance]
    assert set(ranked[:5]) == planted
    assert ranked.index("age") > 4  # age has no planted effect


def test_gains_count_the_positives_in_the_top_rows() -> None:
    y = np.array([1, 0, 1, 0, 0, 0, 0, 0, 0, 1])
    scores = np.linspace(1.0, 0.1, 10)
    found = gains(y, scores)
    assert [g.top_share for g in found][:3] == [0.1, 0.2, 0.3]
    assert [round(g.captured_share, 4) for g in found][:3] == [0.3333, 0.3333, 0.6667]
    assert found[-1].captured_share == 1.0


def test_order_log_predicts_buyers_of_the_next_period() -> None:
    log = load(ROOT / "sample_data" / TRUTH["customers"]["file"])
    columns = LogColumns("customer_id", "order_date", "amount", "discount")
    found = score_next_period(log.frame, columns, PropensitySettings("next"))
    assert found.target == "bought_next_91_days" and found.rows == TRUTH["customers"]["customers"]
    assert found.models[0].auc > 0.72
    assert found.importance[0].feature == "recency_days"
    assert found.future_scores is not None and len(found.future_scores) == found.rows
    assert found.future_scores.min() > 0 and found.future_scores.max() < 1


def test_a_target_that_is_not_zero_or_one_is_refused(table) -> None:
    with pytest.raises(UserInputError) as caught:
        score_propensity(table.frame, table.mapping, PropensitySettings("age"))
    assert caught.value.code == "cust_target_not_binary"
    with pytest.raises(UserInputError) as threshold:
        score_propensity(table.frame, table.mapping, PropensitySettings("responded", threshold=1.5))
    assert threshold.value.code == "cust_bad_threshold"
