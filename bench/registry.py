"""The benchmark registry shared by every module.

A module adds a benchmark with one decorated function, in either
``addons/<module>/benchmarks.py`` or ``bench/cases/<module>.py`` (both are
found automatically; a module's cases run only where it is installed; a file
named otherwise says which add-on it needs with ``BENCH_MODULE = "<module>"``)::

    from bench.registry import bench_case

    def _native_confirm(env, ctx):
        ctx["native_order"].action_confirm()

    @bench_case("confirm a 50-line order", native=_native_confirm, setup=_make_orders, sizes=("s", "m"))
    def confirm_order(env, ctx):
        ctx["order"].action_confirm()

``setup(env)`` (optional, not timed) prepares what a run needs and returns it
as ``ctx``; the case and its native equivalent then run on it. Every run is
rolled back, so cases may write. A case that cannot run at a size is skipped
with its reason (``sizes`` and ``sizes_reason``, or :class:`SkipCase` raised by
the setup); a case that raises fails the run, once every other case ran. The
same file may define
``generate(env, size, rng)``: ``make data`` calls it after the base data, to
add the module's own data (dealer prices, credit limits...).
"""

import importlib.util
import pathlib
from dataclasses import dataclass, field
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
SIZES = {
    # name: dealers, products, order lines
    "s": {"dealers": 100, "products": 1_000, "lines": 10_000},
    "m": {"dealers": 1_000, "products": 10_000, "lines": 100_000},
    "l": {"dealers": 2_000, "products": 10_000, "lines": 1_000_000},
}


@dataclass
class BenchCase:
    name: str
    module: str
    function: Any
    native: Any = None
    setup: Any = None
    sizes: tuple = ("s", "m", "l")
    repeat: int = 5
    tags: dict = field(default_factory=dict)
    # (count, unit) a run processes, e.g. (5000, "lines"): the runner reports units per second.
    per_run: tuple | None = None
    # Why the case does not run at the sizes it leaves out (reported for those sizes).
    sizes_reason: str = ""

    def skip_reason(self, size):
        """Why the case does not run at size, or None when it does."""
        if size in self.sizes:
            return None
        return self.sizes_reason or f"registered for size {', '.join(self.sizes)} only"


class SkipCase(Exception):
    """Raised by a case's setup when the data of a size cannot support it: the runner reports the reason."""


CASES: list[BenchCase] = []
GENERATORS: dict[str, Any] = {}
# Benchmark file -> the add-on it needs, when the file is not named after it (BENCH_MODULE in the file).
GENERATOR_MODULES: dict[str, str] = {}
_loading = {"module": None}


def bench_case(name, native=None, setup=None, sizes=("s", "m", "l"), repeat=5, *, per_run=None, sizes_reason=""):
    """Register ``function(env, ctx)`` as a benchmark case (see the module doc).

    ``per_run``: (count, unit) that one run processes, such as (5000, "lines"),
    for a throughput (units per second of the median run) in the report.
    ``sizes_reason``: why the case leaves out the sizes not in ``sizes``; it is
    printed and recorded as the reason the case was skipped there. A setup that
    finds the data unfit raises :class:`SkipCase` with its reason instead.
    """

    def decorator(function):
        CASES.append(
            BenchCase(
                name=name,
                module=_loading["module"] or function.__module__,
                function=function,
                native=native,
                setup=setup,
                sizes=tuple(sizes),
                repeat=repeat,
                per_run=per_run,
                sizes_reason=sizes_reason,
            )
        )
        return function

    return decorator


def benchmark_files():
    """(module name, path) of every benchmark file of the project."""
    files = [(path.stem, path) for path in sorted((ROOT / "bench" / "cases").glob("*.py")) if path.stem != "__init__"]
    files += [(path.parent.name, path) for path in sorted((ROOT / "addons").glob("*/benchmarks.py"))]
    return files


def discover():
    """Import every benchmark file once; returns (cases, generators by module)."""
    if not CASES and not GENERATORS:
        for module, path in benchmark_files():
            _loading["module"] = module
            first_case = len(CASES)
            try:
                spec = importlib.util.spec_from_file_location(f"dealer_bench_cases.{module}_{path.parent.name}", path)
                loaded = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(loaded)
            finally:
                _loading["module"] = None
            required = getattr(loaded, "BENCH_MODULE", module)
            for case in CASES[first_case:]:
                case.module = required
            if hasattr(loaded, "generate"):
                GENERATORS[module] = loaded.generate
                GENERATOR_MODULES[module] = required
    return CASES, GENERATORS
