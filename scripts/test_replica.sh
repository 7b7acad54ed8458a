#!/usr/bin/env bash
# make test-replica: proves that Odoo, in prefork with db_replica_host/db_replica_port set, reads the
# dealers' pages on a streaming replica and writes on the primary (docs/production.md).
#  1. a hot standby of the project-local cluster: pg_basebackup -R into .local/pg-replica, own port;
#  2. a database with every add-on and the demo data (a copy of make test's template when it is
#     current, otherwise make run's demo database logic from scripts/run.sh);
#  3. Odoo in prefork (2 workers) through scripts/run_prod.sh, HTTP on a free port of 18100-18149;
#  4. a demo dealer logs in and opens the read-only pages: the replica's statistics show the scans
#     of sale_order and product_template, the primary's show none;
#  5. the dealer adds to the cart and checks out: the order is written on the primary, replayed on the replica
#     (waiting for its replay LSN), and the replica refuses any write;
#  6. PASS or FAIL, and everything started here is stopped and removed.
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"
source "$(dirname "${BASH_SOURCE[0]}")/replica.sh"
set -uo pipefail
cd "$DEALER_ROOT"
say() { printf '[test-replica] %s\n' "$*"; }
started=$SECONDS
REPLICA="$DEALER_ROOT/.local/pg-replica"
DB="${DEALER_REPLICA_DB:-dealer_replica}"
ODOO_LOG="$DEALER_ROOT/.local/test-replica-odoo.log"
PRIMARY_PORT="$PGPORT"
odoo_pid=""
failures=()
check() {  # check "what" command...: records a failure when the command fails
    local what="$1"
    shift
    if "$@"; then say "ok   $what"; else say "FAIL $what"; failures+=("$what"); fi
}

cleanup() {
    if [ -n "$odoo_pid" ] && kill -0 "$odoo_pid" 2>/dev/null; then
        kill -TERM "$odoo_pid" 2>/dev/null
        for _ in $(seq 1 30); do kill -0 "$odoo_pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$odoo_pid" 2>/dev/null && kill -KILL "$odoo_pid" 2>/dev/null
    fi
    replica_stop "$REPLICA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_http_port() {  # the first free port of 18100-18149 from $1 on
    "$PY" - "$1" <<'PY'
import socket
import sys

for port in range(int(sys.argv[1]), 18150):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
else:
    sys.exit("no free port in 18100-18149")
PY
}

# ---- 1. the database ----------------------------------------------------------------------------
TMPL="dealer_tmpl_$(addons_state | sha1sum | cut -c1-10)"
FILESTORE="$DEALER_ROOT/.local/data/filestore"
if db_exists "$TMPL"; then
    say "database $DB: a copy of make test's template $TMPL"
    dropdb --if-exists "$DB"
    rm -rf "${FILESTORE:?}/$DB"
    createdb -T "$TMPL" "$DB" || exit 1
    [ -d "$FILESTORE/$TMPL" ] && mkdir -p "$FILESTORE" && cp -a "$FILESTORE/$TMPL" "$FILESTORE/$DB"
else
    say "database $DB: make run's demo database (no current template of make test)"
    demo_db "$DB" || exit 1
fi
t_db=$SECONDS

# ---- 2. the replica ----------------------------------------------------------------------------
replica_start "$REPLICA" || exit 1
rpsql() { PGPORT="$REPLICA_PORT" psql -XtA "$@"; }
check "the replica is a hot standby in recovery" test "$(rpsql -c "SELECT pg_is_in_recovery()" "$DB")" = t
check "the primary streams to it" \
    test "$(psql -XtAc "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" postgres)" -ge 1
t_replica=$SECONDS

# ---- 3. Odoo in prefork, reads on the replica ---------------------------------------------------
rm -f "$ODOO_LOG" "$ODOO_LOG.out"
HTTP_PORT="$(free_http_port 18100)" || exit 1
GEVENT_PORT="$(free_http_port $((HTTP_PORT + 1)))" || exit 1
say "Odoo: 2 workers on :$HTTP_PORT, websocket on :$GEVENT_PORT, db_replica_port=$REPLICA_PORT"
DEALER_SKIP_DEMO_DB=1 DEALER_DB="$DB" DEALER_WORKERS=2 DEALER_CRON_THREADS=0 \
    DEALER_HTTP_PORT="$HTTP_PORT" DEALER_GEVENT_PORT="$GEVENT_PORT" \
    DEALER_DB_REPLICA_HOST=127.0.0.1 DEALER_DB_REPLICA_PORT="$REPLICA_PORT" \
    DEALER_ADMIN_PASSWD="${DEALER_ADMIN_PASSWD:-test-replica}" \
    DEALER_PROD_CONF="$DEALER_ROOT/.local/test-replica-odoo.conf" \
    "$DEALER_ROOT/scripts/run_prod.sh" --logfile="$ODOO_LOG" --log-handler=werkzeug:INFO >"$ODOO_LOG.out" 2>&1 &
odoo_pid=$!
for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" 2>/dev/null && break
    kill -0 "$odoo_pid" 2>/dev/null || { tail -n 30 "$ODOO_LOG" "$ODOO_LOG.out"; exit 1; }
    sleep 1
done
t_odoo=$SECONDS

# ---- 4. and 5. the dealer's reads and write -----------------------------------------------------
TABLES="'sale_order','sale_order_line','product_template','res_partner'"
stats() {  # stats PORT: "table seq+idx ins+upd" lines, then the database's commits
    PGPORT="$1" psql -XtA -F' ' -c "SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0), n_tup_ins + n_tup_upd
        FROM pg_stat_user_tables WHERE relname IN ($TABLES) ORDER BY relname" "$DB"
    PGPORT="$1" psql -XtA -F' ' -c "SELECT 'xact_commit', xact_commit, 0 FROM pg_stat_database
        WHERE datname = '$DB'" "$DB"
}
delta() {  # delta BEFORE AFTER NAME COLUMN(2 scans, 3 rows inserted or updated)
    local before after
    before="$(awk -v n="$3" -v c="$4" '$1 == n {print $c}' <<< "$1")"
    after="$(awk -v n="$3" -v c="$4" '$1 == n {print $c}' <<< "$2")"
    echo $(( ${after:-0} - ${before:-0} ))
}
# Statistics are flushed by each backend once idle (at most every second): read after a pause.
flush_pause() { sleep 2; }

CLIENT="$DEALER_ROOT/.local/test-replica-client.py"
cat > "$CLIENT" <<'PY'
"""A demo dealer logs in, then opens the read-only pages (phase 'read') or orders ('write': cart, checkout)."""
import json
import re
import sys

import requests

base, phase, jar = sys.argv[1], sys.argv[2], sys.argv[3]
session = requests.Session()
try:
    with open(jar) as f:
        session.cookies.update(json.load(f))
except FileNotFoundError:
    page = session.get(f"{base}/web/login", timeout=60)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    done = session.post(
        f"{base}/web/login",
        data={"login": "dealer1", "password": "dealer1", "csrf_token": csrf, "redirect": "/my/dealer"},
        timeout=60,
    )
    if "/web/login" in done.url:
        sys.exit("dealer1 could not log in")
    with open(jar, "w") as f:
        json.dump(session.cookies.get_dict(), f)
result = {}
if phase == "read":
    orders = session.get(f"{base}/my/dealer/orders", timeout=60)
    order_ids = re.findall(r'href="/my/dealer/orders/(\d+)', orders.text)
    pages = ["/my/dealer", "/my/dealer/catalog", "/my/dealer/catalog?search=a", "/my/dealer/statement",
             "/my/dealer/rebates", "/my/dealer/inventory"] + [f"/my/dealer/orders/{i}" for i in order_ids[:3]]
    result = {"/my/dealer/orders": orders.status_code}
    for path in pages:
        result[path] = session.get(f"{base}{path}", timeout=60, allow_redirects=False).status_code
elif phase == "write":
    # Add to the cart, check out on credit terms, land on the new order's page.
    catalog = session.get(f"{base}/my/dealer/catalog", timeout=60).text
    product_id = re.search(r'name="qty_(\d+)"', catalog).group(1)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', catalog).group(1)
    session.post(f"{base}/my/dealer/catalog/add", data={"csrf_token": csrf, f"qty_{product_id}": "12"}, timeout=60)
    form = session.get(f"{base}/my/dealer/checkout", timeout=60).text
    shipping = re.search(
        r'name="partner_shipping_id"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="partner_shipping_id"', form
    )
    submitted = session.post(
        f"{base}/my/dealer/checkout/submit",
        data={
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', form).group(1),
            "submit_key": re.search(r'name="submit_key"\s+value="([^"]+)"', form).group(1),
            "partner_shipping_id": shipping.group(1) or shipping.group(2),
            "dealer_payment_method": "credit",
            "client_order_ref": "TEST-REPLICA",
        },
        timeout=60,
    )
    order = re.search(r"/my/dealer/orders/(\d+)", submitted.url)
    result = {"product_id": int(product_id), "status": submitted.status_code, "landed": submitted.url.split(base)[-1],
              "order_id": int(order.group(1)) if order else None}
print(json.dumps(result))
PY
JAR="$DEALER_ROOT/.local/test-replica-cookies.json"
rm -f "$JAR"
"$VENV/bin/python" "$CLIENT" "http://127.0.0.1:$HTTP_PORT" login "$JAR" >/dev/null \
    || { say "FAIL the demo dealer dealer1 could not log in"; exit 1; }
flush_pause
p0="$(stats "$PRIMARY_PORT")"; r0="$(stats "$REPLICA_PORT")"
reads="$("$VENV/bin/python" "$CLIENT" "http://127.0.0.1:$HTTP_PORT" read "$JAR")"
flush_pause
p1="$(stats "$PRIMARY_PORT")"; r1="$(stats "$REPLICA_PORT")"
say "pages (HTTP status): $reads"
check "every page answered 200" "$PY" -c "import json, sys; sys.exit(any(v != 200 for v in json.loads(sys.argv[1]).values()))" "$reads"
for t in sale_order product_template; do
    rd="$(delta "$r0" "$r1" "$t" 2)"; pd="$(delta "$p0" "$p1" "$t" 2)"
    say "     $t scans while the pages were read: replica +$rd, primary +$pd"
    check "$t read on the replica" test "$rd" -gt 0
    check "$t not read on the primary" test "$pd" -eq 0
done
say "     transactions committed: replica +$(delta "$r0" "$r1" xact_commit 2), primary +$(delta "$p0" "$p1" xact_commit 2)"
ro_lines="$(grep -cE '"GET /my/dealer[^ ]* HTTP/1.1" 200 - [0-9]+ [0-9.]+ [0-9.]+ ro$' "$ODOO_LOG")"
check "Odoo logged the pages' requests as read-only cursors (werkzeug log: ro, $ro_lines lines)" \
    test "$ro_lines" -ge "$("$PY" -c "import json, sys; print(len(json.loads(sys.argv[1])))" "$reads")"
check "no request was retried on the primary (ro->rw)" bash -c "! grep -q 'retrying with a read/write cursor' '$ODOO_LOG'"

LINES="SELECT count(*) || ' lines, ' || coalesce(sum(product_uom_qty), 0) || ' units' FROM sale_order_line"
lines_before="$(psql -XtAc "$LINES" "$DB")"
write="$("$VENV/bin/python" "$CLIENT" "http://127.0.0.1:$HTTP_PORT" write "$JAR")"
flush_pause
p2="$(stats "$PRIMARY_PORT")"; r2="$(stats "$REPLICA_PORT")"
say "the dealer's write (add to cart, check out): $write"
check "the order was placed" "$PY" -c "import json, sys; sys.exit(not json.loads(sys.argv[1])['order_id'])" "$write"
so_written="$(delta "$p1" "$p2" sale_order 3)" sol_written="$(delta "$p1" "$p2" sale_order_line 3)"
say "     rows inserted or updated on the primary: sale_order +$so_written, sale_order_line +$sol_written;" \
    "on the replica: sale_order +$(delta "$r1" "$r2" sale_order 3)"
check "the order and its line were written on the primary" test "$so_written" -ge 1 -a "$sol_written" -ge 1
lsn="$(psql -XtAc "SELECT pg_current_wal_lsn()" postgres)"
waited=0
until [ "$(rpsql -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn" postgres)" = t ] || [ $waited -ge 300 ]; do
    sleep 0.1; waited=$((waited + 1))
done
say "     the replica replayed the primary's LSN $lsn after $((waited * 100)) ms;" \
    "pg_stat_replication: $(psql -XtAc "SELECT 'replay_lag=' || coalesce(replay_lag::text, '0') FROM pg_stat_replication" postgres | head -1)"
lines_primary="$(psql -XtAc "$LINES" "$DB")"
lines_replica="$(rpsql -c "$LINES" "$DB")"
check "the write is replicated (order lines: $lines_before -> primary $lines_primary, replica $lines_replica)" \
    test "$lines_replica" = "$lines_primary" -a "$lines_primary" != "$lines_before"
check "the replica refuses writes" bash -c "PGPORT=$REPLICA_PORT psql -XqAc 'UPDATE res_partner SET write_date = write_date WHERE id = 1' '$DB' 2>&1 | grep -q 'read-only transaction'"
# The order page the checkout lands on read the primary: read-your-writes.
check "the new order's page was served on the primary (werkzeug log: rw)" \
    grep -qE '"GET /my/dealer/orders/[0-9]+(\?[^ ]*)? HTTP/1.1" 200 - [0-9]+ [0-9.]+ [0-9.]+ rw' "$ODOO_LOG"

# ---- 6. the verdict ----------------------------------------------------------------------------
say "timings: database $((t_db - started)) s, replica $((t_replica - t_db)) s, Odoo start $((t_odoo - t_replica)) s, total $((SECONDS - started)) s"
if [ ${#failures[@]} -eq 0 ]; then
    say "PASS: reads on the replica, writes on the primary"
    exit 0
fi
say "FAIL: ${failures[*]}"
exit 1
