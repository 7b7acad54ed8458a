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
"""

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import HttpCase
from odoo.tools import mute_logger


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


class ConcurrentHttpCase(HttpCase):
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
        _check_installed(self.env.cr.dbname)
        # Every request of the test needs the registry, not only the concurrent ones.
        self.enterContext(registry_open_to_threads())

    def committed(self, function):
        """Run ``function(env)`` in its own committed transaction (as superuser); return its result."""
        return run_committed(self.env.cr.dbname, function)

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
