"""What campaigns do to retention: customers first acquired during a campaign against those
acquired outside (repeat-purchase curves with censoring, P(alive) and lifetime value), and existing
customers who bought with a campaign against matched ones who bought without it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.customers.log import LogColumns, Purchases, purchases
from analytics.customers.reached import MatchedComparison, matched_comparison, percentile_interval
from analytics.errors import Failure, UserInputError
from analytics.experiments.stats import wilson_interval
from analytics.ingest.roles import CAMPAIGN, DATE, Mapping
from analytics.selection import Campaign, campaigns_in, check_column

CAMPAIGN_SOURCE, DISCOUNT_SOURCE = "campaign_column", "first_order_discount"
CAMPAIGN_GROUP, OUTSIDE_GROUP = "campaign", "outside"
HEADLINE_DAYS = (30, 60, 90, 180)
CURVE_STEP_DAYS = 7
MIN_GROUP = 30  # customers in each cohort for a comparison
MIN_AT_RISK = 20  # customers observed long enough for a point of the curve
BOOTSTRAP_DRAWS = 2000
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
VALUE_METRICS = ("p_alive", "clv")


@dataclass(frozen=True)
class CurvePoint:
    """Of a cohort's customers observed at least ``day`` days after their first purchase
    (``at_risk``), the share who bought again within ``day`` days, with its Wilson interval."""

    group: str
    day: int
    at_risk: int
    repeaters: int
    share: float
    low: float
    high: float


@dataclass(frozen=True)
class CohortGap:
    """At ``day``: the campaign cohort's repeat share minus the outside cohort's, with the
    Newcombe (Wilson hybrid) interval."""

    day: int
    campaign_share: float
    outside_share: float
    difference: float
    low: float
    high: float
    campaign_at_risk: int
    outside_at_risk: int

    @property
    def detected(self) -> bool:
        return self.low > 0 or self.high < 0


@dataclass(frozen=True)
class GroupValues:
    """One metric (P(alive) or CLV) in one cohort: size, mean, median and the 5/25/50/75/95%
    quantiles."""

    metric: str
    group: str
    customers: int
    mean: float
    median: float
    quantiles: tuple[float, ...]


@dataclass(frozen=True)
class ValueGap:
    """Campaign cohort minus outside cohort: the difference of means and of medians, and the
    relative difference of means, each with a percentile bootstrap interval."""

    metric: str
    mean_difference: float
    mean_ci: tuple[float, float]
    median_difference: float
    median_ci: tuple[float, float]
    relative: float
    relative_ci: tuple[float, float]

    @property
    def verdict(self) -> str:
        """ "less" or "more" when the interval of the difference of means excludes zero."""
        if self.mean_ci[1] < 0:
            return "less"
        if self.mean_ci[0] > 0:
            return "more"
        return "no_difference"


@dataclass(frozen=True)
class RetentionResult:
    """Everything the Retention section and ``python -m analytics retention`` show. ``source``
    says how campaign acquisition was known: the campaign column's windows or a discount on the
    first order."""

    source: str
    campaign_column: str | None
    campaigns: tuple[Campaign, ...]
    campaign_customers: int
    outside_customers: int
    last_day: str
    curve: tuple[CurvePoint, ...]
    gaps: tuple[CohortGap, ...]
    values: tuple[GroupValues, ...]
    value_gaps: tuple[ValueGap, ...]
    matched: MatchedComparison | None
    matched_reason: str | None

    def value_gap(self, metric: str) -> ValueGap | None:
        return next((g for g in self.value_gaps if g.metric == metric), None)

    def to_dict(self) -> dict[str, Any]:
        clv = self.value_gap("clv")
        return {
            "source": self.source,
            "campaign_column": self.campaign_column,
            "campaigns": [
                {"name": c.name, "start": str(c.start.date()), "end": str(c.end.date())}
                for c in self.campaigns
            ],
            "campaign_customers": self.campaign_customers,
            "outside_customers": self.outside_customers,
            "last_day": self.last_day,
            "repeat_curve": [asdict(p) for p in self.curve],
            "repeat_gaps": [asdict(g) for g in self.gaps],
            "values": [asdict(v) for v in self.values],
            "value_gaps": [asdict(g) for g in self.value_gaps],
            "worth_less": clv.verdict if clv else None,
            "existing_customers": self.matched.to_dict() if self.matched else None,
            "existing_customers_reason": self.matched_reason,
        }


def analyse_retention(
    frame: pd.DataFrame,
    columns: LogColumns,
    campaign_column: str | None,
    values: pd.DataFrame | None = None,
    period_days: int = 90,
) -> RetentionResult:
    """The cohorts from the campaign column's windows (else from a discount on the first
    order), their repeat curves, their P(alive) and CLV from ``values`` (one row per customer:
    ``customer``, ``p_alive``, ``clv``) and, with a campaign column, the matched comparison of
    existing customers over ``period_days`` before and after each campaign."""
    bought = purchases(frame, columns)
    campaigns = _campaigns(frame, columns, campaign_column)
    source = CAMPAIGN_SOURCE if campaigns else DISCOUNT_SOURCE
    if not campaigns and columns.discount is None:
        raise UserInputError(
            "Which customers a campaign acquired is unknown: the orders need a campaign column "
            "(each order's campaign) or a discount column.",
            code="ret_no_campaign_info",
        )
    firsts = _first_purchases(bought, campaigns)
    _check_cohort_sizes(firsts)
    curve = _curve(firsts, bought.last_day)
    matched, reason = None, "no_campaign_column"
    if campaigns:
        matched, reason = matched_comparison(
            bought, _labelled_days(frame, columns, campaign_column), campaigns, period_days
        )
    value_rows = _value_rows(firsts, values) if values is not None else None
    return RetentionResult(
        source=source,
        campaign_column=campaign_column if campaigns else None,
        campaigns=tuple(campaigns),
        campaign_customers=int(firsts["in_campaign"].sum()),
        outside_customers=int((~firsts["in_campaign"]).sum()),
        last_day=str(bought.last_day.date()),
        curve=curve,
        gaps=_gaps(curve),
        values=_group_values(value_rows) if value_rows is not None else (),
        value_gaps=_value_gaps(value_rows) if value_rows is not None else (),
        matched=matched,
        matched_reason=None if matched else reason,
    )


def _campaigns(
    frame: pd.DataFrame, columns: LogColumns, campaign_column: str | None
) -> list[Campaign]:
    if campaign_column is None:
        return []
    check_column(frame, campaign_column, "campaign")
    found = campaigns_in(frame, Mapping({columns.date: DATE, campaign_column: CAMPAIGN}))
    return [
        Campaign(c.name, pd.Timestamp(c.start).normalize(), pd.Timestamp(c.end).normalize(), {})
        for c in found
    ]


def _labelled_days(frame: pd.DataFrame, columns: LogColumns, campaign_column: str | None):
    """(customer, day, campaign) of every order placed with a campaign."""
    names = frame[campaign_column].astype("string").str.strip()
    rows = pd.DataFrame(
        {
            "customer": frame[columns.customer].astype("string"),
            "day": frame[columns.date].dt.normalize(),
            "campaign": names,
        }
    )
    return rows[rows["campaign"].notna() & (rows["campaign"] != "")].dropna()


def _first_purchases(bought: Purchases, campaigns: list[Campaign]) -> pd.DataFrame:
    """Per customer: the first and second purchase days and whether a campaign acquired them
    (first purchase inside a campaign window, or with a discount when no window is known)."""
    daily = bought.frame
    rank = daily.groupby("customer", sort=False, observed=True).cumcount()
    first = daily[rank == 0].set_index("customer")
    second = daily.loc[rank == 1, ["customer", "day"]].set_index("customer")["day"]
    table = pd.DataFrame({"first": first["day"], "second": second.reindex(first.index)})
    if campaigns:
        inside = np.zeros(len(table), dtype=bool)
        for c in campaigns:
            inside |= ((table["first"] >= c.start) & (table["first"] <= c.end)).to_numpy()
        table["in_campaign"] = inside
    else:
        table["in_campaign"] = (first["discount"] > 0).to_numpy()
    table["to_second"] = (table["second"] - table["first"]).dt.days.astype(float)
    table["observed"] = (bought.last_day - table["first"]).dt.days.astype(float)
    return table


def _check_cohort_sizes(firsts: pd.DataFrame) -> None:
    acquired = int(firsts["in_campaign"].sum())
    outside = len(firsts) - acquired
    if min(acquired, outside) < MIN_GROUP:
        raise UserInputError(
            f"Only {acquired} customers were first acquired during a campaign and {outside} "
            f"outside: each group needs at least {MIN_GROUP}. Add orders from more campaigns "
            "(or a longer period) to compare them.",
            code="ret_too_few_customers",
            acquired=acquired,
            outside=outside,
            least=MIN_GROUP,
        )


def _curve(firsts: pd.DataFrame, last_day: pd.Timestamp) -> tuple[CurvePoint, ...]:
    """Each cohort's repeat share by day since the first purchase; a customer counts at day d
    only when observed d days after the first purchase (censoring)."""
    days = sorted(
        {*range(CURVE_STEP_DAYS, max(HEADLINE_DAYS) + 1, CURVE_STEP_DAYS), *HEADLINE_DAYS}
    )
    points = []
    for group, in_campaign in ((CAMPAIGN_GROUP, True), (OUTSIDE_GROUP, False)):
        cohort = firsts[firsts["in_campaign"] == in_campaign]
        observed = cohort["observed"].to_numpy()
        to_second = cohort["to_second"].fillna(np.inf).to_numpy()
        for day in days:
            at_risk = observed >= day
            n = int(at_risk.sum())
            if n < MIN_AT_RISK:
                continue
            repeaters = int((to_second[at_risk] <= day).sum())
            low, high = wilson_interval(repeaters, n)
            points.append(CurvePoint(group, day, n, repeaters, repeaters / n, low, high))
    return tuple(points)


def _gaps(curve: tuple[CurvePoint, ...]) -> tuple[CohortGap, ...]:
    by_key = {(p.group, p.day): p for p in curve}
    gaps = []
    for day in HEADLINE_DAYS:
        a, b = by_key.get((CAMPAIGN_GROUP, day)), by_key.get((OUTSIDE_GROUP, day))
        if a is None or b is None:
            continue
        difference = a.share - b.share
        low = difference - np.hypot(a.share - a.low, b.high - b.share)
        high = difference + np.hypot(a.high - a.share, b.share - b.low)
        gaps.append(CohortGap(day, a.share, b.share, difference, low, high, a.at_risk, b.at_risk))
    return tuple(gaps)


def _value_rows(firsts: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    rows = values.set_index(values["customer"].astype("string"))[list(VALUE_METRICS)]
    joined = rows.join(firsts["in_campaign"], how="inner")
    return joined.dropna()


def _group_values(rows: pd.DataFrame) -> tuple[GroupValues, ...]:
    found = []
    for metric in VALUE_METRICS:
        for group, in_campaign in ((CAMPAIGN_GROUP, True), (OUTSIDE_GROUP, False)):
            x = rows.loc[rows["in_campaign"] == in_campaign, metric].to_numpy(dtype=float)
            quantiles = tuple(float(q) for q in np.quantile(x, QUANTILES))
            found.append(
                GroupValues(metric, group, len(x), float(x.mean()), float(np.median(x)), quantiles)
            )
    return tuple(found)


def _value_gaps(rows: pd.DataFrame, seed: int = 0) -> tuple[ValueGap, ...]:
    """Percentile bootstrap, each cohort resampled on its own."""
    rng = np.random.default_rng(seed)
    gaps = []
    for metric in VALUE_METRICS:
        a = rows.loc[rows["in_campaign"], metric].to_numpy(dtype=float)
        b = rows.loc[~rows["in_campaign"], metric].to_numpy(dtype=float)
        draws_a = a[rng.integers(0, len(a), (BOOTSTRAP_DRAWS, len(a)))]
        draws_b = b[rng.integers(0, len(b), (BOOTSTRAP_DRAWS, len(b)))]
        means_a, means_b = draws_a.mean(axis=1), draws_b.mean(axis=1)
        medians = np.median(draws_a, axis=1) - np.median(draws_b, axis=1)
        relative = means_a / np.where(means_b > 0, means_b, np.nan) - 1
        gaps.append(
            ValueGap(
                metric=metric,
                mean_difference=float(a.mean() - b.mean()),
                mean_ci=percentile_interval(means_a - means_b),
                median_difference=float(np.median(a) - np.median(b)),
                median_ci=percentile_interval(medians),
                relative=float(a.mean() / b.mean() - 1) if b.mean() > 0 else float("nan"),
                relative_ci=percentile_interval(relative),
            )
        )
    return tuple(gaps)


def retention_job(
    job: tuple[pd.DataFrame, LogColumns, str | None, pd.DataFrame | None, int],
) -> RetentionResult | Failure:
    """``analyse_retention`` for a worker process: a user error comes back as a value."""
    try:
        return analyse_retention(*job)
    except UserInputError as exc:
        return Failure.of(exc)
