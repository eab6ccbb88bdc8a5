"""Fidelity against an outcome across a playbook's sites, drawn as inline SVG: one point per site, each a square
marker with the site's name written beside it (so it reads without colour), the target as a dashed line with its
words. The page puts the same numbers in a table beside it; a site whose figure is suppressed is in the table only.

Like the trend and bar charts (`charts`), it reflows rather than shrinks: no `viewBox`, so nothing is scaled;
across the page it is placed in percentages of its width, and down it in pixels. Its text therefore stays at the
stylesheet's size (13 px, never below 12) on a phone as on a wide screen. A point's label is aligned to start at
its point on the left of the plot, centred in the middle and to end at it on the right, so it stays on the chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from spread.handbook.charts import _pc, _svg
from spread.handbook.escaping import html

HEIGHT = 260
TOP, BOTTOM = 36, 44
X0, X1 = 5.0, 95.0  # the plot's left and right edges, in percent of the chart's width


@dataclass(frozen=True)
class Dot:
    site: str          # the site's name, written beside its marker
    fidelity: float    # its latest audit's percent of the maximum, 0-100
    value: Fraction    # its latest figure (a count, a mean or a percent)
    shown: str         # the figure as every report shows it


def _x(fidelity: float) -> float:
    return X0 + (X1 - X0) * max(0.0, min(fidelity, 100.0)) / 100


def _anchor(fidelity: float) -> str:
    """The label's alignment class: it runs away from the nearer edge of the chart."""
    return "spread-start" if fidelity < 100 / 3 else "spread-end" if fidelity > 200 / 3 else "spread-mid"


def scatter(chart_id: str, title: str, axis: str, dots: Sequence[Dot], target: Fraction | None,
            target_words: str) -> str:
    """The chart; `axis` names the outcome's unit for the y axis."""
    values = [d.value for d in dots] + ([target] if target is not None else [])
    low, high = (min(values), max(values)) if values else (Fraction(0), Fraction(1))
    pad = (high - low) / 10 or abs(high) / 10 or Fraction(1)
    low, high = low - pad, high + pad
    plot_h = HEIGHT - TOP - BOTTOM
    left, right = _pc(X0), _pc(X1)

    def y(value: Fraction) -> float:
        return TOP + plot_h * float((high - value) / (high - low))

    body = [f'<line class="spread-grid" x1="{left}" x2="{left}" y1="{TOP}" y2="{TOP + plot_h}"/>',
            f'<line class="spread-grid" x1="{left}" x2="{right}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>']
    body += [f'<text class="spread-axis {_anchor(t)}" x="{_pc(_x(t))}" y="{TOP + plot_h + 18}">{t}%</text>'
             for t in (0, 50, 100)]
    body.append(f'<text class="spread-axis spread-end" x="{right}" y="{HEIGHT - 6}">Fidelity at the '
                "latest audit (% of the maximum)</text>")
    body.append(f'<text class="spread-axis spread-start" x="{left}" y="{TOP - 16}">{html(axis)}</text>')
    if target is not None:
        ty = y(target)
        body.append(f'<line class="spread-break" x1="{left}" x2="{right}" y1="{ty:.1f}" y2="{ty:.1f}"/>')
        body.append(f'<text class="spread-version spread-end" x="{right}" y="{ty - 4:.1f}">{html(target_words)}'
                    "</text>")
    body += [f'<rect class="spread-point" x="{_pc(_x(d.fidelity))}" y="{y(d.value) - 5:.1f}" width="10" height="10" '
             'transform="translate(-5 0)"/>' for d in dots]
    body += [f'<text class="spread-value {_anchor(d.fidelity)}" x="{_pc(_x(d.fidelity))}" y="{y(d.value) - 9:.1f}">'
             f"{html(d.site)}: {html(d.shown)}</text>" for d in dots]
    desc = "; ".join(f"{d.site}: fidelity {d.fidelity:g}%, {d.shown}" for d in dots)
    return _svg(chart_id, title, desc or "No site has a published figure yet.", HEIGHT, body)
