"""The handbook: plain Markdown pages generated from the repository, built into a website by MkDocs.

Page modules (home, playbook, site, dashboard, reference, checklist) are pure: model in, Markdown out.
`generate` assembles them, `files` reads inputs and writes the build folder, `config` derives the MkDocs
configuration from the user's `mkdocs.yml`, and `engine` is the one module that runs MkDocs.

May import: report, adopt, check, versions, scoring, network, model, yaml, and the shared shell.
"""
