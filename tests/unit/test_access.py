"""Roles enforced in the workspace layer: each read and write refused to a role too low for it,
a team's workspace reaching none of another team's datasets, several users sharing one
connection."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import load_fixture

from analytics import access, audit, imports
from analytics.access import AccessDenied
from analytics.audit import Actor
from analytics.customers.privacy import WORKSPACE_SECRET
from analytics.ingest.load import load
from analytics.ingest.profiles import profile
from analytics.ingest.reading import read_table
from analytics.workspace import Workspace, open_workspace

GROWTH = "growth"
VIEWER = Actor("cfo@partner.com", "viewer", GROWTH)
EDITOR = Actor("ana@example.com", "editor", GROWTH)
ADMIN = Actor("lead@example.com", "admin", GROWTH)
BASE = "date,store,revenue\n2024-01-01,A,100\n2024-01-01,B,200\n"
NEWER = "date,store,revenue\n2024-01-02,A,110\n2024-01-02,B,210\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def team(tmp_path: Path) -> Workspace:
    """The growth team's workspace with one dataset, opened by its admin."""
    ws = open_workspace(tmp_path, team=GROWTH, actor=ADMIN)
    ws.save(load_fixture("gbk_chinese.csv"), "sales")
    yield ws
    ws.close()


def test_role_order_and_what_each_action_needs() -> None:
    assert access.needed_role(access.READ) == "viewer"
    assert access.needed_role(access.READ_AUDIT) == "admin"
    assert access.needed_role(audit.DELETE) == "admin"
    writes = set(audit.ACTIONS) - {audit.DELETE}
    assert {access.needed_role(action) for action in writes} == {"editor"}
    assert access.allows("admin", audit.SAVE) and access.allows("editor", audit.APPEND)
    assert not access.allows("viewer", audit.RENAME)
    assert not access.allows("owner", access.READ)  # an unknown role may do nothing
    with pytest.raises(ValueError):
        access.needed_role("drop")


def refused(call, code: str = "access_denied") -> AccessDenied:
    with pytest.raises(AccessDenied) as caught:
        call()
    assert caught.value.code == code
    return caught.value


def test_a_viewer_reads_but_every_write_is_refused_and_nothing_changes(team: Workspace) -> None:
    viewer = team.acting_as(VIEWER)
    (info,) = viewer.list()
    assert viewer.load(info.id).shape == (6, 7)
    error = refused(lambda: viewer.delete(info.id))
    assert error.params == {"team": GROWTH, "role": "viewer", "needed": "admin"}
    assert "ask an admin" in str(error)
    refused(lambda: viewer.save(load_fixture("gbk_chinese.csv"), "mine"))
    refused(lambda: viewer.replace(info.id, load_fixture("gbk_chinese.csv")))
    refused(lambda: viewer.rename(info.id, "renamed"))
    refused(lambda: viewer.set_presentation(info.id, {}, "CNY"))
    refused(lambda: viewer.secret(WORKSPACE_SECRET))  # the hashing key is made by uploads
    refused(viewer.audit_log)
    assert [(i.id, i.name) for i in team.list()] == [(info.id, "sales")]
    assert [entry.action for entry in team.audit_log()] == ["save"]  # no refused write logged


def test_an_editor_saves_renames_appends_and_undoes_but_may_not_delete_or_read_the_audit(
    team: Workspace, tmp_path: Path
) -> None:
    editor = team.acting_as(EDITOR)
    info = editor.save(load(write(tmp_path, "base.csv", BASE)), "shop")
    editor.rename(info.id, "shop sales")
    raw = read_table(write(tmp_path, "newer.csv", NEWER))
    export = imports.fit_export(editor.get(info.id), raw, profile(raw))
    refused(lambda: imports.append(team.acting_as(VIEWER), info.id, export))
    _, record = imports.append(editor, info.id, export)
    assert record.added == 2
    imports.undo_import(editor, record.batch)
    error = refused(lambda: editor.delete(info.id))
    assert error.params["needed"] == "admin"
    refused(editor.audit_log)
    actions = [(e.user, e.role, e.action) for e in team.audit_log()]
    assert actions[:4] == [
        ("ana@example.com", "editor", "undo"),
        ("ana@example.com", "editor", "append"),
        ("ana@example.com", "editor", "rename"),
        ("ana@example.com", "editor", "save"),
    ]


def test_an_admin_deletes_and_reads_the_audit_log(team: Workspace) -> None:
    admin = team.acting_as(ADMIN)
    (info,) = admin.list()
    admin.delete(info.id)
    assert admin.list() == []
    assert [e.action for e in admin.audit_log()] == ["delete", "save"]


def test_a_user_without_a_role_reads_nothing(team: Workspace) -> None:
    nobody = team.acting_as(Actor("eve@else.org", "none", GROWTH))
    refused(nobody.list)
    (info,) = team.list()
    refused(lambda: nobody.load(info.id))
    refused(lambda: nobody.query("SELECT 1"))


def test_another_teams_dataset_id_is_not_found_in_this_teams_workspace(
    team: Workspace, tmp_path: Path
) -> None:
    (info,) = team.list()
    retail = open_workspace(
        tmp_path, team="retail", actor=Actor("lead@example.com", "admin", "retail")
    )
    try:
        assert retail.list() == []
        for call in (retail.get, retail.load, retail.delete):
            with pytest.raises(Exception) as caught:
                call(info.id)
            assert getattr(caught.value, "code", None) == "dataset_gone"
    finally:
        retail.close()


def test_views_share_one_connection_and_the_listing_and_stay_in_their_team(
    team: Workspace,
) -> None:
    viewer, editor = team.acting_as(VIEWER), team.acting_as(EDITOR)
    assert viewer.store is team.store is editor.store
    assert len(viewer.list()) == 1
    editor.save(load_fixture("gbk_chinese.csv"), "second")
    assert len(viewer.list()) == 2  # the listing cache follows the shared file's writes
    assert team.actor == ADMIN  # a view changes only its own actor
    with pytest.raises(ValueError):
        team.acting_as(Actor("lead@example.com", "admin", "retail"))


def test_local_mode_is_unchanged_its_actor_is_admin(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    try:
        assert ws.actor == audit.LOCAL_ACTOR
        info = ws.save(load_fixture("gbk_chinese.csv"), "sales")
        assert len(ws.secret(WORKSPACE_SECRET)) == 32
        ws.delete(info.id)
        assert [e.action for e in ws.audit_log()] == ["delete", "create_key", "save"]
    finally:
        ws.close()
