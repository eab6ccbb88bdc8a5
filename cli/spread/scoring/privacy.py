"""Small numbers are never published: the one place that decides whether a figure may be shown.

A figure based on fewer people than the playbook's threshold (`privacy.suppress_below`, default 5) is shown as
"fewer than 5" in every output — the terminal, JSON, CSV and the handbook — and its numbers are left out, not
merely hidden: every format is built from a `FigureResult` or `ComponentVoice` that never held them. A total that
includes a suppressed figure says "at least" the published part, so subtracting the published parts from it gives
nothing away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def is_small(people: int | None, threshold: int) -> bool:
    """Whether a figure based on `people` people must be suppressed (None: not a figure about people)."""
    return people is not None and people < threshold


def fewer_than(threshold: int) -> str:
    """What a suppressed figure shows instead of its numbers."""
    return f"fewer than {threshold}"


@dataclass(frozen=True)
class Total:
    """A sum of counts, some perhaps suppressed. `published` is the sum of the parts shown; `hidden` the sum of the
    suppressed ones, which only decides the wording and is never shown on its own."""

    published: int
    hidden: int
    suppressed: int
    threshold: int

    @property
    def exact(self) -> int | None:
        """The total, when it may be shown as a number: nothing in it suppressed, or only suppressed parts that
        together reach the threshold (so no shown part can be taken away to reveal one)."""
        if not self.suppressed:
            return self.published
        if not self.published and self.suppressed > 1 and not is_small(self.hidden, self.threshold):
            return self.hidden
        return None

    def shown(self, unit: str = "") -> str:
        """`312 people`; `at least 300 people` when a suppressed part is left out; `fewer than 5`."""
        after = f" {unit}" if unit else ""
        if self.exact is not None:
            return f"{self.exact}{after}"
        return f"at least {self.published}{after}" if self.published else fewer_than(self.threshold)


def add_up(parts: Iterable[tuple[int, bool]], threshold: int) -> Total:
    """The total of counts, each (value, whether it was suppressed)."""
    published = hidden = suppressed = 0
    for value, small in parts:
        if small:
            hidden, suppressed = hidden + value, suppressed + 1
        else:
            published += value
    return Total(published, hidden, suppressed, threshold)
