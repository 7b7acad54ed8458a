#!/usr/bin/env bash
# make pot: regenerate every add-on's i18n/<module>.pot from the demo database.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
DB="${DEALER_DB:-dealer}"
db_exists "$DB" || { echo "database $DB not found: run make run first" >&2; exit 1; }
"${ODOO[@]}" -d "$DB" -u "$DEALER_ADDONS" --stop-after-init --log-level=warn
for m in ${DEALER_ADDONS//,/ }; do
    "${ODOO[@]}" -d "$DB" --i18n-export="$DEALER_ROOT/addons/$m/i18n/$m.pot" --modules="$m" --log-level=warn
    "$PY" "$DEALER_ROOT/scripts/po_fill.py" "$DEALER_ROOT/addons/$m" || true
done
