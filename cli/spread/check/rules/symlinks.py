"""Symbolic links Spread does not follow: one problem at each link, never at what it leads to (never read)."""

from __future__ import annotations

from collections.abc import Iterator

from spread.errors import Problem
from spread.network.repo import Network


def check(network: Network) -> Iterator[Problem]:
    for link in network.refused:
        yield link.problem()
