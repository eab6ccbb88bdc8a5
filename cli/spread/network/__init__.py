"""Finding and loading a repository: its files, their content ids, the cache, loading on every core, git.

May import: model, yaml, and the shared shell (errors, progress).
"""
