"""pytest configuration shared by every module's tests.

A skipped test is a failure here: Odoo skips browser tours silently when
Chromium or websocket-client is missing, and pytest-odoo skips HttpCase
without --odoo-http. None of that may pass unnoticed.
"""

import pytest

from odoo.tools import config

# odoo.tests logs an error when imported outside Odoo's test mode, and
# pytest-odoo imports it before it turns that mode on: import it here, once,
# in test mode (the flag must be off again when the registry loads, or every
# module's at_install tests would run then).
config["test_enable"] = True
import odoo.tests  # noqa: E402, F401

config["test_enable"] = False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"Skipped tests are failures in this project: {reason}"
