"""The benchmark harness: cases are discovered, bad input is explained."""

import contextlib
import io
import json
import os
import pathlib
import subprocess
import sys
import tempfile
from unittest.mock import patch

from odoo.tests import BaseCase, get_db_name, tagged

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

    def test_cases_that_cannot_run_are_skipped_with_their_reason_and_a_failing_case_fails_the_run(self):
        from bench import registry, runner  # noqa: PLC0415 - the bench package is not an Odoo add-on

        def count_partners(env, ctx):
            env["res.partner"].search_count([])

        def no_data(env):
            raise registry.SkipCase("the data of this size has no archived dealer")

        def broken(env, ctx):
            raise RuntimeError("the import did not add every row")

        cases = [
            registry.BenchCase("bench test: counts partners", "base", count_partners, repeat=1),
            registry.BenchCase(
                "bench test: a thousand dealers", "base", count_partners, sizes=("l",), sizes_reason="needs 1,000"
            ),
            registry.BenchCase("bench test: only registered at l", "base", count_partners, sizes=("l",)),
            registry.BenchCase("bench test: archived dealers", "base", count_partners, setup=no_data),
            registry.BenchCase("bench test: broken import", "base", broken, repeat=1),
            registry.BenchCase("bench test: not installed", "no_such_addon", count_partners),
            registry.BenchCase("bench test: after the broken one", "base", count_partners, repeat=1),
        ]
        with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()):
            results = runner.run_cases(get_db_name(), "s", cases)
        rows = {row["case"].removeprefix("bench test: "): row for row in results}
        self.assertEqual(len(rows), len(cases), "every case has its row")
        self.assertEqual(rows["a thousand dealers"]["skipped"], "needs 1,000")
        self.assertEqual(rows["only registered at l"]["skipped"], "registered for size l only")
        self.assertEqual(rows["archived dealers"]["skipped"], "the data of this size has no archived dealer")
        self.assertIn("not installed", rows["not installed"]["skipped"])
        self.assertEqual(rows["broken import"]["error"], "RuntimeError: the import did not add every row")
        for name in ("counts partners", "after the broken one"):
            self.assertEqual(rows[name]["dealer"]["runs"], 1, f"{name} was measured")
            self.assertNotIn("error", rows[name])
        printed = out.getvalue()
        self.assertIn("skipped: needs 1,000", printed)
        self.assertIn("FAILED: RuntimeError: the import did not add every row", printed)
        message = runner.failure_message(results)
        self.assertIn("1 benchmark case(s) failed", message)
        self.assertIn("bench test: broken import (size s): RuntimeError", message)
        self.assertIsNone(runner.failure_message([rows["counts partners"], rows["a thousand dealers"]]))
        # The results file keeps the skipped cases with their reason and the failed one with its error.
        with tempfile.TemporaryDirectory() as folder:
            path = runner.write_results(results, {"s": get_db_name()}, pathlib.Path(folder) / "results.json")
            written = {row["case"]: row for row in json.loads(path.read_text(encoding="utf-8"))["results"]}
        self.assertEqual(written["bench test: a thousand dealers"]["skipped"], "needs 1,000")
        self.assertIn("RuntimeError", written["bench test: broken import"]["error"])

    def test_failed_case_makes_bench_exit_with_an_error_after_writing_the_results(self):
        from bench import __main__ as bench_main  # noqa: PLC0415 - the bench package is not an Odoo add-on
        from bench import registry, runner  # noqa: PLC0415

        failed = [{"case": "import a 20 MiB .xlsx", "module": "dealer_portal", "size": "s", "error": "UserError: x"}]
        written = []
        with (
            patch.object(bench_main, "_load_odoo"),
            patch.object(bench_main, "_database_state", return_value=None),
            patch.object(registry, "discover", return_value=([object()], {})),
            patch.object(runner, "print_header"),
            patch.object(runner, "run_cases", return_value=failed),
            patch.object(runner, "write_results", side_effect=lambda results, dbs: written.append(results) or ROOT),
            contextlib.redirect_stdout(io.StringIO()),
            self.assertRaises(SystemExit) as exit_,
        ):
            bench_main.main(["run", "--sizes", "s"])
        self.assertEqual(written, [failed], "the results are written first")
        self.assertIn("import a 20 MiB .xlsx (size s): UserError: x", str(exit_.exception.code))


@tagged("post_install", "-at_install")
class TestLoadFigures(BaseCase):
    def test_steady_state_leaves_out_the_logins_queue_and_the_warm_up(self):
        from bench.load.__main__ import steady_state  # noqa: PLC0415 - the bench package is not an Odoo add-on

        # The last user started at 60 s; the warm-up is 30 s: the slow pages before 90 s are the logins' queue.
        slow = [[float(at), "catalog page", 4000.0, False] for at in range(10, 90)]
        quick = [[90.0 + at, "catalog page", 100.0 + at, at == 5] for at in range(100)]
        journal = {"spawned": 60.0, "samples": slow + quick}
        steady = steady_state(journal, 30.0)
        self.assertEqual(steady["from_s"], 90.0)
        self.assertEqual(steady["duration_s"], 99.0)
        page = steady["pages"]["catalog page"]
        self.assertEqual(page["requests"], 100)
        self.assertEqual(page["failures"], 1)
        self.assertEqual((page["p50_ms"], page["p95_ms"], page["p99_ms"]), (149.0, 194.0, 198.0))
        # Without a steady state (the run ended before the warm-up did), no figures.
        self.assertEqual(steady_state(journal, 500.0)["pages"], {})
