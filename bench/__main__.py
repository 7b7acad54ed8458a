"""``python -m bench data|run``: what ``make data`` and ``make bench`` call.

python -m bench data --size s --db dealer_bench_s     # after installing the add-ons without demo
python -m bench run --sizes s,m --db-prefix dealer_bench_ [--modules channel_analytics,stock_alerts]
"""

import argparse
import os
import sys

import odoo
from odoo import SUPERUSER_ID, api

from bench import registry as bench_registry
from bench.registry import SIZES


def _check_sizes(sizes):
    unknown = [size for size in sizes if size not in SIZES]
    if unknown:
        sys.exit(f"unknown size {', '.join(unknown)}: the sizes are {', '.join(SIZES)} ({_describe_sizes()})")


def _describe_sizes():
    return "; ".join(
        f"{name}: {spec['dealers']:,} dealers, {spec['products']:,} products, {spec['lines']:,} order lines"
        for name, spec in SIZES.items()
    )


def _load_odoo(config):
    odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])


def _database_state(dbname):
    """None when the database is ready, else why it is not."""
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        if not cr.fetchone():
            return f"database {dbname} does not exist"
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute("SELECT to_regclass('ir_config_parameter')")
        if not cr.fetchone()[0]:
            return f"database {dbname} is not an Odoo database"
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'dealer_bench.size'")
        row = cr.fetchone()
        if not row:
            return f"database {dbname} has no generated benchmark data"
    return None


def command_data(args):
    _check_sizes([args.size])
    _load_odoo(args.config)
    _cases, generators = bench_registry.discover()
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        installed = set(env["ir.module.module"].search([("state", "=", "installed")]).mapped("name"))
        generators = {
            module: gen
            for module, gen in generators.items()
            if bench_registry.GENERATOR_MODULES.get(module, module) in installed
        }
        from bench import datagen  # noqa: PLC0415 - needs Odoo configured first

        datagen.generate(env, args.size, seed=args.seed, module_generators=generators)


def command_run(args):
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    _check_sizes(sizes)
    _load_odoo(args.config)
    databases = {size: f"{args.db_prefix}{size}" for size in sizes}
    for size, dbname in databases.items():
        problem = _database_state(dbname)
        if problem:
            sys.exit(f"{problem}: create it with `make data SIZE={size}` (then run `make bench SIZES={args.sizes}`)")
    cases, _generators = bench_registry.discover()
    modules = {m.strip() for m in args.modules.split(",") if m.strip()}
    if modules:
        cases = [case for case in cases if case.module in modules]
    if not cases:
        sys.exit("no benchmark case registered (bench/cases/<module>.py or addons/<module>/benchmarks.py)")
    from bench import runner  # noqa: PLC0415 - needs Odoo configured first

    runner.print_header()
    results = []
    for size, dbname in databases.items():
        results += runner.run_cases(dbname, size, cases)
    path = runner.write_results(results, databases)
    print(f"\nresults written to {os.path.relpath(path)}")
    failure = runner.failure_message(results)
    if failure:
        sys.exit(failure)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--config", default=os.path.join(bench_registry.ROOT, "odoo.conf"))
    commands = parser.add_subparsers(dest="command", required=True)
    data = commands.add_parser("data", help="fill a freshly installed database with scale data")
    data.add_argument("--size", default="s")
    data.add_argument("--db", required=True)
    data.add_argument("--seed", type=int, default=20261122)
    run = commands.add_parser("run", help="run every benchmark case")
    run.add_argument("--sizes", default="s")
    run.add_argument("--db-prefix", default="dealer_bench_")
    run.add_argument("--modules", default="", help="comma-separated modules: only their cases (default: all)")
    args = parser.parse_args(argv)
    {"data": command_data, "run": command_run}[args.command](args)


if __name__ == "__main__":
    main()
