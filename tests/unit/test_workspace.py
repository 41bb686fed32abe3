"""The workspace on both backends (DuckDB file, PostgreSQL schema): round trips, names as
metadata, all-or-nothing writes, restarts, teams."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
import pytest
from corpus import load_fixture

from analytics import workspace as workspace_module
from analytics.errors import UserInputError
from analytics.ingest.load import Dataset, load
from analytics.ingest.roles import DATE, METRIC, Mapping
from analytics.workspace import DB_FILE, Workspace
from tests.postgres import drop_schema, drop_team, new_team

READABLE = {".csv", ".tsv", ".txt", ".xlsx", ".xls"}


@pytest.fixture
def ws(open_ws) -> Workspace:
    return open_ws()


def tables_in_store(open_ws) -> list[str]:
    """Every table of the test's workspace, read through a workspace opened anew."""
    return open_ws().tables()


def snapshot(ws: Workspace) -> list[tuple]:
    return [(i.id, i.name, i.content_hash, i.n_rows) for i in ws.list()]


def test_round_trip_keeps_values_types_and_chinese_names(ws: Workspace) -> None:
    dataset = load_fixture("gbk_chinese.csv")
    info = ws.save(dataset, "门店销售 2024")
    frame = ws.load(info.id)
    assert list(frame.columns) == ["日期", "门店", "销售额", "销量", "花费", "活动", "折扣"]
    pd.testing.assert_frame_equal(frame, dataset.frame, check_dtype=True)
    assert frame["日期"].dtype == np.dtype("datetime64[ns]")
    assert frame["销售额"].dtype == np.float64
    assert frame["门店"].tolist() == ["上海一店", "北京二店"] * 3
    assert frame["活动"].isna().sum() == 3


def test_metadata_is_stored(ws: Workspace) -> None:
    dataset = load_fixture("gbk_chinese.csv")
    info = ws.save(dataset, "  门店销售\n2024 ")
    assert info.name == "门店销售 2024"
    assert info.file_name == "gbk_chinese.csv"
    assert info.content_hash == dataset.version
    assert info.n_rows == 6
    assert info.columns == ("日期", "门店", "销售额", "销量", "花费", "活动", "折扣")
    assert info.mapping == dataset.mapping and info.mapping.outcome == "销售额"
    assert (info.date_min, info.date_max, info.frequency) == ("2024-01-01", "2024-01-03", "D")
    assert (info.encoding, info.sheet) == ("gb18030", None)
    assert ws.get(info.id) == info
    assert info.to_dict()["rows"] == 6


def test_notes_are_stored(ws: Workspace) -> None:
    info = ws.save(load_fixture("semicolon_decimal_comma.csv"), "de")
    assert info.notes["revenue"] == ["decimal comma (1.234,56)"]
    assert info.notes["date"] == ["day first (d/m/y)"]


def test_every_format_round_trips(ws: Workspace) -> None:
    for name in ("utf16le_unicode_text.csv", "workbook_two_sheets.xlsx", "dates_iso_week.csv"):
        dataset = load_fixture(name)
        pd.testing.assert_frame_equal(ws.load(ws.save(dataset, name).id), dataset.frame)


def test_names_that_differ_only_by_case_are_kept_apart(ws: Workspace) -> None:
    upper = ws.save(load_fixture("utf8_basic.csv"), "Sales")
    lower = ws.save(load_fixture("weekly.csv"), "sales")
    assert upper.id != lower.id
    assert {i.name for i in ws.list()} == {"Sales", "sales"}
    assert ws.load(upper.id).shape == (10, 7)
    assert ws.load(lower.id).shape == (8, 4)


def test_column_names_that_differ_only_by_case_are_kept_apart(ws: Workspace) -> None:
    base = load_fixture("utf8_basic.csv")
    columns = {
        "date": base.columns["date"],
        "Revenue": pa.array([1.0] * 10),
        "revenue": pa.array([2.0] * 10),
    }
    mapping = Mapping({"date": DATE, "Revenue": METRIC, "revenue": METRIC}, "revenue")
    dataset = dataclasses.replace(base, columns=columns, mapping=mapping)
    frame = ws.load(ws.save(dataset, "case").id)
    assert list(frame.columns) == ["date", "Revenue", "revenue"]
    assert frame["Revenue"].sum() == 10.0 and frame["revenue"].sum() == 20.0


def test_ids_are_generated_and_a_path_like_name_is_only_metadata(
    ws: Workspace, tmp_path: Path
) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    info = ws.save(load_fixture("utf8_basic.csv"), "../../etc/passwd")
    assert info.name == "../../etc/passwd"
    assert len(info.id) == 16 and all(c in "0123456789abcdef" for c in info.id)
    after = sorted(p.name for p in tmp_path.rglob("*"))
    assert set(after) - set(before) <= {DB_FILE + ".wal"}
    assert not (tmp_path / "etc").exists()
    again = ws.save(load_fixture("utf8_basic.csv"), "../../etc/passwd")
    assert again.id != info.id


def test_sql_in_a_name_is_only_text(ws: Workspace) -> None:
    name = "x'); DROP TABLE datasets; --"
    info = ws.save(load_fixture("utf8_basic.csv"), name)
    assert ws.get(info.id).name == name
    assert len(ws.list()) == 1


def test_empty_name_is_refused(ws: Workspace) -> None:
    with pytest.raises(UserInputError, match="Give the dataset a name"):
        ws.save(load_fixture("utf8_basic.csv"), "  \n ")
    assert ws.list() == []


def test_list_is_newest_first(ws: Workspace) -> None:
    first = ws.save(load_fixture("utf8_basic.csv"), "first")
    second = ws.save(load_fixture("weekly.csv"), "second")
    assert [i.id for i in ws.list()] == [second.id, first.id]


def test_rename(ws: Workspace) -> None:
    info = ws.save(load_fixture("utf8_basic.csv"), "old")
    renamed = ws.rename(info.id, "新名字")
    assert (renamed.id, renamed.name, renamed.content_hash) == (
        info.id,
        "新名字",
        info.content_hash,
    )
    assert ws.load(info.id).equals(load_fixture("utf8_basic.csv").frame)
    with pytest.raises(UserInputError):
        ws.rename(info.id, "")
    assert ws.get(info.id).name == "新名字"


def test_replace_keeps_id_and_name_and_swaps_rows_and_mapping(ws: Workspace) -> None:
    info = ws.save(load_fixture("utf8_basic.csv"), "shop")
    newer = load_fixture("weekly.csv")
    replaced = ws.replace(info.id, newer)
    assert (replaced.id, replaced.name) == (info.id, "shop")
    assert replaced.content_hash == newer.version != info.content_hash
    assert replaced.columns == ("week_start", "channel", "revenue", "spend")
    assert replaced.frequency == "W"
    pd.testing.assert_frame_equal(ws.load(info.id), newer.frame)
    assert len(ws.list()) == 1


def test_delete(ws: Workspace, open_ws) -> None:
    keep = ws.save(load_fixture("utf8_basic.csv"), "keep")
    gone = ws.save(load_fixture("weekly.csv"), "gone")
    ws.delete(gone.id)
    assert [i.id for i in ws.list()] == [keep.id]
    with pytest.raises(UserInputError, match="not in the workspace"):
        ws.load(gone.id)
    with pytest.raises(UserInputError):
        ws.delete(gone.id)
    ws.close()
    assert f"data_{gone.id}" not in tables_in_store(open_ws)
    assert f"data_{keep.id}" in tables_in_store(open_ws)


def test_unknown_id(ws: Workspace) -> None:
    with pytest.raises(UserInputError, match="not in the workspace"):
        ws.get("0123456789abcdef")


def test_a_save_that_fails_midway_leaves_the_workspace_as_it_was(
    ws: Workspace, open_ws, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = ws.save(load_fixture("utf8_basic.csv"), "kept")
    before = snapshot(ws)

    def fail(dataset: Dataset) -> list:
        raise RuntimeError("disk full while writing the metadata")

    # The rows' table is created first; the metadata insert then fails.
    monkeypatch.setattr(workspace_module, "_row_values", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        ws.save(load_fixture("gbk_chinese.csv"), "new")
    with pytest.raises(RuntimeError):
        ws.save_many([(load_fixture("weekly.csv"), "a"), (load_fixture("weekly.csv"), "b")])
    with pytest.raises(RuntimeError):
        ws.replace(kept.id, load_fixture("weekly.csv"))
    monkeypatch.undo()

    assert snapshot(ws) == before
    pd.testing.assert_frame_equal(ws.load(kept.id), load_fixture("utf8_basic.csv").frame)
    ws.close()
    assert tables_in_store(open_ws) == sorted(
        ["audit_log", "datasets", "imports", "meta", "schema_version", f"data_{kept.id}"]
    )


def test_save_many_is_all_or_nothing_including_the_flag(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = load_fixture("utf8_basic.csv")
    original = workspace_module._create_rows
    calls = []

    def second_fails(cursor, dataset_id, dataset) -> None:
        calls.append(dataset_id)
        if len(calls) == 2:
            raise OSError("interrupted")
        original(cursor, dataset_id, dataset)

    monkeypatch.setattr(workspace_module, "_create_rows", second_fails)
    with pytest.raises(OSError):
        ws.save_many([(good, "one"), (good, "two")], flag="samples_installed")
    monkeypatch.undo()
    assert ws.list() == []
    assert not ws.flag("samples_installed")

    assert ws.save_many(
        [(good, "one"), (load_fixture("weekly.csv"), "two")], flag="samples_installed"
    )
    assert sorted(i.name for i in ws.list()) == ["one", "two"]
    assert ws.flag("samples_installed")
    entries = len(ws.audit_log())
    # Another process that checked the flag before this one set it stores nothing twice.
    assert not ws.save_many([(good, "three")], flag="samples_installed")
    assert sorted(i.name for i in ws.list()) == ["one", "two"]
    assert len(ws.audit_log()) == entries


def test_reopening_loses_nothing(open_ws) -> None:
    first = open_ws()
    saved = {
        name: first.save(load_fixture(name), name)
        for name in ("gbk_chinese.csv", "workbook_two_sheets.xlsx", "semicolon_decimal_comma.csv")
    }
    first.rename(saved["gbk_chinese.csv"].id, "中文")
    first.delete(saved["semicolon_decimal_comma.csv"].id)
    first.save_many([], flag="seen")
    infos = {i.id: i for i in first.list()}
    first.close()

    again = open_ws()
    try:
        assert {i.id: i for i in again.list()} == infos
        assert again.get(saved["gbk_chinese.csv"].id).name == "中文"
        for name in ("gbk_chinese.csv", "workbook_two_sheets.xlsx"):
            pd.testing.assert_frame_equal(again.load(saved[name].id), load_fixture(name).frame)
        assert again.flag("seen") and not again.flag("other")
    finally:
        again.close()


def test_default_home_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIFTBOARD_HOME", str(tmp_path / "env-home"))
    opened = Workspace()
    try:
        assert opened.path == tmp_path / "env-home" / DB_FILE
        assert opened.path.exists()
    finally:
        opened.close()


def test_a_listing_is_reused_until_a_write_to_the_file_from_any_workspace(
    open_ws, backend: str
) -> None:
    """On a file, a listing is reused until a write; on PostgreSQL, where other processes
    write at any time, it is read again each time: either way it is never stale."""
    reader, writer = open_ws(), open_ws()
    try:
        first = writer.save(load_fixture("utf8_basic.csv"), "first")
        listed = reader.list()
        assert [i.name for i in listed] == ["first"]
        assert (reader.list()[0] is listed[0]) == (backend == "duckdb")
        writer.rename(first.id, "renamed")
        assert [i.name for i in reader.list()] == ["renamed"]
        writer.save(load_fixture("gbk_chinese.csv"), "second")
        assert sorted(i.name for i in reader.list()) == ["renamed", "second"]
        writer.delete(first.id)
        assert [i.name for i in reader.list()] == ["second"]
    finally:
        reader.close()
        writer.close()


def test_a_team_workspace_sees_only_its_own_datasets(tmp_path: Path) -> None:
    growth = workspace_module.open_workspace(tmp_path, team="growth")
    brand = workspace_module.open_workspace(tmp_path, team="brand")
    local = workspace_module.open_workspace(tmp_path)
    saved = growth.save(load_fixture("utf8_basic.csv"), "growth sales")
    assert [info.id for info in growth.list()] == [saved.id]
    assert brand.list() == [] and local.list() == []
    with pytest.raises(UserInputError):
        brand.get(saved.id)


def test_a_team_schema_sees_only_its_own_datasets(postgres_url: str, tmp_path: Path) -> None:
    """On PostgreSQL each team has its schema (team_<name>); without a team, `liftboard`."""
    growth_team, brand_team = new_team(), new_team()
    try:
        growth = workspace_module.open_workspace(
            tmp_path, team=growth_team, database_url=postgres_url
        )
        brand = workspace_module.open_workspace(
            tmp_path, team=brand_team, database_url=postgres_url
        )
        saved = growth.save(load_fixture("utf8_basic.csv"), "growth sales")
        assert growth.store.schema == f"team_{growth_team}"
        assert [info.id for info in growth.list()] == [saved.id]
        assert brand.list() == []
        with pytest.raises(UserInputError):
            brand.get(saved.id)
        local = workspace_module.open_workspace(tmp_path, database_url=postgres_url)
        assert local.store.schema == "liftboard"
        assert saved.id not in {info.id for info in local.list()}
    finally:
        for team in (growth_team, brand_team):
            drop_team(postgres_url, team)
        drop_schema(postgres_url, "liftboard")


def test_the_database_url_comes_from_the_team_configuration(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "liftboard.toml"
    monkeypatch.setenv("LIFTBOARD_CONFIG", str(config))
    config.write_text('[teams.growth]\nadmins = ["lead@example.com"]\n')
    on_files = workspace_module.open_workspace(tmp_path, team="growth")
    assert on_files.path == (tmp_path / "teams" / "growth" / DB_FILE).resolve()
    on_files.close()
    team = new_team()
    config.write_text(f'database_url = "{postgres_url}"\n[teams.{team}]\nadmins = ["a@b.c"]\n')
    try:
        ws = workspace_module.open_workspace(tmp_path, team=team)
        assert (ws.store.dialect, ws.store.schema, ws.path) == ("postgresql", f"team_{team}", None)
        assert ws.list() == []
    finally:
        drop_team(postgres_url, team)


def test_a_team_name_that_is_no_name_is_refused(tmp_path: Path) -> None:
    for name in ("../escape", 'x"; DROP SCHEMA public; --', "Growth", "a" * 41):
        with pytest.raises(UserInputError) as caught:
            workspace_module.open_workspace(tmp_path, team=name)
        assert caught.value.code == "team_name_invalid"
    assert not (tmp_path / "teams").exists()


def test_an_unreachable_database_says_what_to_change(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match=r"127\.0\.0\.1:9 cannot be reached") as caught:
        workspace_module.open_workspace(
            tmp_path, team="growth", database_url="postgresql://liftboard@127.0.0.1:9/liftboard"
        )
    assert caught.value.code == "database_unreachable"
    assert "database_url" in str(caught.value)


def test_stored_tables_keep_every_type_and_null(ws: Workspace) -> None:
    """What the backends store a dataset's columns as: a round trip keeps values and types."""
    table = pa.table({
        "c0": pa.array([1, None, -(2**62), 0], pa.int64()),
        "c1": pa.array([0.5, None, float("inf"), -1e-300], pa.float64()),
        "c2": pa.array(["上海一店", None, "it's \"quoted\"\t\n, ok", ""], pa.string()),
        "c3": pa.array([datetime(2024, 2, 29, 13, 45, 1, 123456), None, datetime(1999, 12, 31),
                        datetime(1900, 1, 1)], pa.timestamp("ns")),
        "c4": pa.array([date(2024, 2, 29), None, date(1970, 1, 1), date(2100, 12, 31)],
                       pa.date32()),
        "c5": pa.array([True, None, False, True]),
    })  # fmt: skip
    with ws._cursor() as session:
        session.create_table("data_types", table)
        assert session.read_table("data_types").equals(table)
        assert session.read_table("data_types", limit=0).schema == table.schema


def test_a_write_past_the_parser_is_refused_by_the_read_path(ws: Workspace) -> None:
    """Workspace.query's reads run in a read-only transaction on PostgreSQL: even a statement
    the parser let through could not write."""
    if ws.store.dialect == "postgresql":
        refused = pytest.raises(psycopg.errors.ReadOnlySqlTransaction)
        with ws._cursor() as session, session.read_only(), refused:
            session.execute("CREATE TABLE sneaky (x INTEGER)")
    with pytest.raises(PermissionError):
        ws.query("CREATE TABLE sneaky (x INTEGER)")
    assert "sneaky" not in ws.tables()


def test_every_readable_fixture_and_sample_file_round_trips_on_postgresql(pg_ws: Workspace) -> None:
    """PostgreSQL keeps every file the corpus and the sample hold exactly as DuckDB does:
    values, nulls, dtypes and column names (the validation report aside, which blocks saves)."""
    root = Path(__file__).resolve().parents[1]
    paths = [
        *(p for p in sorted((root / "fixtures").rglob("*")) if p.suffix in READABLE),
        *sorted((root.parent / "sample_data").glob("*.csv")),
    ]
    stored = 0
    for path in paths:
        try:
            dataset = dataclasses.replace(load(path), issues=())
        except UserInputError:
            continue  # an unreadable file is the ingest tests' subject
        info = pg_ws.save(dataset, path.name)
        pd.testing.assert_frame_equal(pg_ws.load(info.id), dataset.frame, obj=path.name)
        stored += 1
    assert stored >= 100
