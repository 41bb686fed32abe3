"""`python -m ui.report CONTENT OUT FORMAT LANG`: write a report from its pickled content.

`python -m analytics report` gathers the content (pure computation) and runs this to draw it,
since analytics never imports plotly or ui. Exit 2 with one line for anything a user can fix."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from analytics.errors import UserInputError
from ui.report.render import write_report


def main(argv: list[str]) -> int:
    content_path, out, fmt, lang = argv
    content = pickle.loads(Path(content_path).read_bytes())
    try:
        write_report(content, fmt, lang, Path(out))
    except UserInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
