"""Explicit, vectorised number parsing: thousands and decimal separators, currency, %, (negatives).

Cells arrive as text (pyarrow strings, null = missing). Nothing is coerced silently: every
non-missing cell either parses or is reported by position. Numbers of 2^53 and beyond (1e308,
99999999999999999999, 1e309) are reported too, by their own positions: a float holds whole numbers
exactly only below 2^53, and two values of 1e308 already sum to infinity. Below that bound any
total of any number of rows stays finite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_SPACES = " \t\u00a0\u202f\u2009"
_CURRENCY = r"[$€£¥￥]|^(?:USD|EUR|GBP|CNY|RMB)\s*|\s*(?:元|USD|EUR|GBP|CNY|RMB)$"
_GROUP = "[\\s\u00a0\u202f\u2009']"
DOT_DECIMAL = rf"^[+-]?(?:\d{{1,3}}(?:(?:,|{_GROUP})\d{{3}})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$"
COMMA_DECIMAL = rf"^[+-]?(?:\d{{1,3}}(?:(?:\.|{_GROUP})\d{{3}})+|\d+)?(?:,\d+)?$"
_HAS_DIGIT = r"\d"
_AMBIGUOUS_DOT = r"^[+-]?[1-9]\d{0,2}\.\d{3}$"
_AMBIGUOUS_COMMA = r"^[+-]?[1-9]\d{0,2},\d{3}$"
BOOLEAN_TRUE = ("true", "yes", "y", "是", "t")
BOOLEAN_FALSE = ("false", "no", "n", "否", "f")
# 9,007,199,254,740,992: from here on a float skips whole numbers (2^53 + 1 reads as 2^53).
LARGEST_EXACT = 2.0**53


# What a column's reading assumed, said beside it on the Data page (ui.i18n.note_text words it).
NOTE_PERCENT = "values written with % were read as fractions (15% → 0.15)"
NOTE_DECIMAL_COMMA = "decimal comma (1.234,56)"
NOTE_THOUSANDS_COMMA = "values such as 1,234 were read with ',' as thousands separator"
NOTE_DECIMAL_DOT = "values such as 1.234 were read with '.' as decimal point"


@dataclass(frozen=True)
class NumberParse:
    """A column read as numbers: values (NaN = missing or bad), positions of bad cells, notes."""

    values: np.ndarray
    bad: np.ndarray
    decimal: str = "."
    percent: bool = False
    decisive: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)
    too_large: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))

    @property
    def unparseable(self) -> np.ndarray:
        """Positions of cells that are no number at all (``bad`` also holds the too large)."""
        return np.setdiff1d(self.bad, self.too_large)

    @property
    def parsed_share(self) -> float:
        """Share of non-missing cells that parsed."""
        ok = int(np.count_nonzero(~np.isnan(self.values)))
        total = ok + len(self.bad)
        return ok / total if total else 0.0

    @property
    def number_share(self) -> float:
        """Share of non-missing cells written as numbers, counting those too large to hold."""
        ok = int(np.count_nonzero(~np.isnan(self.values)))
        total = ok + len(self.bad)
        return (ok + len(self.too_large)) / total if total else 0.0

    @property
    def is_integer(self) -> bool:
        finite = self.values[~np.isnan(self.values)]
        return bool(finite.size) and bool(np.all(finite == np.round(finite)))


def parse_numbers(cells: pa.Array | pa.ChunkedArray, decimal: str | None = None) -> NumberParse:
    """Parse text cells as numbers. ``decimal`` is '.' or ','; None decides it from the values.

    '15%' becomes 0.15 (percent cells are read as fractions), '(12.5)' becomes -12.5,
    currency signs and thousands separators are removed.
    """
    cells = _as_array(cells)
    fast = _fast_cast(cells)
    if fast is not None:
        fast, too_large = _without_too_large(fast)
        return NumberParse(fast, too_large, too_large=too_large)
    booleans = _parse_booleans(cells)
    if booleans is not None:
        return booleans
    text = pc.utf8_trim(cells, characters=_SPACES)
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    negative = pc.match_substring_regex(text, r"^\(.*\)$|^-.*-$|-$")
    text = pc.replace_substring_regex(text, r"^\((.*)\)$", r"\1")
    text = pc.replace_substring_regex(text, r"-$", "")
    percent = pc.match_substring_regex(text, r"%$")
    text = pc.utf8_trim(pc.replace_substring_regex(text, r"%$", ""), characters=_SPACES)
    text = pc.utf8_trim(pc.replace_substring_regex(text, _CURRENCY, ""), characters=_SPACES)
    text = pc.replace_substring_regex(text, r"^-\s+", "-")
    chosen, decisive, notes = _choose_decimal(text, decimal)
    pattern = DOT_DECIMAL if chosen == "." else COMMA_DECIMAL
    valid = pc.and_(
        pc.match_substring_regex(text, pattern), pc.match_substring_regex(text, _HAS_DIGIT)
    )
    valid = pc.fill_null(valid, False)
    normal = _normalise(text, chosen)
    values = pc.cast(pc.if_else(valid, normal, pa.scalar(None, pa.string())), pa.float64())
    values = values.to_numpy(zero_copy_only=False).astype(np.float64, copy=True)
    values[np.asarray(pc.fill_null(percent, False))] /= 100.0
    flip = np.asarray(pc.fill_null(negative, False))
    values[flip] = -np.abs(values[flip])
    values, too_large = _without_too_large(values)  # '1e309' is beyond any float: a typo
    invalid = np.asarray(pc.fill_null(pc.and_(pc.is_valid(text), pc.invert(valid)), False))
    bad = np.union1d(np.flatnonzero(invalid), too_large)
    has_percent = bool(pc.any(percent).as_py())
    if has_percent:
        notes = (*notes, NOTE_PERCENT)
    return NumberParse(values, bad, chosen, has_percent, decisive, notes, too_large)


def _without_too_large(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The values with those of 2^53 or more (infinite included) made missing, and where."""
    with np.errstate(invalid="ignore"):
        positions = np.flatnonzero(np.abs(values) >= LARGEST_EXACT)
    if positions.size:
        values = values.copy()
        values[positions] = np.nan
    return values, positions


def _as_array(cells: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    return cells.cast(pa.string()) if cells.type != pa.string() else cells


def _fast_cast(cells: pa.Array) -> np.ndarray | None:
    """Clean machine-written numbers convert in one step; anything else takes the careful path.

    So do '1.234' (a thousands dot in a decimal-comma file) and 'inf', which a cast accepts.
    """
    try:
        values = pc.cast(cells, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    values = values.to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
    if np.isinf(values).any() or _has_ambiguous_dot(cells, values):
        return None
    return values


def _has_ambiguous_dot(cells: pa.Array, values: np.ndarray) -> bool:
    """True when a cell such as '1.200' (1.2, or 1200 with a thousands dot) is present.

    Only cells whose length fits 1-3 digits, a dot and 3 digits are matched against the pattern.
    """
    size = np.abs(values)
    digits = 1 + (size >= 10).astype(np.int64) + (size >= 100)
    lengths = pc.fill_null(pc.binary_length(cells), 0).to_numpy(zero_copy_only=False)
    extra = lengths - digits
    fits = ((extra == 4) | (extra == 5)) & (size >= 1) & (size < 1000)
    if not fits.any():
        return False
    candidates = pc.filter(cells, pa.array(fits))
    return bool(pc.any(pc.match_substring_regex(candidates, _AMBIGUOUS_DOT)).as_py())


def _parse_booleans(cells: pa.Array) -> NumberParse | None:
    uniques = pc.unique(pc.utf8_lower(pc.utf8_trim(cells, characters=_SPACES))).drop_null()
    if len(uniques) == 0 or len(uniques) > 2:
        return None
    if not set(uniques.to_pylist()) <= set(BOOLEAN_TRUE + BOOLEAN_FALSE):
        return None
    lowered = pc.utf8_lower(pc.utf8_trim(cells, characters=_SPACES))
    truth = pc.is_in(lowered, value_set=pa.array(BOOLEAN_TRUE))
    values = pc.if_else(pc.is_valid(cells), pc.cast(truth, pa.float64()), np.nan)
    return NumberParse(values.to_numpy(zero_copy_only=False), np.empty(0, dtype=np.int64))


def _choose_decimal(text: pa.Array, decimal: str | None) -> tuple[str, bool, tuple[str, ...]]:
    """Decide '.' or ',' from the values that only one convention can read; say if they decided."""
    if decimal in (".", ","):
        return decimal, True, ()
    dot = pc.fill_null(pc.match_substring_regex(text, DOT_DECIMAL), False)
    comma = pc.fill_null(pc.match_substring_regex(text, COMMA_DECIMAL), False)
    only_dot = pc.sum(pc.and_(dot, pc.invert(comma))).as_py() or 0
    only_comma = pc.sum(pc.and_(comma, pc.invert(dot))).as_py() or 0
    if only_comma > only_dot:
        return ",", True, (NOTE_DECIMAL_COMMA,)
    if only_dot == 0 and only_comma == 0:
        notes = []
        if pc.any(pc.match_substring_regex(text, _AMBIGUOUS_COMMA)).as_py():
            notes.append(NOTE_THOUSANDS_COMMA)
        if pc.any(pc.match_substring_regex(text, _AMBIGUOUS_DOT)).as_py():
            notes.append(NOTE_DECIMAL_DOT)
        if notes:
            return ".", False, tuple(notes)
    return ".", only_dot > 0, ()


def _normalise(text: pa.Array, decimal: str) -> pa.Array:
    grouping = ("[," if decimal == "." else "[.") + _GROUP[1:]
    text = pc.replace_substring_regex(text, grouping, "")
    if decimal == ",":
        text = pc.replace_substring(text, ",", ".")
    return text
