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


# --- damaged byte-order marks ------------------------------------------------------------------

SPANISH = "date,campaña,store\n2024-01-01,Otoño,Córdoba\n2024-01-02,Otoño,Málaga\n"


@pytest.mark.parametrize(
    "stray",
    [b"\xef\xbb?", b"\xef?\xbf", b"?\xbb\xbf", b"\xef\xbb", b"\xbb\xbf", b"\xef", b"\xbf", b"\xff"],
    ids=["EF BB 3F", "EF 3F BF", "3F BB BF", "EF BB", "BB BF", "EF", "BF", "FF"],
)
@pytest.mark.parametrize("trust_sample", [False, True])
def test_a_damaged_bom_is_left_out_and_the_rest_read_as_utf8_with_a_warning(
    stray: bytes, trust_sample: bool
) -> None:
    decoded = decode(stray + SPANISH.encode(), trust_sample=trust_sample)
    assert (decoded.encoding, decoded.data.decode("utf-8")) == ("utf-8", SPANISH)
    (issue,) = decoded.issues
    shown = stray.hex(" ").upper()
    assert (issue.severity, issue.code, issue.params) == (
        "warning",
        "damaged_bom",
        {"bytes": shown},
    )
    assert issue.message == (
        f"The file starts with the bytes {shown} (a damaged byte-order mark) before its text: "
        "they were left out and the file was read as UTF-8; check the first column's name and "
        "save the file as UTF-8 again to remove them."
    )


def test_the_issue_23_file_reads_its_accents_instead_of_chinese() -> None:
    """EF BB 3F before UTF-8 text once read as GB18030: 'campa帽a', 'C贸rdoba'."""
    text = decode(b"\xef\xbb\x3f" + SPANISH.encode()).data.decode("utf-8")
    assert "campaña" in text and "Córdoba" in text
    assert "帽" not in text and "贸" not in text


def test_a_damaged_bom_alone_is_an_empty_file() -> None:
    with pytest.raises(UserInputError, match="The file is empty"):
        decode(b"\xef\xbb?\r\n")


def test_a_gbk_file_whose_first_character_starts_with_a_bom_byte_stays_gbk() -> None:
    text = "锘,日期,门店\n1,2024-01-01,上海浦东旗舰店\n"  # 锘 is EF BB in GBK
    decoded = decode(text.encode("gbk"))
    assert (decoded.encoding, decoded.data.decode("utf-8"), decoded.issues) == ("gb18030", text, ())


# --- Latin letters that GB18030 turns into ideographs -----------------------------------------


def test_utf8_latin_text_with_one_gbk_line_is_refused_naming_the_line() -> None:
    """One UTF-8 line of accents is too few for the mixed-encoding rule; GB18030 would read the
    whole file 'cleanly' as 'C贸rdoba'."""
    raw = "store,revenue\nCórdoba,1\nNorth,2\n".encode() + "北区,3\n".encode("gbk")
    with pytest.raises(UserInputError) as caught:
        decode(raw)
    assert (caught.value.code, caught.value.params) == ("mixed_encoding", {"line": 4})


def test_a_utf8_word_pasted_into_a_gbk_file_is_flagged_with_its_line() -> None:
    lines = ["日期,门店,销售额", "2024-01-01,上海浦东旗舰店,1", "2024-01-02,北京朝阳店,2"]
    raw = "\n".join(lines).encode("gbk") + "\n2024-01-03,Málaga,3\n".encode()
    decoded = decode(raw)
    assert decoded.encoding == "gb18030"
    assert "M谩laga" in decoded.data.decode("utf-8")
    (issue,) = decoded.issues
    assert (issue.code, issue.count, issue.params) == (
        "latin_read_as_chinese",
        1,
        {"lines": "4", "shown": "M谩laga", "utf8": "Málaga"},
    )
    assert issue.message == (
        "Line 4 of this GB18030 (GBK) file holds 'M谩laga', which is 'Málaga' in UTF-8 (text "
        "pasted from a UTF-8 file): retype it, or save the whole file as UTF-8 and upload it "
        "again."
    )


def test_chinese_text_next_to_latin_letters_is_not_flagged(make_fixtures: ModuleType) -> None:
    text = make_fixtures.CHINESE_TEXT + "2024-01-04,iPhone专卖店,900,30,80,,0\n"
    decoded = decode(text.encode("gbk"))
    assert (decoded.encoding, decoded.issues) == ("gb18030", ())


# --- East Asian encodings other than GB18030 ---------------------------------------------------

JAPANESE = "日付,店舗,売上,キャンペーン\n2024-01-01,東京本店,1000,春のセール\n2024-01-02,大阪支店,1200,なし\n"
KOREAN = (
    "날짜,매장,매출,캠페인\n2024-01-01,서울 강남점,1000,봄맞이 특별 할인\n"
    "2024-01-02,부산 해운대점,1200,없음\n"
)
TRADITIONAL = (
    "日期,門市,銷售額,活動\n2024-01-01,台北旗艦店,1000,春節促銷\n2024-01-02,高雄門市,1200,無\n"
)


@pytest.mark.parametrize(
    ("text", "codec", "language"),
    [
        (JAPANESE, "cp932", "Japanese, Shift-JIS"),
        (JAPANESE, "euc_jp", "Japanese, EUC-JP"),
        (KOREAN, "cp949", "Korean, EUC-KR"),
        (TRADITIONAL, "cp950", "Traditional Chinese, Big5"),
    ],
)
def test_east_asian_encodings_are_named_for_confirmation(
    text: str, codec: str, language: str
) -> None:
    raw = text.encode(codec)
    with pytest.raises(EncodingNeedsConfirmation) as caught:
        decode(raw)
    assert (caught.value.encoding, caught.value.language, caught.value.preview) == (
        codec,
        language,
        text,
    )
    assert f"it reads as {codec} ({language})." in str(caught.value)
    assert decode(raw, codec).data.decode("utf-8") == text


def test_chinese_with_few_characters_on_the_hangul_rows_stays_chinese() -> None:
    """广告费 and 北京 lie on GB2312 rows B0-C8, where EUC-KR has its Hangul: too few to be
    Korean."""
    text = "日期,广告费,北京\n2024-01-01,1,2\n"
    assert decode(text.encode("gbk")).encoding == "gb18030"


@pytest.mark.parametrize(
    "text",
    [
        "Ville,Total\nMálaga,1\nAçores,2\nÆrøskøbing,3\n",
        "Filiale,Umsatz\nMünchen Straße,1\nDüsseldorf,2\nKöln,3\n",
        "Note,Sum\nSoldes d’été,1\n“Noël” – déjà,2\nÀ bientôt,3\n",
    ],
)
def test_western_text_is_not_taken_for_an_east_asian_encoding(text: str) -> None:
    with pytest.raises(EncodingNeedsConfirmation) as caught:
        decode(text.encode("cp1252"))
    assert caught.value.encoding == "cp1252"


def _gbk_lines(count: int) -> list[bytes]:
    return [
        f"2024-01-{day:02d},上海浦东旗舰店,{day}\n".encode("gbk") for day in range(1, count + 1)
    ]


def test_a_gbk_file_with_a_cut_character_names_its_line() -> None:
    lines = ["日期,门店,销售额\n".encode("gbk"), *_gbk_lines(9)]
    lines[5] = lines[5].replace("店,".encode("gbk"), b"\xb5,")  # 店 is B5 EA
    with pytest.raises(UserInputError) as caught:
        decode(b"".join(lines))
    assert (caught.value.code, caught.value.params) == ("damaged_gb18030", {"line": 6})
    assert str(caught.value).startswith("Line 6 is not valid GBK/GB18030 like the rest of the file")


def test_a_file_with_many_lines_that_are_not_gbk_is_not_called_damaged_gbk() -> None:
    """Four lines or more: no GBK file with a damaged line; the Western reading is previewed."""
    lines = ["日期,门店,销售额\n".encode("gbk"), *_gbk_lines(9)]
    broken = b"".join(line.replace("店,".encode("gbk"), b"\xb5,") for line in lines)
    with pytest.raises(EncodingNeedsConfirmation) as caught:
        decode(broken)
    assert (caught.value.encoding, caught.value.preview) == ("cp1252", broken.decode("cp1252"))


# --- UTF-16 without a byte-order mark ---------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "门店\r\n上海浦东旗舰店\r\n北京朝阳店\r\n",
        "名称,备注\n" + "上海浦东旗舰店,门店地址在上海市浦东新区世纪大道\n" * 20,
        "a\n",
    ],
    ids=["chinese-only", "chinese-notes", "two-characters"],
)
def test_utf16_without_bom_with_few_zero_bytes_is_recognised(codec: str, text: str) -> None:
    decoded = decode(text.encode(codec))
    assert (decoded.encoding, decoded.data.decode("utf-8")) == (codec, text)


def test_binary_with_zero_bytes_on_one_side_is_still_binary() -> None:
    import random

    rng = random.Random(23)
    raw = bytes(byte for _ in range(2000) for byte in (rng.randrange(256), 0))
    with pytest.raises(UserInputError) as caught:
        decode(raw)
    assert caught.value.code == "binary"
