"""Benchmarks of the public ITA pages: render time, SQL queries and load (not tests)."""
