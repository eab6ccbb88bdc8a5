"""Scaffolding: a new site or audit from a playbook (answers, prompts, templates, the site's README), and `spread init`.

May import: check, versions, scoring, network, model, yaml, and the shared shell (errors, progress).
"""
