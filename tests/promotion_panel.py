"""Stores × items with little history each (16 weeks of days) sharing a planted promotion lift,
where pooling the series pays: for the global model's unit tests and the Forecast page's."""

from __future__ import annotations

import numpy as np
import pandas as pd

LIFT = 0.5  # planted: promotion days sell 1.5 times the usual
DAYS = 112


def promotion_panel(stores: int = 3, items: int = 4, seed: int = 7) -> dict:
    """Label → (daily units, promo_flag): level × weekday pattern × (1 + LIFT on promotion
    days) × noise, per store × item."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2025-03-03", periods=DAYS, freq="D", name="date")
    weekday = 1 + 0.25 * np.sin(2 * np.pi * dates.day_of_week.to_numpy() / 7)
    panel = {}
    for store in range(1, stores + 1):
        for item in range(1, items + 1):
            promo = (rng.uniform(size=DAYS) < 0.2).astype(float)
            level = rng.uniform(50, 400)
            noise = rng.lognormal(0, 0.12, DAYS)
            y = pd.Series(level * weekday * (1 + LIFT * promo) * noise, index=dates)
            panel[f"S{store} · I{item}"] = (y, pd.DataFrame({"promo_flag": promo}, index=dates))
    return panel


def panel_table(panel: dict) -> pd.DataFrame:
    """The panel as a file a user would upload: date, store, item, units, promo_flag."""
    rows = []
    for label, (y, promo) in panel.items():
        store, item = label.split(" · ")
        rows.append(
            pd.DataFrame(
                {
                    "date": y.index.strftime("%Y-%m-%d"),
                    "store": store,
                    "item": item,
                    "units": y.round(1).to_numpy(),
                    "promo_flag": promo["promo_flag"].astype(int).to_numpy(),
                }
            )
        )
    return pd.concat(rows)
