"""The lift heat map: the items of the strongest pairs, symmetric, names shown as typed."""

from __future__ import annotations

import numpy as np

from analytics.recommend.rules import Pair
from ui.recommend.figures import pair_heatmap, strongest_items

PAIRS = (
    Pair("<b>tea</b>", "cake", 0.1, 9.0, 10),
    Pair("bread", "jam", 0.05, 4.0, 5),
    Pair("cake", "jam", 0.02, 1.5, 2),
)


def test_items_of_the_strongest_pairs_in_order_up_to_the_limit() -> None:
    assert strongest_items(PAIRS) == ["<b>tea</b>", "cake", "bread", "jam"]
    assert strongest_items(PAIRS, most=3) == ["<b>tea</b>", "cake", "bread"]


def test_heatmap_is_symmetric_blank_for_rare_pairs_and_escapes_names() -> None:
    fig = pair_heatmap(PAIRS, presenter=False, title="Lift", lift_label="Lift")
    z = np.array(fig.data[0].z, dtype=float)
    assert z[0, 1] == z[1, 0] == 9.0 and z[1, 3] == z[3, 1] == 1.5
    assert np.isnan(z[0, 2]) and np.isnan(np.diag(z)).all()
    assert fig.data[0].x[0] == "&lt;b&gt;tea&lt;/b&gt;"
