"""The typed documents (playbook, instrument, site, audit), how they are built from checked data, the packaged
schemas, periods, semver, and what a site may choose for a local component.

May import: yaml, and the shared shell (errors, progress).
"""
