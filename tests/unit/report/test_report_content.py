"""The report's content: the sample's campaigns against their planted truth, pages only for the
chosen campaigns, every section computed, and the sentences for unusable input."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from report_sample import CHOSEN, ROOT, SAMPLE, sample_content

from analytics.cli.arguments import read_file
from analytics.cli.output import strict_json
from analytics.errors import Failure, UserInputError
from analytics.report.content import STAGES, gather_report

TRUTH = json.loads((ROOT / "sample_data" / "ground_truth.json").read_text())


def test_every_campaign_is_measured_and_the_chosen_ones_get_pages_with_checks() -> None:
    content = sample_content()
    assert len(content.reports) == len(TRUTH["campaigns"]) == 9
    assert content.unmeasured == ()
    assert content.portfolio is not None and content.portfolio.campaigns == 9
    assert [page.report.lift.campaign for page in content.pages] == list(CHOSEN)
    assert all(page.report.checks is not None for page in content.pages)
    others = [r for r in content.reports if r.lift.campaign not in CHOSEN]
    assert all(r.checks is None for r in others)
    assert all(len(page.history) > len(page.report.lift.daily) for page in content.pages)


def test_the_chosen_campaigns_intervals_cover_the_planted_incremental_revenue() -> None:
    truth = {c["name"]: c["true_incremental_revenue"] for c in TRUTH["campaigns"]}
    for page in sample_content().pages:
        low, high = page.report.lift.abs_effect_ci
        assert low <= truth[page.report.lift.campaign] <= high


def test_drivers_forecast_and_budget_are_computed_and_the_whole_is_plain_json() -> None:
    content = sample_content()
    for section in (content.drivers, content.forecast, content.budget):
        assert not isinstance(section, Failure), section
    assert content.drivers.target == "revenue"
    assert content.forecast.horizon == 28
    channels = {c.channel for c in content.budget.channels}
    assert channels == {"search_spend", "social_spend", "display_spend"}
    assert sum(c.proposed_spend for c in content.budget.channels) == pytest.approx(
        content.budget.budget, rel=1e-6
    )
    data = json.loads(strict_json(content.to_dict()))
    assert data["dataset"] == SAMPLE.name and data["date_min"] == "2024-01-01"
    assert [c["campaign"] for c in data["campaigns"]] == list(CHOSEN)


def test_an_unknown_campaign_is_named_with_the_ones_the_file_has() -> None:
    dataset = read_file(str(SAMPLE))
    with pytest.raises(UserInputError) as caught:
        gather_report(dataset.frame, dataset.mapping, "x", campaigns=("Nope",))
    assert caught.value.code == "report_unknown_campaign"
    assert "'Nope'" in str(caught.value) and "618 Mega Sale" in str(caught.value)


def test_a_file_without_dates_says_a_report_needs_them() -> None:
    dataset = read_file(str(ROOT / "tests" / "fixtures" / "shapes" / "ab_test_users.csv"))
    stages: list[str] = []
    with pytest.raises(UserInputError) as caught:
        gather_report(dataset.frame, dataset.mapping, "x", progress=stages.append)
    assert caught.value.code == "report_no_dates"
    assert stages == [] and STAGES[0] == "campaigns"


def test_campaigns_the_app_measured_are_reused_and_only_the_chosen_ones_checks_fitted(
    monkeypatch,
) -> None:
    """The sidebar's report after the Overview measured every campaign: no estimate is fitted
    again, and the chosen campaign's checks are the ones the command computes."""
    from analytics.lift import reports
    from analytics.selection import campaigns_in

    dataset = read_file(str(SAMPLE))
    before = {report.lift.campaign: report for report in sample_content().reports}
    measured = [
        (campaign, replace(before[campaign.name], checks=None))
        for campaign in campaigns_in(dataset.frame, dataset.mapping)
    ]
    monkeypatch.setattr(reports, "fit_inputs", None)  # an estimate fitted again would fail
    content = gather_report(
        dataset.frame, dataset.mapping, "x", campaigns=CHOSEN[:1], measured=measured,
        parallel=False,
    )  # fmt: skip
    (page,) = content.pages
    (expected,) = [p for p in sample_content().pages if p.report.lift.campaign == CHOSEN[0]]
    assert page.report.checks.to_dict() == expected.report.checks.to_dict()
    assert [r.to_dict() for r in content.reports if r.lift.campaign != CHOSEN[0]] == [
        replace(r, checks=None).to_dict() for r in sample_content().reports
        if r.lift.campaign != CHOSEN[0]
    ]  # fmt: skip
