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


def band_for(bands: tuple[Band, ...], value: Fraction) -> Band | None:
    """The band an exact value falls in. Bands are inclusive; where two share a boundary the higher one takes
    it, so 50% is `adequate`, not `low`. None only if the bands leave a gap (`spread check` reports that)."""
    inside = [band for band in ordered(bands) if exact(band.min) <= value <= exact(band.max)]
    return inside[-1] if inside else None


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
