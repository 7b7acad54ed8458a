"""The test harness itself: a skipped test must fail the run."""

import os
import pathlib
import subprocess
import sys
import tempfile
import textwrap

from odoo.tests import BaseCase, tagged

ROOT = pathlib.Path(__file__).resolve().parent.parent


@tagged("post_install", "-at_install")
class TestHarness(BaseCase):
    def test_a_skipped_test_fails_the_run(self):
        with tempfile.TemporaryDirectory(dir=ROOT / ".local") as tmp:
            probe = pathlib.Path(tmp) / "test_probe.py"
            probe.write_text(
                textwrap.dedent(
                    """
                    import unittest

                    class Probe(unittest.TestCase):
                        def test_browser(self):
                            raise unittest.SkipTest("Chrome not found")
                    """
                )
            )
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    # Without pytest-odoo: the probe needs no database.
                    "-p",
                    "no:odoo",
                    "-c",
                    str(ROOT / "pytest.ini"),
                    "--rootdir",
                    str(ROOT),
                    str(probe),
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env=dict(os.environ, PYTHONPATH=str(ROOT)),
                timeout=120,
                check=False,
            )
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn("1 failed", result.stdout)
        self.assertIn("Skipped tests are failures", result.stdout)


@tagged("post_install", "-at_install")
class TestProductionServer(BaseCase):
    def test_the_websocket_process_of_a_prefork_server_starts(self):
        # The prefork server starts `odoo-bin gevent ...` for the websocket: gevent's monkey-patching
        # loads its plugins through pkg_resources, which must resolve gevent's own requirements.
        probe = "import sys; sys.argv = ['odoo-bin', 'gevent']; import odoo; assert odoo.evented; print('evented')"
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        self.assertEqual(result.stdout.strip(), "evented")
