"""Rules across documents, each with a stable rule id. Every rule is a pure function of the loaded network."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spread.check.rules import audit, placeholders, playbook, site, symlinks, versions
from spread.errors import Problem
from spread.network.repo import Network

Rule = Callable[[Network], Iterable[Problem]]
RULES: tuple[Rule, ...] = (playbook.check, site.check, audit.check, placeholders.check, versions.check,
                          symlinks.check)


def check_network(network: Network) -> list[Problem]:
    """Every problem in the repository: loading and schema problems, then the rules, sorted by file and line."""
    problems = list(network.problems)
    for rule in RULES:
        problems.extend(rule(network))
    return sorted(set(problems))
