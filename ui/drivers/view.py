"""The Drivers page's widgets, cached fits and words: target, features with their leakage flags,
models, the leaderboard, findings, the coefficient table, and the SHAP view choices.

Fits are cached per (workspace, dataset id, content hash, settings key); each model's folds are
a cache entry of their own, so the progress bar advances model by model and a rerun is fast.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.drivers.analysis import finish
from analytics.drivers.candidates import Candidate, suggest_features
from analytics.drivers.design import DriverData, prepare
from analytics.drivers.explain import Waterfall, waterfall
from analytics.drivers.findings import top_levers_first
from analytics.drivers.models import BASELINE, FITTED_MODELS
from analytics.drivers.results import DriversResult, Finding
from analytics.drivers.scoring import ModelScore, score_models
from analytics.drivers.settings import DriverSettings
from analytics.errors import Failure, UserInputError
from analytics.formatting import count, p_value, percent, plain, ratio
from analytics.ingest.roles import METRIC
from analytics.workspace import DatasetInfo
from ui import background
from ui.drivers import figures as charts
from ui.drivers.labels import feature_label, level_label
from ui.i18n import t
from ui.numbers import column_name, in_words
from ui.safe import chart_text, md
from ui.tables import download_csv, show_table
from ui.url import mirror_to_url
from ui.workspace import cached_frame, dataset_info, workspace_home

NO_RATIO = ""


# --- cached calls -------------------------------------------------------------------------------


@st.cache_data(max_entries=16, show_spinner=False)
def _candidates(
    home: str, dataset_id: str, content_hash: str, target: str
) -> tuple[Candidate, ...] | Failure:
    frame = cached_frame(home, dataset_id, content_hash)
    try:
        return suggest_features(frame, dataset_info(home, dataset_id).mapping, target)
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=4, show_spinner=False)
def _data(home: str, dataset_id: str, content_hash: str, key: str) -> DriverData | Failure:
    frame = cached_frame(home, dataset_id, content_hash)
    try:
        return prepare(frame, dataset_info(home, dataset_id).mapping, DriverSettings.from_key(key))
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=128, show_spinner=False)
def _score(
    home: str, dataset_id: str, content_hash: str, key: str, model: str
) -> ModelScore | Failure:
    """One model's held-out scores; its folds are fitted in the worker processes."""
    data = _data(home, dataset_id, content_hash, key)
    if isinstance(data, Failure):
        return data
    try:
        return score_models(data, [model], parallel=True)[0]
    except UserInputError as exc:
        return Failure.of(exc)


@st.cache_data(max_entries=16, show_spinner=False)
def _result(home: str, dataset_id: str, content_hash: str, key: str) -> DriversResult | Failure:
    data = _data(home, dataset_id, content_hash, key)
    if isinstance(data, Failure):
        return data
    settings = DriverSettings.from_key(key)
    scores = [
        _score(home, dataset_id, content_hash, key, name) for name in (BASELINE, *settings.models)
    ]
    problem = next((s for s in scores if isinstance(s, Failure)), None)
    return problem or finish(data, scores, parallel=True)


@st.cache_data(max_entries=256, show_spinner=False)
def _waterfall(
    home: str, dataset_id: str, content_hash: str, key: str, row: int
) -> Waterfall | None:
    result = _result(home, dataset_id, content_hash, key)
    if isinstance(result, Failure) or result.fitted is None:
        return None
    return waterfall(result.fitted, result.data, row)


# --- settings widgets ---------------------------------------------------------------------------


def metric_columns(info: DatasetInfo) -> list[str]:
    """Metrics that can be a target, the dataset's outcome first."""
    metrics = info.mapping.columns(METRIC)
    outcome = info.mapping.outcome
    return sorted(metrics, key=lambda m: m != outcome)


def target_controls(metrics: list[str], presenter: bool) -> str:
    """Target metric and optional denominator (a ratio), kept in the URL as ``target``."""
    _seed_target(metrics)
    if presenter:
        top = st.session_state.get("drv_target", metrics[0])
        bottom = st.session_state.get("drv_per", NO_RATIO)
    else:
        left, right = st.columns(2)
        top = left.selectbox(t("drv_target"), metrics, key="drv_target")
        others = [NO_RATIO, *[m for m in metrics if m != top]]
        if st.session_state.get("drv_per") not in others:
            st.session_state["drv_per"] = NO_RATIO
        bottom = right.selectbox(
            t("drv_per"),
            others,
            key="drv_per",
            format_func=lambda m: t("drv_per_none") if m == NO_RATIO else m,
            help=t("drv_per_help"),
        )
    target = f"{top}/{bottom}" if bottom else top
    mirror_to_url("target", target, metrics[0], state=["drv_target", "drv_per"])
    return target


def _seed_target(metrics: list[str]) -> None:
    """Before the widgets: the session's choice, else the URL's (a metric or METRIC/METRIC).

    The link's features belong to the link's target: they are kept for it (``drv_url_features``)
    before the target, and so the URL, can change."""
    if st.session_state.get("drv_target") in metrics:
        return
    wanted = st.query_params.get("target", "")
    top, _, bottom = wanted.partition("/")
    st.session_state["drv_target"] = top if top in metrics else metrics[0]
    st.session_state["drv_per"] = bottom if bottom in metrics and bottom != top else NO_RATIO
    if "features" in st.query_params:
        features = [name for name in st.query_params.get_all("features") if name]
        st.session_state["drv_url_features"] = (wanted or metrics[0], features)


def log_control(presenter: bool) -> bool:
    """Model the log of the target (effects read as percentages); ``log=1`` in the URL."""
    if "drv_log" not in st.session_state:
        st.session_state["drv_log"] = st.query_params.get("log") == "1"
    if not presenter:
        st.toggle(t("drv_log"), key="drv_log", help=t("drv_log_help"))
    on = bool(st.session_state["drv_log"])
    mirror_to_url("log", "1" if on else None, state=["drv_log"])
    return on


def candidates(info: DatasetInfo, target: str) -> tuple[Candidate, ...] | Failure:
    return _candidates(workspace_home(), info.id, info.content_hash, target)


def candidate_label(candidate: Candidate) -> str:
    """A feature's name in the picker, with a warning sign when it leaks the target."""
    name = feature_label(candidate.name)
    return f"⚠ {name}" if candidate.leakage else name


def leakage_text(candidate: Candidate) -> str:
    """Why a feature is flagged, safe as Markdown."""
    return t(
        f"drv_leak_{candidate.leakage}",
        feature=md(feature_label(candidate.name)),
        other=md(candidate.leakage_with or ""),
        corr=ratio(abs(candidate.correlation or 0)),
    )


def feature_controls(
    target: str, found: tuple[Candidate, ...], presenter: bool
) -> tuple[str, ...] | None:
    """The chosen features; None when they are the suggested ones (a shorter cache key).

    The widget's key holds the target, so each target starts from its own suggestions, or from
    the link's features when it is the link's target. Features other than the suggested ones
    are kept in the URL (``features``, repeated once per feature).
    """
    defaults = [c.name for c in found if c.default]
    key = f"drv_features::{target}"
    by_name = {c.name: c for c in found}
    if key not in st.session_state:
        linked_target, linked = st.session_state.get("drv_url_features", (None, []))
        from_link = [n for n in linked if n in by_name] if linked_target == target else None
        st.session_state[key] = defaults if from_link is None else from_link
    if not presenter:
        st.multiselect(
            t("drv_features"),
            list(by_name),
            key=key,
            format_func={name: candidate_label(c) for name, c in by_name.items()}.get,
            help=t("drv_features_help"),
        )
        for candidate in found:
            if candidate.leakage:
                st.caption(leakage_text(candidate))
    chosen = [n for n in st.session_state[key] if n in by_name]
    held = [key, "drv_target", "drv_per", "drv_url_features"]  # read with the target
    if chosen == defaults:
        mirror_to_url("features", None, state=held)
        return None
    mirror_to_url("features", chosen or [""], state=held)
    return tuple(chosen)


def model_controls(presenter: bool) -> tuple[str, ...]:
    """The chosen models (``models=ols,lasso`` in the URL when not all of them)."""
    if "drv_models" not in st.session_state:
        wanted = st.query_params.get("models")
        linked = [m for m in FITTED_MODELS if m in (wanted or "").split(",")]
        st.session_state["drv_models"] = linked if wanted is not None else list(FITTED_MODELS)
    if not presenter:
        st.multiselect(
            t("drv_models"),
            list(FITTED_MODELS),
            key="drv_models",
            format_func=model_name,
            help=t("drv_models_help"),
        )
    chosen = [m for m in FITTED_MODELS if m in st.session_state["drv_models"]]
    mirror_to_url("models", ",".join(chosen), ",".join(FITTED_MODELS), state=["drv_models"])
    return tuple(chosen)


def model_name(name: str) -> str:
    return t(f"drv_model_{name}")


def scored_name(result: DriversResult, name: str) -> str:
    """A leaderboard row's name: the baseline says what it is when it is the training mean."""
    if name == BASELINE and result.baseline == "training_mean":
        return t("drv_model_baseline_training_mean")
    return model_name(name)


def settings_text(settings: DriverSettings, n_features: int) -> str:
    """The settings as one line, for presenter mode (no widgets there)."""
    return t(
        "drv_settings_text",
        target=md(settings.target),
        scale=t("drv_scale_log") if settings.log_target else t("drv_scale_level"),
        features=n_features,
        models=", ".join(model_name(m) for m in settings.models),
    )


# --- fitting ------------------------------------------------------------------------------------


def fit(info: DatasetInfo, settings: DriverSettings) -> DriversResult | Failure:
    """Every model's folds (a progress bar advancing model by model), then the explanation."""
    home, key = workspace_home(), settings.key()
    background.wait_for(background.job_key(home, info.id, info.content_hash, "page_drivers"))
    fitting = "drv_fitting" if info.mapping.date_column is not None else "drv_fitting_shuffled"
    names = (BASELINE, *settings.models)
    steps = len(names) + 1
    bar = st.progress(0.0)
    for done, name in enumerate(names):
        bar.progress(
            done / steps,
            text=t(fitting, model=model_name(name), done=done + 1, total=steps),
        )
        background.report(done, steps)
        score = _score(home, info.id, info.content_hash, key, name)
        if isinstance(score, Failure):
            bar.empty()
            return score
    bar.progress(len(names) / steps, text=t("drv_explaining", done=steps, total=steps))
    result = _result(home, info.id, info.content_hash, key)
    bar.empty()
    return result


def row_waterfall(info: DatasetInfo, settings: DriverSettings, row: int) -> Waterfall | None:
    return _waterfall(workspace_home(), info.id, info.content_hash, settings.key(), row)


# --- tables and words ---------------------------------------------------------------------------


def leaderboard_table(result: DriversResult) -> pd.DataFrame:
    """Held-out errors per model, best first, the chosen one marked."""
    return pd.DataFrame(
        {
            t("drv_col_model"): [scored_name(result, s.name) for s in result.models],
            t("drv_col_mae"): [plain(s.mae) for s in result.models],
            t("drv_col_rmse"): [plain(s.rmse) for s in result.models],
            t("drv_col_r2"): [ratio(s.r2, 3) for s in result.models],
            t("drv_col_mape"): ["" if s.mape is None else percent(s.mape) for s in result.models],
            t("drv_col_chosen"): ["✓" if s.name == result.best else "" for s in result.models],
        }
    )


def coefficient_table(result: DriversResult) -> pd.DataFrame:
    """OLS coefficients with their 95% intervals and p-values (numbers, for the CSV too)."""
    rows = result.coefficients
    return pd.DataFrame(
        {
            t("drv_col_feature"): [feature_label(c.feature) for c in rows],
            t("drv_col_coef"): [c.coef for c in rows],
            t("drv_col_low"): [c.ci[0] for c in rows],
            t("drv_col_high"): [c.ci[1] for c in rows],
            t("drv_col_p"): [c.p_value for c in rows],
        }
    )


def show_coefficients(result: DriversResult) -> None:
    """The coefficient table, readable (4 significant digits, p as everywhere), with a CSV of
    the full numbers."""
    table = coefficient_table(result)
    shown = table.copy()
    for key in ("drv_col_coef", "drv_col_low", "drv_col_high"):
        shown[t(key)] = [plain(value, 4) for value in table[t(key)]]
    shown[t("drv_col_p")] = [p_value(p) for p in table[t("drv_col_p")]]
    show_table(shown)
    download_csv(table, "drivers_coefficients.csv", key="drv_download_coefficients")


def ols_caption(result: DriversResult) -> str:
    summary = result.ols
    references = t("drv_list_separator").join(
        f"{md(feature_label(g))} = {md(level_label(g, v))}" for g, v in summary.references.items()
    )
    return t(
        f"drv_ols_{summary.covariance}",
        r2=ratio(summary.r2, 3),
        clusters=summary.clusters,
        references=references or "—",
        scale=t("drv_scale_log") if result.log_target else t("drv_scale_level"),
    )


def validation_text(result: DriversResult) -> str | None:
    """How the models were compared, when it is not the usual time-ordered folds: a table without
    dates is scored on shuffled folds against the training folds' mean."""
    validation = result.validation
    if validation.kind == "time_ordered":
        return None
    return t("drv_validation_shuffled", folds=validation.folds, seed=validation.seed)


def findings_text(result: DriversResult) -> list[str]:
    """Each finding as a sentence in the user's language (names escaped for Markdown)."""
    return [_finding_text(f, result) for f in result.findings]


def grouped_findings_text(result: DriversResult) -> tuple[list[str], list[str]]:
    """The findings to read first (verdict, top drivers, the three clearest levers) and the
    rest, as sentences."""
    head, rest = top_levers_first(result.findings)
    return [_finding_text(f, result) for f in head], [_finding_text(f, result) for f in rest]


def show_next_steps(result: DriversResult, presenter: bool) -> None:
    """What 'no model beats the baseline' means and what to try, each with the control on this
    page (or the Data page) that tries it."""
    st.markdown(t("drv_no_model_means", target=md(in_words(result.target))))
    log_step = "drv_try_log_off" if result.log_target else "drv_try_log"
    steps = [
        t("drv_try_history", n=result.n_rows),
        t("drv_try_features", control=t("drv_features")),
        t(log_step, control=t("drv_log")),
        t("drv_try_level", control=t("drv_per")),
    ]
    st.markdown("\n".join(f"- {step}" for step in steps))
    if presenter:
        st.caption(t("drv_try_presenter"))
    else:
        st.page_link("pages/1_Data.py", label=t("drv_try_data_page"), icon="📂")


def _finding_text(finding: Finding, result: DriversResult) -> str:
    p = finding.params
    kind = finding.kind
    target = md(in_words(result.target))
    if kind in ("beats_baseline", "no_better_than_baseline"):
        held_out = "_rows" if result.validation.kind == "shuffled" else ""
        return t(
            f"drv_find_{kind}{held_out}",
            model=model_name(p["model"]),
            target=target,
            mae=plain(p["mae"]),
            baseline_mae=plain(p["baseline_mae"]),
            baseline=t(f"drv_baseline_{p['baseline']}"),
            gain=percent(p["gain"], 0),
        )
    if kind == "top_drivers":
        items = [
            t("drv_share", feature=md(feature_label(f, in_sentence=True)), share=percent(s, 0))
            for f, s in zip(p["features"], p["shares"], strict=True)
        ]
        return t("drv_find_top_drivers", drivers=t("drv_list_separator").join(items))
    if kind == "effect":
        return _effect_text(p, target)
    if kind == "linear_note":
        return t("drv_find_linear_note", model=model_name(p["model"]), r2=ratio(p["ols_r2"]))
    if kind in ("sample", "rows_dropped"):
        return t(f"drv_find_{kind}", n=count(p["n"]), of=count(p["of"]), target=target)
    names = t("drv_list_separator").join(
        md(feature_label(f, in_sentence=True)) for f in p["features"]
    )
    return t(f"drv_find_{kind}", features=names)


def _effect_text(p: dict[str, Any], target: str) -> str:
    if p["scale"] == "percent":
        effect, low, high = (percent(p[k], signed=True) for k in ("effect", "low", "high"))
    else:
        effect, low, high = (plain(p[k], signed=True) for k in ("effect", "low", "high"))
    per = _per_row(p["frequency"], p["segments"]) if p.get("dated", True) else ""
    text = t(
        f"drv_find_effect_{p['step_kind']}",
        feature=md(feature_label(p["feature"], in_sentence=True)),
        step=plain(p["step_shown"]),
        target=target,
        effect=effect,
        low=low,
        high=high,
        per=per if p["scale"] == "level" else "",
    )
    return text if p["clear"] else f"{text} {t('drv_find_unclear')}"


def _per_row(frequency: str | None, has_segments: bool) -> str:
    period = t(f"period_{frequency or 'none'}")
    return t("drv_per_period_segment" if has_segments else "drv_per_period", period=period)


def scale_label(result: DriversResult) -> str:
    """What SHAP values are measured in: the target, or its logarithm."""
    if result.log_target:
        return t("drv_log_of", target=in_words(result.target))
    return column_name(result.target)


# --- SHAP view choices --------------------------------------------------------------------------


def dependence_feature(result: DriversResult, presenter: bool) -> str:
    """The feature of the dependence chart (``feature`` in the URL): at first the most important
    one with more than two values; the options are ordered by importance."""
    options = [i.feature for i in result.importance]
    default = result.explanation.dependence_default()
    if st.session_state.get("drv_feature") not in options:
        wanted = st.query_params.get("feature")
        st.session_state["drv_feature"] = wanted if wanted in options else default
    if not presenter:
        st.selectbox(
            t("drv_dependence_feature"),
            options,
            format_func={o: feature_label(o) for o in options}.get,
            key="drv_feature",
        )
    chosen = st.session_state["drv_feature"]
    mirror_to_url("feature", chosen, default, state=["drv_feature"])
    return chosen


# --- charts with their words --------------------------------------------------------------------


def errors_chart(result: DriversResult, presenter: bool) -> go.Figure:
    names = {s.name: scored_name(result, s.name) for s in result.models}
    return charts.error_bars(
        result.models, names, result.best, title=t("drv_chart_errors"), presenter=presenter
    )


def _shap_axis(result: DriversResult) -> str:
    return t("drv_axis_shap", scale=chart_text(scale_label(result)))


def importance_chart(result: DriversResult, presenter: bool) -> go.Figure:
    return charts.importance_bars(
        result.importance,
        title=t("drv_chart_importance"),
        axis=_shap_axis(result),
        presenter=presenter,
    )


def beeswarm_chart(result: DriversResult, presenter: bool) -> go.Figure:
    return charts.beeswarm(
        result.explanation.beeswarm(),
        title=t("drv_chart_beeswarm"),
        axis=_shap_axis(result),
        low=t("drv_low"),
        high=t("drv_high"),
        presenter=presenter,
    )


def dependence_chart(result: DriversResult, feature: str, presenter: bool) -> go.Figure:
    data = result.explanation.dependence(feature)
    if data.interaction is None:
        title = t(
            "drv_chart_dependence_alone",
            feature=chart_text(feature_label(feature, in_sentence=True)),
        )
    else:
        title = t(
            "drv_chart_dependence",
            feature=chart_text(feature_label(feature, in_sentence=True)),
            partner=chart_text(feature_label(data.interaction, in_sentence=True)),
        )
    return charts.dependence(
        data, title=title, axis=_shap_axis(result),
        colour_label=feature_label(data.interaction) if data.interaction else None,
        presenter=presenter,
    )  # fmt: skip
