#!/usr/bin/env bash
# make test-odoo: Odoo's own test suites of the apps the add-ons extend (sale,
# sale_management, sale_stock, sale_loyalty, portal, payment, account_payment,
# payment_custom) and website_sale's price
# list, cart and checkout tests, run by Odoo's own runner in a database where
# every project add-on is installed with delivery and website_sale (a brand
# that also sells online). Fails unless Odoo reports 0 failed and 0 errors.
DEALER_PG_FAST=1  # throwaway databases: commits need not wait for the disk
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$DEALER_ROOT"
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || {
    echo "[test-odoo] chromium is required for Odoo's tours (Debian: apt-get install chromium)" >&2; exit 1; }

SUITES="sale,sale_management,sale_stock,sale_loyalty,portal,payment,account_payment,payment_custom"
EXTRA="delivery,website_sale"
TAGS="/sale,/sale_management,/sale_stock,/sale_loyalty,/portal,/payment,/account_payment,/payment_custom"
for class in TestWebsitePriceList TestWebsitePriceListAvailable TestWebsitePriceListAvailableGeoIP \
    TestWebsitePriceListHttp TestWebsitePriceListMultiCompany TestWebsiteSaleSession TestWebsiteSaleCart \
    TestSaleProcess; do
    TAGS="$TAGS,/website_sale:$class"
done
# The website editor's tour (no price, cart or checkout in it) fails here loading the
# editor's style sheets in headless Chromium.
TAGS="$TAGS,-/website_sale:TestSaleProcess.test_01_admin_shop_tour"
# Its checkout tour (run once payment_custom is installed) fails the same way in a database
# holding only Odoo's website_sale, payment_custom and delivery: the step after "Edit" of the
# delivery address expects the billing switch of the checkout page on the address form.
TAGS="$TAGS,-/website_sale:TestSaleProcess.test_04_admin_website_sale_tour"

# Odoo runs a module's at_install tests inside its installation, when the
# modules installed after it are not loaded yet: the suites' modules and all
# that depend on them must be installed in the test run itself. The template
# holds what portal (the first of them) depends on, which no add-on changes.
deps="$("$PY" -c 'import ast, sys; print(",".join(ast.literal_eval(open(sys.argv[1]).read())["depends"]))' \
    "$ODOO_TREE/addons/portal/__manifest__.py")"
hash="$( (echo "$deps"; cat "$ODOO_TREE/odoo/release.py") | sha1sum | cut -c1-10)"
TMPL="dealer_odoo_tmpl_$hash"
DB="${DEALER_TEST_ODOO_DB:-dealer_test_odoo}"
FILESTORE="$DEALER_ROOT/.local/data/filestore"
mkdir -p "$DEALER_ROOT/.local"
if ! db_exists "$TMPL"; then
    for old in $(psql -XtAc "SELECT datname FROM pg_database WHERE datname LIKE 'dealer\_odoo\_tmpl\_%'" postgres); do
        dropdb "$old"; rm -rf "${FILESTORE:?}/$old"
    done
    echo "[test-odoo] installing $deps into a new template database"
    log="$DEALER_ROOT/.local/install-odoo-$hash.log"
    # Built under another name and renamed once complete: an interrupted build is never reused.
    wip="${TMPL}_wip"
    dropdb --if-exists "$wip"; rm -rf "${FILESTORE:?}/$wip"
    "${ODOO[@]}" -d "$wip" -i "$deps" --stop-after-init --log-level=warn --logfile="$log" \
        || { tail -n 60 "$log" >&2; dropdb --if-exists "$wip"; exit 1; }
    psql -Xqc "ALTER DATABASE \"$wip\" RENAME TO \"$TMPL\"" postgres
    if [ -d "$FILESTORE/$wip" ]; then mv "$FILESTORE/$wip" "$FILESTORE/$TMPL"; fi
fi
dropdb --if-exists "$DB"; rm -rf "${FILESTORE:?}/$DB"
createdb -T "$TMPL" "$DB"
[ -d "$FILESTORE/$TMPL" ] && mkdir -p "$FILESTORE" && cp -a "$FILESTORE/$TMPL" "$FILESTORE/$DB"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
log="$DEALER_ROOT/.local/test-odoo.log"
rm -f "$log"  # Odoo appends to its log file
echo "[test-odoo] installing $DEALER_ADDONS,$EXTRA and running Odoo's tests of $SUITES (log: $log)"
start=$SECONDS
set +e
"${ODOO[@]}" -d "$DB" -i "$DEALER_ADDONS,$EXTRA,$SUITES" --test-enable --test-tags "$TAGS" \
    --stop-after-init --http-port="$port" --log-level=info --logfile="$log"
rc=$?
set -e
# Tests failing or erroring, then Odoo's own summary ("N failed, N error(s) of N tests").
grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) .*(ERROR|FAIL): " "$log" >&2 || true
summary="$(grep -oE "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests" "$log" | tail -n1 || true)"
echo "[test-odoo] ${summary:-no test summary} in $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s"
# Any error logged outside a test (an installation, a tour's browser) fails the run as well,
# but for the test server closing a browser's idle connection (werkzeug's "Request timed out").
errors() { grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log" | grep -vE " werkzeug: .*Request timed out" || true; }
logged="$(errors | grep -c . || true)"
if [ "$rc" != 0 ] || ! [[ "$summary" =~ ^0\ failed,\ 0\ error ]] || [ "$logged" != 0 ]; then
    errors | grep -vE "(ERROR|FAIL): " | tail -n 20 >&2 || true
    echo "[test-odoo] failed (exit $rc, $logged errors logged; full log: $log)" >&2
    exit 1
fi
