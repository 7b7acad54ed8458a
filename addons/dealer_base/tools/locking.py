"""Row locks that serialise concurrent requests on one record."""

from psycopg2 import errors

from odoo.tools import SQL


def lock_for_update(records):
    """Lock the rows of records until the end of the transaction; False when one changed meanwhile.

    A second request on the same record (a double click, another session)
    waits here for the first one to finish. When the first one changed the
    rows, PostgreSQL refuses the lock to a transaction that began before that
    change (repeatable read): what this transaction read of the records is
    stale, and the caller must not act on it. The refusal is caught in a
    savepoint, so the transaction goes on and can answer cleanly.

    Take the lock before writing anything in the transaction: the records are
    read again after it (their cache is invalidated).
    """
    if not records:
        return True
    cr = records.env.cr
    try:
        with cr.savepoint(flush=False):
            cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE",
                    SQL.identifier(records._table),
                    tuple(records.ids),
                ),
                # An expected outcome of a race, answered by the caller: not an error of the server.
                log_exceptions=False,
            )
    except errors.SerializationFailure:
        return False
    records.invalidate_recordset()
    return True


def claim_rows(records):
    """Lock the rows of records as changed by this transaction, before creating what depends on them.

    For a request that looks for what an earlier, identical request created
    (a payment form sent twice) and creates it otherwise: a second request
    waiting for the rows is refused them once the first commits (a
    serialization failure, not caught here), and Odoo's retry runs it again
    in a new transaction that sees what the first one created. A plain row
    lock would let it go on with a snapshot taken before that commit and
    create the same thing again. The rows' values are left as they are.
    """
    if not records:
        return
    records.env.cr.execute(
        SQL(
            "UPDATE %s SET write_date = write_date WHERE id IN %s",
            SQL.identifier(records._table),
            tuple(sorted(records.ids)),
        ),
        # A concurrent request's refusal is retried by Odoo: not an error of the server.
        log_exceptions=False,
    )
