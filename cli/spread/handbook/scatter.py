"""Fidelity against an outcome across a playbook's sites, drawn as inline SVG: one point per site, each a square
marker with the site's name written beside it (so it reads without colour), the target as a dashed line with its
words. The page puts the same numbers in a table beside it; a site whose figure is suppressed is in the table only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from spread.handbook.escaping import html

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 120, 24, 44


def svg(chart_id: str, title: str, desc: str, body: list[str]) -> str:
    """The chart scaled to the page's width (a view box: its points and labels keep their places)."""
    head = (f'<svg class="spread-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc">')
    return "".join([head, f'<title id="{chart_id}-title">{html(title)}</title>',
                    f'<desc id="{chart_id}-desc">{html(desc)}</desc>', *body, "</svg>"])


@dataclass(frozen=True)
class Dot:
    site: str          # the site's name, written beside its marker
    fidelity: float    # its latest audit's percent of the maximum, 0-100
    value: Fraction    # its latest figure (a count, a mean or a percent)
    shown: str         # the figure as every report shows it


def _x(fidelity: float) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * max(0.0, min(fidelity, 100.0)) / 100


def scatter(chart_id: str, title: str, axis: str, dots: Sequence[Dot], target: Fraction | None,
            target_words: str) -> str:
    """The chart; `axis` names the outcome's unit for the y axis."""
    values = [d.value for d in dots] + ([target] if target is not None else [])
    low, high = (min(values), max(values)) if values else (Fraction(0), Fraction(1))
    pad = (high - low) / 10 or abs(high) / 10 or Fraction(1)
    low, high = low - pad, high + pad
    plot_h = HEIGHT - TOP - BOTTOM

    def y(value: Fraction) -> float:
        return TOP + plot_h * float((high - value) / (high - low))

    body = [f'<path class="spread-grid" d="M{LEFT} {TOP}V{TOP + plot_h}H{WIDTH - RIGHT}"/>']
    body += [f'<text class="spread-axis" x="{_x(t):.1f}" y="{TOP + plot_h + 18}">{t}%</text>' for t in (0, 50, 100)]
    body.append(f'<text class="spread-axis" x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - 6}">Fidelity at the '
                "latest audit (% of the maximum)</text>")
    body.append(f'<text class="spread-axis" x="{LEFT - 8}" y="{TOP - 8}">{html(axis)}</text>')
    if target is not None:
        ty = y(target)
        body.append(f'<path class="spread-break" d="M{LEFT} {ty:.1f}H{WIDTH - RIGHT}"/>')
        body.append(f'<text class="spread-version" x="{WIDTH - RIGHT + 4}" y="{ty + 4:.1f}">{html(target_words)}</text>')
    marks = "".join(f"M{_x(d.fidelity) - 5:.1f} {y(d.value) - 5:.1f}h10v10h-10z" for d in dots)
    if marks:
        body.append(f'<path class="spread-point" d="{marks}"/>')
    body += [f'<text class="spread-value" x="{_x(d.fidelity) + 8:.1f}" y="{y(d.value) - 8:.1f}">{html(d.site)}: '
             f"{html(d.shown)}</text>" for d in dots]
    desc = "; ".join(f"{d.site}: fidelity {d.fidelity:g}%, {d.shown}" for d in dots)
    return svg(chart_id, title, desc or "No site has a published figure yet.", body)
