#!/usr/bin/env bash
# Install everything the tests need (Python packages, Debian's chromium for the browser tests,
# Debian's postgresql for the workspace tests) and run lint and the whole test suite. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv requirements-dev.txt

# Debian's chromium (Playwright's own browser download does not work here; also what the reports
# draw charts and print PDFs with), poppler-utils (pdftotext reads the reports' PDFs in tests),
# a Chinese font, without which the 简体中文 screenshots and reports show empty boxes, and nginx
# (the team server's browser tests run several processes behind it; its service is not started).
# libgomp1 is the OpenMP runtime LightGBM's wheel links against (the forecast's global model).
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 ||
  ! command -v nginx >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q . ||
  ! ldconfig -p 2>/dev/null | grep -q libgomp.so.1; then
  echo "Installing Debian's chromium, poppler-utils, nginx, libgomp1 and a Chinese font for the browser and report tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  packages="chromium fonts-wqy-microhei poppler-utils nginx libgomp1"
  $sudo_cmd apt-get install -y -q $packages >/dev/null ||
    { $sudo_cmd apt-get update -q >/dev/null && $sudo_cmd apt-get install -y -q $packages >/dev/null; }
fi

# Debian's PostgreSQL: every workspace test also runs on it (tests/postgres.py starts a server
# per run with scripts/postgres.sh); a run without it fails rather than skipping those tests.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing Debian's postgresql for the workspace tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get install -y -q postgresql >/dev/null ||
    { $sudo_cmd apt-get update -q >/dev/null && $sudo_cmd apt-get install -y -q postgresql >/dev/null; }
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
