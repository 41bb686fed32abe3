"""The validation report of a built dataset: each problem, where it is, and what to change."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.ingest.dates import TWO_DIGIT_YEAR_RULE, DateParse
from analytics.ingest.issues import ERROR, WARNING, Issue, first_rows, rows_phrase
from analytics.ingest.numbers import LARGEST_EXACT, NumberParse
from analytics.ingest.raw_table import RawTable
from analytics.ingest.roles import (
    DATE,
    DIMENSION,
    METRIC,
    NUMERIC_ROLES,
    PANEL,
    SPEND,
    Mapping,
    dataset_kind,
)
from analytics.periods import FREQUENCY_NAMES, expected_calendar, infer_frequency

_BAD_SHARE_ERROR = 0.2


def validate(
    columns: dict[str, pa.Array],
    mapping: Mapping,
    parses: dict[str, NumberParse | DateParse],
    raw: RawTable,
) -> list[Issue]:
    """All problems of the dataset, errors first."""
    issues = list(raw.issues)
    issues += _shape_issues(raw.n_rows, mapping)
    for name, parse in parses.items():
        issues += _parse_issues(name, parse, raw)
    issues += _missing_issues(columns, mapping, parses, raw)
    issues += _negative_spend(parses, mapping, raw)
    date_column = mapping.date_column
    # A time series has one row per date and segment; logs and experiments have many per date.
    if date_column and raw.n_rows > 1 and dataset_kind(mapping) == PANEL:
        issues += _duplicate_rows(columns, mapping, raw)
        issues += _calendar_gaps(parses[date_column].values)
    return sorted(issues, key=lambda issue: issue.severity != ERROR)


def _shape_issues(n_rows: int, mapping: Mapping) -> list[Issue]:
    issues = []
    if n_rows == 0:
        issues.append(
            Issue(
                ERROR,
                "no_rows",
                None,
                "The file has column names but no data rows: export it again with its data.",
            )
        )
    elif n_rows == 1:
        issues.append(
            Issue(
                ERROR,
                "single_row",
                None,
                "The file has a single data row: analyses need a row per day or week; "
                "export the full period.",
                (2,),
                1,
            )
        )
    if (
        dataset_kind(mapping) == PANEL
        and not mapping.columns(METRIC)
        and not mapping.columns(SPEND)
    ):
        issues.append(
            Issue(
                ERROR,
                "no_metric",
                None,
                "No column holds a measure such as revenue, units or spend: choose the "
                "role 'metric' for at least one numeric column.",
            )
        )
    return issues  # fmt: skip


def _parse_issues(name: str, parse: NumberParse | DateParse, raw: RawTable) -> list[Issue]:
    if isinstance(parse, DateParse):
        return _date_issues(name, parse, raw)
    issues = []
    # Cells that are no number, then numbers of 2^53 and beyond (digits lost, sums infinite).
    for code, positions in (
        ("unparseable_number", parse.unparseable),
        ("number_too_large", parse.too_large),
    ):
        count, rows, example = _listed(name, positions, raw)
        if not count:
            continue
        cells = f"{count} {_values(count)} in '{name}' {_are(count)}"
        where = f"({rows_phrase(rows, count)}, e.g. {example!r})"
        text = {
            "unparseable_number": f"{cells} not {_a(count, 'number')} {where}: correct them, or "
            "choose another role for the column; until then they count as missing.",
            "number_too_large": f"{cells} too large to hold exactly {where}: from "
            f"{LARGEST_EXACT:,.0f} (2^53) on, numbers lose digits and their sums overflow; "
            "correct them, or if the column holds codes or IDs, choose the role 'dimension' or "
            "'ignore' for it; until then they count as missing.",
        }[code]
        severity = _severity(count, len(parse.values))
        issues.append(Issue(severity, code, name, text, rows, count, {"example": example}))
    return issues


def _listed(name: str, positions: np.ndarray, raw: RawTable) -> tuple[int, tuple[int, ...], str]:
    """How many cells, the rows of the first few, and the first one's text."""
    if not len(positions):
        return 0, (), ""
    return len(positions), first_rows(positions, raw.row_numbers), _example(raw, name, positions)


def _date_issues(name: str, parse: DateParse, raw: RawTable) -> list[Issue]:
    issues = []
    mixed = len(parse.mixed_order_rows)
    if mixed:
        rows = first_rows(parse.mixed_order_rows, raw.row_numbers)
        issues.append(
            Issue(
                ERROR,
                "mixed_date_order",
                name,
                f"'{name}' mixes day-first and month-first dates ({rows_phrase(rows, mixed)}): "
                "write every date the same way, best as 2024-01-31.",
                rows,
                mixed,
            )
        )
    if parse.ambiguous_order:
        order = "month-first (m/d/y)" if parse.format == "mdy" else "day-first (d/m/y)"
        issues.append(
            Issue(
                WARNING,
                "ambiguous_date_order",
                name,
                f"Every date in '{name}' reads both day-first and month-first; they were read "
                f"{order}. If that is wrong, choose the other order in the mapping.",
                (),
                0,
                {"order": parse.format},
            )
        )
    issues += _two_digit_year_issues(name, parse, raw)
    bad = np.setdiff1d(parse.bad, parse.mixed_order_rows)
    count = len(bad)
    if count:
        rows = first_rows(bad, raw.row_numbers)
        example = _example(raw, name, bad)
        issues.append(
            Issue(
                _severity(count, len(parse.values)),
                "unparseable_date",
                name,
                f"{count} {_values(count)} in '{name}' {_are(count)} not {_a(count, 'date')} "
                f"({rows_phrase(rows, count)}, e.g. {example!r}): correct them, or those rows "
                "are left out of time-based pages.",
                rows,
                count,
            )
        )
    return issues  # fmt: skip


def _two_digit_year_issues(name: str, parse: DateParse, raw: RawTable) -> list[Issue]:
    """Always said: the century of a two-digit year is a rule, not something the file states."""
    count, rows, example = _listed(name, parse.two_digit_year_rows, raw)
    if not count:
        return []
    read_as = str(parse.values[parse.two_digit_year_rows[0]])[:10]
    return [Issue(
        WARNING, "two_digit_year", name,
        f"{count} {'date' if count == 1 else 'dates'} in '{name}' {_write(count)} the year with "
        f"two digits ({rows_phrase(rows, count)}, e.g. {example!r}, read as {read_as}): their "
        f"century follows Excel's rule, {TWO_DIGIT_YEAR_RULE}; if that is wrong, write the years "
        "with four digits.", rows, count,
        {"example": example, "read_as": read_as, "rule": TWO_DIGIT_YEAR_RULE})]  # fmt: skip


def _write(count: int) -> str:
    return "writes" if count == 1 else "write"


def _severity(bad: int, total: int) -> str:
    return ERROR if bad > _BAD_SHARE_ERROR * max(1, total) else WARNING


def _example(raw: RawTable, name: str, positions: np.ndarray) -> str:
    value = raw.column(name)[int(positions[0])].as_py()
    return str(value)[:40]


def _values(count: int) -> str:
    return "value" if count == 1 else "values"


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def _a(count: int, noun: str) -> str:
    return f"a {noun}" if count == 1 else f"{noun}s"


def _missing_issues(
    columns: dict[str, pa.Array],
    mapping: Mapping,
    parses: dict[str, NumberParse | DateParse],
    raw: RawTable,
) -> list[Issue]:
    """Empty cells; cells that hold something that did not parse are reported as such instead."""
    issues = []
    for name, role in mapping.roles.items():
        column = columns.get(name)
        if column is None or (role not in NUMERIC_ROLES and role != DATE):
            continue
        if column.null_count in (0, len(column)):
            continue
        missing = np.flatnonzero(np.asarray(pc.is_null(column)))
        if name in parses:
            missing = np.setdiff1d(missing, parses[name].bad)
        if missing.size == 0:
            continue
        rows = first_rows(missing, raw.row_numbers)
        issues.append(
            Issue(
                WARNING,
                "missing_values",
                name,
                f"'{name}' is empty in {missing.size} {'row' if missing.size == 1 else 'rows'} "
                f"({rows_phrase(rows, missing.size)}): fill them in (0 if nothing happened), "
                "or they are left out where the column is used.",
                rows,
                int(missing.size),
            )
        )
    return issues  # fmt: skip


def _negative_spend(
    parses: dict[str, NumberParse | DateParse], mapping: Mapping, raw: RawTable
) -> list[Issue]:
    issues = []
    for name in mapping.columns(SPEND):
        negative = np.flatnonzero(parses[name].values < 0)
        if negative.size:
            rows = first_rows(negative, raw.row_numbers)
            issues.append(
                Issue(
                    ERROR,
                    "negative_spend",
                    name,
                    f"Spend in '{name}' is negative in {negative.size} "
                    f"{'row' if negative.size == 1 else 'rows'} "
                    f"({rows_phrase(rows, negative.size)}): spend cannot be below zero; correct "
                    "those cells (refunds belong in a separate column).",
                    rows,
                    int(negative.size),
                )
            )
    return issues  # fmt: skip


def _duplicate_rows(columns: dict[str, pa.Array], mapping: Mapping, raw: RawTable) -> list[Issue]:
    keys = [mapping.date_column, *mapping.columns(DIMENSION)]
    dated = np.asarray(pc.is_valid(columns[mapping.date_column]))
    duplicated = np.flatnonzero(duplicated_keys([columns[k] for k in keys]) & dated)
    if duplicated.size == 0:
        return []
    rows = first_rows(duplicated, raw.row_numbers)
    segment = ", ".join(f"'{k}'" for k in keys)
    return [Issue(
        WARNING, "duplicate_rows", None,
        f"{duplicated.size} {'row repeats' if duplicated.size == 1 else 'rows repeat'} the "
        f"{segment} of an earlier row ({rows_phrase(rows, duplicated.size)}): analyses add them "
        "together; remove them if they are copies, or map the column that tells them apart as a "
        "dimension.", rows, int(duplicated.size))]  # fmt: skip


def duplicated_keys(keys: list[pa.Array]) -> np.ndarray:
    """True for each row whose combination of key values appeared on an earlier row."""
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    span = 1
    for key in keys:
        encoded = pc.dictionary_encode(key, null_encoding="encode")
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        size = len(encoded.dictionary) + 1
        if span * size >= 2**62:
            combined, uniques = pd.factorize(combined)
            span = len(uniques)
        combined = combined * size + codes
        span *= size
    return pd.Series(combined).duplicated().to_numpy()


def _calendar_gaps(dates: np.ndarray) -> list[Issue]:
    valid = dates[~np.isnat(dates)]
    frequency = infer_frequency(valid)
    if frequency is None:
        return []
    present = pd.DatetimeIndex(np.unique(valid))
    expected = expected_calendar(present.min(), present.max(), frequency)
    missing = expected.difference(present)
    if missing.empty:
        return []
    unit = {"D": "day", "W": "week", "M": "month"}[frequency]
    listed = ", ".join(day.strftime("%Y-%m-%d") for day in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    return [Issue(
        WARNING, "calendar_gaps", None,
        f"The {FREQUENCY_NAMES[frequency]} calendar has {len(missing)} missing "
        f"{unit}{'s' if len(missing) > 1 else ''} ({listed}{more}): add rows with 0 for periods "
        "without sales, or export the full period.", (), len(missing),
        {"missing": [day.strftime("%Y-%m-%d") for day in missing[:50]]})]  # fmt: skip
