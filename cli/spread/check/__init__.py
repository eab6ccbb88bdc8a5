"""Checking a repository: the run, incremental re-checks, checking in worker processes, reporters, and rules/.

May import: versions, scoring, network, model, yaml, and the shared shell (errors, progress).
"""
