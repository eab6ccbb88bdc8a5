"""Rules across documents, each with a stable rule id. Every rule is a pure function of the loaded network."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from spread.check.rules import (
    adopters,
    audit,
    deviations,
    placeholders,
    playbook,
    principles,
    regimes,
    regulator,
    reviews,
    site,
    symlinks,
    versions,
)
from spread.errors import Problem
from spread.network.repo import Network

Rule = Callable[[Network], Iterable[Problem]]
RULES: tuple[Rule, ...] = (playbook.check, site.check, reviews.check, placeholders.check, versions.check,
                          symlinks.check, adopters.check,
                          principles.check, regimes.check)


def check_network(network: Network, today: date | None = None) -> list[Problem]:
    """Every problem in the repository: loading and schema problems, then the rules, sorted by file and line.
    Audits are judged on `today` (default: the real today): a period must be over, and finished by then."""
    problems = list(network.problems)
    for rule in RULES:
        problems.extend(rule(network))
    problems.extend(audit.check(network, today))
    problems.extend(deviations.check(network, today))  # approvals run out
    problems.extend(regulator.check(network, today))  # ratings grow old
    return sorted(set(problems))
