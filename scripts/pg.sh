#!/usr/bin/env bash
# PostgreSQL for the project. With PGHOST/PGPORT/PGUSER/PGPASSWORD set, that
# server is used as it is. Otherwise a project-local cluster lives in
# .local/pg, listens on a free localhost port and runs as an unprivileged OS
# user when we are root (PostgreSQL refuses to run as root).
# The cluster is durable (fsync, full page writes, synchronous commits): the
# data of `make run` survives a crash. Test and benchmark runs trade the
# durability of their own transactions for speed with `pg.sh fast-env`
# (synchronous_commit off in their sessions only, see there).
#   pg.sh env       print the export lines for the server to use (starting it)
#   pg.sh fast-env  the same, plus PGOPTIONS for sessions that need no durability
#   pg.sh stop      stop the project-local cluster
#   pg.sh bin NAME ARGS...  run PostgreSQL's program NAME (pg_basebackup, pg_ctl...) as the
#                   local cluster's owner (make test-replica builds a standby with it). The
#                   cluster replicates as initdb makes it: wal_level = replica, max_wal_senders,
#                   and pg_hba.conf's trusted local replication lines for the superuser odoo.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGDIR="$ROOT/.local/pg"
DATA="$PGDIR/data"
say() { printf '[pg] %s\n' "$*" >&2; }

external() { [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}${PGPASSWORD:-}" ] && [ -z "${DEALER_LOCAL_PG:-}" ]; }

find_bin() {
    local b
    for b in "$(command -v pg_ctl 2>/dev/null || true)" /usr/lib/postgresql/*/bin/pg_ctl; do
        if [ -n "$b" ] && [ -x "$b" ]; then dirname "$b"; return; fi
    done
    printf '%s\n' "PostgreSQL server binaries not found: install them (Debian: apt-get install postgresql) or set PGHOST/PGPORT/PGUSER/PGPASSWORD to an existing server." >&2
    exit 1
}

as_owner() {  # run a command as the cluster owner
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$PG_OS_USER" -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_local() {
    BIN="$(find_bin)"
    PG_OS_USER="${DEALER_PG_OS_USER:-postgres}"
    if [ "$(id -u)" = 0 ]; then
        if ! id "$PG_OS_USER" >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
        fi
    else
        PG_OS_USER="$(id -un)"
    fi
    mkdir -p "$PGDIR"
    if [ ! -f "$DATA/PG_VERSION" ]; then
        say "initialising a local cluster in $DATA"
        rm -rf "$DATA"
        mkdir -p "$DATA" "$PGDIR/run"
        [ "$(id -u)" = 0 ] && chown -R "$PG_OS_USER" "$PGDIR"
        as_owner "$BIN/initdb" -D "$DATA" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGDIR/run'
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 256MB
max_connections = 200
CONF
    fi
    [ "$(id -u)" = 0 ] && chown -R "$PG_OS_USER" "$PGDIR"
    local was_unsafe=""
    # Clusters made before the cluster was durable had every write unsafe, server wide: those lines go.
    if grep -qE "^(fsync|synchronous_commit|full_page_writes) = off$" "$DATA/postgresql.conf"; then
        say "making the local cluster durable (fsync, full_page_writes, synchronous_commit back on)"
        sed -i -E "/^(fsync|synchronous_commit|full_page_writes) = off$/d" "$DATA/postgresql.conf"
        was_unsafe=1
    fi
    if as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1 && [ -n "$was_unsafe" ]; then
        # The three settings take effect on a reload; what was written with fsync off is then
        # flushed to disk (PostgreSQL's documented way of turning fsync back on), and checkpointed.
        as_owner "$BIN/pg_ctl" -D "$DATA" reload >/dev/null
        sync
        psql -XqAc "CHECKPOINT" -h 127.0.0.1 -p "$(cat "$PGDIR/port")" -U odoo postgres >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        # Written with fsync off before a crash, data could be lost: flushed before the server starts.
        [ -n "$was_unsafe" ] && sync
        local port
        port="$(free_port)"
        echo "$port" > "$PGDIR/port"
        [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$PGDIR/port"
        as_owner "$BIN/pg_ctl" -D "$DATA" -o "-p $port" -l "$PGDIR/server.log" -w -t 60 start >/dev/null \
            || { tail -n 20 "$PGDIR/server.log" >&2; exit 1; }
        say "local PostgreSQL started on 127.0.0.1:$port"
    fi
}

case "${1:-env}" in
    env | fast-env)
        if external; then
            for v in PGHOST PGPORT PGUSER PGPASSWORD; do
                [ -n "${!v:-}" ] && printf 'export %s=%q\n' "$v" "${!v}"
            done
        else
            start_local
            printf 'export PGHOST=127.0.0.1 PGPORT=%s PGUSER=odoo PGPASSWORD=\n' "$(cat "$PGDIR/port")"
        fi
        if [ "${1:-env}" = fast-env ]; then
            # Tests and benchmarks: their commits do not wait for the disk (a crash loses at most
            # their last fraction of a second, never corrupts anything). fsync and full_page_writes
            # are server-wide and stay on for everyone.
            printf 'export PGOPTIONS=%q\n' "${PGOPTIONS:+$PGOPTIONS }-c synchronous_commit=off"
        fi
        ;;
    stop)
        if [ -f "$DATA/PG_VERSION" ]; then
            BIN="$(find_bin)"
            PG_OS_USER="$(stat -c %U "$DATA")"
            if as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
                as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
                say "local PostgreSQL stopped"
            fi
        fi
        ;;
    bin)
        # pg_ctl may be a link on the PATH: its target's directory holds the other programs.
        BIN="$(dirname "$(readlink -f "$(find_bin)/pg_ctl")")"
        PG_OS_USER="$(stat -c %U "$DATA")"
        shift
        prog="$1"
        shift
        as_owner "$BIN/$prog" "$@"
        ;;
    *) echo "usage: pg.sh env|fast-env|stop|bin NAME ARGS..." >&2; exit 2 ;;
esac
