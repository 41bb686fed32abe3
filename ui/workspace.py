"""The process-wide workspace and cached dataset loads, keyed by id and content hash."""

from __future__ import annotations

import contextvars
import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics import access
from analytics.audit import Actor
from analytics.samples import SAMPLES, install_samples
from analytics.workspace import TEAMS_FOLDER, DatasetInfo, Workspace, default_home
from analytics.workspace import open_workspace as open_folder
from ui.i18n import t
from ui.signin import current_actor, team_config

# A sample's installed name -> the i18n key of its name in each language.
SAMPLE_KEYS = {name: f"sample_{Path(file_name).stem}" for file_name, name in SAMPLES}
# The app closes the workspace file after this long without use, so that a scheduled refresh
# (`python -m analytics refresh`, another process) can take its turn; a page reopens it.
IDLE_RELEASE_SECONDS = 2.0
APP_READER = "liftboard"  # the shared team workspace's own user (reads only)


@st.cache_resource(show_spinner=False)
def open_workspace(home: str) -> Workspace:
    """One workspace per folder per process (its file released when idle), shared by every
    session. A team's (``home`` is its folder under teams/) reads for the cached analyses of
    pages that already checked their user, and starts empty; the local one gets the samples."""
    team = _team_of(home)
    if team is None:
        workspace = open_folder(home, idle_release=IDLE_RELEASE_SECONDS)
        install_samples(workspace)
        return workspace
    reader = Actor(APP_READER, access.VIEWER, team)
    root = Path(home).parent.parent
    return open_folder(root, team=team, actor=reader, idle_release=IDLE_RELEASE_SECONDS)


# A background analysis (ui.warm) runs outside any page run, so it has no signed-in user: it
# works in the folder of the page that started it, whose user was checked then.
_BACKGROUND_HOME: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "background_home", default=None
)


@contextmanager
def working_in(home: str) -> Iterator[None]:
    """Within this block (in this thread), ``workspace_home()`` is ``home``."""
    token = _BACKGROUND_HOME.set(home)
    try:
        yield
    finally:
        _BACKGROUND_HOME.reset(token)


def workspace_home() -> str:
    """The page's workspace folder: the local one, or in team mode the user's team's own (in a
    background analysis, the folder of the page that started it)."""
    background = _BACKGROUND_HOME.get()
    if background is not None:
        return background
    home = _resolved(str(default_home()), os.getcwd())
    if team_config() is None:
        return home
    actor = current_actor()
    if not actor.team:
        raise access.AccessDenied(actor, access.READ)
    return str(Path(home) / TEAMS_FOLDER / actor.team)


def _team_of(home: str) -> str | None:
    """The team whose folder ``home`` is, None for the local workspace."""
    path = Path(home)
    return path.name if path.parent.name == TEAMS_FOLDER and team_config() is not None else None


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
    """The page's workspace, acting as the page's user (checked on every read and write)."""
    shared = open_workspace(workspace_home())
    actor = current_actor()
    return shared if actor == shared.actor else shared.acting_as(actor)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_frame(home: str, dataset_id: str, content_hash: str) -> pd.DataFrame:
    return open_workspace(home).load(dataset_id)


def load_frame(info: DatasetInfo) -> pd.DataFrame:
    """The dataset's rows; the cache key holds its content hash, so a new version is reloaded."""
    return cached_frame(workspace_home(), info.id, info.content_hash)
