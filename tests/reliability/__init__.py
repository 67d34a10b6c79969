"""Helpers for the reliability tests and bench/bench_reliability.py: real `chancery build`
subprocesses, small invented sources, warehouse snapshots, a reader process, fault injection."""
