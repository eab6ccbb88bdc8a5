"""Numbers decided exactly and shown in one format.

Every score, mean, percent and goal value is a `Fraction`, and every bound and target is read as the decimal the
author wrote (2.9583 is 29583/10000, not the binary float nearest to it), so the boundary rules hold exactly:
7 of 100 is 7%, which meets a goal of at most 7%. A number is shown with the playbook's decimal places
(`fidelity.decimals`), rounded half away from zero, and with more places where fewer would put it on the other
side of a threshold its verdict was decided against (a band's bounds, a goal's target): a mean of 2.9583 in a band
from 3 never reads "3.00".
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

# More places than any verdict needs between two numbers people write; past it the closest try is shown.
MOST_EXTRA = 12
# A number that ends within this many places (a total with half points, a count's 72.25) is shown as it is.
ENDING = 4


@lru_cache(maxsize=4096)
def exact(value: float | Fraction) -> Fraction:
    """A number as its author wrote it: a float from YAML is its shortest decimal form."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def written(value: float) -> str:
    """A bound or a target as written in the playbook: `58`, `2.9583` (never rounded to the display format)."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    return str(value)


def _side(value: Fraction, threshold: Fraction) -> int:
    return (value > threshold) - (value < threshold)


def rounded(value: Fraction, places: int) -> str:
    """`value` to `places` decimal places, halves away from zero: 2/3 → `0.67`, 29/50*100 → `58`."""
    whole = math.floor(abs(value) * 10**places + Fraction(1, 2))
    digits = str(whole).rjust(places + 1, "0")
    text = f"{digits[:-places]}.{digits[-places:]}" if places else digits
    return "-" + text if value < 0 and whole else text


def fixed(value: Fraction, places: int, thresholds: Iterable[Fraction] = ()) -> str:
    """`value` to `places` decimal places, or more where fewer would move it onto or across a threshold."""
    limits = tuple(thresholds)
    text = rounded(value, places)
    for extra in range(1, MOST_EXTRA + 1):
        if all(_side(Fraction(text), t) == _side(value, t) for t in limits):
            break
        text = rounded(value, places + extra)
    return text


def plain(text: str) -> int | float:
    """A shown number (`58%`, `2.96`, `-3`) as a JSON or spreadsheet number with the same digits."""
    digits = text.rstrip("%")
    return float(digits) if "." in digits else int(digits)


def ending(value: Fraction, most: int = ENDING) -> str | None:
    """`value` written out exactly when it ends within `most` decimal places (`37.5`, `72.25`), else None."""
    for places in range(most + 1):
        text = rounded(value, places)
        if Fraction(text) == value:
            return text
    return None
