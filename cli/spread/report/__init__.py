"""Network roll-ups and their text, JSON and CSV forms, the report cache, the learning loop.

May import: check, versions, scoring, network, model, yaml, and the shared shell (errors, progress).
"""
