"""English words on a 简体中文 page: what the app and browser checks look for, and what they allow.

A page in 简体中文 may show brand names, method names that have no Chinese form, units of
measure and names from the user's file (column names and text values); any other run of Latin
letters is an English word that escaped translation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import pandas as pd

from analytics.ingest.load import load
from analytics.ingest.roles import dataset_kind
from analytics.samples import SAMPLE_DIR, SAMPLES
from ui.kinds import works_on

# Brand names, abbreviations read as such in Chinese (F1, encodings, units), method and author
# names without a Chinese form, and the language picker's "English".
ALLOWED = frozenset({
    "LiftBoard", "ROI", "ROAS", "mROI", "SHAP", "ARIMA", "SARIMAX", "ARMA", "MA", "AR",
    "ETS", "CSV", "PDF", "KPI", "OLS", "MAE", "RMSE", "MAPE", "MASE", "AUC",
    "RFM", "CLV", "BG", "NBD", "Gamma", "CUPED", "Welch", "Yuen", "Holm", "Wilson",
    "Theta", "ALS", "K", "A", "B", "t", "p", "z", "R", "P",
    "Q", "Huber", "LightGBM", "XGBoost", "GBM", "Ridge", "Lasso", "Apriori", "h", "d",
    "D", "W", "M", "F", "C", "Excel", "UTF", "GBK", "GB", "UTC",
    "Plotly", "statsmodels", "NormalIndPower", "Delta", "delta", "Cohen", "s", "Waudby", "Smith", "Howard",
    "ADF", "AIC", "KPSS", "Ljung", "Box", "Hill", "adstock", "English",
    # ARMA(p, d, q)'s letters; S-shaped curves; currency codes and their symbols' letters
    "q", "S", "CNY", "USD", "EUR", "GBP", "JPY", "JP", "HKD", "HK", "TWD", "NT", "SGD",
    "AUD", "CAD", "KRW", "INR",
    # ETS(error, trend, season) letters; the lift-test CSV's required column names
    "N", "Ad", "channel", "start", "end", "incremental", "lo", "hi",
    # the report's file formats, by their names and extensions
    "PowerPoint", "HTML", "pptx", "pdf", "html",
    # Plotly's SI prefix on axis ticks (60k): how numbers are written belongs to the formatting
    # module, not to this check.
    "k",
})  # fmt: skip
# Streamlit's own file uploader text (the brief allows it to stay English).
UPLOADER = frozenset(
    [
        "Drag",
        "and",
        "drop",
        "file",
        "files",
        "here",
        "Limit",
        "MB",
        "per",
        "Browse",
        "CSV",
        "XLSX",
        "XLS",
        "TXT",
        "TSV",
        "Upload",
    ]
)
WORD = re.compile(r"[A-Za-z]+")
_TAG = re.compile(r"</?(?:br|b|i|sup|sub|span)\b[^>]*>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
# Dataset ids, versions (8 hex digits) and timestamps.
# Numbers in scientific notation are a matter of number formatting (checked elsewhere), not words.
_MACHINE = re.compile(
    r"\bds=[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?:[0-9a-f]{32}|[0-9a-f]{8})\b|\d{4}-\d\d-\d\dT[\d:.]+|\d[eE][-+]?\d+"
)
_DIRECTIVE = re.compile(r":material/\w+:|:(?:red|green|blue|orange|violet|gray|grey|rainbow)\[")


def sample_for(page_file: str) -> str:
    """The sample a page is checked with: the sales sample, or the first sample of a kind the
    page works on (the Recommendations page needs an order log)."""
    for file_name, name in reversed(SAMPLES):
        if works_on(page_file, dataset_kind(load(SAMPLE_DIR / file_name).mapping)):
            return name
    raise AssertionError(f"no sample fits {page_file}")


# Samples a page reads beside its own: the A/B and geo tabs' samples, the campaign calendar.
ALSO_READS = {
    "pages/6_Experiments.py": ("ab_test_sample.csv", "geo_test_sample.csv"),
    "pages/2_Lift.py": ("campaigns.csv",),
    "app.py": ("campaigns.csv",),
}


def page_file_words(page_file: str) -> frozenset[str]:
    """Names from the files a page shows: its sample's and the other samples it reads, and the
    samples' file names."""
    (own,) = [f for f, name in SAMPLES if name == sample_for(page_file)]
    words = [file_words(f) for f in (own, *ALSO_READS.get(page_file, ()))]
    # The Data page lists every dataset's file name.
    names = {word for file_name, _ in SAMPLES for word in WORD.findall(file_name)}
    return frozenset(names).union(*words)


@functools.cache
def file_words(file_name: str) -> frozenset[str]:
    """Every word of a sample file's column names and text values: names from the file."""
    frame = pd.read_csv(SAMPLE_DIR / file_name, dtype=str, keep_default_na=False)
    texts: list[str] = list(frame.columns)
    for column in frame.columns:
        values = frame[column].unique()
        if len(values) <= 500:
            texts.extend(values)
    return frozenset(word for text in texts for word in WORD.findall(text))


def visible(text: str) -> str:
    """Text as a reader sees it: link targets, URLs and Streamlit's Markdown directives removed."""
    text = _MACHINE.sub(" ", _URL.sub(" ", _LINK_TARGET.sub("]", _TAG.sub(" ", text))))
    return _DIRECTIVE.sub(" ", text)


def english_words(texts: Iterable[str], allowed: Iterable[str] = ()) -> dict[str, str]:
    """Each English word outside the allow-lists, with one text it was found in."""
    permitted = ALLOWED | UPLOADER | set(allowed)
    found: dict[str, str] = {}
    for text in texts:
        for word in WORD.findall(visible(text)):
            if word not in permitted and word not in found:
                found[word] = text[:160]
    return found
