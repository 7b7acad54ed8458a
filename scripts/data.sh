#!/usr/bin/env bash
# make data SIZE=s|m|l: a fresh database (every project add-on, no demo data)
# filled with the benchmark's scale data. BENCH_DB overrides its name.
DEALER_PG_FAST=1  # throwaway databases: commits need not wait for the disk
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$DEALER_ROOT"
SIZE="${1:-${SIZE:-s}}"
case "$SIZE" in
    s|m|l) ;;
    *) echo "[data] unknown SIZE '$SIZE': the sizes are s (100 dealers, 1k products, 10k order lines)," \
            "m (1,000 dealers, 10k products, 100k lines), l (2,000 dealers, 10k products, 1M lines)" >&2; exit 2 ;;
esac
DB="${BENCH_DB:-dealer_bench_$SIZE}"
FILESTORE="$DEALER_ROOT/.local/data/filestore"
start=$SECONDS
echo "[data] installing $DEALER_ADDONS without demo data into $DB" >&2
dropdb --if-exists "$DB"; rm -rf "${FILESTORE:?}/$DB"
mkdir -p "$DEALER_ROOT/.local"
log="$DEALER_ROOT/.local/data-$DB.log"
"${ODOO[@]}" -d "$DB" -i "$DEALER_ADDONS" --without-demo=all --stop-after-init --log-level=warn \
    --logfile="$log" || { tail -n 60 "$log" >&2; exit 1; }
if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log" >&2; then
    echo "[data] the installation logged errors (full log: $log)" >&2; exit 1
fi
echo "[data] installed in $((SECONDS - start))s; generating size $SIZE" >&2
"$PY" -m bench --config "$DEALER_ROOT/odoo.conf" data --size "$SIZE" --db "$DB"
echo "[data] $DB ready in $((SECONDS - start))s: make bench SIZE=$SIZE" >&2
