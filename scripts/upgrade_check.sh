#!/usr/bin/env bash
# make test-upgrade: a database made with the add-ons of an earlier layout
# (DEALER_UPGRADE_FROM, default 382e415, taken with `git worktree`) and demo
# data upgrades to the current code with `-u` and loses nothing:
#   1. install every add-on of the old commit, with demo data, into a new database;
#   2. snapshot it (scripts/upgrade_check.py snapshot): rows per table, a digest of
#      every row of the project's tables, the external ids and their records;
#   3. upgrade with today's code: `-u` the old add-ons, as an integrator does
#      (the add-ons that took over a domain are installed by the migrations);
#   4. compare (scripts/upgrade_check.py compare): no table lost a row, every row
#      of the project's tables holds the same values in the columns both layouts
#      have, every external id of a data record still points at the same record
#      (its module may change), every model and field still exists, and every
#      current add-on whose dependencies are installed is installed.
# Prints the comparison's summary; exits non-zero on any loss.
DEALER_PG_FAST=1  # throwaway databases: commits need not wait for the disk
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$DEALER_ROOT"
FROM="${DEALER_UPGRADE_FROM:-382e415}"
DB="${DEALER_UPGRADE_DB:-dealer_upgrade}"
WORK="$DEALER_ROOT/.local/upgrade"
OLD="$WORK/old-$FROM"
FILESTORE="$DEALER_ROOT/.local/data/filestore"
mkdir -p "$WORK"
git rev-parse --verify --quiet "$FROM^{commit}" >/dev/null || {
    echo "[test-upgrade] commit $FROM is not in this clone's history" >&2; exit 1; }
if [ ! -d "$OLD/addons" ]; then
    git worktree prune
    git worktree add --detach --force "$OLD" "$FROM" >/dev/null
fi
old_addons="$(cd "$OLD/addons" && for m in */__manifest__.py; do
    grep -q "'installable': False" "$m" || dirname "$m"; done | paste -sd,)"
logged_errors() {
    grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) |demo data failed to install" "$1" || true
}

start=$SECONDS
dropdb --if-exists "$DB"; rm -rf "${FILESTORE:?}/$DB"
echo "[test-upgrade] installing the add-ons of $FROM ($old_addons) with demo data"
log="$WORK/install.log"
rm -f "$log"
if ! "${ODOO[@]}" -d "$DB" --addons-path="$ODOO_TREE/addons,$OLD/addons" -i "$old_addons" \
    --stop-after-init --log-level=warn --logfile="$log" || [ -n "$(logged_errors "$log")" ]; then
    logged_errors "$log" | tail -n 20 >&2; tail -n 40 "$log" >&2
    echo "[test-upgrade] the old layout failed to install (log: $log)" >&2; exit 1
fi
echo "[test-upgrade] installed in $((SECONDS - start)) s; snapshot"
"$PY" scripts/upgrade_check.py snapshot "$DB" "$WORK/before.json" "$old_addons"

step=$SECONDS
echo "[test-upgrade] upgrading to the current code: -u $old_addons"
log="$WORK/upgrade.log"
rm -f "$log"
if ! "${ODOO[@]}" -d "$DB" -u "$old_addons" --stop-after-init --log-level=warn --logfile="$log" \
    || [ -n "$(logged_errors "$log")" ]; then
    logged_errors "$log" | tail -n 20 >&2; tail -n 40 "$log" >&2
    echo "[test-upgrade] the upgrade failed (log: $log)" >&2; exit 1
fi
echo "[test-upgrade] upgraded in $((SECONDS - step)) s; comparing"
"$PY" scripts/upgrade_check.py compare "$DB" "$WORK/before.json" "$DEALER_ADDONS" "$DEALER_ROOT/addons"
echo "[test-upgrade] done in $((SECONDS - start)) s"
