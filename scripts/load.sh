#!/usr/bin/env bash
# make load: a month-end load test of a prefork Odoo server on this machine (loopback only).
# Starts `odoo --workers=LOAD_WORKERS` on the benchmark database of LOAD_SIZE (make data SIZE=...),
# drives it with locust (headless, bounded in users, time and requests), then checks the
# database's invariants and writes the results (default .local/load/results.json).
#   LOAD_SIZE=s|m        the database dealer_bench_SIZE (default s); LOAD_DB=dealer for the demo database
#   LOAD_USERS=10        simulated users (dealers 9 : brand 1)
#   LOAD_DURATION=60     seconds of load;  LOAD_MAX_REQUESTS=20000: stop earlier after that many
#   LOAD_THINK=1,3       a dealer's pause between two actions, seconds (min,max)
#   LOAD_SPAWN_RATE=1    users started per second (each logs in first)
#   LOAD_WARMUP=30       seconds after the last user started before the steady state is measured
#   LOAD_WORKERS=2       Odoo HTTP workers; LOAD_ODOO_ARGS: more Odoo options
#   LOAD_REPLICA=1       a hot standby of the local cluster (scripts/replica.sh), Odoo reading on it
#   LOAD_PORT=18200      HTTP port (18200-18249; the next one is the gevent port)
#   LOAD_OUT=file        the results file
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/replica.sh"
cd "$DEALER_ROOT"
SIZE="${LOAD_SIZE:-s}"
DB="${LOAD_DB:-dealer_bench_$SIZE}"
USERS="${LOAD_USERS:-10}"
DURATION="${LOAD_DURATION:-60}"
WORKERS="${LOAD_WORKERS:-2}"
MAX_REQUESTS="${LOAD_MAX_REQUESTS:-20000}"
REPLICA="${LOAD_REPLICA:-}"
THINK="${LOAD_THINK:-1,3}"
SPAWN_RATE="${LOAD_SPAWN_RATE:-1}"
WARMUP="${LOAD_WARMUP:-30}"
REPLICA_DIR="$DEALER_ROOT/.local/load-replica"
PORT="${LOAD_PORT:-18200}"
GEVENT_PORT=$((PORT + 1))
WORK="$DEALER_ROOT/.local/load"
OUT="${LOAD_OUT:-$WORK/results.json}"
LOAD_VENV="$DEALER_ROOT/.local/load-venv"
say() { printf '[load] %s\n' "$*" >&2; }

if [ "$PORT" -lt 18200 ] || [ "$GEVENT_PORT" -gt 18249 ]; then
    say "LOAD_PORT must leave both ports within 18200-18249 (the ones this machine gives the load test)"; exit 2
fi
for n in "$USERS" "$DURATION" "$WORKERS" "$MAX_REQUESTS" "$WARMUP"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { say "LOAD_USERS, LOAD_DURATION, LOAD_WORKERS, LOAD_MAX_REQUESTS and LOAD_WARMUP are numbers"; exit 2; }
done
[[ "$SPAWN_RATE" =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk "BEGIN { exit !($SPAWN_RATE > 0) }" || { say "LOAD_SPAWN_RATE is a number of users a second (e.g. 1 or 0.5)"; exit 2; }
[[ "$THINK" =~ ^[0-9]+(\.[0-9]+)?,[0-9]+(\.[0-9]+)?$ ]] || { say "LOAD_THINK is min,max in seconds (e.g. 1,3)"; exit 2; }
if [ "$USERS" -gt 200 ] || [ "$DURATION" -gt 3600 ]; then
    say "at most 200 users and 3600 seconds"; exit 2
fi
if ! db_exists "$DB"; then
    say "database $DB does not exist: make data SIZE=$SIZE (or LOAD_DB=dealer after make run)"; exit 1
fi
for p in "$PORT" "$GEVENT_PORT"; do
    if (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
        say "port $p is in use: choose another LOAD_PORT within 18200-18248"; exit 1
    fi
done

# locust in its own virtualenv: Odoo's venv pins another gevent.
stamp="$(sha1sum requirements-load.txt | cut -c1-40)"
if [ "$(cat "$LOAD_VENV/.requirements" 2>/dev/null)" != "$stamp" ]; then
    say "installing locust into $LOAD_VENV"
    rm -rf "$LOAD_VENV"
    python3 -m venv "$LOAD_VENV"
    "$LOAD_VENV/bin/pip" install -q -r requirements-load.txt
    echo "$stamp" > "$LOAD_VENV/.requirements"
fi

mkdir -p "$WORK"
run="$WORK/$(date -u +%Y%m%dT%H%M%SZ)-$DB-w$WORKERS-u$USERS${REPLICA:+-replica}"
mkdir -p "$run"
"$PY" -m bench.load --db "$DB" prepare --accounts "$run/accounts.json" --snapshot "$run/snapshot.json"

# shellcheck disable=SC2206 # LOAD_ODOO_ARGS is a list of options
extra=(${LOAD_ODOO_ARGS:-})
if [ -n "$REPLICA" ]; then
    replica_start "$REPLICA_DIR" || { replica_stop "$REPLICA_DIR"; exit 1; }
    extra+=(--db_replica_host=127.0.0.1 --db_replica_port="$REPLICA_PORT")
fi
say "starting Odoo on 127.0.0.1:$PORT with $WORKERS workers (log: $run/odoo.log)"
# odoo-bin, not `python -m odoo`: the prefork server starts its gevent worker again from sys.argv.
"$PY" "$ODOO_TREE/odoo-bin" -c "$DEALER_ROOT/odoo.conf" -d "$DB" --db-filter="^$DB\$" --workers="$WORKERS" --max-cron-threads=1 \
    --http-interface=127.0.0.1 --http-port="$PORT" --gevent-port="$GEVENT_PORT" \
    --logfile="$run/odoo.log" --log-level=info "${extra[@]}" 2> "$run/odoo.stderr" &
server=$!
locust_pid=""
stop() {
    [ -n "$locust_pid" ] && kill "$locust_pid" 2>/dev/null || true
    if kill -0 "$server" 2>/dev/null; then
        local workers
        workers="$(ps -o pid= --ppid "$server" | tr -s ' \n' ' ')"
        kill "$server" 2>/dev/null || true  # the prefork master stops its workers
        for _ in $(seq 10); do kill -0 "$server" 2>/dev/null || break; sleep 1; done
        kill "$server" 2>/dev/null || true  # a second TERM: the workers stop without finishing their requests
        for _ in $(seq 20); do kill -0 "$server" 2>/dev/null || break; sleep 1; done
        kill -9 "$server" 2>/dev/null || true
        # A worker left behind (a cron job running on): this run's own processes only, by id.
        # shellcheck disable=SC2086
        [ -n "${workers// /}" ] && kill -9 $workers 2>/dev/null || true
    fi
    if [ -n "$REPLICA" ]; then replica_stop "$REPLICA_DIR"; fi
}
trap stop EXIT
for _ in $(seq 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/web/login"; then break; fi
    kill -0 "$server" 2>/dev/null || { tail -n 30 "$run/odoo.log" >&2; say "Odoo did not start"; exit 1; }
    sleep 1
done
# One page each, so that the first users do not time the loading of the workers' registries.
for _ in $(seq "$WORKERS"); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/web/login" || true; done

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
commits() { PGPORT="$1" psql -XtAc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'" postgres; }
if [ -n "$REPLICA" ]; then replica_commits="$(commits "$REPLICA_PORT")" primary_commits="$(commits "$PGPORT")"; fi
say "locust: $USERS users for ${DURATION}s (at most $MAX_REQUESTS requests), load average before: $load_before"
LOAD_ACCOUNTS="$run/accounts.json" LOAD_JOURNAL="$run/journal.json" LOAD_MAX_REQUESTS="$MAX_REQUESTS" LOAD_THINK="$THINK" \
    "$LOAD_VENV/bin/locust" -f bench/load/locustfile.py --headless --only-summary \
    -u "$USERS" -r "$SPAWN_RATE" -t "${DURATION}s" --stop-timeout 15 \
    -H "http://127.0.0.1:$PORT" --csv "$run/locust" > "$run/locust.log" 2>&1 &
locust_pid=$!
wait "$locust_pid" || true  # locust exits 1 when a request failed: the check below tells why
locust_pid=""
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$REPLICA" ]; then
    sleep 2  # statistics are flushed by idle backends
    say "transactions committed during the run: replica $(( $(commits "$REPLICA_PORT") - replica_commits )), primary $(( $(commits "$PGPORT") - primary_commits ))"
fi
tail -n 40 "$run/locust.log" | grep -v "^\s*$" >&2 || true
stop
trap - EXIT
# The server's log and its stderr (a process that died before logging, such as the websocket
# process restarted by the prefork master, leaves its traceback there only) are read by the check.
settings="{\"users\": $USERS, \"duration_s\": $DURATION, \"workers\": $WORKERS, \"think_s\": \"$THINK\", \"spawn_rate\": $SPAWN_RATE, \"warmup_s\": $WARMUP, \"replica\": $([ -n "$REPLICA" ] && echo true || echo false), \"odoo_args\": \"${LOAD_ODOO_ARGS:-}\"}"
"$PY" -m bench.load --db "$DB" check --snapshot "$run/snapshot.json" --journal "$run/journal.json" \
    --out "$OUT" --settings "$settings" --load-average "before $load_before, after $load_after" \
    --server-logs "$run/odoo.log" "$run/odoo.stderr" --warmup "$WARMUP" \
    --command-line "make load LOAD_SIZE=$SIZE LOAD_USERS=$USERS LOAD_DURATION=$DURATION LOAD_WORKERS=$WORKERS LOAD_THINK=$THINK LOAD_SPAWN_RATE=$SPAWN_RATE${REPLICA:+ LOAD_REPLICA=1}" \
    && status=0 || status=$?
cp "$OUT" "$run/results.json" 2>/dev/null || true
say "results: $OUT (run files: $run)"
exit "$status"
