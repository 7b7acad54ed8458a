#!/usr/bin/env bash
# make lint: ruff (lint + format check) and pylint-odoo's mandatory checks.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
V=.venv/bin
$V/ruff check addons tests bench scripts conftest.py
$V/ruff format --check addons tests bench scripts conftest.py
$V/pylint --rcfile=.pylintrc-mandatory addons/* tests
$V/python scripts/check_deps.py
$V/python scripts/gen_readme.py --check
echo "lint: clean"
