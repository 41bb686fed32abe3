"""The sample generator's incremental profit of a channel campaign, for the timing tests (unit):
its own response curves (adstock, Hill, beta), the last list prices and the sample margin."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sample_data import generate as gen

TAIL_DAYS = 60  # carry-over days counted after a window
PUSH_CHANNEL = "social_spend"
PUSH_PER_ROW = 1_000.0  # a day in each of the 12 segments: about three times always-on
PUSH_DAYS = ("2026-01-15", "2026-01-28")


def sample_with_planned_push(sample: pd.DataFrame) -> pd.DataFrame:
    """The daily sample, then four weeks of rows with no sales yet (spend as on the last day): a
    social push of 1,000 a day per segment planned in the last two ("Social Burst")."""
    last = sample[sample["date"] == sample["date"].max()]
    future = []
    for day in pd.date_range("2026-01-01", "2026-01-28"):
        pushed = PUSH_DAYS[0] <= f"{day:%Y-%m-%d}" <= PUSH_DAYS[1]
        row = last.assign(date=f"{day:%Y-%m-%d}", campaign="Social Burst" if pushed else "")
        if pushed:
            row = row.assign(**{PUSH_CHANNEL: PUSH_PER_ROW})
        future.append(row.assign(visits=None, orders=None, units=None, revenue=None))
    return pd.concat([sample, *future])


def always_on_spend(frame: pd.DataFrame, channel: str) -> pd.Series:
    """The last eight weeks' always-on spend per day by (region, category), campaign spend
    taken out: the level the planner holds spend at."""
    spec = gen.channel_spec(channel.removesuffix("_spend"))
    sales = frame[frame["units"].notna()]
    recent = sales[sales["date"] > sales["date"].max() - pd.Timedelta(days=56)]
    campaign_spend = {
        c.name: gen.campaign_spend_per_row(c) for c in gen.CAMPAIGNS if c.channel == spec.name
    }
    always_on = recent[channel] - recent["campaign"].map(campaign_spend).fillna(0.0)
    return always_on.groupby([recent["region"], recent["category"]]).mean()


def planted_channel_profit(
    frame: pd.DataFrame, channel: str, budget: float, days: int, start_day: int = 0
) -> float:
    """The generator's incremental profit of ``budget`` spread evenly over ``days`` from
    ``start_day`` days after the last sale (split over segments as always-on spend is), on top of
    the spend the file's rows after the last sale plan in ``channel`` and today's always-on spend
    elsewhere, carry-over included, at the last list prices, mean noise and the sample margin."""
    spec = gen.channel_spec(channel.removesuffix("_spend"))
    sales = frame[frame["units"].notna()]
    last = sales[sales["date"] == sales["date"].max()].set_index(["region", "category"])
    first = sales["date"].max() + pd.Timedelta(days=1)
    steady = always_on_spend(frame, channel)
    per_day = budget / days * steady / steady.sum()
    length = start_day + days + TAIL_DAYS
    planned = frame[frame["units"].isna()].set_index(["region", "category"])
    revenue = 0.0
    for (region, category), base in steady.items():
        existing = np.full(length, base)
        if (region, category) in planned.index:
            rows = planned.loc[[(region, category)]]
            offset = (rows["date"] - first).dt.days.to_numpy()
            inside = (offset >= 0) & (offset < length)
            existing[offset[inside]] = rows[channel].to_numpy()[inside]
        campaign = np.zeros(length)
        campaign[start_day : start_day + days] = per_day[(region, category)]
        stock = base / (1 - spec.decay)
        before = gen.adstock(existing, spec.decay) + stock * spec.decay ** np.arange(1, length + 1)
        after = before + gen.adstock(campaign, spec.decay)
        added = gen.hill(after, spec.shape, spec.half_sat) - gen.hill(
            before, spec.shape, spec.half_sat
        )
        price = float(last.loc[(region, category), "price"])
        effect = (price / gen.REFERENCE_PRICE[category]) ** gen.PRICE_ELASTICITY
        revenue += spec.beta * float(added.sum()) * effect * price
    return gen.SAMPLE_MARGIN * revenue - budget
