"""The sample's report content, gathered once per test process (about a minute of fits)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from analytics.cli.arguments import read_file
from analytics.report.content import ReportContent, gather_report

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "sample_data" / "sales_daily.csv"
CHOSEN = ("618 Mega Sale", "Double 11 Warm-up")


@cache
def sample_content() -> ReportContent:
    """Every campaign measured, two of them with pages (and checks)."""
    dataset = read_file(str(SAMPLE))
    return gather_report(dataset.frame, dataset.mapping, SAMPLE.name, campaigns=CHOSEN)
