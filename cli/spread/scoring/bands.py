"""Reading a score against a playbook's bands, exactly, and the cap a critical breach puts on the band."""

from __future__ import annotations

from fractions import Fraction

from spread.model.instrument import Band
from spread.scoring.numbers import exact, written


def span(band: Band) -> str:
    """A band's range as the playbook writes it: `25–34`, `1–2.9583`."""
    return f"{written(band.min)}–{written(band.max)}"


def bounds(bands: tuple[Band, ...]) -> tuple[Fraction, ...]:
    """Every band's bounds, exactly: the thresholds a banded number must never be shown across."""
    return tuple(exact(value) for band in bands for value in (band.min, band.max))


def ordered(bands: tuple[Band, ...]) -> tuple[Band, ...]:
    """Bands from lowest to highest: the order `--fail-under` and the critical cap compare in."""
    return tuple(sorted(bands, key=lambda b: (b.min, b.max)))


Row = tuple[Band, int, int, int, int]
# By the identity of a playbook version's bands (kept with them, so an id is never reused while it is here):
# hashing the bands themselves on every audit would cost more than reading them.
_TABLES: dict[int, tuple[tuple[Band, ...], tuple[Row, ...]]] = {}


def _table(bands: tuple[Band, ...]) -> tuple[Row, ...]:
    """Each band with its exact bounds as numerator and denominator, highest band first."""
    kept = _TABLES.get(id(bands))
    if kept is not None and kept[0] is bands:
        return kept[1]
    rows = []
    for band in reversed(ordered(bands)):
        low, high = exact(band.min), exact(band.max)
        rows.append((band, low.numerator, low.denominator, high.numerator, high.denominator))
    if len(_TABLES) > 1024:
        _TABLES.clear()
    _TABLES[id(bands)] = (bands, tuple(rows))
    return tuple(rows)


def band_for(bands: tuple[Band, ...], value: Fraction) -> Band | None:
    """The band an exact value falls in. Bands are inclusive; where two share a boundary the higher one takes
    it, so 50% is `adequate`, not `low`. None only if the bands leave a gap (`spread check` reports that)."""
    # Compared as whole numbers (a/b <= c/d when a*d <= c*b): a report bands tens of thousands of audits.
    top, bottom = value.numerator, value.denominator
    for band, low, low_d, high, high_d in _table(bands):
        if low * bottom <= top * low_d and top * high_d <= high * bottom:
            return band
    return None


def rank(bands: tuple[Band, ...], label: str) -> int | None:
    """Where a band label sits in the order, lowest 0; None for a label the playbook does not have."""
    labels = [band.label for band in ordered(bands)]
    return labels.index(label) if label in labels else None


def capped(bands: tuple[Band, ...], band: Band, cap: str) -> Band:
    """The band, lowered to the cap when it is above it."""
    cap_rank, band_rank = rank(bands, cap), rank(bands, band.label)
    if cap_rank is None or band_rank is None or band_rank <= cap_rank:
        return band
    return ordered(bands)[cap_rank]
