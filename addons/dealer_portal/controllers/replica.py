"""Which portal pages may read a replica of the database.

With ``db_replica_host`` configured, Odoo serves a route marked ``readonly`` on a cursor of the
replica. A replica replays the primary's changes a moment later, so a dealer who has just
changed something (a cart line, a checkout, a payment, an import) would not see it on the next
page. Every request that may write (any method but GET and HEAD, or a read-only request that
had to be retried on the primary) stamps the session, and for a few seconds afterwards the
session's pages read the primary again: the dealer always reads his own writes.
"""

import time

from odoo.http import request
from odoo.tools import config

SESSION_KEY = "dealer_portal_wrote_at"
# Seconds after a write during which the session reads the primary; odoo.conf may set
# dealer_portal_read_your_writes_seconds (a replica that lags more should not serve the portal).
DEFAULT_WINDOW = 10.0
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def read_your_writes_window():
    try:
        return float(config.get("dealer_portal_read_your_writes_seconds", DEFAULT_WINDOW))
    except (TypeError, ValueError):
        return DEFAULT_WINDOW


def dealer_portal_readonly(controller=None):
    """``readonly`` of a portal page: the replica, unless the session wrote a moment ago."""
    wrote_at = request.session.get(SESSION_KEY)
    return not wrote_at or time.time() - wrote_at > read_your_writes_window()


def mark_session_wrote():
    """Send the session's next pages to the primary (called after any request that may write)."""
    request.session[SESSION_KEY] = time.time()
