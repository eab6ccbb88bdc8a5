"""Scoring an audit by its playbook's own rules: results, bands, goals, the explanation, text and data forms.

May import: network, model, yaml, and the shared shell (errors, progress). Not versions: the two are independent.
"""
