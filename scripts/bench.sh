#!/usr/bin/env bash
# make bench [SIZE=s | SIZES=s,m] [MODULES=stock_alerts,...]: every registered benchmark case (or those
# of MODULES) and its native Odoo equivalent on the generated databases; writes bench/results.json.
DEALER_PG_FAST=1  # throwaway databases: commits need not wait for the disk
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$DEALER_ROOT"
SIZES="${1:-${SIZES:-${SIZE:-s}}}"
exec "$PY" -m bench --config "$DEALER_ROOT/odoo.conf" run --sizes "$SIZES" \
    --db-prefix "${BENCH_DB_PREFIX:-dealer_bench_}" --modules "${2:-${MODULES:-}}"
