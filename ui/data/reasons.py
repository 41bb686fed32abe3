"""Why the mapping form proposes each column's role, in words (en and zh), from the reason code
and facts the inference gives (analytics.ingest.inference.RoleGuess)."""

from __future__ import annotations

from analytics.ingest.inference import RoleGuess
from ui.i18n import t


def reason_text(guess: RoleGuess) -> str:
    """The reason as a table cell: names from the file stay plain text (cells are not Markdown)."""
    detail = dict(guess.detail)
    if "named" in detail:
        detail["named"] = t(f"role_{detail['named']}")
    if "part" in detail:
        detail["part"] = t(f"date_part_{detail['part']}")
    if "count" in detail:
        detail["count"] = f"{detail['count']:,}"
    return t(f"reason_{guess.reason}", **detail)
