"""Which East Asian encoding a file's bytes are written in, judged by what its strict decodes
read as: each double-byte encoding accepts most byte pairs, so a decode that succeeds is not
proof, but the characters it yields are. Chinese text is GB2312 ideographs, Japanese text kana
and common kanji, Korean text Hangul syllables, Traditional Chinese text common Big5 ideographs;
a decode into rare ideographs, private-use characters or another script's letters is the wrong
encoding. Python's codecs only: no frequency tables, no statistical detector."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_SAMPLE_BYTES = 256 * 1024
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
_NON_ASCII_TEXT = re.compile(r"[^\x00-\x7f]+")
_WORD = re.compile(rb"[A-Za-z\x80-\xff]+")
# A letter counts for an encoding when at least this share of a decode's distinct letters is of
# the kind that encoding's texts are written in.
PLAUSIBLE_SHARE = 0.9
# Korean decoded as GB18030 reads as common Chinese ideographs (the Hangul block of EUC-KR lies on
# GB2312's first level, rows B0-C8); so many distinct Hangul syllables and no other letter mean
# Korean. Chinese text keeps to those rows with odds of about 0.59 per distinct character (the
# share of the 500 commonest ideographs there): 16 of them by chance is 1 file in 5,000.
_KOREAN_SYLLABLES = 16


@dataclass(frozen=True)
class Candidate:
    """An East Asian encoding the bytes may be in, and how it is named to the user."""

    codec: str
    language: str
    expected: Callable[[str], bool]


def _encodes_with_lead(ch: str, codec: str, low: int, high: int) -> bool:
    """True when ``ch`` is a double-byte character of ``codec`` with a lead byte in the range."""
    try:
        encoded = ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and low <= encoded[0] <= high


def _ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff"


def _hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def chinese_simplified(ch: str) -> bool:
    """A GB2312 ideograph (the 6,763 that simplified Chinese text is written in)."""
    return _ideograph(ch) and _encodes_with_lead(ch, "gb2312", 0xB0, 0xF7)


def _japanese_sjis(ch: str) -> bool:
    """Kana, or a JIS level-1 kanji (Shift-JIS lead bytes 88-9F: the 2,965 common ones)."""
    return _kana(ch) or (_ideograph(ch) and _encodes_with_lead(ch, "cp932", 0x88, 0x9F))


def _japanese_euc(ch: str) -> bool:
    """Kana, or a JIS level-1 kanji (EUC-JP lead bytes B0-CF)."""
    return _kana(ch) or (_ideograph(ch) and _encodes_with_lead(ch, "euc_jp", 0xB0, 0xCF))


def _chinese_traditional(ch: str) -> bool:
    """A Big5 common ideograph (lead bytes A4-C6: the 5,401 frequently used ones)."""
    return _ideograph(ch) and _encodes_with_lead(ch, "cp950", 0xA4, 0xC6)


# Tried in this order: Korean read as EUC-JP is common kanji, while EUC-JP kana read as EUC-KR
# are Hangul letters (jamo), not syllables.
CANDIDATES = (
    Candidate("cp932", "Japanese, Shift-JIS", _japanese_sjis),
    Candidate("cp949", "Korean, EUC-KR", _hangul),
    Candidate("euc_jp", "Japanese, EUC-JP", _japanese_euc),
    Candidate("cp950", "Traditional Chinese, Big5", _chinese_traditional),
)


def sample_of(raw: bytes) -> bytes:
    """The first 256 KB of the bytes, cut after a line end (a double-byte character is never
    split across lines)."""
    if len(raw) <= _SAMPLE_BYTES:
        return raw
    end = raw.rfind(b"\n", 0, _SAMPLE_BYTES)
    return raw[: end + 1] if end > 0 else raw[:_SAMPLE_BYTES]


def letters(text: str) -> set[str]:
    """The distinct non-ASCII characters that are no punctuation, symbol, digit or space: the
    letters, ideographs and private-use or unassigned characters a decode produced."""
    return {
        ch
        for ch in set(text)
        if ord(ch) > 127 and ch != "\ufffd" and unicodedata.category(ch)[0] not in "PSZN"
    }


def plausible(text: str, expected: Callable[[str], bool], least: int = 1) -> bool:
    """At least 90% of the distinct letters are of the expected kind, and ``least`` of them."""
    found = letters(text)
    fitting = sum(1 for ch in found if expected(ch))
    return fitting >= least and fitting >= PLAUSIBLE_SHARE * len(found)


def multi_character_words(text: str) -> bool:
    """East Asian words are runs of two characters or more, while Western accented letters
    misread as double-byte characters stand alone between ASCII ones: most runs must be longer."""
    runs = [len(run) for run in _NON_ASCII_TEXT.findall(text)]
    return bool(runs) and sum(length >= 2 for length in runs) * 2 >= len(runs)


def looks_korean(sample: bytes) -> bool:
    """Many distinct Hangul syllables and no other letter when read as EUC-KR (cp949)."""
    text = _strict(sample, "cp949")
    if text is None:
        return False
    found = letters(text)
    syllables = sum(1 for ch in found if _hangul(ch))
    return syllables >= _KOREAN_SYLLABLES and syllables == len(found)


def best_candidate(sample: bytes) -> tuple[Candidate, str] | None:
    """The first East Asian encoding whose strict decode of the sample reads as its language."""
    for candidate in CANDIDATES:
        text = _strict(sample, candidate.codec)
        if (
            text is not None
            and multi_character_words(text)
            and plausible(text, candidate.expected, 2)
        ):
            return candidate, text
    return None


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _latin_letters(text: str) -> bool:
    """Accented Latin letters (Latin-1 Supplement to Latin Extended Additional), nothing else."""
    return bool(text) and all(
        ("\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff") and ch.isalpha() for ch in text
    )


@dataclass(frozen=True)
class Lookalike:
    """A word whose non-ASCII bytes are UTF-8 Latin letters, read as GB18030 ideographs."""

    line: int
    as_gb18030: str
    as_utf8: str


def latin_lookalikes(sample: bytes) -> tuple[list[Lookalike], int]:
    """Words of Latin letters whose accented letters are valid UTF-8 ('Córdoba'), that GB18030
    reads as ideographs ('C贸rdoba'), and how many non-ASCII runs the sample holds in all."""
    found: list[Lookalike] = []
    runs = 0
    for word in _WORD.finditer(sample):
        text = word.group()
        word_runs = _NON_ASCII_RUN.findall(text)
        runs += len(word_runs)
        if not word_runs or not re.search(rb"[A-Za-z]", text):
            continue
        if all(_latin_letters(_strict(run, "utf-8") or "") for run in word_runs):
            found.append(
                Lookalike(
                    sample.count(b"\n", 0, word.start()) + 1,
                    text.decode("gb18030", errors="replace"),
                    text.decode("utf-8"),
                )
            )
    return found, runs
