"""Every file of the bad-input corpus through the Data page's uploader: no exception, the exact
sentence (st.error) or the expected validation report, and nothing saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from analytics.ingest.load import load
from analytics.workspace import Workspace
from tests.app.conftest import ROOT, new_app
from tests.app.helpers import DATA_PAGE, button_with_prefix, open_data_page, plain, upload
from tests.bad_corpus import (
    EXPECTED,
    Confirm,
    Read,
    Refused,
    corpus_path,
    large_files_dir,
    upload_name,
)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return large_files_dir(tmp_path_factory)


@pytest.fixture(scope="module")
def upload_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One workspace for every upload: nothing may be saved into it."""
    home = tmp_path_factory.mktemp("bad_uploads") / "workspace"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LIFTBOARD_HOME", str(home))
        patch.chdir(ROOT)
        yield home


def _listing(home: Path) -> list[tuple[str, str, str, int]]:
    return [(i.id, i.name, i.content_hash, i.n_rows) for i in Workspace(home).list()]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_bad_upload_is_explained_and_saves_nothing(
    name: str, large: Path, upload_home: Path
) -> None:
    expected = EXPECTED[name]
    path = corpus_path(name, large)
    at = open_data_page()
    before = _listing(upload_home)
    upload(at, upload_name(name), path.read_bytes())
    assert not at.exception
    if isinstance(expected, Confirm):
        _confirm_encoding(at, expected)
        _report_is_shown(at, path, expected.then, expected.encoding)
    elif isinstance(expected, Refused):
        assert [plain(e.value) for e in at.error] == [expected.message]
        assert not [b for b in at.button if (b.key or "").startswith("save_")]
    else:
        _report_is_shown(at, path, expected)
    assert _listing(upload_home) == before


def _confirm_encoding(at, expected: Confirm) -> None:
    """The detected encoding is named, preselected, and used once accepted."""
    (warning,) = at.warning
    assert f"It reads as {expected.encoding} (" in warning.value
    assert not at.error
    choice = next(s for s in at.selectbox if (s.key or "").startswith("enc_choice_"))
    assert choice.value == expected.encoding
    at.button(key=button_with_prefix(at, "enc_ok_").key).click().run()
    assert not at.exception
    assert any(f"encoding {expected.encoding}" in caption.value for caption in at.caption)


def _report_is_shown(at, path: Path, expected: Read, encoding: str | None = None) -> None:
    messages = [issue.message for issue in load(path, encoding=encoding).issues]
    assert len(messages) == len(expected.issues)
    if not messages:
        assert [s.value for s in at.success] == ["No problems found."]
    else:
        report = next(f.value for f in at.dataframe if "What to change" in f.value.columns)
        assert report["What to change"].tolist() == messages
        errors = sum(severity == "error" for severity, _ in expected.issues)
        counts = at.error if errors else at.warning
        assert f"{errors} error(s)" in counts[0].value
    assert button_with_prefix(at, "save_").disabled == expected.blocks_saving


@pytest.mark.parametrize(
    ("name", "chinese"),
    [
        ("unclosed_quote.csv", '第 6 行开始的引号（"）没有闭合'),
        ("nul_in_cell.csv", "文件第 2 行含有 NUL 字节"),
        ("xlsx_sparse_corners.xlsx", "工作簿中有工作表的单元格一直延伸到 XFD1048576（1048576 行"),
        ("mixed_utf8_gbk.csv", "第 13 行的编码与文件其他部分（UTF-8）不同"),
        ("gbk_damaged_line.csv", "第 7 行不是有效的 GBK/GB18030 编码"),
    ],
)
def test_refusals_are_explained_in_chinese(
    name: str, chinese: str, large: Path, upload_home: Path
) -> None:
    at = upload(new_app(DATA_PAGE, lang="zh"), name, corpus_path(name, large).read_bytes())
    (error,) = at.error
    assert plain(error.value).startswith(chinese)


def test_an_east_asian_encoding_is_named_in_chinese(large: Path, upload_home: Path) -> None:
    name = "shift_jis.csv"
    at = upload(new_app(DATA_PAGE, lang="zh"), name, corpus_path(name, large).read_bytes())
    (warning,) = at.warning
    assert warning.value.startswith(
        "该文件不是 UTF-8、GB18030 或 UTF-16 编码，可按 cp932（日文 Shift-JIS）读取"
    )
    assert "東京本店" in at.code[0].value
