"""A background analysis (ui.warm) runs in a thread without a page run, so without a signed-in
user: in team mode it reads the team folder of the page that started it, as the app's reader."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from corpus import load_fixture

from analytics.access import AccessDenied
from analytics.audit import Actor
from analytics.teams import CONFIG_ENV
from analytics.workspace import TEAMS_FOLDER, open_workspace
from ui.workspace import load_frame, working_in, workspace_home


def test_a_background_thread_reads_the_team_folder_that_started_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "liftboard.toml"
    config.write_text('[teams.growth]\nadmins = ["lead@example.com"]\n', encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(config))
    home = tmp_path / "workspace"
    ws = open_workspace(home, team="growth", actor=Actor("lead@example.com", "admin", "growth"))
    info = ws.save(load_fixture("utf8_basic.csv"), "growth sales")
    ws.close()
    folder = str(home / TEAMS_FOLDER / "growth")
    outcome: dict[str, object] = {}

    def analysis() -> None:
        with working_in(folder):
            outcome["home"] = workspace_home()
            outcome["rows"] = len(load_frame(info))
        try:
            workspace_home()  # outside the block: no user, so no team folder
        except AccessDenied:
            outcome["refused_after"] = True

    thread = threading.Thread(target=analysis)
    thread.start()
    thread.join()
    assert outcome == {"home": folder, "rows": info.n_rows, "refused_after": True}
