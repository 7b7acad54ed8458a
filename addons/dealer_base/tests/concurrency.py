"""Run functions at the same moment, each in its own database transaction.

In Odoo's test mode ``registry.cursor()`` hands out the test's shared cursor,
so two "transactions" taken from it never conflict. These helpers open real
connections instead (``odoo.sql_db.db_connect``), start every function on its
own thread and release them together from a ``threading.Barrier``: the
functions really race for rows and locks, as two users' requests would.

Usage from any module's tests::

    from odoo.addons.dealer_base.tests.concurrency import run_concurrently

    def confirm(env):
        env["sale.order"].browse(order_id).action_confirm()

    results = run_concurrently(self.env.cr.dbname, [confirm, confirm])
    self.assertEqual(sum(r.ok for r in results), 1)

Functions see only committed data (not what the test created in its own
transaction). What they commit stays committed: clean it up with
:func:`run_committed` (or ``commit=False`` to roll every thread back).

Both helpers need the modules' installation committed: tests using them are
``@tagged("post_install", "-at_install")`` (Odoo's runner runs at_install
tests inside the uncommitted installation, which other connections cannot
see and whose table locks they would wait for).

:class:`ConcurrentCase` and :class:`ConcurrentHttpCase` commit a test's
starting data and remove it again: :meth:`~CommittedData.committed` and the
fixture :meth:`~CommittedData.committed_dealer`.
"""

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

import requests

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tools import mute_logger

from .common import LICENCE

# Notifications wait in the mail queue: sent inside racing transactions, their bookkeeping would
# conflict between them (a retried serialization failure that Odoo logs as an error).
QUIET = {"tracking_disable": True, "mail_notify_force_send": False}


@dataclass
class ThreadResult:
    """What one function returned or raised."""

    index: int
    result: Any = None
    error: BaseException | None = None

    @property
    def ok(self):
        return self.error is None


def run_concurrently(dbname, functions, *, uid=SUPERUSER_ID, context=None, commit=True, timeout=60):
    """Run ``functions`` in parallel threads that start together.

    Each function receives an ``odoo.api.Environment`` on its own cursor (a
    real, independent PostgreSQL transaction) and runs once every thread has
    opened its transaction and reached the barrier. A function that returns
    normally is committed when ``commit`` is true, rolled back otherwise; one
    that raises is rolled back. Returns one :class:`ThreadResult` per
    function, in order.
    """
    _check_installed(dbname)
    barrier = threading.Barrier(len(functions), timeout=timeout)
    results = [ThreadResult(index) for index in range(len(functions))]
    current = threading.current_thread()

    def worker(index, function):
        thread = threading.current_thread()
        # Odoo reads the database and test-mode flags from the thread.
        thread.dbname = dbname
        thread.testing = getattr(current, "testing", False)
        result = results[index]
        try:
            with odoo.sql_db.db_connect(dbname).cursor() as cr:
                # A first statement so that the transaction is open (and its
                # snapshot taken) before the threads are released together.
                cr.execute("SELECT 1")
                env = api.Environment(cr, uid, dict(context or {}))
                barrier.wait()
                try:
                    result.result = function(env)
                    env.flush_all()
                except BaseException as error:
                    cr.rollback()
                    result.error = error
                    return
                if commit:
                    # Committing is the point: other transactions must see it.
                    cr.commit()  # pylint: disable=invalid-commit
                else:
                    cr.rollback()
        except BaseException as error:
            # The barrier broke or the connection failed: release the others.
            barrier.abort()
            result.error = result.error or error

    threads = [threading.Thread(target=worker, args=(i, f), daemon=True) for i, f in enumerate(functions)]
    # A losing transaction's failed statement (unique violation, serialization failure) is an
    # outcome the test asserts on through its ThreadResult, not an error to log.
    with _registry_open_to_threads(), mute_logger("odoo.sql_db"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout)
        if any(thread.is_alive() for thread in threads):
            raise TimeoutError(f"concurrent functions still running after {timeout}s")
    return results


def run_committed(dbname, function, *, uid=SUPERUSER_ID, context=None):
    """Run ``function(env)`` in its own committed transaction and return its result.

    For the data the concurrent functions start from, and for the cleanup of
    what they committed (e.g. in ``addCleanup``).
    """
    _check_installed(dbname)
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        env = api.Environment(cr, uid, dict(context or {}))
        result = function(env)
        env.flush_all()
        # A real, separate transaction whose data the concurrent ones see.
        cr.commit()  # pylint: disable=invalid-commit
        return result


def _check_installed(dbname):
    if not Registry(dbname).ready:
        raise RuntimeError(
            "Separate transactions cannot see a module installation that is not committed yet: "
            "tag the test @tagged('post_install', '-at_install')."
        )


@contextmanager
def _registry_open_to_threads():
    """Let the threads reach the registry while the test's thread waits for them.

    Odoo's own runner runs every test while holding ``Registry._lock``
    (``ThreadedServer.run``), and a thread that looks the registry up (a new
    ``Environment``, ``retrying``'s reset after a serialization failure)
    waits for that lock: until the end of the tests. The test's thread only
    waits here, so the lock is swapped for a dummy one meanwhile, as Odoo's
    ``Registry.enter_test_mode`` does for the HTTP server's threads of an
    ``HttpCase``. Under pytest-odoo the lock is not held and stays as it is.
    """
    lock = Registry._lock
    # RLock._is_owned: whether this very thread holds it (a DummyRLock, in test mode, has none).
    if not getattr(lock, "_is_owned", lambda: False)():
        yield
        return
    Registry._lock = DummyRLock()
    try:
        yield
    finally:
        Registry._lock = lock


def registry_open_to_threads():
    """The context in which other threads (an HTTP server's) may look the registry up meanwhile."""
    return _registry_open_to_threads()


class CommittedData:
    """Data committed for a test's separate transactions, and removed again by its cleanups."""

    # The context of committed(): QUIET for data that racing transactions write to afterwards.
    committed_context = None

    def setUp(self):
        super().setUp()
        _check_installed(self.env.cr.dbname)

    def committed(self, function):
        """Run ``function(env)`` in its own committed transaction (as superuser); return its result."""
        return run_committed(self.env.cr.dbname, function, context=self.committed_context)

    def committed_dealer(self, code, *, login=None, product=None, orders=0, order_vals=None, prepare=None, **vals):
        """Commit an active dealer, a product and the dealer's orders, with ``login`` a portal user too.

        The dealer of code ``code`` (the administrator as its salesperson, ``vals`` on top) is
        created in the test's company; ``product`` holds values over those of a service without
        taxes; ``login`` is the portal user's login and password, its partner a contact of the
        dealer; ``orders`` quotations of the dealer (``order_vals`` on top) have one line of the
        product at its sales price. ``prepare(dealer, product, user)`` then runs in the same
        transaction (the module's own data) and its result is returned.

        Sets ``dealer_id``, ``product_id`` and ``order_ids`` (with ``login``, ``contact_id`` and
        ``user_id`` too) on the test, and registers the removal of these records and of every
        sale order of the dealer. Cleanups registered after this call run before that one: they
        remove what refers to these records.
        """
        company_id = self.env.company.id

        def create(env):
            dealer = (
                env["res.partner"]
                .with_company(company_id)
                .create(
                    dict(
                        {
                            "name": f"Dealer {code}",
                            "is_company": True,
                            "is_dealer": True,
                            "dealer_code": code,
                            "dealer_state": "active",
                            "dealer_licence": LICENCE,
                            "dealer_licence_filename": "licence.pdf",
                            "user_id": env.ref("base.user_admin").id,
                        },
                        **vals,
                    )
                )
            )
            user = env["res.users"]
            if login:
                contact = env["res.partner"].create(
                    {"name": f"Buyer {login}", "parent_id": dealer.id, "email": f"{login}@example.com"}
                )
                user = new_test_user(env, login, groups="base.group_portal", partner_id=contact.id)
            item = env["product.product"].create(
                dict({"name": f"Product {code}", "type": "service", "taxes_id": False}, **(product or {}))
            )
            quotations = env["sale.order"].create(
                [
                    dict(
                        {
                            "partner_id": dealer.id,
                            "company_id": company_id,
                            "order_line": [Command.create({"product_id": item.id, "price_unit": item.list_price})],
                        },
                        **(order_vals or {}),
                    )
                    for _i in range(orders)
                ]
            )
            result = prepare(dealer, item, user) if prepare else None
            return dealer.id, user.partner_id.id, user.id, item.id, quotations.ids, result

        self.dealer_id, self.contact_id, self.user_id, self.product_id, self.order_ids, result = self.committed(create)
        ids = (self.dealer_id, self.contact_id, self.user_id, self.product_id)
        self.addCleanup(self.committed, partial(_remove_dealer, *ids))
        return result


def _remove_dealer(dealer_id, contact_id, user_id, product_id, env):
    """Remove what :meth:`CommittedData.committed_dealer` committed, with every sale order of the dealer."""
    orders = env["sale.order"].search([("partner_id", "child_of", dealer_id)])
    orders._action_cancel()
    orders.unlink()
    env["res.users"].browse(user_id).unlink()
    env["product.product"].browse(product_id).unlink()
    env["res.partner"].browse([pid for pid in (contact_id, dealer_id) if pid]).unlink()


class ConcurrentCase(CommittedData, TransactionCase):
    """Functions run by :func:`run_concurrently` on data committed by :class:`CommittedData`.

    Tests are ``@tagged("post_install", "-at_install")``.
    """


class ConcurrentHttpCase(CommittedData, HttpCase):
    """Requests sent at the same moment to the test server, each served in its own transaction.

    An ``HttpCase`` serves every request on the test's single cursor, one
    after the other. Here the server is left out of that test mode: each
    request opens its own cursor as in production, runs through Odoo's
    retries of serialization failures (``service.model.retrying``) and
    commits. The data the requests start from is committed with
    :meth:`committed` (the test's own transaction is invisible to them) and
    removed again by the cleanups the test registers.

    Tests are ``@tagged("post_install", "-at_install")`` like every user of
    :func:`run_concurrently`.
    """

    registry_test_mode = False

    def setUp(self):
        super().setUp()
        # Every request of the test needs the registry, not only the concurrent ones.
        self.enterContext(registry_open_to_threads())

    def new_session(self, login, password):
        """A browser of its own (cookies, session) logged in through the login form."""
        browser = requests.Session()
        page = browser.get(f"{self.base_url()}/web/login", timeout=30)
        self.assertEqual(page.status_code, 200)
        response = browser.post(
            f"{self.base_url()}/web/login",
            data={"login": login, "password": password, "csrf_token": self.csrf_token_of(page.text)},
            timeout=30,
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, f"{login} could not log in")
        return browser

    def get(self, browser, url, **kwargs):
        return browser.get(f"{self.base_url()}{url}", timeout=30, **kwargs)

    @staticmethod
    def csrf_token_of(page):
        return re.search(r'name="csrf_token"\s+value="([^"]+)"', page).group(1)

    def post_together(self, posts, timeout=60):
        """Send every ``(browser, url, data)`` of posts at the same moment, redirects not followed.

        Returns the responses in order; a request that failed raises here.
        """
        barrier = threading.Barrier(len(posts), timeout=timeout)
        responses = [None] * len(posts)
        errors = []

        def send(index, browser, url, data):
            try:
                barrier.wait()
                responses[index] = browser.post(
                    f"{self.base_url()}{url}", data=data, timeout=timeout, allow_redirects=False
                )
            except Exception as error:
                barrier.abort()
                errors.append(error)

        threads = [threading.Thread(target=send, args=(i, *post), daemon=True) for i, post in enumerate(posts)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout)
        if errors:
            raise errors[0]
        return responses
