"""Column names that differ only by invisible or look-alike characters: invisible characters are
removed with a warning, names that then repeat (or look the same by NFKC case-fold) are numbered
with a warning, and every name keeps its own letters (Chinese and full-width ones included)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from analytics.ingest.raw_table import clean_header
from analytics.ingest.reading import read_table


def clean(*header: str) -> tuple[tuple[str, ...], list[tuple[str, str | None, str]]]:
    cells = pa.table({f"c{i}": pa.array(["1"]) for i in range(len(header))})
    names, _, issues = clean_header(list(header), cells)
    return names, [(issue.code, issue.column, issue.message) for issue in issues]


def invisible(index: int, column: str, described: str, reads: str) -> tuple[str, str, str]:
    """The warning expected for a name that had invisible characters."""
    message = (
        f"Column {index} has invisible characters in its name ({described}); they were removed, "
        f"so it reads '{reads}'; delete them in the file."
    )
    return ("invisible_header_characters", column, message)


def test_a_zero_width_space_is_removed_and_the_name_that_then_repeats_is_numbered() -> None:
    names, issues = clean("date", "revenue", "reve\u200bnue")
    assert names == ("date", "revenue", "revenue (2)")
    assert issues == [
        invisible(3, "revenue (2)", "zero width space U+200B", "revenue"),
        (
            "duplicate_header",
            "revenue (2)",
            "Column 3 repeats the name 'revenue'; it is called 'revenue (2)' here; give each "
            "column its own name.",
        ),
    ]


@pytest.mark.parametrize(
    ("raw", "described"),
    [
        ("\ufeffrevenue", "zero width no-break space U+FEFF"),
        ("reve\u200cn\u200due", "zero width non-joiner U+200C, zero width joiner U+200D"),
        ("rev\u2060enue", "word joiner U+2060"),
        ("\u202erevenue\u202c", "right-to-left override U+202E, pop directional formatting U+202C"),
        ("\u2067revenue\u2069", "right-to-left isolate U+2067, pop directional isolate U+2069"),
        ("\u200erevenue", "left-to-right mark U+200E"),
        ("reve\u00adnue", "soft hyphen U+00AD"),
        ("reve\u034fnue", "combining grapheme joiner U+034F"),
        ("revenue\x07", "control character U+0007"),
    ],
)
def test_every_kind_of_invisible_character_is_named_and_removed(raw: str, described: str) -> None:
    names, issues = clean(raw)
    assert names == ("revenue",)
    assert issues == [invisible(1, "revenue", described, "revenue")]


def test_full_width_letters_look_like_ascii_ones_and_are_numbered_but_kept() -> None:
    names, issues = clean("revenue", "ｒｅｖｅｎｕｅ", "ＲＥＶＥＮＵＥ")
    assert names == ("revenue", "ｒｅｖｅｎｕｅ (2)", "ＲＥＶＥＮＵＥ (3)")
    assert issues == [
        (
            "lookalike_header",
            "ｒｅｖｅｎｕｅ (2)",
            "Column 2 has the name 'ｒｅｖｅｎｕｅ', which looks the same as 'revenue'; it is "
            "called 'ｒｅｖｅｎｕｅ (2)' here; give each column its own name.",
        ),
        (
            "lookalike_header",
            "ＲＥＶＥＮＵＥ (3)",
            "Column 3 has the name 'ＲＥＶＥＮＵＥ', which looks the same as 'revenue'; it is "
            "called 'ＲＥＶＥＮＵＥ (3)' here; give each column its own name.",
        ),
    ]


def test_chinese_names_are_kept_as_written() -> None:
    """NFKC would turn the full-width brackets of 销售额（元） into ASCII ones: only compared."""
    names, issues = clean("日期", "销售额（元）", "门店", "花费（元）")
    assert names == ("日期", "销售额（元）", "门店", "花费（元）")
    assert issues == []


def test_a_chinese_name_with_ascii_brackets_looks_like_one_with_full_width_brackets() -> None:
    names, issues = clean("销售额（元）", "销售额(元)")
    assert names == ("销售额（元）", "销售额(元) (2)")
    assert [(code, column) for code, column, _ in issues] == [
        ("lookalike_header", "销售额(元) (2)")
    ]


def test_a_case_only_difference_stays_a_plain_duplicate() -> None:
    names, issues = clean("Revenue", "revenue")
    assert names == ("Revenue", "revenue (2)")
    assert [code for code, _, _ in issues] == ["duplicate_header"]


def test_a_name_of_invisible_characters_only_is_a_blank_name() -> None:
    names, issues = clean("date", "\u200b\u200b")
    assert names == ("date", "column_2")
    assert [code for code, _, _ in issues] == ["empty_header"]


def test_tabs_and_wide_spaces_are_spaces_not_invisible_characters() -> None:
    names, issues = clean("net\trevenue", "gross\u3000revenue", "\u00a0spend ")
    assert names == ("net revenue", "gross revenue", "spend")
    assert issues == []


def test_a_file_with_a_zero_width_space_in_a_name_reads_one_revenue_column() -> None:
    data = "date,revenue,reve\u200bnue\n2024-01-01,1,2\n2024-01-02,3,4\n".encode()
    table = read_table(data, file_name="zw.csv")
    assert table.names == ("date", "revenue", "revenue (2)")
    assert [issue.code for issue in table.issues] == [
        "invisible_header_characters",
        "duplicate_header",
    ]
    assert table.column("revenue (2)").to_pylist() == ["2", "4"]


def test_the_new_header_codes_have_their_chinese_sentence() -> None:
    from ui.i18n.messages import ISSUES_ZH

    _, _, issues = clean_header(
        ["revenue", "reve\u200bnue", "ｒｅｖｅｎｕｅ"], pa.table({f"c{i}": ["1"] for i in range(3)})
    )
    texts = {
        issue.code: ISSUES_ZH[issue.code].format(
            **issue.params, column=issue.column, count=issue.count, rows="1"
        )
        for issue in issues
    }
    assert texts == {
        "invisible_header_characters": "第 2 列的列名含有不可见字符（zero width space U+200B），"
        "已删除，读作“revenue”：请在文件中删除这些字符。",
        "duplicate_header": "第 2 列的列名重复，已重命名为“revenue (2)”：请为每列取不同的名字。",
        "lookalike_header": "第 3 列的列名“ｒｅｖｅｎｕｅ”与“revenue”看起来相同（全角字母或其他形近字符），"
        "已重命名为“ｒｅｖｅｎｕｅ (3)”：请为每列取不同的名字。",
    }
