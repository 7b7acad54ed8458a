"""The benchmark harness: cases are discovered, bad input is explained."""

import contextlib
import io
import os
import pathlib
import subprocess
import sys

from odoo.tests import BaseCase, tagged

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _bench(*args):
    return subprocess.run(
        [sys.executable, "-m", "bench", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=120,
        check=False,
    )


@tagged("post_install", "-at_install")
class TestBenchHarness(BaseCase):
    def test_dealer_base_cases_are_registered_with_their_native_equivalent(self):
        from bench import registry  # noqa: PLC0415 - the bench package is not an Odoo add-on

        cases, _generators = registry.discover()
        dealer_cases = [case for case in cases if case.module == "dealer_base"]
        self.assertGreaterEqual(len(dealer_cases), 2)
        self.assertTrue(all(case.native for case in dealer_cases))

    def test_module_cases_and_generators_are_discovered(self):
        from bench import registry  # noqa: PLC0415 - the bench package is not an Odoo add-on

        cases, generators = registry.discover()
        names = {case.module: {c.name for c in cases if c.module == case.module} for case in cases}
        self.assertIn("price a 200-line order: dealer prices + level price list", names["dealer_pricing"])
        self.assertIn("catalog page of a dealer: prices of 50 products", names["dealer_pricing"])
        self.assertIn("confirm a 50-line dealer order with the credit check", names["dealer_credit"])
        self.assertIn("daily alerts and suggestions: every product x 3 warehouses", names["stock_alerts"])
        self.assertIn(
            "settle 14 months of rebates for 1,000 dealers (credit notes, ~200,000 invoice lines at l)",
            names["dealer_rebate"],
        )
        # Pricing and credit are compared with native Odoo; alerts and rebates have no native equivalent.
        natives = {case.module for case in cases if case.native}
        self.assertLessEqual({"dealer_pricing", "dealer_credit"}, natives)
        self.assertLessEqual({"dealer_pricing", "dealer_credit", "stock_alerts"}, set(generators))

    def test_import_cases_report_lines_per_second(self):
        from bench import registry, runner  # noqa: PLC0415 - the bench package is not an Odoo add-on

        cases, _generators = registry.discover()
        imports = [case for case in cases if case.name.startswith("import a 5,000-row .xlsx")]
        self.assertEqual([case.per_run for case in imports], [(5000, "lines")])
        row = {
            "case": imports[0].name,
            "size": "m",
            "dealer": {"median_ms": 10_000.0, "queries": 190, "peak_kib": 900.0},
            "native": {"median_ms": 40_000.0, "queries": 20_000, "peak_kib": 800.0},
            "ratio": 0.25,
            "ratio_min": 0.25,
            "query_ratio": 0.01,
        }
        row["throughput"] = runner.throughput(row, *imports[0].per_run)
        self.assertEqual(row["throughput"], {"unit": "lines", "per_run": 5000, "dealer": 500.0, "native": 125.0})
        with contextlib.redirect_stdout(io.StringIO()) as out:
            runner.print_row(row)
        self.assertIn("500 lines/s (5,000 lines per run), native 125 lines/s", out.getvalue())

    def test_unknown_size_lists_the_sizes(self):
        result = _bench("run", "--sizes", "xl")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("unknown size xl: the sizes are s, m, l", result.stderr)

    def test_bench_without_data_says_how_to_create_it(self):
        result = _bench("run", "--sizes", "s", "--db-prefix", "dealer_no_such_bench_")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("database dealer_no_such_bench_s does not exist", result.stderr)
        self.assertIn("make data SIZE=s", result.stderr)
