"""`python -m analytics`: the app's computations from the command line, as text or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from analytics.cli import (
    customers,
    drivers,
    experiments,
    forecast,
    ingest,
    lift,
    order,
    planner,
    recommend,
    report,
    timing,
    workspace,
)
from analytics.cli.output import EXIT_USER_ERROR, fail
from analytics.errors import EncodingNeedsConfirmation, UserInputError

# In this order in the help and the usage messages.
COMMAND_GROUPS = (
    ingest,
    lift,
    drivers,
    forecast,
    order,
    planner,
    timing,
    experiments,
    customers,
    recommend,
    report,
    workspace,
)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except EncodingNeedsConfirmation as exc:
        fail(f"{exc} (pass --encoding {exc.encoding} to accept it)")
    except UserInputError as exc:
        fail(str(exc))
    except MemoryError:
        fail("The file is too large for this machine's memory: split it or remove columns.")
    return EXIT_USER_ERROR


class _OneLineErrors(argparse.ArgumentParser):
    """A usage mistake (a missing or unknown argument) is one line on stderr and exit 2, like
    every other error a user can cause; subcommands inherit it."""

    def error(self, message: str) -> NoReturn:
        fail(f"{message} (see {self.prog} --help)")
        raise SystemExit(EXIT_USER_ERROR)


def parser() -> argparse.ArgumentParser:
    """The top parser, each command group's subcommands registered on it."""
    top = _OneLineErrors(prog="python -m analytics", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.add_parsers(commands)
    return top
