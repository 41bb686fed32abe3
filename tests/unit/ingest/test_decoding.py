"""Encoding detection (UTF-8, BOM, GB18030, UTF-16; cp1252 only when confirmed) and delimiters."""

from __future__ import annotations

import codecs
from types import ModuleType

import pytest
from corpus import fixture_path

from analytics.errors import EncodingNeedsConfirmation, UserInputError
from analytics.ingest.decoding import decode, sniff_delimiter, text_sample


def test_plain_utf8_is_returned_unchanged() -> None:
    raw = fixture_path("utf8_basic.csv").read_bytes()
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert decoded.data == raw


def test_utf8_bom_is_detected_and_stripped(make_fixtures: ModuleType) -> None:
    decoded = decode(fixture_path("utf8_bom.csv").read_bytes())
    assert decoded.encoding == "utf-8-sig"
    assert decoded.data.decode("utf-8") == make_fixtures.UTF8_BOM_TEXT
    assert not decoded.data.startswith(codecs.BOM_UTF8)


def test_gbk_file_with_chinese_headers_decodes_as_gb18030(make_fixtures: ModuleType) -> None:
    decoded = decode(fixture_path("gbk_chinese.csv").read_bytes())
    assert decoded.encoding == "gb18030"
    text = decoded.data.decode("utf-8")
    assert text == make_fixtures.CHINESE_TEXT
    assert text.splitlines()[0] == "日期,门店,销售额,销量,花费,活动,折扣"


def test_utf16_le_with_bom_excel_unicode_text(make_fixtures: ModuleType) -> None:
    decoded = decode(fixture_path("utf16le_unicode_text.csv").read_bytes())
    assert decoded.encoding == "utf-16"
    assert decoded.data.decode("utf-8") == make_fixtures.UNICODE_TEXT


@pytest.mark.parametrize(
    ("codec", "expected"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")]
)
def test_utf16_without_bom_is_recognised_by_its_zero_bytes(codec: str, expected: str) -> None:
    text = "date\tsales\r\n2024-01-01\t10\r\n2024-01-02\t12\r\n"
    decoded = decode(text.encode(codec))
    assert decoded.encoding == expected
    assert decoded.data.decode("utf-8") == text


def test_cp1252_needs_confirmation_with_a_preview(make_fixtures: ModuleType) -> None:
    raw = fixture_path("cp1252_western.csv").read_bytes()
    with pytest.raises(EncodingNeedsConfirmation) as caught:
        decode(raw)
    assert caught.value.encoding == "cp1252"
    assert caught.value.preview == make_fixtures.WESTERN_TEXT
    assert "Café Zürich" in caught.value.preview
    assert "confirm the encoding" in str(caught.value)


def test_cp1252_is_accepted_once_confirmed(make_fixtures: ModuleType) -> None:
    decoded = decode(fixture_path("cp1252_western.csv").read_bytes(), "cp1252")
    assert decoded.encoding == "cp1252"
    text = decoded.data.decode("utf-8")
    assert text == make_fixtures.WESTERN_TEXT
    assert "Soldes d’été" in text and "Prix €" in text


def test_western_bytes_that_gb18030_accepts_are_not_read_as_chinese() -> None:
    raw = "Store,Revenue\nZürich,1\nMünchen,2\nDüsseldorf,3\n".encode("cp1252")
    raw.decode("gb18030")  # decodes without error, into rare characters
    with pytest.raises(EncodingNeedsConfirmation):
        decode(raw)


@pytest.mark.parametrize("raw", [b"", b"   \r\n\t\n", b"\x00\x00"])
def test_empty_input_is_a_user_error(raw: bytes) -> None:
    with pytest.raises(UserInputError, match="The file is empty"):
        decode(raw)


def test_binary_bytes_renamed_csv_are_rejected() -> None:
    with pytest.raises(UserInputError, match="not a text table"):
        decode(fixture_path("binary_renamed.csv").read_bytes())


def test_unknown_encoding_name_is_a_user_error() -> None:
    with pytest.raises(UserInputError, match="Unknown text encoding 'klingon'"):
        decode(b"a,b\n1,2\n", "klingon")


def test_forced_encoding_that_does_not_fit_names_the_byte() -> None:
    with pytest.raises(UserInputError, match=r"not valid utf-8 \(byte 0\)"):
        decode(fixture_path("gbk_chinese.csv").read_bytes(), "utf-8")


def test_trust_sample_returns_utf8_bytes_without_copying_them() -> None:
    raw = fixture_path("utf8_basic.csv").read_bytes()
    assert decode(raw, trust_sample=True).data is raw


def test_text_sample_stops_at_a_whole_line() -> None:
    data = b"a,b\n" + b"1,2\n" * 100
    assert text_sample(data, limit=10) == "a,b\n1,2"


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("date,store,sales\n2024-01-01,A,1\n2024-01-02,B,2", ","),
        ("date;sales;spend\n2024-01-01;1,5;2,25\n2024-01-02;3,5;4", ";"),
        ("date\tsales\n2024-01-01\t1,234.5\n2024-01-02\t2", "\t"),
        ("date|sales\n2024-01-01|1\n2024-01-02|2", "|"),
        ("sep=;\ndate,store;sales\n2024-01-01,x;1", ";"),
        ('date,note\n2024-01-01,"a;b;c"\n2024-01-02,"d;e;f"', ","),
    ],
    ids=["comma", "semicolon-decimal-comma", "tab", "pipe", "excel-sep-line", "quoted-semicolons"],
)
def test_sniff_delimiter(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("utf8_basic.csv", ","),
        ("semicolon_decimal_comma.csv", ";"),
        ("space_thousands.csv", ";"),
        ("pipe_delimited.csv", "|"),
        ("tab_separated.tsv", "\t"),
        ("thousands_comma.csv", ","),
    ],
)
def test_sniff_delimiter_on_the_corpus(name: str, expected: str) -> None:
    text = fixture_path(name).read_bytes().decode("utf-8")
    assert sniff_delimiter(text) == expected
