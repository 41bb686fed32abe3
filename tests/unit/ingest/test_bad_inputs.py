"""Malformed and hostile files through the analytics API: each is refused with its exact sentence
or read with exactly the expected issues, never a traceback or a silent misreading; and a refused
save leaves the workspace as it was. The table of expectations is tests/bad_corpus.py."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from analytics.errors import UserInputError
from analytics.ingest.fence import load_file
from analytics.ingest.load import inspect, load
from analytics.workspace import Workspace
from tests.bad_corpus import (
    BAD,
    EXPECTED,
    Confirm,
    Refused,
    corpus_path,
    large_files_dir,
    make_bad_module,
)

MAKE_BAD = make_bad_module()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return large_files_dir(tmp_path_factory)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """A workspace that already holds one dataset."""
    opened = Workspace(tmp_path / "home")
    opened.save(load(Path(__file__).parents[2] / "fixtures" / "utf8_basic.csv"), "kept")
    yield opened
    opened.close()


def test_the_committed_corpus_matches_its_generator() -> None:
    small = MAKE_BAD.small_files()
    committed = {p.name for p in BAD.iterdir() if p.is_file() and p.suffix != ".py"}
    assert committed == set(small), "run tests/fixtures/bad/make_bad.py"
    for name, data in small.items():
        assert (BAD / name).read_bytes() == data, f"{name} differs: run make_bad.py"
        assert len(data) < 1_000_000, f"{name} is too large to commit"


def test_every_corpus_file_has_an_expectation_and_there_are_at_least_thirty() -> None:
    corpus = set(MAKE_BAD.small_files()) | set(MAKE_BAD.LARGE_FILES)
    assert corpus == {name for name in EXPECTED if not name.startswith("../")}
    assert len(corpus) >= 30


def test_the_large_files_are_as_large_as_they_claim(large: Path) -> None:
    assert (large / "single_line_50mb.csv").stat().st_size > 50_000_000
    assert (large / "many_rows_repeated.csv").stat().st_size < 10_000_000
    assert (large / "many_columns_3000.csv").read_text().splitlines()[0].count(",") == 2999
    assert (large / "xlsx_bomb.xlsx").stat().st_size < 1_000_000


@pytest.mark.parametrize("name", list(EXPECTED))
def test_bad_input_is_refused_or_read_as_expected(name: str, large: Path, ws: Workspace) -> None:
    expected = EXPECTED[name]
    path = corpus_path(name, large)
    before = [(i.id, i.name, i.content_hash, i.n_rows) for i in ws.list()]
    kept = ws.load(before[0][0])
    encoding = None
    # Read as the command line reads it: in the fenced worker process (some files abort the
    # process that reads them).
    if isinstance(expected, Refused):
        with pytest.raises(UserInputError) as caught:
            load_file(path)
        assert (caught.value.code, str(caught.value)) == (expected.code, expected.message)
        if not isinstance(expected, Confirm):
            return
        assert caught.value.encoding == expected.encoding
        encoding, expected = expected.encoding, expected.then
    dataset = load_file(path, encoding=encoding)
    report = inspect(dataset)
    json.dumps(report.to_dict(), allow_nan=False)
    assert [(i.severity, i.code) for i in dataset.issues] == list(expected.issues)
    assert dataset.n_rows == report.rows == expected.rows
    for column, values in expected.values.items():
        assert _shown(dataset.frame[column].tolist()[: len(values)]) == values, column
    if expected.blocks_saving:
        _saving_is_refused(ws, dataset)
        assert [(i.id, i.name, i.content_hash, i.n_rows) for i in ws.list()] == before
    else:
        stored = ws.save(dataset, path.name)
        pd.testing.assert_frame_equal(ws.load(stored.id), dataset.frame)
    pd.testing.assert_frame_equal(ws.load(before[0][0]), kept)


def _saving_is_refused(ws: Workspace, dataset: object) -> None:
    for attempt in (
        lambda: ws.save(dataset, "bad"),
        lambda: ws.replace(ws.list()[0].id, dataset),
        lambda: ws.save_many([(dataset, "bad")], flag="bad"),
    ):
        with pytest.raises(UserInputError) as caught:
            attempt()
        assert caught.value.code == "dataset_has_errors"
        assert str(caught.value).startswith("The dataset has ")
    assert not ws.flag("bad")


def _shown(values: list[object]) -> list[object]:
    """Cells as the expectation table writes them: dates as text, missing as None."""
    shown: list[object] = []
    for value in values:
        if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            shown.append(None)
        elif isinstance(value, pd.Timestamp):
            shown.append(value.strftime("%Y-%m-%d"))
        else:
            shown.append(value)
    return shown


def test_hostile_names_are_kept_as_text_and_stored_as_metadata(ws: Workspace) -> None:
    dataset = load(BAD / "html_script_names.csv")
    assert dataset.raw.names[1:5] == (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "**Sale**",
        "![](http://example.com/t.png)",
    )
    info = ws.save(dataset, "<b>x</b>")
    assert info.name == "<b>x</b>"
    assert ws.load(info.id).columns.tolist() == list(dataset.raw.names)


def test_a_refused_file_carries_a_code_for_each_language() -> None:
    from ui.i18n.messages import FAILURES_ZH

    for expected in EXPECTED.values():
        if isinstance(expected, Refused):
            assert expected.code in FAILURES_ZH, expected.code


def test_the_sparse_workbook_is_refused_before_the_reader_allocates_it() -> None:
    """calamine would allocate 512 GB for A1..XFD1048576 and abort the whole process."""
    from analytics.ingest.reading import read_table

    with pytest.raises(UserInputError) as caught:
        read_table(BAD / "xlsx_sparse_corners.xlsx")
    assert caught.value.params == {"cell": "XFD1048576", "rows": 1_048_576, "columns": 16_384}


def test_old_mac_and_mixed_line_ends_keep_spreadsheet_row_numbers() -> None:
    dataset = load(BAD / "cr_only_line_ends.csv")
    assert dataset.raw.row_numbers.tolist() == list(range(2, 30))
    dataset = load(BAD / "mixed_line_ends.csv")
    assert dataset.raw.row_numbers.tolist() == list(range(2, 30))
