"""The bad-input corpus (tests/fixtures/bad/) and what LiftBoard must make of each file, shared by
the analytics tests (tests/unit/test_bad_inputs.py) and the uploader tests
(tests/app/test_bad_uploads.py).

Every file is either refused with one exact sentence (``Refused``) or read into a dataset whose
validation report holds exactly the listed issues, in order (``Read``). A few hostile files from
the well-formed corpus next to it (``../name``) go through the same checks.
"""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"
# The uploader takes these types; anything else is renamed .csv, as a user would.
UPLOAD_TYPES = (".csv", ".tsv", ".txt", ".xlsx", ".xls")


@dataclass(frozen=True)
class Refused:
    """read_table raises UserInputError with this code and exactly this message."""

    code: str
    message: str


@dataclass(frozen=True)
class Read:
    """The file reads into ``rows`` rows with exactly these (severity, code) issues, in order;
    ``values`` pins the first values of some columns, so that nothing misreads silently."""

    rows: int
    issues: tuple[tuple[str, str], ...] = ()
    values: dict[str, list[object]] = field(default_factory=dict)

    @property
    def blocks_saving(self) -> bool:
        return any(severity == "error" for severity, _ in self.issues)


@dataclass(frozen=True)
class Confirm(Refused):
    """read_table raises EncodingNeedsConfirmation (``code``, exactly ``message``) naming
    ``encoding``; read with that encoding once confirmed, the file gives ``then``."""

    encoding: str = ""
    then: Read = Read(0)


EMPTY = "The file is empty: export the table again with its header row."
NO_NAMES = "The first line of the file holds no column names: put the column names on line 1."
BINARY = "This file is not a text table (it looks binary): upload a CSV, TSV or XLSX export."
DAMAGED = "The file looks like a damaged Excel workbook: save it again from Excel."
IMAGE = (
    "This is an image ({kind}), not a table: upload the CSV or Excel file that holds the numbers."
)
WEB_PAGE = (
    "This is a web page (HTML), not a workbook or a table file: open it in Excel and save it as "
    ".xlsx, or export the table as CSV."
)
COMPRESSED = (
    "This is a compressed file ({kind}), not a table: extract the CSV or Excel file inside it and "
    "upload that."
)
HEADER_ONLY = (("error", "no_rows"),)
SALES_START = {"date": ["2024-01-01", "2024-01-01"], "revenue": [1010.0, 1310.0]}
HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**Sale**",
    "![](http://example.com/t.png)",
)


def _beyond_grid(cell: str) -> str:
    return (
        f"A sheet of the workbook has cells as far as {cell}, beyond Excel's last cell XFD1048576 "
        "(the file is damaged or was not written by a spreadsheet program): save it again from "
        "Excel, or export the table as CSV."
    )


def _strings(claim: str) -> str:
    return (
        f"The workbook's table of shared texts {claim} entries, more than the 10,000,000 cells "
        "LiftBoard reads from a sheet (the file is damaged or was not written by a spreadsheet "
        "program): save it again from Excel, or export the sheet as CSV."
    )


def _nul(line: str) -> str:
    return (
        f"Line {line} of the file holds a NUL byte (the export is damaged or not plain text): "
        "remove it, or export the table again."
    )


def _confirm(encoding: str, language: str) -> str:
    return (
        f"The file is not UTF-8, GB18030 or UTF-16; it reads as {encoding} ({language}). Check "
        "the preview and confirm the encoding, or save the file as UTF-8 and upload it again."
    )


SPANISH_START = {
    "store": ["Córdoba", "Málaga", "Córdoba"],
    "revenue": [1001.0, 1001.0, 1002.0],
    "campaña": [None] * 20 + ["Otoño"],
}


def _unclosed(line: int) -> str:
    return (
        f'A quote (") opened on line {line} is never closed, so the rest of the file would read '
        "as one cell: close or remove it, and upload the file again."
    )


EXPECTED: dict[str, Refused | Read] = {
    # empty, blank and header-only
    "whitespace_only.csv": Refused("empty_file", EMPTY),
    "bom_only.csv": Refused("empty_file", EMPTY),
    "utf16_bom_blank_lines.csv": Refused("empty_file", EMPTY),
    "nul_only.csv": Refused("empty_file", EMPTY),
    "delimiters_only_header.csv": Refused("empty_first_line", NO_NAMES),
    "semicolons_only.csv": Refused("empty_first_line", NO_NAMES),
    "header_only_bom_crlf.csv": Read(0, HEADER_ONLY),
    "single_row_no_newline.csv": Read(1, (("error", "single_row"),), {"spend": [10.0]}),
    # not text tables
    "pdf_renamed.csv": Refused(
        "pdf_document",
        "This is a PDF document, not a table: export the table as CSV or Excel from the program "
        "that made the PDF, and upload that.",
    ),
    "gzip_renamed.csv": Refused(
        "compressed_file",
        "This is a compressed file (gzip), not a table: extract the CSV or Excel file inside it "
        "and upload that.",
    ),
    "nul_in_cell.csv": Refused("nul_bytes", _nul("2")),
    "nul_late.csv": Refused("nul_bytes", _nul("19,002")),
    # encodings
    "utf16le_no_bom.csv": Read(
        28, (), {"门店": ["上海浦东旗舰店", "北京朝阳店"], "销售额": [1001.0]}
    ),
    "utf16be_no_bom.csv": Read(28, (), SALES_START),
    "mixed_utf8_gbk.csv": Refused(
        "mixed_encoding",
        "Line 13 is not UTF-8 like the rest of the file (it was probably pasted from a file in "
        "another encoding, such as GBK): save the whole file as UTF-8 and upload it again.",
    ),
    # damaged byte-order marks, Latin text misread as Chinese, East Asian encodings
    "utf8_damaged_bom.csv": Read(28, (("warning", "damaged_bom"),), SPANISH_START),
    "utf8_partial_bom.csv": Read(28, (("warning", "damaged_bom"),), SPANISH_START),
    "utf8_latin_then_gbk_line.csv": Refused(
        "mixed_encoding",
        "Line 10 is not UTF-8 like the rest of the file (it was probably pasted from a file in "
        "another encoding, such as GBK): save the whole file as UTF-8 and upload it again.",
    ),
    "gbk_with_utf8_latin_line.csv": Read(
        28,
        (("warning", "latin_read_as_chinese"),),
        {"门店": ["上海浦东旗舰店", "北京朝阳店", "上海浦东旗舰店", "北京朝阳店", "C贸rdoba"]},
    ),
    "gbk_damaged_line.csv": Refused(
        "damaged_gb18030",
        "Line 7 is not valid GBK/GB18030 like the rest of the file (a character there is cut or "
        "damaged): correct or delete it, or save the whole file as UTF-8 and upload it again.",
    ),
    "shift_jis.csv": Confirm(
        "encoding_needs_confirmation",
        _confirm("cp932", "Japanese, Shift-JIS"),
        "cp932",
        Read(
            28,
            (),
            {"店舗": ["東京本店", "大阪梅田支店"], "キャンペーン": [None] * 20 + ["春のセール"]},
        ),
    ),
    "euc_jp.csv": Confirm(
        "encoding_needs_confirmation",
        _confirm("euc_jp", "Japanese, EUC-JP"),
        "euc_jp",
        Read(28, (), {"店舗": ["東京本店", "大阪梅田支店"], "売上": [1001.0, 1001.0]}),
    ),
    "euc_kr.csv": Confirm(
        "encoding_needs_confirmation",
        _confirm("cp949", "Korean, EUC-KR"),
        "cp949",
        Read(28, (), {"매장": ["서울 강남점", "부산 해운대점"], "매출": [1001.0, 1001.0]}),
    ),
    "big5.csv": Confirm(
        "encoding_needs_confirmation",
        _confirm("cp950", "Traditional Chinese, Big5"),
        "cp950",
        Read(28, (), {"門市": ["台北旗艦店", "高雄門市"], "銷售額": [1001.0, 1001.0]}),
    ),
    "utf16le_no_bom_mostly_chinese.csv": Read(
        28, (), {"门店": ["上海浦东旗舰店", "北京朝阳店"], "销售额": [1.0, 1.0, 2.0]}
    ),
    # delimiters, quotes, line ends, row shapes
    "ragged_mixed_widths.csv": Read(7, (("error", "ragged_rows"),)),
    "header_other_delimiter.csv": Refused(
        "all_rows_ragged",
        "No row has the 1 field of the header line (row 2 has 5, reading the file as "
        "comma-separated): check the delimiter and the quotes around texts that contain it.",
    ),
    "trailing_delimiter_rows.csv": Read(28, (("warning", "empty_column"),), SALES_START),
    "trailing_delimiter_header.csv": Read(28, (), SALES_START),
    "unclosed_quote.csv": Refused("unclosed_quote", _unclosed(6)),
    "unclosed_quote_last_column.csv": Refused("unclosed_quote", _unclosed(5)),
    "wrong_delimiter_guess.csv": Read(
        14, (), {"Datum": ["2024-03-01", "2024-03-02"], "Umsatz (EUR, netto)": [1234.01, 1234.02]}
    ),
    "cr_only_line_ends.csv": Read(28, (), SALES_START),
    "mixed_line_ends.csv": Read(28, (), SALES_START),
    # headers and names
    "duplicate_headers_case.csv": Read(
        14, (("warning", "duplicate_header"),) * 3, {"revenue (2)": [2.0], "REVENUE (3)": [3.0]}
    ),
    "blank_headers.csv": Read(
        28, (("warning", "empty_header"),) * 2, {"column_1": ["2024-01-01"], "column_3": [1010.0]}
    ),
    "html_script_names.csv": Read(
        28,
        (),
        {
            HOSTILE[0]: ["**Sale**"],
            HOSTILE[1]: ["![](http://example.com/t.png)"],
            HOSTILE[2]: [1001.0],
        },
    ),
    "formula_cells.csv": Read(
        28,
        (),
        {"store": ["+1", "-1", "-1", "@SUM(A1:A2)", "@SUM(A1:A2)", '=HYPERLINK("http://x")']},
    ),
    "sql_and_path_names.csv": Read(
        14,
        (),
        {'"; DROP TABLE datasets; --': ["2024-01-01"], "../../etc/passwd": [1.0], "c0": [2.0]},
    ),
    "invisible_header_names.csv": Read(
        14,
        (
            ("warning", "invisible_header_characters"),
            ("warning", "duplicate_header"),
            ("warning", "lookalike_header"),
            ("warning", "invisible_header_characters"),
            ("warning", "invisible_header_characters"),
            ("warning", "invisible_header_characters"),
            ("warning", "lookalike_header"),
        ),
        {
            "revenue": [1.0, 2.0],
            "revenue (2)": [2.0, 4.0],
            "ｒｅｖｅｎｕｅ (3)": [3.0, 6.0],
            "spend": [4.0, 8.0],
            "units": [5.0, 10.0],
            "销售额（元）": [6.0, 12.0],
            "销售额(元) (2)": [7.0, 14.0],
        },
    ),
    # cell values
    "mixed_date_formats.csv": Read(
        18,
        (
            ("error", "mixed_date_order"),
            ("error", "unparseable_date"),
            ("warning", "calendar_gaps"),
        ),
        {"date": ["2024-01-01", "2024-01-02", None, "2024-01-04", "2024-01-05", "2024-01-06"]},
    ),
    "text_in_numbers.csv": Read(
        18,
        (("error", "unparseable_number"), ("warning", "missing_values")),
        {"revenue": [1000.0, None, 1020.0]},
    ),
    "number_formats_mixed.csv": Read(
        14,
        (("warning", "unparseable_number"),),
        {
            "revenue": [
                1234.5,
                1234.5,
                1234.5,
                -1234.5,
                -1234.5,
                0.125,
                1234.5,
                1234.5,
                1234.5,
                None,
                1234.0,
                12.0,
                1234.5,
                -5.0,
            ]
        },
    ),
    "numbers_overflow.csv": Read(
        14, (("warning", "number_too_large"),), {"revenue": [None, None, 5.0]}
    ),
    # 1e308 twice (their sum is infinite), 99999999999999999999 and 2^53 + 1 are refused with
    # their rows; 20-digit order numbers stay exact as text.
    "numbers_beyond_exact.csv": Read(
        28,
        (("warning", "number_too_large"),),
        {
            "revenue": [None, None, None, None, 1003.0, 1003.0],
            "order_id": ["12345678901234567892", "12345678901234567893"],
        },
    ),
    # Excel's rule: 00-29 are 2000-2029, 30-99 are 1930-1999; always said in the report.
    "two_digit_years.csv": Read(
        14,
        (("warning", "two_digit_year"),),
        {"date": [*(f"1999-12-{d}" for d in range(25, 32)), "2000-01-01", "2000-01-02"]},
    ),
    "two_digit_years_monthly.csv": Read(
        36,
        (("warning", "two_digit_year"),),
        {"month": [f"19{y}-{m:02d}-01" for y in (68, 69, 70) for m in range(1, 13)]},
    ),
    "dates_far_future_past.csv": Read(
        20,
        (("warning", "unparseable_date"), ("warning", "calendar_gaps")),
        {"date": ["2024-01-01", "2024-01-02", None, None, None, None, "2024-01-07"]},
    ),
    "negative_spend_formats.csv": Read(
        8, (("error", "negative_spend"),), {"spend": [-100.0, -5.0, -100.0, -5.0, -5.0, 12.0]}
    ),
    "duplicate_date_segment.csv": Read(31, (("warning", "duplicate_rows"),)),
    "long_cell.csv": Read(14, (), {"revenue": [1.0, 2.0, 3.0]}),
    # workbooks and impostors
    "csv_named.xlsx": Read(28, (), SALES_START),
    "xlsx_named.csv": Read(12, (), {"date": ["2024-03-01"], "revenue": [1000.25, 1500.25]}),
    "truncated.xlsx": Refused("damaged_workbook", DAMAGED),
    "xlsx_forged_sizes.xlsx": Refused("damaged_workbook", DAMAGED),
    "xlsx_sparse_corners.xlsx": Refused(
        "sheet_extent",
        "A sheet of the workbook has cells as far as XFD1048576 (1,048,576 rows by 16,384 "
        "columns), far more than its table: delete the cells outside the table in Excel and save "
        "it again, or export the table as CSV.",
    ),
    # workbooks whose XML claims more than a sheet holds (the reader would allocate it all)
    "xlsx_shared_strings_claim.xlsx": Refused(
        "too_many_strings", _strings("declares 4,294,967,295")
    ),
    "xlsx_row_beyond_grid.xlsx": Refused("cell_beyond_grid", _beyond_grid("B40000000")),
    "xlsx_column_beyond_grid.xlsx": Refused("cell_beyond_grid", _beyond_grid("ZZZZZZ3")),
    "xlsx_dimension_beyond_grid.xlsx": Refused("cell_beyond_grid", _beyond_grid("ZZZZ4294967295")),
    # documents, pages and archives named as tables
    "ods_named.xlsx": Refused(
        "ods_spreadsheet",
        "This is an OpenDocument spreadsheet (.ods), which LiftBoard does not read: save it as "
        ".xlsx (File > Save As in LibreOffice or Excel), or export the table as CSV.",
    ),
    "web_page_saved_as.xls": Refused("web_page", WEB_PAGE),
    "web_page_named.csv": Refused("web_page", WEB_PAGE),
    "xml_spreadsheet_2003.xls": Refused(
        "xml_spreadsheet",
        "This is an Excel 2003 XML spreadsheet, not an .xlsx workbook: open it in Excel and save "
        "it as .xlsx, or export the table as CSV.",
    ),
    "rtf_renamed.csv": Refused(
        "rtf_document",
        "This is a rich-text (RTF) document, not a table: save the table as CSV or .xlsx and "
        "upload that.",
    ),
    "jpeg_renamed.csv": Refused("image_file", IMAGE.format(kind="JPEG")),
    "sevenzip_renamed.csv": Refused("compressed_file", COMPRESSED.format(kind="7-Zip")),
    "binary_noise.csv": Refused("binary", BINARY),
    "rar_renamed.csv": Refused("compressed_file", COMPRESSED.format(kind="RAR")),
    # cells and rows the csv module or a per-row callback could not take
    "long_quoted_cell.csv": Read(14, (), {"revenue": [1.0, 2.0, 3.0], "note": ["ok", "ok"]}),
    "ragged_repeated_text.csv": Read(
        26, (("warning", "ragged_rows"),), {"date": ["2024-01-01", "2024-01-02", "2024-01-03"]}
    ),
    # large files, generated at test time
    "many_columns_3000.csv": Read(14, (), {"metric_2999": [4.0, 5.0]}),
    "single_line_50mb.csv": Refused(
        "line_too_long",
        "Line 2 of the file is longer than 1 MB (a cell holds a whole document, or the line ends "
        "are missing): shorten or remove it, and upload the file again.",
    ),
    "many_rows_repeated.csv": Read(
        1_050_000, (("warning", "duplicate_rows"),), {"date": ["2024-01-01"]}
    ),
    "xlsx_bomb.xlsx": Refused(
        "zip_bomb",
        "The workbook unpacks to far more data than it holds (a ZIP bomb or a corrupt file): "
        "export the sheet as CSV instead.",
    ),
    "xlsx_many_parts.xlsx": Refused(
        "too_many_parts",
        "The workbook is made of 12,006 parts, far more than a spreadsheet holds (up to 10,000 "
        "are read; the file is damaged or was not written by a spreadsheet program): save it "
        "again from Excel, or export the sheet as CSV.",
    ),
    "xlsx_empty_shared_strings.xlsx": Refused(
        "too_many_strings", _strings("holds at least 10,324,430")
    ),
    "ragged_every_other_row.csv": Read(
        200_000,
        (("error", "ragged_rows"), ("warning", "duplicate_rows")),
        {"date": ["2024-01-01", "2024-01-01"]},
    ),
    # hostile files of the well-formed corpus
    "../empty.csv": Refused("empty_file", EMPTY),
    "../header_only.csv": Read(0, HEADER_ONLY),
    "../binary_renamed.csv": Refused("image_file", IMAGE.format(kind="PNG")),
    "../not_a_workbook.zip": Refused(
        "zip_not_workbook",
        "This is a ZIP archive, not an Excel workbook: upload the .xlsx or .csv itself.",
    ),
    "../ragged_rows.csv": Read(10, (("warning", "ragged_rows"), ("warning", "calendar_gaps"))),
    "../duplicate_headers.csv": Read(3, (("warning", "duplicate_header"),) * 2),
    "../empty_headers.csv": Read(3, (("warning", "empty_header"), ("warning", "empty_column"))),
    "../negative_spend.csv": Read(5, (("error", "negative_spend"),)),
    "../duplicate_rows.csv": Read(8, (("warning", "duplicate_rows"),)),
    "../single_row.csv": Read(1, (("error", "single_row"),)),
    "../text_in_number.csv": Read(11, (("warning", "unparseable_number"),) * 2),
    "../dates_mixed_order.csv": Read(7, (("error", "mixed_date_order"),)),
}


def make_bad_module() -> ModuleType:
    """tests/fixtures/bad/make_bad.py, imported by path (the fixtures folder is no package)."""
    spec = importlib.util.spec_from_file_location("make_bad", BAD / "make_bad.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def large_files_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated large files, written once per test session into its temporary folder."""
    folder = tmp_path_factory.getbasetemp() / "bad_large"
    if not folder.is_dir():
        make_bad = make_bad_module()
        partial = tmp_path_factory.mktemp("bad_large_partial")
        for name in make_bad.LARGE_FILES:
            (partial / name).write_bytes(make_bad.large_file(name))
        shutil.move(partial, folder)
    return folder


def corpus_path(name: str, large: Path) -> Path:
    """Where a corpus file lives: committed in tests/fixtures/bad (or its parent), or generated."""
    committed = BAD / name
    return committed if committed.is_file() else large / name


def upload_name(name: str) -> str:
    """The name a user would upload the file under (the uploader only takes table types)."""
    base = Path(name).name
    return base if base.endswith(UPLOAD_TYPES) else base + ".csv"
