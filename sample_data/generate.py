"""Deterministic LiftBoard sample data with planted, known effects.

Simulates two years of daily e-commerce sales per region × category (trend, weekly and yearly
seasonality, festivals, price and discount elasticities, always-on media with adstock and Hill
saturation, promotional campaigns) and records the truth so analytics can be tested against it.
Run ``python sample_data/generate.py`` to rewrite the CSVs and ground_truth.json next to it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

try:
    from sample_data import baskets, experiments
    from sample_data import customers as customer_sample
except ModuleNotFoundError:  # run as a script: python sample_data/generate.py
    import baskets  # type: ignore[no-redef]
    import customers as customer_sample  # type: ignore[no-redef]
    import experiments  # type: ignore[no-redef]

DEFAULT_SEED = 20240618
OUTDIR = Path(__file__).resolve().parent
START_DATE = "2024-01-01"
END_DATE = "2025-12-31"
MIN_PRE_PERIOD_DAYS = 90
# Gross margin on list-price revenue that the true incremental profit is valued at: the app's
# default margin (analytics.lift.roi.DEFAULT_MARGIN), since the sample has no margin column.
SAMPLE_MARGIN = 0.4
# No price change or markdown within this many days before a campaign in its segments.
QUIET_DAYS_BEFORE_CAMPAIGN = 14

REGIONS = ("East", "North", "South", "West")
CATEGORIES = ("Apparel", "Electronics", "Home")
SEGMENTS = tuple((region, category) for region in REGIONS for category in CATEGORIES)
CHANNELS = ("search", "social", "display")

DAILY_FILE = "sales_daily.csv"
CAMPAIGN_FILE = "campaigns.csv"
TRUTH_FILE = "ground_truth.json"
DAILY_COLUMNS = (
    "date",
    "region",
    "category",
    "visits",
    "orders",
    "units",
    "revenue",
    "price",
    "discount",
    "promo_flag",
    "campaign",
    "search_spend",
    "social_spend",
    "display_spend",
)
CAMPAIGN_COLUMNS = (
    "campaign_id",
    "name",
    "channel",
    "start",
    "end",
    "spend",
    "discount",
    "target_regions",
    "target_categories",
)

# --- demand ---------------------------------------------------------------------------------
BASE_UNITS = {"Apparel": 320.0, "Electronics": 110.0, "Home": 220.0}
REGION_DEMAND = {"East": 1.25, "North": 0.9, "South": 1.1, "West": 0.75}
TREND_PER_YEAR = {"Apparel": 0.08, "Electronics": 0.12, "Home": 0.10}
WEEKLY_RAW = (0.94, 0.92, 0.95, 0.98, 1.03, 1.12, 1.06)  # Monday..Sunday, normalised to mean 1
WEEKLY = tuple(float(w) for w in np.asarray(WEEKLY_RAW) / np.mean(WEEKLY_RAW))
YEARLY_AMPLITUDE = {"Apparel": 0.08, "Electronics": 0.05, "Home": 0.06}
YEARLY_PEAK_DAY = 340  # day of year of the smooth yearly peak (early December)
REFERENCE_PRICE = {"Apparel": 99.0, "Electronics": 299.0, "Home": 79.0}
PRICE_ELASTICITY = -1.5
DISCOUNT_ELASTICITY = -2.0
COMMON_NOISE_PHI = 0.6
COMMON_NOISE_SD = 0.045
SEGMENT_NOISE_SD = 0.035

# --- funnel (orders and visits derived from units) ------------------------------------------
BASKET_SIZE = {"Apparel": 1.8, "Electronics": 1.15, "Home": 1.5}
BASKET_NOISE_SD = 0.05
CONVERSION_RATE = {"Apparel": 0.032, "Electronics": 0.026, "Home": 0.030}
CONVERSION_DISCOUNT_SLOPE = 1.5  # conversion × (1 + slope × discount)
CONVERSION_NOISE_SD = 0.06


@dataclass(frozen=True)
class Channel:
    """Always-on media channel: how its spend is flighted and how units respond to it."""

    name: str
    decay: float
    shape: float
    half_sat: float
    beta: float
    base_spend: float
    flight_days: tuple[int, int]
    pause_days: tuple[int, int]
    pause_prob: float
    level_range: tuple[float, float]
    weekend_boost: float


@dataclass(frozen=True)
class Campaign:
    """A promotion with a planted multiplicative uplift on units in its target segments."""

    campaign_id: str
    name: str
    channel: str
    start: str
    end: str
    spend: float
    discount: float
    uplift: float
    regions: tuple[str, ...]
    categories: tuple[str, ...]

    @property
    def segments(self) -> list[tuple[str, str]]:
        """Target (region, category) pairs."""
        return [(r, c) for r in self.regions for c in self.categories]

    @property
    def days(self) -> int:
        """Length of the window in days, both ends included."""
        return (pd.Timestamp(self.end) - pd.Timestamp(self.start)).days + 1


@dataclass(frozen=True)
class PriceChange:
    """A new list price for a category from a date on, in some regions."""

    date: str
    category: str
    regions: tuple[str, ...]
    price: float


@dataclass(frozen=True)
class Markdown:
    """A small non-campaign discount episode in some segments."""

    start: str
    end: str
    regions: tuple[str, ...]
    categories: tuple[str, ...]
    discount: float


CHANNEL_SPECS = (
    Channel("search", 0.3, 1.0, 1400.0, 45.0, 1000.0, (14, 42), (3, 10), 0.3, (0.4, 1.7), 0.10),
    Channel("social", 0.5, 1.3, 1400.0, 35.0, 700.0, (14, 35), (7, 21), 1.0, (0.4, 1.7), 0.0),
    Channel("display", 0.7, 1.4, 1700.0, 30.0, 500.0, (21, 56), (7, 28), 1.0, (0.5, 1.5), 0.0),
)
SPEND_REGION_SCALE = {"East": 1.3, "North": 0.9, "South": 1.0, "West": 0.6}
SPEND_CATEGORY_SCALE = {"Apparel": 1.0, "Electronics": 1.2, "Home": 0.8}
SPEND_REGION_FLIGHT_SD = 0.2
SPEND_DAILY_SD = 0.15

ALL_REGIONS = REGIONS
CAMPAIGNS = (
    Campaign(
        "C01", "Spring Launch", "social", "2024-04-08", "2024-04-21",
        50_000.0, 0.0, 0.20, ("East", "South"), ("Apparel",),
    ),
    Campaign(
        "C02", "618 Mega Sale", "search", "2024-06-05", "2024-06-18",
        300_000.0, 0.20, 0.25, ALL_REGIONS, ("Electronics",),
    ),
    Campaign(
        "C03", "Summer Clearance", "display", "2024-07-22", "2024-08-04",
        220_000.0, 0.30, 0.20, ALL_REGIONS, ("Apparel", "Home"),
    ),
    Campaign(
        "C04", "Member Week", "social", "2024-09-09", "2024-09-15",
        30_000.0, 0.05, 0.15, ("North", "West"), CATEGORIES,
    ),
    Campaign(
        "C05", "Double 11 Warm-up", "search", "2024-10-21", "2024-11-03",
        120_000.0, 0.10, 0.25, ("East", "North", "South"), ("Electronics", "Home"),
    ),
    Campaign(
        "C06", "Brand Awareness Push", "display", "2025-03-03", "2025-03-23",
        150_000.0, 0.0, 0.0, ("South", "West"), ("Apparel", "Home"),
    ),
    Campaign(
        "C07", "618 Flash Deals", "social", "2025-06-09", "2025-06-18",
        200_000.0, 0.25, 0.30, ALL_REGIONS, ("Apparel",),
    ),
    Campaign(
        "C08", "Back to School", "search", "2025-08-18", "2025-08-31",
        60_000.0, 0.0, 0.18, ("East", "West"), ("Electronics",),
    ),
    Campaign(
        "C09", "Black Friday Blitz", "display", "2025-11-24", "2025-12-01",
        120_000.0, 0.10, 0.30, ("East", "South", "West"), ("Apparel", "Electronics"),
    ),
)  # fmt: skip

PRICE_CHANGES = (
    PriceChange("2024-05-06", "Electronics", ALL_REGIONS, 279.0),
    PriceChange("2024-08-19", "Electronics", ("West",), 259.0),
    PriceChange("2024-09-16", "Apparel", ALL_REGIONS, 109.0),
    PriceChange("2024-12-09", "Home", ALL_REGIONS, 85.0),
    PriceChange("2025-04-01", "Electronics", ("East", "North"), 319.0),
    PriceChange("2025-04-14", "Apparel", ("East", "South"), 119.0),
    PriceChange("2025-06-02", "Home", ("South", "West"), 75.0),
    PriceChange("2025-09-01", "Apparel", ("North", "West"), 99.0),
    PriceChange("2025-10-13", "Home", ("East", "North"), 89.0),
)

MARKDOWNS = (
    Markdown("2024-01-15", "2024-01-21", ("North",), ("Home",), 0.10),
    Markdown("2024-02-26", "2024-03-03", ALL_REGIONS, ("Apparel",), 0.05),
    Markdown("2024-03-11", "2024-03-17", ("East", "West"), ("Electronics",), 0.08),
    Markdown("2024-05-13", "2024-05-19", ("South",), ("Home",), 0.12),
    Markdown("2024-08-12", "2024-08-18", ("North", "West"), ("Apparel",), 0.15),
    Markdown("2024-09-23", "2024-09-29", ("South",), ("Electronics",), 0.07),
    Markdown("2024-12-16", "2024-12-22", ALL_REGIONS, ("Home",), 0.10),
    Markdown("2025-01-06", "2025-01-12", ("East",), ("Apparel",), 0.12),
    Markdown("2025-04-21", "2025-04-27", ("North", "South"), ("Electronics",), 0.06),
    Markdown("2025-05-12", "2025-05-18", ("East", "West"), ("Home",), 0.10),
    Markdown("2025-07-14", "2025-07-20", ("South", "West"), ("Apparel",), 0.15),
    Markdown("2025-09-15", "2025-09-21", ALL_REGIONS, ("Electronics",), 0.05),
    Markdown("2025-10-20", "2025-10-26", ("North",), ("Home",), 0.08),
    Markdown("2025-12-15", "2025-12-21", ALL_REGIONS, ("Apparel",), 0.10),
)

CHINESE_NEW_YEAR = ("2024-02-10", "2025-01-29")
CNY_MULTIPLIERS = (0.85, 0.75, 0.65, 0.60, 0.65, 0.75, 0.85)  # days -3..+3 around the date
RAMP_618 = (1.05, 1.35, 1.80)  # June 1 .. June 17 linear ramp, then the June 18 peak
RAMP_DOUBLE_11 = (1.10, 1.60, 2.50)  # Nov 1 .. Nov 10 linear ramp, then the Nov 11 peak
BLACK_FRIDAY_MULTIPLIERS = (1.35, 1.20, 1.15, 1.30)  # Friday, Saturday, Sunday, Cyber Monday


@dataclass(frozen=True)
class HolidayEvent:
    """One occurrence of a festival: its name and a demand multiplier per date."""

    name: str
    multipliers: tuple[tuple[str, float], ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form: name, first and last date, multiplier per ISO date."""
        return {
            "name": self.name,
            "start": self.multipliers[0][0],
            "end": self.multipliers[-1][0],
            "multipliers": {d: round(m, 4) for d, m in self.multipliers},
        }


@dataclass(frozen=True)
class SampleData:
    """A generated data set: the daily sales frame, the campaign table and the truth."""

    daily: pd.DataFrame
    campaigns: pd.DataFrame
    truth: dict[str, Any]
    components: pd.DataFrame  # per-row simulation internals (not written to disk)


@dataclass(frozen=True)
class MediaResponse:
    """Noise-free incremental units and revenue from always-on spend, against zero spend."""

    spend: float
    units: float
    revenue: float
    units_by_channel: dict[str, float]
    revenue_by_channel: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {
            "spend": self.spend,
            "units": self.units,
            "revenue": self.revenue,
            "units_by_channel": dict(self.units_by_channel),
            "revenue_by_channel": dict(self.revenue_by_channel),
        }


@dataclass(frozen=True)
class SyntheticTruth:
    """What was planted in a synthetic series: the effect, its window and the counterfactual."""

    effect: float
    effect_start: pd.Timestamp
    effect_end: pd.Timestamp
    effect_days: int
    actual_sum: float
    counterfactual_sum: float
    incremental: float
    relative_effect: float
    counterfactual: pd.Series

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON (without the counterfactual path)."""
        return {
            "effect": self.effect,
            "effect_start": self.effect_start.date().isoformat(),
            "effect_end": self.effect_end.date().isoformat(),
            "effect_days": self.effect_days,
            "actual_sum": self.actual_sum,
            "counterfactual_sum": self.counterfactual_sum,
            "incremental": self.incremental,
            "relative_effect": self.relative_effect,
        }


# --- calendar, segments and masks -------------------------------------------------------------


def calendar() -> pd.DatetimeIndex:
    """All simulated days, 2024-01-01..2025-12-31."""
    return pd.date_range(START_DATE, END_DATE, freq="D")


def segment_mask(regions: Sequence[str], categories: Sequence[str]) -> np.ndarray:
    """Boolean vector over SEGMENTS selecting the given regions × categories."""
    return np.array([r in regions and c in categories for r, c in SEGMENTS])


def date_mask(dates: pd.DatetimeIndex, start: str, end: str) -> np.ndarray:
    """Boolean vector over dates inside [start, end]."""
    return np.asarray((dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end)))


def window_mask(
    dates: pd.DatetimeIndex, start: str, end: str, regions: Sequence[str], cats: Sequence[str]
) -> np.ndarray:
    """(days × segments) mask of a window in some segments."""
    return np.outer(date_mask(dates, start, end), segment_mask(regions, cats))


def _category_vector(values: Mapping[str, float]) -> np.ndarray:
    """Per-segment vector of a per-category value."""
    return np.array([values[c] for _, c in SEGMENTS])


def _region_vector(values: Mapping[str, float]) -> np.ndarray:
    """Per-segment vector of a per-region value."""
    return np.array([values[r] for r, _ in SEGMENTS])


# --- holidays -------------------------------------------------------------------------------


def _event(name: str, first: pd.Timestamp | str, multipliers: Sequence[float]) -> HolidayEvent:
    """Festival with consecutive daily multipliers starting on `first`."""
    days = pd.date_range(first, periods=len(multipliers), freq="D").strftime("%Y-%m-%d")
    return HolidayEvent(name, tuple(zip(days, map(float, multipliers), strict=True)))


def _ramp(first: str, peak: str, ramp: tuple[float, float, float]) -> list[float]:
    """Linear ramp from ramp[0] to ramp[1] up to the day before `peak`, then ramp[2]."""
    n_days = (pd.Timestamp(peak) - pd.Timestamp(first)).days + 1
    return [*np.linspace(ramp[0], ramp[1], n_days - 1).round(4), ramp[2]]


def _thanksgiving(year: int) -> pd.Timestamp:
    """US Thanksgiving: the fourth Thursday of November."""
    first = pd.Timestamp(year=year, month=11, day=1)
    first_thursday = first + pd.Timedelta(days=(3 - first.day_of_week) % 7)
    return first_thursday + pd.Timedelta(weeks=3)


def holiday_events() -> list[HolidayEvent]:
    """Every festival occurrence in the simulated range, in date order."""
    events = []
    for year, cny in zip((2024, 2025), CHINESE_NEW_YEAR, strict=True):
        cny_first = pd.Timestamp(cny) - pd.Timedelta(days=3)
        black_friday = _thanksgiving(year) + pd.Timedelta(days=1)
        events += [
            _event("Chinese New Year", cny_first, CNY_MULTIPLIERS),
            _event("618", f"{year}-06-01", _ramp(f"{year}-06-01", f"{year}-06-18", RAMP_618)),
            _event(
                "Double 11",
                f"{year}-11-01",
                _ramp(f"{year}-11-01", f"{year}-11-11", RAMP_DOUBLE_11),
            ),
            _event("Black Friday", black_friday, BLACK_FRIDAY_MULTIPLIERS),
        ]
    return sorted(events, key=lambda e: e.multipliers[0][0])


def holiday_multiplier(dates: pd.DatetimeIndex) -> np.ndarray:
    """Demand multiplier per date, common to all segments (1 on ordinary days)."""
    mult = pd.Series(1.0, index=dates)
    for event in holiday_events():
        for day, value in event.multipliers:
            if pd.Timestamp(day) in mult.index:
                mult[pd.Timestamp(day)] *= value
    return mult.to_numpy()


# --- demand, prices and discounts -----------------------------------------------------------


def baseline_demand(dates: pd.DatetimeIndex) -> np.ndarray:
    """Noise-free units before media, price, discount and campaigns (days × segments)."""
    years = (np.arange(len(dates)) / 365.25)[:, None]
    base = _category_vector(BASE_UNITS) * _region_vector(REGION_DEMAND)
    trend = (1.0 + _category_vector(TREND_PER_YEAR)) ** years
    weekly = np.asarray(WEEKLY)[dates.day_of_week.to_numpy()][:, None]
    phase = 2 * np.pi * (dates.day_of_year.to_numpy() - YEARLY_PEAK_DAY) / 365.25
    yearly = 1.0 + _category_vector(YEARLY_AMPLITUDE) * np.cos(phase)[:, None]
    holiday = holiday_multiplier(dates)[:, None]
    return base * trend * weekly * yearly * holiday


def list_prices(dates: pd.DatetimeIndex) -> np.ndarray:
    """List price per unit (days × segments), following PRICE_CHANGES."""
    prices = np.tile(_category_vector(REFERENCE_PRICE), (len(dates), 1))
    for change in sorted(PRICE_CHANGES, key=lambda p: p.date):
        from_day = np.asarray(dates >= pd.Timestamp(change.date))
        prices[np.outer(from_day, segment_mask(change.regions, (change.category,)))] = change.price
    return prices


def markdown_discount(dates: pd.DatetimeIndex) -> np.ndarray:
    """Discount from non-campaign markdown episodes (days × segments)."""
    discount = np.zeros((len(dates), len(SEGMENTS)))
    for md in MARKDOWNS:
        discount[window_mask(dates, md.start, md.end, md.regions, md.categories)] = md.discount
    return discount


def campaign_mask(dates: pd.DatetimeIndex, campaign: Campaign) -> np.ndarray:
    """(days × segments) mask of a campaign's window and target segments."""
    return window_mask(dates, campaign.start, campaign.end, campaign.regions, campaign.categories)


def campaign_spend_per_row(campaign: Campaign) -> float:
    """Campaign spend added to its channel column on each of its rows (rounded to cents)."""
    return round(campaign.spend / (campaign.days * len(campaign.segments)), 2)


def validate_schedule(dates: pd.DatetimeIndex) -> None:
    """Raise ValueError unless campaigns, price changes and markdowns keep controls clean."""
    busy = np.zeros((len(dates), len(SEGMENTS)), dtype=bool)
    any_campaign_day = np.zeros(len(dates), dtype=bool)
    for c in CAMPAIGNS:
        mask = campaign_mask(dates, c)
        if c.channel not in CHANNELS or not 7 <= c.days <= 21:
            raise ValueError(f"{c.name}: bad channel or window length")
        if mask.any(axis=0).all():
            raise ValueError(f"{c.name} targets every segment; no controls left")
        if (busy & mask).any():
            raise ValueError(f"{c.name} overlaps another campaign in a segment")
        if (pd.Timestamp(c.start) - dates[0]).days < MIN_PRE_PERIOD_DAYS:
            raise ValueError(f"{c.name} has less than {MIN_PRE_PERIOD_DAYS} days of pre-period")
        busy |= mask
        any_campaign_day |= mask.any(axis=1)
    for c in CAMPAIGNS:
        quiet_start = (pd.Timestamp(c.start) - pd.Timedelta(days=QUIET_DAYS_BEFORE_CAMPAIGN)).date()
        quiet = window_mask(dates, quiet_start.isoformat(), c.end, c.regions, c.categories)
        for md in MARKDOWNS:
            md_mask = window_mask(dates, md.start, md.end, md.regions, md.categories)
            if (md_mask & quiet).any() or (md_mask.any(axis=1) & any_campaign_day).any():
                raise ValueError(f"markdown from {md.start} collides with {c.name}")
        for pc in PRICE_CHANGES:
            change_day = date_mask(dates, pc.date, pc.date)
            if (np.outer(change_day, segment_mask(pc.regions, (pc.category,))) & quiet).any():
                raise ValueError(f"price change on {pc.date} collides with {c.name}")


def campaign_arrays(dates: pd.DatetimeIndex) -> dict[str, np.ndarray]:
    """Per-row campaign name, discount, uplift and added spend per channel."""
    shape = (len(dates), len(SEGMENTS))
    names = np.full(shape, "", dtype=object)
    discount = np.zeros(shape)
    uplift = np.zeros(shape)
    spend = {ch: np.zeros(shape) for ch in CHANNELS}
    for c in CAMPAIGNS:
        mask = campaign_mask(dates, c)
        names[mask] = c.name
        discount[mask] = c.discount
        uplift[mask] = c.uplift
        spend[c.channel][mask] += campaign_spend_per_row(c)
    return {"name": names, "discount": discount, "uplift": uplift, **spend}


# --- media ----------------------------------------------------------------------------------


def adstock(spend: np.ndarray, decay: float) -> np.ndarray:
    """Geometric carry-over along axis 0: a_t = x_t + decay × a_{t-1}, starting from a_{-1} = 0."""
    out = np.array(spend, dtype=float, copy=True)
    for t in range(1, len(out)):
        out[t] += decay * out[t - 1]
    return out


def hill(x: np.ndarray | float, shape: float, half_sat: float) -> np.ndarray:
    """Hill saturation x^shape / (x^shape + half_sat^shape), between 0 and 1."""
    xs = np.power(np.maximum(np.asarray(x, dtype=float), 0.0), shape)
    return xs / (xs + half_sat**shape)


def channel_units(spend: np.ndarray, channel: Channel) -> np.ndarray:
    """Units added by always-on spend in one channel: beta × hill(adstock(spend))."""
    return channel.beta * hill(adstock(spend, channel.decay), channel.shape, channel.half_sat)


def channel_spec(name: str) -> Channel:
    """The Channel with this name."""
    for channel in CHANNEL_SPECS:
        if channel.name == name:
            return channel
    raise ValueError(f"unknown channel {name!r}; expected one of {CHANNELS}")


def flight_plan(n_days: int, channel: Channel, rng: np.random.Generator) -> np.ndarray:
    """Flight index per day (-1 in pauses) drawn from the channel's flighting pattern."""
    flight = np.full(n_days, -1)
    day, index = 0, 0
    while day < n_days:
        length = int(rng.integers(channel.flight_days[0], channel.flight_days[1] + 1))
        flight[day : day + length] = index
        day, index = day + length, index + 1
        if rng.random() < channel.pause_prob:
            day += int(rng.integers(channel.pause_days[0], channel.pause_days[1] + 1))
    return flight


def always_on_spend(
    dates: pd.DatetimeIndex, channel: Channel, rng: np.random.Generator
) -> np.ndarray:
    """Daily always-on spend per segment row (days × segments), in ¥ rounded to cents."""
    n_days = len(dates)
    flight = flight_plan(n_days, channel, rng)
    n_flights = int(flight.max()) + 1
    levels = rng.uniform(*channel.level_range, size=n_flights)
    region_mult = rng.lognormal(0.0, SPEND_REGION_FLIGHT_SD, size=(n_flights, len(REGIONS)))
    region_index = np.array([REGIONS.index(r) for r, _ in SEGMENTS])
    jitter = rng.lognormal(0.0, SPEND_DAILY_SD, size=(n_days, len(SEGMENTS)))
    on = flight >= 0
    level = np.where(on, levels[np.maximum(flight, 0)], 0.0)[:, None]
    regional = region_mult[np.maximum(flight, 0)][:, region_index]
    weekend = 1.0 + channel.weekend_boost * (dates.day_of_week.to_numpy() >= 5)[:, None]
    scale = _region_vector(SPEND_REGION_SCALE) * _category_vector(SPEND_CATEGORY_SCALE)
    spend = channel.base_spend * scale * level * regional * weekend * jitter
    return np.round(spend, 2)


# --- noise ----------------------------------------------------------------------------------


def ar1_lognormal(n: int, phi: float, sd: float, rng: np.random.Generator) -> np.ndarray:
    """Mean-one multiplicative noise exp(e_t - sd²/2), e an AR(1) with stationary sd `sd`."""
    shocks = rng.normal(0.0, sd * np.sqrt(1.0 - phi**2), size=n)
    e = np.empty(n)
    e[0] = rng.normal(0.0, sd)
    for t in range(1, n):
        e[t] = phi * e[t - 1] + shocks[t]
    return np.exp(e - sd**2 / 2)


def iid_lognormal(shape: tuple[int, ...], sd: float, rng: np.random.Generator) -> np.ndarray:
    """Mean-one iid multiplicative noise."""
    return np.exp(rng.normal(0.0, sd, size=shape) - sd**2 / 2)


# --- simulation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Simulation:
    """All arrays of one simulation run (days × segments unless noted)."""

    seed: int
    dates: pd.DatetimeIndex
    demand: np.ndarray
    always_on: dict[str, np.ndarray]
    media: dict[str, np.ndarray]
    price: np.ndarray
    markdown: np.ndarray
    camp: dict[str, np.ndarray]
    noise: np.ndarray
    common: np.ndarray  # the day's noise shared by every segment (days), a factor of `noise`
    basket: np.ndarray
    conversion_noise: np.ndarray

    @property
    def discount(self) -> np.ndarray:
        """Discount actually applied: the campaign's inside its rows, else the markdown."""
        return self.markdown + self.camp["discount"]

    @property
    def media_total(self) -> np.ndarray:
        """Units added by all always-on media."""
        return np.sum(list(self.media.values()), axis=0)

    @property
    def price_effect(self) -> np.ndarray:
        """(price / reference price) ^ price elasticity."""
        return (self.price / _category_vector(REFERENCE_PRICE)) ** PRICE_ELASTICITY

    def units_float(self, discount: np.ndarray, uplift: np.ndarray) -> np.ndarray:
        """Unrounded units for a given discount and campaign uplift (same noise and media)."""
        return (
            (self.demand + self.media_total)
            * self.price_effect
            * (1.0 - discount) ** DISCOUNT_ELASTICITY
            * (1.0 + uplift)
            * self.noise
        )


def simulate(seed: int = DEFAULT_SEED) -> _Simulation:
    """Draw every random component from numpy default_rng streams spawned from `seed`."""
    dates = calendar()
    validate_schedule(dates)
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(5)]
    spend_rng, common_rng, segment_rng, basket_rng, conversion_rng = streams
    shape = (len(dates), len(SEGMENTS))
    always_on = {ch.name: always_on_spend(dates, ch, spend_rng) for ch in CHANNEL_SPECS}
    media = {ch.name: channel_units(always_on[ch.name], ch) for ch in CHANNEL_SPECS}
    common = ar1_lognormal(len(dates), COMMON_NOISE_PHI, COMMON_NOISE_SD, common_rng)
    noise = common[:, None] * iid_lognormal(shape, SEGMENT_NOISE_SD, segment_rng)
    basket = np.maximum(
        1.0, _category_vector(BASKET_SIZE) * iid_lognormal(shape, BASKET_NOISE_SD, basket_rng)
    )
    return _Simulation(
        seed=seed,
        dates=dates,
        demand=baseline_demand(dates),
        always_on=always_on,
        media=media,
        price=list_prices(dates),
        markdown=markdown_discount(dates),
        camp=campaign_arrays(dates),
        noise=noise,
        common=common,
        basket=basket,
        conversion_noise=iid_lognormal(shape, CONVERSION_NOISE_SD, conversion_rng),
    )


def _revenue(units: np.ndarray, price: np.ndarray, discount: np.ndarray) -> np.ndarray:
    """Revenue in ¥ rounded to cents."""
    return np.round(units * price * (1.0 - discount), 2)


def _frame_rows(dates: pd.DatetimeIndex) -> pd.DataFrame:
    """date, region, category key columns in row order (date, then region, then category)."""
    n = len(dates)
    return pd.DataFrame(
        {
            "date": np.repeat(dates.strftime("%Y-%m-%d").to_numpy(), len(SEGMENTS)),
            "region": np.tile([r for r, _ in SEGMENTS], n),
            "category": np.tile([c for _, c in SEGMENTS], n),
        }
    )


def build_daily(sim: _Simulation) -> pd.DataFrame:
    """The sales_daily table from a simulation."""
    discount = sim.discount
    units = np.rint(sim.units_float(discount, sim.camp["uplift"]))
    orders = np.rint(units / sim.basket)
    conversion = (
        _category_vector(CONVERSION_RATE)
        * (1.0 + CONVERSION_DISCOUNT_SLOPE * discount)
        * sim.conversion_noise
    )
    visits = np.rint(orders / conversion)
    frame = _frame_rows(sim.dates)
    frame["visits"] = visits.ravel().astype(np.int64)
    frame["orders"] = orders.ravel().astype(np.int64)
    frame["units"] = units.ravel().astype(np.int64)
    frame["revenue"] = _revenue(units, sim.price, discount).ravel()
    frame["price"] = sim.price.ravel()
    frame["discount"] = np.round(discount, 2).ravel()
    frame["promo_flag"] = (discount > 0).ravel().astype(np.int64)
    frame["campaign"] = pd.array(sim.camp["name"].ravel(), dtype="str")
    for ch in CHANNELS:
        frame[f"{ch}_spend"] = np.round(sim.always_on[ch] + sim.camp[ch], 2).ravel()
    return frame[list(DAILY_COLUMNS)]


def build_components(sim: _Simulation) -> pd.DataFrame:
    """Per-row simulation internals, for tests that need more than the CSV shows."""
    units_no_campaign = np.rint(sim.units_float(sim.markdown, np.zeros_like(sim.markdown)))
    frame = _frame_rows(sim.dates)
    for ch in CHANNELS:
        frame[f"always_on_{ch}"] = sim.always_on[ch].ravel()
        frame[f"campaign_{ch}"] = sim.camp[ch].ravel()
        frame[f"media_units_{ch}"] = sim.media[ch].ravel()
    frame["demand_units"] = sim.demand.ravel()
    frame["price_effect"] = sim.price_effect.ravel()
    frame["discount_effect"] = ((1.0 - sim.discount) ** DISCOUNT_ELASTICITY).ravel()
    frame["campaign_uplift"] = sim.camp["uplift"].ravel()
    frame["noise"] = sim.noise.ravel()
    frame["units_no_campaign"] = units_no_campaign.ravel().astype(np.int64)
    frame["revenue_no_campaign"] = _revenue(units_no_campaign, sim.price, sim.markdown).ravel()
    return frame


def build_campaigns() -> pd.DataFrame:
    """The campaigns table (what a marketer would upload; the uplift is not in it)."""
    rows = [
        {
            "campaign_id": c.campaign_id,
            "name": c.name,
            "channel": c.channel,
            "start": c.start,
            "end": c.end,
            "spend": c.spend,
            "discount": c.discount,
            "target_regions": "|".join(c.regions),
            "target_categories": "|".join(c.categories),
        }
        for c in CAMPAIGNS
    ]
    return pd.DataFrame(rows, columns=list(CAMPAIGN_COLUMNS))


# --- ground truth ---------------------------------------------------------------------------


def _money(x: float) -> float:
    """Round to cents as a plain float."""
    return round(float(x), 2)


def campaign_truth(sim: _Simulation, campaign: Campaign) -> dict[str, Any]:
    """Actual versus counterfactual (no uplift, no discount) over the campaign's rows."""
    mask = campaign_mask(sim.dates, campaign)
    discount = sim.discount
    actual_units = np.rint(sim.units_float(discount, sim.camp["uplift"]))
    cf_discount = np.where(mask, 0.0, discount)
    cf_uplift = np.where(mask, 0.0, sim.camp["uplift"])
    cf_units = np.rint(sim.units_float(cf_discount, cf_uplift))
    actual_rev = _revenue(actual_units, sim.price, discount)
    cf_rev = _revenue(cf_units, sim.price, cf_discount)
    in_window = mask.any(axis=1)
    daily = [
        {
            "date": d.date().isoformat(),
            "actual_revenue": _money(actual_rev[t][mask[t]].sum()),
            "counterfactual_revenue": _money(cf_rev[t][mask[t]].sum()),
        }
        for t, d in zip(np.flatnonzero(in_window), sim.dates[in_window], strict=True)
    ]
    actual, counterfactual = actual_rev[mask].sum(), cf_rev[mask].sum()
    incremental = actual - counterfactual
    discount_cost = (actual_units * sim.price * discount)[mask].sum()
    unit_cost = (1.0 - SAMPLE_MARGIN) * sim.price
    gross_gain = (actual_rev - actual_units * unit_cost - (cf_rev - cf_units * unit_cost))[
        mask
    ].sum()
    baseline_discount = (cf_units * sim.price * discount)[mask].sum()
    return {
        "id": campaign.campaign_id,
        "name": campaign.name,
        "channel": campaign.channel,
        "start": campaign.start,
        "end": campaign.end,
        "days": campaign.days,
        "target_regions": list(campaign.regions),
        "target_categories": list(campaign.categories),
        "n_segments": len(campaign.segments),
        "spend": _money(campaign.spend),
        "spend_per_row": campaign_spend_per_row(campaign),
        "discount": campaign.discount,
        "uplift": campaign.uplift,
        "actual_units": int(actual_units[mask].sum()),
        "counterfactual_units": int(cf_units[mask].sum()),
        "true_incremental_units": int(actual_units[mask].sum() - cf_units[mask].sum()),
        "actual_revenue": _money(actual),
        "counterfactual_revenue": _money(counterfactual),
        "true_incremental_revenue": _money(incremental),
        "true_relative_effect": round(float(incremental / counterfactual), 6),
        "true_roas": round(float(incremental / campaign.spend), 4),
        "discount_cost": _money(discount_cost),
        "margin": SAMPLE_MARGIN,
        "true_incremental_gross_profit": _money(gross_gain + baseline_discount),
        "true_baseline_discount_cost": _money(baseline_discount),
        "true_incremental_profit": _money(gross_gain - campaign.spend),
        "true_roi": round(float((gross_gain - campaign.spend) / campaign.spend), 4),
        "daily": daily,
    }


def channel_truth(sim: _Simulation, channel: Channel) -> dict[str, Any]:
    """Response parameters plus average and marginal return of the channel's always-on spend."""
    discount = sim.discount
    scale = sim.price_effect * (1.0 - discount) ** DISCOUNT_ELASTICITY
    scale = scale * (1.0 + sim.camp["uplift"]) * sim.noise
    net_price = sim.price * (1.0 - discount)
    spend = sim.always_on[channel.name]
    contribution = sim.media[channel.name] * scale
    bumped = channel_units(spend * 1.01, channel) * scale - contribution
    total_spend = spend.sum()
    all_units = sim.units_float(discount, sim.camp["uplift"]).sum()
    return {
        "decay": channel.decay,
        "shape": channel.shape,
        "half_sat": channel.half_sat,
        "beta": channel.beta,
        "mean_daily_spend_per_row": _money(spend.mean()),
        "share_of_days_with_zero_spend": round(float((spend.sum(axis=1) == 0).mean()), 4),
        "mean_adstocked_spend_when_on": _money(
            adstock(spend, channel.decay)[spend.sum(axis=1) > 0].mean()
        ),
        "share_of_units": round(float(contribution.sum() / all_units), 4),
        "contribution_units": round(float(contribution.sum()), 1),
        "contribution_revenue": _money((contribution * net_price).sum()),
        "avg_units_per_1000_yuan": round(float(1000 * contribution.sum() / total_spend), 4),
        "avg_revenue_per_yuan": round(float((contribution * net_price).sum() / total_spend), 4),
        "marginal_revenue_per_yuan": round(
            float((bumped * net_price).sum() / (0.01 * total_spend)), 4
        ),
    }


def discount_units_per_point(sim: _Simulation, rows: np.ndarray | None = None) -> float:
    """Mean change in unrounded daily units per row for discount + 0.01, everything else fixed."""
    discount = sim.discount
    delta = sim.units_float(discount + 0.01, sim.camp["uplift"]) - sim.units_float(
        discount, sim.camp["uplift"]
    )
    return float(delta[rows].mean() if rows is not None else delta.mean())


def build_truth(sim: _Simulation) -> dict[str, Any]:
    """The ground_truth.json content."""
    campaigns = [campaign_truth(sim, c) for c in CAMPAIGNS]
    channels = {ch.name: channel_truth(sim, ch) for ch in CHANNEL_SPECS}
    media_share = np.sum(sim.media_total) / np.sum(sim.demand + sim.media_total)
    return {
        "seed": sim.seed,
        "date_range": {"start": START_DATE, "end": END_DATE, "days": len(sim.dates)},
        "segments": [{"region": r, "category": c} for r, c in SEGMENTS],
        "campaigns": campaigns,
        "channels": channels,
        "media_share_of_units": round(float(media_share), 4),
        "elasticities": {
            "price_elasticity": PRICE_ELASTICITY,
            "discount_elasticity": DISCOUNT_ELASTICITY,
            "reference_prices": dict(REFERENCE_PRICE),
            "discount_units_per_point": round(discount_units_per_point(sim), 4),
            "discount_units_per_point_promo_rows": round(
                discount_units_per_point(sim, sim.discount > 0), 4
            ),
        },
        "holidays": [e.to_dict() for e in holiday_events()],
        "demand": {
            "base_units_per_day": {
                f"{r}|{c}": round(BASE_UNITS[c] * REGION_DEMAND[r], 2) for r, c in SEGMENTS
            },
            "trend_per_year": dict(TREND_PER_YEAR),
            "weekly_monday_to_sunday": [round(w, 4) for w in WEEKLY],
            "yearly_amplitude": dict(YEARLY_AMPLITUDE),
            "yearly_peak_day_of_year": YEARLY_PEAK_DAY,
            "common_noise": {"ar1_phi": COMMON_NOISE_PHI, "log_sd": COMMON_NOISE_SD},
            "segment_noise_log_sd": SEGMENT_NOISE_SD,
        },
        "price_changes": [
            {"date": p.date, "category": p.category, "regions": list(p.regions), "price": p.price}
            for p in PRICE_CHANGES
        ],
        "markdowns": [
            {
                "start": m.start,
                "end": m.end,
                "regions": list(m.regions),
                "categories": list(m.categories),
                "discount": m.discount,
            }
            for m in MARKDOWNS
        ],
        "notes": TRUTH_NOTES,
    }


TRUTH_NOTES = {
    "model": (
        "units = (demand + media) × (price/reference)^price_elasticity × (1 − discount)"
        "^discount_elasticity × (1 + campaign uplift) × noise, rounded to an integer; "
        "demand = base × trend × weekly × yearly × holiday."
    ),
    "seed": "numpy SeedSequence seed; every random draw comes from default_rng streams spawned "
    "from it.",
    "date_range": "first and last simulated day (inclusive) and the number of days.",
    "segments": "the 12 region × category series, in the CSV's row order within a date.",
    "campaigns": "planted campaigns; uplift = planted multiplier on units − 1 in the window and "
    "target segments.",
    "campaigns.actual_revenue": "sum of sales_daily revenue over the campaign's window and "
    "target segments (¥); actual_units likewise.",
    "campaigns.counterfactual_revenue": "the same simulation (same noise, same always-on media) "
    "with this campaign's uplift removed and its discount set to 0, summed over its rows.",
    "campaigns.true_incremental_revenue": "actual_revenue − counterfactual_revenue (¥); "
    "true_incremental_units likewise.",
    "campaigns.true_relative_effect": "true_incremental_revenue / counterfactual_revenue.",
    "campaigns.true_roas": "true_incremental_revenue / spend.",
    "campaigns.discount_cost": "sum of units × price × discount over the campaign's rows (¥).",
    "campaigns.margin": "gross margin on list-price revenue the profit figures are valued at "
    "(the app's default; unit cost = (1 − margin) × list price).",
    "campaigns.true_incremental_gross_profit": "gross profit (revenue − units × unit cost) of "
    "the actual sales minus that of the counterfactual, plus true_baseline_discount_cost: what "
    "the extra units earned at the campaign's price (¥).",
    "campaigns.true_baseline_discount_cost": "the discount the counterfactual units would have "
    "been given: sum of counterfactual units × price × discount over the campaign's rows (¥), "
    "the discount given away on sales that would have happened anyway.",
    "campaigns.true_incremental_profit": "true_incremental_gross_profit − "
    "true_baseline_discount_cost − spend: what the campaign added to profit (¥).",
    "campaigns.true_roi": "true_incremental_profit / spend.",
    "campaigns.spend_per_row": "campaign spend added to its channel's spend column on each of "
    "its rows: spend / (days × segments), rounded to cents.",
    "campaigns.daily": "actual and counterfactual revenue per day, summed over target segments.",
    "channels": "always-on media: units added per segment row = beta × hill(adstock(spend)), "
    "hill(x) = x^shape / (x^shape + half_sat^shape), adstock a_t = x_t + decay × a_{t−1} "
    "from a_{−1} = 0.",
    "channels.spend_units": "spend x is the always-on daily spend of ONE segment row in ¥, "
    "before adstock; it is the spend column minus the campaign's spend_per_row on campaign "
    "rows. Campaign spend does not enter the response curve: its effect is the campaign uplift.",
    "channels.beta": "maximum units per segment row per day at reference price, no discount, "
    "no campaign and mean noise; the media units are then scaled by the same price, discount, "
    "campaign and noise factors as demand.",
    "channels.avg_revenue_per_yuan": "revenue from the channel's always-on media over both years "
    "(actual minus the same run with that channel's media units removed) / its always-on spend.",
    "channels.marginal_revenue_per_yuan": "extra revenue from +1% always-on spend in the channel "
    "on every row / the extra spend (the marginal ROAS at the observed levels).",
    "channels.share_of_units": "the channel's media units / all units (unrounded).",
    "media_share_of_units": "share of units from all always-on media at list price, before "
    "discounts, campaigns and noise.",
    "elasticities": "the true price and discount elasticities and derived slopes; reference "
    "prices are the list prices on the first day.",
    "elasticities.price_elasticity": "units ∝ (list price / reference price)^price_elasticity.",
    "elasticities.discount_elasticity": "units ∝ (1 − discount)^discount_elasticity, e.g. 20% "
    "off gives 0.8^−2 = 1.5625×.",
    "elasticities.discount_units_per_point": "mean over all rows of the change in unrounded daily "
    "units when discount rises by 0.01, everything else fixed (finite difference on the actual "
    "data): the target of a linear units-on-discount slope per percentage point (× 100 for a "
    "slope per unit of discount fraction), given the regression controls for segment, season "
    "and campaigns; _promo_rows is the same over rows with discount > 0.",
    "holidays": "festival multipliers on demand, common to all segments, per date.",
    "demand": "baseline parameters: base units per segment at trend start, growth per year, "
    "weekly and yearly shape, and noise (common AR(1) on the log scale plus iid per segment).",
    "price_changes": "list-price changes: from that date on, the category in those regions.",
    "markdowns": "non-campaign discount episodes (promo_flag = 1, campaign empty).",
    "baskets": "order_lines.csv (sample_data/baskets.py): planted pairs, segment tastes.",
}
TRUTH_NOTES["customers"] = customer_sample.NOTE


# --- public API -----------------------------------------------------------------------------


def generate(seed: int = DEFAULT_SEED) -> SampleData:
    """Simulate the sample data set; the same seed always gives identical output."""
    sim = simulate(seed)
    return SampleData(
        daily=build_daily(sim),
        campaigns=build_campaigns(),
        truth={
            **experiments.with_truth(build_truth(sim)),
            "baskets": baskets.generate()[1],
            "customers": customer_sample.truth(),
        },
        components=build_components(sim),
    )


def render_files(data: SampleData) -> dict[str, bytes]:
    """The exact bytes of each output file, keyed by file name."""
    csv_options = {"index": False, "float_format": "%.2f", "lineterminator": "\n"}
    truth = json.dumps(data.truth, indent=2, ensure_ascii=False) + "\n"
    return {
        DAILY_FILE: data.daily.to_csv(**csv_options).encode("utf-8"),
        CAMPAIGN_FILE: data.campaigns.to_csv(**csv_options).encode("utf-8"),
        TRUTH_FILE: truth.encode("utf-8"),
        baskets.FILE: baskets.render(baskets.generate()[0]),
        **customer_sample.files(),
        **experiments.render_files(),
    }


def write(outdir: str | Path = OUTDIR, data: SampleData | None = None) -> list[Path]:
    """Write the CSVs and ground_truth.json into outdir (default: next to this file)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in render_files(data if data is not None else generate()).items():
        path = outdir / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def expected_units(
    spend_by_channel: Mapping[str, float],
    days: int = 1,
    segments: Sequence[tuple[str, str]] = SEGMENTS,
    steady_state: bool = True,
) -> MediaResponse:
    """Noise-free incremental units and revenue of a constant daily spend per channel per segment.

    Each listed segment gets `spend_by_channel[c]` ¥ a day in channel c for `days` days; the
    result is summed over days and segments, against zero spend, at reference price, no
    discount, no campaign and mean noise; revenue = units × the category's reference price.
    steady_state=True assumes the spend has run long enough for adstock to settle
    (x / (1 − decay)); False starts from zero adstock on day one (cold start).
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    units_by_channel: dict[str, float] = {}
    revenue_by_channel: dict[str, float] = {}
    for name, daily_spend in spend_by_channel.items():
        channel = channel_spec(name)
        if daily_spend < 0:
            raise ValueError(f"spend for {name} must not be negative")
        if steady_state:
            stock = np.full(days, daily_spend / (1.0 - channel.decay))
        else:
            stock = daily_spend * (1.0 - channel.decay ** np.arange(1, days + 1))
            stock /= 1.0 - channel.decay
        per_segment = float(channel.beta * hill(stock, channel.shape, channel.half_sat).sum())
        units_by_channel[name] = per_segment * len(segments)
        revenue_by_channel[name] = per_segment * sum(REFERENCE_PRICE[c] for _, c in segments)
    spend = float(sum(spend_by_channel.values())) * days * len(segments)
    return MediaResponse(
        spend=spend,
        units=sum(units_by_channel.values()),
        revenue=sum(revenue_by_channel.values()),
        units_by_channel=units_by_channel,
        revenue_by_channel=revenue_by_channel,
    )


def cover_demand_draws(
    sim: _Simulation,
    cutoff: str,
    days: int,
    segments: Sequence[tuple[str, str]],
    draws: int = 100_000,
    seed: int = 0,
) -> np.ndarray:
    """Draws of the units sold over the `days` days after `cutoff` in `segments`, summed: the
    true distribution of that demand given everything up to the cut-off.

    The mean path is the simulation's (season, trend, festivals, price, discounts, campaigns and
    the media its spend buys); the noise is drawn afresh from the generator's model: the shared
    AR(1) log noise continues from its value on the cut-off day, each segment's own noise is
    independent, and daily units are rounded as in the file.
    """
    day = sim.dates.get_loc(pd.Timestamp(cutoff))
    ahead = slice(day + 1, day + 1 + days)
    if ahead.stop > len(sim.dates):
        raise ValueError("the days after the cut-off run past the simulated range")
    columns = [SEGMENTS.index(segment) for segment in segments]
    mean_path = (sim.units_float(sim.discount, sim.camp["uplift"]) / sim.noise)[ahead][:, columns]
    rng = np.random.default_rng(seed)
    phi, sd = COMMON_NOISE_PHI, COMMON_NOISE_SD
    state = np.full(draws, np.log(sim.common[day]) + sd**2 / 2)
    shared = np.empty((draws, days))
    for step in range(days):
        state = phi * state + rng.normal(0.0, sd * np.sqrt(1.0 - phi**2), size=draws)
        shared[:, step] = np.exp(state - sd**2 / 2)
    own = iid_lognormal((draws, days, len(columns)), SEGMENT_NOISE_SD, rng)
    return np.rint(mean_path[None] * shared[:, :, None] * own).sum(axis=(1, 2))


def synthetic_series(
    n_days: int = 365,
    effect: float = 0.0,
    seed: int = 0,
    start_effect_day: int | None = None,
    n_controls: int = 0,
    level: float = 1000.0,
    trend_per_year: float = 0.10,
    weekly_amplitude: float = 0.10,
    ar_phi: float = COMMON_NOISE_PHI,
    common_sd: float = COMMON_NOISE_SD,
    idio_sd: float = SEGMENT_NOISE_SD,
    start: str = START_DATE,
) -> tuple[pd.Series | pd.DataFrame, SyntheticTruth]:
    """One daily series with a planted multiplicative effect from start_effect_day to the end.

    The series has trend, weekly seasonality and AR(1) log noise; with n_controls > 0 a frame is
    returned with column "y" and "control_1".. that share y's common noise but get no effect.
    start_effect_day defaults to n_days − 28; effect=0 plants nothing.
    """
    start_effect_day = n_days - 28 if start_effect_day is None else start_effect_day
    if not 0 < start_effect_day < n_days:
        raise ValueError("start_effect_day must fall inside the series")
    if effect <= -1.0 or n_controls < 0:
        raise ValueError("effect must exceed -1 and n_controls must not be negative")
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=n_days, freq="D", name="date")
    common = ar1_lognormal(n_days, ar_phi, common_sd, rng)
    years = np.arange(n_days) / 365.25
    angle = 2 * np.pi * dates.day_of_week.to_numpy() / 7

    def one_series(series_level: float, phase: float) -> np.ndarray:
        weekly = 1.0 + weekly_amplitude * np.cos(angle - phase)
        trend = (1.0 + trend_per_year) ** years
        return series_level * trend * weekly * common * iid_lognormal((n_days,), idio_sd, rng)

    counterfactual = one_series(level, 5 * 2 * np.pi / 7)
    uplift = np.where(np.arange(n_days) >= start_effect_day, 1.0 + effect, 1.0)
    y = pd.Series(counterfactual * uplift, index=dates, name="y")
    cf = pd.Series(counterfactual, index=dates, name="counterfactual")
    window = slice(start_effect_day, n_days)
    actual_sum, cf_sum = float(y.iloc[window].sum()), float(cf.iloc[window].sum())
    truth = SyntheticTruth(
        effect=effect,
        effect_start=dates[start_effect_day],
        effect_end=dates[-1],
        effect_days=n_days - start_effect_day,
        actual_sum=actual_sum,
        counterfactual_sum=cf_sum,
        incremental=actual_sum - cf_sum,
        relative_effect=(actual_sum - cf_sum) / cf_sum,
        counterfactual=cf.iloc[window],
    )
    if n_controls == 0:
        return y, truth
    frame = y.to_frame()
    for k in range(1, n_controls + 1):
        control_level = level * rng.uniform(0.5, 1.5)
        frame[f"control_{k}"] = one_series(control_level, rng.uniform(4.5, 5.5) * 2 * np.pi / 7)
    return frame, truth


def drifting_stores(
    effect: float = 0.0,
    effect_days: int = 21,
    seed: int = 0,
    *,
    n_days: int = 730,
    n_controls: int = 2,
    walk_sd: float = 0.004,
    season_shift_days: float = 30.0,
    yearly_amplitude: float = 0.3,
    common_sd: float = 0.08,
    idio_sd: float = 0.02,
) -> tuple[pd.DataFrame, SyntheticTruth]:
    """Stores that do not share a calm trend: each log series has its own linear trend, its own
    random-walk level (``walk_sd`` a day; 0 for none), a yearly season whose peak comes
    ``season_shift_days`` later in each further store (0: all peak together), a weekly cycle, and
    AR(1) noise shared by all stores. Column "y" gets a multiplicative ``effect`` over
    ``effect_days`` days ending 40 days before the last; "store_1".. are its controls."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(START_DATE, periods=n_days, freq="D", name="date")
    days = np.arange(n_days)
    common = np.log(ar1_lognormal(n_days, COMMON_NOISE_PHI, common_sd, rng))
    weekly = 0.1 * np.cos(2 * np.pi * (dates.day_of_week.to_numpy() - 5) / 7)
    peak = rng.uniform(0, 365.25)

    def one_store(k: int) -> np.ndarray:
        season = yearly_amplitude * np.cos(
            2 * np.pi * (days - peak - k * season_shift_days) / 365.25
        )
        trend = rng.uniform(-0.2, 0.3) * days / 365.25
        walk = np.cumsum(rng.normal(0.0, walk_sd, n_days)) if walk_sd else 0.0
        level = 1000.0 * rng.uniform(0.5, 1.5)
        return (
            level
            * np.exp(season + trend + walk + weekly + common)
            * iid_lognormal((n_days,), idio_sd, rng)
        )

    counterfactual = one_store(0)
    first = n_days - 40 - effect_days
    window = slice(first, first + effect_days)
    uplift = np.ones(n_days)
    uplift[window] = 1.0 + effect
    frame = pd.DataFrame({"y": counterfactual * uplift}, index=dates)
    for k in range(1, n_controls + 1):
        frame[f"store_{k}"] = one_store(k)
    actual_sum = float(frame["y"].iloc[window].sum())
    cf_sum = float(counterfactual[window].sum())
    truth = SyntheticTruth(
        effect=effect,
        effect_start=dates[first],
        effect_end=dates[first + effect_days - 1],
        effect_days=effect_days,
        actual_sum=actual_sum,
        counterfactual_sum=cf_sum,
        incremental=actual_sum - cf_sum,
        relative_effect=(actual_sum - cf_sum) / cf_sum,
        counterfactual=pd.Series(counterfactual[window], index=dates[window]),
    )
    return frame, truth


def main() -> None:
    """Regenerate the files next to this script and print a short summary."""
    data = generate()
    for path in write(OUTDIR, data):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    for c in data.truth["campaigns"]:
        print(
            f"{c['id']} {c['name']:<22} uplift {c['uplift']:+.0%} "
            f"incremental ¥{c['true_incremental_revenue']:>12,.2f} ROAS {c['true_roas']:.2f} "
            f"profit ¥{c['true_incremental_profit']:>12,.2f} ROI {c['true_roi']:+.0%}"
        )


if __name__ == "__main__":
    main()
