#!/usr/bin/env bash
# make test: a fresh database with every project add-on, then every module's
# tests and the cross-module tests through pytest-odoo, HTTP enabled.
DEALER_PG_FAST=1  # throwaway databases: commits need not wait for the disk
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$DEALER_ROOT"
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || {
    echo "[test] chromium is required for the browser tests (Debian: apt-get install chromium)" >&2; exit 1; }
"$PY" -c "import websocket" 2>/dev/null || {
    echo "[test] the websocket-client package is required for the browser tests" >&2; exit 1; }

# A template database per state of the add-ons' code (tests excluded), so
# that repeated runs copy it in a second instead of installing again.
hash="$(addons_state | sha1sum | cut -c1-10)"
TMPL="dealer_tmpl_$hash"
DB="${DEALER_TEST_DB:-dealer_test}"
FILESTORE="$DEALER_ROOT/.local/data/filestore"
if ! db_exists "$TMPL"; then
    for old in $(psql -XtAc "SELECT datname FROM pg_database WHERE datname LIKE 'dealer\_tmpl\_%'" postgres); do
        dropdb "$old"; rm -rf "${FILESTORE:?}/$old"
    done
    echo "[test] installing $DEALER_ADDONS into a new test database"
    log="$DEALER_ROOT/.local/install-$hash.log"
    # Built under another name and renamed once complete: an interrupted build is never reused.
    wip="${TMPL}_wip"
    dropdb --if-exists "$wip"; rm -rf "${FILESTORE:?}/$wip"
    "${ODOO[@]}" -d "$wip" -i "$DEALER_ADDONS" --stop-after-init --log-level=warn \
        --logfile="$log" || { tail -n 60 "$log" >&2; dropdb --if-exists "$wip"; exit 1; }
    if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) |demo data failed to install" "$log" >&2; then
        echo "[test] the installation logged errors (full log: $log)" >&2
        dropdb --if-exists "$wip"; exit 1
    fi
    psql -Xqc "ALTER DATABASE \"$wip\" RENAME TO \"$TMPL\"" postgres
    if [ -d "$FILESTORE/$wip" ]; then mv "$FILESTORE/$wip" "$FILESTORE/$TMPL"; fi
fi
dropdb --if-exists "$DB"; rm -rf "${FILESTORE:?}/$DB"
createdb -T "$TMPL" "$DB"
[ -d "$FILESTORE/$TMPL" ] && mkdir -p "$FILESTORE" && cp -a "$FILESTORE/$TMPL" "$FILESTORE/$DB"

paths=()
for d in addons/*/tests tests; do [ -d "$d" ] && paths+=("$d"); done
set +e
"$VENV/bin/pytest" -p no:cacheprovider --odoo-config="$DEALER_ROOT/odoo.conf" \
    --odoo-database="$DB" --odoo-http --odoo-log-level=warn "${paths[@]}" "$@"
rc=$?
set -e
exit $rc
