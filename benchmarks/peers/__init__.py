"""Peer pages for the benchmarks: what a webmaster would build without this app.

Only benchmarks/settings.py installs this app (issue 17). Its tables are
created by the test-database machinery (no migrations: nothing is kept).
"""
