"""Next items per customer: the evaluation on a time split (its protocol stated), the method
used, each customer's top N with the reason, and the CSV of them all."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import Failure
from analytics.recommend.evaluation import DEFAULT_K, Evaluation
from analytics.recommend.lines import LogColumns
from analytics.recommend.models import POPULARITY
from analytics.recommend.next_items import DEFAULT_TOP_N, NextItems
from analytics.workspace import DatasetInfo
from ui.customers.view import segment_name
from ui.failures import show_failure
from ui.i18n import t
from ui.recommend import cached
from ui.recommend.basket import show_left_out
from ui.recommend.settings import date_setting, number_setting
from ui.tables import download_csv, show_table


def show_next_items(info: DatasetInfo, columns: LogColumns, presenter: bool) -> None:
    if columns.customer is None or columns.date is None:
        st.info(t("rec_needs_customer_date"))
        return
    suggested = cached.suggested_cutoff(info, columns)
    if isinstance(suggested, Failure):
        show_failure(suggested)
        return
    cutoff, k, top_n = _settings(info, suggested, presenter)
    result = cached.evaluation(info, columns, cutoff, k)
    if isinstance(result, Failure):
        show_failure(result)
        return
    st.subheader(t("rec_eval_header"))
    show_table(evaluation_table(result), presenter=presenter)
    st.markdown(verdict(result))
    st.caption(t("rec_protocol", cutoff=result.cutoff, users=f"{result.users_evaluated:,}", k=k))
    show_left_out(result.dropped)
    recommended = cached.recommendations(info, columns, result.best, top_n)
    if isinstance(recommended, Failure):
        show_failure(recommended)
        return
    st.subheader(t("rec_per_customer"))
    customers = list(dict.fromkeys(recommended.table["customer"]))
    customer = st.selectbox(t("rec_customer"), customers, key=f"rec_customer_{info.id}")
    show_table(customer_table(recommended, customer), presenter=presenter)
    if not presenter:
        segments = cached.segments(info, columns)
        download_csv(
            export_table(recommended, None if isinstance(segments, Failure) else segments),
            "recommendations.csv",
            label="rec_download",
            key="rec_csv",
        )


def _settings(info: DatasetInfo, suggested: str, presenter: bool) -> tuple[str, int, int]:
    """Cut-off, K and N."""
    first, second, third = st.columns(3) if not presenter else (None, None, None)
    cutoff = date_setting(
        first,
        f"rec_cutoff_{info.id}",
        "rec_cutoff",
        suggested,
        presenter,
        label=t("rec_cutoff"),
        help=t("rec_cutoff_help"),
    )
    k = number_setting(second, "rec_k", DEFAULT_K, (1, 50), presenter, label=t("rec_k"), step=1)
    top_n = number_setting(
        third, "rec_top_n", DEFAULT_TOP_N, (1, 50), presenter, label=t("rec_top_n"), step=1
    )
    return cutoff, int(k), int(top_n)


def method_name(name: str) -> str:
    return t(f"rec_method_{name}")


def evaluation_table(result: Evaluation) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("rec_method"): [method_name(m.name) for m in result.methods],
            t("rec_recall", k=result.k): [f"{m.recall_at_k:.1%}" for m in result.methods],
            t("rec_precision", k=result.k): [f"{m.precision_at_k:.1%}" for m in result.methods],
            t("rec_used"): ["✓" if m.name == result.best else "" for m in result.methods],
        }
    )


def verdict(result: Evaluation) -> str:
    """One sentence: how much the method used beats popularity, or that nothing did."""
    best, baseline = result.score(result.best), result.score(POPULARITY)
    if result.best == POPULARITY or best.recall_at_k <= baseline.recall_at_k:
        return t("rec_verdict_popularity", k=result.k, recall=baseline.recall_at_k)
    ratio = best.recall_at_k / baseline.recall_at_k if baseline.recall_at_k else float("inf")
    return t(
        "rec_verdict_better",
        method=method_name(result.best),
        ratio=ratio,
        k=result.k,
        recall=best.recall_at_k,
        baseline=baseline.recall_at_k,
    )


def reason(because: tuple[str, ...]) -> str:
    """Why an item is recommended, in words ("bought X and Y")."""
    if len(because) >= 2:
        return t("rec_because_two", first=because[0], second=because[1])
    if len(because) == 1:
        return t("rec_because_one", first=because[0])
    return t("rec_because_popular")


def customer_table(recommended: NextItems, customer: str | None) -> pd.DataFrame:
    rows = recommended.for_customer(customer)
    return pd.DataFrame(
        {
            t("rec_rank"): rows["rank"].to_numpy(),
            t("rec_item"): rows["item"].to_numpy(),
            t("rec_reason"): [reason(b) for b in rows["because"]],
        }
    )


def export_table(recommended: NextItems, segments: pd.Series | None = None) -> pd.DataFrame:
    """Every customer's recommendations, with their segment when ``segments`` (indexed by
    customer) is given; formula-looking cells are neutralised on download."""
    table = recommended.table
    segment = {} if segments is None else {"segment": _segment_names(table, segments)}
    return pd.DataFrame(
        {
            "customer": table["customer"].to_numpy(),
            **segment,
            "rank": table["rank"].to_numpy(),
            "item": table["item"].to_numpy(),
            "score": table["score"].round(4).to_numpy(),
            "reason": [reason(b) for b in table["because"]],
            "method": recommended.method,
        }
    )


def _segment_names(table: pd.DataFrame, segments: pd.Series) -> list[str]:
    keys = segments.reindex(table["customer"].astype(str)).to_numpy()
    return [segment_name(key) if isinstance(key, str) else "" for key in keys]
