"""Run every registered benchmark case, and its native Odoo equivalent, on the scale data."""

import datetime
import json
import statistics
import time
import traceback
import tracemalloc

import odoo
from odoo import SUPERUSER_ID, api

from bench.registry import ROOT, SkipCase


def _one_run(env, function, setup, trace):
    """Wall time, queries and peak Python memory of one run, rolled back after."""
    ctx = setup(env) if setup else None
    env.flush_all()
    env.invalidate_all()
    if trace:
        tracemalloc.start()
    queries = odoo.sql_db.sql_counter
    start = time.perf_counter()
    function(env, ctx)
    env.flush_all()
    elapsed = time.perf_counter() - start
    queries = odoo.sql_db.sql_counter - queries
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    env.cr.rollback()
    env.invalidate_all()
    return elapsed, queries, peak


def measure(env, case):
    """Median wall time (ms), queries and peak memory (KiB) of a case and of its native equivalent.

    Each run starts from a clean cache with ``setup``'s records and is rolled
    back. The case and the native runs alternate, so that a busy machine
    slows both alike; times come from runs without tracemalloc (it slows
    Python down), one more run of each measures the memory.
    """
    functions = {"dealer": case.function}
    if case.native:
        functions["native"] = case.native
    runs = {key: [] for key in functions}
    for function in functions.values():
        _one_run(env, function, case.setup, False)  # warm the caches
    for _n in range(case.repeat):
        for key, function in functions.items():
            runs[key].append(_one_run(env, function, case.setup, False))
    figures = {}
    for key, function in functions.items():
        peak = _one_run(env, function, case.setup, True)[2]
        figures[key] = {
            "median_ms": round(statistics.median(r[0] for r in runs[key]) * 1000, 2),
            "min_ms": round(min(r[0] for r in runs[key]) * 1000, 2),
            "queries": int(statistics.median(r[1] for r in runs[key])),
            "peak_kib": round(peak / 1024, 1),
            "runs": case.repeat,
        }
    return figures


def run_cases(dbname, size, cases):
    """Measure every case on database dbname of size; one result row per case.

    A case that cannot run there (its module not installed, a size it leaves
    out, SkipCase from its setup) has a row with "skipped" and the reason; a
    case that raises has a row with "error", and the others still run.
    """
    registry = odoo.modules.registry.Registry(dbname)
    results = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        installed = set(env["ir.module.module"].search([("state", "=", "installed")]).mapped("name"))
        for case in cases:
            row = {"case": case.name, "module": case.module, "size": size}
            reason = case.skip_reason(size)
            if case.module not in installed:
                reason = f"add-on {case.module} is not installed in {dbname}"
            if reason:
                row["skipped"] = reason
            else:
                try:
                    row.update(measure(env, case))
                except SkipCase as skip:
                    row["skipped"] = str(skip)
                except Exception as error:  # reported with the case's name; the other cases still run
                    row["error"] = f"{type(error).__name__}: {error}"
                    traceback.print_exc()
                finally:
                    if tracemalloc.is_tracing():
                        tracemalloc.stop()
                    cr.rollback()
                    env.invalidate_all()
            if "skipped" not in row and "error" not in row:
                if case.native:
                    row["ratio"] = round(row["dealer"]["median_ms"] / max(row["native"]["median_ms"], 0.001), 2)
                    row["query_ratio"] = round(row["dealer"]["queries"] / max(row["native"]["queries"], 1), 2)
                    # The fastest runs carry the least noise of a shared machine.
                    row["ratio_min"] = round(row["dealer"]["min_ms"] / max(row["native"]["min_ms"], 0.001), 2)
                if case.per_run:
                    row["throughput"] = throughput(row, *case.per_run)
            results.append(row)
            print_row(row)
        cr.rollback()
    return results


def failure_message(results):
    """What ends a run whose cases failed (None when none did): the failed cases, by size."""
    failed = [row for row in results if row.get("error")]
    if not failed:
        return None
    lines = [f"  {row['case']} (size {row['size']}): {row['error']}" for row in failed]
    return f"{len(failed)} benchmark case(s) failed:\n" + "\n".join(lines)


HEADER = (
    f"{'case':<58} {'size':>4} {'ms':>9} {'queries':>7} {'KiB':>8} | "
    f"{'native ms':>9} {'queries':>7} {'KiB':>8} | {'time x':>6} {'min x':>6} {'query x':>7}"
)


def print_header():
    print(HEADER)
    print("-" * len(HEADER))


def throughput(row, count, unit):
    """Units per second of the median runs of a case (and of its native equivalent)."""
    result = {"unit": unit, "per_run": count}
    for key in ("dealer", "native"):
        if row.get(key):
            result[key] = round(count / max(row[key]["median_ms"], 0.001) * 1000, 1)
    return result


def print_row(row):
    if row.get("skipped") or row.get("error"):
        status = f"skipped: {row['skipped']}" if row.get("skipped") else f"FAILED: {row['error']}"
        print(f"{row['case'][:58]:<58} {row['size']:>4} {status}", flush=True)
        return
    d, n = row["dealer"], row.get("native")
    native = f"{n['median_ms']:>9.1f} {n['queries']:>7} {n['peak_kib']:>8.0f}" if n else f"{'-':>9} {'-':>7} {'-':>8}"
    ratios = (
        f"{row['ratio']:>6.2f} {row['ratio_min']:>6.2f} {row['query_ratio']:>7.2f}"
        if n
        else f"{'-':>6} {'-':>6} {'-':>7}"
    )
    print(
        f"{row['case'][:58]:<58} {row['size']:>4} {d['median_ms']:>9.1f} {d['queries']:>7} {d['peak_kib']:>8.0f} | "
        f"{native} | {ratios}",
        flush=True,
    )
    if row.get("throughput"):
        rate = row["throughput"]
        native_rate = f", native {rate['native']:,.0f} {rate['unit']}/s" if "native" in rate else ""
        print(f"    {rate['dealer']:,.0f} {rate['unit']}/s ({rate['per_run']:,} {rate['unit']} per run){native_rate}")


def write_results(results, databases, path=None):
    path = path or ROOT / "bench" / "results.json"
    payload = {
        "measured_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "databases": databases,
        "columns": {
            "median_ms": "median wall time of the repeated runs, in milliseconds",
            "queries": "SQL queries per run (odoo.sql_db.sql_counter)",
            "peak_kib": "peak Python memory of one run (tracemalloc), KiB",
            "ratio": "dealer median time / native Odoo median time",
            "ratio_min": "dealer fastest run / native Odoo fastest run",
            "query_ratio": "dealer queries / native Odoo queries",
            "throughput": "units (lines...) processed per second by the median run, dealer and native",
            "skipped": "why the case did not run at that size",
            "error": "why the case failed (the run exits with an error)",
        },
        "results": results,
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
