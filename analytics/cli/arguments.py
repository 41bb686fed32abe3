"""What every command reads from its arguments: the file, numbers, names and --where filters."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TypeAlias

from analytics.errors import UserInputError
from analytics.formatting import CURRENCIES
from analytics.ingest.fence import load_file
from analytics.ingest.load import Dataset

if TYPE_CHECKING:
    # What each command group's add_parsers registers its subcommands on.
    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

MARGIN_HELP = "gross margin (default: data, else 0.4)"


def add_file_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("path", metavar="PATH", help="CSV, TSV or XLSX file")
    command.add_argument("--encoding", help="text encoding, when detection needs confirming")
    command.add_argument("--sheet", help="workbook sheet (default: the first)")
    command.add_argument("--json", action="store_true", help="print one JSON object")


def add_currency_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--currency",
        metavar="CODE",
        type=currency_code,
        help=f"currency of the amounts in the text ({', '.join(CURRENCIES)}; default: the "
        "dataset's, else none); --json is unchanged",
    )


def currency_code(text: str) -> str:
    """An ISO code the formatting module knows, in capitals (argparse says which otherwise)."""
    code = text.strip().upper()
    if code not in CURRENCIES:
        raise argparse.ArgumentTypeError(
            f"unknown currency {text!r}: use one of {', '.join(CURRENCIES)}"
        )
    return code


def text_currency(args: argparse.Namespace, dataset: Dataset | None = None) -> str | None:
    """The currency amounts are written with: --currency, else the dataset's, else none."""
    if getattr(args, "currency", None):
        return args.currency
    return dataset.mapping.currency if dataset is not None else None


def load_dataset(args: argparse.Namespace) -> Dataset:
    """The file the command names, read with its --encoding and --sheet."""
    return read_file(args.path, encoding=args.encoding, sheet=args.sheet)


def read_file(path: str, *, encoding: str | None = None, sheet: str | None = None) -> Dataset:
    """A file named on the command line, read in a worker process within the read limits
    (LIFTBOARD_READ_MEMORY_MB, LIFTBOARD_READ_SECONDS); only a regular file is opened."""
    return load_file(path, encoding=encoding, sheet=sheet)


def split_names(text: str) -> tuple[str, ...]:
    """Comma-separated names, blanks dropped."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


def parse_where(items: list[str]) -> dict[str, tuple[str, ...]]:
    """COLUMN=VALUE items as the values wanted per column."""
    where: dict[str, tuple[str, ...]] = {}
    for item in items:
        column, sep, value = item.partition("=")
        if not sep or not column:
            raise UserInputError(f"--where {item!r} should look like COLUMN=VALUE.")
        where[column] = (*where.get(column, ()), value)
    return where


def parse_number(text: str | None, flag: str, *, minimum: float | None = None) -> float:
    """A flag's number (thousands separators allowed), at least ``minimum`` when one is given."""
    if text is None:
        raise UserInputError(f"Give {flag} AMOUNT.")
    try:
        value = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise UserInputError(f"{flag} {text!r} is not a number.") from None
    if minimum is not None and not value >= minimum:
        raise UserInputError(f"{flag} must be a number of at least {minimum:g}.")
    return value
