"""The handbook: plain Markdown pages generated from the repository, built into a website by MkDocs or Zensical.

Page modules (home, playbook, site, dashboard, reference, checklist) are pure: model in, Markdown out.
`generate` assembles them, `files` reads inputs and writes the build folder, `config` derives the MkDocs
configuration from the user's `mkdocs.yml`, and `engine` runs the engine chosen: `mkdocs_build` (MkDocs in this
process) or `zensical_build` (Zensical in its own).

May import: report, adopt, check, versions, scoring, network, model, yaml, and the shared shell.
"""
