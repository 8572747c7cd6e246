"""Benchmarks for tqcheck: scripts and their recorded results (see RESULTS.md)."""
