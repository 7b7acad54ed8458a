#!/usr/bin/env bash
# make run: the demo database "dealer" with every add-on, served on :8069.
# Sourced (scripts/run_prod.sh), it only defines demo_db and demo_logins.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# demo_db DB: create the demo database DB with every add-on and the demo data, or upgrade it
# when the add-ons' code changed since it was made or last upgraded.
demo_db() {
    local DB="$1"
    local STAMP="$DEALER_ROOT/.local/run-$DB.state"
    local state installed missing
    state="$(addons_state | sha1sum | cut -c1-40)"
    if ! db_exists "$DB"; then
        echo "[run] creating database $DB with $DEALER_ADDONS and demo data (a few minutes)"
        "${ODOO[@]}" -d "$DB" -i base --load-language=zh_CN --stop-after-init --log-level=warn
        # A database for a brand in China, as Odoo's database manager makes it when China is chosen:
        # the main company's country and currency, the users' timezone. Accounting then comes with
        # the Chinese localization (l10n_cn) on the main company, which the demo makes the brand.
        "$PY" -m odoo shell -c "$DEALER_ROOT/odoo.conf" -d "$DB" --no-http --log-level=warn >/dev/null <<'PY'
china = env.ref("base.cn")
china.currency_id.active = True
env.ref("base.main_company").write({"country_id": china.id, "currency_id": china.currency_id.id})
env["res.users"].with_context(active_test=False).search([]).write({"tz": "Asia/Shanghai"})
env.cr.commit()
PY
        "${ODOO[@]}" -d "$DB" -i l10n_cn --stop-after-init --log-level=warn
        "${ODOO[@]}" -d "$DB" -i "$DEALER_ADDONS" --stop-after-init --log-level=warn
        # The back office opens on the demo brand (the demo data leaves admin's default company to Odoo).
        psql -XqAc "UPDATE res_users SET company_id = (SELECT res_id FROM ir_model_data
            WHERE module = 'dealer_demo' AND name = 'brand_company') WHERE login = 'admin'" "$DB"
    elif [ "$(cat "$STAMP" 2>/dev/null)" != "$state" ]; then
        # The add-ons changed since the database was made: upgrade the installed
        # ones, install the new ones (-i on an installed module would load its
        # data again as if it were new).
        installed_addons() {
            psql -XtAc "SELECT string_agg(name, ',') FROM ir_module_module
                WHERE state = 'installed' AND name = ANY(string_to_array('$DEALER_ADDONS', ','))" "$DB"
        }
        installed="$(installed_addons)"
        echo "[run] upgrading database $DB to the add-ons' current code"
        if [ -n "$installed" ]; then
            "${ODOO[@]}" -d "$DB" -u "$installed" --stop-after-init --log-level=warn
        fi
        # An upgrade may install new add-ons itself (a migration, a new dependency): only the others are missing.
        missing="$(comm -23 <(tr , '\n' <<< "$DEALER_ADDONS" | sort) <(installed_addons | tr , '\n' | sort) | paste -sd,)"
        if [ -n "$missing" ]; then
            "${ODOO[@]}" -d "$DB" -i "$missing" --stop-after-init --log-level=warn
        fi
    fi
    echo "$state" > "$STAMP"
}

# demo_logins DB PORT: what to open and with which logins.
demo_logins() {
    local DB="$1" PORT="$2"
    cat <<TXT

  Dealer platform: http://localhost:$PORT
  Back office:     admin / admin
  Salespeople:     sales_east / sales_east, sales_south / sales_south
  Dealer portal:   $(psql -XtAc "SELECT string_agg(login || ' / ' || login, ', ' ORDER BY login) FROM res_users WHERE login LIKE 'dealer_' AND active" "$DB")
  (make stop stops the project's PostgreSQL)

TXT
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    DB="${DEALER_DB:-dealer}"
    PORT="${DEALER_HTTP_PORT:-8069}"
    demo_db "$DB"
    demo_logins "$DB" "$PORT"
    exec "${ODOO[@]}" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT"
fi
