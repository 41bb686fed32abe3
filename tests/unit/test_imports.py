"""Appending a newer export: merge counts on a file with known overlaps, duplicates in the file,
undo to the exact previous rows and version, the same file twice, refused files change nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analytics import imports
from analytics.customers.privacy import KEY_ENV, WORKSPACE_SECRET, id_key, pseudonymise
from analytics.errors import UserInputError
from analytics.ingest.load import Dataset, load
from analytics.ingest.profiles import profile
from analytics.ingest.reading import read_table
from analytics.workspace import DatasetInfo, Workspace

BASE = """date,store,revenue,spend
2024-01-01,A,100,10
2024-01-01,B,200,20
2024-01-02,A,110,11
2024-01-02,B,210,21
"""
# 2024-01-02 A unchanged; 2024-01-02 B twice (the last row, 999, wins: changed); two new rows.
NEWER = """date,store,revenue,spend
2024-01-02,A,110,11
2024-01-02,B,215,21
2024-01-02,B,999,21
2024-01-03,A,120,12
2024-01-03,B,220,22
"""


@pytest.fixture
def ws(open_ws) -> Workspace:
    """A workspace on each backend (DuckDB file, PostgreSQL schema)."""
    return open_ws()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def export(info: DatasetInfo, path: Path) -> Dataset:
    raw = read_table(path)
    return imports.fit_export(info, raw, profile(raw))


def stored_state(ws: Workspace, dataset_id: str) -> tuple:
    info = ws.get(dataset_id)
    return (info.content_hash, info.n_rows, info.date_max, ws.load(dataset_id).to_dict("list"))


def tables(ws: Workspace) -> list[str]:
    return ws.tables()


@pytest.fixture
def shop(ws: Workspace, tmp_path: Path) -> DatasetInfo:
    return ws.save(load(write(tmp_path, "base.csv", BASE)), "shop")


def test_preview_counts_added_changed_unchanged_and_duplicates(
    ws: Workspace, shop: DatasetInfo, tmp_path: Path
) -> None:
    before = stored_state(ws, shop.id)
    preview = imports.preview_append(ws, shop.id, export(shop, write(tmp_path, "n.csv", NEWER)))
    assert (preview.added, preview.changed, preview.unchanged) == (2, 1, 1)
    assert preview.duplicates_in_file == 1
    assert preview.key == ("date", "store")
    assert preview.added_examples["revenue"].tolist() == [120.0, 220.0]
    assert preview.changed_examples.loc[0, "revenue (before)"] == 210.0
    assert preview.changed_examples.loc[0, "revenue"] == 999.0
    assert stored_state(ws, shop.id) == before  # a preview stores nothing


def test_append_merges_on_the_key_and_makes_a_new_version(
    ws: Workspace, shop: DatasetInfo, tmp_path: Path
) -> None:
    _, record = imports.append(ws, shop.id, export(shop, write(tmp_path, "n.csv", NEWER)))
    after = ws.get(shop.id)
    frame = ws.load(shop.id)
    assert frame["revenue"].tolist() == [100.0, 200.0, 110.0, 999.0, 120.0, 220.0]
    assert frame["store"].tolist() == ["A", "B"] * 3
    assert after.n_rows == 6 and after.date_max == "2024-01-03"
    assert after.content_hash != shop.content_hash
    assert imports.version_count(ws, shop.id) == 2
    assert (record.added, record.changed, record.unchanged, record.duplicates_in_file) == (
        2,
        1,
        1,
        1,
    )
    assert record.user == imports.LOCAL_USER
    assert len(record.file_hash) == 32 and not record.undone


def test_undo_restores_the_previous_rows_and_version_exactly(
    ws: Workspace, shop: DatasetInfo, tmp_path: Path
) -> None:
    before = ws.load(shop.id)
    _, record = imports.append(ws, shop.id, export(shop, write(tmp_path, "n.csv", NEWER)))
    restored = imports.undo_import(ws, record.batch)
    pd.testing.assert_frame_equal(ws.load(shop.id), before, check_dtype=True)
    assert restored.content_hash == shop.content_hash
    assert (restored.n_rows, restored.date_max, restored.uploaded_at) == (
        shop.n_rows, shop.date_max, shop.uploaded_at)  # fmt: skip
    assert imports.version_count(ws, shop.id) == 1
    assert imports.import_history(ws, shop.id)[0].undone
    assert not [t for t in tables(ws) if t.startswith("prev_")]
    with pytest.raises(UserInputError) as caught:
        imports.undo_import(ws, record.batch)
    assert caught.value.code == "undo_not_latest"


def test_only_the_latest_import_is_undone(ws: Workspace, shop: DatasetInfo, tmp_path: Path) -> None:
    _, first = imports.append(ws, shop.id, export(shop, write(tmp_path, "n.csv", NEWER)))
    later = NEWER.replace("2024-01-03", "2024-01-04")
    _, second = imports.append(ws, shop.id, export(shop, write(tmp_path, "m.csv", later)))
    assert ws.get(shop.id).n_rows == 8
    with pytest.raises(UserInputError):
        imports.undo_import(ws, first.batch)
    imports.undo_import(ws, second.batch)
    assert ws.get(shop.id).n_rows == 6
    imports.undo_import(ws, first.batch)
    assert ws.get(shop.id).content_hash == shop.content_hash


def test_the_same_file_twice_adds_nothing(ws: Workspace, shop: DatasetInfo, tmp_path: Path) -> None:
    path = write(tmp_path, "n.csv", NEWER)
    _, first = imports.append(ws, shop.id, export(shop, path))
    version = ws.get(shop.id).content_hash
    preview, again = imports.append(ws, shop.id, export(shop, path))
    assert preview.already_imported and again.batch == first.batch
    assert (preview.added, preview.changed, preview.unchanged) == (0, 0, 4)
    assert ws.get(shop.id).content_hash == version
    assert len(imports.import_history(ws, shop.id)) == 1


def test_a_file_with_nothing_new_is_recorded_without_a_new_version(
    ws: Workspace, shop: DatasetInfo, tmp_path: Path
) -> None:
    same_rows = BASE.replace("date,store,revenue,spend", "date,store,revenue,spend") + "\n"
    _, record = imports.append(ws, shop.id, export(shop, write(tmp_path, "s.csv", same_rows)))
    assert (record.added, record.changed, record.unchanged) == (0, 0, 4)
    assert ws.get(shop.id).content_hash == shop.content_hash
    assert imports.version_count(ws, shop.id) == 1


def test_columns_that_do_not_fit_name_what_is_missing_and_extra_and_change_nothing(
    ws: Workspace, shop: DatasetInfo, tmp_path: Path
) -> None:
    before, on_disk = stored_state(ws, shop.id), tables(ws)
    other = "date,store,revenue,clicks\n2024-01-03,A,1,2\n"
    with pytest.raises(UserInputError) as caught:
        export(shop, write(tmp_path, "o.csv", other))
    assert caught.value.code == "append_columns_mismatch"
    assert "missing spend; extra clicks" in str(caught.value)
    assert stored_state(ws, shop.id) == before and tables(ws) == on_disk
    assert imports.import_history(ws, shop.id) == []


def test_a_failed_store_leaves_the_dataset_as_it_was(
    ws: Workspace, shop: DatasetInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, on_disk = stored_state(ws, shop.id), tables(ws)

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(imports, "store_rows", broken)
    with pytest.raises(OSError):
        imports.append(ws, shop.id, export(shop, write(tmp_path, "n.csv", NEWER)))
    assert stored_state(ws, shop.id) == before and tables(ws) == on_disk
    assert imports.import_history(ws, shop.id) == []


def test_a_stale_preview_is_refused(ws: Workspace, shop: DatasetInfo, tmp_path: Path) -> None:
    preview = imports.preview_append(ws, shop.id, export(shop, write(tmp_path, "n.csv", NEWER)))
    later = NEWER.replace("2024-01-03", "2024-01-05")
    imports.append(ws, shop.id, export(shop, write(tmp_path, "m.csv", later)))
    with pytest.raises(UserInputError) as caught:
        imports.commit_append(ws, preview)
    assert caught.value.code == "append_stale_preview"


def test_replacing_or_deleting_a_dataset_forgets_its_imports(
    ws: Workspace, shop: DatasetInfo, tmp_path: Path
) -> None:
    path = write(tmp_path, "n.csv", NEWER)
    imports.append(ws, shop.id, export(shop, path))
    ws.replace(shop.id, load(write(tmp_path, "base.csv", BASE)))
    assert imports.import_history(ws, shop.id) == []
    assert not [t for t in tables(ws) if t.startswith("prev_")]
    _, again = imports.append(ws, shop.id, export(shop, path))
    assert again.added == 2
    ws.delete(shop.id)
    assert ws.query("SELECT count(*) FROM imports") == [(0,)]
    assert not [t for t in tables(ws) if t.startswith("prev_")]


SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"


def test_the_last_weeks_of_the_sales_sample_append_with_known_counts(
    ws: Workspace, tmp_path: Path
) -> None:
    """The sample cut at 29 days before its end, then an export of its last 60 days with 50
    revenues corrected: 28 new days x 12 segments added, 50 changed, the other 334 unchanged."""
    frame = pd.read_csv(SAMPLE_DIR / "sales_daily.csv")
    dates = sorted(frame["date"].unique())
    segments = frame.groupby(["region", "category"]).ngroups
    older = frame[frame["date"] <= dates[-29]]
    newer = frame[frame["date"] >= dates[-60]].copy()
    newer.loc[newer.index[:50], "revenue"] += 1
    older.to_csv(tmp_path / "older.csv", index=False)
    newer.to_csv(tmp_path / "newer.csv", index=False)
    info = ws.save(load(tmp_path / "older.csv"), "sales")
    _, record = imports.append(ws, info.id, export(info, tmp_path / "newer.csv"))
    assert segments == 12
    assert (record.added, record.changed, record.unchanged) == (28 * 12, 50, 32 * 12 - 50)
    merged = ws.load(info.id)
    assert len(merged) == len(frame)
    assert merged["revenue"].sum() == pytest.approx(frame["revenue"].sum() + 50)
    assert ws.get(info.id).date_max == dates[-1]


def test_customer_ids_of_a_hashed_dataset_are_hashed_in_the_appended_rows(
    ws: Workspace, tmp_path: Path
) -> None:
    text = (SAMPLE_DIR / "customer_orders.csv").read_text().splitlines()
    write(tmp_path, "orders.csv", "\n".join(text[:201]) + "\n")
    newer = write(
        tmp_path, "more.csv", "\n".join([text[0], "O999999,NEW123,2024-12-31,10.00,0.00,"])
    )
    plain = load(tmp_path / "orders.csv")
    hashed, lookup = pseudonymise(plain, ws.secret(WORKSPACE_SECRET))
    info = ws.save(hashed, "orders", id_lookup=lookup)
    _, record = imports.append(ws, info.id, export(info, newer))
    assert record.added == 1
    stored = ws.load(info.id)
    assert "NEW123" not in set(stored["customer_id"])
    assert stored["customer_id"].str.startswith("c_").all()
    new_id = stored.loc[stored["order_id"] == "O999999", "customer_id"].item()
    assert ws.id_lookup(info.id).set_index("pseudonym").loc[new_id, "original"] == "NEW123"


def test_a_file_with_errors_is_refused_and_changes_nothing(
    ws: Workspace, shop: DatasetInfo, tmp_path: Path
) -> None:
    before, on_disk = stored_state(ws, shop.id), tables(ws)
    negative = "date,store,revenue,spend\n2024-01-03,A,120,-12\n2024-01-03,B,220,22\n"
    with pytest.raises(UserInputError) as caught:
        imports.append(ws, shop.id, export(shop, write(tmp_path, "neg.csv", negative)))
    assert caught.value.code == "dataset_has_errors"
    assert stored_state(ws, shop.id) == before and tables(ws) == on_disk
    assert imports.import_history(ws, shop.id) == []


def test_the_id_key_comes_from_the_environment_else_the_workspace(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    assert id_key(ws) == ws.secret(WORKSPACE_SECRET) and len(id_key(ws)) == 32
    monkeypatch.setenv(KEY_ENV, "k" * 40)
    assert id_key(ws) == b"k" * 40
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(UserInputError) as caught:
        id_key(ws)
    assert caught.value.code == "id_key_short"


def test_appending_with_another_id_key_is_refused(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (SAMPLE_DIR / "customer_orders.csv").read_text().splitlines()
    write(tmp_path, "orders.csv", "\n".join(text[:101]) + "\n")
    more = write(
        tmp_path, "more.csv", "\n".join([text[0], "O999999,NEW123,2024-12-31,10.00,0.00,"])
    )
    monkeypatch.setenv(KEY_ENV, "a-server-secret-of-more-than-32-characters")
    hashed, lookup = pseudonymise(load(tmp_path / "orders.csv"), id_key(ws))
    info = ws.save(hashed, "orders", id_lookup=lookup)
    before = stored_state(ws, info.id)
    monkeypatch.delenv(KEY_ENV)
    with pytest.raises(UserInputError) as caught:
        imports.append(ws, info.id, export(info, more))
    assert caught.value.code == "id_key_changed"
    assert stored_state(ws, info.id) == before
    monkeypatch.setenv(KEY_ENV, "a-server-secret-of-more-than-32-characters")
    assert imports.append(ws, info.id, export(info, more))[1].added == 1
