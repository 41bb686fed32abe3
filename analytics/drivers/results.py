"""What a drivers analysis returns: the leaderboard, the chosen model, OLS coefficients, the SHAP
explanation and the findings, each finding a conclusion as numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analytics.drivers.candidates import Candidate
from analytics.drivers.design import DriverData
from analytics.drivers.explain import Explanation, Importance
from analytics.drivers.models import FittedModel
from analytics.drivers.ols import OlsCoefficient, OlsSummary
from analytics.drivers.scoring import ModelScore, Validation


@dataclass(frozen=True)
class Finding:
    """One conclusion as numbers; ``kind`` says which sentence the app words it with."""

    kind: str
    params: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "params": dict(self.params)}


@dataclass(frozen=True, eq=False)
class DriversResult:
    """Leaderboard, chosen model, OLS coefficients, SHAP explanation and findings for one target."""

    target: str
    log_target: bool
    n_rows: int
    n_dropped: int
    frequency: str | None
    baseline: str
    validation: Validation
    features: tuple[str, ...]
    chosen: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    models: tuple[ModelScore, ...]
    best: str
    beats_baseline: bool
    coefficients: tuple[OlsCoefficient, ...]
    ols: OlsSummary
    explanation: Explanation | None
    findings: tuple[Finding, ...]
    fitted: FittedModel | None = field(default=None, repr=False)
    data: DriverData | None = field(default=None, repr=False)
    predictions: np.ndarray | None = field(default=None, repr=False)

    @property
    def importance(self) -> tuple[Importance, ...]:
        """Mean |SHAP| per feature, largest first (empty when no model beats the baseline)."""
        return self.explanation.importance if self.explanation is not None else ()

    def score(self, name: str) -> ModelScore | None:
        return next((s for s in self.models if s.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "log_target": self.log_target,
            "n_rows": self.n_rows,
            "n_dropped": self.n_dropped,
            "frequency": self.frequency,
            "baseline": self.baseline,
            "validation": self.validation.to_dict(),
            "features": list(self.features),
            "chosen": list(self.chosen),
            "candidates": [c.to_dict() for c in self.candidates],
            "models": [s.to_dict() for s in self.models],
            "best": self.best,
            "beats_baseline": self.beats_baseline,
            "importance": [i.to_dict() for i in self.importance],
            "coefficients": [c.to_dict() for c in self.coefficients],
            "ols": self.ols.to_dict(),
            "explanation": None if self.explanation is None else self.explanation.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
        }
