"""Rules about who adopts a playbook (`spread.model.adopters`): a pair's roles are the playbook's own, and a site
record fits its playbook's kind of adopter (a mentoring pair describes its mentor and mentee; no other site does)."""

from __future__ import annotations

from collections.abc import Iterator

from spread.check.rules.common import at
from spread.errors import Problem, words
from spread.network.repo import Network


def check(network: Network) -> Iterator[Problem]:
    for pb in network.playbook_files:
        shown, adopter = network.path_of(pb.doc), pb.adopter
        roles = [r.id for r in pb.roles]
        for part, role in (("mentor", adopter.mentor), ("mentee", adopter.mentee)):
            if role is None:
                continue
            if adopter.kind != "pair":
                yield at(shown, pb.doc, ("adopter", "roles"), "error", f"`adopter: roles` names a mentor and a mentee, "
                         f"but this playbook is adopted by a{'n' * (adopter.kind == 'organisation')} {adopter.kind}: "
                         "set `kind: pair`, or remove `roles`", "adopter-roles-not-pair")
                break
            if role not in roles:
                known = f"its roles are {words(roles, joiner='and')}" if roles else "it lists no `roles` yet"
                yield at(shown, pb.doc, ("adopter", "roles", part), "error", f"the {part}'s role `{role}` is not one "
                         f"of this playbook's roles ({known}): add it under `roles`, or name one of them",
                         "adopter-role-unknown")
    for site in network.sites.values():
        runs = network.playbook_version(site.playbook, site.version)
        if runs is None:
            continue
        shown, kind = network.path_of(site.doc), runs.adopter.kind
        if site.pair is not None and kind != "pair":
            yield at(shown, site.doc, ("pair",), "error", f"`pair` describes a mentor and a mentee, but `{runs.id}` is "
                     f"adopted by {runs.adopter.many}, not mentoring pairs: remove `pair`", "site-pair-not-pair",
                     key=True)
        elif site.pair is None and kind == "pair":
            yield at(shown, site.doc, ("id",), "warning", f"`{runs.id}` is adopted by mentoring pairs, and this record "
                     "does not describe its pair: add `pair:` with `mentor:` and `mentee:`, each by role and "
                     "background only (no names: site files are published)", "site-pair-missing", key=True)
