"""CausalImpact beside LiftBoard's lift on the same series: time and error side by side.

CausalImpact for Python is not a LiftBoard dependency. When a separate virtual environment
holds one (default /tmp/civenv, or $CAUSALIMPACT_VENV; e.g. `python -m venv /tmp/civenv &&
/tmp/civenv/bin/pip install bsts-causalimpact`), ``compare`` sends it the cases as JSON and this
file, run by that environment's Python with ``--worker``, fits each one and prints the results.
Only the standard library and the CausalImpact package are imported in the worker.

CausalImpact's settings: its defaults (local level, spike-and-slab regression on the
covariates, 1,000 MCMC draws after 500 warm-up), a weekly season for daily data, 95% intervals.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

VENV = Path(os.environ.get("CAUSALIMPACT_VENV", "/tmp/civenv"))


def available() -> str | None:
    """The package found in the separate environment, or None."""
    python = VENV / "bin" / "python"
    if not python.exists():
        return None
    probe = (
        "import importlib.metadata as m\n"
        "for name in ('bsts-causalimpact', 'tfcausalimpact', 'pycausalimpact'):\n"
        "    try:\n        print(name, m.version(name)); break\n"
        "    except m.PackageNotFoundError: pass\n"
    )
    found = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=False)
    return found.stdout.strip() or None


def compare(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fit each case with CausalImpact. A case: ``name``, ``dates`` (ISO), ``y``, ``X``
    (name -> values, may be empty), ``pre`` and ``post`` ([first, last] ISO dates),
    ``season`` (7 for daily). Returns, per case: ``seconds``, ``abs_effect``,
    ``abs_effect_ci``, ``rel_effect``, ``p_value`` (or ``error``)."""
    python = VENV / "bin" / "python"
    done = subprocess.run(
        [str(python), __file__, "--worker"],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
    )
    if done.returncode:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    return json.loads(done.stdout)


def _worker() -> None:
    import numpy as np
    import pandas as pd
    from causal_impact import CausalImpact

    out = []
    for case in json.load(sys.stdin):
        frame = pd.DataFrame({"y": case["y"], **case["X"]}, index=pd.DatetimeIndex(case["dates"]))
        args = {"nseasons": case["season"], "season_duration": 1} if case.get("season") else {}
        started = time.perf_counter()
        try:
            impact = CausalImpact(frame, case["pre"], case["post"], model_args=args)
        except Exception as exc:  # reported beside the case
            out.append({"name": case["name"], "error": f"{type(exc).__name__}: {exc}"})
            continue
        seconds = time.perf_counter() - started
        result = impact._results
        total = float(result.cumulative_effect_total)
        post = frame.loc[case["post"][0] : case["post"][1], "y"].to_numpy(dtype=float)
        baseline = float(np.sum(post)) - total
        out.append(
            {
                "name": case["name"],
                "seconds": seconds,
                "abs_effect": total,
                "abs_effect_ci": [
                    float(result.cumulative_effect_lower[-1]),
                    float(result.cumulative_effect_upper[-1]),
                ],
                "rel_effect": total / baseline if baseline else float("nan"),
                "p_value": float(result.p_value),
            }
        )
    json.dump(out, sys.stdout)


if __name__ == "__main__" and "--worker" in sys.argv:
    _worker()
