"""How every number a user reads is written, in one place, for the app and the command line.

Pure functions of a value (and, for intervals, a language: "en" or "zh"): amounts with
thousands separators and an optional currency, counts, percentages, ratios, p-values,
intervals. Nothing is ever written in scientific notation; a missing value reads as a dash and
an infinite one as "∞".
"""

from __future__ import annotations

import math
from numbers import Real

MISSING = "—"  # what a missing number shows
P_FLOOR = 0.001  # p-values below this read "< 0.001"; above it, three decimals
PLAIN_FLOOR = 1e-9  # a non-zero magnitude below this reads "≈ 0"
# The currencies a dataset can be given, by ISO code, with the symbol written before amounts.
CURRENCIES = {
    "CNY": "¥",
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "JP¥",
    "HKD": "HK$",
    "TWD": "NT$",
    "KRW": "₩",
    "INR": "₹",
    "AUD": "A$",
    "CAD": "C$",
    "SGD": "S$",
}
_TO = {"en": " to ", "zh": " 至 "}
# Words in a metric's name that make it money (written with the currency), not a count.
MONEY = ("revenue", "sales", "gmv", "turnover", "销售额", "营收", "收入", "成交额")


def _missing(value: object) -> bool:
    return value is None or not isinstance(value, Real) or math.isnan(float(value))


def _infinite(value: float, signed: bool) -> str:
    if value > 0:
        return "+∞" if signed else "∞"
    return "-∞"


def _reads_zero(text: str) -> bool:
    return not text.startswith("≈") and float(text.replace(",", "")) == 0


def _sign(value: float, signed: bool) -> str:
    if value < 0:
        return "-"
    return "+" if signed and value > 0 else ""


def plain(value: float | None, digits: int = 3, *, signed: bool = False) -> str:
    """A number to ``digits`` significant digits (whole part always kept), with separators,
    trailing zeros dropped and never an exponent: 43,030 · 0.000045 · 2.35 · 5; a magnitude
    below 1e-9 reads "≈ 0" (never "0")."""
    if _missing(value):
        return MISSING
    value = float(value)  # type: ignore[arg-type]
    if math.isinf(value):
        return _infinite(value, signed)
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude < PLAIN_FLOOR:
        return "≈ 0"
    whole = magnitude >= 1 and magnitude.is_integer()
    decimals = 0 if whole else max(0, digits - 1 - math.floor(math.log10(magnitude)))
    text = f"{magnitude:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if _reads_zero(text) else _sign(value, signed) + text


def count(value: float | None, *, signed: bool = False) -> str:
    """A count, whole, with thousands separators: 1,234,567."""
    if _missing(value):
        return MISSING
    value = float(value)  # type: ignore[arg-type]
    if math.isinf(value):
        return _infinite(value, signed)
    rounded = round(value)
    return _sign(rounded, signed) + f"{abs(rounded):,.0f}"


def amount(
    value: float | None, currency: str | None = None, *, signed: bool = False, exact: bool = False
) -> str:
    """Money or another amount: whole with separators from 100 up, two decimals below it
    (``exact`` keeps two decimals on large amounts), three significant digits below 0.01; the
    currency's symbol first when one is set: ¥1,234,567 · -$12.50."""
    if _missing(value):
        return MISSING
    value = float(value)  # type: ignore[arg-type]
    symbol = currency_symbol(currency)
    if math.isinf(value):
        return _infinite(value, signed)
    magnitude = abs(value)
    if magnitude >= 100 and not exact:
        digits = f"{magnitude:,.0f}"
    elif magnitude >= 0.01 or magnitude == 0:
        digits = f"{magnitude:,.2f}"
    else:
        digits = plain(magnitude)
    return _sign(0.0 if _reads_zero(digits) else value, signed) + symbol + digits


def is_money(metric: str) -> bool:
    """Whether a metric reads as money (revenue, sales, GMV), not a count."""
    lowered = str(metric).lower()
    return any(word in lowered for word in MONEY)


def currency_symbol(currency: str | None) -> str:
    """The symbol written before amounts: the known ISO code's symbol, or the text as given."""
    if not currency:
        return ""
    return CURRENCIES.get(currency.upper(), currency)


def percent(share: float | None, digits: int = 1, *, signed: bool = False) -> str:
    """A share as a percentage: 0.123 → 12.3%. A non-zero share that would round to zero keeps
    two significant digits (0.004%), so nothing non-zero reads 0.0%."""
    if _missing(share):
        return MISSING
    share = float(share)  # type: ignore[arg-type]
    if math.isinf(share):
        return _infinite(share, signed) + "%"
    value = share * 100
    text = f"{abs(value):,.{digits}f}"
    if value != 0 and _reads_zero(text):
        text = plain(abs(value), 2)
    return _sign(value, signed) + text + "%"


def points(share: float | None, digits: int = 1) -> str:
    """A difference of two percentages, in percentage points, signed: +1.2 pp / +1.2 个百分点
    is worded by the caller; this gives the number."""
    if _missing(share):
        return MISSING
    return percent(share, digits, signed=True).removesuffix("%")


def ratio(value: float | None, digits: int = 2, *, signed: bool = False) -> str:
    """A ratio such as ROAS or lift, or a mean: 3.90, with separators when large (1,234.50)."""
    if _missing(value):
        return MISSING
    value = float(value)  # type: ignore[arg-type]
    if math.isinf(value):
        return _infinite(value, signed)
    text = f"{abs(value):,.{digits}f}"
    if value != 0 and _reads_zero(text):
        text = plain(abs(value), 2)
    return _sign(value, signed) + text


def p_value(p: float | None) -> str:
    """A p-value as a statistician reads it: three decimals, "< 0.001" below that, never 0.000
    (simulations and float underflow cannot show an exact 0)."""
    if _missing(p):
        return MISSING
    p = float(p)  # type: ignore[arg-type]
    if p < P_FLOOR:
        return f"< {P_FLOOR:.3f}"
    return f"{min(p, 1.0):.3f}"


def p_clause(p: float | None) -> str:
    """``p = 0.034`` or ``p < 0.001``, for sentences."""
    text = p_value(p)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def interval(low: str, high: str, lang: str = "en") -> str:
    """Two bounds already written, as "low to high" (English) or "low 至 high" (Chinese)."""
    return low + _TO.get(lang, _TO["en"]) + high


def span(pair: tuple[float, float] | None, form, lang: str = "en") -> str:
    """An interval of numbers, each written by ``form``: "-31% to -3%"."""
    if pair is None:
        return MISSING
    return interval(form(pair[0]), form(pair[1]), lang)
