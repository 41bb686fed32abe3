"""AppTest fixtures: every test gets its own workspace folder (samples installed on first run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LIFTBOARD_HOME", str(tmp_path / "workspace"))
    monkeypatch.chdir(ROOT)
    return tmp_path / "workspace"


@pytest.fixture
def app(home: Path) -> AppTest:
    """The home page, run once."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at
