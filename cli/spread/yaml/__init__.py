"""YAML with positions, the fast readers, editing in place, rendering, atomic writes.

May import: the shared shell (errors, progress) only.
"""
