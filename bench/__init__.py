"""Benchmarks: scale data, registered cases and the runner (``make data``, ``make bench``)."""
