"""One ordered palette for every judgement the handbook draws: bands, practice levels, heat-map cells, badges,
bars and chart points.

Five steps from worst (0) to best (4), after ColorBrewer's red-yellow-blue scale, which stays in order for the
common kinds of colour blindness (red-green) and in greyscale; blue rather than green for the best, so that the
two ends never look alike. Colour only helps: the band's or level's word is always printed beside it. The
colours themselves are in `assets/spread.css` (`.spread-step-0` … `.spread-step-4`, `.spread-step-none` for no
judgement), with lighter shades behind text and darker ones in dark mode.
"""

from __future__ import annotations

from spread.handbook.markup import inline
from spread.handbook.words import sentence
from spread.model.instrument import Band
from spread.scoring.bands import ordered

STEPS = 5
NONE = "spread-step-none"
LEVEL_STEP = {"unacceptable": 0, "developmental": 2, "expected": 4, "ideal": 4}


def step(position: int, count: int) -> str:
    """The class for the `position`th of `count` ordered judgements (0 the worst): spread evenly over the five
    steps, so three bands are red, yellow and blue, and the best is always the same blue."""
    if count <= 1:
        return f"spread-step-{STEPS - 1}"
    return f"spread-step-{round(position * (STEPS - 1) / (count - 1))}"


def band_class(bands: tuple[Band, ...], label: str | None) -> str:
    """The class for a band of a playbook's bands (by label); `NONE` for no band, out of date or incomplete."""
    labels = [b.label for b in ordered(bands)]
    return step(labels.index(label), len(labels)) if label in labels else NONE


def level_class(level: str | None) -> str:
    """The class for a practice level (`expected`, `developmental`, `unacceptable`); `NONE` when not rated."""
    return f"spread-step-{LEVEL_STEP[level]}" if level in LEVEL_STEP else NONE


def badge(bands: tuple[Band, ...], label: str | None, words: str = "", breach: bool = False) -> str:
    """A band as a coloured badge with its word (`words`, already HTML, or the label in words). A critical breach
    marks the badge itself, with a warning sign and a heavy outline, so it cannot sit plain beside its breach."""
    said = words or inline(sentence(label or ""))
    mark = '<span class="spread-breach-mark" aria-hidden="true">⚠ </span>' if breach else ""
    extra = " spread-breach" if breach else ""
    return f'<span class="spread-band {band_class(bands, label)}{extra}">{mark}{said}</span>'
