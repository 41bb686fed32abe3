"""What a drivers analysis models: its settings (target, features, models, rows, folds, SHAP
sample) and the target, a metric or the ratio of two per row."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.drivers.models import FITTED_MODELS
from analytics.errors import UserInputError
from analytics.ingest.roles import NUMERIC_ROLES, Mapping

DEFAULT_FOLDS = 4
DEFAULT_SAMPLE = 1_000


@dataclass(frozen=True)
class DriverSettings:
    """What to model: the target, features (None = the suggested ones), models and rows."""

    target: str
    features: tuple[str, ...] | None = None
    models: tuple[str, ...] = FITTED_MODELS
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    log_target: bool = False
    folds: int = DEFAULT_FOLDS
    sample_size: int = DEFAULT_SAMPLE
    seed: int = 0

    @property
    def where_dict(self) -> dict[str, tuple[str, ...]]:
        return {column: tuple(values) for column, values in self.where}

    def key(self) -> str:
        """A plain string that identifies these settings (for caches and links)."""
        return json.dumps(
            {
                "target": self.target,
                "features": None if self.features is None else list(self.features),
                "models": list(self.models),
                "where": [[c, list(v)] for c, v in self.where],
                "log_target": self.log_target,
                "folds": self.folds,
                "sample_size": self.sample_size,
                "seed": self.seed,
            },
            sort_keys=True,
            ensure_ascii=False,
        )

    @classmethod
    def from_key(cls, key: str) -> DriverSettings:
        data = json.loads(key)
        features = data["features"]
        return cls(
            target=data["target"],
            features=None if features is None else tuple(features),
            models=tuple(data["models"]),
            where=tuple((c, tuple(v)) for c, v in data["where"]),
            log_target=bool(data["log_target"]),
            folds=int(data["folds"]),
            sample_size=int(data["sample_size"]),
            seed=int(data["seed"]),
        )


def where_items(where: dict[str, Sequence[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A row filter as the sorted tuple DriverSettings holds."""
    return tuple(sorted((column, tuple(values)) for column, values in (where or {}).items()))


@dataclass(frozen=True)
class Target:
    """A metric, or the ratio of two metrics per row (``orders/visits``)."""

    name: str
    numerator: str
    denominator: str | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.numerator,) if self.denominator is None else (self.numerator, self.denominator)

    def values(self, rows: pd.DataFrame) -> np.ndarray:
        """The target per row; a ratio is missing where its denominator is not positive."""
        top = rows[self.numerator].to_numpy(dtype=float)
        if self.denominator is None:
            return top
        bottom = rows[self.denominator].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(bottom > 0, top / bottom, np.nan)


def number_columns(frame: pd.DataFrame, mapping: Mapping) -> list[str]:
    """Columns that can be a target: numbers that are not ignored."""
    return [
        name
        for name, role in mapping.roles.items()
        if role in NUMERIC_ROLES
        and name in frame.columns
        and pd.api.types.is_numeric_dtype(frame[name])
    ]


def parse_target(text: str, frame: pd.DataFrame, mapping: Mapping) -> Target:
    """A column name, or NUMERATOR/DENOMINATOR; a column whose name holds '/' wins."""
    name = text.strip()
    numbers = number_columns(frame, mapping)
    if name in frame.columns:
        _check_number(name, numbers)
        return Target(name, name)
    top, sep, bottom = (part.strip() for part in name.partition("/"))
    if sep and top and bottom and "/" not in bottom:
        for part in (top, bottom):
            if part not in frame.columns:
                raise _unknown_target(part, numbers)
            _check_number(part, numbers)
        if top == bottom:
            raise UserInputError(
                f"The ratio {name!r} divides a column by itself: choose two different columns.",
                code="drivers_same_ratio_parts",
                target=name,
            )
        return Target(f"{top}/{bottom}", top, bottom)
    raise _unknown_target(name, numbers)


def _unknown_target(name: str, numbers: list[str]) -> UserInputError:
    known = ", ".join(numbers[:12]) or "none"
    return UserInputError(
        f"There is no number column {name!r} to model; the number columns are: {known} "
        "(a ratio is written NUMERATOR/DENOMINATOR, e.g. orders/visits).",
        code="drivers_unknown_target",
        target=name,
        known=known,
    )


def _check_number(name: str, numbers: list[str]) -> None:
    if name not in numbers:
        raise UserInputError(
            f"{name!r} is not a number column: choose a metric such as revenue, units or orders.",
            code="drivers_not_numeric",
            column=name,
        )
