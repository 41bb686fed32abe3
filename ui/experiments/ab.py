"""The A/B tab: the columns and control, the sample-ratio check first, then each outcome's
variants and comparisons, Holm's correction, and the decision in words."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.experiments.abtest import likely_control, variant_codes
from analytics.experiments.counts import SPREAD_KINDS, counts_units, spread_kind
from analytics.experiments.decision import verdict
from analytics.experiments.family import SegmentResults
from analytics.experiments.results import SRM_OK, SRM_WARNING, ABResult
from analytics.formatting import plain
from analytics.ingest.roles import CALENDAR, CAMPAIGN, DIMENSION, FLAG, NUMERIC_ROLES, VARIANT
from analytics.workspace import DatasetInfo
from ui.experiments import figures
from ui.experiments.methods import method_name
from ui.experiments.wording import (
    diff_text,
    metric_label,
    p_clause,
    p_text,
    rel_text,
    span,
    value_text,
)
from ui.figures import chart_config
from ui.i18n import t
from ui.safe import md
from ui.tables import show_table
from ui.url import mirror_to_url

# Columns whose names say they were measured before the test: the default CUPED covariate.
UNITS_NAME = re.compile(r"users|units|visitors|sessions|sample|用户数|人数|访客|样本")
PRE_PERIOD_NAME = re.compile(r"^pre|pre_|before|prior|last_|上期|之前|实验前|历史")
NONE = ""
SEGMENT_ROLES = (DIMENSION, CAMPAIGN, CALENDAR)
MOST_SEGMENTS = 20


@dataclass(frozen=True)
class ABChoice:
    variant: str
    control: str
    metrics: tuple[str, ...]
    covariate: str | None
    ratio: tuple[str, str] | None
    split: tuple[float, ...] | None
    units: str | None = None
    # One row per variant: (outcome, spread column, kind) for outcomes that are totals.
    spreads: tuple[tuple[str, str, str], ...] = ()


def ab_controls(info: DatasetInfo, frame: pd.DataFrame, presenter: bool) -> ABChoice | None:
    """The analysis the user asks for; defaults from the roles (hidden in presenter mode)."""
    roles = info.mapping.roles
    variants = [c for c, r in roles.items() if r == VARIANT]
    numeric = [c for c, r in roles.items() if r in NUMERIC_ROLES]
    defaults = [c for c, r in roles.items() if r == FLAG]
    if info.mapping.outcome in numeric:
        defaults.append(info.mapping.outcome)
    defaults = defaults or numeric[:1]
    if frame[variants[0]].is_unique:
        return _counts_controls(frame, variants[0], numeric, presenter)
    variant = variants[0]
    if not presenter:
        left, middle, right = st.columns(3)
        variant = left.selectbox(t("exp_variant"), variants, key="exp_ab_variant")
    names = _names(frame, variant)
    _linked("ab_control", names, likely_control(names))
    _linked("ab_outcomes", numeric, defaults)
    if presenter:
        metrics = st.session_state["ab_outcomes"]
        choices = [NONE, *[c for c in numeric if c not in metrics]]
        _linked("ab_covariate", choices, _default_covariate(numeric, metrics) or NONE)
        covariate = st.session_state["ab_covariate"] or None
        return ABChoice(
            variant, st.session_state["ab_control"], tuple(metrics), covariate, None, None
        )
    control = middle.selectbox(t("exp_control"), names, key="ab_control")
    metrics = right.multiselect(t("exp_outcomes"), numeric, key="ab_outcomes")
    mirror_to_url("ab_control", control, likely_control(names))
    mirror_to_url("ab_outcomes", list(metrics), defaults)
    left, middle, right = st.columns(3)
    covariate_default = _default_covariate(numeric, metrics) or NONE
    choices = [NONE, *[c for c in numeric if c not in metrics]]
    _linked("ab_covariate", choices, covariate_default)
    none = t("exp_none")  # worded now: the widget may format its options after this run
    covariate = left.selectbox(
        t("exp_covariate"),
        choices,
        format_func=lambda c: c or none,
        help=t("exp_covariate_help"),
        key="ab_covariate",
    )
    mirror_to_url("ab_covariate", covariate, covariate_default)
    numerator = middle.selectbox(
        t("exp_ratio"), [NONE, *numeric], format_func=lambda c: c or none, key="exp_ab_num"
    )
    denominator = right.selectbox(
        t("exp_ratio_by"), [c for c in numeric if c != numerator], key="exp_ab_den"
    )
    split = _split_input(names)
    if not metrics and not numerator:
        st.info(t("exp_no_outcome"))
        return None
    ratio = (numerator, denominator) if numerator and denominator else None
    return ABChoice(variant, control, tuple(metrics), covariate or None, ratio, split)


def _counts_controls(
    frame: pd.DataFrame, variant: str, numeric: list[str], presenter: bool
) -> ABChoice | None:
    """A file with one row per variant: its units column and the counts of converted units."""
    names = _names(frame, variant)
    units = next((c for c in numeric if UNITS_NAME.search(c.lower())), numeric[0])
    counts = [c for c in numeric if c != units]
    _linked("ab_control", names, likely_control(names))
    if presenter:  # the first outcome, with the spread column its name suggests if a total
        control = st.session_state["ab_control"]
        first = counts[:1]
        spreads: tuple[tuple[str, str, str], ...] = ()
        if first and not counts_units(frame, first[0], units):
            column = _named_spread(first[0], counts)
            spreads = ((first[0], column, spread_kind(column)),) if column else ()
        return ABChoice(variant, control, tuple(first), None, None, None, units, spreads)
    st.caption(t("exp_counts_note"))
    left, middle, right = st.columns(3)
    control = left.selectbox(t("exp_control"), names, key="ab_control")
    mirror_to_url("ab_control", control, likely_control(names))
    units = middle.selectbox(
        t("exp_units"), numeric, index=numeric.index(units), key="exp_ab_units"
    )
    counts = [c for c in numeric if c != units]
    metrics = right.multiselect(t("exp_outcomes"), counts, default=counts[:1], key="exp_ab_counts")
    spreads = tuple(
        _spread_choice(metric, [c for c in counts if c not in metrics])
        for metric in metrics
        if not counts_units(frame, metric, units)
    )
    split = _split_input(names)
    if not metrics:
        st.info(t("exp_no_outcome"))
        return None
    if any(spread is None for spread in spreads):
        st.info(t("exp_spread_needed"))
        return None
    return ABChoice(variant, control, tuple(metrics), None, None, split, units, spreads)


def _named_spread(metric: str, columns: list[str]) -> str:
    """The column whose name contains the outcome's (revenue_std for revenue), else none."""
    return next((c for c in columns if c != metric and metric.lower() in c.lower()), NONE)


def _spread_choice(metric: str, columns: list[str]) -> tuple[str, str, str] | None:
    """A total's spread per unit (needed to compare it as a mean): its column and kind."""
    left, right = st.columns(2)
    none = t("exp_none")
    column = left.selectbox(
        t("exp_spread", metric=metric),
        [NONE, *columns],
        index=[NONE, *columns].index(_named_spread(metric, columns)),
        format_func=lambda c: c or none,
        help=t("exp_spread_help"),
        key=f"exp_ab_spread_{metric}",
    )
    kind = right.selectbox(
        t("exp_spread_kind"),
        SPREAD_KINDS,
        index=SPREAD_KINDS.index(spread_kind(column)) if column else 0,
        format_func=lambda k: t(f"exp_spread_{k}"),
        key=f"exp_ab_spread_kind_{metric}_{column}",
    )
    return (metric, column, kind) if column else None


def _linked(key: str, valid: list[str], default: str | list[str]) -> None:
    """Seed a widget's value before it is drawn: the session's while valid, else the link's
    (a list for a multiselect), else ``default``."""
    several = isinstance(default, list)
    current = st.session_state.get(key)
    if current is not None and (set(current) <= set(valid) if several else current in valid):
        return
    linked = st.query_params.get_all(key) if several else st.query_params.get(key)
    fits = (bool(linked) and set(linked) <= set(valid)) if several else linked in valid
    st.session_state[key] = linked if fits else default


def _names(frame: pd.DataFrame, variant: str) -> list[str]:
    return variant_codes(frame[variant])[1]


def _default_covariate(numeric: list[str], outcomes: list[str]) -> str | None:
    return next(
        (c for c in numeric if c not in outcomes and PRE_PERIOD_NAME.search(c.lower())), None
    )


def _split_input(names: list[str]) -> tuple[float, ...] | None:
    """The planned split typed as shares; equal shares (None) when left as it is or unreadable."""
    text = st.text_input(
        t("exp_split", names=", ".join(names)),
        value=",".join(["1"] * len(names)),
        help=t("exp_split_help"),
        key=f"exp_ab_split_{len(names)}",
    )
    try:
        shares = tuple(float(part) for part in text.replace("，", ",").split(",") if part.strip())
    except ValueError:
        return None
    return shares if len(set(shares)) > 1 else None


def show_sample_ratio(result: ABResult) -> None:
    """The sample-ratio check, shown before any result: fine, a warning, or a stop sign."""
    srm = result.srm
    params = {
        "observed": " / ".join(f"{n:,}" for n in srm.observed_units),
        "planned": " / ".join(f"{s:.0%}" for s in srm.expected_shares),
        "p": p_clause(srm.p_value),
    }
    st.subheader(t("exp_srm_header"))
    if srm.level == SRM_OK:
        st.success(t("exp_srm_ok", **params))
    elif srm.level == SRM_WARNING:
        st.warning(t("exp_srm_warning", **params))
    else:
        st.error(t("exp_srm_stop", **params))


def show_outcome(result: ABResult, presenter: bool) -> None:
    """One outcome: its chart, the variants and the comparisons with the control."""
    st.subheader(md(metric_label(result)))
    left, right = st.columns(2)
    title = t("exp_means_chart", metric=result.metric)
    left.plotly_chart(figures.means_chart(result, title, presenter), config=chart_config())
    rel_title = t("exp_rel_chart", control=result.control)
    right.plotly_chart(
        figures.relative_chart((result,), rel_title, presenter), config=chart_config()
    )
    show_table(variant_table(result), presenter=presenter)
    show_table(
        comparison_table(result),
        f"ab_{result.metric}.csv",
        presenter=presenter,
        key=f"exp_download_{result.metric}_{result.denominator}",
    )
    if presenter:
        return
    for caption in outcome_notes(result):
        st.caption(caption)


def variant_table(result: ABResult) -> pd.DataFrame:
    kind = result.metric_type
    return pd.DataFrame(
        {
            t("exp_col_variant"): [v.name for v in result.variants],
            t("exp_col_units"): [v.units for v in result.variants],
            t("exp_col_mean"): [value_text(v.mean, kind) for v in result.variants],
            t("exp_col_mean_ci"): [
                span(v.mean_ci, lambda x: value_text(x, kind)) for v in result.variants
            ],
        }
    )


def comparison_table(result: ABResult) -> pd.DataFrame:
    kind = result.metric_type
    rows = result.comparisons
    return pd.DataFrame(
        {
            t("exp_col_variant"): [c.variant for c in rows],
            t("exp_col_diff"): [diff_text(c.diff, kind) for c in rows],
            t("exp_col_diff_ci"): [span(c.diff_ci, lambda x: diff_text(x, kind)) for c in rows],
            t("exp_col_rel"): [rel_text(c.rel_diff) for c in rows],
            t("exp_col_rel_ci"): [span(c.rel_diff_ci, rel_text) for c in rows],
            t("exp_col_p"): [p_text(c.p_value) for c in rows],
            t("exp_col_p_holm"): [p_text(c.p_value_adjusted) for c in rows],
            t("exp_col_method"): [method_name(c.method) for c in rows],
        }
    )


def outcome_notes(result: ABResult) -> list[str]:
    """CUPED's variance reduction, the heavy-tail checks and rows left out, in words."""
    notes = []
    if result.cuped:
        notes.append(
            t(
                "exp_cuped_note",
                covariate=md(result.cuped.covariate),
                reduction=f"{result.cuped.variance_reduction:.1%}",
                theta=plain(result.cuped.theta),
            )
        )
    for c in result.comparisons:
        if c.robust:
            notes.append(
                t(
                    "exp_robust_note",
                    variant=md(c.variant),
                    method=method_name(c.robust.method),
                    diff=plain(c.robust.diff, signed=True),
                    low=plain(c.robust.diff_ci[0], signed=True),
                    high=plain(c.robust.diff_ci[1], signed=True),
                    p=p_clause(c.robust.p_value),
                )
            )
    if result.dropped_rows:
        notes.append(t("exp_dropped_note", count=f"{result.dropped_rows:,}"))
    return notes


def holm_note(results: tuple[ABResult, ...]) -> str | None:
    count = sum(len(r.comparisons) for r in results)
    if count < 2:
        return None
    return t("exp_holm_note", count=count, metrics=len(results))


def decisions(results: tuple[ABResult, ...]) -> list[str]:
    """Each comparison's verdict in words, with its interval and Holm-adjusted p."""
    lines = []
    for result in results:
        for c in result.comparisons:
            lines.append(
                t(
                    f"exp_verdict_{verdict(result, c)}",
                    variant=md(c.variant),
                    control=md(result.control),
                    metric=md(result.metric),
                    rel=rel_text(c.rel_diff),
                    low=rel_text(c.rel_diff_ci[0]),
                    high=rel_text(c.rel_diff_ci[1]),
                    p=p_clause(c.p_value_adjusted),
                )
            )
    return lines


def segment_column(info: DatasetInfo, frame: pd.DataFrame, variant: str) -> str | None:
    """The column to split the results by, when the user asks (text columns of a few values)."""
    columns = [
        c
        for c, role in info.mapping.roles.items()
        if role in SEGMENT_ROLES and c != variant and frame[c].nunique() <= MOST_SEGMENTS
    ]
    if not columns:
        return None
    st.subheader(t("exp_segments_header"))
    none = t("exp_none")
    chosen = st.selectbox(
        t("exp_segment"), [NONE, *columns], format_func=lambda c: c or none, key="exp_segment"
    )
    return chosen or None


def show_segments(found: tuple[SegmentResults, ...], presenter: bool) -> None:
    """Each outcome's comparisons in each segment, with Holm's correction over all of them."""
    rows = [
        (one.segment, value, c, result)
        for one in found
        for value, result in one.results
        for c in result.comparisons
    ]
    segment = found[0].segment
    columns = (
        {t("exp_col_outcome"): [result.metric for *_, result in rows]} if len(found) > 1 else {}
    )
    table = pd.DataFrame(
        {
            **columns,
            md(segment): [value for _, value, _, _ in rows],
            t("exp_col_variant"): [c.variant for _, _, c, _ in rows],
            t("exp_col_units"): [
                result.variant(c.variant).units + result.variant(result.control).units
                for _, _, c, result in rows
            ],
            t("exp_col_rel"): [rel_text(c.rel_diff) for _, _, c, _ in rows],
            t("exp_col_rel_ci"): [span(c.rel_diff_ci, rel_text) for _, _, c, _ in rows],
            t("exp_col_p"): [p_text(c.p_value) for _, _, c, _ in rows],
            t("exp_col_p_holm"): [p_text(c.p_value_adjusted) for _, _, c, _ in rows],
        }
    )
    show_table(table, f"ab_segments_{segment}.csv", presenter=presenter, key="exp_seg_dl")
    st.caption(t("exp_segment_note", count=len(rows)))
    skipped = sorted({name for one in found for name in one.skipped})
    if skipped:
        st.caption(t("exp_segment_skipped", names=md(", ".join(skipped))))
