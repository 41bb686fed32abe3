"""Readable names for columns: "Search spend" for search_spend, a Chinese header as it is, and
whatever the user wrote in the mapping form over both."""

from __future__ import annotations

import re

from analytics.ingest.roles import Mapping

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[_\-.\s]+")
# Words marketers write in capitals whatever case the file used.
_ACRONYMS = frozenset({
    "tv", "id", "roas", "roi", "sku", "cpc", "cpm", "cpa", "ctr", "gmv", "kpi", "sms", "seo",
    "sem", "ppc", "aov", "ltv", "crm", "url", "ooh", "usd", "cny", "eur", "gbp",
})  # fmt: skip


def proposed_name(column: str, language: str = "en") -> str:
    """The name proposed for a column: in English, snake_case and camelCase words spaced and
    capitalised like a sentence (acronyms kept: "TV spend"); a name with non-ASCII letters,
    and every name in Chinese, as the file has it."""
    if language != "en" or not column.isascii():
        return column
    words = [w for w in _SEPARATORS.split(_CAMEL.sub(" ", column.strip())) if w]
    if not words:
        return column
    if len(words) == 1 and not words[0].islower():
        return _word(words[0]) if words[0].lower() in _ACRONYMS else column  # "Sale", "GMV"
    shaped = [_word(w) for w in words]
    first = shaped[0]
    shaped[0] = first if first.isupper() else first[:1].upper() + first[1:]
    return " ".join(shaped)


def _word(word: str) -> str:
    if word.lower() in _ACRONYMS or (word.isupper() and len(word) > 1):
        return word.upper()
    return word.lower()


def display_name(
    mapping: Mapping | None, column: str, language: str = "en", *, in_sentence: bool = False
) -> str:
    """The name shown for a column: the user's, else the proposal; ``in_sentence`` starts a
    proposal lower case ("the search spend of ...") unless it starts with an acronym."""
    if mapping is not None and mapping.labels.get(column):
        return mapping.labels[column]
    name = proposed_name(column, language)
    first = name.split(" ", 1)[0]
    if in_sentence and name != column and not (first.isupper() and len(first) > 1):
        return name[:1].lower() + name[1:]
    return name


def edited_labels(columns: list[str], shown: list[str], language: str = "en") -> dict[str, str]:
    """The names a user changed from the proposal (blank ones dropped), to store."""
    return {
        column: name.strip()
        for column, name in zip(columns, shown, strict=True)
        if name and name.strip() and name.strip() != proposed_name(column, language)
    }
