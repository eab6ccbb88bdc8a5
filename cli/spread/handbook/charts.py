"""Charts drawn as inline SVG: no JavaScript, nothing fetched, and readable without colour.

Every point carries its value as text and its own marker shape, every chart has a `<title>` and `<desc>`
for screen readers, and the page always puts the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spread.bands import number
from spread.handbook.escaping import html

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 28, 56


@dataclass(frozen=True)
class Point:
    label: str              # the x-axis label: a period such as 2026-Q3
    value: float | None     # 0–100, or None for an audit without a score
    note: str               # shown under the label: the band, or why there is no score


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> str:
    head = (f'<svg class="spread-svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">')
    return "\n".join([head, f'<title id="{chart_id}-title">{html(title)}</title>',
                      f'<desc id="{chart_id}-desc">{html(desc)}</desc>', *body, "</svg>"])


def trend(chart_id: str, title: str, points: Sequence[Point]) -> str:
    """A line of scores, as percent of the maximum, one point per audit, oldest on the left."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    grid, body = [], []
    for tick in (0, 25, 50, 75, 100):
        y = TOP + plot_h * (1 - tick / 100)
        grid.append(f'<line class="spread-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        grid.append(f'<text class="spread-axis" x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{tick}%</text>')
    step = plot_w / max(len(points), 1)
    xy = []
    for i, p in enumerate(points):
        x = LEFT + step * (i + 0.5)
        body.append(f'<text class="spread-axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle">'
                    f"{html(p.label)}</text>")
        body.append(f'<text class="spread-note" x="{x:.1f}" y="{HEIGHT - BOTTOM + 38}" text-anchor="middle">'
                    f"{html(p.note)}</text>")
        if p.value is None:
            y = TOP + plot_h
            body.append(f'<circle class="spread-hollow" cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
            continue
        y = TOP + plot_h * (1 - max(0.0, min(p.value, 100.0)) / 100)
        xy.append(f"{x:.1f},{y:.1f}")
        body.append(f'<rect class="spread-point" x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10"/>')
        body.append(f'<text class="spread-value" x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle">'
                    f"{number(round(p.value))}%</text>")
    line = [f'<polyline class="spread-line" points="{" ".join(xy)}"/>'] if len(xy) > 1 else []
    desc = "; ".join(f"{p.label}: {number(round(p.value)) + '%' if p.value is not None else 'no score'}, {p.note}"
                     for p in points)
    return _svg(chart_id, title, desc or "No audits yet.", HEIGHT, grid + line + body)


def bars(chart_id: str, title: str, rows: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars with the label and the count written beside each bar."""
    top = max((count for _, count in rows), default=0) or 1
    label_w, bar_h, gap = 170, 22, 12
    height = TOP + len(rows) * (bar_h + gap)
    body = []
    for i, (label, count) in enumerate(rows):
        y = TOP / 2 + i * (bar_h + gap)
        width = (WIDTH - label_w - 80) * count / top
        body.append(f'<text class="spread-axis" x="{label_w - 10}" y="{y + 16}" text-anchor="end">'
                    f"{html(label)}</text>")
        body.append(f'<rect class="spread-bar spread-bar-{i % 4}" x="{label_w}" y="{y}" width="{width:.1f}" '
                    f'height="{bar_h}"/>')
        body.append(f'<text class="spread-value" x="{label_w + width + 8:.1f}" y="{y + 16}">{count}</text>')
    desc = "; ".join(f"{label}: {count}" for label, count in rows)
    return _svg(chart_id, title, desc or "Nothing to show.", height, body)


def figure(svg: str, caption: str) -> str:
    """A chart as a raw HTML block (so Markdown leaves it alone), with a visible caption."""
    return f'<figure class="spread-chart">\n{svg}\n<figcaption>{html(caption)}</figcaption>\n</figure>'
