"""Benchmarks: `python -m bench [NAME ...] [--quick]` (contract in docs/BENCHMARKS.md)."""
