"""The process-wide workspace and cached dataset loads, keyed by id and content hash."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics import workspace as workspace_store
from analytics.samples import SAMPLES, install_samples
from analytics.workspace import DatasetInfo, Workspace, default_home
from ui.i18n import t

# A sample's installed name -> the i18n key of its name in each language.
SAMPLE_KEYS = {name: f"sample_{Path(file_name).stem}" for file_name, name in SAMPLES}
# The app closes the workspace file after this long without use, so that a scheduled refresh
# (`python -m analytics refresh`, another process) can take its turn; a page reopens it.
IDLE_RELEASE_SECONDS = 2.0


@st.cache_resource(show_spinner=False)
def open_workspace(home: str) -> Workspace:
    """One workspace per process (its file released when idle, or the team configuration's
    database); samples are installed the first time a workspace opens."""
    workspace = workspace_store.open_workspace(home, idle_release=IDLE_RELEASE_SECONDS)
    install_samples(workspace)
    return workspace


def workspace_home() -> str:
    return _resolved(str(default_home()), os.getcwd())


@functools.lru_cache(maxsize=16)
def _resolved(home: str, cwd: str) -> str:
    """Resolving a path walks the file system (a few ms per page run under load); once is enough."""
    return str((Path(cwd) / home).resolve())


def dataset_info(home: str, dataset_id: str) -> DatasetInfo:
    """A stored dataset's mapping and version, for cached functions that receive its id."""
    return open_workspace(home).get(dataset_id)


def dataset_name(info: DatasetInfo) -> str:
    """A dataset's name as shown: a sample still under its installed name follows the language;
    any other name (a user's, or a sample the user renamed) is shown as stored."""
    return shown_name(info.name)


def shown_name(name: str) -> str:
    """A stored dataset name as shown in the current language (see ``dataset_name``)."""
    key = SAMPLE_KEYS.get(name)
    return t(key) if key else name


def workspace() -> Workspace:
    return open_workspace(workspace_home())


@st.cache_data(max_entries=16, show_spinner=False)
def cached_frame(home: str, dataset_id: str, content_hash: str) -> pd.DataFrame:
    return open_workspace(home).load(dataset_id)


def load_frame(info: DatasetInfo) -> pd.DataFrame:
    """The dataset's rows; the cache key holds its content hash, so a new version is reloaded."""
    return cached_frame(workspace_home(), info.id, info.content_hash)
