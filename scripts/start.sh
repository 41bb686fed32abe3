#!/usr/bin/env bash
# Install LiftBoard into .venv (first run only) and start it on http://localhost:8501.
# The workspace lives in $LIFTBOARD_HOME (default ./workspace); samples are installed on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv requirements.txt
exec .venv/bin/python -m streamlit run app.py "$@"
