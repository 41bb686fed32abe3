"""What an A/B analysis returns: per-variant summaries, comparisons with the control, the
sample-ratio check and CUPED's variance reduction, as frozen values with ``to_dict()``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

PROPORTION, MEAN, RATIO = "proportion", "mean", "ratio"
# Sample-ratio mismatch: a warning below the first p, a stop below the second.
SRM_WARNING_P, SRM_STOP_P = 0.01, 0.001
SRM_OK, SRM_WARNING, SRM_STOP = "ok", "warning", "stop"


@dataclass(frozen=True)
class VariantSummary:
    name: str
    units: int
    mean: float
    mean_ci: tuple[float, float]
    std_error: float

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "mean_ci": list(self.mean_ci)}


@dataclass(frozen=True)
class RobustCheck:
    """A heavy-tail check of a difference of means: Yuen's 20%-trimmed-mean t-test, or a
    bootstrap of the difference when trimming leaves no spread (mostly zeros)."""

    method: str
    diff: float
    diff_ci: tuple[float, float]
    p_value: float

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "diff_ci": list(self.diff_ci)}


@dataclass(frozen=True)
class Comparison:
    variant: str
    diff: float
    diff_ci: tuple[float, float]
    rel_diff: float
    rel_diff_ci: tuple[float, float]
    p_value: float
    p_value_adjusted: float
    method: str
    robust: RobustCheck | None = None

    @property
    def excludes_zero(self) -> bool:
        """Whether the 95% interval of the difference lies on one side of zero."""
        low, high = self.diff_ci
        return bool(low > 0 or high < 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "variant": self.variant,
            "diff": self.diff,
            "diff_ci": list(self.diff_ci),
            "rel_diff": self.rel_diff,
            "rel_diff_ci": list(self.rel_diff_ci),
            "p_value": self.p_value,
            "p_value_adjusted": self.p_value_adjusted,
            "method": self.method,
            "robust": self.robust.to_dict() if self.robust else None,
        }


@dataclass(frozen=True)
class SampleRatio:
    """Pearson's chi-square of the units per variant against the planned split."""

    p_value: float
    expected_shares: tuple[float, ...]
    observed_units: tuple[int, ...]

    @property
    def level(self) -> str:
        if self.p_value < SRM_STOP_P:
            return SRM_STOP
        return SRM_WARNING if self.p_value < SRM_WARNING_P else SRM_OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "p_value": self.p_value,
            "expected_shares": list(self.expected_shares),
            "observed_units": list(self.observed_units),
            "level": self.level,
        }


@dataclass(frozen=True)
class Cuped:
    """CUPED: the outcome minus θ·(covariate − its mean); the share of variance removed."""

    covariate: str
    variance_reduction: float
    theta: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ABResult:
    metric: str
    metric_type: str
    control: str
    variants: tuple[VariantSummary, ...]
    comparisons: tuple[Comparison, ...]
    srm: SampleRatio
    cuped: Cuped | None
    correction: str | None
    denominator: str | None = None
    dropped_rows: int = 0

    def variant(self, name: str) -> VariantSummary:
        return next(v for v in self.variants if v.name == name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "metric_type": self.metric_type,
            "control": self.control,
            "variants": [v.to_dict() for v in self.variants],
            "comparisons": [c.to_dict() for c in self.comparisons],
            "srm": self.srm.to_dict(),
            "cuped": self.cuped.to_dict() if self.cuped else None,
            "correction": self.correction,
            "denominator": self.denominator,
            "dropped_rows": self.dropped_rows,
        }
