#!/usr/bin/env bash
# Sourced (after env.sh): a throwaway hot standby of the project-local cluster, for make test-replica
# and make load LOAD_REPLICA=1.
#   replica_start DIR   pg_basebackup -R of the primary into DIR/data, started on a free port: sets
#                       REPLICA_PORT; returns non-zero (with the reason on stderr) when it cannot
#   replica_stop DIR    stops it and removes DIR
replica_start() {
    local dir="$1" wal_level senders
    wal_level="$(psql -XtAc "SHOW wal_level" postgres)"
    senders="$(psql -XtAc "SHOW max_wal_senders" postgres)"
    if [ "$wal_level" = minimal ] || [ "$senders" = 0 ]; then
        echo "[replica] the primary cannot stream (wal_level=$wal_level, max_wal_senders=$senders)" >&2
        return 1
    fi
    rm -rf "$dir"
    mkdir -p "$dir/run"
    if [ "$(id -u)" = 0 ]; then chown -R "$(stat -c %U "$DEALER_ROOT/.local/pg/data")" "$dir"; fi
    REPLICA_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    echo "[replica] pg_basebackup -R of the primary (:$PGPORT) into $dir/data" >&2
    "$DEALER_ROOT/scripts/pg.sh" bin pg_basebackup -h 127.0.0.1 -p "$PGPORT" -U odoo \
        -D "$dir/data" -R -X stream -c fast --no-sync || return 1
    # A throwaway standby: no fsync (else its start syncs the whole copied data directory first).
    "$DEALER_ROOT/scripts/pg.sh" bin pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 180 \
        -o "-p $REPLICA_PORT -c unix_socket_directories=$dir/run -c hot_standby=on -c shared_buffers=128MB -c fsync=off" \
        start >/dev/null || { tail -n 20 "$dir/server.log" >&2; return 1; }
}

replica_stop() {
    local dir="$1"
    if [ -f "$dir/data/PG_VERSION" ]; then
        "$DEALER_ROOT/scripts/pg.sh" bin pg_ctl -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$dir"
}
