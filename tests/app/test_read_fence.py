"""The Data page reads each upload in a fenced worker process: it states the limits next to the
uploader, and a file that aborts its reader leaves one sentence while the same session carries
on with the next file."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import new_app
from tests.app.helpers import DATA_PAGE, open_data_page, plain, upload
from tests.bad_corpus import BAD, EXPECTED, FIXTURES
from ui.i18n.messages import FAILURES_ZH

CRASHING = BAD / "xlsx_shared_strings_claim.xlsx"


def _limits_caption(at) -> str:
    return next(
        c.value for c in at.caption if "separate process" in c.value or "单独的进程" in c.value
    )


def test_the_limits_are_stated_next_to_the_uploader(home: Path) -> None:
    at = open_data_page()
    assert _limits_caption(at) == (
        "Each file is read in a separate process with at most 1.5 GB of memory and 60 s; a file "
        "that needs more is stopped with a message saying what to export instead."
    )
    at = new_app(DATA_PAGE, lang="zh")
    assert _limits_caption(at) == (
        "每个文件在单独的进程中读取，最多使用 1.5 GB 内存和 60 秒；超出限制的文件会被停止，"
        "并提示应改为导出什么。"
    )


def test_the_stated_limits_follow_the_settings(home: Path, monkeypatch) -> None:
    monkeypatch.setenv("LIFTBOARD_READ_MEMORY_MB", "3072")
    monkeypatch.setenv("LIFTBOARD_READ_SECONDS", "120")
    assert "at most 3 GB of memory and 120 s" in _limits_caption(open_data_page())


def test_an_unusable_setting_is_said_where_the_limits_would_be(home: Path, monkeypatch) -> None:
    monkeypatch.setenv("LIFTBOARD_READ_MEMORY_MB", "lots")
    at = open_data_page()
    assert [plain(e.value) for e in at.error] == [
        "Set LIFTBOARD_READ_MEMORY_MB to a number of megabytes of at least 64 (it is 'lots'), "
        "or remove it to use the default."
    ]


def test_after_the_crashing_workbook_the_session_reads_the_next_file(home: Path) -> None:
    at = upload(open_data_page(), CRASHING.name, CRASHING.read_bytes())
    assert [plain(e.value) for e in at.error] == [EXPECTED[CRASHING.name].message]
    upload(at, "utf8_basic.csv", (FIXTURES / "utf8_basic.csv").read_bytes())
    assert not at.error
    assert [s.value for s in at.success] == ["No problems found."]


def test_the_sentence_in_chinese(home: Path) -> None:
    at = upload(new_app(DATA_PAGE, lang="zh"), CRASHING.name, CRASHING.read_bytes())
    (error,) = at.error
    template = FAILURES_ZH[EXPECTED[CRASHING.name].code]
    assert plain(error.value).startswith(template.split("{")[0])
    assert plain(error.value) != EXPECTED[CRASHING.name].message
