"""bench/results.md: one '## ' section per benchmark, each rewritten by its own script."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"


def replace_section(heading: str, body: str, path: Path = RESULTS) -> None:
    """Rewrite the section that starts with ``heading``, keeping the others."""
    text = path.read_text() if path.exists() else "# Benchmark results\n\n"
    start = text.find(heading)
    if start < 0:
        text = text.rstrip() + "\n\n" + body
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + body + ("" if end < 0 else text[end:])
    path.write_text(text.rstrip() + "\n")
