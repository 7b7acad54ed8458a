#!/usr/bin/env bash
# make run-prod: the demo database served as in production (docs/production.md): prefork
# workers, cron threads, the websocket on its gevent port, proxy mode, no database manager
# list, the master password from the environment, an optional read replica.
#   DEALER_WORKERS (2)  DEALER_CRON_THREADS (1)  DEALER_HTTP_PORT (8069)  DEALER_GEVENT_PORT (8072)
#   DEALER_DB (dealer)  DEALER_DB_REPLICA_HOST / DEALER_DB_REPLICA_PORT (unset: no replica)
#   DEALER_ADMIN_PASSWD (the master password; unset: a random one, printed once)
#   DEALER_SKIP_DEMO_DB=1: serve DEALER_DB as it is (made elsewhere, e.g. by make test-replica)
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"
export DEALER_DB="${DEALER_DB:-dealer}"
export DEALER_WORKERS="${DEALER_WORKERS:-2}"
export DEALER_CRON_THREADS="${DEALER_CRON_THREADS:-1}"
export DEALER_HTTP_PORT="${DEALER_HTTP_PORT:-8069}"
export DEALER_GEVENT_PORT="${DEALER_GEVENT_PORT:-8072}"
CONF="${DEALER_PROD_CONF:-$DEALER_ROOT/.local/odoo-production.conf}"

[ -n "${DEALER_SKIP_DEMO_DB:-}" ] || demo_db "$DEALER_DB"

if [ -z "${DEALER_ADMIN_PASSWD:-}" ]; then
    DEALER_ADMIN_PASSWD="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(18))')"
    echo "[run-prod] DEALER_ADMIN_PASSWD is not set: this run's master password is $DEALER_ADMIN_PASSWD"
fi
export DEALER_ADMIN_PASSWD
# The configuration is rendered at each start, readable by its owner only; the password's
# hash (pbkdf2, as Odoo stores it when set from the database manager) is all it holds.
mkdir -p "$(dirname "$CONF")"
(umask 077; "$PY" - "$DEALER_ROOT/conf/odoo-production.conf.example" > "$CONF.tmp") <<'PY'
import os
import re
import sys

from odoo.tools.config import crypt_context

env = dict(os.environ)
env["DEALER_ADMIN_PASSWD_HASH"] = crypt_context.hash(os.environ.pop("DEALER_ADMIN_PASSWD"))
host, port = env.get("DEALER_DB_REPLICA_HOST", ""), env.get("DEALER_DB_REPLICA_PORT", "")
env["DEALER_DB_REPLICA"] = f"db_replica_host = {host}\ndb_replica_port = {port or 5432}" if host else ""
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.lstrip().startswith(";"):
        line = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], line)
    sys.stdout.write(line)
PY
mv "$CONF.tmp" "$CONF"
unset DEALER_ADMIN_PASSWD

demo_logins "$DEALER_DB" "$DEALER_HTTP_PORT"
echo "  Prefork: $DEALER_WORKERS workers, $DEALER_CRON_THREADS cron thread(s), websocket on :$DEALER_GEVENT_PORT"
echo "  Replica: ${DEALER_DB_REPLICA_HOST:-none}${DEALER_DB_REPLICA_HOST:+:${DEALER_DB_REPLICA_PORT:-5432}}"
echo "  Configuration: $CONF"
# odoo-bin, not python -m odoo: prefork starts the gevent process again from sys.argv[0].
exec "$PY" "$ODOO_TREE/odoo-bin" -c "$CONF" "$@"
