"""pytest configuration shared by every module's tests.

A skipped test is a failure here: Odoo skips browser tours silently when
Chromium or websocket-client is missing, and pytest-odoo skips HttpCase
without --odoo-http. None of that may pass unnoticed.
"""

import pytest

from odoo.tools import config


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"Skipped tests are failures in this project: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_collection(session):
    # Test modules import odoo.tests, which logs an error unless Odoo is in
    # test mode; the flag is dropped again before the registry loads, where it
    # would run every module's at_install tests.
    config["test_enable"] = True
    try:
        yield
    finally:
        config["test_enable"] = False
