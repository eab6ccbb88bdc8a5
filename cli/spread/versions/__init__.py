"""A playbook's versions: what changed and the bump it needs, released revisions, release, changelog, upgrades.

May import: network, model, yaml, and the shared shell (errors, progress). Not scoring: the two are independent.
"""
