"""Reading a score against a playbook's bands, and showing numbers the way every report shows them."""

from __future__ import annotations

from spread.model.instrument import Band


def number(value: float) -> str:
    """A number as people read it: whole numbers bare, others to 2 decimals (comparisons use the unrounded value)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def span(band: Band) -> str:
    return f"{number(band.min)}–{number(band.max)}"


def ordered(bands: tuple[Band, ...]) -> tuple[Band, ...]:
    """Bands from lowest to highest: the order `--fail-under` and the critical cap compare in."""
    return tuple(sorted(bands, key=lambda b: (b.min, b.max)))


def band_for(bands: tuple[Band, ...], value: float) -> Band | None:
    """The band an (unrounded) value falls in. Bands are inclusive; where two share a boundary the higher one
    takes it, so 50% is `adequate`, not `low`. None only if the bands leave a gap (`spread check` reports that)."""
    inside = [band for band in ordered(bands) if band.min <= value <= band.max]
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
