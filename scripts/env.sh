# Sourced by the project's commands: sets up the venv if needed, starts (or
# points at) PostgreSQL and exports what odoo.conf reads.
set -euo pipefail
DEALER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEALER_ROOT
"$DEALER_ROOT/scripts/setup.sh"
# DEALER_PG_FAST=1 (tests, benchmarks): sessions whose commits need not be durable (pg.sh fast-env).
eval "$("$DEALER_ROOT/scripts/pg.sh" "${DEALER_PG_FAST:+fast-}env")"
VENV="$DEALER_ROOT/.venv"
PY="$VENV/bin/python"
ODOO_TREE="$(cat "$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo-source.pth")"
export ODOO_TREE
ODOO=("$PY" -m odoo -c "$DEALER_ROOT/odoo.conf")
# Every project add-on, in one comma-separated list.
DEALER_ADDONS="$(cd "$DEALER_ROOT/addons" && for m in */__manifest__.py; do
    grep -q "'installable': False" "$m" || dirname "$m"; done | paste -sd,)"
export DEALER_ADDONS
db_exists() { [ "$(psql -XtAc "SELECT 1 FROM pg_database WHERE datname = '$1'" postgres)" = 1 ]; }
# Everything an installation depends on (the add-ons' code, tests excluded),
# hashed to tell when a database must be rebuilt or upgraded.
addons_state() {
    echo "$DEALER_ADDONS"
    git -C "$DEALER_ROOT" ls-files -s addons | grep -v '/tests/' || true
    git -C "$DEALER_ROOT" diff HEAD -- addons ':!addons/*/tests/*' || true
    git -C "$DEALER_ROOT" ls-files -o --exclude-standard addons | grep -v '/tests/' \
        | (cd "$DEALER_ROOT" && xargs -r cat) || true
}
