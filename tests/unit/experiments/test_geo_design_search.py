"""The geo design's search over market sets: ranked by the smallest lift they would detect,
markets a synthetic control cannot follow left out, and the sizes it refuses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.errors import UserInputError
from analytics.experiments.geo_design import design_search, geo_design
from sample_data.experiments import geo_panel

NOISY = ("Wuhan", "Chengdu", "Xiamen")  # cities given 12% daily noise on top of the panel's 3%
OPTIONS = {"metric": "revenue", "location": "city", "date": "date"}


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    frame, _ = geo_panel(seed=21, lift=0.0)
    rng = np.random.default_rng(5)
    noisy = frame["city"].isin(NOISY)
    frame.loc[noisy, "revenue"] *= rng.normal(1, 0.12, int(noisy.sum()))
    return frame


@pytest.fixture(scope="module")
def found(panel: pd.DataFrame):
    return design_search(panel, sizes=[2, 3], durations=[14, 28], **OPTIONS)


def test_search_ranks_market_sets_by_the_lift_they_would_detect(found) -> None:
    lifts = [cell.mde for cell in found.cells]
    assert lifts == sorted(lifts) and 0 < lifts[0] < 0.05
    assert {len(cell.treated) for cell in found.cells} == {2, 3}
    assert {cell.days for cell in found.cells} == {14, 28}
    assert len(found.cells) == 2 * 2 * 6  # sizes × lengths × sets kept per size
    assert found.searched > 12  # more sets screened than tested
    assert all(0 < cell.share < 0.5 and cell.pre_r2 > 0.8 for cell in found.cells)
    data = found.to_dict()
    assert data["searched"] == found.searched and data["cells"][0]["treated"] == list(
        found.cells[0].treated
    )


def test_search_leaves_out_markets_the_control_cannot_follow(panel, found) -> None:
    assert not {name for cell in found.cells for name in cell.treated} & set(NOISY)
    best = next(cell for cell in found.cells if cell.days == 28 and len(cell.treated) == 2)
    noisy = geo_design(panel, candidates=[NOISY[:2]], durations=[28], **OPTIONS).cells[0]
    assert noisy.mde > 2 * best.mde  # the planted noise costs detectable lift


def test_the_given_set_and_the_search_agree_on_a_design(panel, found) -> None:
    cell = found.cells[0]
    again = geo_design(panel, candidates=[cell.treated], durations=[cell.days], **OPTIONS)
    assert again.cells[0] == cell


@pytest.mark.parametrize(
    ("options", "code"),
    [({"sizes": [29]}, "geo_design_sizes"), ({"sizes": []}, "geo_design_sizes"),
     ({"sizes": [2], "durations": [3]}, "geo_design_inputs")],
)  # fmt: skip
def test_search_refuses_sizes_that_leave_no_controls(panel, options, code) -> None:
    settings = {"sizes": [2], "durations": [28], **OPTIONS, **options}
    with pytest.raises(UserInputError) as error:
        design_search(panel, **settings)
    assert error.value.code == code
