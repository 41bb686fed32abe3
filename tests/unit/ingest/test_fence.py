"""The fenced read: a file read in a worker process gives exactly the unfenced result, a bad file's
UserInputError arrives whole, and a child that needs too much memory or time, or dies, becomes one
sentence while this process carries on. The functions that misbehave are defined here, in the
tests: the readers users reach have no hook for them."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from corpus import SAMPLE_CSV, fixture_path

from analytics.errors import EncodingNeedsConfirmation, UserInputError
from analytics.ingest.fence import (
    DEFAULT_MEMORY_MB,
    ReadLimits,
    load_file,
    read_limits,
    read_upload,
    run_fenced,
)
from analytics.ingest.load import load
from analytics.ingest.profiles import profile
from analytics.ingest.reading import read_table
from tests.bad_corpus import BAD

SMALL = ReadLimits(memory_mb=256, seconds=30)
MEMORY = (
    "This file needs more memory than the 256 MB allowed for reading a file: export fewer rows "
    "or columns (one sheet as CSV, a shorter period) and try again."
)
CRASHED = (
    "The file could not be read (the reader stopped unexpectedly): save it again from the "
    "program that made it, or export the table as CSV, and try again."
)


def _time_sentence(seconds: str) -> str:
    return (
        f"Reading this file took longer than the {seconds} s allowed: export fewer rows or "
        "columns (one sheet as CSV, a shorter period) and try again."
    )


# --- what the child runs in these tests ------------------------------------------------------


def allocate_python(megabytes: int) -> int:
    return len(bytearray(megabytes << 20))


def allocate_numpy(megabytes: int) -> float:
    return float(np.ones(megabytes << 17).sum())  # 8-byte floats


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def spin() -> None:
    while True:
        pass


def abort() -> None:
    os.abort()


def fail_unexpectedly() -> None:
    raise KeyError("a bug in a reader")


def refuse() -> None:
    raise UserInputError("Nope: change it.", code="some_code", column="x", rows=3)


def calamine_sheet(path: str) -> list[list[object]]:
    """The Excel reader on its own, without the checks LiftBoard runs before it."""
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()


def pid_and_bytes(data: bytes) -> tuple[int, bytes]:
    return os.getpid(), data[::-1]


# --- a normal read ----------------------------------------------------------------------------


def test_a_fenced_load_gives_the_same_dataset_as_an_unfenced_one() -> None:
    fenced, plain = load_file(SAMPLE_CSV), load(SAMPLE_CSV)
    pd.testing.assert_frame_equal(fenced.frame, plain.frame)
    assert fenced.mapping == plain.mapping
    assert fenced.issues == plain.issues
    assert fenced.notes == plain.notes
    assert fenced.version == plain.version
    assert fenced.raw.cells.equals(plain.raw.cells)
    assert fenced.raw.row_numbers.tolist() == plain.raw.row_numbers.tolist()


def test_a_fenced_upload_read_gives_the_same_table_and_profiles() -> None:
    data = fixture_path("workbook_two_sheets.xlsx").read_bytes()
    raw, profiles = read_upload(data, file_name="book.xlsx", sheet="周报")
    plain = read_table(data, file_name="book.xlsx", sheet="周报")
    assert raw.cells.equals(plain.cells)
    assert (raw.names, raw.sheets, raw.content_hash) == (
        plain.names,
        plain.sheets,
        plain.content_hash,
    )
    expected = profile(plain)
    assert [(p.name, p.kind, p.missing, p.distinct) for p in profiles.values()] == [
        (p.name, p.kind, p.missing, p.distinct) for p in expected.values()
    ]
    for name, prof in profiles.items():
        values = getattr(prof.parse, "values", None)
        if values is not None:
            np.testing.assert_array_equal(values, expected[name].parse.values)
            # writable where the unfenced read's are
            assert values.flags.writeable == expected[name].parse.values.flags.writeable


def test_bytes_go_to_the_child_and_back_unchanged() -> None:
    data = bytes(range(256)) * 4096
    pid, back = run_fenced(pid_and_bytes, data, limits=SMALL)
    assert pid != os.getpid()
    assert back == data[::-1]


# --- a bad file's own refusal -----------------------------------------------------------------


def test_a_user_input_error_keeps_its_code_and_params() -> None:
    with pytest.raises(UserInputError) as caught:
        run_fenced(refuse, limits=SMALL)
    error = caught.value
    assert type(error) is UserInputError
    assert (str(error), error.code, error.params) == (
        "Nope: change it.",
        "some_code",
        {"column": "x", "rows": 3},
    )


def test_a_workbook_refusal_keeps_its_params() -> None:
    with pytest.raises(UserInputError) as caught:
        load_file(fixture_path("workbook_two_sheets.xlsx"), sheet="Monthly")
    assert caught.value.code == "no_such_sheet"
    assert caught.value.params == {"sheet": "Monthly", "sheets": "Daily, 周报"}


def test_an_encoding_question_arrives_with_its_preview() -> None:
    data = fixture_path("cp1252_western.csv").read_bytes()
    with pytest.raises(EncodingNeedsConfirmation) as fenced:
        read_upload(data, file_name="western.csv")
    with pytest.raises(EncodingNeedsConfirmation) as plain:
        read_table(data, file_name="western.csv")
    assert (fenced.value.encoding, fenced.value.preview) == (
        plain.value.encoding,
        plain.value.preview,
    )
    assert (str(fenced.value), fenced.value.code, fenced.value.params) == (
        str(plain.value),
        plain.value.code,
        plain.value.params,
    )
    raw, _ = read_upload(data, file_name="western.csv", encoding="cp1252")
    assert raw.encoding == "cp1252"


# --- a child beyond its limits, or dead ---------------------------------------------------------


@pytest.mark.parametrize("allocate", [allocate_python, allocate_numpy])
def test_memory_beyond_the_limit_is_the_memory_sentence(allocate) -> None:
    with pytest.raises(UserInputError) as caught:
        run_fenced(allocate, 1024, limits=SMALL)
    assert (caught.value.code, str(caught.value)) == ("read_memory_limit", MEMORY)
    assert caught.value.params == {"limit": "256 MB"}
    assert run_fenced(allocate_python, 64, limits=SMALL) == 64 << 20  # within it: fine


def test_the_workbook_that_aborts_its_reader_is_the_memory_sentence() -> None:
    """The Excel reader asks for 100 GB for 4,294,967,295 shared strings and aborts."""
    with pytest.raises(UserInputError) as caught:
        run_fenced(calamine_sheet, str(BAD / "xlsx_shared_strings_claim.xlsx"), limits=SMALL)
    assert (caught.value.code, str(caught.value)) == ("read_memory_limit", MEMORY)
    assert load_file(SAMPLE_CSV, limits=SMALL).n_rows > 0  # this process carries on


def test_a_read_past_the_wall_clock_is_stopped_with_the_time_sentence() -> None:
    with pytest.raises(UserInputError) as caught:
        run_fenced(sleep, 600, limits=ReadLimits(memory_mb=256, seconds=1))
    assert (caught.value.code, str(caught.value)) == ("read_time_limit", _time_sentence("1"))
    assert caught.value.params == {"seconds": "1"}
    assert not [p for p in multiprocessing.active_children() if p.name == "liftboard-read"]


def test_a_read_past_its_cpu_time_is_stopped_with_the_time_sentence() -> None:
    with pytest.raises(UserInputError) as caught:
        run_fenced(spin, limits=ReadLimits(memory_mb=256, seconds=120, cpu_seconds=1))
    assert (caught.value.code, str(caught.value)) == ("read_time_limit", _time_sentence("120"))


@pytest.mark.parametrize("function", [abort, fail_unexpectedly])
def test_a_reader_that_dies_or_fails_is_the_unexpected_stop_sentence(function) -> None:
    with pytest.raises(UserInputError) as caught:
        run_fenced(function, limits=SMALL)
    assert (caught.value.code, str(caught.value)) == ("read_crashed", CRASHED)


# --- the settings -------------------------------------------------------------------------------


def test_the_limits_default_to_one_and_a_half_gigabytes_and_a_minute(monkeypatch) -> None:
    monkeypatch.delenv("LIFTBOARD_READ_MEMORY_MB", raising=False)
    monkeypatch.delenv("LIFTBOARD_READ_SECONDS", raising=False)
    limits = read_limits()
    assert (limits.memory_mb, limits.seconds) == (DEFAULT_MEMORY_MB, 60)
    assert (limits.memory_text, limits.seconds_text) == ("1.5 GB", "60")


def test_the_limits_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("LIFTBOARD_READ_MEMORY_MB", "2048")
    monkeypatch.setenv("LIFTBOARD_READ_SECONDS", "90")
    limits = read_limits()
    assert (limits.memory_text, limits.seconds_text) == ("2 GB", "90")
    assert ReadLimits(memory_mb=512).memory_text == "512 MB"


@pytest.mark.parametrize("value", ["lots", "0", "-5", "nan", "inf"])
def test_an_unusable_setting_is_one_sentence(monkeypatch, value: str) -> None:
    monkeypatch.setenv("LIFTBOARD_READ_SECONDS", value)
    with pytest.raises(UserInputError) as caught:
        read_limits()
    assert str(caught.value) == (
        f"Set LIFTBOARD_READ_SECONDS to a number of seconds of at least 1 (it is {value!r}), "
        "or remove it to use the default."
    )
    assert caught.value.code == "read_limit_setting"


# --- only regular files from a path -----------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


def test_a_named_pipe_is_refused_without_being_opened(fifo: Path) -> None:
    with pytest.raises(UserInputError) as caught:
        read_table(fifo)  # opening it would wait for a writer forever
    assert str(caught.value) == (
        f"{fifo} is a named pipe, not a regular file: give the path of a CSV, TSV or Excel file "
        "saved on disk."
    )
    assert caught.value.code == "not_regular_file"
    assert caught.value.params == {"path": str(fifo), "kind": "a named pipe"}


@pytest.mark.parametrize(
    ("target", "kind"), [("/dev/zero", "a character device"), ("/", "a folder")]
)
def test_devices_and_folders_are_refused(target: str, kind: str) -> None:
    with pytest.raises(UserInputError, match=f"^{target} is {kind}, not a regular file"):
        read_table(target)


def test_a_link_is_followed_only_to_a_regular_file(tmp_path: Path, fifo: Path) -> None:
    to_pipe, to_file = tmp_path / "to_pipe.csv", tmp_path / "to_file.csv"
    to_pipe.symlink_to(fifo)
    to_file.symlink_to(SAMPLE_CSV)
    with pytest.raises(UserInputError, match="is a named pipe, not a regular file"):
        read_table(to_pipe)
    assert read_table(to_file).cells.equals(read_table(SAMPLE_CSV).cells)
