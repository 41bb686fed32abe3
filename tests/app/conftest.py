"""AppTest fixtures. Pages that only read share one workspace (and so Streamlit's caches,
which are keyed by workspace, dataset id and content hash); pages that write get their own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
# Pages compute what they show themselves here: no analyses started in the background.
os.environ["LIFTBOARD_BACKGROUND"] = "0"
TIMEOUT = 300


def _use(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LIFTBOARD_HOME", str(home))
    monkeypatch.chdir(ROOT)
    return home


@pytest.fixture(scope="session")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared") / "workspace"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh workspace for a test that writes to it."""
    return _use(tmp_path / "workspace", monkeypatch)


@pytest.fixture
def reader_home(shared_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared sample workspace, for tests that only read."""
    return _use(shared_home, monkeypatch)


def new_app(
    page: str | None = None, *, user: dict | None = None, secrets: dict | None = None, **query: str
) -> AppTest:
    """An app session opened on ``page`` with the given query string, run once; ``user`` is
    what ``st.user`` reads, ``secrets`` what ``st.secrets`` holds (team mode's sign-in)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if user is not None:
        at.user = user
    at.secrets.update(secrets or {})
    at.query_params.update(query)
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at
